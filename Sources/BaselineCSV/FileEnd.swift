import BaselineCore
import Foundation

extension CSVReader {
    /// Whether the file at `path` ends with a line break (`\n` or `\r`; in UTF-16, the break's
    /// code unit with its zero byte). `nil` when it cannot be read or is empty. For a source whose
    /// last row is short: with no line break after it, the file was most likely cut off in the
    /// middle of that row (an interrupted download or copy), and rows after it are lost.
    public static func endsWithLineBreak(path: String) -> Bool? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        let size = lseek(descriptor, 0, SEEK_END)
        guard size > 0 else { return nil }
        var tail = [UInt8](repeating: 0, count: 2)
        let length = min(Int(size), 2)
        let read = tail.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, off_t(Int(size) - length)) }
        guard read == length else { return nil }
        let bytes = tail.prefix(length)
        func isBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }
        if let last = bytes.last, isBreak(last) { return true }
        // UTF-16: little-endian `0A 00`, big-endian `00 0A`.
        return length == 2 && bytes.last == 0 && isBreak(bytes.first!)
    }
}

extension CSVReader {
    /// The error for a file whose last row is short and has no line break after it: the file
    /// looks cut off in that row, and how many rows were lost after it cannot be known, so a
    /// baseline of what is left would be wrong without a word (a range across 182 areas of 296).
    public static func cutShort(file: String, line: Int, fields: Int, width: Int) -> BaselineError {
        BaselineError(file: file, line: line,
                      "the file ends in the middle of this row (\(fields) of the header's \(width) fields, and no line break after it): "
                          + "it looks cut short, as an interrupted download or copy leaves a file, and the rows after it are missing",
                      hint: "download or copy the file again and check it ends where the publisher's does")
    }
}

extension CSVReader {
    /// The note for a file whose last row (on `line`) has all its fields but no line break after
    /// it: read whole, but a download cut inside that row's last field looks just like it, and
    /// the rows after it would be lost without a word (the second try-out's ONS file cut after
    /// "This data" gave 1 Jan 2026's 86.9 as the latest figure, not 1 Apr 2026's 99.4).
    public static func noLineBreakNote(file: String, line: Int) -> String {
        "\(file) does not end with a line break: its last row (line \(line)) was read whole, but if the file was cut off "
            + "in that row's last field, as an interrupted download leaves one, the rows after it are missing; check the file ends where the publisher's does."
    }
}
