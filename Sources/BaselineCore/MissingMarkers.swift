/// The markers statistics publishers put where a number should be, and why each means it is
/// missing: the one table every adapter reads missing values through, so that `[c]` means the
/// same in a CSV indicator table as in an SDMX file.
///
/// | marker | reason | used by |
/// |---|---|---|
/// | `c`, `[c]`, `*` | `suppressed` | ONS (confidential / disclosive), many councils |
/// | `x`, `[x]`, `..`, `:`, `na`, `NaN`, empty | `notAvailable` | ONS (`na`: Explore Local Statistics' weekly pay of 2025, its missing values and intervals), Eurostat (`:`), OECD (`..`) |
/// | `z`, `[z]`, `-` | `notApplicable` | ONS |
/// | `u`, `[u]` | `lowReliability` | ONS (estimate too unreliable to publish: its status `u`, the GSS symbol for low reliability), DfE |
/// | `low`, `[low]`, `k` | `roundsToZero` | DfE's Explore Education Statistics (`low`: "rounds to 0 but is not 0"; `k`, its older code for the same), the GSS symbol `[low]` for a low figure, StatsWales (`k`: "low figure") |
///
/// `low` is a figure, not a judgement of its quality: DfE lists it beside `u` (low reliability)
/// as "rounds to 0 but is not 0", as the GSS guidance on symbols in tables lists `[low]` beside
/// `[u]`. Read as low reliability, Sunderland's lowest agency-worker rates of 2023–2025 were
/// called "too unreliable to publish". `k` was no marker at all: a row holding it was set aside,
/// and its year left the series (Wolverhampton's reading progress of 2018/19).
///
/// Markers are matched after trimming spaces, ignoring case. A number is never a marker: a
/// cell that reads `0` is zero. The GSS symbols `x`, `c`, `z` and `u` (bare, as ONS's status
/// column writes them, or in brackets, as the Analysis Function's guidance for tables now asks)
/// are markers of a value that is not there; beside a number, `[u]` flags a value that is
/// (`ValueReader.standardFlags`).
public enum MissingMarkers {
    /// Every marker with its reason, keys lower-case.
    public static let table: [String: MissingReason] = [
        "": .notAvailable,
        "c": .suppressed, "[c]": .suppressed, "*": .suppressed,
        "x": .notAvailable, "[x]": .notAvailable, "..": .notAvailable, ":": .notAvailable, "nan": .notAvailable,
        "na": .notAvailable,
        "z": .notApplicable, "[z]": .notApplicable, "-": .notApplicable,
        "u": .lowReliability, "[u]": .lowReliability,
        "low": .roundsToZero, "[low]": .roundsToZero, "k": .roundsToZero,
    ]

    /// The reason a cell holding `marker` is missing, or `nil` if the text is not a marker.
    public static func reason(for marker: some StringProtocol) -> MissingReason? {
        table[marker.trimmingSpaces().lowercased()]
    }

    /// The reason a publisher's free-text note gives for a missing value (a Fingertips
    /// `Value note` such as "Value suppressed for disclosure control due to small count"), or
    /// `nil` when the note does not explain an absence.
    public static func reason(forNote note: some StringProtocol) -> MissingReason? {
        let text = note.lowercased()
        if let marker = reason(for: text), !text.trimmingSpaces().isEmpty { return marker }
        for (words, reason) in noteWords where words.contains(where: text.contains) {
            return reason
        }
        return nil
    }

    /// Phrases of value notes, in the order they are tried.
    static let noteWords: [([String], MissingReason)] = [
        (["suppress", "disclosure", "too small", "small number", "small count"], .suppressed),
        (["confidential"], .confidential),
        (["not applicable"], .notApplicable),
        (["unreliable", "low reliability", "quality too low"], .lowReliability),
        (["rounds to 0", "rounds to zero", "low figure"], .roundsToZero),
        (["not available", "no data", "not published", "data not collected", "missing"], .notAvailable),
    ]
}

extension UInt8 {
    /// A space, tab or line break: what is trimmed from around a cell's bytes.
    @inlinable @inline(__always)
    public static func isCellSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The cell's bytes without the spaces, tabs and line breaks around them (no copy).
    @inlinable @inline(__always)
    public func trimmingSpaces() -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = count
        while start < end, UInt8.isCellSpace(self[start]) { start += 1 }
        while end > start, UInt8.isCellSpace(self[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: self[start..<end])
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs, as markers and CSV cells are compared.
    public func trimmingSpaces() -> Substring {
        var view = self[...]
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return Substring(view)
    }
}
