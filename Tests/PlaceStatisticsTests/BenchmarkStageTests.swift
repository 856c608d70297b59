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

    /// police.uk's crimes are counts of events with their count and no population: the note
    /// said "no count and denominator" beside figures that are counts (a second try-out).
    @Test func countsOfEventsAreNotedAsSuchNotAsWithoutACount() throws {
        var document = BaselineDocument(place: Place(name: "Testham", code: place), period: "2024")
        document.indicators = [result("robbery", area: place, value: 146, count: 146, valueType: "count", multiplier: 1),
                               result("robbery", area: england, value: 70_000, count: 70_000, valueType: "count", multiplier: 1),
                               result("score", area: place, value: 12, valueType: "score", multiplier: 1)]
        try BenchmarkStage(configuration: BenchmarkConfiguration(), place: place, benchmarks: [england, region]).apply(to: &document)
        #expect(document.dataQuality.notes.contains("Counts of events with no population to divide them by: robbery — not compared with benchmarks, "
                                                    + "whose areas are of other sizes (`baseline diff` and `progress` still test their changes)."),
                "\(document.dataQuality.notes)")
        #expect(document.dataQuality.notes.contains("No confidence interval (no count and denominator, none published) for score: not compared with benchmarks."),
                "\(document.dataQuality.notes)")
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

    // MARK: - Benchmarks with intervals of their own

    func run(_ results: [IndicatorResult], benchmarks: [Area], level998: Bool = false) throws -> BaselineDocument {
        var document = BaselineDocument(place: Place(name: "Testham", code: place), period: "2024")
        document.benchmarks = benchmarks
        document.indicators = results
        try BenchmarkStage(configuration: BenchmarkConfiguration(level998: level998), place: place, benchmarks: benchmarks.map(\.code))
            .apply(to: &document)
        return document
    }

    /// ONS's adult obesity prevalence, 16 Nov 2024 – 15 Nov 2025, with the published intervals
    /// (low is good): Mansfield 31.44301 (28.18697–34.98584); England 26.64292 (26.41749–26.87557);
    /// Ashfield 28.15522 (23.32268–33.22684). England is the national figure, taken as exact
    /// (below the interval: worse). Ashfield has an interval of its own, which overlaps
    /// Mansfield's (33.23 ≥ 28.19): similar — where taking its value as exact said worse
    /// (28.16 < 28.19). Checked by hand with a z-test on SEs from the intervals: z = 1.07.
    @Test func aNeighbourIsComparedIntervalWithIntervalAndEnglandAsExact() throws {
        let neighbour = "E07000170"
        let document = try run([
            result("obesity", area: place, value: 31.44301, polarity: .lowIsGood, ci: Interval(lower: 28.18697, upper: 34.98584)),
            result("obesity", area: england, value: 26.64292, polarity: .lowIsGood, ci: Interval(lower: 26.41749, upper: 26.87557)),
            result("obesity", area: neighbour, value: 28.15522, polarity: .lowIsGood, ci: Interval(lower: 23.32268, upper: 33.22684)),
        ], benchmarks: [Area(code: england, name: "England", role: "england"), Area(code: neighbour, name: "Ashfield", role: "neighbour")])
        let mine = try #require(document.indicators.first { $0.area == place })
        #expect(mine.comparisons == [england: "worse", neighbour: "similar"])
    }

    /// A region with a count and denominator gets its Wilson interval and is compared with it:
    /// 60 of 100 (50.2–69.1) against 75 of 100 (65.7–82.5, python's Wilson formula): as exact,
    /// 75% is above 69.1% (worse, high is good); the intervals overlap (65.7 ≤ 69.1), so
    /// similar. England's 75%, with no interval, is taken as exact: worse. A national code
    /// (E92…) is taken as exact whatever its role, and even with an interval.
    @Test func aRegionsIntervalFromItsCountsIsUsed() throws {
        let document = try run([
            result("ready", area: place, value: 60, count: 60, denominator: 100),
            result("ready", area: region, value: 75, count: 75, denominator: 100),
            result("ready", area: england, value: 75, count: 75, denominator: 100),
        ], benchmarks: [Area(code: england, name: "England", role: "nation"), Area(code: region, name: "Northshire", role: "region")])
        let regional = try #require(document.indicators.first { $0.area == region })
        #expect(regional.ci95 == Interval(lower: 65.6955, upper: 82.4548))
        #expect(document.indicators.first { $0.area == place }?.comparisons == [england: "worse", region: "similar"])
    }

    /// At 99.8% a benchmark with an interval is compared with its 99.8% interval: 600 of 1,000
    /// (95%: 56.9–63.0; 99.8%: 55.1–64.7) against 670 of 1,000 (95%: 64.0–69.8; 99.8%:
    /// 62.3–71.4, python's Wilson formula). At 95% the intervals are apart (worse); at 99.8%
    /// they overlap (similar), where 67% taken as exact would still be worse (above 64.7). A
    /// benchmark with a published 95% interval and no counts has no 99.8% interval: not compared
    /// at that level.
    @Test func atTheStricterLevelTheBenchmarksStricterIntervalIsUsed() throws {
        let counted = "E07000002", published = "E07000003"
        let document = try run([
            result("ready", area: place, value: 60, count: 600, denominator: 1000),
            result("ready", area: counted, value: 67, count: 670, denominator: 1000),
            result("ready", area: published, value: 67, ci: Interval(lower: 64.0, upper: 69.8)),
        ], benchmarks: [Area(code: counted, name: "Counted", role: "neighbour"), Area(code: published, name: "Published", role: "neighbour")],
           level998: true)
        let mine = try #require(document.indicators.first { $0.area == place })
        #expect(mine.comparisons == [counted: "worse", published: "worse"])
        #expect(mine.comparisons998 == [counted: "similar", published: "not_compared"])
    }

    /// The publisher (Fingertips takes a region's value as exact) says 'Worse' where the
    /// overlapping intervals say similar: the two methods, not a disagreement. 'Better' where
    /// this tool finds worse is one still.
    @Test func aPublishersDifferenceWhereTheIntervalsOverlapIsNotADisagreement() throws {
        var mine = result("ready", area: place, value: 60, count: 60, denominator: 100)
        mine.published = PublishedJudgement(trend: nil, comparisons: [region: "Worse", england: "Better"])
        let document = try run([mine, result("ready", area: region, value: 75, count: 75, denominator: 100), result("ready", area: england, value: 75)],
                               benchmarks: [Area(code: england, name: "England", role: "england"), Area(code: region, name: "Northshire", role: "region")])
        let checked = try #require(document.indicators.first { $0.area == place })
        #expect(checked.comparisons == [england: "worse", region: "similar"])
        #expect(checked.published?.disagreements == ["2024 against England: the publisher says 'Better', this tool finds 'worse'"])
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
