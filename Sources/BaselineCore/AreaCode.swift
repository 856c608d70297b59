/// Area codes as the Government Statistical Service writes them.
public enum AreaCode {
    /// Whether `text` is a GSS code: `E`, `K`, `N`, `S` or `W` (England, areas across the
    /// nations, Northern Ireland, Scotland, Wales) and eight digits, `E08000026`. Read in place:
    /// it runs for every observation a `join` stage sees and every row of a police file.
    public static func isGSS(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count == 9, let first = bytes.first else { return false }
        return "EKNSW".utf8.contains(first) && bytes.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

/// The data-quality note of a source whose `areas:` passed rows over, and how it names the
/// benchmark areas among them: the `indicators` stage, finding no figures for such a benchmark,
/// then says its rows were there and left out by that list, rather than suspect its code (a
/// try-out's `areas: [E08000003]` left England out, and the warning blamed a typo).
public enum AreasFilterNote {
    /// What a note says before the benchmarks it names.
    static let marker = "not listed in `areas:` passed over, among them the rows of the benchmark"

    /// `input.csv: 2490 row(s) of areas not listed in `areas:` passed over.`, naming the
    /// `benchmarks` whose rows were among them, with what to do.
    public static func text(file: String, rows: Int, benchmarks: [Area]) -> String {
        guard !benchmarks.isEmpty else { return "\(file): \(rows) row(s) of areas not listed in `areas:` passed over." }
        let named = benchmarks.map { $0.name == $0.code || $0.name.isEmpty ? $0.code : "\($0.code) (\($0.name))" }
        let list = named.count == 1 ? named[0] : named.dropLast().joined(separator: ", ") + " and " + named.last!
        let them = benchmarks.count == 1 ? "it" : "them"
        return "\(file): \(rows) row(s) of areas \(marker)\(benchmarks.count == 1 ? " area" : " areas") \(list): "
            + "add \(them) to the source's `areas:` to compare the place with \(them)."
    }

    /// Whether `note` is such a note naming `code` among the benchmarks passed over.
    public static func passesOver(_ code: String, in note: String) -> Bool {
        guard let start = note.range(of: marker) else { return false }
        let rest = note[start.upperBound...]
        return [" (", ":", ",", " and "].contains { rest.contains(" \(code)" + $0) }
    }
}
