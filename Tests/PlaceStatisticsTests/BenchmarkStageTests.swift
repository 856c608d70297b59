import BaselineCore
import BaselineSchema
@testable import Benchmark
import BaselineStatistics
import Testing

/// The benchmark stage on indicator results written out by hand.
@Suite struct BenchmarkStageTests {
    let place = "E07000001", england = "E92000001", region = "E12000001"

    func result(_ id: String, area: String, period: String = "2024", value: Double?, count: Double? = nil, denominator: Double? = nil,
                valueType: String = "proportion", multiplier: Double = 100, polarity: Polarity = .highIsGood, ci: Interval? = nil) -> IndicatorResult {
        IndicatorResult(id: id, name: id, area: area, period: period, value: value, missing: value == nil ? .suppressed : nil, unit: "%",
                        polarity: polarity.rawValue, ci95: ci, comparisons: [:], provenance: Provenance(source: "s", file: "f.xml"),
                        valueType: valueType, count: count, denominator: denominator, multiplier: multiplier)
    }

    func run(_ results: [IndicatorResult], level998: Bool = false) throws -> [IndicatorResult] {
        var document = BaselineDocument(place: Place(name: "Testham", code: place), period: "2024")
        document.indicators = results
        try BenchmarkStage(configuration: BenchmarkConfiguration(level998: level998), place: place, benchmarks: [england, region])
            .apply(to: &document)
        return document.indicators
    }

    /// 60 of 100 is 60% with a Wilson interval of 50.2–69.1% (Newcombe's method): England's 70%
    /// lies above it (worse, as high is good), the region's 65% inside it (similar).
    @Test func proportionsGetWilsonIntervalsAndComparisonsByPolarity() throws {
        let out = try run([result("ready", area: place, value: 60, count: 60, denominator: 100),
                           result("ready", area: england, value: 70), result("ready", area: region, value: 65)])
        let mine = try #require(out.first { $0.area == place })
        #expect(mine.ciMethod == "wilson")
        #expect(mine.ci95 == Interval(lower: 50.2003, upper: 69.0599))
        #expect(mine.comparisons == [england: "worse", region: "similar"])
        let lowIsGood = try run([result("x", area: place, value: 60, count: 60, denominator: 100, polarity: .lowIsGood),
                                 result("x", area: england, value: 70)])
        #expect(lowIsGood.first { $0.area == place }?.comparisons[england] == "better")
        let neither = try run([result("x", area: place, value: 60, count: 60, denominator: 100, polarity: .noJudgement),
                               result("x", area: england, value: 40)])
        #expect(neither.first { $0.area == place }?.comparisons[england] == "higher")
    }

    /// The publisher's own `Compared to …` columns are checked against the calculation: England's
    /// 70% is above 50.2–69.1% (worse), the region's 65% inside it (similar). The publisher says
    /// 'Worse' for England (agrees) and 'Better' for the region (disagrees); 'Not compared' and a
    /// percentile band are not judgements to check.
    @Test func thePublishersOwnComparisonsAreCheckedAndADisagreementReported() throws {
        var mine = result("ready", area: place, value: 60, count: 60, denominator: 100)
        mine.published = PublishedJudgement(trend: "Increasing and getting better", comparisons: [england: "Worse", region: "Better", "E10000001": "Highest quintile"])
        var document = BaselineDocument(place: Place(name: "Testham", code: place), period: "2024")
        document.benchmarks = [Area(code: region, name: "Northshire region", role: "region")]
        document.indicators = [mine, result("ready", area: england, value: 70), result("ready", area: region, value: 65)]
        try BenchmarkStage(configuration: BenchmarkConfiguration(), place: place, benchmarks: [england, region]).apply(to: &document)
        let checked = try #require(document.indicators.first { $0.area == place })
        #expect(checked.comparisons == [england: "worse", region: "similar"])
        #expect(checked.published?.disagreements == [
            "2024 against Northshire region: the publisher says 'Better', this tool finds 'similar'",
        ], "one period has no trend of its own ('cannot be calculated'), so the published trend is not checked")
        #expect(document.dataQuality.notes.contains { $0.hasPrefix("1 of the publisher's own comparisons or trends disagree") })
    }

    @Test func ratesUseByarFromTenEventsAndExactPoissonBelow() throws {
        let out = try run([result("r", area: place, value: 10, count: 10, denominator: 1000, valueType: "rate", multiplier: 1000),
                           result("s", area: place, value: 5, count: 5, denominator: 1000, valueType: "rate", multiplier: 1000)])
        let byar = try #require(out.first { $0.id == "r" })
        #expect(byar.ciMethod == "byar")
        #expect(byar.ci95 == Interval(lower: 4.7874, upper: 18.3915))
        let exact = try #require(out.first { $0.id == "s" })
        #expect(exact.ciMethod == "exact_poisson")
        #expect(exact.ci95 == Interval(lower: 1.6235, upper: 11.6683))
    }

    @Test func publishedIntervalsAreUsedAsGivenAndNoIntervalIsNotCompared() throws {
        let out = try run([result("p", area: place, value: 80, valueType: "mean", ci: Interval(lower: 79, upper: 81)), result("p", area: england, value: 82),
                           result("q", area: place, value: 80, valueType: "mean"), result("q", area: england, value: 82),
                           result("m", area: place, value: nil), result("m", area: england, value: 82)])
        #expect(out.first { $0.id == "p" && $0.area == place }?.ciMethod == "published")
        #expect(out.first { $0.id == "p" && $0.area == place }?.comparisons[england] == "worse")
        #expect(out.first { $0.id == "q" && $0.area == place }?.comparisons == [england: "not_compared", region: "not_compared"])
        #expect(out.first { $0.id == "m" && $0.area == place }?.comparisons[england] == "not_compared")
    }

    @Test func theStricterLevelCanTurnWorseIntoSimilar() throws {
        // 600 of 1,000 (60%): 95% interval 56.9–63.0, 99.8% interval 55.1–64.7; England 64%.
        let out = try run([result("ready", area: place, value: 60, count: 600, denominator: 1000), result("ready", area: england, value: 64)],
                          level998: true)
        let mine = try #require(out.first { $0.area == place })
        #expect(mine.comparisons[england] == "worse")
        #expect(mine.comparisons998?[england] == "similar")
    }

    @Test func theLatestPeriodCarriesTheRecentTrend() throws {
        let years = ["2020", "2021", "2022", "2023", "2024"]
        let rising = zip(years, [10.0, 11, 12, 13, 14]).map { year, percent in
            result("ready", area: place, period: year, value: percent, count: percent * 100, denominator: 10_000)
        }
        let out = try run(rising)
        #expect(out.last?.trend == "increasing and getting better")
        #expect(out.dropLast().allSatisfy { $0.trend == nil })
        let gap = try run(zip(years, [10.0, 11, 12, 13, 14]).map { year, percent in
            result("ready", area: place, period: year, value: year == "2022" ? nil : percent, count: percent * 100, denominator: 10_000)
        })
        #expect(gap.last?.trend == "cannot be calculated")
        // The five latest values with 2021 not published at all: 2018, 2019, 2020, 2022, 2023.
        let skipped = try run(zip(["2018", "2019", "2020", "2022", "2023"], [10.0, 11, 12, 13, 14]).map { year, percent in
            result("ready", area: place, period: year, value: percent, count: percent * 100, denominator: 10_000)
        })
        #expect(skipped.last?.trend == "cannot be calculated")
    }

    /// A try-out saw "cannot be calculated" with no reason: each says why, beside the trend.
    @Test func aTrendThatCannotBeCalculatedSaysWhy() throws {
        let years = ["2020", "2021", "2022", "2023", "2024"]
        func series(_ periods: [String], missing: String? = nil) -> [IndicatorResult] {
            zip(periods, [10.0, 11, 12, 13, 14]).map { year, percent in
                result("ready", area: place, period: year, value: year == missing ? nil : percent, count: percent * 100, denominator: 10_000)
            }
        }
        #expect(try run(series(years)).last?.trendReason == nil)
        let gap = try run(series(years, missing: "2022"))
        #expect(gap.last?.trend == "cannot be calculated" && gap.last?.trendReason == "there is no value for 2022: suppressed")
        #expect(gap.dropLast().allSatisfy { $0.trendReason == nil })
        let skipped = try run(series(["2018", "2019", "2020", "2022", "2023"]))
        #expect(skipped.last?.trendReason == "a gap between 2020 and 2022")
        let short = try run(series(["2023", "2024"]))
        #expect(short.last?.trendReason == "it takes 5 periods in a row and there are only 2")
        let mixed = try run(series(["2020", "2021", "2022", "2019 - 23", "2023"])).first { $0.trend != nil }
        #expect(mixed?.period == "2023" && mixed?.trend == "cannot be calculated")
        #expect(mixed?.trendReason == "its recent periods are of different lengths (one year and five years)")
        // ONS's years from 16 November, written with a time of midnight, follow one another.
        let ons = try run(series(["2019", "2020", "2021", "2022", "2023"].map { "\($0)-11-16T00:00:00/P1Y" }))
        #expect(ons.last?.trend == "increasing and getting better" && ons.last?.trendReason == nil)
    }
}
