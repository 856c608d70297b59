import Foundation
import Testing

/// `baseline diff` and `baseline progress` on counts of crimes the tool made itself: Essex
/// Police's street-level files of January and February 2018 (`Fixtures/real/police-uk/download/`,
/// origin in `Fixtures/real/SOURCES.md`), one baseline a month. A try-out on City of London's
/// files found every crime "not tested — no counts or confidence intervals" in the diff and "not
/// yet measurable" in progress, with "512.0 crimes".
///
/// The place is one LSOA, Basildon 002A (E01021245), with no `join`: each month's file alone
/// does not hold every one of Basildon's 20 LSOAs (one has crimes in January only, another in
/// February only), so a month's roll-up of them is missing, as the `police-uk` README says; the
/// join's count is checked in `PoliceUKRealTests`. Its counts, by Python's csv module
/// (`expected_police.py`): all crime 15 in January (31 days) and 7 in February (28); violence and
/// sexual offences 6 and 1; public order 0 and 2. SciPy 1.17.1,
/// `binomtest(x2, x1 + x2, 28 / 59).pvalue`: 0.1994, 0.1284 and 0.2252. The intervals of 15
/// (Byar) and 7 (exact Poisson), as `PHEindicatormethods` computes them, in Python: 8.39–24.74
/// and 2.81–14.42.
@Suite(.serialized) struct PoliceUKDiffTests {
    static let fixtures = Package.tests.appendingPathComponent("Fixtures/real/police-uk")

    /// The baselines of 2018-01 and 2018-02 under `scratch/out/basildon-002a/`.
    static func months(in scratch: Scratch) throws {
        for month in ["2018-01", "2018-02"] {
            try """
                place: { name: Basildon 002A, code: E01021245 }
                period: "\(month)"
                sources:
                  - { id: street-crime, adapter: police-uk, path: \(fixtures.path)/download/\(month), period: month }
                transforms:
                  - { stage: indicators, catalogue: \(fixtures.path)/catalogue.yaml }
                sinks:
                  - sink: dashboard-json
                """.write(toFile: scratch.path + "/\(month).yaml", atomically: true, encoding: .utf8)
            let outcome = try baseline("run", scratch.path + "/\(month).yaml", "--output", scratch.path + "/out", "-q")
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
    }

    @Test("the LSOA's crime figures carry their count, and the diff tests two months' counts exactly, per day")
    func diffOfTwoMonths() throws {
        let scratch = try Scratch()
        try Self.months(in: scratch)
        let file = scratch.path + "/out/basildon-002a/2018-02/baseline.json"
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        let place = (document["indicators"] as? [[String: Any]] ?? []).filter { $0["area"] as? String == "E01021245" }
        #expect(place.count == 14 && place.allSatisfy { $0["count"] != nil && $0["count"] as? Double == $0["value"] as? Double }, "\(place)")
        #expect(try validateJSON(file, against: "baseline.schema.json").stdout.contains("valid"))

        let diff = try baseline("diff", scratch.path + "/out/basildon-002a/2018-01", scratch.path + "/out/basildon-002a/2018-02")
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("= no significant change: All crime (excluding anti-social behaviour): 15 → 7 crimes (-8)"), "\(diff.stdout)")
        #expect(diff.stdout.contains("— the change is within what chance would give (exact test of two Poisson counts, 15 in 31 days and 7 in 28, p = 0.199)"),
                "\(diff.stdout)")
        #expect(diff.stdout.contains("(exact test of two Poisson counts, 6 in 31 days and 1 in 28, p = 0.128)"), "\(diff.stdout)")
        #expect(diff.stdout.contains("(exact test of two Poisson counts, 0 in 31 days and 2 in 28, p = 0.225)"), "\(diff.stdout)")
        #expect(diff.stdout.contains("No indicator changed significantly (14 tested)."), "\(diff.stdout)")
        #expect(!diff.stdout.contains("no counts or confidence intervals"), "\(diff.stdout)")
    }

    @Test("progress on the same counts: judged by the diff's test, shown whole in every format")
    func progressOnCounts() throws {
        let scratch = try Scratch()
        try Self.months(in: scratch)
        try """
            vision: Safer Basildon
            baseline: "2018-01"
            priorities:
              - id: safer
                name: Safer streets
                why: Violence
                owners: [Essex Police]
                metrics:
                  - indicator: crime-violence-and-sexual-offences
                    ambition: { direction: decrease }
                  - indicator: crime-all
                    ambition: { direction: maintain }
            """.write(toFile: scratch.path + "/outcomes.yaml", atomically: true, encoding: .utf8)
        let months = [scratch.path + "/out/basildon-002a/2018-01", scratch.path + "/out/basildon-002a/2018-02"]
        let text = try baseline("progress", scratch.path + "/outcomes.yaml", months[0], months[1])
        #expect(text.status == 0, "\(text.stderr)")
        // Tested, both: a fall within chance is not yet progress; no significant worsening keeps all crime on track.
        #expect(text.stdout.contains("Summary: 1 on track, 0 off track, 1 not yet measurable, 0 not comparable"), "\(text.stdout)")
        #expect(text.stdout.contains("no change beyond chance yet since 2018-01: the change is within what chance would give (exact test of two Poisson counts, 6 in 31 days and 1 in 28, p = 0.128)"),
                "\(text.stdout)")
        #expect(text.stdout.contains("2018-01: 15 (8–25) crimes · 2018-02: 7 (3–14) crimes"), "\(text.stdout)")
        #expect(text.stdout.contains("change since 2018-01: -8 crimes, no significant change"), "\(text.stdout)")
        for format in ["text", "markdown", "json", "html"] {
            let outcome = try baseline("progress", scratch.path + "/outcomes.yaml", months[0], months[1], "--format", format)
            #expect(outcome.status == 0 && !outcome.stdout.contains(".0 crimes") && !outcome.stdout.contains("15.0 ("), "\(format): \(outcome.stdout)")
        }
    }
}
