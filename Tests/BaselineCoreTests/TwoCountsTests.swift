@testable import BaselineStatistics
import Testing

/// The exact conditional test of two Poisson counts (`TwoCounts`), against SciPy 1.17.1:
/// `scipy.stats.binomtest(x2, x1 + x2, t2 / (t1 + t2)).pvalue` (two-sided, its "minimum
/// likelihood" p-value, as R's `binom.test`), run once and copied here:
///
/// ```python
/// from scipy.stats import binomtest
/// binomtest(7711, 6311 + 7711, 366 / (365 + 366)).pvalue
/// ```
///
/// The cases: City of London's street-level crimes as data.police.uk publishes them, counted by
/// `police-uk` for the financial years 2018-19 (365 days) and 2019-20 (366, with 29 February) —
/// all crime 6,311 and 7,711, theft from the person 512 and 736, robbery 92 and 146,
/// anti-social behaviour 1,305 and 993, bicycle theft 439 and 415, possession of weapons 54 and
/// 63 —; Basildon's all crime of January and February 2018 (130 in 31 days, 116 in 28, the
/// `police-uk` fixture); small counts; two large ones; and a split exactly as expected.
@Suite struct TwoCountsTests {
    static let cases: [(x1: Double, t1: Double, x2: Double, t2: Double, p: Double)] = [
        (6311, 365, 7711, 366, 1.9616842963589978e-31),
        (512, 365, 736, 366, 2.9906424361003195e-10),
        (92, 365, 146, 366, 0.0005648602186364975),
        (1305, 365, 993, 366, 4.7018180019437134e-11),
        (439, 365, 415, 366, 0.3924873369567894),
        (54, 365, 63, 366, 0.4597406248124399),
        (130, 31, 116, 28, 0.9491468011293833),
        (3, 365, 12, 365, 0.03515625),
        (0, 365, 4, 365, 0.125),
        (5, 365, 5, 366, 1.0),
        (100_000, 365, 101_000, 365, 0.02586239243973295),
        (1000, 31, 903, 28, 1.0),
    ]

    @Test("p-values as SciPy's binomtest gives them, equal and unequal exposures, small counts and large")
    func againstSciPy() throws {
        for c in Self.cases {
            let p = try #require(TwoCounts.exactP(x1: c.x1, t1: c.t1, x2: c.x2, t2: c.t2))
            // Relative to the p-value: lgamma of counts this size loses a few digits at most.
            #expect(abs(p - c.p) <= 1e-8 * c.p, "\(c.x1) in \(c.t1) and \(c.x2) in \(c.t2): \(p), SciPy \(c.p)")
        }
    }

    @Test("the test is symmetric: the earlier and later counts swapped give the same p")
    func symmetric() throws {
        for c in Self.cases {
            let forward = try #require(TwoCounts.exactP(x1: c.x1, t1: c.t1, x2: c.x2, t2: c.t2))
            let back = try #require(TwoCounts.exactP(x1: c.x2, t1: c.t2, x2: c.x1, t2: c.t1))
            #expect(abs(forward - back) <= 1e-9 * forward, "\(c)")
        }
    }

    @Test("no events at all is no change (p = 1); counts that are not whole, negative, or an exposure that is not positive are not tested")
    func edges() {
        #expect(TwoCounts.exactP(x1: 0, t1: 31, x2: 0, t2: 28) == 1)
        #expect(TwoCounts.exactP(x1: 2.5, t1: 365, x2: 4, t2: 365) == nil)
        #expect(TwoCounts.exactP(x1: -1, t1: 365, x2: 4, t2: 365) == nil)
        #expect(TwoCounts.exactP(x1: 1, t1: 0, x2: 4, t2: 365) == nil)
    }

    @Test("a split far beyond chance is a p-value too small for a double, not an error")
    func underflow() throws {
        let p = try #require(TwoCounts.exactP(x1: 100_000, t1: 365, x2: 130_000, t2: 365))
        #expect(p >= 0 && p < 1e-300)
    }
}
