import BaselineCore
import BaselineSchema
import BaselineTemplates
import BaselineText

extension ReportModel {
    /// Progress on the shared priorities (the section a brief opens with when the pipeline names
    /// an outcomes file): per priority a table of its metrics — the value in each baseline, the
    /// ambition and the status — laid out as Markdown table lines of escaped cells, and each
    /// metric's reason.
    static func progress(_ section: ProgressSection) -> TemplateValue {
        let md = PeopleText.markdown
        let summary = ProgressSection.statuses.map { "\(section.count($0)) \(words($0))" }.joined(separator: ", ")
        return .object([
            "vision": .text(section.vision),
            "baseline_period": .text(section.baselinePeriod),
            "periods": .text(section.periods.joined(separator: " → ")),
            "summary": .text(summary),
            "setting_baseline": .flag(section.settingBaseline),
            "progress_note": section.note.map { .text($0) } ?? .null,
            "shared_priorities": .list(section.priorities.map { priority in
                let rows = priority.metrics.map { metric in
                    let byPeriod = Dictionary(metric.series.map { ($0.period, $0.figure) }, uniquingKeysWith: { a, _ in a })
                    let cells = [metric.name] + section.periods.map { byPeriod[$0] ?? "" } + [metric.ambition]
                    return TemplateValue.markup("| " + cells.map(md).joined(separator: " | ") + " | **\(md(words(metric.status)))** |")
                }
                return .object([
                    "name": .text(priority.name),
                    "why": .text(priority.why),
                    "owners": .text(priority.owners.joined(separator: ", ")),
                    "note": priority.note.map { .text($0.prefix(1).uppercased() + $0.dropFirst()) } ?? .null,
                    "header": priority.metrics.isEmpty ? .null
                        : .markup("| Metric | " + section.periods.map(md).joined(separator: " | ") + " | Ambition | Status |"),
                    "divider": priority.metrics.isEmpty ? .null : .markup("|" + String(repeating: " --- |", count: section.periods.count + 3)),
                    "rows": .list(rows),
                    "reasons": .list(priority.metrics.map { .markup("*\(md($0.name))*: \(md($0.reason)).") }),
                ])
            }),
        ])
    }

    /// A status in words: `on_track` → `on track`.
    static func words(_ status: String) -> String {
        status.replacingEvery("_", with: " ")
    }
}
