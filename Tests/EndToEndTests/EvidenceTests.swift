import Foundation
import Testing

/// Never silently empty or silently wrong: a source that the adapter mostly misreads fails the
/// run, and the brief and dashboard show only the sections their evidence supports.
@Suite struct EvidenceTests {
    static let samples = Package.root.appendingPathComponent("samples/millbrook").path

    /// A survey source over `csv`, with `extra` lines in its entry and the survey stage and text sinks.
    func surveyPipeline(_ extra: String = "") -> String {
        """
        place: { name: Test Town, code: E07000001 }
        period: 2025
        sources:
          - id: survey
            adapter: csv-survey
            path: survey.csv
            scale: agree5
            questions: [Q1]
        \(extra.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        transforms:
          - stage: survey-aggregate
            min_group_size: 1
        sinks:
          - sink: text-report
          - sink: html-dashboard
          - sink: dashboard-json
        """
    }

    @Test("A survey mostly set aside stops the run with exit 1, its count and commonest reasons; raising max_rejected lets it run")
    func mostlyRejectedSurveyFails() throws {
        let scratch = try Scratch()
        let rows = (1...20).map { $0 <= 3 ? "\($0),Agree" : "\($0),Agreed" }
        try (["id,Q1"] + rows).joined(separator: "\n").write(toFile: scratch.path + "/survey.csv", atomically: true, encoding: .utf8)
        try surveyPipeline().write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("p.yaml:4:5: error: source 'survey' set aside 17 of its 20 records (85%), more than its max_rejected of 5%: "
                                          + "17 × unknown answer '…' to question '…' (first at survey.csv:5:2: unknown answer 'Agreed'"), "\(outcome.stderr)")
        // Off their scale: the file's own scale is what to declare, not a higher threshold.
        #expect(outcome.stderr.contains(" — the answers are on another scale than the one named: declare the file's own under `scales:`"))
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out/test-town/2025"))

        try surveyPipeline("max_rejected: 90%").write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let raised = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(raised.status == 0, "\(raised.stderr)")
        let rejects = try String(contentsOfFile: scratch.path + "/out/test-town/2025/rejects/survey.csv", encoding: .utf8)
        #expect(rejects.split(separator: "\n").count == 18)
    }

    @Test("A file of only a header fails the run: nothing passed on")
    func headerOnlyFails() throws {
        let scratch = try Scratch()
        try "id,Q1\n".write(toFile: scratch.path + "/survey.csv", atomically: true, encoding: .utf8)
        try surveyPipeline().write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "p.yaml:4:5: error: source 'survey' gave no records: its input holds none (survey: survey.csv has a header but no responses.) — "
                + "check that the path names the file you meant and that the export holds data, not only a header\n", "\(outcome.stderr)")
    }

    @Test("An indicator file whose rows the source's own filter passes over: the error says so")
    func filteredToNothingFails() throws {
        let scratch = try Scratch()
        try "AREACD,AREANM,Period,Observation\nE07000002,Elsewhere,2024,1.5\nE07000003,Further,2024,2.5\n"
            .write(toFile: scratch.path + "/ons.csv", atomically: true, encoding: .utf8)
        try """
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - id: ons
                adapter: csv-indicators
                path: ons.csv
                layout: ons
                indicator: x
                areas: [E07000001]
            sinks:
              - sink: text-report
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("p.yaml:4:5: error: source 'ons' gave no records: its input holds none "
                                          + "(ons.csv: 2 row(s) of areas not listed in `areas:` passed over.) — "), "\(outcome.stderr)")
    }

    @Test("A place whose code is in none of the statistics (a typo) fails the run, naming the codes the file does hold; with the right code it runs")
    func placeMissingFromTheStatisticsFails() throws {
        let scratch = try Scratch()
        try "AREACD,AREANM,Period,Observation\nE07000002,Elsewhere,2024,1.5\nE92000001,England,2024,2.5\n"
            .write(toFile: scratch.path + "/ons.csv", atomically: true, encoding: .utf8)
        try "indicators:\n  - { id: x, name: X, value_type: count, polarity: no_judgement }\n"
            .write(toFile: scratch.path + "/c.yaml", atomically: true, encoding: .utf8)
        let pipeline = """
            place: { name: Test Town, code: E07000020 }
            period: 2025
            benchmarks: [{ code: E92000001, name: England, role: england }]
            sources:
              - id: ons
                adapter: csv-indicators
                path: ons.csv
                layout: ons
                indicator: x
            transforms:
              - { stage: indicators, catalogue: c.yaml }
            sinks:
              - sink: text-report
            """
        try pipeline.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "p.yaml:1:33: error: the place's code 'E07000020' is in none of the statistics: they gave values only for E92000001 (England); "
                + "besides them, they hold 1 other area — did you mean E07000002 (Elsewhere)? If not, "
                + "check the place's code against the area codes in the file (it may be a typo, or a code of another year's boundaries)\n", "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out/test-town/2025"))
        try pipeline.replacingOccurrences(of: "E07000020", with: "E07000002").write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let fixed = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(fixed.status == 0, "\(fixed.stderr)")
        // Without a `priorities` stage the brief does not say nothing is worse (a programme
        // try-out's report said "3 significantly worse" and then "nothing is significantly worse").
        let report = try String(contentsOfFile: scratch.path + "/out/test-town/2025/report.md", encoding: .utf8)
        #expect(report.contains("No candidate priorities: this pipeline has no `priorities` stage to pick them"), "\(report)")
        #expect(!report.contains("nothing is significantly worse than the benchmarks"))
    }

    /// A try-out's `code: "E07000174 "` failed with "the place's code E07000174  is in none of
    /// the statistics", the space invisible. Codes in the files (and a programme's places file)
    /// are read without the spaces around them, so the pipeline's are too, with a warning at the code.
    @Test("A place's or benchmark's code with spaces around it is read without them, with a warning at the code")
    func codeWithSpaces() throws {
        let scratch = try Scratch()
        try "AREACD,AREANM,Period,Observation\nE07000002,Elsewhere,2024,1.5\nE92000001,England,2024,2.5\n"
            .write(toFile: scratch.path + "/ons.csv", atomically: true, encoding: .utf8)
        try "indicators:\n  - { id: x, name: X, value_type: count, polarity: no_judgement }\n"
            .write(toFile: scratch.path + "/c.yaml", atomically: true, encoding: .utf8)
        try """
            place: { name: Test Town, code: "E07000002 " }
            period: 2025
            benchmarks: [{ code: "  E92000001", name: England, role: england }]
            sources:
              - { id: ons, adapter: csv-indicators, path: ons.csv, layout: ons, indicator: x }
            transforms:
              - { stage: indicators, catalogue: c.yaml }
            sinks:
              - sink: dashboard-json
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let warnings = "p.yaml:1:33: warning: the place's code 'E07000002 ' has a space after it: read as 'E07000002' — "
            + "remove the space from the pipeline (area codes in the files are read without them)\n"
            + "p.yaml:3:22: warning: the benchmark England's code '  E92000001' has spaces before it: read as 'E92000001' — "
            + "remove the spaces from the pipeline (area codes in the files are read without them)\n"
        let validate = try baseline("validate", "p.yaml", "-q", in: scratch.url)
        #expect(validate.status == 0 && validate.stderr == warnings, "\(validate.stderr)")
        let run = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(run.status == 0 && run.stderr == warnings, "\(run.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path + "/out/test-town/2025/baseline.json"))) as? [String: Any])
        #expect((document["place"] as? [String: String])?["code"] == "E07000002")
        #expect((document["benchmarks"] as? [[String: String]])?.first?["code"] == "E92000001")
        let elsewhere = (document["indicators"] as? [[String: Any]] ?? []).first { $0["area"] as? String == "E07000002" }
        #expect(elsewhere?["value"] as? Double == 1.5)
    }

    @Test("A pipeline naming both place: and places: says to keep one, at the places: line")
    func placeAndPlacesBothNamed() throws {
        let scratch = try Scratch()
        try """
            place: { name: Test Town, code: E07000001 }
            places: places.csv
            period: 2025
            sinks:
              - sink: text-report
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        for command in ["validate", "run"] {
            let outcome = try baseline(command, "p.yaml", in: scratch.url)
            #expect(outcome.status == 1)
            #expect(outcome.stderr == "p.yaml:2:1: error: this pipeline names both `place:` (line 1) and `places:` — "
                    + "keep one: `place:` for one place, or `places:` for a list of places (docs/scale.md)\n", "\(outcome.stderr)")
        }
    }

    @Test("A resident survey is not 'staff': the brief and dashboard say who answered")
    func audienceNamesWhoAnswered() throws {
        let scratch = try Scratch()
        try "id,Q1\n1,Agree\n2,Disagree\n3,Agree\n".write(toFile: scratch.path + "/survey.csv", atomically: true, encoding: .utf8)
        try surveyPipeline("audience: residents").write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let brief = try String(contentsOfFile: scratch.path + "/out/test-town/2025/report.md", encoding: .utf8)
        #expect(brief.contains("- About 3 residents answered the survey.\n"))
        #expect(brief.contains("## What residents told us\n"))
        #expect(!brief.contains("staff"))
        // Neither indicators nor themes: their sections and starting-point lines are left out.
        #expect(!brief.contains("## What the numbers say") && !brief.contains("## What we heard") && !brief.contains("indicators compared"))
        #expect(brief.contains("- No indicators for Test Town in this baseline.\n"))
        let dashboard = try String(contentsOfFile: scratch.path + "/out/test-town/2025/dashboard.html", encoding: .utf8)
        #expect(dashboard.contains("<h2 id=\"survey\">What residents told us</h2>"))
        #expect(!dashboard.contains("staff") && !dashboard.contains("id=\"indicators\"") && !dashboard.contains("> Indicators</li>"))
        let json = try String(contentsOfFile: scratch.path + "/out/test-town/2025/baseline.json", encoding: .utf8)
        #expect(json.contains("\"audience\" : \"residents\"") || json.contains("\"audience\": \"residents\""))
        let valid = try validateJSON(scratch.path + "/out/test-town/2025/baseline.json", against: "baseline.schema.json")
        #expect(valid.stdout == "valid\n", "\(valid.stderr)")

        // `audience:` on a source that reads no survey is an error at its line.
        try """
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - id: stats
                adapter: xml-dataset
                audience: residents
                path: x.xml
                mapped: { record: /d/r, area: a, period: p, indicator: i, value: v }
            """.write(toFile: scratch.path + "/q.yaml", atomically: true, encoding: .utf8)
        let wrong = try baseline("validate", "q.yaml", in: scratch.url)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.hasPrefix("q.yaml:6:5: error: adapter 'xml-dataset' does not read survey answers"), "\(wrong.stderr)")
    }

    @Test("A baseline of statistics only: no 'About 0 staff answered the survey', no survey section")
    func noSurveyNoSurveyWords() throws {
        let scratch = try Scratch()
        try """
            place: { name: Millbrook, code: E07999001 }
            period: 2025
            benchmarks:
              - { code: E92000001, name: England, role: england }
            sources:
              - id: place-indicators
                adapter: xml-dataset
                path: \(Self.samples)/indicators-sdmx.xml
                sdmx: { indicator: INDICATOR, count: OBS_COUNT, denominator: OBS_DENOM }
            transforms:
              - stage: indicators
                catalogue: \(Self.samples)/indicators.yaml
            sinks:
              - sink: text-report
              - sink: html-dashboard
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let brief = try String(contentsOfFile: scratch.path + "/out/millbrook/2025/report.md", encoding: .utf8)
        #expect(!brief.contains("answered the survey") && !brief.contains("told us") && !brief.contains("staff"))
        #expect(brief.contains("## What the numbers say"))
        #expect(brief.contains("- No survey in this baseline.\n"))
        let dashboard = try String(contentsOfFile: scratch.path + "/out/millbrook/2025/dashboard.html", encoding: .utf8)
        #expect(!dashboard.contains("Survey respondents") && !dashboard.contains("id=\"survey\""))
    }

    /// An ONS Explore Local Statistics file as published in 2025, Sheffield under its old code
    /// and its new one (second new-user try-out): the range across areas is England's districts
    /// and unitaries (E06–E09: not Scotland's councils, which ONS's `geography` lumps in, and
    /// not the counties it publishes beside the districts), counts Sheffield once, and the brief says the code the
    /// pipeline gave is no longer in use.
    @Test("ONS files: ranges over England's E06–E09 areas, an obsolete code counted once and named in the brief")
    func onsRangesAndObsoleteCodes() throws {
        let scratch = try Scratch()
        try """
            areacd,areanm,geography,indicator,period,observation,measure,unit,lci_95,uci_95,status,notes
            E08000019,Sheffield,Local Authority District,Smokers,2023,10,Percentage,%,,,,Obsolete code since 2025 (replaced by E08000039 Sheffield)
            E08000039,Sheffield,Local Authority District,Smokers,2023,10,Percentage,%,,,,
            E08000016,Barnsley,Local Authority District,Smokers,2023,20,Percentage,%,,,,
            E06000001,Hartlepool,County or Unitary Authority,Smokers,2023,30,Percentage,%,,,,
            E10000003,Cambridgeshire,County or Unitary Authority,Smokers,2023,35,Percentage,%,,,,
            E07000008,Cambridge,Local Authority District,Smokers,2023,25,Percentage,%,,,,
            S12000033,Aberdeen City,Local Authority District,Smokers,2023,99,Percentage,%,,,,
            E92000001,England,Nation,Smokers,2023,15,Percentage,%,,,,

            """.write(toFile: scratch.path + "/ons.csv", atomically: true, encoding: .utf8)
        try "indicators:\n  - { id: smokers, name: Smokers, value_type: proportion, polarity: low_is_good }\n"
            .write(toFile: scratch.path + "/c.yaml", atomically: true, encoding: .utf8)
        try """
            place: { name: Sheffield, code: E08000019 }
            period: 2025
            benchmarks: [{ code: E92000001, name: England, role: england }]
            sources:
              - { id: ons, adapter: csv-indicators, path: ons.csv }
            transforms:
              - { stage: indicators, catalogue: c.yaml }
            sinks:
              - sink: dashboard-json
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let data = try Data(contentsOf: scratch.url.appendingPathComponent("out/sheffield/2025/baseline.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let indicators = try #require(document["indicators"] as? [[String: Any]])
        let place = try #require(indicators.first { $0["area"] as? String == "E08000019" })
        let range = try #require(place["range_across_areas"] as? [String: Any])
        // Sheffield (new code), Barnsley, Hartlepool and Cambridge: not the old code again,
        // Aberdeen, or Cambridgeshire (a county, where the file has districts: ONS publishes both tiers).
        #expect(range["areas"] as? Int == 4 && range["worst"] as? Double == 30 && range["best"] as? Double == 10, "\(range)")
        #expect(range["area_type"] as? String == "E06–E09 (local authorities, lower tier or unitary)", "\(range)")
        let notes = try #require((document["data_quality"] as? [String: Any])?["notes"] as? [String])
        #expect(notes.contains { $0.hasPrefix("The files say the place's code E08000019 is no longer in use (\"Obsolete code since 2025 (replaced by E08000039 Sheffield)\")") },
                "\(notes)")
    }
}
