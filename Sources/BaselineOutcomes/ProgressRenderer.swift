import BaselineCore
import BaselineFormat
import BaselineSchema
import BaselineText
import Foundation

/// Writes a `ProgressReport` as plain text (for the terminal), Markdown (for the partnership
/// board), JSON (`schema/progress.schema.json`) or a self-contained HTML page (`ProgressPage`).
public enum ProgressRenderer {
    /// The output forms.
    public enum Format: String, CaseIterable, Sendable {
        /// Plain text.
        case text
        /// Markdown.
        case markdown
        /// JSON, keys sorted.
        case json
        /// A self-contained HTML page with a chart per metric.
        case html
    }

    /// `report` in `format`.
    public static func render(_ report: ProgressReport, format: Format) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
        case .text: return text(report)
        case .markdown: return markdown(report)
        case .html: return ProgressPage.html(report)
        }
    }

    static let marks: [ProgressStatus: String] = [.onTrack: "✓ on track", .offTrack: "✗ off track",
                                                  .notYetMeasurable: "… not yet measurable", .notComparable: "≠ not comparable"]

    static func summary(_ report: ProgressReport) -> String {
        ProgressStatus.allCases.map { "\(report.summary[$0.rawValue] ?? 0) \($0.rawValue.replacingEvery("_", with: " "))" }
            .joined(separator: ", ")
    }

    /// A value with its interval and unit: `18.6 (17.9–19.3) per 1,000`; a count (`valueType`)
    /// whole, `146 (123–172) crimes`.
    static func figure(_ point: MetricPoint, unit: String?, valueType: String? = nil) -> String {
        guard let value = point.value else { return "— (\(point.missing ?? "missing"))" }
        // As the brief and the dashboard show a figure (`BaselineFormat`); the unit after the
        // interval, except `%`, which goes with the value.
        // A currency goes before the value (`£557.6 (529.2–586.0)`).
        let places = Figure.places(unit: unit, valueType: valueType)
        var text = Figure.short(value, unit: unit, places: places)
        if let ci = point.ci95 { text += " (\(Figure.interval(ci.lower, ci.upper, places: places)))" }
        if unit != "%" { text += Figure.unit(unit) }
        if let data = point.dataPeriod { text += " [\(Figure.period(data))]" }
        return text
    }

    /// A metric's change from its baseline value to `period`'s, to the decimals its values are
    /// shown with (`figure`), with its unit: `+0.4 per 1,000 households`, `-£1.2 per week`, and a
    /// change in a percentage in points (`-0.6 points`), as `baseline diff` writes a survey's. It
    /// is measured from the baseline value as the later baseline restates it when the definition
    /// changed (the diff's like-for-like rule), so from `period`'s value less the change, not from
    /// the first value shown.
    static func change(_ value: Double, of metric: MetricProgress, in period: String) -> String {
        let later = metric.series.first { $0.period == period }?.value
        let delta = Figure.change(value, places: Figure.places(unit: metric.unit, valueType: metric.valueType), from: later.map { $0 - value }, to: later)
        if metric.unit == "%" { return delta + " points" }
        let sign = delta.hasPrefix("+") || delta.hasPrefix("-") ? String(delta.prefix(1)) : ""
        return sign + Figure.withUnit(String(delta.dropFirst(sign.count)), unit: metric.unit)
    }

    /// A target, or a value a target is checked against, with its unit: to the decimals the
    /// metric's figures are shown with (`Figure.places`), or more where the number has more, up
    /// to two (a target of 16.25 is not shown as 16.3, nor a baseline value of 58.94 that a
    /// target of 58.9 is below as 58.9). `short`, for a figure after the first of a sentence,
    /// keeps only the part of the unit that stays with a figure in a list (`64.0%`, `£520.0`,
    /// `16.2`; `Figure.short`); otherwise all of it (`16.2 per 1,000 households`).
    static func target(_ value: Double, unit: String?, short: Bool = false, valueType: String? = nil) -> String {
        let written = ProgressEngine.number(value)
        let decimals = written.split(separator: ".").dropFirst().first?.count ?? 0
        let places = max(Figure.places(unit: unit, valueType: valueType), decimals)
        return short ? Figure.short(value, unit: unit, places: places) : Figure.withUnit(Figure.number(value, places: places), unit: unit)
    }

    /// Where the trajectory puts `period` and the latest value against it, in a sentence: the
    /// latest value carries the unit, as a brief's first figure does, the expected value and the
    /// target the part that stays with a figure in a list (`58.4% (55.6–61.1) against 62.3%
    /// expected in 2026 on the way to 64.0% by 2027`; `16.9 (15.8–18.0) per 1,000 households
    /// against 17.0 expected …`).
    static func trajectory(latest: Double, interval: Interval, expected: Double, in period: String, target: Double, by: String, unit: String?,
                           valueType: String? = nil) -> String {
        let shown = figure(MetricPoint(period: period, value: latest, ci95: interval), unit: unit, valueType: valueType)
        let places = Figure.places(unit: unit, valueType: valueType)
        return "\(shown) against \(Figure.short(expected, unit: unit, places: places)) expected in \(period) on the way to "
            + "\(Self.target(target, unit: unit, short: true, valueType: valueType)) by \(by)"
    }

    /// A benchmark as the file names it, in words: the roles as people say them (`england` →
    /// England, `region` → the region), an area code as it is.
    static func benchmarkWords(_ name: String) -> String {
        switch name.lowercased() {
        case "england": "England"
        case "region": "the region"
        case "neighbour", "neighbours": "our neighbours"
        default: name
        }
    }

    static func ambition(_ metric: MetricProgress) -> String {
        let a = metric.ambition
        var text = a.direction.rawValue
        if let gap = a.closeGap {
            text += ": close \(ProgressEngine.number(gap.percent))% of the gap to \(benchmarkWords(gap.to))"
            if let target = metric.target { text += " (to \(Self.target(target, unit: metric.unit, valueType: metric.valueType)))" }
            text += " by \(a.by ?? "")"
        } else if let target = a.target {
            text += " to \(Self.target(target, unit: metric.unit, valueType: metric.valueType)) by \(a.by ?? "")"
        }
        return text
    }

    static func title(_ metric: MetricProgress) -> String {
        metric.kind == "question" && metric.breakdown != "overall" ? "\(metric.name) (\(metric.breakdown.replacingEvery("=", with: ": ")))" : metric.name
    }

    static func text(_ report: ProgressReport) -> String {
        var out = "\(report.place.name.uppercased()): progress on our shared priorities, \(report.periods.joined(separator: " → "))\n"
        out += "Vision: \(report.vision)\n"
        out += "Summary: \(summary(report))\n"
        for (index, priority) in report.priorities.enumerated() {
            out += "\n\(index + 1). \(priority.name) — owners: \(priority.owners.joined(separator: ", "))\n"
            out += "   Why: \(priority.why)\n"
            if let note = priority.note { out += "   Note: \(note)\n" }
            for metric in priority.metrics {
                out += "   \(marks[metric.status]!): \(title(metric))\n"
                out += "       " + metric.series.map { "\($0.period): \(figure($0, unit: metric.unit, valueType: metric.valueType))" }.joined(separator: " · ") + "\n"
                out += "       ambition: \(ambition(metric))\n"
                if let change = metric.changes.last {
                    let delta = change.change.map { ProgressRenderer.change($0, of: metric, in: change.period) } ?? "—"
                    out += "       change since \(metric.series[0].period): \(delta), \(change.status.replacingEvery("_", with: " "))\n"
                }
                out += "       \(metric.reason)\n"
            }
            for theme in priority.themes {
                let shares = zip(theme.periods, theme.share).map { "\($1.map(Figure.percent) ?? "not compared") in \($0)" }.joined(separator: ", ")
                out += "   Heard: \(theme.name) — \(shares) of mentions (\(theme.status))\n"
                if let then = theme.quoteThen { out += "       then: “\(then)”\n" }
                if let now = theme.quoteNow { out += "       now: “\(now)”\n" }
            }
        }
        return safe(out)
    }

    static func markdown(_ report: ProgressReport) -> String {
        func cell(_ text: String) -> String { PeopleText.markdown(text) }
        var out = "# \(cell(report.place.name)): progress on our shared priorities\n\n"
        out += "*Baselines: \(report.periods.joined(separator: " → ")).*\n\n"
        out += "> \(cell(report.vision))\n\n"
        out += "**Summary:** \(summary(report)).\n"
        for priority in report.priorities {
            out += "\n## \(cell(priority.name))\n\n"
            out += "*Owners: \(cell(priority.owners.joined(separator: ", "))).* \(cell(priority.why))\n\n"
            if let note = priority.note { out += "**Note:** \(note).\n\n" }
            if !priority.metrics.isEmpty {
                out += "| Metric | " + report.periods.map { cell($0) }.joined(separator: " | ") + " | Ambition | Status |\n"
                out += "|---|" + report.periods.map { _ in "---|" }.joined() + "---|---|\n"
                for metric in priority.metrics {
                    let byPeriod = Dictionary(metric.series.map { ($0.period, $0) }, uniquingKeysWith: { a, _ in a })
                    let cells = report.periods.map { byPeriod[$0].map { figure($0, unit: metric.unit, valueType: metric.valueType) } ?? "" }
                    out += "| \(cell(title(metric))) | " + cells.map(cell).joined(separator: " | ")
                        + " | \(cell(ambition(metric))) | **\(marks[metric.status]!.split(separator: " ", maxSplits: 1).last!)** |\n"
                }
                out += "\n"
                for metric in priority.metrics { out += "- *\(cell(title(metric)))*: \(cell(metric.reason)).\n" }
            }
            for theme in priority.themes {
                let shares = zip(theme.periods, theme.share).map { "\($1.map(Figure.percent) ?? "not compared") in \($0)" }.joined(separator: ", ")
                out += "- What we heard about **\(cell(theme.name))**: \(shares) of mentions (\(theme.status))."
                if let then = theme.quoteThen { out += " Then: “\(cell(then))”" }
                if let now = theme.quoteNow { out += " Now: “\(cell(now))”" }
                out += "\n"
            }
        }
        return out
    }

    /// Each line with any control character from the data shown rather than sent to the reader.
    static func safe(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { PeopleText.line(String($0)) }.joined(separator: "\n")
    }
}
