import Foundation

extension String {
    /// The text without the white space at its ends (see `Substring.trimmingWhitespace`).
    public func trimmingWhitespace(andNewlines newlines: Bool) -> String {
        self[...].trimmingWhitespace(andNewlines: newlines)
    }
}

extension Substring {
    /// What `trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)` gives,
    /// without Foundation's walk over the text where its ends are ASCII. The only ASCII members
    /// of those sets are space and tab, and with `newlines` LF, VT, FF and CR, so ASCII ones are
    /// dropped by their bytes; when what is then at an end is not ASCII (a no-break space, an
    /// ideographic space, U+0085), Foundation decides. Values read from XML and the names in
    /// template tags are mostly already trimmed, or padded with a few ASCII spaces.
    public func trimmingWhitespace(andNewlines newlines: Bool) -> String {
        let utf8 = self.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || newlines && (0x0A...0x0D).contains(byte) }
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, isSpace(utf8[start]) { utf8.formIndex(after: &start) }
        while start < end, isSpace(utf8[utf8.index(before: end)]) { utf8.formIndex(before: &end) }
        guard start < end else { return "" }
        guard utf8[start] < 0x80, utf8[utf8.index(before: end)] < 0x80 else {
            return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
        }
        return String(self[start..<end])
    }
}
