import BaselineCore
import BaselineFormat
import BaselineSchema
import BaselineStatistics
import BaselineText
import Foundation

/// Writes a `BaselineDiff` for people: a one-screen summary first, then the details, as plain
/// text (with colour on a terminal) or Markdown.
public struct DiffReport {
    /// The output form.
    public enum Format: String, CaseIterable, Sendable {
        /// Plain text for the terminal.
        case text
        /// Markdown for a workshop pack.
        case markdown
        /// JSON for other tools (`schema/diff.schema.json`).
        case json
    }

    let diff: BaselineDiff
    let markdown: Bool
    let colour: Bool

    /// Renders `diff` as `format`; `colour` adds ANSI colour to text.
    public static func render(_ diff: BaselineDiff, format: Format, colour: Bool = false) throws -> String {
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return PeopleText.json(String(decoding: try encoder.encode(diff), as: UTF8.self)) + "\n"
        case .text: return DiffReport(diff: diff, markdown: false, colour: colour).body
        case .markdown: return DiffReport(diff: diff, markdown: true, colour: false).body
        }
    }

    private var body: String {
        var lines = [heading(1, "\(data(diff.to.place.name)): \(data(diff.from.period)) → \(data(diff.to.period))")]
        lines.append(summaryLine)
        lines.append("")
        let order: [ChangeStatus] = [.worsened, .improved, .increased, .decreased, .newlySuppressed, .newlyMissing, .notComparable, .added, .removed]
        let place = diff.indicators.filter { $0.area == diff.to.place.code }
        let shown = place.filter { order.contains($0.status) }
        lines.append(heading(2, "Indicators for \(data(diff.to.place.name))"))
        if place.isEmpty {
            lines.append("No indicators for \(data(diff.to.place.name)) in either baseline.")
        } else if shown.isEmpty {
            let tested = place.filter { $0.status != .notTested }.count
            // Nothing tested is not "nothing changed": say so, and why.
            lines.append(tested == 0 ? Self.noneTested(place.map(\.reason), data: data)
                         : "No indicator changed significantly (\(tested) tested" + (tested < place.count ? ", \(place.count - tested) not tested" : "") + ").")
        }
        for status in order {
            for change in shown where change.status == status {
                lines.append(item("\(mark(status)): \(data(change.name)): \(values(change))" + " — \(data(change.reason))"))
                let moved = change.benchmarks.sorted(by: { $0.key < $1.key }).filter { pair in
                    let sides = pair.value.components(separatedBy: " → ")
                    return sides.count == 2 && sides[0] != sides[1]
                }
                for (area, then) in moved {
                    // By name, as the benchmarks are named everywhere else, with the code.
                    let named = diff.areaNames?[area].map { "\($0) (\(area))" } ?? area
                    lines.append(item("against \(data(named)): \(data(then))", level: 1))
                }
            }
        }
        for status in [ChangeStatus.noSignificantChange, .notTested] {
            for change in place where change.status == status {
                lines.append(item("\(mark(change.status)): \(data(change.name)): \(values(change)) — \(data(change.reason))"))
            }
        }
        if !place.isEmpty {
            lines.append(item("(Between the two baselines: a change counts when the later value differs from the earlier one by more than "
                              + "chance would give. The brief's \"recent trend\" looks over five years.)"))
        }
        let others = diff.indicators.filter { $0.area != diff.to.place.code && $0.status != .noSignificantChange && $0.status != .notTested }
        if !others.isEmpty {
            lines.append("")
            lines.append(heading(2, "Benchmark areas"))
            for change in others {
                let area = diff.areaNames?[change.area].map { "\($0), \(change.area)" } ?? change.area
                lines.append(item("\(mark(change.status)): \(data(change.name)) (\(data(area))\(change.previousArea.map { ", was \(data($0))" } ?? "")): "
                                  + (change.status == .notComparable ? data(change.reason) : values(change))))
            }
        }
        lines.append("")
        lines.append(heading(2, "Survey"))
        // Each question, then the groups in which it moved significantly, beneath it.
        let groups = diff.survey.filter { $0.breakdown != "overall" }
        for change in diff.survey where change.breakdown == "overall" {
            let disagreeing = change.scale.map { SurveyQuestionResult.isAgreement(scale: $0) } == true
            let text = data(change.text) + (change.reverse != true ? "" : disagreeing ? " (reverse-scored: % disagreeing)" : " (reverse-scored)")
            lines.append(item("\(mark(change.status)): \(text): \(shares(change))"
                              + (points(change).map { " (\($0) points)" } ?? "") + " — \(data(change.reason))"))
            for group in groups where group.id == change.id && (group.status == .improved || group.status == .worsened) {
                let name = data(group.breakdown.replacingOccurrences(of: "=", with: ": ", options: [], range: group.breakdown.range(of: "=")))
                let p = group.pValue.map { "; p = \(Figure.statistic($0))" + (group.adjustedPValue.map { ", adjusted p = \(Figure.statistic($0))" } ?? "") } ?? ""
                lines.append(item("\(mark(group.status)): \(name): \(shares(group)) (\(Figure.count(group.responses[0])) → \(Figure.count(group.responses[1])) answers\(p))", level: 1))
            }
        }
        if let adjustment = diff.adjustment {
            lines.append(item("(" + Self.adjustmentNote(adjustment) + ")"))
        }
        if diff.survey.isEmpty { lines.append("No survey in either baseline.") }
        lines.append("")
        lines.append(heading(2, "Themes"))
        if let basis = diff.themesBasis {
            let left = [(basis.onlyBefore, diff.from.period), (basis.onlyAfter, diff.to.period)].filter { !$0.0.isEmpty }
                .map { "\(data($0.0.joinedInWords)) (only in \(data($0.1)))" }
            lines.append(basis.kinds.isEmpty
                ? "Not compared: the two baselines heard from different kinds of source — \(left.joined(separator: "; "))."
                : "Compared on what both baselines heard from — \(data(basis.kinds.joinedInWords)) — leaving out \(left.joined(separator: " and ")).")
        }
        let moving = diff.themes.filter { $0.status != "steady" }
        if moving.isEmpty, diff.themesBasis?.kinds.isEmpty != true {
            lines.append(diff.themes.isEmpty ? "No themes in either baseline." : "Every theme's share of mentions is steady.")
        }
        for theme in moving {
            lines.append(item("\(data(theme.status)): \(data(theme.name)) — \(Figure.percent(theme.share[0])) → \(Figure.percent(theme.share[1])) of mentions"))
        }
        for theme in diff.themes where !theme.newQuotes.isEmpty {
            lines.append(item("new quote for \(data(theme.name)): “\(data(theme.newQuotes[0]))”"))
        }
        lines.append("")
        lines.append(heading(2, "Candidate priorities"))
        let priorities = diff.priorities.filter { $0.status != "stayed" }
        // One baseline with none (its pipeline had no priorities stage) is not every priority
        // entering or leaving: the try-out's diff said each "entered".
        let beforeNone = !diff.priorities.isEmpty && diff.priorities.allSatisfy { $0.rank[0] == nil }
        let afterNone = !diff.priorities.isEmpty && diff.priorities.allSatisfy { $0.rank[1] == nil }
        if beforeNone || afterNone {
            lines.append("Only the \(beforeNone ? "later" : "earlier") baseline has candidate priorities (\(diff.priorities.count)); "
                         + "the \(beforeNone ? "earlier" : "later") one has none to compare them with.")
        } else if priorities.isEmpty {
            lines.append(diff.priorities.isEmpty ? "No candidate priorities in either baseline." : "The candidate priorities are unchanged.")
        }
        for p in priorities where !(beforeNone || afterNone) {
            let ranks = switch (p.rank[0], p.rank[1]) {
            case let (a?, b?): " (#\(a) → #\(b))"
            case let (nil, b?): " (now #\(b))"
            case let (a?, nil): " (was #\(a))"
            default: ""
            }
            lines.append(item("\(data(p.status)): \(data(p.name))" + ranks))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The heading's sentence when no indicator could be tested, with why: the reason they share,
    /// or each reason with how many it held back, the commonest first (three at most).
    static func noneTested(_ reasons: [String], data: (String) -> String) -> String {
        var counts = [String: Int]()
        for reason in reasons { counts[reason, default: 0] += 1 }
        let commonest = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        let why = commonest.count == 1 ? data(commonest[0].key)
            : commonest.prefix(3).map { "\(data($0.key)) (\($0.value))" }.joined(separator: "; ")
                + (commonest.count > 3 ? "; and \(commonest.count - 3) other reasons" : "")
        return (reasons.count == 1 ? "The one indicator could not be tested (so it is not said to have changed): "
                : "None of the \(reasons.count) indicators could be tested (so none is said to have changed): ") + why + "."
    }

    private var summaryLine: String {
        let words: [(ChangeStatus, String)] = [(.improved, "improved"), (.worsened, "worsened"), (.noSignificantChange, "no significant change"),
                                               (.notComparable, "not comparable"), (.newlySuppressed, "newly suppressed"),
                                               (.newlyMissing, "newly missing"), (.added, "added"), (.removed, "removed")]
        let parts = words.compactMap { status, word in diff.summary[status.rawValue].map { "\($0) \(word)" } }
        // What could not be tested is said apart from the results of tests.
        let untested = diff.summary[ChangeStatus.notTested.rawValue].map { "; \($0) not tested (no newer period, no interval or counts, or missing or suppressed both times)" } ?? ""
        return (markdown ? "**Summary** " : "Summary ") + "(\(data(diff.to.place.name))'s indicators and the overall survey results): "
            + (parts.isEmpty ? "nothing tested" : parts.joined(separator: ", ")) + untested + "."
    }

    /// A value from the baselines, made safe for the output: escaped Markdown, or one line
    /// with its control characters shown (a hostile export cannot reach the reader's terminal).
    private func data(_ text: String) -> String {
        markdown ? PeopleText.markdown(text) : PeopleText.line(text)
    }

    private func heading(_ level: Int, _ text: String) -> String {
        markdown ? String(repeating: "#", count: level) + " " + text : (level == 1 ? text.uppercased() : text)
    }

    private func item(_ text: String, level: Int = 0) -> String {
        String(repeating: "  ", count: level + (markdown ? 0 : 1)) + (markdown ? "- " : "") + text
    }

    private func mark(_ status: ChangeStatus) -> String {
        let (symbol, code): (String, String) = switch status {
        case .improved: ("▲ improved", "32")
        case .worsened: ("▼ worsened", "31")
        case .increased: ("↑ increased", "36")
        case .decreased: ("↓ decreased", "36")
        case .noSignificantChange: ("= no significant change", "0")
        case .notTested: ("○ not tested", "0")
        case .notComparable: ("≠ not comparable", "33")
        case .newlyMissing: ("? newly missing", "33")
        case .newlySuppressed: ("? newly suppressed", "33")
        case .added: ("+ added", "0")
        case .removed: ("- removed", "0")
        }
        return colour && code != "0" ? "\u{1B}[\(code)m\(symbol)\u{1B}[0m" : (markdown ? "**\(symbol)**" : symbol)
    }

    private func values(_ change: IndicatorChange) -> String {
        // A currency goes before each figure (`£557.6 → £560.0`), any other unit once after both.
        let unit = data(Figure.unit(change.unit))
        let places = Figure.places(unit: change.unit, valueType: change.valueType)
        // (`short` less its `%`, which `unit` adds once after both.)
        let figure = { (value: Double) in data(Figure.short(value, unit: change.unit == "%" ? nil : change.unit, places: places)) }
        let before = change.values[0].map(figure) ?? "—"
        let after = change.values[1].map(figure) ?? "—"
        let delta = change.change.map { " (\(Figure.change($0, places: places, from: change.values[0], to: change.values[1])))" } ?? ""
        return "\(before) → \(after)\(unit)\(delta) [\(data(Figure.period(change.periods[0]))) → \(data(Figure.period(change.periods[1])))]"
    }

    /// The two shares of a survey change, each rounded once from its exact value.
    private func shares(_ change: QuestionChange) -> String {
        "\(percent(exact(change, 0))) → \(percent(exact(change, 1)))"
    }

    /// The change in points, from the exact shares, to one decimal as the shares are shown:
    /// `+12.8`, `-10.9`; `nil` when not measured.
    private func points(_ change: QuestionChange) -> String? {
        guard change.change != nil, let a = exact(change, 0), let b = exact(change, 1) else { return nil }
        return Figure.change(b - a, from: a, to: b)
    }

    /// Side `index`'s % positive, exact where it is a share of whole answers (the stored figure
    /// has two decimals; shown to one, it would be rounded twice).
    private func exact(_ change: QuestionChange, _ index: Int) -> Double? {
        change.percentPositive[index].map { Figure.exactShare($0, of: change.responses[index]) }
    }

    private func percent(_ value: Double?) -> String {
        value.map(Figure.percent) ?? "—"
    }

    /// How the group comparisons were adjusted for their number, in a sentence.
    static func adjustmentNote(_ adjustment: BaselineDiff.Adjustment) -> String {
        let family = Wording.count(adjustment.comparisons, "group comparison")
        switch PValueAdjustment(rawValue: adjustment.method) ?? .none {
        case .benjaminiHochberg:
            return "The \(family) were tested together: a group's change counts when its p-value, adjusted by Benjamini–Hochberg "
                + "to keep the expected share of false findings among them under 5%, is below 0.05. The overall results are not adjusted."
        case .holm:
            return "The \(family) were tested together: a group's change counts when its p-value, adjusted by Holm to keep the chance "
                + "of any false finding among them under 5%, is below 0.05. The overall results are not adjusted."
        case .none:
            return "The \(family) were each tested at 95% without adjustment: at that level, 1 comparison in 20 looks significant by chance alone."
        }
    }
}
