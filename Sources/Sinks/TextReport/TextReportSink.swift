import BaselineCore
import Foundation

/// `text-report`: `report.md` and `report.txt`, a brief for a shared-vision workshop written for
/// people rather than analysts.
public final class TextReportSink: SinkPlugin, Sink {
    public typealias Configuration = TextReportConfiguration

    public static let kind = "text-report"
    public static let summary = "report.md and report.txt: the workshop brief in words, from the same figures as baseline.json"
    public static let version = "1.0.0"
    public static let options: [OptionDoc] = [
        OptionDoc("name", "file name", default: "report", "The base name of the two files (`report.md`, `report.txt`)."),
    ]
    public static let sampleConfiguration = """
        sink: text-report
        name: report
        """

    public static func makeSink(configuration: Configuration, context: SinkContext) throws -> any Sink {
        TextReportSink(configuration: configuration)
    }

    private let configuration: Configuration

    /// Makes the sink.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func write(_ document: BaselineDocument, into folder: OutputFolder) throws {
        let brief = Self.brief(for: document)
        try folder.write(brief.markdown, to: configuration.name + ".md")
        try folder.write(brief.plainText, to: configuration.name + ".txt")
    }

    // MARK: - Content

    static func brief(for document: BaselineDocument) -> Brief {
        var brief = Brief()
        brief.add(.heading(1, "\(document.place.name) baseline, \(document.period)"))
        brief.add(.paragraph("A brief for the shared-vision workshop: where \(document.place.name) (\(document.place.code)) starts from, "
                             + "drawn from the evidence listed at the end. Figures marked *suppressed* come from too few people to show safely."))
        addStartingPoint(document, to: &brief)
        addSurvey(document, to: &brief)
        addWhatWeHeard(document, to: &brief)
        addGaps(document, to: &brief)
        return brief
    }

    private static func addStartingPoint(_ document: BaselineDocument, to brief: inout Brief) {
        brief.add(.heading(2, "Our starting point"))
        let shown = document.survey.filter { $0.overall.percentPositive != nil }
        guard let best = shown.max(by: { $0.overall.percentPositive! < $1.overall.percentPositive! }),
              let worst = shown.min(by: { $0.overall.percentPositive! < $1.overall.percentPositive! }) else {
            brief.add(.paragraph("There are no survey results large enough to show yet."))
            return
        }
        let respondents = document.survey.map { $0.overall.responses + $0.overall.blank }.max() ?? 0
        brief.add(.bullets([
            "About \(respondents) people answered the survey across \(document.manifest.sources.count) source(s).",
            "Most positive: **\(best.text)** — \(percent(best.overall.percentPositive)) positive.",
            "Least positive: **\(worst.text)** — \(percent(worst.overall.percentPositive)) positive.",
        ]))
    }

    private static func addSurvey(_ document: BaselineDocument, to brief: inout Brief) {
        brief.add(.heading(2, "What staff told us"))
        guard !document.survey.isEmpty else {
            brief.add(.paragraph("No survey in this baseline."))
            return
        }
        let scored = document.survey.filter { $0.multiSelect != true }
        brief.add(.paragraph("Share of people answering positively, with the range the true figure is likely to lie in (95% confidence)."))
        brief.add(.table(header: ["Question", "Responses", "Positive", "Likely range"], rows: scored.map { question in
            let f = question.overall
            return [question.text + (question.reverse ? " (reverse-scored)" : ""), f.suppressed == nil ? "\(f.responses)" : "suppressed",
                    percent(f.percentPositive), f.ci95.map { "\(number($0.lower))–\(number($0.upper))%" } ?? "—"]
        }))
        for question in document.survey where question.multiSelect == true {
            let options = (question.overall.options ?? [:]).sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
            let shares = question.overall.suppressed == nil
                ? "\(question.overall.responses) people: " + options.map { "\($0.key) \(percent($0.value.percent))" }.joined(separator: "; ")
                : "suppressed"
            brief.add(.paragraph("**\(question.text)** (any number of answers; \(shares))."))
        }
        for grouping in Set(scored.flatMap { $0.groups.keys }).sorted() {
            brief.add(.heading(3, "By \(grouping.lowercased())"))
            let values = Set(scored.flatMap { $0.groups[grouping]?.map(\.group) ?? [] }).sorted()
            let rows = scored.map { question in
                [question.id] + values.map { value in
                    guard let group = question.groups[grouping]?.first(where: { $0.group == value }) else { return "—" }
                    return group.figures.suppressed == nil ? percent(group.figures.percentPositive) : "suppressed"
                }
            }
            brief.add(.table(header: ["Question"] + values, rows: rows))
        }
    }

    /// Themes from notes and free text, most mentioned first: who raised them, and quotes for
    /// the leading ones (already redacted by `code-themes`).
    private static func addWhatWeHeard(_ document: BaselineDocument, to brief: inout Brief) {
        brief.add(.heading(2, "What we heard"))
        let raised = document.themes.filter { $0.mentions > 0 }.sorted {
            ($0.mentions, $0.sources, $1.id) > ($1.mentions, $1.sources, $0.id)
        }
        guard !raised.isEmpty else {
            brief.add(.paragraph(document.themes.isEmpty ? "No notes or free-text answers were coded to themes in this baseline."
                                                         : "No note or free-text answer matched a theme of the codebook."))
            return
        }
        brief.add(.paragraph("Themes in interview and workshop notes and free-text survey answers, most mentioned first. "
                             + "A mention is one passage or answer; sources are the distinct notes and respondents."))
        let names = Dictionary(document.themes.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        func top(_ counts: [String: Int]?) -> String {
            let known = (counts ?? [:]).filter { $0.key != "not recorded" }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            return known.isEmpty ? "—" : known.prefix(3).map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
        }
        brief.add(.table(header: ["Theme", "Mentions", "Sources", "Organisations", "Roles"], rows: raised.map { theme in
            [theme.name + (theme.parent.flatMap { names[$0] }.map { " (\($0))" } ?? ""), "\(theme.mentions)", "\(theme.sources)",
             top(theme.breakdown["organisation"]), top(theme.breakdown["role"])]
        }))
        for theme in raised.prefix(8) where !theme.quotes.isEmpty {
            brief.add(.heading(3, theme.name))
            brief.add(.bullets(theme.quotes.map { "“\($0.text)” — \($0.attribution)" }))
        }
        let silent = document.themes.filter { $0.mentions == 0 }.map(\.name)
        if !silent.isEmpty {
            brief.add(.paragraph("Not raised in the notes or free text: \(silent.joined(separator: ", "))."))
        }
    }

    private static func addGaps(_ document: BaselineDocument, to brief: inout Brief) {
        brief.add(.heading(2, "Gaps in the evidence"))
        var items = [String]()
        for source in document.manifest.sources {
            var line = "`\(source.id)`: \(source.read) records read, \(source.passedOn) used"
            if source.quarantined > 0 { line += ", \(source.quarantined) set aside (see rejects/\(source.id).csv)" }
            if source.skipped > 0 { line += ", \(source.skipped) skipped" }
            items.append(line + ".")
        }
        if document.dataQuality.suppressedCells > 0 {
            items.append("\(document.dataQuality.suppressedCells) survey figures withheld because the groups are small.")
        }
        for (source, reasons) in document.dataQuality.rejects.sorted(by: { $0.key < $1.key }) {
            for (reason, count) in reasons.sorted(by: { $0.key < $1.key }) {
                items.append("`\(source)`: \(count) × \(reason).")
            }
        }
        items += document.dataQuality.notes
        brief.add(.bullets(items))
        brief.add(.heading(2, "Evidence used"))
        brief.add(.table(header: ["File", "Source", "Bytes", "SHA-256"], rows: document.manifest.inputs.map {
            [$0.path, $0.source, "\($0.bytes)", String($0.sha256.prefix(12))]
        }))
    }

    static func percent(_ value: Double?) -> String {
        value.map { number($0) + "%" } ?? "suppressed"
    }

    static func number(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
