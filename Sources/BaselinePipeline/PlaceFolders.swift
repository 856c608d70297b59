import BaselineCore
import BaselineSchema
import Foundation

/// The other folders of an output root that hold baselines of a place: found when a run with
/// `outcomes:` finds no earlier baseline in its own folder, which happens when the place's name
/// (and so its folder) changed — `Coventry` → `Coventry City` starts the framework again in
/// `coventry-city/`, beside the years in `coventry/`.
enum PlaceFolders {
    /// The place in a `baseline.json`, read without the rest of the document.
    private struct PlaceOnly: Decodable {
        struct Place: Decodable {
            let code: String
        }

        let place: Place
    }

    /// Each sibling of `placeFolder` (in the output root) whose latest baseline is of the place
    /// with `code`, with the periods it holds; sorted by folder name. Only for a place folder
    /// with no baseline yet (the first run under a new name): every sibling's latest baseline is
    /// read, so a programme, whose places all start so, does not ask (`baseline index` warns there).
    static func others(of code: String, besides placeFolder: String) -> [(folder: String, periods: [String])] {
        guard PlaceFolder.periods(in: placeFolder).isEmpty else { return [] }
        let own = URL(fileURLWithPath: placeFolder).standardizedFileURL
        let root = own.deletingLastPathComponent()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        var found = [(folder: String, periods: [String])]()
        for name in names.sorted() where !name.hasPrefix(".") && name != own.lastPathComponent {
            let folder = root.appendingPathComponent(name).path
            let periods = PlaceFolder.periods(in: folder)
            guard let latest = periods.last,
                  let data = FileManager.default.contents(atPath: folder + "/" + latest + "/baseline.json"),
                  let read = try? JSONDecoder().decode(PlaceOnly.self, from: data), read.place.code == code else { continue }
            found.append((name, periods))
        }
        return found
    }

    /// The warning for a run that sets the framework's baseline while `others` hold the place's
    /// earlier years; `nil` when there are none.
    static func warning(code: String, folder: String, others: [(folder: String, periods: [String])]) -> String? {
        guard !others.isEmpty else { return nil }
        let listed = others.map { "\($0.folder)/ (\($0.periods.joinedInWords))" }.joinedInWords
        return "the output folder holds earlier baselines of \(code) in \(listed), but this run writes to \(folder)/ (the place's name gives that folder), "
            + "so the outcomes framework starts again here — set `slug: \(others[0].folder)` under `place:` to carry on in that folder"
    }
}
