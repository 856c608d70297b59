import Foundation
import Testing

/// `baseline diff` and `baseline progress` on three years of ONS downloads as a new user met them
/// (`Fixtures/real/ons-years/`, origin in `Fixtures/real/SOURCES.md`): the 2026 download of adult
/// obesity holds nothing newer than the 2025 one, and cigarette smokers went from annual figures
/// (`2022`, `2023`) to five-year pooled averages (`2020-01-01/P5Y`). The baselines are built with
/// the real binary from small extracts of the real files, then compared.
@Suite(.serialized) struct YearOnYearTests {
    static let fixtures = Package.tests.appendingPathComponent("Fixtures/real/ons-years")

    /// The baselines, built once for the suite: Coventry 2024–2026, Bromley 2025–2026.
    nonisolated(unsafe) static var built: Scratch?

    func output() throws -> String {
        if let built = Self.built { return built.path }
        let scratch = try Scratch()
        for pipeline in ["coventry-2024", "coventry-2025", "coventry-2026", "bromley-2025", "bromley-2026"] {
            let outcome = try baseline("run", Self.fixtures.appendingPathComponent("\(pipeline).yaml").path, "--output", scratch.path, "-q")
            #expect(outcome.status == 0, "\(pipeline): \(outcome.stderr)")
        }
        Self.built = scratch
        return scratch.path
    }

    @Test("a year with nothing newer published keeps the verdict of the year its figure was first held, and says so")
    func nothingNewerPublished() throws {
        let out = try output()
        let outcomes = Self.fixtures.appendingPathComponent("outcomes.yaml").path
        let two = try baseline("progress", outcomes, out + "/coventry/2024", out + "/coventry/2025")
        let three = try baseline("progress", outcomes, out + "/coventry/2024", out + "/coventry/2025", out + "/coventry/2026")
        #expect(two.status == 0 && three.status == 0, "\(two.stderr)\(three.stderr)")
        let line = "in line with the trajectory: 28.6% (25.7–31.5) against 25.8% expected in 2025 on the way to 22.0% by 2028 (z = -1.409)"
        #expect(two.stdout.contains("       " + line + "\n"), "\(two.stdout)")
        #expect(three.stdout.contains("       nothing newer was published since the 2025 baseline: the 2026 baseline holds the same period "
            + "(16 Nov 2024 – 15 Nov 2025), judged as in 2025: " + line + "\n"), "\(three.stdout)")
        #expect(!three.stdout.contains("significantly behind"), "not 'off track … against 24.5 expected in 2026 (z = -2.371)'")
        #expect(three.stdout.contains("Summary: 2 on track, 0 off track, 0 not yet measurable, 1 not comparable\n"))
    }

    @Test("an annual figure against a five-year pooled average is not comparable, in diff and in progress")
    func annualAgainstPooled() throws {
        let out = try output()
        let diff = try baseline("diff", out + "/bromley/2025", out + "/bromley/2026")
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("  ≠ not comparable: Cigarette smokers: 14.1 → 8.8% [2023 → 2020 - 24] — periods of different lengths: "
            + "2023 (one year) against 2020 - 24 (a five-year average)\n"), "\(diff.stdout)")
        #expect(!diff.stdout.contains("z = -1.692"))
        let json = try baseline("diff", out + "/coventry/2025", out + "/coventry/2026", "--format", "json")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let smokers = try #require((document["indicators"] as? [[String: Any]])?.first { $0["id"] as? String == "cigarette_smokers" && $0["area"] as? String == "E08000026" })
        #expect(smokers["status"] as? String == "not_comparable" && smokers["change"] == nil)
        let progress = try baseline("progress", Self.fixtures.appendingPathComponent("outcomes.yaml").path, out + "/coventry/2024", out + "/coventry/2026")
        #expect(progress.stdout.contains("   ≠ not comparable: Cigarette smokers\n"), "\(progress.stdout)")
        #expect(progress.stdout.contains("not comparable with the 2024 baseline: periods of different lengths: 2022 (one year) against 2020 - 24 (a five-year average)\n"))
        #expect(!progress.stdout.contains("significantly ahead"), "not 'improved … significantly ahead of the trajectory (z = 2.982)'")
    }

    @Test("a diff of two places is refused, naming both, as progress refuses it")
    func twoPlacesRefused() throws {
        let out = try output()
        let outcome = try baseline("diff", out + "/coventry/2024", out + "/bromley/2025")
        #expect(outcome.status == 1)
        #expect(outcome.stdout == "")
        #expect(outcome.stderr == "\(out)/bromley/2025: error: the baselines are of different places: \(out)/coventry/2024 is of Coventry (E08000026), "
            + "this one of Bromley (E09000006), and a diff reads the differences between two places as changes over time — give two periods of one "
            + "place (`baseline diff output/<place>/2024 output/<place>/2025`); if the place's code changed, give the change in --code-changes; "
            + "to set places side by side, use `baseline index`\n", "\(outcome.stderr)")
    }
}
