import Foundation

extension String {
    /// The text without the whitespace and line breaks at its ends: what
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives, without Foundation's walk over
    /// the text where its ends are ASCII (see `Substring.trimmingWhitespaceAndNewlines()`).
    public func trimmingWhitespaceAndNewlines() -> String {
        self[...].trimmingWhitespaceAndNewlines()
    }
}

extension Substring {
    /// The text without the whitespace and line breaks at its ends: what
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives, without Foundation's walk over
    /// the text where its ends are ASCII. Tab, LF, VT, FF, CR and space are the only ASCII
    /// characters in that set, so ASCII ones are dropped by their bytes; when what is then at an
    /// end is not ASCII (a no-break space, an ideographic space, U+0085), Foundation decides.
    /// Values read from XML are mostly already trimmed, or padded with a few ASCII spaces.
    public func trimmingWhitespaceAndNewlines() -> String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, isSpace(utf8[start]) { utf8.formIndex(after: &start) }
        while start < end, isSpace(utf8[utf8.index(before: end)]) { utf8.formIndex(before: &end) }
        guard start < end else { return "" }
        guard utf8[start] < 0x80, utf8[utf8.index(before: end)] < 0x80 else {
            return trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return String(self[start..<end])
    }
}
