import BaselineCSV
import BaselineCore

extension CSVSurveyAdapter {
    /// The export's first three rows (its header rows, however many the layout has), with their
    /// line numbers: what layout detection and the column checks read; and the reader that read
    /// them, which knows the delimiter and encoding it detected.
    static func headerRows(_ configuration: Configuration) throws -> (reader: CSVReader, rows: [(line: Int, fields: [String])]) {
        let reader = try CSVReader(path: configuration.path.resolved, displayPath: configuration.path.path,
                                   delimiter: configuration.delimiter, encoding: configuration.encoding,
                                   maxFieldBytes: configuration.maxFieldBytes)
        var first = [(line: Int, fields: [String])]()
        while first.count < 3, try reader.readPiece({ row in
            if first.count < 3 { first.append((row.line, (0..<row.count).map(row.string))) }
        }) {}
        return (reader, first)
    }

    /// An export with no rows at all (what `run` and `validate` both say).
    static func emptyFile(_ file: String) -> BaselineError {
        BaselineError(file: file, line: 1, "the file is empty: there is no header row", hint: "export the survey again, with column headers")
    }

    /// The columns the configuration names (questions, free text, groups, weight, respondent id,
    /// completion time) that the export's header rows lack, found the way the adapter finds them
    /// (column id, question text or option), for `baseline validate`. Columns given by
    /// `position:` are not checked here.
    public static func checkInputs(configuration: Configuration, context: SourceContext) throws -> [MissingColumn] {
        let file = configuration.path.path
        let first = try headerRows(configuration).rows
        guard !first.isEmpty else { throw emptyFile(file) }
        let layout = configuration.layout == .auto ? SurveyLayout.detect(first.map(\.fields)) : configuration.layout
        let header = SurveyHeader(rows: Array(first.prefix(min(layout.headerRowCount(first.map(\.fields)), first.count))),
                                  layout: layout, file: file)
        var names = [String]()
        for spec in configuration.questions {
            if let columns = spec.columns {
                names += columns.compactMap(\.column)
            } else if let column = spec.column {
                // A multi-select question may name the stem of its option columns (Qualtrics `Q5`).
                if spec.multiSelect, !header.optionColumns(named: column).isEmpty { continue }
                names.append(column)
            }
        }
        names += configuration.freeText.compactMap(\.column)
        names += configuration.groups.compactMap(\.column)
        names += [configuration.weight, configuration.respondentId, configuration.completedAt].compactMap { $0?.column }
        // Each name once, in the header's order (a set beside the list: a header of 200,000
        // columns searched the list for each name took minutes).
        var known = [String](), seen = Set<String>()
        for name in header.columns.flatMap(\.names) where seen.insert(name).inserted { known.append(name) }
        let missing = names.filter { header.columns(named: $0).isEmpty }
            .map { MissingColumn(column: $0, file: file, header: known, hint: header.stemHint($0)) }
        // With every column there, the plan `run` makes: a name that heads two columns, a
        // personal-data column, a scale that does not fit stop `validate` as they stop `run`.
        if missing.isEmpty { _ = try ReadPlan(configuration: configuration, header: header, source: context.id) }
        return missing
    }
}
