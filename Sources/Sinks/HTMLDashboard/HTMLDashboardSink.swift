import BaselineCore
import BaselineSchema
import Foundation

/// `html-dashboard`: one self-contained HTML file (no network, scripts or fonts) that opens from
/// a USB stick — indicators against benchmarks, Likert bars per question, themes with quotes,
/// and the data-quality panel, drawn as inline SVG with a table beside every chart.
public final class HTMLDashboardSink: InitializedSink {
    public typealias Configuration = HTMLDashboardConfiguration

    public static let kind = "html-dashboard"
    public static let summary = "dashboard.html: a self-contained page of charts and tables for the partners in the room"
    public static let options: [OptionDoc] = [
        .outputName("file", "file name", default: "dashboard.html", "The file name inside the output folder"),
        OptionDoc("title", "text", default: "<place> baseline, <period>", "The page title."),
    ]

    private let configuration: HTMLDashboardConfiguration

    /// Makes the sink.
    public init(configuration: HTMLDashboardConfiguration) {
        self.configuration = configuration
    }

    public func write(_ document: BaselineDocument, into folder: OutputFolder) throws {
        let title = configuration.title ?? "\(document.place.name) baseline, \(document.period)"
        try folder.write(DashboardPage(document: document, title: title).html, to: configuration.file)
    }
}

/// The page, built section by section.
struct DashboardPage {
    let document: BaselineDocument
    let title: String

    var html: String {
        var body = header
        body += progressSection
        body += indicatorsSection
        body += surveySection
        body += themesSection
        body += dataQualitySection
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title))</title>
            <style>\(Self.style)\(document.progress == nil ? "" : Self.progressStyle)</style>
            </head>
            <body>
            <main>
            \(body)</main>
            </body>
            </html>

            """
    }

    // MARK: - Header

    private var header: String {
        let respondents = document.surveyRespondents
        let rejected = document.manifest.sources.reduce(0) { $0 + $1.quarantined + $1.skipped }
        let themes = document.themes.narrowest.filter { $0.mentions > 0 }.count
        // Only the evidence the baseline has: no "0 survey respondents" without a survey.
        let cards = (document.indicators.isEmpty ? [] : [("Indicators", "\(Set(document.indicators.map(\.id)).count)")])
            + (document.survey.isEmpty ? [] : [("Survey questions", "\(document.survey.count)"), ("Survey respondents", "\(respondents)")])
            + (document.themes.isEmpty ? [] : [("Themes heard", "\(themes)")])
            + [("Records set aside", "\(rejected)")]
        return """
            <header>
            <h1>\(HTML.escape(title))</h1>
            <p class="lede">The shared starting point of \(HTML.escape(document.place.name)) (\(HTML.escape(document.place.code))) \
            for \(HTML.escape(document.period)): what the numbers say, what \(HTML.escape(document.surveyAudience)) told us and what we heard.</p>
            <ul class="cards">\(cards.map { "<li><span class=\"big\">\($0.1)</span> \($0.0)</li>" }.joined())</ul>
            </header>

            """
    }

    // MARK: - Indicators

    private var indicatorsSection: String {
        var out = "<section aria-labelledby=\"indicators\">\n<h2 id=\"indicators\">What the numbers say</h2>\n"
        let place = document.indicators.filter { $0.area == document.place.code }
        // A section shows only what its evidence supports: none without indicators for the place.
        guard !place.isEmpty else { return "" }
        out += "<p>The latest value of each indicator for \(HTML.escape(document.place.name)): the dot is the value and the line its 95% "
            + "interval; each dashed tick is a benchmark area. Colour and the words in the last column say how the place compares.</p>\n"
        out += Self.legend([("better", "Better"), ("similar", "Similar"), ("worse", "Worse"), ("not_compared", "Not compared")])
        out += "<table class=\"indicators\">\n<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">Latest</th>"
            + "<th scope=\"col\">Value</th><th scope=\"col\">Against benchmarks</th><th scope=\"col\">Compared with benchmarks</th>"
            + "<th scope=\"col\">Recent trend</th></tr></thead>\n<tbody>\n"
        let names = document.areaNames
        var order = [String]()
        for result in place where !order.contains(result.id) { order.append(result.id) }
        for id in order {
            let series = place.filter { $0.id == id }.sorted { $0.period < $1.period }
            let indicator = series.last!
            let comparison = Self.overall(indicator.comparisons)
            let words = indicator.comparisons.sorted { $0.key < $1.key }
                .map { "\(HTML.escape(names[$0.key] ?? $0.key)) \(Self.label($0.value))" }.joined(separator: "<br>")
            out += "<tr class=\"\(comparison)\" title=\"\(HTML.escape(indicator.provenance.location))\">"
                + "<th scope=\"row\">\(HTML.escape(indicator.name))</th><td>\(HTML.escape(indicator.periodLabel ?? indicator.period))</td><td>\(value(indicator))</td>"
                + "<td>\(spine(indicator, names: names))</td><td>\(words.isEmpty ? "not compared" : words)</td><td>\(HTML.escape(indicator.trend ?? "—"))</td></tr>\n"
            if series.count > 1 {
                out += "<tr class=\"history\"><td colspan=\"6\"><details><summary>Earlier periods</summary><table><tbody>"
                    + series.map { "<tr><th scope=\"row\">\(HTML.escape($0.periodLabel ?? $0.period))</th><td>\(value($0))</td><td>"
                        + ($0.ci95.map { "\(HTML.number($0.lower))–\(HTML.number($0.upper))" } ?? "") + "</td></tr>" }.joined()
                    + "</tbody></table></details></td></tr>\n"
            }
            if let breakdowns = indicator.breakdowns {
                out += "<tr class=\"history\"><td colspan=\"6\"><details><summary>Breakdowns (\(breakdowns.count))</summary><table><tbody>"
                    + breakdowns.map { b in
                        let name = [b.sex, b.age, b.categoryType.map { type in "\(type): \(b.category ?? "")" }].compactMap { $0 }.joined(separator: ", ")
                        return "<tr><th scope=\"row\">\(HTML.escape(name))</th><td>"
                            + (b.value.map { HTML.number($0) } ?? "<em>\(HTML.escape(b.missing?.rawValue.replacingOccurrences(of: "_", with: " ") ?? "missing"))</em>")
                            + "</td><td>" + (b.ci95.map { "\(HTML.number($0.lower))–\(HTML.number($0.upper))" } ?? "") + "</td></tr>"
                    }.joined()
                    + "</tbody></table></details></td></tr>\n"
            }
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    private func value(_ indicator: IndicatorResult) -> String {
        indicator.value.map { HTML.number($0) + (indicator.unit.map { $0 == "%" ? "%" : " " + HTML.escape($0) } ?? "")
            + (indicator.status.map { " <small>(\(HTML.escape($0)))</small>" } ?? "") }
            ?? "<em>\(HTML.escape(indicator.missing?.rawValue.replacingOccurrences(of: "_", with: " ") ?? "missing"))</em>"
    }

    /// The value as a dot with its interval as a line and a dashed tick per benchmark value, on
    /// a scale just wide enough for all of them.
    private func spine(_ indicator: IndicatorResult, names: [String: String]) -> String {
        guard let value = indicator.value else { return "" }
        let benchmarks = document.indicators.filter { $0.id == indicator.id && $0.period == indicator.period && $0.area != indicator.area }
            .compactMap { b in b.value.map { (names[b.area] ?? b.area, $0) } }
        let all = [value, indicator.ci95?.lower ?? value, indicator.ci95?.upper ?? value] + benchmarks.map(\.1)
        let span = max(all.max()! - all.min()!, abs(value) * 0.02, 1e-9)
        let low = all.min()! - span * 0.1, high = all.max()! + span * 0.1
        let x = { (v: Double) in 6 + 188 * (v - low) / (high - low) }
        var svg = "<svg class=\"spine\" viewBox=\"0 0 200 24\" width=\"200\" height=\"24\" role=\"img\" "
            + "aria-label=\"\(HTML.escape(indicator.name)): \(HTML.number(value, places: 2))"
            + benchmarks.map { "; \(HTML.escape($0.0)) \(HTML.number($0.1, places: 2))" }.joined() + "\">"
        svg += "<line class=\"axis\" x1=\"2\" x2=\"198\" y1=\"12\" y2=\"12\"/>"
        for (area, benchmark) in benchmarks {
            svg += "<line class=\"tick\" x1=\"\(HTML.number(x(benchmark)))\" x2=\"\(HTML.number(x(benchmark)))\" y1=\"2\" y2=\"22\">"
                + "<title>\(HTML.escape(area)): \(HTML.number(benchmark, places: 2))</title></line>"
        }
        if let ci = indicator.ci95 {
            svg += "<line class=\"ci\" x1=\"\(HTML.number(x(ci.lower)))\" x2=\"\(HTML.number(x(ci.upper)))\" y1=\"12\" y2=\"12\"/>"
        }
        svg += "<circle class=\"bar \(Self.overall(indicator.comparisons))\" cx=\"\(HTML.number(x(value)))\" cy=\"12\" r=\"6\"/>"
        return svg + "</svg>"
    }

    // MARK: - Survey

    private var surveySection: String {
        var out = "<section aria-labelledby=\"survey\">\n<h2 id=\"survey\">What \(HTML.escape(document.surveyAudience)) told us</h2>\n"
        guard !document.survey.isEmpty else { return "" }
        out += "<p>How people answered each question, from the most negative answer on the left to the most positive on the right. "
            + "The figure is the share answering positively, with its likely range.</p>\n"
        for question in document.survey {
            let f = question.overall
            out += "<article class=\"question\" title=\"\(HTML.escape(question.provenance.location))\">\n"
            out += "<h3>\(HTML.escape(question.text))\(question.reverse ? " <small>(reverse-scored)</small>" : "")</h3>\n"
            if let reason = f.suppressed {
                out += "<p class=\"suppressed\">Suppressed: \(HTML.escape(reason)).</p>\n</article>\n"
                continue
            }
            if question.multiSelect == true {
                out += "<p class=\"figure\">\(f.responses) people; any number of answers.</p>\n" + optionBars(f.options ?? [:], caption: question.text)
                out += "</article>\n"
                continue
            }
            let labels = question.points ?? Self.ordered(question.overall.distribution)
            out += "<p class=\"figure\"><strong>\(f.percentPositive.map { "\(HTML.number($0))%" } ?? "—") positive\(question.reverse ? (question.positiveIsDisagreeing ? " (disagreeing)" : " (the low end)") : "")</strong> "
                + "(\(f.ci95.map { "\(HTML.number($0.lower))–\(HTML.number($0.upper))%" } ?? "—"), \(f.responses) responses)</p>\n"
            out += likert(f.distribution, labels: labels, caption: question.text, reverse: question.reverse)
            out += "<details><summary>Table and groups</summary>\n"
            out += "<table><thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Responses</th><th scope=\"col\">% positive</th>"
                + "<th scope=\"col\">95% range</th></tr></thead><tbody>\n"
            out += Self.groupRow("Everyone", f)
            for (grouping, rows) in question.groups.sorted(by: { $0.key < $1.key }) {
                for row in rows { out += Self.groupRow("\(grouping): \(row.group)", row.figures) }
            }
            out += "</tbody></table>\n</details>\n</article>\n"
        }
        return out + "</section>\n"
    }

    /// A stacked bar of answers; a reverse-scored item is shaded from the other end, so that
    /// blue always means a positive answer.
    private func likert(_ distribution: [String: Int], labels: [String], caption: String, reverse: Bool) -> String {
        let shade = { (index: Int) in Self.shade(reverse ? labels.count - 1 - index : index, of: labels.count) }
        let total = max(1, distribution.values.reduce(0, +))
        var x = 0.0
        var svg = "<svg class=\"likert\" viewBox=\"0 0 600 28\" width=\"100%\" height=\"28\" role=\"img\" aria-label=\"\(HTML.escape(caption)): "
            + labels.map { "\($0) \(distribution[$0] ?? 0)" }.joined(separator: ", ") + "\">"
        for (index, label) in labels.enumerated() {
            let count = distribution[label] ?? 0
            let width = 600 * Double(count) / Double(total)
            guard width > 0 else { continue }
            svg += "<rect class=\"l\(shade(index))\" x=\"\(HTML.number(x))\" y=\"2\" width=\"\(HTML.number(width))\" height=\"24\">"
                + "<title>\(HTML.escape(label)): \(count)</title></rect>"
            if width > 28 {
                let dark = [0, 4].contains(shade(index)) ? " class=\"on-dark\"" : ""
                svg += "<text\(dark) x=\"\(HTML.number(x + width / 2))\" y=\"19\" text-anchor=\"middle\">\(Int((100 * Double(count) / Double(total)).rounded()))%</text>"
            }
            x += width
        }
        return svg + "</svg>\n<p class=\"keys\">" + labels.enumerated().map {
            "<span class=\"key l\(shade($0.offset))\"></span>\(HTML.escape($0.element))"
        }.joined(separator: " ") + "</p>\n"
    }

    /// A multi-select question: one bar per option, the share of people who ticked it.
    private func optionBars(_ options: [String: OptionShare], caption: String) -> String {
        let sorted = options.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
        var svg = "<svg class=\"options\" viewBox=\"0 0 600 \(22 * sorted.count + 4)\" width=\"100%\" role=\"img\" aria-label=\"\(HTML.escape(caption)): "
            + sorted.map { "\($0.key) \(HTML.number($0.value.percent ?? 0))%" }.joined(separator: ", ") + "\">"
        for (index, option) in sorted.enumerated() {
            let y = 4 + 22 * index, width = 3.4 * (option.value.percent ?? 0)
            svg += "<text x=\"0\" y=\"\(y + 14)\">\(HTML.escape(option.key))</text>"
                + "<rect x=\"220\" y=\"\(y)\" width=\"\(HTML.number(width))\" height=\"16\"/>"
                + "<text x=\"\(HTML.number(226 + width))\" y=\"\(y + 13)\">\(HTML.number(option.value.percent ?? 0))%</text>"
        }
        return svg + "</svg>\n"
    }

    // MARK: - Themes

    private var themesSection: String {
        var out = "<section aria-labelledby=\"themes\">\n<h2 id=\"themes\">What we heard</h2>\n"
        guard !document.themes.isEmpty else { return "" }
        let most = max(1, document.themes.map(\.mentions).max() ?? 1)
        for theme in document.themes.sorted(by: { ($1.mentions, $0.id) < ($0.mentions, $1.id) }) {
            out += "<article class=\"theme\">\n<h3>\(HTML.escape(theme.name)) <small>\(theme.mentions) mentions by \(theme.sources) sources</small></h3>\n"
            out += "<svg class=\"themebar\" viewBox=\"0 0 300 12\" width=\"300\" height=\"12\" aria-hidden=\"true\">"
                + "<rect x=\"0\" y=\"1\" width=\"\(HTML.number(300 * Double(theme.mentions) / Double(most)))\" height=\"10\"/></svg>\n"
            for quote in theme.quotes {
                out += "<blockquote title=\"\(HTML.escape(quote.provenance.location))\"><p>\(HTML.escape(quote.text))</p>"
                    + "<footer>— \(HTML.escape(quote.attribution))</footer></blockquote>\n"
            }
            out += "</article>\n"
        }
        return out + "</section>\n"
    }

    // MARK: - Data quality

    private var dataQualitySection: String {
        var out = "<section aria-labelledby=\"quality\">\n<h2 id=\"quality\">Gaps in the evidence</h2>\n"
        out += "<table><caption>Records per source: read = used + set aside + skipped</caption>\n<thead><tr><th scope=\"col\">Source</th>"
            + "<th scope=\"col\">Adapter</th><th scope=\"col\">Read</th><th scope=\"col\">Used</th><th scope=\"col\">Set aside</th>"
            + "<th scope=\"col\">Skipped</th></tr></thead><tbody>\n"
        for s in document.manifest.sources {
            out += "<tr><th scope=\"row\">\(HTML.escape(s.id))</th><td>\(HTML.escape(s.adapter))</td><td>\(s.read)</td>"
                + "<td>\(s.passedOn)</td><td>\(s.quarantined)</td><td>\(s.skipped)</td></tr>\n"
        }
        out += "</tbody></table>\n<ul>\n"
        if document.dataQuality.suppressedCells > 0 {
            out += "<li>\(document.dataQuality.suppressedCells) survey figures withheld because the groups are small.</li>\n"
        }
        for (source, reasons) in document.dataQuality.rejects.sorted(by: { $0.key < $1.key }) {
            for (reason, count) in reasons.sorted(by: { $0.key < $1.key }) {
                out += "<li>\(HTML.escape(source)): \(count) × \(HTML.escape(reason))</li>\n"
            }
        }
        for (reason, count) in document.dataQuality.missing.sorted(by: { $0.key < $1.key }) {
            out += "<li>\(count) values missing: \(HTML.escape(reason.replacingOccurrences(of: "_", with: " ")))</li>\n"
        }
        for note in document.dataQuality.notes {
            out += "<li>\(HTML.escape(note))</li>\n"
        }
        out += "</ul>\n<details><summary>Evidence used</summary>\n<table><thead><tr><th scope=\"col\">File</th><th scope=\"col\">Source</th>"
            + "<th scope=\"col\">Bytes</th><th scope=\"col\">SHA-256</th></tr></thead><tbody>\n"
        for input in document.manifest.inputs {
            out += "<tr><td>\(HTML.escape(input.path))</td><td>\(HTML.escape(input.source))</td><td>\(input.bytes)</td>"
                + "<td><code>\(input.sha256)</code></td></tr>\n"
        }
        return out + "</tbody></table>\n</details>\n</section>\n"
    }

    // MARK: - Helpers

    private static func groupRow(_ name: String, _ f: SurveyFigures) -> String {
        if let reason = f.suppressed {
            return "<tr><th scope=\"row\">\(HTML.escape(name))</th><td colspan=\"3\">suppressed — \(HTML.escape(reason))</td></tr>\n"
        }
        return "<tr><th scope=\"row\">\(HTML.escape(name))</th><td>\(f.responses)</td><td>\(f.percentPositive.map { HTML.number($0) } ?? "—")</td>"
            + "<td>\(f.ci95.map { "\(HTML.number($0.lower))–\(HTML.number($0.upper))" } ?? "—")</td></tr>\n"
    }

    /// For a baseline from before 1.4 (no `points`): scale labels in scale order where the labels
    /// are a known scale, else alphabetical.
    private static func ordered(_ distribution: [String: Int]) -> [String] {
        let scales = [["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
                      ["Strongly disagree", "Disagree", "Agree", "Strongly agree"], ["Never", "Rarely", "Sometimes", "Often", "Always"],
                      ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied", "Very satisfied"],
                      ["No", "Yes"], (0...10).map(String.init)]
        if let scale = scales.first(where: { Set(distribution.keys).isSubset(of: Set($0)) }) { return scale }
        return distribution.keys.sorted()
    }

    /// A shade 0…4 from most negative to most positive.
    private static func shade(_ index: Int, of count: Int) -> Int {
        count <= 1 ? 2 : Int((4 * Double(index) / Double(count - 1)).rounded())
    }

    /// The worst of a set of comparisons, for the row's colour.
    static func overall(_ comparisons: [String: String]) -> String {
        for word in ["worse", "similar", "better", "higher", "lower"] where comparisons.values.contains(word) { return word }
        return "not_compared"
    }

    private static func label(_ comparison: String) -> String {
        switch comparison {
        case "better": "▲ better"
        case "worse": "▼ worse"
        case "similar": "● similar"
        case "higher": "higher"
        case "lower": "lower"
        default: "not compared"
        }
    }

    private static func legend(_ items: [(String, String)]) -> String {
        "<p class=\"keys\">" + items.map { "<span class=\"key \($0.0)\"></span>\($0.1)" }.joined(separator: " ") + "</p>\n"
    }

    static let style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
        main{max-width:1000px;margin:0 auto;padding:1rem 1.5rem 3rem}
        h1{font-size:1.8rem;margin-bottom:.25rem}h2{border-bottom:2px solid #ddd;padding-bottom:.25rem;margin-top:2.5rem}
        h3{font-size:1.05rem;margin:1.2rem 0 .3rem}small{color:#555;font-weight:normal}
        .lede{font-size:1.1rem;color:#333}.empty{color:#555;font-style:italic}
        .cards{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0}
        .cards li{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.6rem .9rem;min-width:8rem}
        .big{display:block;font-size:1.6rem;font-weight:bold}
        table{border-collapse:collapse;width:100%;margin:.5rem 0;background:#fff}
        th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
        thead th{background:#eee}caption{text-align:left;font-weight:bold;padding:.3rem 0}
        .question,.theme{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.25rem 1rem .75rem;margin:.75rem 0}
        .figure{margin:.2rem 0}.suppressed{color:#555}
        .likert{width:100%;height:auto;max-width:900px}.likert text{font-size:12px;fill:#111}.likert text.on-dark{fill:#fff}
        .l0{fill:#b2182b;background:#b2182b}.l1{fill:#ef8a62;background:#ef8a62}.l2{fill:#d9d9d9;background:#d9d9d9}
        .l3{fill:#67a9cf;background:#67a9cf}.l4{fill:#2166ac;background:#2166ac}
        .keys{font-size:.85rem;color:#333}.key{display:inline-block;width:.9rem;height:.9rem;margin:0 .25rem 0 .6rem;vertical-align:middle;border:1px solid #999}
        .bar.better,.key.better{fill:#1a9850;background:#1a9850}.bar.worse,.key.worse{fill:#d73027;background:#d73027}
        .bar.similar,.key.similar{fill:#fdd835;background:#fdd835}.bar.not_compared,.key.not_compared{fill:#9e9e9e;background:#9e9e9e}
        .bar.higher,.bar.lower{fill:#5e81ac}
        .ci{stroke:#111;stroke-width:2}.tick{stroke:#444;stroke-width:2;stroke-dasharray:3 2}.axis{stroke:#ddd;stroke-width:1}
        .bar{stroke:#111;stroke-width:1}.history td{background:#fafafa;border-top:none}
        .themebar rect,.options rect{fill:#5e81ac}.options text{font-size:12px;fill:#111}
        blockquote{margin:.4rem 0 .4rem 1rem;padding-left:.75rem;border-left:4px solid #5e81ac}
        blockquote footer{color:#555;font-size:.9rem}
        details{margin:.4rem 0}summary{cursor:pointer;color:#0b4f8a}
        @media print{details{display:block}summary{display:none}}
        """
}
