import BaselineCore
import BaselineCSV
import Foundation
import BaselineText

/// The geography a `join` stage works with: which small area lies in which larger one, the
/// names areas go by, and codes that changed.
public struct AreaLookup: Sendable {
    /// Small-area code → the code of the area it rolls up to.
    public private(set) var parent = [String: String]()
    /// The small areas' names by code, from the name column beside the `from` column (`LSOA21NM`).
    public private(set) var smallAreaNames = [String: String]()
    /// How many small areas each larger area has in the lookup.
    public private(set) var size = [String: Int]()
    /// Normalised name → code, from the lookup's name columns and the alias table.
    public private(set) var names = [String: String]()
    /// Names that belong to more than one code: never matched.
    public private(set) var ambiguous = Set<String>()
    /// Old code → new code: the `code_changes` table, mergers included, for the observations' codes.
    public private(set) var successors = [String: String]()
    /// The one-for-one code changes the lookup's larger areas are put on their current code
    /// through: an old code → its current code, and where the stage knows the change from.
    public private(set) var oneForOne = [String: (new: String, origin: CodeChangeOrigin)]()
    /// The larger areas of the lookup given under a code since replaced one for one, by old code:
    /// the current code, and how many small areas the lookup gives it.
    public private(set) var recodedAreas = [String: (new: String, smallAreas: Int)]()
    /// The small areas the lookup gives to a larger area under its previous code: small area → that code.
    public private(set) var previousParent = [String: String]()

    /// Where the stage knows a one-for-one code change from, for the note that says it was used.
    public enum CodeChangeOrigin: Sendable, Equatable {
        /// The built-in table (`AreaCodeChanges.successions`): the area's name and the year the
        /// old code went out of use.
        case builtIn(name: String, since: Int)
        /// The stage's `code_changes` table, with its path as written.
        case table(String)
    }

    /// Reads the tables. The lookup's larger areas (`to`) given under a code replaced one for one
    /// — by the built-in table (unless `builtInCodeChanges` is false) or a row of `codeChanges`
    /// whose new code no other old code becomes — are put on their current code: a lookup of
    /// 2023 gives Barnsley's LSOAs to E08000016, which became E08000038 in 2025. Never through a
    /// merger: one old area's small areas are not the merged area's.
    public init(lookup: InputFile, from: String, to: String, aliases: InputFile?, codeChanges: InputFile?, builtInCodeChanges: Bool = true) throws {
        try Self.read(lookup) { header, row, cells in
            guard let fromIndex = header.firstIndex(of: from), let toIndex = header.firstIndex(of: to) else {
                let missing = header.contains(from) ? to : from
                throw BaselineError(file: lookup.path, line: 1, "the lookup has no column '\(missing)'",
                                    hint: closest(to: missing, in: header).map { "did you mean '\($0)'?" } ?? "its columns are \(header.joined(separator: ", "))")
            }
            let small = cells[fromIndex], large = cells[toIndex]
            for (code, column) in [(small, from), (large, to)] where !AreaCode.isGSS(code) {
                throw BaselineError(file: lookup.path, line: row, column: (column == from ? fromIndex : toIndex) + 1,
                                    "'\(code)' is not a GSS code (a letter E, K, N, S or W and 8 digits)", hint: "check the column holds area codes")
            }
            if parent.updateValue(large, forKey: small) == nil { size[large, default: 0] += 1 }
            if let nameIndex = header.firstIndex(of: String(from.dropLast(2)) + "NM"), from.hasSuffix("CD"), !cells[nameIndex].isEmpty {
                smallAreaNames[small] = cells[nameIndex]
            }
            for (index, column) in header.enumerated() where column.hasSuffix("NM") {
                guard let codeIndex = header.firstIndex(of: String(column.dropLast(2)) + "CD"), AreaCode.isGSS(cells[codeIndex]) else { continue }
                add(name: cells[index], code: cells[codeIndex])
            }
        }
        if let aliases {
            try Self.read(aliases) { _, row, cells in
                guard cells.count >= 2, AreaCode.isGSS(cells[1]) else {
                    throw BaselineError(file: aliases.path, line: row, "expected an alias and a GSS code", hint: "e.g. \"Bristol, City of\",E06000023")
                }
                add(name: cells[0], code: cells[1])
            }
        }
        var table = [String: String]()
        if let codeChanges {
            try Self.read(codeChanges) { _, row, cells in
                guard cells.count >= 2, AreaCode.isGSS(cells[0]), AreaCode.isGSS(cells[1]) else {
                    throw BaselineError(file: codeChanges.path, line: row, "expected the old code and the new code", hint: "e.g. E07000190,E06000066")
                }
                table[cells[0]] = cells[1]
            }
            // A code that changed twice goes straight to its latest code.
            successors = AreaCodeChanges.resolved(table)
        }
        putLargerAreasOnCurrentCodes(builtIn: builtInCodeChanges, table: table, file: codeChanges?.path)
    }

    /// Fills `oneForOne` from the built-in table (when `builtIn`) and the one-for-one rows of
    /// `table` over it (a row of a merger, whose new code other old codes become too, takes its
    /// old code out), each chain followed to its latest code, and puts the lookup's larger areas
    /// under an old code on their current code.
    private mutating func putLargerAreasOnCurrentCodes(builtIn: Bool, table: [String: String], file: String?) {
        var changes = [String: String](), origins = [String: CodeChangeOrigin]()
        if builtIn {
            for succession in AreaCodeChanges.successions {
                changes[succession.old] = succession.new
                origins[succession.old] = .builtIn(name: succession.name, since: succession.since)
            }
        }
        var oldCodes = [String: Int]()
        for new in table.values { oldCodes[new, default: 0] += 1 }
        for (old, new) in table {
            if oldCodes[new] == 1, let file {
                changes[old] = new
                origins[old] = .table(file)
            } else {
                changes[old] = nil
            }
        }
        // A chain that runs into a merger (A → B one for one, then B merged into C) stops at B.
        for (old, new) in AreaCodeChanges.resolved(changes) where old != new {
            oneForOne[old] = (new, origins[old]!)
        }
        guard !oneForOne.isEmpty else { return }
        for (small, large) in parent {
            guard let new = oneForOne[large]?.new else { continue }
            parent[small] = new
            previousParent[small] = large
        }
        for (large, count) in size {
            guard let new = oneForOne[large]?.new else { continue }
            size[large] = nil
            size[new, default: 0] += count
            recodedAreas[large] = (new, count)
        }
        names = names.mapValues { oneForOne[$0]?.new ?? $0 }
    }

    private mutating func add(name: String, code: String) {
        let key = Self.normalise(name)
        guard !key.isEmpty else { return }
        if let known = names[key], known != code {
            ambiguous.insert(key)
        } else {
            names[key] = code
        }
    }

    /// The code an area name stands for, if exactly one.
    public func code(forName name: String) -> String? {
        let key = Self.normalise(name)
        return ambiguous.contains(key) ? nil : names[key]
    }

    /// Whether `text` looks like an attempt at a code rather than a name (one word of a capital
    /// letter and digits), so that a malformed code is an error, not an unmatched name.
    public static func looksLikeCode(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (4...12).contains(bytes.count), let first = bytes.first else { return false }
        return (0x41...0x5A).contains(first) && bytes.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A name folded for matching: lower case, `&` as `and`, punctuation as spaces, one space between words.
    static func normalise(_ name: String) -> String {
        let folded = name.lowercased().replacingEvery("&", with: " and ")
        let words = folded.split { !$0.isLetter && !$0.isNumber }
        return words.joined(separator: " ")
    }

    /// Reads a small CSV table (see `CSVTable`).
    private static func read(_ file: InputFile, _ body: ([String], Int, [String]) throws -> Void) throws {
        try CSVTable.read(path: file.resolved, displayPath: file.path, body)
    }
}
