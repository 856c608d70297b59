import BaselineCore
import BaselineCSV

/// Area code changes (old code → new code), read from a small CSV: a header row, then the old
/// code in the first column and the new one in the second — the table the `join` stage's
/// `code_changes` reads, through the same `CSVTable`.
public enum CodeChangeTable {
    /// Reads the table at `path`.
    public static func load(_ path: String) throws -> [String: String] {
        var table = [String: String]()
        try CSVTable.read(path: path, displayPath: path) { _, line, cells in
            guard cells.count >= 2, !cells[0].isEmpty, !cells[1].isEmpty else {
                throw BaselineError(file: path, line: line, "expected old code, new code", hint: "e.g. E07000001,E06000065")
            }
            table[cells[0]] = cells[1]
        }
        return table
    }
}
