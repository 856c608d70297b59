import Foundation

/// A place's folder under an output root, `<root>/<place>/<period>/baseline.json`: the one
/// way its periods are listed and put in order, for the diff, the index, progress and the runner.
public enum PlaceFolder {
    /// The folders of `folder` that hold a `baseline.json`, in order of period (`periodOrder`);
    /// hidden ones (a run's staging folder) are not periods.
    public static func periods(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") && FileManager.default.fileExists(atPath: folder + "/" + $0 + "/baseline.json") }
            .sorted { periodOrder($0) < periodOrder($1) }
    }

    /// The year a period starts with (`2024`, `2024-25`, `2024-Q3`), or `nil` for a period that
    /// does not start with one (`wave9`, `Q4-2024`, `12345`).
    public static func year(_ period: String) -> Int? {
        let head = period.prefix(4)
        guard head.count == 4, head.allSatisfy({ $0.isASCII && $0.isNumber }),
              period.count == 4 || !period.dropFirst(4).first!.isNumber else { return nil }
        return Int(head)
    }

    /// How periods are put in order: by the year they start with, then by name; those without
    /// a year after every one with.
    public static func periodOrder(_ period: String) -> (Int, String) {
        (year(period) ?? Int.max, period)
    }
}
