import BaselineCore
import BaselineDiff
import BaselineSchema
import BaselineText
import Foundation

/// Builds the cross-place index from the `baseline.json` files under an output folder
/// (`<folder>/<place>/<period>/baseline.json`): each place's latest period, or the period asked
/// for, read back with the same checks as `baseline diff`.
public enum IndexBuilder {
    /// The index of the places under `folder`; `period` picks one period instead of each place's latest.
    public static func build(folder: String, period: String? = nil) throws -> PlaceIndex {
        var entries = [PlaceIndex.Entry]()
        var columns = [String: PlaceIndex.Column]()
        for place in try subfolders(of: folder) {
            let placePath = folder + "/" + place
            let periods = PlaceFolder.periods(in: placePath)
            let chosen: String?
            if let period { chosen = periods.contains(period) ? period : nil } else { chosen = periods.last }
            guard let chosen else { continue }
            let relative = place + "/" + chosen
            let document = try BaselineFile.load(folder + "/" + relative + "/baseline.json")
            var cells = [String: PlaceIndex.Cell]()
            for result in document.latestIndicators(for: document.place.code) {
                cells[result.id] = PlaceIndex.Cell(period: result.period, periodLabel: result.periodLabel, value: result.value, missing: result.missing,
                                                   comparisons: result.comparisons, rank: nil, ranked: nil)
                if columns[result.id] == nil {
                    columns[result.id] = PlaceIndex.Column(id: result.id, name: result.name, unit: result.unit, polarity: result.polarity)
                }
            }
            let dashboard = relative + "/dashboard.html"
            entries.append(PlaceIndex.Entry(
                code: document.place.code, name: document.place.name, folder: place, period: chosen,
                baseline: relative + "/baseline.json",
                dashboard: FileManager.default.fileExists(atPath: folder + "/" + dashboard) ? dashboard : nil,
                benchmarks: document.benchmarks, indicators: cells))
        }
        guard !entries.isEmpty else {
            throw BaselineError(file: folder, period.map { "no baseline.json of period \($0) under this folder" }
                                    ?? "no baseline.json under this folder (looked for <place>/<period>/baseline.json)",
                                hint: "name the output folder of `baseline run` (e.g. output), after the places have run")
        }
        let warnings = keepOneFolderPerPlace(&entries)
        let sortedColumns = columns.values.sorted { $0.id < $1.id }
        rank(&entries, columns: sortedColumns)
        var index = PlaceIndex(period: period, indicators: sortedColumns, places: entries)
        index.warnings = warnings
        return index
    }

    /// A place code in more than one folder (the place was renamed, so its folder changed) is
    /// indexed once, from the folder with the latest period (the later folder on a tie), so that
    /// it is neither listed twice nor ranked against itself. Returns a warning for each.
    static func keepOneFolderPerPlace(_ entries: inout [PlaceIndex.Entry]) -> [String] {
        var warnings = [String](), dropped = Set<Int>()
        func key(_ index: Int) -> (Int, String, String) {
            let (year, period) = PlaceFolder.periodOrder(entries[index].period)
            return (year, period, entries[index].folder)
        }
        let latestFirst = { (one: Int, other: Int) in key(one) > key(other) }
        for (code, indices) in Dictionary(grouping: entries.indices, by: { entries[$0].code }).sorted(by: { $0.key < $1.key }) where indices.count > 1 {
            let ordered = indices.sorted(by: latestFirst)
            dropped.formUnion(ordered.dropFirst())
            let folders = indices.sorted { entries[$0].folder < entries[$1].folder }.map { "\(entries[$0].folder)/ (\(entries[$0].period))" }
            // Names equal as text but not byte for byte: the same name in two Unicode forms (a
            // decomposed `ô`), which look alike in the warning; before 2026-12-07 a run made the
            // folder of whatever form the name was typed in.
            let names = indices.map { entries[$0].folder }
            if Set(names).count < Set(names.map { Array($0.utf8) }).count {
                warnings.append("\(code) is in \(folders.count) folders whose names look alike but differ in their Unicode form (an accent "
                                + "typed as a mark of its own), \(folders.joinedInWords): the index shows the \(entries[ordered[0]].period) one only — "
                                + "move the other periods into it and remove the rest (`baseline run` now always writes the composed form)")
                continue
            }
            warnings.append("\(code) is in \(folders.count) folders, \(folders.joinedInWords): the index shows \(entries[ordered[0]].folder)/ only — "
                            + "move the others' periods into it, or set the place's `slug:` so that its name keeps one folder")
        }
        entries = entries.indices.filter { !dropped.contains($0) }.map { entries[$0] }
        return warnings
    }

    /// Ranks each indicator's values among the places with a value for the same period.
    static func rank(_ entries: inout [PlaceIndex.Entry], columns: [PlaceIndex.Column]) {
        for column in columns {
            var byPeriod = [String: [(place: Int, value: Double)]]()
            for (index, entry) in entries.enumerated() {
                if let cell = entry.indicators[column.id], let value = cell.value {
                    byPeriod[cell.period, default: []].append((index, value))
                }
            }
            let lowFirst = column.polarity == Polarity.lowIsGood.rawValue
            for group in byPeriod.values {
                for (place, value) in group {
                    let better = group.count(where: { lowFirst ? $0.value < value : $0.value > value })
                    entries[place].indicators[column.id]?.rank = better + 1
                    entries[place].indicators[column.id]?.ranked = group.count
                }
            }
        }
    }

    /// The folders directly inside `path`, sorted; hidden ones and links left out, so that an
    /// index never reaches outside the output folder.
    static func subfolders(of path: String) throws -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw BaselineError(file: path, "cannot list this folder: \(error.localizedDescription)",
                                hint: "name the output folder of `baseline run` (e.g. output)")
        }
        return names.filter { name in
            guard !name.hasPrefix("."),
                  let attributes = try? FileManager.default.attributesOfItem(atPath: path + "/" + name) else { return false }
            return attributes[.type] as? FileAttributeType == .typeDirectory
        }.sorted()
    }

    /// The index as the JSON `index.json` holds: sorted keys, so the same baselines give the same bytes.
    public static func json(_ index: PlaceIndex) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return PeopleText.json(String(decoding: try encoder.encode(index), as: UTF8.self)) + "\n"
    }

    /// Writes the index into `folder`, and nowhere else: `index.json` and `index.html`, or for
    /// one period's index (`period`), `index-<period>.json` and `.html`, so that indexing an
    /// earlier period beside the latest keeps both, for `baseline diff` to compare.
    public static func write(_ index: PlaceIndex, to folder: String, period: String? = nil) throws {
        let output = OutputFolder(path: URL(fileURLWithPath: folder).standardizedFileURL.path)
        let name = fileName(period: period)
        try output.write(try json(index), to: name + ".json")
        try output.write(IndexPage.render(index), to: name + ".html")
    }

    /// The index's file name without its extension: `index`, or `index-<period>` with any
    /// character but a letter, digit, `.`, `_` or `-` made `-` (a period is a folder name, but
    /// the name is written whatever was asked for).
    public static func fileName(period: String?) -> String {
        guard let period else { return "index" }
        let safe = String(period.unicodeScalars.map { scalar -> Character in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar))
                ? Character(scalar) : "-"
        })
        return "index-" + (safe.allSatisfy { $0 == "." } ? "-" : safe)
    }
}
