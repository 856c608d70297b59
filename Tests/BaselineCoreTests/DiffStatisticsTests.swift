@testable import BaselineStatistics
import Testing

/// The adjustments for many comparisons, against values worked out by their definitions
/// (Benjamini and Hochberg 1995; Holm 1979), as R's `p.adjust` gives them:
/// p = (0.01, 0.04, 0.03, 0.005, 0.2), m = 5, ranks 2, 4, 3, 1, 5.
/// BH: min over the ranks at and above of 5·p/rank → 0.025, 0.05, 0.05, 0.025, 0.2.
/// Holm: max over the ranks at and below of (5 − rank + 1)·p → 0.04, 0.09, 0.09, 0.025, 0.2.
@Suite struct PValueAdjustmentTests {
    let p = [0.01, 0.04, 0.03, 0.005, 0.2]

    @Test func benjaminiHochberg() {
        let adjusted = PValueAdjustment.benjaminiHochberg.adjust(p)
        for (got, want) in zip(adjusted, [0.025, 0.05, 0.05, 0.025, 0.2]) { #expect(abs(got - want) < 1e-12, "\(adjusted)") }
    }

    @Test func holm() {
        let adjusted = PValueAdjustment.holm.adjust(p)
        for (got, want) in zip(adjusted, [0.04, 0.09, 0.09, 0.025, 0.2]) { #expect(abs(got - want) < 1e-12, "\(adjusted)") }
    }

    @Test func noneAndOneComparisonAreUnchanged() {
        #expect(PValueAdjustment.none.adjust(p) == p)
        #expect(PValueAdjustment.holm.adjust([0.03]) == [0.03])
        #expect(PValueAdjustment.benjaminiHochberg.adjust([]) == [])
    }

    @Test func neverAboveOne() {
        #expect(PValueAdjustment.holm.adjust([0.5, 0.6, 0.7]).allSatisfy { $0 <= 1 })
        #expect(PValueAdjustment.benjaminiHochberg.adjust([0.9, 0.95, 0.99]).allSatisfy { $0 <= 1 })
    }
}

/// The two-rate score test, against z = (x₂/n₂ − x₁/n₁) / √(r₀(1/n₁ + 1/n₂)) computed in Python
/// (scipy for the normal tail): homelessness duties 984 of 53,029 households → 1,012 of 53,239
/// gives z = 0.538440, p = 0.590273; falls admissions 628 in 24,388 → 638 in 24,486 gives
/// z = 0.209705, p = 0.833898.
@Suite struct TwoRateTests {
    @Test func scoreTest() throws {
        let homeless = try #require(TwoRate.z(x1: 984, n1: 53029, x2: 1012, n2: 53239))
        #expect(abs(homeless - 0.5384400645272925) < 1e-9)
        #expect(abs(Normal.twoSidedP(homeless) - 0.5902732728892379) < 1e-9)
        let falls = try #require(TwoRate.z(x1: 628, n1: 24388, x2: 638, n2: 24486))
        #expect(abs(falls - 0.20970488853074581) < 1e-9)
    }

    @Test func noEventsOrNoDenominatorCannotBeTested() {
        #expect(TwoRate.z(x1: 0, n1: 100, x2: 0, n2: 100) == nil)
        #expect(TwoRate.z(x1: 3, n1: 0, x2: 4, n2: 100) == nil)
    }
}

/// A share stored to two decimals, taken back to the exact share of whole answers it came from.
@Suite struct ExactPercentTests {
    @Test func theCountBehindARoundedShare() throws {
        // 12 of 26 = 46.153846…%, stored as 46.15: shown to one decimal it is 46.2, not 46.1.
        let exact = try #require(Proportion.exactPercent(46.15, of: 26))
        #expect(abs(exact - 46.15384615384615) < 1e-12)
        #expect(String(format: "%.1f", exact) == "46.2")
        // 31 of 83 = 37.349397…%, stored as 37.35: 37.3, not 37.4.
        #expect(String(format: "%.1f", try #require(Proportion.exactPercent(37.35, of: 83))) == "37.3")
    }

    @Test func noWholeCountGivesItOrTooManyToTell() {
        #expect(Proportion.exactPercent(46.17, of: 26) == nil, "a weighted share")
        #expect(Proportion.exactPercent(50, of: 20_000) == nil)
        #expect(Proportion.exactPercent(50, of: 0) == nil)
    }
}
