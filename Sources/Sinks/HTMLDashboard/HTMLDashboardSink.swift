import BaselineCore
import BaselineFormat
import BaselineSchema
import BaselineText
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
        OptionDoc("map", "mapping", default: "none", "A map of small areas shaded by an indicator: `boundaries:` a GeoJSON file of the areas (Polygon or MultiPolygon features, British National Grid or WGS84, as the ONS Open Geography Portal gives them), `indicator:` the indicator id (one the `indicators` stage's catalogue defines: checked by `validate`), and optionally `code_property:` / `name_property:` (default: the first property ending in `CD` / `NM`). Each area is shaded by its latest value in the baseline; areas without one are hatched."),
    ]

    private let configuration: HTMLDashboardConfiguration

    /// Makes the sink.
    public init(configuration: HTMLDashboardConfiguration) {
        self.configuration = configuration
    }

    /// Writes only its own files, from the document alone: side by side with the other sinks.
    public var writesSideBySide: Bool { true }

    public func write(_ document: BaselineDocument, into folder: OutputFolder) throws {
        let title = configuration.title ?? "\(document.place.name) baseline, \(document.period)"
        try folder.write(DashboardPage(document: document, title: title, map: configuration.map).html, to: configuration.file)
    }

    /// Its one file.
    public static func plannedNames(configuration: HTMLDashboardConfiguration) -> [String] {
        [configuration.file]
    }
}

/// The page, built section by section.
struct DashboardPage {
    let document: BaselineDocument
    let title: String
    /// The small-area map's boundaries and indicator, when the pipeline gives them.
    var map: MapConfiguration? = nil

    var html: String {
        var body = header
        body += progressSection
        body += indicatorsSection
        body += mapSection
        body += surveySection
        body += themesSection
        body += agreementSection
        body += dataQualitySection
        body += questionsSection
        return HTMLPage.page(title: title, style: Self.style + (document.progress == nil ? "" : Self.progressStyle) + scrollHintStyle,
                             body: "<main>\n\(body)</main>\n")
    }

    // MARK: - Header

    /// What the baseline holds, for the lede: only the kinds of evidence it has (a page of
    /// indicators alone does not promise what staff told us).
    var evidence: String {
        let kinds = (document.indicators.isEmpty ? [] : ["what the numbers say"])
            + (document.survey.isEmpty ? [] : ["what \(document.surveyAudience) told us"])
            + (document.themes.isEmpty ? [] : ["what we heard"])
        guard let last = kinds.last else { return "" }
        return ": " + (kinds.count == 1 ? last : kinds.dropLast().joined(separator: ", ") + " and " + last)
    }

    private var header: String {
        let respondents = document.surveyRespondents
        // As the gaps table counts them: set aside (quarantined, in rejects/) and skipped (left
        // out by rule, or under `on_error: skip`) apart. One card of both called the police
        // files' 816 rows with no location or a repeated crime ID "set aside", beside a table
        // that said 0 set aside and 816 skipped. In rows when every source they come from (every
        // source, for none) counts rows.
        let sources = document.manifest.sources
        let setAside = sources.reduce(0) { $0 + $1.quarantined }, skipped = sources.reduce(0) { $0 + $1.skipped }
        func noun(_ count: (SourceCounts) -> Int) -> String {
            let from = sources.filter { count($0) > 0 }
            let basis = from.isEmpty ? sources : from
            return !basis.isEmpty && basis.allSatisfy { $0.figures != nil } ? "Rows" : "Records"
        }
        let themes = document.themes.narrowest.filter { $0.mentions > 0 }.count
        // Only the evidence the baseline has: no "0 survey respondents" without a survey.
        let cards = (document.indicators.isEmpty ? [] : [("Indicators", "\(Set(document.indicators.map(\.id)).count)")])
            + (document.survey.isEmpty ? [] : [("Survey questions", "\(document.survey.count)"), ("Survey respondents", "\(respondents)")])
            + (document.themes.isEmpty ? [] : [("Themes heard", "\(themes)")])
            + [("\(noun(\.quarantined)) set aside", Figure.count(setAside))]
            + (skipped == 0 ? [] : [("\(noun(\.skipped)) skipped", Figure.count(skipped))])
        return """
            <header>
            <h1>\(HTML.escape(title))</h1>
            <p class="lede">The shared starting point of \(HTML.escape(document.place.name)) (\(HTML.escape(document.place.code))) \
            for \(HTML.escape(document.period))\(HTML.escape(evidence)).</p>
            <ul class="cards">\(cards.map { "<li><span class=\"big\">\($0.1)</span> \($0.0)</li>" }.joined())</ul>
            </header>

            """
    }

    // MARK: - Data quality

    private var dataQualitySection: String {
        var out = "<section aria-labelledby=\"quality\">\n<h2 id=\"quality\">Gaps in the evidence</h2>\n"
        out += "<div class=\"wide\" tabindex=\"0\" role=\"region\" aria-label=\"Records per source\"><table><caption>Records per source: read = used + set aside + skipped</caption>\n<thead><tr><th scope=\"col\">Source</th>"
            + "<th scope=\"col\">Adapter</th><th scope=\"col\">Read</th><th scope=\"col\">Used</th><th scope=\"col\">Set aside</th>"
            + "<th scope=\"col\">Skipped</th></tr></thead><tbody>\n"
        for s in document.manifest.sources {
            // A source that counts rows into figures (crimes by area) is counted in rows, with the figures made.
            let rows = s.figures == nil ? "" : " rows"
            let used = s.figures.map { " rows, counted into \(Figure.count($0)) figure\($0 == 1 ? "" : "s")" + (s.figuresSetAside.map { " (\(Figure.count($0)) set aside by a stage)" } ?? "") } ?? ""
            out += "<tr><th scope=\"row\">\(HTML.escape(s.id))</th><td>\(HTML.escape(s.adapter))</td><td>\(Figure.count(s.read))\(rows)</td>"
                + "<td>\(Figure.count(s.passedOn))\(used)</td><td>\(Figure.count(s.quarantined))\(rows)</td><td>\(Figure.count(s.skipped))\(rows)</td></tr>\n"
        }
        out += "</tbody></table></div>\n<ul>\n"
        if document.dataQuality.suppressedCells > 0 {
            let suppressed = document.dataQuality.suppressedCells
            out += "<li>\(Wording.count(suppressed, "survey figure")) withheld because " + (suppressed == 1 ? "the group is" : "the groups are") + " small.</li>\n"
        }
        for (source, reasons) in document.dataQuality.rejects.sorted(by: { $0.key < $1.key }) {
            for (reason, count) in reasons.sorted(by: { $0.key < $1.key }) {
                out += "<li>\(HTML.escape(source)): \(count) × \(HTML.escape(reason))</li>\n"
            }
        }
        for (reason, count) in document.dataQuality.missing.sorted(by: { $0.key < $1.key }) {
            out += reason == MissingReason.roundsToZero.rawValue ? "<li>\(Wording.belowTheRounding(count, "value"))</li>\n"
                : "<li>\(Wording.count(count, "value")) missing: \(HTML.escape(reason.replacingEvery("_", with: " ")))</li>\n"
        }
        for note in document.dataQuality.notes {
            out += "<li>\(PeopleText.htmlNote(note))</li>\n"
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

    /// The worst of a set of comparisons, for the row's colour.
    static func overall(_ comparisons: [String: String]) -> String {
        for word in ["worse", "similar", "better", "higher", "lower"] where comparisons.values.contains(word) { return word }
        return "not_compared"
    }
}
