import Foundation
import Testing

/// The real binary on extracts of ONS Explore Local Statistics files as a new user's try-out met
/// them (`Fixtures/real/ons/obesity-mansfield-2025-*.csv`, `cancer-mansfield.csv`,
/// `wellbeing-burnley.csv`; commits in `Fixtures/real/SOURCES.md`): periods written with a time of
/// midnight, as ONS wrote them until October 2025, and figures flagged `u`, the GSS symbol for low
/// reliability.
@Suite(.serialized) struct RealONSTimesAndFlagsTests {
    static let fixtures = Package.tests.appendingPathComponent("Fixtures/real/ons")

    static func run(_ pipeline: String, into output: String) throws {
        let outcome = try baseline("run", fixtures.appendingPathComponent(pipeline).path, "--output", output, "-q")
        #expect(outcome.status == 0, "\(pipeline): \(outcome.stderr)")
    }

    static func document(_ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/baseline.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func entries(_ document: [String: Any], id: String, area: String) -> [[String: Any]] {
        (document["indicators"] as? [[String: Any]] ?? []).filter { $0["id"] as? String == id && $0["area"] as? String == area }
    }

    @Test("`2023-11-16T00:00:00/P1Y` (ONS, June 2025) is the period `2023-11-16/P1Y` (October 2025): the same trend, and a diff and progress of the two say nothing newer was published")
    func midnightIsTheDateAlone() throws {
        let scratch = try Scratch()
        try Self.run("mansfield-obesity-2024.yaml", into: scratch.path)
        try Self.run("mansfield-obesity-2025.yaml", into: scratch.path)
        let earlier = try Self.document(scratch.path + "/mansfield/2024")
        let later = try Self.document(scratch.path + "/mansfield/2025")
        for document in [earlier, later] {
            let periods = Self.entries(document, id: "adult_obesity", area: "E07000174").compactMap { $0["period"] as? String }
            #expect(periods.count == 9 && periods.contains("2023-11-16/P1Y") && !periods.contains { $0.contains("T") }, "\(periods)")
            let latest = try #require(Self.entries(document, id: "adult_obesity", area: "E07000174").first { $0["trend"] != nil })
            // Five years with published intervals (2019-11-16 to 2023-11-16): before, the time hid
            // that they follow one another, and the trend said "cannot be calculated" without a reason.
            #expect(latest["period"] as? String == "2023-11-16/P1Y" && latest["trend"] as? String == "no significant change", "\(latest)")
            #expect(latest["trend_reason"] == nil)
        }
        let report = try String(contentsOfFile: scratch.path + "/mansfield/2024/report.txt", encoding: .utf8)
        #expect(report.contains("Latest: 16 Nov 2023 – 15 Nov 2024") && report.contains("Recent trend: no significant change"), "\(report)")

        let diff = try baseline("diff", scratch.path + "/mansfield/2024", scratch.path + "/mansfield/2025")
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("the same period (16 Nov 2023 – 15 Nov 2024) in both baselines: nothing newer was published"), "\(diff.stdout)")
        #expect(!diff.stdout.contains("overlap"), "\(diff.stdout)")

        let outcomes = Self.fixtures.appendingPathComponent("mansfield-outcomes.yaml").path
        let progress = try baseline("progress", outcomes, scratch.path + "/mansfield/2024", scratch.path + "/mansfield/2025")
        #expect(progress.status == 0, "\(progress.stderr)")
        #expect(progress.stdout.contains("1 not yet measurable, 0 not comparable"), "\(progress.stdout)")
        #expect(progress.stdout.contains("nothing newer was published since the 2024 baseline"), "\(progress.stdout)")
    }

    @Test("A baseline made before midnight was written as the date alone (its periods `…T00:00:00/P1Y`) is the same period as a later one's")
    func baselinesOfTheEarlierWriting() throws {
        let scratch = try Scratch()
        try Self.run("mansfield-obesity-2024.yaml", into: scratch.path)
        try Self.run("mansfield-obesity-2025.yaml", into: scratch.path)
        // The 2024 baseline as the tool wrote it before: every period with the file's time.
        let file = scratch.path + "/mansfield/2024/baseline.json"
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let before = text.replacingOccurrences(of: #"(\d{4}-\d{2}-\d{2})/P1Y"#, with: "$1T00:00:00/P1Y", options: .regularExpression)
        #expect(before != text && before.contains("\"2023-11-16T00:00:00/P1Y\""))
        try before.write(toFile: file, atomically: true, encoding: .utf8)

        let diff = try baseline("diff", scratch.path + "/mansfield/2024", scratch.path + "/mansfield/2025")
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("in both baselines: nothing newer was published"), "\(diff.stdout)")
        #expect(!diff.stdout.contains("not comparable"), "\(diff.stdout)")
        let outcomes = Self.fixtures.appendingPathComponent("mansfield-outcomes.yaml").path
        let progress = try baseline("progress", outcomes, scratch.path + "/mansfield/2024", scratch.path + "/mansfield/2025")
        #expect(progress.stdout.contains("nothing newer was published since the 2024 baseline"), "\(progress.stdout)")
    }

    @Test("A figure ONS flags `u` with no value is missing for low reliability, not 'not available', and the trend says why it cannot be calculated")
    func lowReliability() throws {
        let scratch = try Scratch()
        try Self.run("mansfield-cancer.yaml", into: scratch.path)
        let document = try Self.document(scratch.path + "/mansfield/2025")
        let mansfield = Self.entries(document, id: "cancer_early_stage", area: "E07000174")
        #expect(mansfield.count == 10)
        // By hand from the file: 2013, 2014 and 2019–2022 are `…,,Percentage,%,,,u,`.
        let flagged = mansfield.filter { $0["missing"] as? String == "low_reliability" }.compactMap { $0["period"] as? String }.sorted()
        #expect(flagged == ["2013", "2014", "2019", "2020", "2021", "2022"], "\(mansfield)")
        #expect(!mansfield.contains { $0["missing"] as? String == "not_available" })
        let latest = try #require(mansfield.first { $0["period"] as? String == "2022" })
        #expect(latest["trend"] as? String == "cannot be calculated")
        #expect(latest["trend_reason"] as? String == "there is no value for 2019: too unreliable to publish", "\(latest)")
        let missing = (document["data_quality"] as? [String: Any])?["missing"] as? [String: Int]
        #expect(missing?["low_reliability"] == 6 && missing?["not_available"] == nil, "\(String(describing: missing))")
        #expect(try validateJSON(scratch.path + "/mansfield/2025/baseline.json", against: "baseline.schema.json").status == 0)

        let report = try String(contentsOfFile: scratch.path + "/mansfield/2025/report.md", encoding: .utf8)
        #expect(report.contains("| Cancer diagnosis at stage 1 and 2 | 2022 | too unreliable to publish |"), "\(report)")
        #expect(report.contains("cannot be calculated (there is no value for 2019: too unreliable to publish)"), "\(report)")
        #expect(report.contains("6 indicator values missing (too unreliable to publish)"), "\(report)")
        let dashboard = try String(contentsOfFile: scratch.path + "/mansfield/2025/dashboard.html", encoding: .utf8)
        #expect(dashboard.contains("<em>too unreliable to publish</em>"))
        #expect(dashboard.contains("cannot be calculated (there is no value for 2019: too unreliable to publish)"))
    }

    @Test("Burnley's four well-being measures of 2022-23, flagged `u`, are each missing for low reliability")
    func wellbeingFlaggedU() throws {
        let scratch = try Scratch()
        try Self.run("burnley-wellbeing.yaml", into: scratch.path)
        let document = try Self.document(scratch.path + "/burnley/2025")
        for id in ["anxiety", "happiness", "life_satisfaction", "worthwhile"] {
            let entry = Self.entries(document, id: id, area: "E07000117").first { $0["period"] as? String == "2022-23" }
            #expect(entry?["missing"] as? String == "low_reliability", "\(id): \(String(describing: entry))")
            #expect(entry?["value"] == nil)
        }
        let report = try String(contentsOfFile: scratch.path + "/burnley/2025/report.txt", encoding: .utf8)
        #expect(report.contains("4 indicator values missing (too unreliable to publish)"), "\(report)")
        #expect(!report.contains("not available"), "\(report)")
    }
}
