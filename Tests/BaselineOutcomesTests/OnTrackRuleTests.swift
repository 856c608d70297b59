import BaselineCore
import BaselineOutcomes
import BaselineSchema
import Testing

/// The trajectory and the on-track rule against hand calculations (docs/outcomes.md). The hand
/// calculations use 1.96; the code uses the exact 1.959964, hence the tolerance of 0.001.
@Suite struct OnTrackRuleTests {
    /// se = (upper − lower) / (2 × 1.96): an interval 3.92 wide stands for a standard error of 1.
    @Test func standardErrorFromTheInterval() {
        #expect(abs(OnTrackRule.standardError(Interval(lower: 18.04, upper: 21.96)) - 1.0) < 1e-3)
        #expect(abs(OnTrackRule.standardError(Interval(lower: 18.02, upper: 19.98)) - 0.5) < 1e-3)
    }

    /// f = (t − t0) / (t1 − t0), held to 0…1.
    @Test func fractionOfTheWay() {
        #expect(OnTrackRule.fraction(from: 2024, to: 2027, at: 2025) == 1.0 / 3.0)
        #expect(OnTrackRule.fraction(from: 2024, to: 2027, at: 2027) == 1)
        #expect(OnTrackRule.fraction(from: 2024, to: 2027, at: 2029) == 1, "after the target year the line stays at the target")
        #expect(OnTrackRule.fraction(from: 2024, to: 2027, at: 2024) == 0)
    }

    /// Baseline 20 (se 1) in 2024, target 14 by 2027 (going down, s = −1); in 2025 f = 1/3:
    ///   expected e = 20 + (1/3)(14 − 20) = 18
    ///   se = √(0.5² + (2/3)²·1²) = √(0.25 + 0.4444) = 0.8333
    ///   latest 19 (se 0.5): z = −(19 − 18) / 0.8333 = −1.2 → in line, on track
    ///   latest 20 (se 0.5): z = −(20 − 18) / 0.8333 = −2.4 → significantly behind, off track
    @Test func behindOrInLineWithTheTrajectory() throws {
        let base = Interval(lower: 18.04, upper: 21.96)
        let inLine = try #require(OnTrackRule.assess(baseline: 20, baselineInterval: base, target: 14, from: 2024, by: 2027, at: 2025,
                                                     latest: 19, latestInterval: Interval(lower: 18.02, upper: 19.98), sign: -1))
        #expect(abs(inLine.expected - 18) < 1e-3)
        #expect(abs(inLine.z - -1.2) < 1e-3)
        #expect(OnTrackRule.status(z: inLine.z).0 == .onTrack)
        #expect(OnTrackRule.status(z: inLine.z).1 == "in line with")
        let behind = try #require(OnTrackRule.assess(baseline: 20, baselineInterval: base, target: 14, from: 2024, by: 2027, at: 2025,
                                                     latest: 20, latestInterval: Interval(lower: 19.02, upper: 20.98), sign: -1))
        #expect(abs(behind.z - -2.4) < 1e-3)
        #expect(OnTrackRule.status(z: behind.z).0 == .offTrack)
    }

    /// In the target year f = 1: e = 14 and the baseline's error drops out, se = 0.5.
    ///   latest 13: z = −(13 − 14) / 0.5 = 2.0 > 1.96 → significantly ahead, on track.
    ///   A point estimate of 14.5 (above the target) with se 0.5: z = −1.0 → still on track: not shown to be behind.
    @Test func aheadAtTheTargetYear() throws {
        let base = Interval(lower: 18.04, upper: 21.96)
        let ahead = try #require(OnTrackRule.assess(baseline: 20, baselineInterval: base, target: 14, from: 2024, by: 2027, at: 2027,
                                                    latest: 13, latestInterval: Interval(lower: 12.02, upper: 13.98), sign: -1))
        #expect(abs(ahead.expected - 14) < 1e-3 && abs(ahead.z - 2.0) < 1e-3)
        #expect(OnTrackRule.status(z: ahead.z) == (.onTrack, "significantly ahead of"))
        let missed = try #require(OnTrackRule.assess(baseline: 20, baselineInterval: base, target: 14, from: 2024, by: 2027, at: 2027,
                                                     latest: 14.5, latestInterval: Interval(lower: 13.52, upper: 15.48), sign: -1))
        #expect(abs(missed.z - -1.0) < 1e-3)
        #expect(OnTrackRule.status(z: missed.z).0 == .onTrack)
    }

    /// Going up: baseline 60% (se 2) in 2024, target 70% by 2026; in 2025 f = 1/2, e = 65,
    ///   se = √(1.5² + 0.5²·2²) = √(2.25 + 1) = 1.8028; latest 61 → z = (61 − 65) / 1.8028 = −2.219 → off track.
    @Test func goingUp() throws {
        let result = try #require(OnTrackRule.assess(baseline: 60, baselineInterval: Interval(lower: 60 - 3.92, upper: 60 + 3.92),
                                                     target: 70, from: 2024, by: 2026, at: 2025,
                                                     latest: 61, latestInterval: Interval(lower: 61 - 2.94, upper: 61 + 2.94), sign: 1))
        #expect(abs(result.expected - 65) < 1e-3)
        #expect(abs(result.z - (-4 / 3.25.squareRoot())) < 1e-3)
        #expect(OnTrackRule.status(z: result.z).0 == .offTrack)
    }

    @Test func yearsOfPeriods() {
        #expect(OnTrackRule.year("2024") == 2024)
        #expect(OnTrackRule.year("2024-25") == 2024)
        #expect(OnTrackRule.year("2024-Q3") == 2024)
        #expect(OnTrackRule.year("wave9") == nil)
        #expect(OnTrackRule.year("20245") == nil)
    }
}
