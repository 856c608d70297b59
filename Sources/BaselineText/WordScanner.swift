/// Finds the words of UTF-8 text, byte by byte, without making a `String` per word: the
/// tokenizer behind theme coding and name redaction, which must agree on what a word is.
///
/// A word is a run of ASCII letters, digits and `_`, and of non-ASCII letters. An apostrophe
/// (`'` or `’`) between two word characters belongs to the word (`people's`, `don’t`).
/// Everything else separates words: spaces, ASCII punctuation (so `co-location` is the two
/// words `co location`), and the Unicode punctuation notes are full of — curly quotes, dashes,
/// ellipses, no-break spaces, `£`, `«»`, `×`.
///
/// ```swift
/// var scanner = WordScanner(bytes)
/// while let word = scanner.next() { … bytes[word] … }
/// ```
public struct WordScanner {
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    @usableFromInline var position = 0

    /// Scans `bytes`, which must stay valid while the scanner is used.
    @inlinable
    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The byte range of the next word, or `nil` at the end.
    @inlinable @inline(__always)
    public mutating func next() -> Range<Int>? {
        let count = bytes.count
        while position < count {
            let byte = bytes[position]
            if byte < 0x80 {
                if Self.isASCIIWord(byte) { break }
                position += 1
            } else {
                let width = Self.wordWidth(bytes, at: position)
                if width > 0 { break }
                position -= width
            }
        }
        guard position < count else { return nil }
        let start = position
        while position < count {
            let byte = bytes[position]
            if byte < 0x80 {
                if Self.isASCIIWord(byte) {
                    position += 1
                    continue
                }
                guard byte == 0x27 else { break }
            }
            let width = Self.wordWidth(bytes, at: position)
            if width > 0 {
                position += width
            } else if Self.isApostrophe(bytes, at: position, width: -width), position + -width < count,
                      Self.wordWidth(bytes, at: position + -width) > 0 {
                position += -width
            } else {
                break
            }
        }
        return start..<position
    }

    /// The width in bytes of the character at `index`: positive for a word character, negative
    /// for a separator.
    @inlinable
    static func wordWidth(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let byte = bytes[index]
        if byte < 0x80 { return Self.isASCIIWord(byte) ? 1 : -1 }
        let remaining = bytes.count - index
        switch byte {
        case 0xC2:
            // U+0080–U+00BF: controls, no-break space, £, «, », ° and friends.
            return -min(2, remaining)
        case 0xC3:
            guard remaining >= 2 else { return -1 }
            return bytes[index + 1] == 0x97 || bytes[index + 1] == 0xB7 ? -2 : 2  // × ÷
        case 0xE2:
            // U+2000–U+2FFF: general punctuation, symbols, arrows, dashes, curly quotes.
            return -min(3, remaining)
        case 0xEF:
            guard remaining >= 3 else { return -remaining }
            return bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF ? -3 : 3  // byte order mark
        case 0xF0...0xF4:
            return min(4, remaining)
        case 0xE0...0xEE:
            return min(3, remaining)
        case 0xC4...0xDF:
            return min(2, remaining)
        default:
            return 1
        }
    }

    /// Whether the separator at `index` is an apostrophe (`'` or `’`).
    @inlinable
    static func isApostrophe(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, width: Int) -> Bool {
        if width == 1 { return bytes[index] == 0x27 }
        return width == 3 && bytes[index] == 0xE2 && bytes[index + 1] == 0x80 && bytes[index + 2] == 0x99
    }

    /// Whether a byte is an ASCII letter, digit or `_`.
    @inlinable @inline(__always)
    public static func isASCIIWord(_ byte: UInt8) -> Bool {
        // Bit n of the mask is set when byte 64 + n (or n, below) is a letter, digit or `_`.
        byte < 0x40 ? (0x03FF_0000_0000_0000 as UInt64) >> byte & 1 == 1
                    : byte < 0x80 && (0x07FF_FFFE_87FF_FFFE as UInt64) >> (byte & 0x3F) & 1 == 1
    }

    /// ASCII letters lowered, every other byte as it is.
    @inlinable
    public static func lowercase(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }
}
