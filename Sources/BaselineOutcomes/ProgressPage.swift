import BaselineCore
import BaselineFormat
import BaselineSchema
import BaselineText
import Foundation

/// `baseline progress --format html`: one self-contained page (inline CSS and SVG, no script,
/// nothing fetched) with a small chart per metric — the series with its 95% intervals, the
/// trajectory from the baseline to the target as a dashed line, and the target — beside the
/// figures and the reason in words, so the chart is never the only place a number is.
public enum ProgressPage {
    /// The page for `report`.
    public static func html(_ report: ProgressReport) -> String {
        var body = "<header>\n<h1>\(escape(report.place.name)): progress on our shared priorities</h1>\n"
        body += "<p class=\"lede\">Baselines \(escape(report.periods.joined(separator: " → "))).</p>\n"
        body += "<blockquote class=\"vision\">\(escape(report.vision))</blockquote>\n"
        body += "<ul class=\"cards\">" + ProgressStatus.allCases.map {
            "<li class=\"\($0.rawValue)\"><span class=\"big\">\(report.summary[$0.rawValue] ?? 0)</span> \(words($0))</li>"
        }.joined() + "</ul>\n"
        body += "<p class=\"key\">In each chart the dots are the values with their 95% intervals; the dashed line is the trajectory "
            + "from the baseline to the target (◆); a hollow dot is not comparable with the baseline (a changed definition or wording).</p>\n</header>\n"
        for priority in report.priorities {
            body += "<section>\n<h2>\(escape(priority.name))</h2>\n"
            body += "<p><strong>Owners:</strong> \(escape(priority.owners.joined(separator: ", ")))</p>\n"
            if !priority.why.isEmpty { body += "<p><strong>Why:</strong> \(escape(priority.why))</p>\n" }
            if let note = priority.note { body += "<p class=\"note\">\(escape(note)).</p>\n" }
            for metric in priority.metrics { body += self.metric(metric) }
            for theme in priority.themes {
                let shares = zip(theme.periods, theme.share).map { "\($1.map(Figure.percent) ?? "not compared") in \($0)" }.joined(separator: ", ")
                body += "<div class=\"theme\"><h3>What we heard: \(escape(theme.name)) <small>\(escape(shares)) of mentions (\(escape(theme.status)))</small></h3>\n"
                if let then = theme.quoteThen { body += "<blockquote>\(escape(then))<footer>\(escape(theme.periods.first ?? ""))</footer></blockquote>\n" }
                if let now = theme.quoteNow { body += "<blockquote>\(escape(now))<footer>\(escape(theme.periods.last ?? ""))</footer></blockquote>\n" }
                body += "</div>\n"
            }
            body += "</section>\n"
        }
        return HTMLPage.page(title: "\(report.place.name): progress on our shared priorities", style: style, body: "<main>\n\(body)</main>\n")
    }

    static func words(_ status: ProgressStatus) -> String {
        status.rawValue.replacingEvery("_", with: " ")
    }

    static func metric(_ metric: MetricProgress) -> String {
        var out = "<div class=\"metric\">\n<div class=\"chart\">\(chart(metric))</div>\n<div class=\"words\">\n"
        out += "<h3><span class=\"badge \(metric.status.rawValue)\">\(words(metric.status))</span> \(escape(ProgressRenderer.title(metric)))</h3>\n"
        out += "<ul class=\"series\">" + metric.series.map { "<li>\(escape($0.period)): \(escape(ProgressRenderer.figure($0, unit: metric.unit, valueType: metric.valueType)))</li>" }.joined() + "</ul>\n"
        out += "<p><strong>Ambition:</strong> \(escape(ProgressRenderer.ambition(metric))).</p>\n"
        if let change = metric.changes.last {
            let delta = change.change.map { ProgressRenderer.change($0, of: metric, in: change.period) } ?? "—"
            out += "<p><strong>Change since \(escape(metric.series[0].period)):</strong> \(escape(delta)), \(escape(change.status.replacingEvery("_", with: " "))).</p>\n"
        }
        out += "<p class=\"reason\">\(escape(metric.reason)).</p>\n</div>\n</div>\n"
        return out
    }

    /// The chart: x by year (or by position where periods are not years), y over every value,
    /// interval, target and expected value shown.
    static func chart(_ metric: MetricProgress) -> String {
        let width = 300.0, height = 150.0, left = 46.0, right = 12.0, top = 12.0, bottom = 24.0
        let points = metric.series
        var periods = points.map(\.period)
        if let to = metric.trajectory?.to.period, !periods.contains(to) { periods.append(to) }
        let years = periods.map(OnTrackRule.year)
        let useYears = years.allSatisfy { $0 != nil }
        func x(_ period: String) -> Double {
            let index = Double(periods.firstIndex(of: period) ?? 0)
            let (position, first, last): (Double, Double, Double) = useYears
                ? (Double(OnTrackRule.year(period)!), Double(years.compactMap { $0 }.min()!), Double(years.compactMap { $0 }.max()!))
                : (index, 0, Double(periods.count - 1))
            return left + (last > first ? (position - first) / (last - first) : 0.5) * (width - left - right)
        }
        var values = points.flatMap { [$0.value, $0.ci95?.lower, $0.ci95?.upper].compactMap { $0 } }
        if let target = metric.target { values.append(target) }
        if let trajectory = metric.trajectory { values.append(trajectory.expected) }
        let label = "\(ProgressRenderer.title(metric)): " + points.map { "\($0.period) \(ProgressRenderer.figure($0, unit: metric.unit, valueType: metric.valueType))" }.joined(separator: "; ")
        var svg = "<svg viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(escape(label))\"><title>\(escape(label))</title>"
        guard let low = values.min(), let high = values.max() else {
            return svg + "<text class=\"label\" x=\"\(n(width / 2))\" y=\"\(n(height / 2))\" text-anchor=\"middle\">no values to chart</text></svg>"
        }
        let pad = max((high - low) * 0.1, abs(high) * 0.01, 0.5)
        let (bottomValue, topValue) = (low - pad, high + pad)
        func y(_ value: Double) -> Double { top + (topValue - value) / (topValue - bottomValue) * (height - top - bottom) }
        svg += "<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(height - bottom))\" x2=\"\(n(width - right))\" y2=\"\(n(height - bottom))\"/>"
        // The axis's ends as the figures beside the chart show them, with the part of the unit that
        // stays with a figure in a list (`64.0%`, `£586.0`); a longer unit is in the figures beside.
        svg += "<text class=\"label\" x=\"\(n(left - 4))\" y=\"\(n(y(high) + 4))\" text-anchor=\"end\">\(escape(Figure.short(high, unit: metric.unit, valueType: metric.valueType)))</text>"
        svg += "<text class=\"label\" x=\"\(n(left - 4))\" y=\"\(n(y(low) + 4))\" text-anchor=\"end\">\(escape(Figure.short(low, unit: metric.unit, valueType: metric.valueType)))</text>"
        for period in periods {
            // A label at the right end ends there: centred on it, "2019-20" ran past the chart's edge.
            let atEnd = x(period) >= width - right - 1
            svg += "<text class=\"label\" x=\"\(n(atEnd ? width - 1 : x(period)))\" y=\"\(n(height - 6))\" text-anchor=\"\(atEnd ? "end" : "middle")\">\(escape(period))</text>"
        }
        if let trajectory = metric.trajectory, let start = trajectory.from.value, let end = trajectory.to.value {
            svg += "<line class=\"trajectory\" x1=\"\(n(x(trajectory.from.period)))\" y1=\"\(n(y(start)))\" x2=\"\(n(x(trajectory.to.period)))\" y2=\"\(n(y(end)))\"/>"
        }
        if let target = metric.target {
            let at = metric.trajectory.map { x($0.to.period) } ?? (width - right)
            svg += "<path class=\"target\" d=\"M\(n(at)) \(n(y(target) - 5))l5 5l-5 5l-5 -5z\"><title>target \(escape(ProgressRenderer.target(target, unit: metric.unit, valueType: metric.valueType)))\(escape(metric.ambition.by.map { " by " + $0 } ?? ""))</title></path>"
        }
        // A value not comparable with the baseline's is drawn hollow, and no line joins it to the
        // baseline: the chart must not show a redefinition as a change.
        let notComparable = Set(metric.changes.filter { $0.status == "not_comparable" }.map(\.period))
        let measured = points.filter { $0.value != nil }
        for group in [measured.filter { !notComparable.contains($0.period) }, measured.filter { notComparable.contains($0.period) }] where group.count > 1 {
            svg += "<polyline class=\"series\" points=\"" + group.map { "\(n(x($0.period))),\(n(y($0.value!)))" }.joined(separator: " ") + "\"/>"
        }
        for point in measured {
            if let ci = point.ci95 {
                svg += "<line class=\"ci\" x1=\"\(n(x(point.period)))\" y1=\"\(n(y(ci.lower)))\" x2=\"\(n(x(point.period)))\" y2=\"\(n(y(ci.upper)))\"/>"
            }
            let hollow = notComparable.contains(point.period) ? " hollow" : ""
            svg += "<circle class=\"point\(hollow)\" cx=\"\(n(x(point.period)))\" cy=\"\(n(y(point.value!)))\" r=\"3.5\"/>"
        }
        return svg + "</svg>"
    }

    static func n(_ value: Double) -> String { ProgressEngine.number(value, places: 1) }

    /// A value from the baselines for the page: one line, then HTML-escaped.
    static func escape(_ text: String) -> String {
        PeopleText.html(PeopleText.line(text))
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
        main{max-width:1000px;margin:0 auto;padding:1rem 1.5rem 3rem}
        h1{font-size:1.8rem;margin-bottom:.25rem}h2{border-bottom:2px solid #ddd;padding-bottom:.25rem;margin-top:2.5rem}
        h3{font-size:1.05rem;margin:.2rem 0 .4rem}small{color:#555;font-weight:normal}.lede{font-size:1.1rem;color:#333}
        .cards{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0}
        .cards li{background:#fff;border:1px solid #ddd;border-left-width:6px;border-radius:6px;padding:.6rem .9rem;min-width:8rem}
        .big{display:block;font-size:1.6rem;font-weight:bold}
        .metric{display:flex;flex-wrap:wrap;gap:1rem;background:#fff;border:1px solid #ddd;border-radius:6px;padding:.75rem 1rem;margin:.75rem 0}
        .chart{flex:0 0 300px}.chart svg{width:300px;height:150px}.words{flex:1 1 20rem}.words p{margin:.3rem 0}
        .series{list-style:none;padding:0;margin:.2rem 0;color:#333}.reason{color:#333}.note{font-style:italic;color:#555}
        .badge{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.85rem;color:#fff;vertical-align:middle}
        .badge.on_track{background:#1a7f37}.badge.off_track{background:#c62828}.badge.not_yet_measurable{background:#6b6b6b}.badge.not_comparable{background:#8a5a00}
        li.on_track{border-left-color:#1a7f37}li.off_track{border-left-color:#c62828}li.not_yet_measurable{border-left-color:#6b6b6b}li.not_comparable{border-left-color:#8a5a00}
        svg .axis{stroke:#bbb;stroke-width:1}svg .label{font-size:10px;fill:#444}
        svg .series{fill:none;stroke:#2f5d8a;stroke-width:2}svg .point{fill:#2f5d8a}svg .point.hollow{fill:#fff;stroke:#8a5a00;stroke-width:2}.key{color:#555;font-size:.9rem}svg .ci{stroke:#2f5d8a;stroke-width:1.5;opacity:.6}
        svg .trajectory{stroke:#1a7f37;stroke-width:1.5;stroke-dasharray:5 3}svg .target{fill:#1a7f37}
        .theme{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.25rem 1rem .5rem;margin:.75rem 0}
        blockquote{margin:.4rem 0 .4rem 1rem;padding-left:.75rem;border-left:4px solid #5e81ac}
        blockquote footer{color:#555;font-size:.9rem}blockquote.vision{font-size:1.1rem;border-left-color:#1a7f37}
        """
}
