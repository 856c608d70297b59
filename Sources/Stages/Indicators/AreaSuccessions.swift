import BaselineCore
import BaselineCSV

/// The area codes the `indicators` stage reads as an earlier code of an area it keeps: the
/// built-in 1:1 successions (`AreaCodeChanges.successions`, unless switched off) and the
/// pipeline's own `code_changes` table, which wins over them. A publisher that still files an
/// area's figures under its previous code (ONS: Barnsley under E08000016, replaced by E08000038)
/// then gives them to the area under its current code.
public struct AreaSuccessions: Sendable {
    /// Where a succession comes from, for the note that says it was used.
    public enum Origin: Sendable, Hashable {
        /// The built-in table, with the year the old code went out of use.
        case builtIn(since: Int)
        /// The pipeline's `code_changes` table, with its path as written.
        case table(String)
    }

    /// Old code → current code, chains followed to the latest code.
    public private(set) var successors = [String: String]()
    /// Where each old code's succession comes from.
    public private(set) var origins = [String: Origin]()
    /// The built-in table's name for the area, by old code.
    public private(set) var names = [String: String]()

    /// None.
    public init() {}

    /// The built-in table when `builtIn`, then the pipeline's table `file` (`old code,new code`
    /// after a header row, more columns ignored: the `join` stage's format) over it.
    public init(builtIn: Bool, file: InputFile?) throws {
        var table = [String: String]()
        if builtIn {
            for succession in AreaCodeChanges.successions {
                table[succession.old] = succession.new
                origins[succession.old] = .builtIn(since: succession.since)
                names[succession.old] = succession.name
            }
        }
        if let file {
            var firstOldOf = [String: (old: String, line: Int)]()
            try CSVTable.read(path: file.resolved, displayPath: file.path) { _, row, cells in
                guard cells.count >= 2, AreaCode.isGSS(cells[0]), AreaCode.isGSS(cells[1]) else {
                    throw BaselineError(file: file.path, line: row, "expected the old code and the new code", hint: "e.g. E08000016,E08000038")
                }
                // Two old codes of one new code are a merger: one old area's figures are not the
                // new area's (Allerdale's would be given as Cumberland's, the lowest code first).
                if let first = firstOldOf[cells[1]], first.old != cells[0] {
                    throw BaselineError(file: file.path, line: row,
                                        "\(cells[0]) and \(first.old) (line \(first.line)) both become \(cells[1]): a merger, and the figures of one of the old areas are not the new area's",
                                        hint: "list only codes replaced one for one (a boundary change); for a merger, give the new area's own figures, or roll the old areas up with the `join` stage")
                }
                firstOldOf[cells[1]] = (cells[0], row)
                table[cells[0]] = cells[1]
                origins[cells[0]] = .table(file.path)
                names[cells[0]] = nil
            }
        }
        successors = AreaCodeChanges.resolved(table)
    }

    /// The earlier codes of the areas `areas` that are not themselves among them, by area.
    public func predecessors(of areas: Set<String>) -> [String: [String]] {
        var out = [String: [String]]()
        for (old, new) in successors where areas.contains(new) && !areas.contains(old) {
            out[new, default: []].append(old)
        }
        return out.mapValues { $0.sorted() }
    }
}
