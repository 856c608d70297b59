import BaselineCSV
import BaselineCore

extension CSVIndicatorsAdapter {
    /// The columns named under `columns:` that the file's header row lacks (matched as the
    /// adapter matches them: exactly, else ignoring case), for `baseline validate`; when none
    /// is missing, what `run` checks of the first row too (an empty file, a layout it cannot
    /// tell, a column its layout needs), and an `indicators:` filter that keeps none of the file's
    /// indicators (`checkFilter`), thrown as `run` throws them.
    public static func checkInputs(configuration: Configuration, context: SourceContext) throws -> [MissingColumn] {
        let reader = try CSVReader(path: configuration.path.resolved, displayPath: configuration.path.path,
                                   delimiter: configuration.delimiter, maxFieldBytes: configuration.maxFieldBytes)
        var header: [String]?
        var firstRow: (() throws -> FirstRow)?
        while header == nil, try reader.readPiece({ row in
            guard header == nil else { return }
            header = (0..<row.count).map { String(row.string($0).trimmingSpaces()) }
            let read = Result { try readFirstRow(row, configuration: configuration) }
            firstRow = { try read.get() }
        }) {}
        guard let header, let firstRow else { throw emptyFile(configuration) }
        let named = CSVIndicatorsColumns.Field.allCases.compactMap { configuration.columns[$0] }
        let lowered = Set(header.map { $0.lowercased() })
        let missing = named.filter { !header.contains($0) && !lowered.contains($0.lowercased()) }
            .map { MissingColumn(column: $0, file: configuration.path.path, header: header) }
        if missing.isEmpty {
            _ = try firstRow()
            try checkFilter(configuration: configuration, context: context)
        }
        return missing
    }

    /// The first batch `run` reads (`RecordBatch.preferredSize` rows kept), for `validate` to send
    /// through the pipeline's stages: a file whose indicator and name columns are swapped shows
    /// it in its first rows.
    public static func sampleBatch(configuration: Configuration, context: SourceContext) throws -> RecordBatch? {
        try CSVIndicatorsAdapter(configuration: configuration, context: context).next()
    }

    /// Reads the file as `run` does until the `indicators:` filter keeps one of its indicators,
    /// so that a filter that keeps none is the error `run` stops with, at the entry's line — said
    /// by `validate` before a run rather than after `run` has read the whole file. A filter that
    /// keeps an indicator is known within the first rows of it.
    static func checkFilter(configuration: Configuration, context: SourceContext) throws {
        guard !configuration.listed.isEmpty else { return }
        let source = try CSVIndicatorsAdapter(configuration: configuration, context: context)
        while !source.keepsAny, try source.next() != nil {}
    }
}
