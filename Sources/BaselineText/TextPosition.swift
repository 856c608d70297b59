/// Where a byte offset falls in text, as people count: the 1-based line (ended by LF, CRLF or a
/// lone CR, as YAML and editors count) and column (in characters, that is code points, as
/// libyaml's marks count). One place for every error that knows only a byte offset — a byte
/// that is not UTF-8, a JSON parser's position, a YAML reader's offset.
public enum TextPosition {
    /// The line and column of the byte at `offset` in `bytes` (the end when `offset` is past it).
    public static func of(byteOffset offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        let end = min(max(offset, 0), bytes.count)
        var line = 1, lineStart = 0
        for index in 0..<end where bytes[index] == 0x0A || (bytes[index] == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
            line += 1
            lineStart = index + 1
        }
        var column = 1
        for index in lineStart..<end where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return (line, column)
    }
}
