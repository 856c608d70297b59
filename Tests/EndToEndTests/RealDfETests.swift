import Foundation
import Testing

/// The real binary on DfE's Explore Education Statistics (EES) downloads as a new user's try-out
/// met them (`Fixtures/real/dfe/`, cut from the files DfE's own dashboard keeps; provenance in
/// `Fixtures/real/SOURCES.md`), against figures read off the files with pandas.
@Suite(.serialized) struct RealDfETests {
    static let fixtures = Package.tests.appendingPathComponent("Fixtures/real/dfe")

    static func run(_ pipeline: String, into output: String) throws -> Outcome {
        try baseline("run", fixtures.appendingPathComponent(pipeline).path, "--output", output, "-q")
    }

    static func document(_ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/baseline.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func entries(_ document: [String: Any], id: String, area: String) -> [[String: Any]] {
        (document["indicators"] as? [[String: Any]] ?? []).filter { $0["id"] as? String == id && $0["area"] as? String == area }
    }

    @Test("EES's `low` (rounds to 0 but is not 0) is a figure below the rounding in baseline.json, the brief, the dashboard and the workbook; `u` stays too unreliable to publish")
    func lowIsBelowTheRounding() throws {
        let scratch = try Scratch()
        let outcome = try Self.run("csww-2025.yaml", into: scratch.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let folder = scratch.path + "/sunderland/2025"
        let document = try Self.document(folder)
        #expect(document["schema_version"] as? String == "1.12")
        let agency = Self.entries(document, id: "agency_rate", area: "E08000024")
        let byPeriod = Dictionary(uniqueKeysWithValues: agency.map { ($0["period"] as! String, $0) })
        for period in ["2023", "2024", "2025"] {
            #expect(byPeriod[period]?["missing"] as? String == "rounds_to_zero" && byPeriod[period]?["value"] == nil, "\(period): \(String(describing: byPeriod[period]))")
        }
        #expect(byPeriod["2022"]?["value"] as? Double == 0.4)
        #expect(byPeriod["2025"]?["trend_reason"] as? String == "the value for 2023 is below the rounding (it rounds to 0 but is not 0)",
                "\(String(describing: byPeriod["2025"]))")
        let turnover = Self.entries(document, id: "turnover_rate", area: "E08000024")
        #expect(turnover.first { $0["period"] as? String == "2024" }?["missing"] as? String == "low_reliability")
        let missing = (document["data_quality"] as? [String: Any])?["missing"] as? [String: Int]
        #expect(missing == ["rounds_to_zero": 3, "low_reliability": 1], "\(String(describing: missing))")
        #expect(try validateJSON(folder + "/baseline.json", against: "baseline.schema.json").status == 0)

        let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        #expect(report.contains("| Agency social worker rate (FTE) | 2025 | below the rounding: rounds to 0 but is not 0 |"), "\(report)")
        #expect(report.contains("cannot be calculated (the value for 2023 is below the rounding (it rounds to 0 but is not 0))"), "\(report)")
        #expect(report.contains("3 indicator values below the rounding (rounding to 0 but not 0): Agency social worker rate (FTE) in 2023 (Sunderland); Agency social worker rate (FTE) in 2024 (Sunderland); Agency social worker rate (FTE) in 2025 (Sunderland)."), "\(report)")
        #expect(report.contains("1 indicator value missing (too unreliable to publish)"), "\(report)")
        #expect(!report.contains("Agency social worker rate (FTE) | 2025 | too unreliable"), "\(report)")
        let text = try String(contentsOfFile: folder + "/report.txt", encoding: .utf8)
        #expect(text.contains("below the rounding: rounds to 0 but is not 0"), "\(text)")
        let dashboard = try String(contentsOfFile: folder + "/dashboard.html", encoding: .utf8)
        #expect(dashboard.contains("<em>below the rounding: rounds to 0 but is not 0</em>"))
        #expect(dashboard.contains("<li>3 values below the rounding (rounding to 0 but not 0)</li>"))
        // Turnover's `u` of 2024 only: its cell, and its trend's reason twice (the spine and the chart).
        #expect(dashboard.components(separatedBy: "too unreliable to publish").count - 1 == 3)
        let sheets = try WorkbookSinkTests.read(folder + "/baseline.xlsx")
        let quality = try #require(sheets.first { $0.name == "Data quality" })
        #expect(quality.rows.contains { row in row.contains { $0.text == "below the rounding: rounds to 0 but is not 0" } && row.last?.number == 3 })
    }

    @Test("`baseline diff` reads a 1.11 baseline (which said `low_reliability` for `low`) against a 1.12 one: missing both times, not tested")
    func diffWithThePreviousMinorVersion() throws {
        let scratch = try Scratch()
        for pipeline in ["csww-2024.yaml", "csww-2025.yaml"] {
            let outcome = try Self.run(pipeline, into: scratch.path)
            #expect(outcome.status == 0, "\(pipeline): \(outcome.stderr)")
        }
        // The 2024 baseline as the 1.11 build wrote it.
        let earlier = scratch.path + "/sunderland/2024/baseline.json"
        let text = try String(contentsOfFile: earlier, encoding: .utf8)
        let before = text.replacingOccurrences(of: "\"schema_version\" : \"1.12\"", with: "\"schema_version\" : \"1.11\"")
            .replacingOccurrences(of: "rounds_to_zero", with: "low_reliability")
        #expect(before != text && before.contains("\"1.11\""))
        try before.write(toFile: earlier, atomically: true, encoding: .utf8)

        let diff = try baseline("diff", scratch.path + "/sunderland/2024", scratch.path + "/sunderland/2025")
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("Agency social worker rate (FTE)"), "\(diff.stdout)")
        #expect(diff.stdout.contains("missing in both"), "\(diff.stdout)")
        let json = try baseline("diff", scratch.path + "/sunderland/2024", scratch.path + "/sunderland/2025", "--format", "json")
        #expect(json.status == 0, "\(json.stderr)")
        let file = scratch.path + "/diff.json"
        try json.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try validateJSON(file, against: "diff.schema.json").status == 0)
    }

    @Test("EES academic years `202425` are read (the try-out's run stopped: \"passed on none\"), `k` is below the rounding, and `validate` says ok")
    func academicYears() throws {
        let pipeline = Self.fixtures.appendingPathComponent("ks2-wolverhampton.yaml").path
        let validate = try baseline("validate", pipeline)
        #expect(validate.status == 0 && validate.stderr.contains("ok"), "\(validate.stderr)")
        let scratch = try Scratch()
        let outcome = try Self.run("ks2-wolverhampton.yaml", into: scratch.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let document = try Self.document(scratch.path + "/wolverhampton/2025")
        let own = Self.entries(document, id: "ks2_read_progress_cla", area: "E08000031")
        #expect(Set(own.compactMap { $0["period"] as? String }) == ["2018-19", "2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25"])
        let y1819 = try #require(own.first { $0["period"] as? String == "2018-19" })
        #expect(y1819["missing"] as? String == "rounds_to_zero", "\(y1819)")
        let y2223 = try #require(own.first { $0["period"] as? String == "2022-23" })
        #expect(y2223["value"] as? Double == -1.6 && (y2223["ci95"] as? [String: Double]) == ["lower": -4.29, "upper": 1.09], "\(y2223)")
        let walsall = Self.entries(document, id: "ks2_read_progress_cla", area: "E08000030").first { $0["period"] as? String == "2021-22" }
        #expect(walsall?["value"] as? Double == 0.35)
    }

    @Test("`validate` sends the first rows through the source and stops on one that would pass on none of them (before, \"ok\")")
    func validateSamplesTheFirstRows() throws {
        let outcome = try baseline("validate", Self.fixtures.appendingPathComponent("csww-wrong-column.yaml").path)
        #expect(outcome.status == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("csww-wrong-column.yaml:5:5: error: source 'csww-agency' passes on none of the first 27 records read: "), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("value '…' is not a number or a missing-value marker (first at csww-sunderland.csv:2:5: value 'England' is not a number or a missing-value marker)"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains(": ok"), "\(outcome.stderr)")
    }

    @Test("An EES file's England and region rows are read by their geographic level, so Manchester is compared with both (before: 180 rows set aside, nothing compared)")
    func benchmarksByGeographicLevel() throws {
        let scratch = try Scratch()
        let outcome = try Self.run("cla-manchester.yaml", into: scratch.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("warning"), "\(outcome.stderr)")
        let document = try Self.document(scratch.path + "/manchester/2025")
        let sources = (document["manifest"] as? [String: Any])?["sources"] as? [[String: Any]]
        #expect(sources?.first?["quarantined"] as? Int == 0 && sources?.first?["passed_on"] as? Int == 12, "\(String(describing: sources))")
        // pandas: 2025 rates 97 (Manchester, 1280 / 131831), 67 (England), 90 (North West); Manchester's
        // Byar interval 91.85–102.56 holds neither, and low is good: worse than both.
        let rate = try #require(Self.entries(document, id: "cla_rate", area: "E08000003").first { $0["period"] as? String == "2025" })
        #expect(rate["value"] as? Double == 97)
        #expect(rate["comparisons"] as? [String: String] == ["E92000001": "worse", "E12000002": "worse"], "\(rate)")
        #expect(Self.entries(document, id: "cla_rate", area: "E92000001").first { $0["period"] as? String == "2025" }?["value"] as? Double == 67)
        #expect(Self.entries(document, id: "cla_rate", area: "E12000002").first { $0["period"] as? String == "2025" }?["value"] as? Double == 90)
    }

    @Test("With `areas:` listing the place alone, the warning says the benchmarks' rows were passed over by it, not that their codes may be typos")
    func benchmarksPassedOverByAreas() throws {
        let scratch = try Scratch()
        let outcome = try baseline("run", Self.fixtures.appendingPathComponent("cla-manchester-areas.yaml").path, "--output", scratch.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("warning: the benchmark area E92000001 (England) has no figures in the statistics read (cla-manchester.csv): "
                                        + "the place is compared with it on no indicator. Its rows are in the files, passed over by a source's `areas:`, "
                                        + "which does not list it: add E92000001 to that list"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("typo") && !outcome.stderr.contains("did you mean"), "\(outcome.stderr)")
    }

    @Test("Census 2021 custom datasets have no period column: `period: 2021` on each source reads them (before: `layout: custom` needed a period column)")
    func censusWithAFixedPeriod() throws {
        let scratch = try Scratch()
        let outcome = try Self.run("census-manchester.yaml", into: scratch.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let document = try Self.document(scratch.path + "/manchester/2021")
        // pandas on the three files: Pakistani 65875 (Manchester), 303611 (North West), 1570285 (England).
        for (area, value) in [("E08000003", 65875.0), ("E12000002", 303611), ("E92000001", 1570285)] {
            let entry = Self.entries(document, id: "eth_pakistani", area: area).first
            #expect(entry?["period"] as? String == "2021" && entry?["value"] as? Double == value, "\(area): \(String(describing: entry))")
        }
        #expect(Self.entries(document, id: "eth_white_british", area: "E08000003").first?["value"] as? Double == 268572)
    }

    @Test("A DWP Stat-Xplore export stops `validate` and `run` at the source's `path:`, naming the file as the pipeline does and saying what it is")
    func statXploreIsSaidToBe() throws {
        let pipeline = Self.fixtures.appendingPathComponent("statxplore-uc.yaml").path
        let scratch = try Scratch()
        for outcome in [try baseline("validate", pipeline), try baseline("run", pipeline, "--output", scratch.path)] {
            #expect(outcome.status == 1)
            #expect(outcome.stderr.hasPrefix(pipeline + ":7:11: error: statxplore-uc-households.csv:1 looks like a DWP Stat-Xplore table: "), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("docs/publishers/dwp.md"), "\(outcome.stderr)")
        }
    }
}
