/// Windows-1252, the "ANSI" encoding of Excel, Word and Notepad on Windows: Latin-1 with
/// typographic quotes, dashes, `€` and friends in 0x80–0x9F. One table for every reader of it.
public enum Windows1252 {
    /// The code points of bytes 0x80–0x9F; the five bytes the code page leaves undefined map to
    /// the C1 controls of the same value, as the WHATWG decoder does.
    @usableFromInline static let high: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    /// The Unicode code point of one Windows-1252 byte.
    @inlinable
    public static func codePoint(_ byte: UInt8) -> UInt32 {
        byte >= 0x80 && byte < 0xA0 ? UInt32(high[Int(byte - 0x80)]) : UInt32(byte)
    }

    /// The text of `bytes` read as Windows-1252.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            scalars.append(Unicode.Scalar(codePoint(byte))!)
        }
        return String(scalars)
    }
}
