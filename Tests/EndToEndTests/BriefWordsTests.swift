import Foundation
import Testing

/// The brief in plain words that fit its evidence: 1 and many, gaps without `(s)` or `×`,
/// workshop questions that agree with the data, `report.txt` at 80 columns — on the Millbrook
/// sample and on baselines of statistics only and of notes only.
@Suite struct BriefWordsTests {
    static let samples = Package.root.appendingPathComponent("samples/millbrook").path

    /// Runs `pipeline` in a scratch folder (`scratch`, or a new one) and returns its brief and plain-text twin.
    func brief(_ pipeline: String, place: String, in scratch: Scratch? = nil) throws -> (md: String, txt: String) {
        let scratch = try scratch ?? Scratch()
        try pipeline.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let folder = scratch.path + "/out/\(place)/2025/"
        return (try String(contentsOfFile: folder + "report.md", encoding: .utf8), try String(contentsOfFile: folder + "report.txt", encoding: .utf8))
    }

    func expectEighty(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let long = text.split(separator: "\n").filter { $0.count > 80 }
        #expect(long.isEmpty, "\(long.count) lines of report.txt are wider than 80 columns: \(long.prefix(3))", sourceLocation: sourceLocation)
    }

    @Test func theSampleBriefReadsInPlainWords() throws {
        let scratch = try Scratch()
        let outcome = try baseline("run", "pipelines/millbrook-2025.yaml", "--output", scratch.path, "--quiet")
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let md = try String(contentsOfFile: scratch.path + "/millbrook/2025/report.md", encoding: .utf8)
        let txt = try String(contentsOfFile: scratch.path + "/millbrook/2025/report.txt", encoding: .utf8)
        expectEighty(txt)
        // Plurals in words, not "(s)"; reasons for set-aside records without "×".
        #expect(!md.contains("(s) ") && !md.contains(" × "), "\(md)")
        #expect(md.contains("- 1 roll-up left missing: "))
        #expect(md.contains("- `staff-survey`: 493 records read, 491 used, 2 set aside (see rejects/staff-survey.csv) — why: ragged row (1), unknown answer (1).\n"))
        #expect(md.contains("Redacted from quotes and answers: 2 email addresses, 6 names, 1 NHS number, 3 phone numbers and 2 postcodes."))
        // The survey singles silos out (13.5% disagree that we work in silos): the question says
        // so, and names the theme in the middle of the sentence with a small letter.
        #expect(!md.contains("People kept raising Silos") && !md.contains("raising silos, but the indicators do not single it out"))
        #expect(md.contains("People kept raising silos, and the survey bears them out, though no indicator singles it out."))
        // A theme or indicator name is not the subject of "is worse": "Frail older people is
        // worse here" was wrong in number, and an indicator is not worse, its numbers are.
        #expect(!md.contains("Frail older people is worse here") && !md.contains(" is worse here than in "))
        #expect(md.contains("4. On frail older people, the numbers here are worse, and people told us so too."))
        #expect(md.contains("3. On children in relative low-income families (under 16), the numbers here are worse, yet"))
        // The benchmarks it is worse than are in the evidence under it, and in full in the appendix
        // (Eastfield's interval overlaps Millbrook's: similar to it).
        #expect(md.contains("Emergency hospital admissions due to falls, people aged 65 and over is worse than Vale, Midshire region and England"))
        // Co-location has no survey question: what people said is all there is.
        #expect(md.contains("People kept raising co-location, but the indicators do not single it out."))
        // A passage is quoted under one theme only (the inspector's "silos" passage was under
        // Silos and Housing alike).
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path + "/millbrook/2025/baseline.json")))
        let themes = try #require((json as? [String: Any])?["themes"] as? [[String: Any]])
        let quotes = themes.flatMap { ($0["quotes"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String } }
        #expect(quotes.count > 20 && Set(quotes).count == quotes.count, "\(Dictionary(grouping: quotes, by: { $0 }).filter { $0.value.count > 1 }.keys)")
    }

    /// A region's code in none of the files (E12999009, typed for Midshire's E12999001) was
    /// dropped without a word, and the brief still said "compared with England, the region and
    /// our neighbours" (with no neighbours at all). Now the run warns and the gaps say so, naming
    /// the code, the file and the likely code; the brief names only the areas compared.
    @Test func aBenchmarkInNoFileIsSaidAndTheBriefClaimsNoComparisonWithIt() throws {
        let scratch = try Scratch()
        try """
            place: { name: Millbrook, code: E07999001 }
            period: 2025
            benchmarks:
              - { code: E92000001, name: England, role: england }
              - { code: E12999009, name: Midshire region, role: region }
            sources:
              - id: place-indicators
                adapter: xml-dataset
                path: \(Self.samples)/indicators-sdmx.xml
                sdmx: { indicator: INDICATOR, count: OBS_COUNT, denominator: OBS_DENOM }
            transforms:
              - stage: indicators
                catalogue: \(Self.samples)/indicators.yaml
              - stage: benchmark
            sinks:
              - sink: text-report
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let said = "the benchmark area E12999009 (Midshire region) has no figures in the statistics read (\(Self.samples)/indicators-sdmx.xml): "
            + "the place is compared with it on no indicator. Check its code in `benchmarks:` — did you mean E12999001?"
        #expect(outcome.stderr == "p.yaml: warning: \(said)\n")
        let md = try String(contentsOfFile: scratch.path + "/out/millbrook/2025/report.md", encoding: .utf8)
        #expect(md.contains("- 5 indicators, 3 of them compared with England: **3 significantly worse** than at least one of them.\n"), "\(md)")
        #expect(!md.contains("the region") && !md.contains("neighbours"))
        #expect(md.contains("- The benchmark area E12999009 (Midshire region) has no figures in the statistics read"))
        // With the code put right, the region is compared and named.
        let fixed = try String(contentsOfFile: scratch.path + "/p.yaml", encoding: .utf8).replacingOccurrences(of: "E12999009", with: "E12999001")
        try fixed.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let again = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(again.status == 0 && again.stderr.isEmpty, "\(again.stderr)")
        let right = try String(contentsOfFile: scratch.path + "/out/millbrook/2025/report.md", encoding: .utf8)
        #expect(right.contains("- 5 indicators, 3 of them compared with England and the region: "), "\(right)")
        #expect(!right.contains("has no figures"))
    }

    @Test func aBaselineOfStatisticsOnlyDoesNotSpeakOfWhatWasHeard() throws {
        let (md, txt) = try brief("""
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
              - stage: benchmark
              - stage: priorities
            sinks:
              - sink: text-report
            """, place: "millbrook")
        expectEighty(txt)
        #expect(md.contains("## Where the evidence points\n") && !md.contains("## Where they agree"))
        #expect(!md.contains("little was said") && !md.contains("hardly came up") && !md.contains("what we heard"), "\(md)")
        #expect(md.contains("— the indicators point to it. "))
        #expect(md.contains("Who would we need to hear from to understand why?"))
    }

    /// A survey and statistics but no notes or free text: nothing was heard that a topic could
    /// have "hardly come up" in, and the brief, its twin and the dashboard say so.
    @Test func aBaselineWithoutNotesSaysNothingWasHeard() throws {
        let scratch = try Scratch()
        let (md, txt) = try brief("""
            place: { name: Millbrook, code: E07999001 }
            period: 2025
            benchmarks:
              - { code: E92000001, name: England, role: england }
            sources:
              - id: staff-survey
                adapter: csv-survey
                path: \(Self.samples)/staff-survey-2025.csv
                respondent_id: Respondent ID
                groups: [Organisation, Role]
                scale: agree5
                questions:
                  - { column: Partners here trust each other, id: partners_trust }
              - id: place-indicators
                adapter: xml-dataset
                path: \(Self.samples)/indicators-sdmx.xml
                sdmx: { indicator: INDICATOR, count: OBS_COUNT, denominator: OBS_DENOM }
            transforms:
              - stage: survey-aggregate
              - stage: indicators
                catalogue: \(Self.samples)/indicators.yaml
              - stage: benchmark
              - stage: priorities
            sinks:
              - sink: text-report
              - sink: html-dashboard
            """, place: "millbrook", in: scratch)
        let dashboard = try String(contentsOfFile: scratch.path + "/out/millbrook/2025/dashboard.html", encoding: .utf8)
        for text in [md, txt.replacingOccurrences(of: "\n   ", with: " "), dashboard] {
            #expect(!text.contains("hardly came up") && !text.contains("little was said"), "\(text)")
        }
        #expect(md.contains(", the numbers here are worse; this baseline holds no notes or free text to tell us whether people raise it. Who would we need to hear from to understand why?"), "\(md)")
        #expect(md.contains("— the indicators point to it; no notes or free text were in this baseline to set beside them. "), "\(md)")
        #expect(dashboard.contains("; this baseline holds no notes or free text to tell us whether people raise it. Who would we need to hear from to understand why?</li>"))
        #expect(dashboard.contains("— the indicators point to it; no notes or free text were in this baseline to set beside them. "))
        expectEighty(txt)
    }

    @Test func aBaselineOfNotesOnlyDoesNotSpeakOfIndicators() throws {
        let (md, txt) = try brief("""
            place: { name: Millbrook, code: E07999001 }
            period: 2025
            sources:
              - id: notes
                adapter: interview-notes
                path: \(Self.samples)/notes
                filename_pattern: "{date}_{kind}_{_}"
                defaults: { kind: notes }
            transforms:
              - stage: code-themes
                codebook: \(Self.samples)/codebook.yaml
              - stage: priorities
            sinks:
              - sink: text-report
            """, place: "millbrook")
        expectEighty(txt)
        #expect(md.contains("## Where the evidence points\n") && !md.contains("## Where they agree"))
        #expect(!md.contains("indicators do not single it out") && !md.contains("no indicator"), "\(md)")
        #expect(md.contains("— people raised it. "))
        #expect(md.contains("People kept raising silos. What are they seeing, and what would tell us it is changing?"), "\(md)")
        #expect(!md.contains("## What the numbers say") && !md.contains("answered the survey"))
    }

    @Test func oneIndicatorAndOneThemeAreSingular() throws {
        let scratch = try Scratch()
        try "AREACD,AREANM,Period,Observation\nE07000001,Test Town,2024,1.5\n"
            .write(toFile: scratch.path + "/ons.csv", atomically: true, encoding: .utf8)
        try "---\nrole: Officer\n---\nWe work in silos here.\n".write(toFile: scratch.path + "/note.md", atomically: true, encoding: .utf8)
        try """
            themes:
              - id: silos
                name: Silos
                phrases: [silos]
            """.write(toFile: scratch.path + "/codebook.yaml", atomically: true, encoding: .utf8)
        try """
            indicators:
              - { id: x, name: Something measured, unit: "%", value_type: proportion, polarity: high_is_good }
            """.write(toFile: scratch.path + "/catalogue.yaml", atomically: true, encoding: .utf8)
        let (md, txt) = try brief("""
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - id: ons
                adapter: csv-indicators
                path: ons.csv
                layout: ons
                indicator: x
              - id: notes
                adapter: interview-notes
                path: note.md
            transforms:
              - stage: indicators
                catalogue: catalogue.yaml
              - stage: code-themes
                codebook: codebook.yaml
            sinks:
              - sink: text-report
            """, place: "test-town", in: scratch)
        expectEighty(txt)
        #expect(md.contains("- 1 indicator, "), "\(md)")
        #expect(md.contains("- 1 theme came up in interviews"), "\(md)")
        #expect(md.contains("`ons`: 1 record read, 1 used."), "\(md)")
    }

    /// The codebook pins and vetoes quotes by file and line: a pinned passage comes first, a
    /// vetoed one never appears, a pin that names no coded passage is noted, and a reference
    /// that is not `file:line` is an error at its line.
    @Test func theCodebookPinsAndVetoesQuotes() throws {
        let scratch = try Scratch()
        func codebook(_ choices: String) throws {
            try """
                themes:
                  - id: silos
                    name: Silos
                    phrases: [silos, whole story, their story]
                \(choices)
                """.write(toFile: scratch.path + "/codebook.yaml", atomically: true, encoding: .utf8)
        }
        try codebook("""
                pin: [2025-02-18_interview_nhs-trust-director.md:14, nowhere.md:3]
                veto: [2025-03-05_workshop_eastfield-community-workshop.md:40]
            """)
        let pipeline = """
            place: { name: Millbrook, code: E07999001 }
            period: 2025
            sources:
              - id: notes
                adapter: interview-notes
                path: \(Self.samples)/notes
                filename_pattern: "{date}_{kind}_{_}"
                defaults: { kind: notes }
            transforms:
              - stage: code-themes
                codebook: codebook.yaml
                quotes_per_theme: 2
            sinks:
              - sink: dashboard-json
            """
        try pipeline.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path + "/out/millbrook/2025/baseline.json")))
        let document = try #require(json as? [String: Any])
        let silos = try #require((document["themes"] as? [[String: Any]])?.first { $0["id"] as? String == "silos" })
        let quotes = try #require(silos["quotes"] as? [[String: Any]])
        let files = quotes.compactMap { ($0["provenance"] as? [String: Any]).flatMap { "\(($0["file"] as? String ?? "").split(separator: "/").last ?? ""):\($0["line"] ?? "")" } }
        #expect(files.first == "2025-02-18_interview_nhs-trust-director.md:14" && files.count == 2, "\(files)")
        #expect(!files.contains("2025-03-05_workshop_eastfield-community-workshop.md:40"), "\(files)")
        let notes = (document["data_quality"] as? [String: Any])?["notes"] as? [String] ?? []
        #expect(notes.contains("Quotes the codebook pins but no passage coded to their theme starts at: nowhere.md:3 (silos)."), "\(notes)")

        try codebook("    pin: [the chief executive's interview]")
        let wrong = try baseline("validate", "p.yaml", in: scratch.url)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("codebook.yaml:5:") && wrong.stderr.contains("should name a passage as file:line"), "\(wrong.stderr)")
    }

    /// A passage too long to quote whole is quoted from the sentence that holds the theme's
    /// phrase, not cut off before it.
    @Test func aLongPassageIsQuotedFromTheSentenceWithItsPhrase() throws {
        let scratch = try Scratch()
        try """
            ---
            role: Officer
            ---
            We met on a Tuesday in the old library, which was cold, and the meeting ran long because the agenda was full. \
            Everyone had a view on the car park. In the end the real problem was that our teams work in silos and never hear about a family twice.
            """.write(toFile: scratch.path + "/note.md", atomically: true, encoding: .utf8)
        try "themes:\n  - id: silos\n    name: Silos\n    phrases: [silos]\n".write(toFile: scratch.path + "/codebook.yaml", atomically: true, encoding: .utf8)
        try """
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - id: notes
                adapter: interview-notes
                path: note.md
            transforms:
              - stage: code-themes
                codebook: codebook.yaml
                max_quote_length: 120
            sinks:
              - sink: dashboard-json
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path + "/out/test-town/2025/baseline.json")))
        let themes = try #require((json as? [String: Any])?["themes"] as? [[String: Any]])
        let quote = try #require((themes.first?["quotes"] as? [[String: Any]])?.first?["text"] as? String)
        #expect(quote.hasPrefix("…In the end the real problem was that our teams work in silos"), "\(quote)")
        #expect(quote.count <= 120, "\(quote)")
    }
    /// A plain-text note's speaker line says who said its quotes — by role and organisation,
    /// never by a name the privacy settings redact, in any output.
    @Test func aPlainTextNotesSpeakerLineAttributesItsQuotes() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path + "/notes", withIntermediateDirectories: true)
        try """
            Interview notes, housing
            Interviewee: Jo Bloggs (Head of Housing, Millbrook Council)

            Our teams work in silos and never hear about the same family twice, which costs us dearly.
            """.write(toFile: scratch.path + "/notes/a.txt", atomically: true, encoding: .utf8)
        try """
            Speaker: Sam Okafor

            The voluntary sector sees the silos first: nobody owns the whole story of a household.
            """.write(toFile: scratch.path + "/notes/b.txt", atomically: true, encoding: .utf8)
        try "themes:\n  - id: silos\n    name: Silos\n    phrases: [silos]\n".write(toFile: scratch.path + "/codebook.yaml", atomically: true, encoding: .utf8)
        let (md, txt) = try brief("""
            place: { name: Test Town, code: E07000001 }
            period: 2025
            privacy:
              names: [Jo Bloggs, Sam Okafor]
            sources:
              - id: notes
                adapter: interview-notes
                path: notes
                defaults: { kind: interview }
            transforms:
              - stage: redact
              - stage: code-themes
                codebook: codebook.yaml
            sinks:
              - sink: dashboard-json
              - sink: text-report
              - sink: html-dashboard
            """, place: "test-town", in: scratch)
        #expect(md.contains("which costs us dearly.” — Head of Housing, Millbrook Council (interview)"), "\(md)")
        #expect(txt.contains("Head of Housing, Millbrook Council"), "\(txt)")
        let folder = scratch.path + "/out/test-town/2025"
        let html = try String(contentsOfFile: folder + "/dashboard.html", encoding: .utf8)
        #expect(html.contains("Head of Housing, Millbrook Council"))
        for (path, data) in try Scratch.files(under: folder) {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("Bloggs") && !text.contains("Okafor"), "a redacted name in \(path)")
        }
    }
    /// The first screen of `report.txt` (40 lines at 80 columns) is the workshop's summary —
    /// the place and period, every candidate priority with its question — and holds no table;
    /// the appendix for analysts, with the tables, follows under its own heading.
    @Test func theFirstScreenIsTheWorkshopSummary() throws {
        let scratch = try Scratch()
        let outcome = try baseline("run", "pipelines/millbrook-2025.yaml", "--output", scratch.path, "--quiet")
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let folder = scratch.path + "/millbrook/2025/"
        let md = try String(contentsOfFile: folder + "report.md", encoding: .utf8)
        let txt = try String(contentsOfFile: folder + "report.txt", encoding: .utf8)
        // Lines joined where a list item runs on, to read its sentences whole.
        let screen = txt.split(separator: "\n", omittingEmptySubsequences: false).prefix(40).joined(separator: "\n")
            .replacingOccurrences(of: "\n   ", with: " ")
        #expect(screen.hasPrefix("MILLBROOK BASELINE, 2025\n"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "baseline.json")))
        let priorities = try #require((json as? [String: Any])?["candidate_priorities"] as? [[String: Any]])
        #expect(priorities.count == 8)
        for (rank, priority) in priorities.enumerated() {
            let name = try #require(priority["name"] as? String)
            #expect(screen.contains("\n\(rank + 1). ") && screen.lowercased().contains(name.lowercased()), "\(name) is not on the first screen:\n\(screen)")
        }
        #expect(screen.contains("What would it take for us to turn it round together?") && screen.contains("What are they seeing that our data does not?"))
        // Under each question, one line of its strongest evidence, its figures as baseline.json
        // has them: the worse indicator's value here against England's, else the survey share
        // answered least positively, else its theme mentions.
        let lines = txt.split(separator: "\n", omittingEmptySubsequences: false).prefix(40).map(String.init)
        let indicators = try #require((json as? [String: Any])?["indicators"] as? [[String: Any]])
        // One decimal place, thousands separated: 2,605.6.
        func shown(_ value: Double) -> String {
            let text = String(format: "%.1f", value), whole = text.prefix { $0 != "." }
            let grouped = whole.reversed().enumerated().map { $0 > 0 && $0 % 3 == 0 ? "\($1)," : "\($1)" }.reversed().joined()
            return grouped + text.drop { $0 != "." }
        }
        var evidenceLines = [String]()
        for (rank, priority) in priorities.enumerated() {
            let start = try #require(lines.firstIndex { $0.hasPrefix("\(rank + 1). ") })
            let line = try #require(lines[(start + 1)...].first { !$0.hasPrefix("   ") || $0.hasPrefix("   - ") }, "no line under question \(rank + 1)")
            #expect(line.hasPrefix("   - ") && line.count <= 80, "question \(rank + 1) has no evidence line: \(line)")
            evidenceLines.append(line)
            let evidence = try #require(priority["evidence"] as? [String: Any])
            if let worse = (evidence["worse"] as? [[String: Any]])?.first(where: { ($0["than"] as? [String])?.contains("E92000001") == true }) {
                let englands = try #require(indicators.first {
                    $0["id"] as? String == worse["indicator"] as? String && $0["area"] as? String == "E92000001" && $0["period"] as? String == worse["period"] as? String
                }?["value"] as? Double)
                let place = try #require(worse["value"] as? Double)
                #expect(line.contains(" here, ") && line.contains(shown(place)) && line.contains("\(shown(englands))\((worse["unit"] as? String) == "%" ? "%" : "") in England"),
                        "\(line) against \(place) and England's \(englands)")
            } else if let concern = (evidence["concerns"] as? [[String: Any]])?.min(by: { ($0["percent_positive"] as! Double) < ($1["percent_positive"] as! Double) }) {
                #expect(line.contains("Only ") && line.contains("“\(concern["text"] as! String)”"), "\(line)")
            } else {
                let mentions = try #require(evidence["mentions"] as? [String: Int])
                #expect(line == "   - \(mentions["mentions"]!) of \(mentions["total"]!) theme mentions", "\(line)")
            }
        }
        #expect(evidenceLines.count == 8 && evidenceLines[0].contains("19.0 per 1,000 households here, 14.2 in England"), "\(evidenceLines)")
        // No table, in either of its plain-text forms (columns, or one record a block).
        #expect(!screen.contains("|") && !screen.contains("SHA-256") && !screen.contains("Likely range") && !screen.contains("    Source: "), "\(screen)")
        let appendix = try #require(md.range(of: "\n# Appendix for analysts\n"))
        #expect(!md[..<appendix.lowerBound].contains("\n|"), "a table before the appendix")
        #expect(md[..<appendix.lowerBound].contains("## Questions to open the workshop"))
        #expect(md[appendix.upperBound...].contains("## Where they agree and where they don't") && md[appendix.upperBound...].contains("## Gaps in the evidence"))
        #expect(txt.contains("\nAPPENDIX FOR ANALYSTS\n====================="))
    }
}
