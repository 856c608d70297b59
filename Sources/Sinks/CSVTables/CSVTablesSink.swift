import BaselineCore
import Foundation

/// `csv-tables`: the figures of the baseline as tidy CSV tables for spreadsheet users — one row
/// per indicator value, one row per survey question and group, one row per theme.
public final class CSVTablesSink: SinkPlugin, Sink {
    public typealias Configuration = CSVTablesConfiguration

    public static let kind = "csv-tables"
    public static let summary = "Tidy CSV tables of indicators, survey results and themes, for spreadsheets"
    public static let version = "1.0.0"
    public static let options: [OptionDoc] = [
        OptionDoc("folder", "folder name", default: "tables", "The folder inside the output folder the tables go in."),
    ]
    public static let sampleConfiguration = """
        sink: csv-tables
        folder: tables
        """

    public static func makeSink(configuration: Configuration, context: SinkContext) throws -> any Sink {
        CSVTablesSink(configuration: configuration)
    }

    private let configuration: Configuration

    /// Makes the sink.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    public func write(_ document: BaselineDocument, into folder: OutputFolder) throws {
        try folder.write(Self.indicators(document), to: configuration.folder + "/indicators.csv")
        try folder.write(Self.survey(document), to: configuration.folder + "/survey.csv")
        try folder.write(Self.options(document), to: configuration.folder + "/survey-options.csv")
        try folder.write(Self.themes(document), to: configuration.folder + "/themes.csv")
    }

    // MARK: - Tables

    static func indicators(_ document: BaselineDocument) -> String {
        var table = CSVTable(["indicator_id", "indicator_name", "area", "period", "value", "missing_reason", "unit", "polarity",
                              "lower_95", "upper_95", "comparisons", "source", "file", "line", "area_name", "status", "count", "denominator"])
        let names = document.areaNames
        for i in document.indicators {
            let comparisons = i.comparisons.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
            table.add([i.id, i.name, i.area, i.period, number(i.value), i.missing?.rawValue ?? "", i.unit ?? "", i.polarity,
                       number(i.ci95?.lower), number(i.ci95?.upper), comparisons, i.provenance.source, i.provenance.file,
                       i.provenance.line.map(String.init) ?? "", names[i.area] ?? "", i.status ?? "", number(i.count), number(i.denominator)])
        }
        return table.text
    }

    static func survey(_ document: BaselineDocument) -> String {
        var table = CSVTable(["question_id", "question", "source", "grouping", "group", "responses", "percent_positive",
                              "lower_95", "upper_95", "mean_score", "blank", "excluded", "suppressed", "scale", "reverse"])
        for q in document.survey {
            func add(_ grouping: String, _ group: String, _ f: SurveyFigures) {
                table.add([q.id, q.text, q.source, grouping, group, f.suppressed == nil ? String(f.responses) : "",
                           number(f.percentPositive), number(f.ci95?.lower), number(f.ci95?.upper), number(f.meanScore),
                           f.suppressed == nil ? String(f.blank) : "", String(f.excluded.values.reduce(0, +)), f.suppressed ?? "",
                           q.scale, q.reverse ? "true" : "false"])
            }
            add("", "(everyone)", q.overall)
            for (grouping, rows) in q.groups.sorted(by: { $0.key < $1.key }) {
                for row in rows { add(grouping, row.group, row.figures) }
            }
        }
        return table.text
    }

    /// Multi-select questions: one row per question, group and option.
    static func options(_ document: BaselineDocument) -> String {
        var table = CSVTable(["question_id", "question", "grouping", "group", "option", "count", "percent", "lower_95", "upper_95", "suppressed"])
        for q in document.survey where q.multiSelect == true {
            func add(_ grouping: String, _ group: String, _ f: SurveyFigures) {
                if let reason = f.suppressed {
                    table.add([q.id, q.text, grouping, group, "", "", "", "", "", reason])
                    return
                }
                for (option, share) in (f.options ?? [:]).sorted(by: { $0.key < $1.key }) {
                    table.add([q.id, q.text, grouping, group, option, String(share.count), number(share.percent),
                               number(share.ci95?.lower), number(share.ci95?.upper), ""])
                }
            }
            add("", "(everyone)", q.overall)
            for (grouping, rows) in q.groups.sorted(by: { $0.key < $1.key }) {
                for row in rows { add(grouping, row.group, row.figures) }
            }
        }
        return table.text
    }

    static func themes(_ document: BaselineDocument) -> String {
        var table = CSVTable(["theme_id", "theme", "mentions", "sources", "parent"])
        for t in document.themes {
            table.add([t.id, t.name, String(t.mentions), String(t.sources), t.parent ?? ""])
        }
        return table.text
    }

    private static func number(_ value: Double?) -> String {
        guard let value else { return "" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// A CSV table written by hand: RFC 4180 quoting, CRLF line ends (what spreadsheets expect).
struct CSVTable {
    private var lines: [String]

    init(_ header: [String]) {
        lines = [Self.row(header)]
    }

    mutating func add(_ cells: [String]) {
        lines.append(Self.row(cells))
    }

    var text: String { lines.joined(separator: "\r\n") + "\r\n" }

    private static func row(_ cells: [String]) -> String {
        cells.map(\.csvField).joined(separator: ",")
    }
}
