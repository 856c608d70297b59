import BaselineCore
import BaselineText
import Foundation

/// A small lookup table in CSV — a header row, then rows of the same width — read whole with
/// `CSVReader` (so quoting, encodings and line numbers are the reader's), for the tables a
/// pipeline names beside its data: area lookups, aliases, code changes.
public enum CSVTable {
    /// Calls `body` with the header, the line and the trimmed cells of each row. A row of another
    /// width, or a table without a header, is an error at its line. Returns the header, which a
    /// table of no rows has too.
    @discardableResult
    public static func read(path: String, displayPath: String,
                            _ body: (_ header: [String], _ line: Int, _ cells: [String]) throws -> Void) throws -> [String] {
        let reader = try CSVReader(path: path, displayPath: displayPath, delimiter: UInt8(ascii: ","), maxFieldBytes: 1 << 16)
        var header: [String]?
        while try reader.readPiece({ row in
            let cells = (0..<row.count).map { row.string($0).trimmingWhitespace(andNewlines: false) }
            guard let known = header else {
                header = cells
                return
            }
            guard cells.count == known.count else {
                // The column is the first field missing, or the first one too many.
                throw BaselineError(file: displayPath, line: row.line, column: min(cells.count, known.count) + 1,
                                    "\(cells.count) fields where the header has \(known.count)",
                                    hint: cells.count < known.count ? "every row of this table needs the same columns: add the missing cells (empty ones too, as commas)"
                                        : "every row of this table needs the same columns: quote a cell that holds a comma")
            }
            try body(known, row.line, cells)
        }) {}
        guard let header else {
            throw BaselineError(file: displayPath, line: 1, "the table is empty", hint: "it needs a header row and at least one row")
        }
        return header
    }
}
