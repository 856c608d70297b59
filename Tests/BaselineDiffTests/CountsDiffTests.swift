import BaselineCore
@testable import BaselineDiff
import BaselineSchema
import Testing

/// Counts of events (`value_type: count` with their `count`: the crimes `police-uk` counts) are
/// tested by the exact test of two Poisson counts over periods of the same length. A try-out on
/// City of London's street-level files found every crime figure "not tested — no counts or
/// confidence intervals", though they were counts the tool had made (all crime 6,311 → 7,711).
///
/// The p-values are SciPy 1.17.1's, `scipy.stats.binomtest(x2, x1 + x2, t2 / (t1 + t2)).pvalue`
/// with t the days of each period (2018-19: 365, 2019-20: 366), shown as the diff shows them:
/// 6,311 → 7,711 gives 1.96e-31; 1,305 → 993 gives 4.70e-11; 439 → 415 gives 0.3925; 130 in
/// January → 116 in February (31 and 28 days) gives 0.9491; 3,100 → 3,000 in the same months
/// gives 0.0071.
@Suite struct CountsDiffTests {
    func crimes(_ id: String, period: String, _ count: Double, counted: Bool = true, unit: String = "crimes") -> IndicatorResult {
        var result = indicator(id, area: "E09000001", period: period, value: count, unit: unit)
        result.valueType = "count"
        result.count = counted ? count : nil
        result.multiplier = 1
        return result
    }

    func change(_ before: IndicatorResult, _ after: IndicatorResult) -> IndicatorChange {
        DiffEngine().compareIndicators([before], [after])[0]
    }

    @Test("two financial years' counts: tested exactly, a rise of a low-is-good count worsened, a fall improved, with the days of each")
    func financialYears() {
        let all = change(crimes("crime-all", period: "2018-19", 6311), crimes("crime-all", period: "2019-20", 7711))
        #expect(all.status == .worsened)
        #expect(all.reason == "significant at 95% (exact test of two Poisson counts, 6,311 in 365 days and 7,711 in 366, p = 2.0e-31)", "\(all.reason)")
        #expect(all.change == 1400)
        let asb = change(crimes("crime-asb", period: "2018-19", 1305, unit: "incidents"), crimes("crime-asb", period: "2019-20", 993, unit: "incidents"))
        #expect(asb.status == .improved)
        #expect(asb.reason == "significant at 95% (exact test of two Poisson counts, 1,305 in 365 days and 993 in 366, p = 4.7e-11)", "\(asb.reason)")
        let bicycles = change(crimes("crime-bicycle-theft", period: "2018-19", 439), crimes("crime-bicycle-theft", period: "2019-20", 415))
        #expect(bicycles.status == .noSignificantChange)
        #expect(bicycles.reason == "the change is within what chance would give (exact test of two Poisson counts, 439 in 365 days and 415 in 366, p = 0.392)",
                "\(bicycles.reason)")
    }

    @Test("months are compared per day: 28 days are not 31, and fewer crimes over fewer days can be a higher rate, said so")
    func monthsOfDifferentDays() {
        let basildon = change(crimes("crime-all", period: "2018-01", 130), crimes("crime-all", period: "2018-02", 116))
        #expect(basildon.status == .noSignificantChange)
        #expect(basildon.reason == "the change is within what chance would give (exact test of two Poisson counts, 130 in 31 days and 116 in 28, p = 0.949)",
                "\(basildon.reason)")
        let rate = change(crimes("crime-all", period: "2018-01", 3100), crimes("crime-all", period: "2018-02", 3000))
        #expect(rate.status == .worsened && rate.change == -100)
        #expect(rate.reason == "significant at 95% (exact test of two Poisson counts, 3,100 in 31 days and 3,000 in 28 (100.0 and 107.1 a day), p = 0.007)",
                "\(rate.reason)")
    }

    @Test("a count over eleven months against a year's stays not comparable; periods that cannot be placed are not tested")
    func unequalOrUnknownPeriods() {
        let partial = change(crimes("crime-all", period: "2019", 7700), crimes("crime-all", period: "2020-01-01/P11M", 5400))
        #expect(partial.status == .notComparable)
        #expect(partial.reason.hasPrefix("periods of different lengths: 2019 (one year) against"), "\(partial.reason)")
        let waves = change(crimes("crime-all", period: "wave8", 100), crimes("crime-all", period: "wave9", 200))
        #expect(waves.status == .notTested)
        #expect(waves.reason == "two counts, but the days the periods cover are not known (wave8, wave9), so whether they were counted over equal times is not either: the change cannot be tested",
                "\(waves.reason)")
    }

    static let withoutCount = "a count without its count of events (`count`) or confidence intervals, so the change cannot be tested "
        + "(police-uk's counts carry it; a baseline made before they did is tested once run again)"

    @Test("a count without its count of events (a baseline made before police-uk gave it) is not tested, and the reason says what it lacks")
    func withoutTheCount() {
        let old = change(crimes("crime-all", period: "2018-19", 6311, counted: false), crimes("crime-all", period: "2019-20", 7711))
        #expect(old.status == .notTested)
        #expect(old.reason == Self.withoutCount, "\(old.reason)")
        // With intervals, it is tested from them, as any figure.
        var before = crimes("crime-all", period: "2018-19", 6311, counted: false), after = crimes("crime-all", period: "2019-20", 7711, counted: false)
        before.ci95 = Interval(lower: 6156, upper: 6469)
        after.ci95 = Interval(lower: 7540, upper: 7885)
        #expect(change(before, after).reason.contains("from the confidence intervals"))
    }

    func document(_ period: String, _ indicators: [IndicatorResult]) -> BaselineDocument {
        var document = BaselineDocument(place: Place(name: "City of London", code: "E09000001"), period: period)
        document.indicators = indicators
        return document
    }

    @Test("the diff's heading says none could be tested, and why, rather than that nothing changed")
    func headingWhenNothingWasTested() throws {
        let before = document("2018-19", [crimes("a", period: "2018-19", 6311, counted: false), crimes("b", period: "2018-19", 92, counted: false)])
        let after = document("2019-20", [crimes("a", period: "2019-20", 7711, counted: false), crimes("b", period: "2019-20", 146, counted: false)])
        let text = try DiffReport.render(DiffEngine().diff(from: before, to: after), format: .text)
        #expect(text.contains("Indicators for City of London\nNone of the 2 indicators could be tested (so none is said to have changed): "
                              + Self.withoutCount + ".\n"), "\(text)")
        #expect(!text.contains("No indicator changed significantly"))
        // Two reasons: each with how many it held back.
        let mixed = document("2019-20", [crimes("a", period: "2019-20", 7711, counted: false), crimes("b", period: "2018-19", 92, counted: false)])
        let two = try DiffReport.render(DiffEngine().diff(from: before, to: mixed), format: .markdown)
        #expect(two.contains("None of the 2 indicators could be tested (so none is said to have changed): "
                             + Self.withoutCount.replacingOccurrences(of: "`", with: "\\`")
                             + " (1); the same period (2018-19) in both baselines: nothing newer was published (1)."), "\(two)")
        // Tested and unchanged is still "no indicator changed significantly".
        let counted = try DiffReport.render(DiffEngine().diff(from: document("2018-19", [crimes("b", period: "2018-19", 439)]),
                                                              to: document("2019-20", [crimes("b", period: "2019-20", 415)])), format: .text)
        #expect(counted.contains("No indicator changed significantly (1 tested)."), "\(counted)")
        let none = try DiffReport.render(DiffEngine().diff(from: document("2018-19", []), to: document("2019-20", [])), format: .text)
        #expect(none.contains("No indicators for City of London in either baseline."), "\(none)")
    }
}
