import Foundation

/// Finds where an element starts — the line and column of its `<` — from its number in document
/// order, by reading the file again only when a message needs it.
///
/// libxml2 keeps no column for a node, and the streaming reader's parser has read past the node
/// it hands over (it is fed 512 bytes at a time), so its column is not the node's. The reader's
/// hot path therefore only counts elements; this type turns a count into a place. It reads on
/// from where it last stopped, so the rejects of a file (asked for in file order) cost one pass
/// over it; an earlier element starts it again from the top.
///
/// The scan knows just enough XML to count start tags: comments, CDATA sections, processing
/// instructions, a DOCTYPE and quoted attribute values are skipped. Lines end at LF, CR LF or a
/// lone CR, as libxml2 counts them. Columns count characters from 1 (UTF-8 sequences as one), or
/// bytes in a file whose XML declaration names another encoding; a UTF-16 file gives no place.
final class XMLElementLocator {
    /// Where an element starts, and the line its start tag ends on (the line libxml2 gives it).
    struct Start: Equatable {
        var line: Int
        var column: Int
        var endLine: Int
    }

    private enum State {
        case text, open, startTag, endTag, instruction, bang, commentOpen, comment, cdata, doctype
    }

    private let path: String
    private var descriptor: Int32 = -1
    private var countsBytes = false
    private var usable = true
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    // Where the scan is.
    private var offset = 0
    private var line = 1
    private var column = 1
    private var afterCR = false
    private var state = State.text
    private var quote: UInt8 = 0
    private var run = 0
    private var depth = 0
    private var previous: UInt8 = 0
    private var elements = 0
    private var openedAt = (line: 1, column: 1)
    private var last: (number: Int, start: Start)?

    /// A locator for the file at `path` (opened on the first question).
    init(path: String) {
        self.path = path
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Where element `number` (1 for the root) starts, or `nil` when the file cannot be read,
    /// is UTF-16, or has fewer elements.
    func start(ofElement number: Int) -> Start? {
        guard number > 0, usable else { return nil }
        if let last, last.number == number { return last.start }
        if descriptor < 0 {
            descriptor = open(path, O_RDONLY)
            guard descriptor >= 0, readHead() else {
                usable = false
                return nil
            }
        }
        if number <= elements { rewind() }
        while true {
            let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            guard got > 0 else { return nil }
            let (used, found) = buffer.withUnsafeBufferPointer { scan($0[0..<got], until: number) }
            offset += used
            if let found {
                last = (number, found)
                return found
            }
        }
    }

    /// Reads the file's first bytes: a UTF-16 file is not scanned; one that declares an encoding
    /// other than UTF-8 has its columns counted in bytes; a UTF-8 byte order mark is skipped.
    private func readHead() -> Bool {
        var head = [UInt8](repeating: 0, count: 256)
        let got = head.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard got >= 0 else { return false }
        let bytes = head.prefix(got)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.prefix(2).contains(0) { return false }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { offset = 3 }
        let declaration = String(decoding: bytes.drop { $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }.prefix { $0 != UInt8(ascii: ">") },
                                 as: UTF8.self).lowercased()
        if declaration.hasPrefix("<?xml"), let range = declaration.range(of: "encoding=") {
            let value = declaration[range.upperBound...].dropFirst().prefix { $0 != "\"" && $0 != "'" }
            countsBytes = value != "utf-8" && value != "utf8"
        }
        return true
    }

    private func rewind() {
        offset = 0
        _ = readHead()
        line = 1
        column = 1
        afterCR = false
        state = .text
        elements = 0
    }

    /// Scans `bytes`; returns how many it used and, once element `number`'s start tag has
    /// closed, where it starts (the scan then stops just after its `>`).
    private func scan(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, until number: Int) -> (Int, Start?) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index += 1
            let here = (line: line, column: column)
            if byte == 0x0A {
                if afterCR {
                    afterCR = false
                } else {
                    line += 1
                    column = 1
                }
            } else if byte == 0x0D {
                afterCR = true
                line += 1
                column = 1
            } else {
                afterCR = false
                if countsBytes || byte & 0xC0 != 0x80 { column += 1 }
            }
            switch state {
            case .text:
                if byte == UInt8(ascii: "<") {
                    openedAt = here
                    state = .open
                }
            case .open:
                switch byte {
                case UInt8(ascii: "/"): state = .endTag
                case UInt8(ascii: "?"): state = .instruction
                case UInt8(ascii: "!"): state = .bang
                default:
                    elements += 1
                    quote = 0
                    state = .startTag
                }
            case .startTag:
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    state = .text
                    if elements == number {
                        return (index - bytes.startIndex, Start(line: openedAt.line, column: openedAt.column, endLine: here.line))
                    }
                }
            case .endTag:
                if byte == UInt8(ascii: ">") { state = .text }
            case .instruction:
                if byte == UInt8(ascii: ">"), previous == UInt8(ascii: "?") { state = .text }
            case .bang:
                switch byte {
                case UInt8(ascii: "-"): state = .commentOpen
                case UInt8(ascii: "["):
                    run = 0
                    state = .cdata
                default:
                    quote = 0
                    depth = 0
                    state = .doctype
                }
            case .commentOpen:
                run = 0
                state = .comment
            case .comment:
                if byte == UInt8(ascii: "-") {
                    run += 1
                } else {
                    if byte == UInt8(ascii: ">"), run >= 2 { state = .text }
                    run = 0
                }
            case .cdata:
                if byte == UInt8(ascii: "]") {
                    run += 1
                } else {
                    if byte == UInt8(ascii: ">"), run >= 2 { state = .text }
                    run = 0
                }
            case .doctype:
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: "[") {
                    depth += 1
                } else if byte == UInt8(ascii: "]") {
                    depth -= 1
                } else if byte == UInt8(ascii: ">"), depth <= 0 {
                    state = .text
                }
            }
            previous = byte
        }
        return (index - bytes.startIndex, nil)
    }
}
