import BaselineCSV
import BaselineCore

extension PoliceUKAdapter {
    /// Reads the header row of every file `run` would read, for `baseline validate`: a file
    /// that is empty, or is not a street-level file (an outcomes or stop and search file named
    /// by a glob), stops it as it stops `run`. No column is named by the options, so none is
    /// ever missing.
    public static func checkInputs(configuration: Configuration, context: SourceContext) throws -> [MissingColumn] {
        for file in try files(configuration).read {
            let reader = try CSVReader(path: file.resolved, displayPath: file.path, delimiter: .byte(UInt8(ascii: ",")))
            var header: (names: [String], line: Int)?
            while header == nil, try reader.readPiece({ row in
                if header == nil { header = ((0..<row.count).map { String(row.string($0).trimmingSpaces()) }, row.line) }
            }) {}
            guard let header else { throw emptyFile(file.path) }
            _ = try StreetColumns(header: header.names, line: header.line, file: file.path)
        }
        return []
    }
}
