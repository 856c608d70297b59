import BaselineCore
import BaselineSchema
import BaselineFormat
import Foundation
import Testing

/// The one rule for each kind of figure people read.
@Suite struct FigureTests {
    @Test func decimalPlacesFollowTheUnit() {
        #expect(Figure.value(19, unit: "per 1,000 households") == "19.0 per 1,000 households")
        #expect(Figure.value(30.24, unit: "%") == "30.2%")
        #expect(Figure.value(81.86, unit: "years") == "81.9 years")
        #expect(Figure.value(1204, unit: "people") == "1,204 people")
        #expect(Figure.value(12.5, unit: nil) == "12.5")
        #expect(Figure.places(unit: "Count") == 0 && Figure.places(unit: "%") == 1 && Figure.places(unit: nil) == 1)
    }

    /// A number as written (an ambition's target, an SVG coordinate): no trailing zeros, no
    /// separators, and a whole number keeps its zeros (`10` with no decimals is not `1`).
    @Test func plainNumbersAsWritten() {
        #expect(Figure.plain(64) == "64")
        #expect(Figure.plain(2.50) == "2.5")
        #expect(Figure.plain(1200, places: 0) == "1200")
        #expect(Figure.plain(10, places: 0) == "10")
        #expect(Figure.plain(-0.001) == "0")
        #expect(Figure.plain(0.125, places: 1) == "0.1")
    }

    @Test("A count is whole by its value type whatever its unit (12,000 employees), by its unit otherwise")
    func countsAreWhole() {
        #expect(Figure.value(12000, unit: "employees", valueType: "count") == "12,000 employees")
        #expect(Figure.value(12000, unit: "employees") == "12,000.0 employees")
        #expect(Figure.value(1204, unit: "people") == "1,204 people")
        // One of a plural unit is one of them: "1 crime", not "1 crimes"; other units as they are.
        #expect(Figure.value(1, unit: "crimes", valueType: "count") == "1 crime" && Figure.value(2, unit: "crimes", valueType: "count") == "2 crimes")
        #expect(Figure.value(1, unit: "class", valueType: "count") == "1 class" && Figure.value(1, unit: "per 1,000 households", valueType: "count") == "1 per 1,000 households")
        #expect(Figure.value(19, unit: "per 1,000 households", valueType: "rate") == "19.0 per 1,000 households")
        #expect(Figure.places(unit: "%", valueType: "proportion") == 1)
    }

    @Test func thousandsSeparatorsAndSmallValues() {
        #expect(Figure.number(2605.64) == "2,605.6")
        #expect(Figure.number(-1234567.26) == "-1,234,567.3")
        #expect(Figure.number(999.96) == "1,000.0")
        #expect(Figure.number(0.0123) == "0.0123")
        #expect(Figure.number(0) == "0.0")
        #expect(Figure.number(-0.04, places: 0) == "0")
        #expect(Figure.number(1e19).hasPrefix("10,000,000,000,000,000,000"))
        #expect(Figure.number(-1e300).hasPrefix("-1,000,000,000"))
        #expect(Figure.number(.nan) == "—")
    }

    @Test func countsPercentagesIntervalsAndChanges() {
        #expect(Figure.count(45210) == "45,210" && Figure.count(-1000) == "-1,000" && Figure.count(999) == "999")
        #expect(Figure.count(6650.0) == "6,650" && Figure.count(12.5) == "12.5")
        #expect(Figure.percent(44.2222) == "44.2%")
        #expect(Figure.interval(29.64, 30.85) == "29.6–30.9")
        #expect(Figure.interval(52.1, 61.3, percent: true) == "52.1–61.3%")
        #expect(Figure.interval(2407.28, 2815.84) == "2,407.3–2,815.8")
        #expect(Figure.change(1.26) == "+1.3")
        #expect(Figure.change(-10.94) == "-10.9" && Figure.change(0) == "+0.0")
    }

    /// A change has the decimals of the figures it is between, not three significant figures:
    /// `58.9 → 59.3%` changed by `+0.4`, not `+0.344`; and its sign never goes against them.
    @Test func changesHaveTheDecimalsOfTheirFigures() {
        #expect(Figure.change(0.344, from: 58.94, to: 59.284) == "+0.3")
        #expect(Figure.change(-0.552, from: 58.94, to: 58.388) == "-0.6")
        #expect(Figure.change(0.28) == "+0.3" && Figure.change(-0.761) == "-0.8")
        #expect(Figure.change(0.4, places: 0, from: 1204, to: 1204.4) == "0" && Figure.change(12.6, places: 0) == "+13")
        #expect(Figure.change(0.0022, from: 0.0123, to: 0.0145) == "+0.0022")
        #expect(Figure.change(1234.56, from: 100, to: 1334.56) == "+1,234.6")
        // Too small to show: the sign of the figures as shown, none between figures shown the same.
        #expect(Figure.change(0.02, from: 58.94, to: 58.96) == "+0.0")
        #expect(Figure.change(-0.02, from: 58.96, to: 58.94) == "-0.0")
        #expect(Figure.change(0.02, from: 58.91, to: 58.93) == "0.0")
        #expect(Figure.change(0, from: 5, to: 5) == "0.0")
        // Figures shown the same whose difference rounds to a digit: no change shown either.
        #expect(Figure.change(0.08, from: 58.86, to: 58.94) == "0.0")
    }

    @Test("a currency goes before the figure, any other unit after it")
    func currencyBeforeTheFigure() {
        #expect(Figure.value(557.64, unit: "£") == "£557.6")
        #expect(Figure.value(-12, unit: "£") == "-£12.0")
        #expect(Figure.value(557.64, unit: "£ per week") == "£557.6 per week")
        #expect(Figure.value(557.64, unit: "GBP") == "GBP 557.6" && Figure.value(9.5, unit: "$") == "$9.5" && Figure.value(9.5, unit: "€") == "€9.5")
        #expect(Figure.value(81.86, unit: "years") == "81.9 years" && Figure.value(30.24, unit: "%") == "30.2%")
        #expect(Figure.value(3, unit: "GBPs of things") == "3.0 GBPs of things", "a word that starts with a code is no currency")
        #expect(Figure.short(648.44, unit: "£") == "£648.4" && Figure.short(30.24, unit: "%") == "30.2%" && Figure.short(19, unit: "per 1,000") == "19.0")
        #expect(Figure.prefix("£") == "£" && Figure.unit("£") == "" && Figure.prefix("years") == "")
    }

    @Test func statisticsKeepSmallPValuesReadable() {
        #expect(Figure.statistic(0.6774) == "0.677")
        #expect(Figure.statistic(-1.66) == "-1.660")
        #expect(Figure.statistic(0.0008) == "8.0e-04")
        #expect(Figure.statistic(0) == "0.000")
    }

    /// 12 of 26 is stored as 46.15 and is 46.1538…: shown 46.2%, rounded once, not 46.1%.
    @Test func surveySharesAreRoundedOnce() {
        #expect(Figure.percent(Figure.exactShare(46.15, of: 26)) == "46.2%")
        // A weighted share is no count of whole answers: shown as stored.
        #expect(Figure.percent(Figure.exactShare(46.15, of: 26, weighted: true)) == "46.1%")
        let figures = SurveyFigures(responses: 26, percentPositive: 46.15, ci95: nil, meanScore: nil, distribution: [:], blank: 0, excluded: [:])
        #expect(figures.shownPositive.map(Figure.percent) == "46.2%")
    }

    @Test func periodsUseThePublishersLabel() {
        #expect(Figure.period("2024-Q1", label: "Jan–Mar 2024") == "Jan–Mar 2024")
        #expect(Figure.period("2024-25") == "2024-25")
    }

    /// `Figure` formats with C's `vsnprintf` rather than `String(format:)` (a fixed-cost cut):
    /// every figure must read exactly as `String(format:)` wrote it, halves and huge values too.
    @Test func figuresReadAsStringFormatWroteThem() {
        let values: [Double] = [0, -0.0, 0.05, 0.15, 0.25, 0.125, -0.125, 2.5, 3.5, 1.005, 2.675, 19, 30.24, 81.86, 999.95, 999.96,
                                -1234567.26, 0.00012345, -0.0004, 0.0123, 0.999, 1e-9, 12345678.9, 1e21, 1.7976931348623157e308,
                                -Double.leastNonzeroMagnitude, 0.9995, 46.153846, 1.0 / 3.0, .pi, -.pi]
        for value in values {
            for places in 0...3 {
                let reference = String(format: "%.\(places)f", value)
                var plain = Substring(reference)
                if plain.contains(".") {
                    while plain.last == "0" { plain.removeLast() }
                    if plain.last == "." { plain.removeLast() }
                }
                #expect(Figure.plain(value, places: places) == (plain == "-0" ? "0" : String(plain)), "plain \(value) \(places)")
                let number = Figure.number(value, places: places)
                if value != 0, abs(value) < 1, places > 0 {
                    #expect(number == String(format: "%.3g", value), "number \(value) \(places)")
                } else {
                    #expect(number.replacingOccurrences(of: ",", with: "") == (reference.hasPrefix("-") && !reference.contains(where: { ("1"..."9").contains($0) })
                                                                                ? String(reference.dropFirst()) : reference), "number \(value) \(places)")
                }
            }
            #expect(Figure.statistic(value) == (abs(value) < 0.001 && value != 0 ? String(format: "%.1e", value) : String(format: "%.3f", value)),
                    "statistic \(value)")
        }
        #expect(Figure.plain(.nan) == String(format: "%.2f", Double.nan) && Figure.plain(-.infinity) == String(format: "%.2f", -Double.infinity))
        #expect(Figure.number(1e21, places: 0) == "1,000,000,000,000,000,000,000")
    }
}

/// The shared words: plurals, lists, comparisons, significance.
@Suite struct WordingTests {
    @Test func oneAndMany() {
        #expect(Wording.count(1, "indicator") == "1 indicator")
        #expect(Wording.count(3, "indicator") == "3 indicators")
        #expect(Wording.count(0, "indicator") == "0 indicators")
        #expect(Wording.count(1, "person", "people") == "1 person")
        #expect(Wording.count(1204, "person", "people") == "1,204 people")
    }

    @Test func listsAndComparisons() {
        #expect(Wording.list(["Vale"]) == "Vale" && Wording.list(["Vale", "England"]) == "Vale and England")
        #expect(Wording.list(["a", "b", "c"]) == "a, b and c")
        let names = ["E92000001": "England", "E07000002": "Vale", "E12000001": "the region"]
        #expect(Wording.comparisons(["E92000001": "worse", "E07000002": "worse", "E12000001": "similar"], names: names)
                == "worse than Vale and England; similar to the region")
        #expect(Wording.comparisons(["E92000001": "higher"], names: names) == "higher than England")
        #expect(Wording.comparisons(["E92000001": "not_compared"], names: names) == "not compared")
        #expect(Wording.comparisons([:], names: names) == "not compared")
    }

    /// "People kept raising Silos": a name inside a sentence starts small, unless it is an
    /// abbreviation or has other capitals.
    @Test func namesInsideASentence() {
        #expect(Wording.midSentence("Silos") == "silos")
        #expect(Wording.midSentence("Data sharing") == "data sharing")
        #expect(Wording.midSentence("Co-location") == "co-location")
        #expect(Wording.midSentence("NHS waits") == "NHS waits")
        #expect(Wording.midSentence("McKenzie House") == "McKenzie House")
        #expect(Wording.midSentence("already small") == "already small" && Wording.midSentence("") == "")
    }

    @Test func significanceMissingAndSentences() {
        #expect(Wording.significance(p: 0.01) == "significant at 95%")
        #expect(Wording.significance(p: 0.05) == "within what chance would give")
        #expect(Wording.missing("not_available") == "not available" && Wording.missing(nil) == "missing")
        #expect(Wording.sentence(["a is worse", "b is better"]) == "A is worse; b is better.")
    }
}

/// A candidate priority's reason, made from the evidence the `priorities` stage keeps as data.
@Suite struct PriorityWordingTests {
    let names = ["E92000001": "England", "E07000002": "Vale"]

    @Test func theEvidenceInOneSentence() {
        let evidence = PriorityEvidence(
            worse: [.init(indicator: "falls", name: "Falls admissions", than: ["E07000002", "E92000001"], value: 2605.6,
                          unit: "per 100,000 aged 65+", period: "2024-25", trend: "increasing and getting worse")],
            mentions: .init(mentions: 57, total: 613),
            concerns: [.init(question: "silos", text: "We work in silos", percentPositive: 13.53, responses: 451, weighted: false,
                             reverse: true, positiveIsDisagreeing: true)])
        #expect(PriorityWording.reason(evidence, names: names)
                == "Falls admissions is worse than Vale and England (2,605.6 per 100,000 aged 65+, 2024-25) and increasing and getting worse; "
                + "57 of the 613 theme mentions in what we heard (9.3%) are about it; "
                + "only 13.5% disagreed with “We work in silos” (reverse-scored: disagreeing is the positive answer).")
    }

    @Test func oneMentionIsSingular() {
        #expect(PriorityWording.reason(PriorityEvidence(mentions: .init(mentions: 1, total: 40)), names: [:])
                == "1 of the 40 theme mentions in what we heard (2.5%) is about it.")
        #expect(PriorityWording.reason(PriorityEvidence(mentions: .init(mentions: 1, total: 1), indicatorsNotWorse: true), names: [:])
                == "The one theme mention in what we heard is about it; but its indicators are not worse than the benchmarks.")
    }

    /// A baseline written before 1.7 has no evidence: its reason is all there is.
    @Test func anEarlierBaselineKeepsItsReason() {
        let old = CandidatePriority(id: "a", name: "A", reason: "As written.", indicators: [], questions: [], themes: [])
        #expect(PriorityWording.reason(old, names: [:]) == "As written.")
    }

    /// Periods as people read them wherever a brief, a diff, progress or a priority's reason
    /// names one: the try-out's diff said `[2023-11-16/P1Y → 2024-11-16/P1Y]` and a priority
    /// `(£589.3, 2025-04-30)`.
    @Test func periodsAsPeopleReadThem() {
        #expect(Figure.period("2025-04-30") == "30 Apr 2025")
        #expect(Figure.period("2024-11-16/P1Y") == "16 Nov 2024 – 15 Nov 2025")
        #expect(Figure.period("2024-Q1") == "Jan–Mar 2024")
        #expect(Figure.period("2024-25") == "2024-25" && Figure.period("2021 - 23") == "2021 - 23")
        #expect(Figure.period("2024-Q1", label: "Q1 2024 (published)") == "Q1 2024 (published)")
        #expect(Figure.period("not a period") == "not a period")
    }

    /// One short form for a figure with its currency or `%` (the brief's priorities, `diff`,
    /// `progress` each wrote their own, `£-1.2` for a negative): the sign before the currency.
    @Test func shortFiguresWithPlacesAndSign() {
        #expect(Figure.short(-1.2, unit: "£") == "-£1.2")
        #expect(Figure.short(557.63, unit: "£ per week", places: 2) == "£557.63")
        #expect(Figure.short(-3, unit: "GBP", places: 0) == "-GBP 3")
        #expect(Figure.short(44.25, unit: "%") == "44.2%" || Figure.short(44.25, unit: "%") == "44.3%")
        #expect(Figure.short(-0.5, unit: "per 1,000", places: 1) == "-0.5")
    }
}
