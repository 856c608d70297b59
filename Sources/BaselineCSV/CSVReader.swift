import BaselineCore
import CLibCSV
import Foundation

/// Streams rows out of a CSV file with libcsv, keeping the line each row starts on.
///
/// This is the only file in the project that touches libcsv; every CSV adapter reads through it. The file is read in 256 KiB
/// pieces; each piece's rows are stored flat (one byte buffer, one offsets array) and handed to
/// the caller before the next piece is read, so memory is bounded by the piece size and the
/// longest field, never by the file.
public final class CSVReader {
    /// One row of the current piece: fields as byte ranges into the shared buffer.
    public struct Row {
        /// The 1-based line the row starts on.
        public let line: Int
        /// The number of fields.
        public let count: Int
        fileprivate let first: Int
        fileprivate unowned let store: RowStore

        /// The bytes of field `index`.
        public func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            store.field(first + index)
        }

        /// Field `index` as a string, with invalid UTF-8 repaired.
        public func string(_ index: Int) -> String {
            String(decoding: bytes(index), as: UTF8.self)
        }
    }

    /// The path as messages name it.
    public let displayPath: String
    private let handle: FileHandle
    private var parser = csv_parser()
    private let store = RowStore()
    private let maxFieldBytes: Int
    private var atStart = true
    private var finished = false
    private var bytesRead = 0

    /// Opens `path`; `displayPath` is how messages name it.
    public init(path: String, displayPath: String, delimiter: UInt8, maxFieldBytes: Int) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BaselineError(file: displayPath, "cannot open the file", hint: "check it exists and is readable")
        }
        self.handle = handle
        self.displayPath = displayPath
        self.maxFieldBytes = maxFieldBytes
        guard csv_init(&parser, UInt8(CSV_REPALL_NL | CSV_STRICT_FINI)) == 0 else {
            throw BaselineError(file: displayPath, "libcsv could not start (out of memory)")
        }
        csv_set_delim(&parser, delimiter)
        // Keep spaces and tabs inside fields as they are; trimming is the caller's choice.
        csv_set_space_func(&parser) { _ in 0 }
    }

    deinit {
        csv_free(&parser)
        try? handle.close()
    }

    /// Reads the next piece of the file and calls `body` for each complete row in it.
    /// Returns `false` once the file is exhausted.
    public func readPiece(_ body: (Row) throws -> Void) throws -> Bool {
        guard !finished else { return false }
        let chunk = try handle.read(upToCount: 1 << 18) ?? Data()
        let context = Unmanaged.passUnretained(store).toOpaque()
        if chunk.isEmpty {
            finished = true
            // libcsv reports an unclosed quote only in strict mode, which also rejects the stray
            // quotes real exports contain; so look at its state: inside a quoted field at the end.
            if parser.pstate == fieldBegun && parser.quoted != 0 || csv_fini(&parser, onField, onRecord, context) != 0 {
                throw BaselineError(file: displayPath, line: store.rowStartLine,
                                    "a quoted field that starts on this line is never closed",
                                    hint: "close the quote (\"), or double any quote inside a quoted field (\"\")")
            }
        } else {
            try chunk.withUnsafeBytes { raw in
                var bytes = UnsafeRawBufferPointer(raw)
                if atStart {
                    atStart = false
                    bytes = try skipByteOrderMark(bytes)
                }
                guard !bytes.isEmpty else { return }
                if let nul = memchr(bytes.baseAddress!, 0, bytes.count) {
                    let offset = bytesRead + (nul - UnsafeMutableRawPointer(mutating: bytes.baseAddress!))
                    throw BaselineError(file: displayPath, line: store.currentLine,
                                        "NUL byte at byte offset \(offset): this is not a text CSV file",
                                        hint: "export the survey again as CSV (UTF-8)")
                }
                let parsed = csv_parse(&parser, bytes.baseAddress, bytes.count, onField, onRecord, context)
                if parsed != bytes.count {
                    throw BaselineError(file: displayPath, line: store.currentLine,
                                        "cannot parse the CSV: \(String(cString: csv_strerror(csv_error(&parser))))")
                }
            }
            bytesRead += chunk.count
            if parser.entry_pos > maxFieldBytes {
                throw BaselineError(file: displayPath, line: store.rowStartLine,
                                    "a field starting on this line is longer than \(maxFieldBytes) bytes",
                                    hint: "check for a quote that is never closed, or raise `max_field_bytes`")
            }
        }
        for row in 0..<store.rowCount {
            try body(store.row(row))
        }
        store.clearRows()
        return !finished || store.rowCount > 0
    }

    private func skipByteOrderMark(_ bytes: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return UnsafeRawBufferPointer(rebasing: bytes[3...])
        }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw BaselineError(file: displayPath, line: 1, column: 1, "the file is UTF-16, which this adapter does not read yet",
                                hint: "save the file as CSV UTF-8 from the spreadsheet or survey tool")
        }
        return bytes
    }
}

/// The rows of one piece, stored flat.
final class RowStore {
    private var bytes: UnsafeMutablePointer<UInt8>
    private var capacity = 1 << 19
    private var used = 0
    private var fieldEnds = [Int]()
    private var rowFirst = [Int]()
    private var rowCounts = [Int]()
    private var rowLines = [Int]()
    private var fieldsInRow = 0
    /// The line the row being read started on.
    var rowStartLine = 1
    /// The line the parser is on.
    var currentLine = 1
    private var lastWasCR = false

    init() {
        bytes = .allocate(capacity: capacity)
        fieldEnds.reserveCapacity(1 << 15)
    }

    deinit {
        bytes.deallocate()
    }

    var rowCount: Int { rowLines.count }

    func row(_ index: Int) -> CSVReader.Row {
        CSVReader.Row(line: rowLines[index], count: rowCounts[index], first: rowFirst[index], store: self)
    }

    func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let start = index == 0 ? 0 : fieldEnds[index - 1]
        let end = fieldEnds[index]
        return UnsafeBufferPointer(start: bytes + start, count: end - start)
    }

    /// Drops the rows handed out, keeping the fields of a row not yet complete.
    func clearRows() {
        let pendingFields = fieldsInRow
        if pendingFields == 0 {
            used = 0
            fieldEnds.removeAll(keepingCapacity: true)
        } else {
            let firstPending = fieldEnds.count - pendingFields
            let byteStart = firstPending == 0 ? 0 : fieldEnds[firstPending - 1]
            memmove(bytes, bytes + byteStart, used - byteStart)
            used -= byteStart
            fieldEnds.removeSubrange(0..<firstPending)
            for i in fieldEnds.indices { fieldEnds[i] -= byteStart }
        }
        rowFirst.removeAll(keepingCapacity: true)
        rowCounts.removeAll(keepingCapacity: true)
        rowLines.removeAll(keepingCapacity: true)
    }

    fileprivate func addField(_ pointer: UnsafeRawPointer?, _ length: Int) {
        if let pointer, length > 0 {
            let field = UnsafeRawBufferPointer(start: pointer, count: length)
            if used + length > capacity {
                while used + length > capacity { capacity *= 2 }
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                grown.update(from: bytes, count: used)
                bytes.deallocate()
                bytes = grown
            }
            UnsafeMutableRawPointer(bytes + used).copyMemory(from: pointer, byteCount: length)
            used += length
            if memchr(pointer, 0x0A, length) != nil || memchr(pointer, 0x0D, length) != nil {
                var previous: UInt8 = 0
                for byte in field {
                    if byte == 0x0A, previous != 0x0D { currentLine += 1 }
                    if byte == 0x0D { currentLine += 1 }
                    previous = byte
                }
            }
        }
        fieldEnds.append(used)
        fieldsInRow += 1
        lastWasCR = false
    }

    fileprivate func endRecord(_ terminator: Int32) {
        if fieldsInRow > 0 {
            rowFirst.append(fieldEnds.count - fieldsInRow)
            rowCounts.append(fieldsInRow)
            rowLines.append(rowStartLine)
            fieldsInRow = 0
            if terminator == 0x0D || terminator == 0x0A { currentLine += 1 }
            lastWasCR = terminator == 0x0D
        } else if terminator == 0x0A, lastWasCR {
            lastWasCR = false
        } else {
            if terminator == 0x0D || terminator == 0x0A { currentLine += 1 }
            lastWasCR = terminator == 0x0D
        }
        rowStartLine = currentLine
    }
}

/// libcsv's parser state while inside a field (`FIELD_BEGUN` in libcsv.c).
private let fieldBegun: Int32 = 2

private func onField(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    Unmanaged<RowStore>.fromOpaque(context!).takeUnretainedValue().addField(field, length)
}

private func onRecord(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    Unmanaged<RowStore>.fromOpaque(context!).takeUnretainedValue().endRecord(terminator)
}
