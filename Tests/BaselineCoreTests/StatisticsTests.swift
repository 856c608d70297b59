import BaselineStatistics
import Testing

/// Wilson score intervals against the published values of Newcombe (1998), "Two-sided confidence
/// intervals for the single proportion", Statistics in Medicine 17:857–872, Table I, method 3
/// (score interval without continuity correction), to four decimals.
@Suite struct WilsonTests {
    @Test(arguments: [
        (81.0, 263.0, 0.2553, 0.3662),
        (15.0, 148.0, 0.0624, 0.1605),
        (0.0, 20.0, 0.0000, 0.1611),
        (1.0, 29.0, 0.0061, 0.1718),
        (29.0, 29.0, 0.8830, 1.0000),
        (0.0, 10.0, 0.0000, 0.2775),
    ])
    func newcombeTableI(successes: Double, trials: Double, lower: Double, upper: Double) throws {
        let interval = try #require(Proportion.wilson(successes: successes, trials: trials))
        #expect(rounded(interval.lower, places: 4) == lower)
        #expect(rounded(interval.upper, places: 4) == upper)
    }

    @Test func refusesImpossibleCounts() {
        #expect(Proportion.wilson(successes: 1, trials: 0) == nil)
        #expect(Proportion.wilson(successes: 5, trials: 4) == nil)
        #expect(Proportion.wilson(successes: -1, trials: 4) == nil)
    }

    @Test func widerAtNinetyNinePointEight() throws {
        let narrow = try #require(Proportion.wilson(successes: 40, trials: 100))
        let wide = try #require(Proportion.wilson(successes: 40, trials: 100, level: .ninetyNinePointEight))
        #expect(wide.lower < narrow.lower && wide.upper > narrow.upper)
    }
}
