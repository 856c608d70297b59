import BaselineCore
import BaselineSchema
import BaselineText
import Foundation

/// `text-report`: `report.md` and `report.txt`, a brief for a shared-vision workshop written for
/// people rather than analysts: our starting point, what the numbers say, what staff told us,
/// what we heard, where they agree, gaps in the evidence, and questions to open the workshop.
///
/// The wording is a Mustache template a facilitator can edit without recompiling (`template:`);
/// the built-in one is `templates/report.md.mustache`. The plain-text twin is made from the
/// Markdown, so the two always say the same.
public final class TextReportSink: InitializedSink {
    public typealias Configuration = TextReportConfiguration

    public static let kind = "text-report"
    public static let summary = "report.md and report.txt: the workshop brief in words, from the same figures as baseline.json"
    public static let version = "1.2.0"
    public static let options: [OptionDoc] = [
        .outputName("file", "file name", default: "report", "The base name of the two files (`report.md`, `report.txt`)"),
        OptionDoc("name", "file name", default: "as `file`", "The spelling of `file` before version 1.2, still read; give one of the two."),
        OptionDoc("template", "path", default: "built-in", "A Mustache template of the brief (start from `templates/report.md.mustache`); unknown tags are errors at their line."),
    ]

    private let configuration: TextReportConfiguration

    /// Makes the sink.
    public init(configuration: TextReportConfiguration) {
        self.configuration = configuration
    }

    /// Writes only its own files, from the document alone: side by side with the other sinks.
    public var writesSideBySide: Bool { true }

    public func write(_ document: BaselineDocument, into folder: OutputFolder) throws {
        let markdown = Self.collapseBlankLines(configuration.template.render(ReportModel.context(for: document), escaping: PeopleText.markdown))
        try folder.write(markdown, to: configuration.name + ".md")
        try folder.write(PlainText.from(markdown: markdown), to: configuration.name + ".txt")
    }

    /// The brief and its plain-text twin.
    public static func plannedNames(configuration: TextReportConfiguration) -> [String] {
        [configuration.name + ".md", configuration.name + ".txt"]
    }

    /// Sections that render empty leave runs of blank lines behind: keep one.
    static func collapseBlankLines(_ text: String) -> String {
        var lines = [Substring]()
        for line in PlainText.pieces(of: text, at: UInt8(ascii: "\n")) {
            let blank = PlainText.isBlank(line)
            if blank, lines.last?.isEmpty ?? true { continue }
            lines.append(blank ? "" : line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
