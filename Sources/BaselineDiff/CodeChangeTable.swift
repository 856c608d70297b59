import BaselineCore
import Foundation

/// Area code changes (old code → new code), read from a small CSV: a header row, then the old
/// code in the first column and the new one in the second.
public enum CodeChangeTable {
    /// Reads the table at `path`.
    public static func load(_ path: String) throws -> [String: String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw BaselineError(file: path, "cannot read the code-change table", hint: "check the path")
        }
        var table = [String: String]()
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated().dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2, !cells[0].isEmpty, !cells[1].isEmpty else {
                throw BaselineError(file: path, line: index + 1, "expected old code, new code", hint: "e.g. E07000001,E06000065")
            }
            table[cells[0]] = cells[1]
        }
        return table
    }
}
