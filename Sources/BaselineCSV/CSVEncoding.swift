/// The character encoding of a CSV file, as a pipeline declares it or as the reader detects it.
///
/// Whatever the file's encoding, `CSVReader` hands out UTF-8: other encodings are converted
/// chunk by chunk before libcsv sees the bytes.
public enum CSVEncoding: String, Sendable, CaseIterable {
    /// Detect: a byte-order mark decides; without one, zero bytes in the first characters mean
    /// UTF-16, a first piece that is valid UTF-8 (or has UTF-8 characters beside a bad byte) means UTF-8, anything else Windows-1252.
    case auto
    /// UTF-8, with or without a byte-order mark; invalid bytes are an error.
    case utf8 = "utf-8"
    /// UTF-16 with the byte order from the byte-order mark (or, without one, from where the zero
    /// bytes of the first characters are).
    case utf16 = "utf-16"
    /// UTF-16, little-endian (what Windows writes).
    case utf16LE = "utf-16le"
    /// UTF-16, big-endian.
    case utf16BE = "utf-16be"
    /// Windows-1252, the Western European code page a spreadsheet writes when it re-saves a file
    /// ("CSV (Comma delimited)" in Excel). Every byte decodes, so it is never an error.
    case windows1252 = "windows-1252"

    /// The encoding a pipeline names, accepting the usual spellings (`UTF8`, `cp1252`, `latin-1`…).
    public init?(name: String) {
        let key = name.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " }
        switch key {
        case "auto": self = .auto
        case "utf8": self = .utf8
        case "utf16": self = .utf16
        case "utf16le": self = .utf16LE
        case "utf16be": self = .utf16BE
        case "windows1252", "cp1252", "latin1", "iso88591", "ansi": self = .windows1252
        default: return nil
        }
    }

    /// The encoding's name in messages and notes.
    public var displayName: String {
        switch self {
        case .auto: "auto"
        case .utf8: "UTF-8"
        case .utf16: "UTF-16"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        case .windows1252: "Windows-1252"
        }
    }
}
