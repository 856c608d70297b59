import BaselineCore
import BaselineSchema
import BaselineText
import Foundation

/// `csv-tables`: the figures of the baseline as tidy CSV tables for spreadsheet users — one row
/// per indicator value, one row per survey question and group, one row per theme.
public final class CSVTablesSink: InitializedSink {
    public typealias Configuration = OutputNameConfiguration<CSVTablesFolder>

    public static let kind = "csv-tables"
    public static let summary = "Tidy CSV tables of indicators, survey results and themes, for spreadsheets"
    public static let options: [OptionDoc] = [CSVTablesFolder.option]

    private let configuration: Configuration

    /// Makes the sink.
    public init(configuration: Configuration) {
        self.configuration = configuration
    }

    /// Writes only its own files, from the document alone: side by side with the other sinks.
    public var writesSideBySide: Bool { true }

    public func write(_ document: BaselineDocument, into folder: OutputFolder) throws {
        for (file, table) in Self.tables {
            try folder.write(table(document), to: configuration.name + "/" + file)
        }
    }

    /// The four tables in the folder.
    public static func plannedNames(configuration: Configuration) -> [String] {
        tables.map { configuration.name + "/" + $0.file }
    }

    /// Each table's file name in the folder, and what writes it.
    static let tables: [(file: String, text: @Sendable (BaselineDocument) -> String)] = [
        ("indicators.csv", indicators(_:)), ("survey.csv", survey(_:)), ("survey-options.csv", options(_:)), ("themes.csv", themes(_:)),
    ]

    // MARK: - Tables

    static func indicators(_ document: BaselineDocument) -> String {
        var table = CSVTable(["indicator_id", "indicator_name", "area", "period", "value", "missing_reason", "unit", "polarity",
                              "lower_95", "upper_95", "comparisons", "source", "file", "line", "area_name", "status", "count", "denominator"])
        let names = document.areaNames
        for i in document.indicators {
            let comparisons = i.comparisons.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
            table.add([.text(i.id), .text(i.name), .text(i.area), .text(i.period), .number(i.value), .text(i.missing?.rawValue ?? ""),
                       .text(i.unit ?? ""), .text(i.polarity), .number(i.ci95?.lower), .number(i.ci95?.upper), .text(comparisons),
                       .text(i.provenance.source), .text(i.provenance.file), .number(i.provenance.line), .text(names[i.area] ?? ""),
                       .text(i.status ?? ""), .number(i.count), .number(i.denominator)])
        }
        return table.text
    }

    static func survey(_ document: BaselineDocument) -> String {
        var table = CSVTable(["question_id", "question", "source", "grouping", "group", "responses", "percent_positive",
                              "lower_95", "upper_95", "mean_score", "blank", "excluded", "suppressed", "scale", "reverse"])
        for q in document.survey {
            func add(_ grouping: String, _ group: String, _ f: SurveyFigures) {
                table.add([.text(q.id), .text(q.text), .text(q.source), .text(grouping), .text(group),
                           .number(f.suppressed == nil ? f.responses : nil), .number(f.percentPositive), .number(f.ci95?.lower),
                           .number(f.ci95?.upper), .number(f.meanScore), .number(f.suppressed == nil ? f.blank : nil),
                           .number(f.excluded.values.reduce(0, +)), .text(f.suppressed ?? ""), .text(q.scale), .text(q.reverse ? "true" : "false")])
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
                let cells: [CSVCell] = [.text(q.id), .text(q.text), .text(grouping), .text(group)]
                if let reason = f.suppressed {
                    table.add(cells + [.text(""), .number(Int?.none), .number(Double?.none), .number(Double?.none), .number(Double?.none), .text(reason)])
                    return
                }
                for (option, share) in (f.options ?? [:]).sorted(by: { $0.key < $1.key }) {
                    table.add(cells + [.text(option), .number(share.count), .number(share.percent), .number(share.ci95?.lower),
                                       .number(share.ci95?.upper), .text("")])
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
            table.add([.text(t.id), .text(t.name), .number(t.mentions), .number(t.sources), .text(t.parent ?? "")])
        }
        return table.text
    }
}

/// A CSV table written by hand: every cell through `CSVCell` (text neutralised, numbers typed),
/// CRLF line ends (what spreadsheets expect).
struct CSVTable {
    private var lines: [String]

    init(_ header: [String]) {
        lines = [header.map(CSVCell.text).csvLine]
    }

    mutating func add(_ cells: [CSVCell]) {
        lines.append(cells.csvLine)
    }

    var text: String { lines.joined(separator: "\r\n") + "\r\n" }
}
