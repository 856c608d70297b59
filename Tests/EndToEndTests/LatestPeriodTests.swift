import Foundation
import Testing

/// The latest period of an indicator is the latest in time, not the last as text: a new user's
/// Coventry baseline read ONS's cigarette smokers twice, the annual download (`2022`, `2023`)
/// and the later one of five-year pooled averages (`2019-01-01/P5Y`, `2020-01-01/P5Y`, written
/// `2019 - 23`, `2020 - 24`). As text `2023` is last; in time `2020 - 24` ends a year later.
/// Real extracts (`Fixtures/real/ons-years/`, origin in `Fixtures/real/SOURCES.md`), the real binary.
@Suite(.serialized) struct LatestPeriodTests {
    static let pipeline = Package.tests.appendingPathComponent("Fixtures/real/ons-years/coventry-pooled.yaml").path

    /// The baseline, built once for the suite.
    nonisolated(unsafe) static var built: Scratch?

    func folder() throws -> String {
        if let built = Self.built { return built.path + "/coventry/2025" }
        let scratch = try Scratch()
        let outcome = try baseline("run", Self.pipeline, "--output", scratch.path, "-q")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        Self.built = scratch
        return scratch.path + "/coventry/2025"
    }

    @Test("an annual 2023 and a pooled 2020 - 24 in one baseline: the brief, the dashboard and the candidate priority take 2020 - 24")
    func pooledEndsLater() throws {
        let folder = try folder()
        let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        #expect(report.contains("- **Cigarette smokers** is worse than England: 13.2% in 2020 - 24 (likely 11.7–14.7)"), "\(report)")
        #expect(report.contains("| Cigarette smokers | 2020 - 24 | 13.2% |"))
        #expect(!report.contains("| Cigarette smokers | 2023 |"), "not the annual 10.7% of 2023")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/baseline.json"))) as? [String: Any])
        let priorities = try #require(document["candidate_priorities"] as? [[String: Any]])
        let worse = try #require(((priorities.first?["evidence"] as? [String: Any])?["worse"] as? [[String: Any]])?.first)
        #expect(worse["period"] as? String == "2020 - 24" && worse["value"] as? Double == 13.2, "\(worse)")
        // The benchmark stage puts the trend on the latest period only.
        let coventry = try #require(document["indicators"] as? [[String: Any]]).filter { $0["area"] as? String == "E08000026" }
        #expect(coventry.filter { $0["trend"] != nil }.map { $0["period"] as? String } == ["2020 - 24"])
        let dashboard = try String(contentsOfFile: folder + "/dashboard.html", encoding: .utf8)
        #expect(dashboard.contains("Cigarette smokers<br><small>2020 - 24</small>"), "the headline figure's period")
        #expect(dashboard.contains("Cigarette smokers, 2022 18.4; 2019 - 23 14.1; 2023 10.7; 2020 - 24 13.2"), "the trend, in time")
        // The mix of one-year and five-year periods is said, with why there is no trend (a
        // try-out saw "cannot be calculated" with no reason).
        let notes = (document["data_quality"] as? [String: Any])?["notes"] as? [String] ?? []
        #expect(notes.contains("Cigarette smokers mixes periods of different lengths (one year and five years): its recent trend cannot be calculated over them, and a chart of it puts both kinds on one line. Keep one kind in the pipeline (a publisher's pooled years replace its single years, or the reverse)."),
                "\(notes)")
        #expect(coventry.first { $0["period"] as? String == "2020 - 24" }?["trend"] as? String == "cannot be calculated")
    }

    @Test("outcomes init drafts the indicator with its latest figure in time")
    func outcomesInitTakesTheLatestInTime() throws {
        let folder = try folder()
        let draft = try baseline("outcomes", "init", folder)
        #expect(draft.status == 0, "\(draft.stderr)")
        #expect(draft.stdout.contains("      - indicator: \"cigarette_smokers\"   # Cigarette smokers: 13.2% in 2020 - 24; not compared with West Midlands; worse than England\n"), "\(draft.stdout)")
    }
}
