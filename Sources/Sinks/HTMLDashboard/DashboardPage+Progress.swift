import BaselineCore
import BaselineSchema
import BaselineText

extension DashboardPage {
    /// Progress on the shared priorities, first on the page when the pipeline names an outcomes
    /// file: the vision, how many metrics have each status, and per priority a table of its
    /// metrics — the value in each baseline, the ambition, the status and why. Empty otherwise.
    var progressSection: String {
        guard let progress = document.progress else { return "" }
        var out = "<section aria-labelledby=\"progress\">\n<h2 id=\"progress\">Progress on our shared priorities</h2>\n"
        out += "<blockquote class=\"vision\">\(HTML.escape(progress.vision))</blockquote>\n"
        if progress.settingBaseline {
            out += "<p>\(HTML.escape(progress.note ?? "")).</p>\n"
        } else {
            out += "<p>Where we are on the priorities we agreed, measured from the \(HTML.escape(progress.baselinePeriod)) baseline "
                + "(\(HTML.escape(progress.periods.joined(separator: " → ")))).</p>\n"
        }
        out += "<ul class=\"cards\">" + ProgressSection.statuses.map {
            "<li class=\"\($0)\"><span class=\"big\">\(progress.count($0))</span> \(Self.words($0))</li>"
        }.joined() + "</ul>\n"
        for priority in progress.priorities {
            out += "<h3>\(HTML.escape(priority.name))</h3>\n"
            out += "<p><strong>Owners:</strong> \(HTML.escape(priority.owners.joined(separator: ", ")))</p>\n"
            if !priority.why.isEmpty { out += "<p><strong>Why:</strong> \(HTML.escape(priority.why))</p>\n" }
            if let note = priority.note { out += "<p class=\"empty\">\(HTML.escape(note.prefix(1).uppercased() + note.dropFirst())).</p>\n" }
            guard !priority.metrics.isEmpty else { continue }
            out += "<table class=\"progress stack\">\n<thead><tr><th scope=\"col\">Metric</th>"
                + progress.periods.map { "<th scope=\"col\">\(HTML.escape($0))</th>" }.joined()
                + "<th scope=\"col\">Ambition</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n"
            for metric in priority.metrics {
                let byPeriod = Dictionary(metric.series.map { ($0.period, $0.figure) }, uniquingKeysWith: { a, _ in a })
                out += "<tr><th scope=\"row\">\(HTML.escape(metric.name))</th>"
                    + progress.periods.map { "<td data-label=\"\(HTML.escape($0))\">\(HTML.escape(byPeriod[$0] ?? ""))</td>" }.joined()
                    + "<td data-label=\"Ambition\">\(HTML.escape(metric.ambition))</td>"
                    + "<td data-label=\"Status\"><span class=\"badge \(HTML.escape(metric.status))\">\(HTML.escape(Self.words(metric.status)))</span>"
                    + "<br><small>\(HTML.escape(metric.reason))</small></td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        return out + "</section>\n"
    }

    /// A status in words: `on_track` → `on track`.
    static func words(_ status: String) -> String {
        HTML.escape(status.replacingEvery("_", with: " "))
    }

    /// The progress section's styles: the status colours of `baseline progress --format html`.
    static let progressStyle = "\n" + """
        blockquote.vision{font-size:1.1rem;border-left-color:#1a7f37}
        .cards li.on_track{border-left:6px solid #1a7f37}.cards li.off_track{border-left:6px solid #c62828}
        .cards li.not_yet_measurable{border-left:6px solid #6b6b6b}.cards li.not_comparable{border-left:6px solid #8a5a00}
        .badge{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.85rem;color:#fff}
        .badge.on_track{background:#1a7f37}.badge.off_track{background:#c62828}.badge.not_yet_measurable{background:#6b6b6b}.badge.not_comparable{background:#8a5a00}
        """
}
