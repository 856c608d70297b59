import BaselineCore
import BaselineDiff
import BaselineSchema
import BaselineText
import Foundation

/// `baseline diff` over two indexes: every place's changes in one report, each place's two
/// baselines compared by the same `DiffEngine` as `baseline diff` of one place.
public struct IndexDiff: Sendable {
    /// One place in both indexes, with what changed.
    public struct PlaceChange: Sendable {
        /// The place's folder in the later index.
        public var folder: String
        /// The diff of its two baselines.
        public var diff: BaselineDiff
    }

    /// Places in both indexes, in the later index's order.
    public var places: [PlaceChange]
    /// Places only in the earlier index (`name (code)`).
    public var onlyEarlier: [String]
    /// Places only in the later index (`name (code)`).
    public var onlyLater: [String]

    /// Whether `path` names an index: an `index.json` (or one period's, `index-<period>.json`),
    /// or a folder holding an `index.json` and no `baseline.json`.
    public static func isIndex(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return false }
        if isDirectory.boolValue {
            return FileManager.default.fileExists(atPath: path + "/index.json") && !FileManager.default.fileExists(atPath: path + "/baseline.json")
        }
        let name = URL(fileURLWithPath: path).lastPathComponent
        return name == "index.json" || (name.hasPrefix("index-") && name.hasSuffix(".json"))
    }

    /// Reads the index at `path` (an `index.json` or its folder), with the folder its paths are relative to.
    public static func load(_ path: String) throws -> (index: PlaceIndex, folder: String) {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let file = isDirectory.boolValue ? path + "/index.json" : path
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        guard let data = FileManager.default.contents(atPath: file) else {
            throw BaselineError(file: file, "cannot read the index", hint: "run `baseline index` on the output folder first")
        }
        let index: PlaceIndex
        do {
            index = try JSONDecoder().decode(PlaceIndex.self, from: data)
        } catch {
            throw BaselineError(file: file, "this is not an index.json written by `baseline index`: \(error.localizedDescription)",
                                hint: "run `baseline index` on the output folder again")
        }
        guard index.indexVersion.split(separator: ".").first == "1" else {
            throw BaselineError(file: file, "unknown index_version \(index.indexVersion): this build reads 1.x",
                                hint: "run `baseline index` with this build again")
        }
        for place in index.places where !isInside(place.baseline) {
            throw BaselineError(file: file, "the baseline path '\(PeopleText.line(place.baseline))' of \(PeopleText.line(place.code)) leaves the index's folder",
                                hint: "run `baseline index` on the output folder again")
        }
        return (index, folder)
    }

    /// Compares every place of the earlier index with the same place (by area code, else by
    /// folder) in the later one.
    public static func compare(earlier: String, later: String, engine: DiffEngine) throws -> IndexDiff {
        let (from, fromFolder) = try load(earlier)
        let (to, toFolder) = try load(later)
        var changes = [PlaceChange](), matched = Set<Int>()
        var onlyLater = [String]()
        for place in to.places {
            guard let earlierIndex = from.places.firstIndex(where: { $0.code == place.code })
                    ?? from.places.firstIndex(where: { $0.folder == place.folder }) else {
                onlyLater.append("\(place.name) (\(place.code))")
                continue
            }
            matched.insert(earlierIndex)
            let before = try BaselineFile.load(fromFolder + "/" + from.places[earlierIndex].baseline)
            let after = try BaselineFile.load(toFolder + "/" + place.baseline)
            changes.append(PlaceChange(folder: place.folder, diff: engine.diff(from: before, to: after)))
        }
        let onlyEarlier = from.places.indices.filter { !matched.contains($0) }.map { "\(from.places[$0].name) (\(from.places[$0].code))" }
        return IndexDiff(places: changes, onlyEarlier: onlyEarlier, onlyLater: onlyLater)
    }

    /// A relative path with no `..`, no leading `/` and no empty part.
    static func isInside(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == ".." || $0 == "." }
    }

    /// The report: each place's diff in `format` under its name, then the places in one index only.
    /// JSON is one object: `places` (each `folder` and `diff`, as `schema/diff.schema.json`),
    /// `only_earlier` and `only_later`.
    public func render(format: DiffReport.Format, colour: Bool = false) throws -> String {
        switch format {
        case .json:
            var parts = [String]()
            for change in places {
                let diff = try DiffReport.render(change.diff, format: .json).trimmingCharacters(in: .whitespacesAndNewlines)
                let folder = String(decoding: try JSONEncoder().encode(change.folder), as: UTF8.self)
                parts.append("{\"folder\": \(folder), \"diff\": \(diff)}")
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let earlier = String(decoding: try encoder.encode(onlyEarlier), as: UTF8.self)
            let later = String(decoding: try encoder.encode(onlyLater), as: UTF8.self)
            return PeopleText.json("{\"index_diff_version\": \"1.0\", \"only_earlier\": \(earlier), \"only_later\": \(later), \"places\": [\n"
                + parts.joined(separator: ",\n") + "\n]}") + "\n"
        case .markdown, .text:
            let markdown = format == .markdown
            var out = markdown ? "# Every place's changes\n\n" : "Every place's changes\n\n"
            for change in places {
                let side = change.diff.to
                let title = "\(side.place.name) (\(side.place.code)): \(change.diff.from.period) → \(side.period)"
                out += markdown ? "## \(PeopleText.markdown(title))\n\n" : "== \(PeopleText.line(title)) ==\n"
                out += try DiffReport.render(change.diff, format: format, colour: colour) + "\n"
            }
            if !onlyEarlier.isEmpty {
                let list = onlyEarlier.map { markdown ? PeopleText.markdown($0) : PeopleText.line($0) }.joined(separator: ", ")
                out += "Only in the earlier index: \(list)\n"
            }
            if !onlyLater.isEmpty {
                let list = onlyLater.map { markdown ? PeopleText.markdown($0) : PeopleText.line($0) }.joined(separator: ", ")
                out += "Only in the later index: \(list)\n"
            }
            return out
        }
    }
}
