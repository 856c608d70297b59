/// Splits a multi-select cell (`a;b;`, `a, b`) into the options it ticks by matching the
/// question's KNOWN options, longest first, rather than cutting at every separator: an option
/// that holds the separator itself ("Television, radio or print media (news channels,
/// newspapers)" in a comma-joined export) is found whole.
///
/// At each place in the cell, the longest option that starts there and ends at the end of the
/// cell or at a separator (spaces allowed before it) is taken. Where none does, the text up to
/// the next separator is an entry not among the options: a write-in, or an unknown option.
/// Matching ignores case, surrounding spaces, curly apostrophes and non-breaking spaces, as
/// scale labels do. Like `AnswerMatcher`, a plain view of memory a `PlanStorage` owns.
///
/// A space as the separator (KoboToolbox's `Spherical Radial Bilateral`) is any run of white
/// space: an option then ends at the end of the cell or before a space, and an option holding
/// spaces is still found whole, longest first.
///
/// A cell that is a JSON array of strings (`["White","Orange","Yellow"]`, as some Microsoft
/// Forms exports write a multi-select answer) is read as its items instead: each item is one
/// entry, matched whole, so an item holding the separator, a comma or an escaped quote
/// (`["Say \"hi\"; wave"]`) is still one option. A cell that only looks like one (`[draft]`,
/// a `[` never closed) is split as any other.
struct OptionSplitter {
    /// One option: its index, and where its lower-cased bytes start in `labels` and how many.
    private struct Entry {
        var option: Int
        var start: Int
        var count: Int
    }

    private let labels: UnsafePointer<UInt8>
    /// Longest first.
    private let entries: UnsafeBufferPointer<Entry>
    let separator: UInt8

    init(options: [String], separator: UInt8, storage: PlanStorage) {
        var labels = [UInt8](), entries = [Entry]()
        for (index, option) in options.enumerated() {
            let bytes = AnswerMatcher.normalize(Array(option.utf8)[...])
            entries.append(Entry(option: index, start: labels.count, count: bytes.count))
            labels += bytes
        }
        entries = entries.filter { $0.count > 0 }.sorted { ($0.count, $1.option) > ($1.count, $0.option) }
        self.labels = storage.keep(labels)
        self.entries = UnsafeBufferPointer(start: storage.keep(entries), count: entries.count)
        self.separator = separator
    }

    /// One entry of a cell: a known option by index, or text that is none of them.
    enum Piece: Equatable {
        case option(Int)
        case unknown(String)
    }

    /// The entries of `cell`, in the order they appear; empty for a blank cell.
    func split(_ cell: UnsafeBufferPointer<UInt8>) -> [Piece] {
        split(cell, separator: separator)
    }

    /// Another separator that would read `cell` as known options only, when this one does not
    /// (`;` where the export joins with spaces): for the message that sets the row aside.
    func separatorReadingWhole(_ cell: UnsafeBufferPointer<UInt8>) -> UInt8? {
        [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: " "), UInt8(ascii: "|")].first { other in
            other != separator && !split(cell, separator: other).contains { if case .unknown = $0 { true } else { false } }
        }
    }

    private func split(_ cell: UnsafeBufferPointer<UInt8>, separator: UInt8) -> [Piece] {
        let trimmed = cell.trimmingSpaces()
        if trimmed.isEmpty { return [] }
        if trimmed.first == UInt8(ascii: "["), let items = Self.jsonStrings(trimmed) {
            return items.compactMap { item in
                let bytes = AnswerMatcher.normalize(item.utf8)
                guard !bytes.isEmpty else { return nil }
                return bytes.withUnsafeBufferPointer { whole($0) }.map(Piece.option) ?? .unknown(item.trimmingWhitespace())
            }
        }
        if !trimmed.contains(where: { $0 >= 0x80 }) { return split(lowering: trimmed, separator: separator) }
        return AnswerMatcher.normalize(trimmed).withUnsafeBufferPointer { split(lowering: $0, separator: separator) }
    }

    private func split(lowering cell: UnsafeBufferPointer<UInt8>, separator: UInt8) -> [Piece] {
        var pieces = [Piece]()
        var at = 0
        let end = cell.count
        let spaced = AnswerMatcher.isSpace(separator)
        while at < end {
            while at < end, AnswerMatcher.isSpace(cell[at]) { at += 1 }
            if at == end { break }
            if cell[at] == separator {
                at += 1
                continue
            }
            if let (option, next) = option(in: cell, at: at, separator: separator) {
                pieces.append(.option(option))
                at = next
                continue
            }
            var stop = at
            while stop < end, cell[stop] != separator, !(spaced && AnswerMatcher.isSpace(cell[stop])) { stop += 1 }
            let text = UnsafeBufferPointer(rebasing: cell[at..<stop]).trimmingSpaces()
            pieces.append(.unknown(String(decoding: text, as: UTF8.self)))
            at = stop
        }
        return pieces
    }

    /// The option that is the whole of `entry` (normalised), if any.
    private func whole(_ entry: UnsafeBufferPointer<UInt8>) -> Int? {
        entries.first { candidate in
            candidate.count == entry.count && (0..<entry.count).allSatisfy { labels[candidate.start + $0] == entry[$0] }
        }?.option
    }

    /// The items of a cell that is a JSON array of strings (`["a","b"]`, `[]`, spaces allowed
    /// between tokens; the escapes `\"`, `\\`, `\/`, `\n`, `\r`, `\t` and `\uXXXX`, surrogate
    /// pairs too; no other control characters); `nil` for anything else.
    static func jsonStrings(_ cell: UnsafeBufferPointer<UInt8>) -> [String]? {
        var at = 0
        func skipSpaces() {
            while at < cell.count, [0x20, 0x09, 0x0A, 0x0D].contains(cell[at]) { at += 1 }
        }
        func hex4() -> UInt32? {
            guard at + 4 <= cell.count else { return nil }
            var value: UInt32 = 0
            for byte in cell[at..<at + 4] {
                guard let digit = Character(UnicodeScalar(byte)).hexDigitValue else { return nil }
                value = value << 4 | UInt32(digit)
            }
            at += 4
            return value
        }
        func string() -> String? {
            guard at < cell.count, cell[at] == UInt8(ascii: "\"") else { return nil }
            at += 1
            var bytes = [UInt8]()
            while at < cell.count {
                let byte = cell[at]
                at += 1
                switch byte {
                case UInt8(ascii: "\""):
                    return String(decoding: bytes, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard at < cell.count else { return nil }
                    let escape = cell[at]
                    at += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escape)
                    case UInt8(ascii: "n"): bytes.append(0x0A)
                    case UInt8(ascii: "r"): bytes.append(0x0D)
                    case UInt8(ascii: "t"): bytes.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var code = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(code) {
                            // A surrogate pair: the low half must follow as `\uDC00`…`\uDFFF`.
                            guard at + 1 < cell.count, cell[at] == UInt8(ascii: "\\"), cell[at + 1] == UInt8(ascii: "u") else { return nil }
                            at += 2
                            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
                            code = 0x10000 + (code - 0xD800) << 10 + (low - 0xDC00)
                        }
                        // A control character is no option's text (a NUL would reach the rejects
                        // file): the cell is then no array, and is named as written.
                        guard code >= 0x20 || code == 0x09 || code == 0x0A || code == 0x0D, let scalar = UnicodeScalar(code) else { return nil }
                        bytes += Array(String(Character(scalar)).utf8)
                    default: return nil
                    }
                case 0..<0x20:
                    return nil
                default:
                    bytes.append(byte)
                }
            }
            return nil
        }
        guard cell.first == UInt8(ascii: "[") else { return nil }
        at = 1
        var items = [String]()
        skipSpaces()
        if at < cell.count, cell[at] == UInt8(ascii: "]") {
            at += 1
        } else {
            while true {
                skipSpaces()
                guard let item = string() else { return nil }
                items.append(item)
                skipSpaces()
                guard at < cell.count else { return nil }
                if cell[at] == UInt8(ascii: ",") {
                    at += 1
                    continue
                }
                guard cell[at] == UInt8(ascii: "]") else { return nil }
                at += 1
                break
            }
        }
        skipSpaces()
        return at == cell.count ? items : nil
    }

    /// The longest option that starts at `at` and ends at the cell's end or a separator (a
    /// space separator: any white space), with where the next entry starts.
    private func option(in cell: UnsafeBufferPointer<UInt8>, at: Int, separator: UInt8) -> (Int, Int)? {
        let spaced = AnswerMatcher.isSpace(separator)
        candidates: for entry in entries where at + entry.count <= cell.count {
            for offset in 0..<entry.count where AnswerMatcher.lower(cell[at + offset]) != labels[entry.start + offset] {
                continue candidates
            }
            var next = at + entry.count
            if spaced {
                if next == cell.count || AnswerMatcher.isSpace(cell[next]) { return (entry.option, next) }
                continue
            }
            while next < cell.count, AnswerMatcher.isSpace(cell[next]) { next += 1 }
            if next == cell.count || cell[next] == separator { return (entry.option, next) }
        }
        return nil
    }
}
