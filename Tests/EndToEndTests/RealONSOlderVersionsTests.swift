import Foundation
import Testing

/// The real binary on extracts of versions of ONS Explore Local Statistics files that it could not
/// read at all (`Fixtures/real/ons-2023/`, commits in `Fixtures/real/SOURCES.md`): pooled years
/// without spaces (`2018-20`), ranges of months (`01/2004 - 12/2004`) and the wide layout of 2023–2024
/// (one column per indicator, each with its own interval and status).
@Suite struct RealONSOlderVersionsTests {
    static let fixtures = Package.tests.appendingPathComponent("Fixtures/real/ons-2023")

    /// The observations `inspect` shows for the pipeline's one source.
    static func records(_ pipeline: String) throws -> [[String: Any]] {
        let outcome = try baseline("inspect", fixtures.appendingPathComponent(pipeline).path, "--source", "ons", "--limit", "100000")
        #expect(outcome.status == 0, "\(pipeline): \(outcome.stderr)")
        #expect(!outcome.stderr.contains("rejected"), "\(pipeline): \(outcome.stderr)")
        return outcome.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    /// Blackpool's figure of `indicator` for `period`.
    static func blackpool(_ records: [[String: Any]], indicator: String, period: String) -> [String: Any]? {
        records.first { $0["indicator"] as? String == indicator && $0["area"] as? String == "E06000009" && $0["period"] as? String == period }
    }

    @Test("`2018-20` is the pooled years 2018 to 2020 (healthy life expectancy, January 2024: \"calendar years 2011 - 2013 to 2018 - 2020\")")
    func pooledYearsWithoutSpaces() throws {
        // Before: every row rejected, "time period '2018-20' is not one this tool reads".
        let records = try Self.records("hle-2024-01.yaml")
        #expect(records.count == 48 && records.filter { $0["value"] is Double }.count == 48)
        #expect(Set(records.compactMap { $0["period"] as? String }) == ["2011 - 13", "2012 - 14", "2013 - 15", "2014 - 16", "2015 - 17", "2016 - 18", "2017 - 19", "2018 - 20"])
        let blackpool = try #require(records.first { $0["area"] as? String == "E06000009" && $0["period"] as? String == "2018 - 20"
            && $0["indicator"] as? String == "Female healthy life expectancy" })
        #expect(blackpool["value"] as? Double == 54.29 && blackpool["lower"] as? Double == 51.99 && blackpool["upper"] as? Double == 56.6)
    }

    @Test("`01/2004 - 12/2004` is the calendar year 2004 (employment rate, August 2023: \"for periods 01/2004-12/2004 to 01/2022-12/2022\")")
    func rangesOfMonths() throws {
        let records = try Self.records("employment-2023-08-07.yaml")
        #expect(records.count == 228 && records.filter { $0["value"] is Double }.count == 228)
        let periods = Set(records.compactMap { $0["period"] as? String })
        #expect(periods.count == 19 && periods.contains("2004") && periods.contains("2022"), "\(periods)")
        let blackpool = try #require(Self.blackpool(records, indicator: "Economically Inactive", period: "2022"))
        #expect(blackpool["value"] as? Double == 23.2, "\(blackpool)")
    }

    @Test("The wide layout (`employment_rate`, `employment_rate_lower_confidence_interval_95`…): one observation per indicator column, with its interval, count and denominator")
    func wideLayout() throws {
        // Before: "cannot tell the layout from the header row".
        let records = try Self.records("employment-wide-2023-08-24.yaml")
        // By hand (pandas): 57 rows × 4 indicators, every one a number with its interval.
        #expect(records.count == 228 && records.filter { $0["value"] is Double && $0["lower"] is Double }.count == 228)
        #expect(Set(records.compactMap { $0["indicator"] as? String }) == ["employment_rate", "economic_activity_rate", "unemployment_activity_rate", "economically_inactive"])
        let blackpool = try #require(Self.blackpool(records, indicator: "economically_inactive", period: "2022-23"))
        // Line 47: `2022-04-01T00:00:00/P1Y`, 23.7 (19.8–27.6), 19,300 of 81,500.
        #expect(blackpool["value"] as? Double == 23.7, "\(blackpool)")
        #expect(blackpool["count"] as? Double == 19300 && blackpool["denominator"] as? Double == 81500 && blackpool["lower"] as? Double == 19.8)
        #expect((blackpool["provenance"] as? [String: Any])?["line"] as? Int == 47 && (blackpool["provenance"] as? [String: Any])?["column"] as? Int == 27)

        // The early-years file shortens the stem after its first column (`communication_and_language`,
        // then `communication_measure`…): the columns go by position.
        let early = try Self.records("early-years-wide.yaml")
        #expect(early.count == 18 && Set(early.compactMap { $0["indicator"] as? String }) == ["communication_and_language", "literacy", "mathematics"])
        let maths = try #require(early.first { $0["indicator"] as? String == "mathematics" && $0["area"] as? String == "E06000009" && $0["period"] as? String == "2023-09-01/P1Y" })
        #expect(maths["value"] as? Double == 71.2, "\(maths)")
    }

    /// A column misnamed under `columns:` is said where the pipeline names it, in `run` as in
    /// `validate` (a try-out's `run` said `<csv>:1`, `validate` the pipeline's line and column);
    /// and a page saved in place of a statistics download is not called a survey export.
    @Test("run says a misnamed column at the pipeline's line, as validate does; a web page is told apart from a CSV in neutral words")
    func misnamedColumnAndWebPage() throws {
        let scratch = try Scratch()
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("hle-2024-01.csv").path, toPath: scratch.path + "/hle.csv")
        try """
            place: { name: Blackpool, code: E06000009 }
            period: 2025
            sources:
              - id: ons
                adapter: csv-indicators
                path: hle.csv
                columns: { indicator: Variable Nme }
            sinks:
              - sink: dashboard-json
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let validate = try baseline("validate", "p.yaml", in: scratch.url)
        let run = try baseline("run", "p.yaml", "--output", "out", in: scratch.url)
        for outcome in [validate, run] {
            #expect(outcome.status == 1)
            #expect(outcome.stderr.hasPrefix("p.yaml:7:27: error: column 'Variable Nme' is not in the header of hle.csv"), "\(outcome.stderr)")
        }
        try "<!DOCTYPE html>\n<html><body>Sign in</body></html>\n".write(toFile: scratch.path + "/hle.csv", atomically: true, encoding: .utf8)
        let page = try baseline("run", "p.yaml", "--output", "out", in: scratch.url)
        #expect(page.status == 1)
        #expect(page.stderr.contains("this is a web page (HTML)") && !page.stderr.contains("export again from the survey tool"), "\(page.stderr)")
    }
}
