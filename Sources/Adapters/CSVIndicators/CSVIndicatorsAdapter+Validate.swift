import BaselineCSV
import BaselineCore

extension CSVIndicatorsAdapter {
    /// The columns named under `columns:` that the file's header row lacks (matched as the
    /// adapter matches them: exactly, else ignoring case), for `baseline validate`.
    public static func checkInputs(configuration: Configuration, context: SourceContext) throws -> [MissingColumn] {
        let named = CSVIndicatorsColumns.Field.allCases.compactMap { configuration.columns[$0] }
        guard !named.isEmpty else { return [] }
        let reader = try CSVReader(path: configuration.path.resolved, displayPath: configuration.path.path,
                                   delimiter: configuration.delimiter, maxFieldBytes: configuration.maxFieldBytes)
        var header: [String]?
        while header == nil, try reader.readPiece({ row in
            if header == nil { header = (0..<row.count).map { String(row.string($0).trimmingSpaces()) } }
        }) {}
        guard let header else { return [] }
        let lowered = Set(header.map { $0.lowercased() })
        return named.filter { !header.contains($0) && !lowered.contains($0.lowercased()) }
            .map { MissingColumn(column: $0, file: configuration.path.path, header: header) }
    }
}
