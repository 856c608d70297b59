/// Counting and splitting by characters without Swift's grapheme breaking, where that cannot
/// differ from it: `report.txt` measures every word, cell and line it writes in characters, and
/// breaking a 24 KB brief into graphemes was a third of making it.
///
/// A scalar that *stands alone* is a character of its own beside any other scalar that stands
/// alone (Unicode's grapheme rules join only marks, joiners, prepended signs, Hangul jamo,
/// regional indicators and CR LF, none of which stand alone). So in a text of such scalars
/// every scalar is one character: its length is its scalar count, its ASCII bytes are whole
/// characters, and two such texts put together have the lengths of both. The set is small and
/// sure rather than complete — `PlainTextCharactersTests` checks every pair of it against
/// Swift's own breaking — and a text holding any other scalar is measured by `String.count`.
extension PlainText {
    /// Whether the scalar `value` stands alone: every scalar below U+0300 but CR (Latin,
    /// Latin-1 and its extensions, the ASCII controls, the spacing modifier letters), the
    /// general punctuation U+2010–U+2027 (dashes, curly quotes, bullets, ellipsis) and the
    /// arrows ← ↑ → ↓ and the triangles ▲ ▼ the tool writes. All are in the Basic Multilingual
    /// Plane: one UTF-16 unit each.
    static func standsAlone(_ value: UInt32) -> Bool {
        switch value {
        case 0x0D: false
        case 0x00...0x2FF, 0x2010...0x2027, 0x2190...0x2193, 0x25B2, 0x25BC: true
        default: false
        }
    }

    /// The number of scalars in `bytes` (valid UTF-8) when every one stands alone, else nil.
    static func standAloneCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var count = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let value: UInt32
            if byte < 0x80 {
                value = UInt32(byte)
                index += 1
            } else if byte < 0xE0 {
                value = UInt32(byte & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                index += 2
            } else if byte < 0xF0 {
                value = UInt32(byte & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                index += 3
            } else {
                return nil
            }
            guard standsAlone(value) else { return nil }
            count += 1
        }
        return count
    }

    /// The number of scalars of `text` when every one stands alone (then also its number of
    /// characters), else nil.
    static func standAloneCount<Text: StringProtocol>(_ text: Text) -> Int? {
        if let count = text.utf8.withContiguousStorageIfAvailable(standAloneCount) { return count }
        return String(text).utf8.withContiguousStorageIfAvailable(standAloneCount) ?? nil
    }

    /// `text.count`: by the scalars when they all stand alone, else by Swift's grapheme breaking.
    static func length<Text: StringProtocol>(of text: Text) -> Int {
        standAloneCount(text) ?? text.count
    }

    /// Whether `line`, ending where `word` starts, keeps its characters and `word`'s: true when
    /// the scalars on either side of the join stand alone, or either is empty.
    static func joinsApart<Line: StringProtocol, Word: StringProtocol>(_ line: Line, _ word: Word) -> Bool {
        (line.unicodeScalars.last.map { standsAlone($0.value) } ?? true) && (word.unicodeScalars.first.map { standsAlone($0.value) } ?? true)
    }
}
