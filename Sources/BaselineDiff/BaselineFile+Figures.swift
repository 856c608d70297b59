import BaselineCore
import BaselineSchema
import Foundation

/// The figures a comparison tests with, checked as a baseline is loaded: a run never writes a
/// negative count, a count over its denominator, an interval upside down or a percentage of
/// 1e300, but a hand-edited file can, and the tests then gave confident nonsense ("two-proportion
/// test on 32/63 and -5/64, z = -8.071", a try-out). The first impossible figure is an error
/// naming its place in the document.
extension BaselineFile {
    /// The largest count (of responses, or an indicator's numerator and denominator): beyond it
    /// a whole number is not exact as a `Double`, and sums of counts could overflow. (An
    /// indicator's value is not bounded: a published 1e308 is diffed as "too large to compute".)
    static let largestCount = 1 << 53

    /// A figure as the file has it (`-5`, `58.1466`, `1e+300`), not rounded for a report.
    private static func shown(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) <= Double(largestCount) ? String(Int(value)) : "\(value)"
    }

    /// Throws for the first figure of `document` that no run writes, naming `file` and its
    /// place in the document (`.indicators[3].count`).
    static func checkFigures(_ document: BaselineDocument, file: String) throws {
        func refuse(_ at: String, _ what: String) -> BaselineError {
            BaselineError(file: file, "baseline.json has an impossible figure at \(at): \(what)",
                          hint: "it was edited by hand or damaged; re-run the pipeline to write it again (or restore the file a run wrote)")
        }
        func number(_ value: Double?, _ at: String, count: Bool = false) throws {
            guard let value else { return }
            guard value.isFinite, !count || abs(value) <= Double(largestCount) else {
                throw refuse(at, "\(shown(value)), and every \(count ? "count a run writes is at most 2^53" : "figure a run writes is a finite number")")
            }
        }
        func indicator(_ at: String, value: Double?, ci95: Interval?, count: Double?, denominator: Double?, proportion: Bool) throws {
            try number(value, at + ".value")
            try number(count, at + ".count", count: true)
            try number(denominator, at + ".denominator", count: true)
            if let count, count < 0 { throw refuse(at + ".count", "\(shown(count)), and a count is never negative") }
            if let denominator, denominator <= 0, count != nil {
                throw refuse(at + ".denominator", "\(shown(denominator)), and a denominator is more than 0")
            }
            if proportion, let count, let denominator, count > denominator {
                throw refuse(at + ".count", "\(shown(count)) of \(shown(denominator)), and a proportion's count is at most its denominator")
            }
            // Not checked against the value: publishers round the two apart (child poverty 16.2 with
            // an interval from 16.24), so a published value can sit just outside its interval.
            try interval(ci95, around: nil, at + ".ci95", range: nil)
        }
        func interval(_ ci: Interval?, around value: Double?, _ at: String, range: ClosedRange<Double>?) throws {
            guard let ci else { return }
            try number(ci.lower, at + ".lower")
            try number(ci.upper, at + ".upper")
            guard ci.lower <= ci.upper else {
                throw refuse(at, "the lower limit \(shown(ci.lower)) is above the upper \(shown(ci.upper))")
            }
            if let value, !(ci.lower...ci.upper).contains(value) {
                throw refuse(at, "the value \(shown(value)) is outside its interval \(shown(ci.lower)) to \(shown(ci.upper))")
            }
            if let range, !range.contains(ci.lower) || !range.contains(ci.upper) {
                throw refuse(at, "\(shown(ci.lower)) to \(shown(ci.upper)) is not within 0 to 100")
            }
        }
        func survey(_ figures: SurveyFigures, _ at: String) throws {
            guard (0...largestCount).contains(figures.responses) else {
                throw refuse(at + ".responses", "\(figures.responses), and a number of responses is 0 or more and at most \(largestCount)")
            }
            if let percent = figures.percentPositive, !(percent.isFinite && (0...100).contains(percent)) {
                throw refuse(at + ".percent_positive", "\(shown(percent)), and a percentage is 0 to 100")
            }
            if let size = figures.effectiveSampleSize, !(size.isFinite && size >= 0 && size <= Double(largestCount)) {
                throw refuse(at + ".effective_sample_size", "\(shown(size)), and a sample size is 0 or more")
            }
            try interval(figures.ci95, around: figures.percentPositive, at + ".ci95", range: 0...100)
        }
        for (index, result) in document.indicators.enumerated() {
            let at = ".indicators[\(index)] ('\(result.id)')"
            let proportion = result.valueType == "proportion"
            try indicator(at, value: result.value, ci95: result.ci95, count: result.count, denominator: result.denominator, proportion: proportion)
            for (row, breakdown) in (result.breakdowns ?? []).enumerated() {
                try indicator(at + ".breakdowns[\(row)]", value: breakdown.value, ci95: breakdown.ci95, count: breakdown.count,
                              denominator: breakdown.denominator, proportion: proportion)
            }
        }
        for (index, question) in document.survey.enumerated() {
            let at = ".survey[\(index)] ('\(question.id)')"
            try survey(question.overall, at + ".overall")
            for (group, rows) in question.groups.sorted(by: { $0.key < $1.key }) {
                for (row, figures) in rows.enumerated() {
                    try survey(figures.figures, at + ".groups.\(group)[\(row)].figures")
                }
            }
        }
    }
}
