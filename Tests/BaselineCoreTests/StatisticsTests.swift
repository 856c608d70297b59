import BaselineCore
@testable import BaselineStatistics
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

/// Exact Poisson limits against the published table of Garwood-style limits (e.g. Ulm 1990,
/// "Simple method to calculate the confidence interval of a standardized mortality ratio",
/// Table 1), and Byar's approximation worked by hand.
@Suite struct PoissonTests {
    @Test(arguments: [
        (0.0, 0.0000, 3.6889),
        (1.0, 0.0253, 5.5716),
        (2.0, 0.2422, 7.2247),
        (5.0, 1.6235, 11.6683),
        (9.0, 4.1154, 17.0848),
    ])
    func exactLimits(count: Double, lower: Double, upper: Double) throws {
        let limits = try #require(Rate.countInterval(count))
        #expect(rounded(limits.lower, places: 4) == lower)
        #expect(rounded(limits.upper, places: 4) == upper)
    }

    /// Byar at O = 10, z = 1.959964, worked out:
    /// lower = 10 (1 − 1/90 − 1.959964/(3√10))³ = 10 × 0.7822905³ = 4.7874;
    /// upper = 11 (1 − 1/99 + 1.959964/(3√11))³ = 11 × 1.1868828³ = 18.3915.
    @Test func byarFromTenEvents() throws {
        let limits = try #require(Rate.countInterval(10))
        #expect(rounded(limits.lower, places: 4) == 4.7874)
        #expect(rounded(limits.upper, places: 4) == 18.3915)
    }

    @Test func ratePerHundredThousand() throws {
        let rate = try #require(Rate.rate(count: 100, denominator: 250_000))
        #expect(rate.value == 40)
        #expect(rate.lower < 40 && rate.upper > 40)
        #expect(Rate.rate(count: 3, denominator: 0) == nil)
    }

    @Test func chiSquaredQuantiles() {
        #expect(rounded(ChiSquared.quantile(0.95, degreesOfFreedom: 1), places: 4) == 3.8415)
        #expect(rounded(ChiSquared.quantile(0.975, degreesOfFreedom: 2), places: 4) == 7.3778)
        #expect(rounded(ChiSquared.quantile(0.5, degreesOfFreedom: 10), places: 4) == 9.3418)
    }
}

@Suite struct ComparisonTests {
    let interval = (lower: 10.0, upper: 14.0)

    @Test func benchmarkInsideTheIntervalIsSimilar() {
        for polarity in Polarity.allCases {
            #expect(BenchmarkComparison.compare(value: 12, interval: interval, benchmark: 13, polarity: polarity) == .similar)
            #expect(BenchmarkComparison.compare(value: 12, interval: interval, benchmark: 14, polarity: polarity) == .similar)
        }
    }

    @Test func outsideByPolarity() {
        #expect(BenchmarkComparison.compare(value: 12, interval: interval, benchmark: 8, polarity: .highIsGood) == .better)
        #expect(BenchmarkComparison.compare(value: 12, interval: interval, benchmark: 8, polarity: .lowIsGood) == .worse)
        #expect(BenchmarkComparison.compare(value: 12, interval: interval, benchmark: 8, polarity: .noJudgement) == .higher)
        #expect(BenchmarkComparison.compare(value: 12, interval: interval, benchmark: 20, polarity: .highIsGood) == .worse)
        #expect(BenchmarkComparison.compare(value: 12, interval: interval, benchmark: 20, polarity: .lowIsGood) == .better)
        #expect(BenchmarkComparison.compare(value: 12, interval: interval, benchmark: 20, polarity: .noJudgement) == .lower)
    }

    @Test func noIntervalOrBenchmarkIsNotCompared() {
        #expect(BenchmarkComparison.compare(value: 12, interval: nil, benchmark: 8, polarity: .highIsGood) == .notCompared)
        #expect(BenchmarkComparison.compare(value: 12, interval: interval, benchmark: nil, polarity: .highIsGood) == .notCompared)
        #expect(BenchmarkComparison.compare(value: nil, interval: interval, benchmark: 8, polarity: .highIsGood) == .notCompared)
        #expect(BenchmarkComparison.compare(value: 12, interval: nil, benchmark: 8, benchmarkInterval: (7, 9), polarity: .highIsGood) == .notCompared)
        #expect(BenchmarkComparison.compare(value: 12, interval: interval, benchmark: nil, benchmarkInterval: (7, 9), polarity: .highIsGood) == .notCompared)
    }

    // MARK: - A benchmark with an interval of its own

    /// ONS's adult obesity prevalence, 16 Nov 2024 – 15 Nov 2025 (Explore Local Statistics):
    /// Mansfield 31.44301 (28.18697–34.98584) against its neighbour Ashfield 28.15522
    /// (23.32268–33.22684), low is good. Taken as exact, Ashfield's value lies just below
    /// Mansfield's interval (worse); with its own interval the two overlap (33.23 ≥ 28.19), so
    /// similar. A z-test on SEs from the intervals agrees (python: SE = (u − l)/3.92,
    /// z = 3.28779 / √(1.7344² + 2.5266²) = 1.07, p = 0.28).
    @Test func aNeighbourWithItsOwnIntervalIsSimilarWhenTheIntervalsOverlap() {
        let mansfield = (lower: 28.18697, upper: 34.98584)
        #expect(BenchmarkComparison.compare(value: 31.44301, interval: mansfield, benchmark: 28.15522, polarity: .lowIsGood) == .worse)
        #expect(BenchmarkComparison.compare(value: 31.44301, interval: mansfield, benchmark: 28.15522,
                                            benchmarkInterval: (23.32268, 33.22684), polarity: .lowIsGood) == .similar)
        // Worthwhile 2022-23, high is good: Mansfield 8.0 (7.53–8.47), Ashfield 6.85 (5.56–8.14):
        // as exact "better"; the intervals overlap (7.53 ≤ 8.14): similar (z = 1.64, p = 0.10).
        #expect(BenchmarkComparison.compare(value: 8.0, interval: (7.53, 8.47), benchmark: 6.85, polarity: .highIsGood) == .better)
        #expect(BenchmarkComparison.compare(value: 8.0, interval: (7.53, 8.47), benchmark: 6.85, benchmarkInterval: (5.56, 8.14),
                                            polarity: .highIsGood) == .similar)
    }

    /// Cigarette smokers 2020 - 24, low is good: Mansfield 18.0 (14.0–22.1), Ashfield 10.8
    /// (8.3–13.3). The intervals do not overlap (14.0 > 13.3): worse (z = 2.97, p = 0.003).
    /// The direction follows the values, by polarity, or higher / lower without one.
    @Test func intervalsApartAreBetterOrWorseByPolarity() {
        #expect(BenchmarkComparison.compare(value: 18.0, interval: (14.0, 22.1), benchmark: 10.8, benchmarkInterval: (8.3, 13.3),
                                            polarity: .lowIsGood) == .worse)
        #expect(BenchmarkComparison.compare(value: 18.0, interval: (14.0, 22.1), benchmark: 10.8, benchmarkInterval: (8.3, 13.3),
                                            polarity: .highIsGood) == .better)
        #expect(BenchmarkComparison.compare(value: 18.0, interval: (14.0, 22.1), benchmark: 10.8, benchmarkInterval: (8.3, 13.3),
                                            polarity: .noJudgement) == .higher)
        #expect(BenchmarkComparison.compare(value: 10.8, interval: (8.3, 13.3), benchmark: 18.0, benchmarkInterval: (14.0, 22.1),
                                            polarity: .lowIsGood) == .better)
        #expect(BenchmarkComparison.compare(value: 10.8, interval: (8.3, 13.3), benchmark: 18.0, benchmarkInterval: (14.0, 22.1),
                                            polarity: .noJudgement) == .lower)
    }

    /// Intervals that touch overlap, as Fingertips' `DoCIsOverlap` has it (`<=`): 12 (10–14)
    /// against 16 (14–18) is similar, though a z-test would find it (z = 2.77, p = 0.006) —
    /// the overlap rule is the conservative one. Apart by a hair, they differ.
    @Test func touchingIntervalsOverlap() {
        #expect(BenchmarkComparison.compare(value: 12, interval: (10, 14), benchmark: 16, benchmarkInterval: (14, 18), polarity: .highIsGood) == .similar)
        #expect(BenchmarkComparison.compare(value: 12, interval: (10, 14), benchmark: 16, benchmarkInterval: (14.01, 18), polarity: .highIsGood) == .worse)
    }

    /// With no interval of its own, the benchmark is taken as exact: the rule above.
    @Test func noBenchmarkIntervalKeepsTheRuleForAnExactBenchmark() {
        for benchmark in [8.0, 13, 14, 20] {
            for polarity in Polarity.allCases {
                #expect(BenchmarkComparison.compare(value: 12, interval: interval, benchmark: benchmark, benchmarkInterval: nil, polarity: polarity)
                        == BenchmarkComparison.compare(value: 12, interval: interval, benchmark: benchmark, polarity: polarity))
            }
        }
    }
}

@Suite struct TrendTests {
    /// A proportion rising from 10% to 14% of 10,000 a year: χ² for trend is about 99.5
    /// (z ≈ 10), far beyond the 99.8% critical value 3.09.
    @Test func risingProportionIsIncreasing() {
        let points = [0.10, 0.11, 0.12, 0.13, 0.14].map { Trend.Point(value: $0, count: $0 * 10_000, denominator: 10_000) }
        #expect(Trend.recent(points, polarity: .highIsGood) == .increasing(gettingBetter: true))
        #expect(Trend.recent(points, polarity: .lowIsGood).phrase == "increasing and getting worse")
        #expect(Trend.recent(points, polarity: .noJudgement).phrase == "increasing")
    }

    /// Hand calculation for counts 10, 12, 11, 13, 12 of 100 each: p̄ = 0.116, t̄ = 2,
    /// T = Σ xᵢ(tᵢ − 2) = −20 − 12 + 0 + 13 + 24 = 5, Var = 0.116 × 0.884 × 100 × 10 = 102.544,
    /// χ² = 25 / 102.544 = 0.2438: no significant change.
    @Test func chiSquaredForTrendByHand() throws {
        let counts = [10.0, 12, 11, 13, 12]
        let (statistic, z) = try #require(Trend.chiSquaredForTrend(counts.map { ($0, 100) }))
        #expect(statistic == 5)
        #expect(rounded(z * z, places: 4) == 0.2438)
        let points = counts.map { Trend.Point(value: $0 / 100, count: $0, denominator: 100) }
        #expect(Trend.recent(points, polarity: .highIsGood) == .noSignificantChange)
    }

    @Test func fallingRateWithIntervalsUsesRegression() {
        let points = [50.0, 46, 41, 37, 33].map { Trend.Point(value: $0, lower: $0 - 1.5, upper: $0 + 1.5) }
        #expect(Trend.recent(points, polarity: .lowIsGood) == .decreasing(gettingBetter: true))
    }

    @Test func tooFewPointsOrNothingToTestWith() {
        let three = [1.0, 2, 3].map { Trend.Point(value: $0, count: $0, denominator: 10) }
        #expect(Trend.recent(three, polarity: .highIsGood) == .cannotBeCalculated)
        let bare = [1.0, 2, 3, 4, 5].map { Trend.Point(value: $0) }
        #expect(Trend.recent(bare, polarity: .highIsGood).phrase == "cannot be calculated")
    }
}

/// Issue 16: the recent trend as Fingertips computes it — five consecutive points, 99.8%.
@Suite struct RecentTrendMethodTests {
    /// 200, 214, 228, 242, 256 of 2,000 a year: Fingertips' χ² for trend is 9.7026, p = 0.00184
    /// (scipy.stats.chi2.sf(9.7026, 1)): significant at 99.8% (χ² > 9.5495), not at 99.9%
    /// (10.8276), so the default level decides it.
    @Test func theDefaultLevelIsFingertips998() throws {
        let counts = [200.0, 214, 228, 242, 256]
        let (_, z) = try #require(Trend.chiSquaredForTrend(counts.map { ($0, 2000) }))
        #expect(abs(z * z - 9.7026) < 0.0001)
        let points = counts.map { Trend.Point(value: $0 / 2000, count: $0, denominator: 2000) }
        #expect(Trend.recent(points, polarity: .highIsGood) == .increasing(gettingBetter: true))
        #expect(Trend.recent(points, polarity: .highIsGood, significance: 0.999) == .noSignificantChange)
    }

    /// A strongly rising series with a year missing is not tested as if evenly spaced.
    @Test func aGapBetweenPeriodsCannotBeCalculated() {
        let rising = [0.10, 0.11, 0.12, 0.13, 0.14]
        let points = { (periods: [String]) in
            zip(rising, periods).map { Trend.Point(value: $0, count: $0 * 10_000, denominator: 10_000, period: $1) }
        }
        #expect(Trend.recent(points(["2016", "2017", "2018", "2019", "2020"]), polarity: .highIsGood) == .increasing(gettingBetter: true))
        #expect(Trend.recent(points(["2015", "2016", "2018", "2019", "2020"]), polarity: .highIsGood) == .cannotBeCalculated)
        #expect(Trend.recent(points(["2019-20", "2020-21", "2021-22", "2023-24", "2024-25"]), polarity: .highIsGood) == .cannotBeCalculated)
        #expect(Trend.recent(points(["2019-20", "2020-21", "2021-22", "2022-23", "2023-24"]), polarity: .highIsGood) != .cannotBeCalculated)
    }

    @Test func consecutivePeriodsOfEachKind() {
        #expect(Trend.consecutive(["2023-Q3", "2023-Q4", "2024-Q1"]))
        #expect(!Trend.consecutive(["2023-Q3", "2024-Q1"]))
        #expect(Trend.consecutive(["2023-11", "2023-12", "2024-01"]))
        #expect(Trend.consecutive(["2023-S2", "2024-S1"]))
        #expect(Trend.consecutive(["2018 - 20", "2019 - 21", "2020 - 22"]))
        #expect(!Trend.consecutive(["2018 - 20", "2021 - 23"]))
        #expect(!Trend.consecutive(["2023", "2023-24"]))
        #expect(!Trend.consecutive(["2024-W01", "2024-W02"]))
        // ONS's yearly intervals from a day of their own: a year apart from the same day follow one another.
        #expect(Trend.consecutive(["2015-11-16/P1Y", "2016-11-16/P1Y", "2017-11-16/P1Y"]))
        #expect(!Trend.consecutive(["2015-11-16/P1Y", "2017-11-16/P1Y"]))
        #expect(!Trend.consecutive(["2015-11-16/P1Y", "2016-11-17/P1Y"]))
        #expect(!Trend.consecutive(["2015-11-16/P6M", "2016-11-16/P6M"]))
        #expect(!Trend.consecutive(["2015-13-16/P1Y", "2016-13-16/P1Y"]))
        // The same years as ONS's 2025 files wrote them, with a time of midnight, and mixed with the date alone.
        #expect(Trend.consecutive(["2015-11-16T00:00:00/P1Y", "2016-11-16T00:00:00/P1Y", "2017-11-16/P1Y"]))
        #expect(!Trend.consecutive(["2015-11-16T00:00:00/P1Y", "2017-11-16T00:00:00/P1Y"]))
    }

    /// Every way a trend cannot be calculated says why, in words for the brief.
    @Test func everyTrendThatCannotBeCalculatedSaysWhy() {
        let rising = [0.10, 0.11, 0.12, 0.13, 0.14]
        func points(_ periods: [String]) -> [Trend.Point] {
            zip(rising, periods).map { Trend.Point(value: $0, count: $0 * 10_000, denominator: 10_000, period: $1) }
        }
        func why(_ points: [Trend.Point]) -> String? {
            let assessment = Trend.assess(points, polarity: .highIsGood)
            #expect((assessment.trend == .cannotBeCalculated) == (assessment.reason != nil))
            return assessment.reason
        }
        #expect(why(points(["2018", "2019", "2020"])) == "it takes 5 periods in a row and there are only 3")
        #expect(why(points(["2015", "2016", "2018", "2019", "2020"])) == "a gap between 2016 and 2018")
        #expect(why(points(["2019-20", "2020-21", "2021-22", "2022-23", "2023"])) == "2022-23 and 2023 are periods of different kinds")
        #expect(why(points(["2024-W01", "2024-W02", "2024-W03", "2024-W04", "2024-W05"]))
            == "the test steps through years, quarters and months, not periods such as week 1 of 2024")
        #expect(why(points(["2016", "2017", "2018", "2019", "2019"])) == "2019 and 2019 do not follow one another")
        #expect(why(points(["2016", "2017", "2018", "2019", "2020"])) == nil)
        let zeros = (0..<5).map { _ in Trend.Point(value: 0, count: 0, denominator: 120) }
        #expect(why(zeros) == "the proportion is 0% in every period: nothing varies to test")
        let all = (0..<5).map { _ in Trend.Point(value: 1, count: 120, denominator: 120) }
        #expect(why(all) == "the proportion is 100% in every period: nothing varies to test")
        let bare = [1.0, 2, 3, 4, 5].map { Trend.Point(value: $0) }
        #expect(why(bare) == "there are no confidence intervals, nor counts and denominators, to test it with")
        let oneBare = zip([1.0, 2, 3, 4, 5], ["2016", "2017", "2018", "2019", "2020"]).map { value, period in
            Trend.Point(value: value, lower: period == "2018" ? nil : value - 1, upper: period == "2018" ? nil : value + 1, period: period)
        }
        #expect(why(oneBare) == "there is no confidence interval, nor count and denominator, for 2018 to test it with")
    }

    /// No event in any year: nothing varies, so there is no trend to test — not "no significant change".
    @Test func anAllZeroProportionCannotBeCalculated() {
        let zeros = (0..<5).map { _ in Trend.Point(value: 0, count: 0, denominator: 120) }
        #expect(Trend.recent(zeros, polarity: .highIsGood) == .cannotBeCalculated)
        let all = (0..<5).map { _ in Trend.Point(value: 1, count: 120, denominator: 120) }
        #expect(Trend.recent(all, polarity: .highIsGood) == .cannotBeCalculated)
    }
}
