import BaselineCore
import BaselineSchema

/// `summary-line`: `summary.txt`, one line saying what the baseline holds, for a log or a chat
/// message. Made from the document alone, so the same baseline gives the same bytes.
public final class SummaryLineSink: InitializedSink {
    public typealias Configuration = OutputNameConfiguration<SummaryLineFile>

    public static let kind = "summary-line"
    public static let summary = "summary.txt: one line counting the baseline's indicators, survey questions and themes"
    public static let options: [OptionDoc] = [SummaryLineFile.option]

    private let configuration: Configuration

    /// Makes the sink.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Writes only its own file, from the document alone: side by side with the other sinks.
    public var writesSideBySide: Bool { true }

    /// Writes the line to the file `file:` names.
    public func write(_ document: BaselineDocument, into folder: OutputFolder) throws {
        let indicators = Set(document.indicators.map(\.id)).count
        let line = "\(document.place.name) \(document.period): \(indicators) indicators, "
            + "\(document.survey.count) survey questions, \(document.themes.count) themes\n"
        try folder.write(line, to: configuration.name)
    }

    /// The file it writes, known from the configuration: a clash with another sink is an error
    /// when the pipeline is read.
    public static func plannedNames(configuration: Configuration) -> [String] {
        [configuration.name]
    }
}
