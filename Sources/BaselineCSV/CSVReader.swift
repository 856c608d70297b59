import BaselineCore
import BaselineDigest
import BaselineText
import CLibCSV
import Foundation

/// Streams rows out of a CSV file with libcsv, keeping the line each row starts on.
///
/// This is the only file in the project that touches libcsv; every CSV adapter reads through it.
///
/// ```
///  file ──read 128 KiB──▶ Transcoder ──UTF-8──▶ libcsv ──fields──▶ RowBuffer ──Row──▶ caller
///        (a character cut    (UTF-16, Windows-1252        (flat bytes + field ends,
///         by the piece end    converted; UTF-8 checked)     kept until the next piece)
///         waits for the next)  └────── TextParser ──────┘
///  └──────── PieceParser: on the caller's thread, or ahead on a thread of its own (ReadAhead) ───┘
///
///  read ahead, UTF-8, more than one processor (ParallelRead):
///  read thread ─read 512 KiB, hash, cut after a line break with an even count of quotes─▶ slice, slice, …
///  2 workers    ─each slice: its own TextParser from a fresh libcsv, lines from 1─▶ rows + end state
///  caller       ─slices in file order: rows with the lines before them added; where the previous
///                slice did not end between records (the cut not proved) or a worker met an error,
///                the slice is parsed again on the caller's thread from the true libcsv state
/// ```
///
/// Fields are as RFC 4180 reads them, except that spaces and tabs around an unquoted field are
/// dropped (libcsv's default: a space function called for every byte would cost a tenth of the
/// parse); a quoted field keeps them. Memory is bounded by the piece size and the longest field
/// (`maxFieldBytes`), never by the file. `init` reads the first piece, so that a file that is
/// not CSV, a byte-order mark that contradicts the declared encoding, and the sniffed delimiter
/// are all known at set-up.
public final class CSVReader {
    /// One row of the current piece: fields as byte ranges into a buffer that stays valid until
    /// the next call of `readPiece`.
    public struct Row {
        /// The 1-based line the row starts on.
        public let line: Int
        /// The number of fields.
        public let count: Int
        @usableFromInline let base: UnsafePointer<UInt8>
        @usableFromInline let ends: UnsafePointer<Int>
        @usableFromInline let start: Int

        /// The UTF-8 bytes of field `index`, quotes removed. (Inlinable: sources call it for
        /// every cell they read.)
        @inlinable @inline(__always)
        public func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            precondition(index >= 0 && index < count, "field \(index) of a row with \(count) fields")
            let from = index == 0 ? start : ends[index - 1]
            return UnsafeBufferPointer(start: base + from, count: ends[index] - from)
        }

        /// Field `index` as a string.
        public func string(_ index: Int) -> String {
            String(decoding: bytes(index), as: UTF8.self)
        }
    }

    /// How the field delimiter is chosen.
    public enum Delimiter: Sendable, Equatable {
        /// Sniffed from the first lines: comma, semicolon or tab (see `DelimiterSniffer`).
        case auto
        /// This byte.
        case byte(UInt8)

        /// What a pipeline may write, for messages.
        public static let accepted = "auto, one character such as ',' or ';', or comma, semicolon or tab"

        /// The characters a pipeline may name rather than write (in any case): the field
        /// delimiter (`delimiter:`) and a survey's option separator (`separator:`) alike.
        public static let names: [String: UInt8] = [
            "comma": UInt8(ascii: ","), "semicolon": UInt8(ascii: ";"), "tab": 0x09, "\\t": 0x09,
            "space": UInt8(ascii: " "), "pipe": UInt8(ascii: "|"),
        ]

        /// A delimiter as a pipeline names it: `auto`, or a character as `byte(named:)` reads it;
        /// `nil` for anything else.
        public init?(name: String) {
            if name.lowercased() == "auto" {
                self = .auto
            } else if let byte = Self.byte(named: name) {
                self = .byte(byte)
            } else {
                return nil
            }
        }

        /// A separating character as a pipeline writes it: one of `names` (`comma`, `semicolon`,
        /// `tab` or `\t`, `space`, `pipe`), or one byte's character other than a quote or a line
        /// break (which would end or open a field); `nil` for anything else.
        public static func byte(named name: String) -> UInt8? {
            if let byte = names[name.lowercased()] { return byte }
            guard name.utf8.count == 1, let byte = name.utf8.first, byte != UInt8(ascii: "\""), byte != 0x0A, byte != 0x0D else {
                return nil
            }
            return byte
        }
    }

    /// The path as messages name it.
    public let displayPath: String
    /// The encoding the file is read in: the declared one, or the one detected.
    public let encoding: CSVEncoding
    /// Whether the file starts with a byte-order mark.
    public let hasByteOrderMark: Bool
    /// The field delimiter in use: the declared one, or the one sniffed.
    public let delimiter: UInt8

    /// Where pieces are parsed: on the calling thread into one buffer, ahead on a thread of their
    /// own, or (UTF-8) in slices on worker threads while one thread reads the file.
    private enum Mode {
        case inline(PieceParser, UnsafeMutablePointer<RowBuffer>)
        case ahead(ReadAhead)
        case parallel(ParallelRead)
    }

    private let mode: Mode
    private let parser: PieceParser
    private var finished = false
    /// The file starts with Excel's `sep=;` line, not yet passed over: it names the delimiter
    /// and is no row (the rows after it keep their lines in the file).
    private var separatorLinePending: Bool

    /// The SHA-256 and size of the file, once every piece is read, when the reader was opened
    /// with `hashing`; otherwise, or before the end, `nil`.
    public var inputDigest: InputDigest? {
        finished ? parser.digest : nil
    }

    /// Opens `path`, reading it with `delimiter` (one byte) in the encoding detected.
    public convenience init(path: String, displayPath: String, delimiter: UInt8, maxFieldBytes: Int) throws {
        try self.init(path: path, displayPath: displayPath, delimiter: .byte(delimiter), encoding: .auto, maxFieldBytes: maxFieldBytes)
    }

    /// Opens `path` (`displayPath` is how messages name it) and reads its first piece: throws
    /// when the file cannot be opened, is clearly not CSV, or starts with a byte-order mark that
    /// contradicts `encoding`.
    ///
    /// With `readAhead` (and more than one processor) libcsv parses the next pieces on other
    /// threads while the caller works through the rows of the last one — a UTF-8 file in slices
    /// on two workers (`ParallelRead`), another encoding on one thread — with the same rows, lines
    /// and errors as reading on one thread. With `hashing` the reader hashes the bytes as it reads
    /// them (`inputDigest`), so that the manifest need not read the file a second time.
    public convenience init(path: String, displayPath: String, delimiter: Delimiter = .auto, encoding declared: CSVEncoding = .auto,
                            maxFieldBytes: Int = 1 << 20, readAhead: Bool = false, hashing: Bool = false) throws {
        let workers = readAhead && ProcessInfo.processInfo.activeProcessorCount > 1 ? 2 : 0
        try self.init(path: path, displayPath: displayPath, delimiter: delimiter, encoding: declared, maxFieldBytes: maxFieldBytes,
                      hashing: hashing, workers: workers, pieceSize: workers > 0 ? PieceParser.parallelPieceSize : PieceParser.defaultPieceSize)
    }

    /// Opens `path` as above, parsing on `workers` threads: 0 parses on the caller's thread, 1 or
    /// more parse ahead (a UTF-8 file in slices on that many workers, any other encoding on one
    /// thread). `pieceSize` is how many bytes are read at a time (tests make it tiny).
    init(path: String, displayPath: String, delimiter: Delimiter, encoding declared: CSVEncoding, maxFieldBytes: Int,
         hashing: Bool, workers: Int, pieceSize: Int) throws {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw BaselineError(file: displayPath, "cannot open the file", hint: "check it exists and is readable")
        }
        let parser = try PieceParser(file: file, displayPath: displayPath, declared: declared, delimiter: delimiter,
                                     maxFieldBytes: maxFieldBytes, hashing: hashing, pieceSize: pieceSize)
        self.parser = parser
        self.displayPath = displayPath
        separatorLinePending = parser.startsWithSeparatorLine
        encoding = parser.encoding
        hasByteOrderMark = parser.hasByteOrderMark
        self.delimiter = parser.delimiter
        // A file the first piece holds has nothing left to read ahead: threads would only add
        // their start and hand-overs (a 500-row survey took 2 ms longer on three threads than on one).
        let ahead = workers > 0 && !parser.wholeFileInFirstPiece
        // When the system will not start the threads, the file is parsed here, as a small one is.
        if ahead, parser.encoding == .utf8, let parallel = try? ParallelRead(source: parser, maxFieldBytes: maxFieldBytes, workers: workers) {
            mode = .parallel(parallel)
        } else if ahead, parser.encoding != .utf8 {
            mode = .ahead(ReadAhead(maxFieldBytes: maxFieldBytes) { buffer in try parser.parse(into: buffer) })
        } else {
            let rows = UnsafeMutablePointer<RowBuffer>.allocate(capacity: 1)
            rows.initialize(to: RowBuffer(maxFieldBytes: maxFieldBytes))
            mode = .inline(parser, rows)
        }
    }

    deinit {
        switch mode {
        case .ahead(let ahead):
            ahead.stop()
        case .parallel(let parallel):
            parallel.stop()
        case .inline(_, let rows):
            rows.pointee.free()
            rows.deinitialize(count: 1)
            rows.deallocate()
        }
    }

    /// How many slices a parallel reader parsed a second time on the caller's thread, because
    /// a cut was not proved a record boundary or a worker met an error; `nil` for other readers.
    var slicesParsedAgain: Int? {
        if case .parallel(let parallel) = mode { parallel.slicesParsedAgain } else { nil }
    }

    /// Reads the next piece of the file and calls `body` for each complete row in it.
    /// Returns `false` once the file is exhausted.
    public func readPiece(_ body: (Row) throws -> Void) throws -> Bool {
        guard !finished else { return false }
        if separatorLinePending {
            separatorLinePending = false
            return try readPiece { row in if row.line > 1 { try body(row) } }
        }
        switch mode {
        case .ahead(let ahead):
            guard let piece = try ahead.next() else {
                finished = true
                return false
            }
            defer { ahead.recycle(piece.rows) }
            finished = piece.final
            try Self.deliver(piece.rows.pointee, lineBase: 0, to: body)
        case .parallel(let parallel):
            finished = try !parallel.readPiece { rows, lineBase in try Self.deliver(rows, lineBase: lineBase, to: body) }
        case .inline(let parser, let rows):
            finished = try !parser.parse(into: rows)
            try Self.deliver(rows.pointee, lineBase: 0, to: body)
            rows.pointee.clearRows()
        }
        return !finished
    }

    /// Calls `body` for each complete row of `buffer`, whose lines are counted `lineBase` lines short.
    private static func deliver(_ buffer: RowBuffer, lineBase: Int, to body: (Row) throws -> Void) throws {
        for index in 0..<buffer.rowCount {
            let first = buffer.rowFirst[index]
            let end = index + 1 < buffer.rowCount ? buffer.rowFirst[index + 1] : buffer.fieldCount - buffer.fieldsInRow
            try body(Row(line: buffer.rowLine[index] + lineBase, count: end - first, base: buffer.bytes, ends: buffer.ends + first,
                         start: first == 0 ? 0 : buffer.ends[first - 1]))
        }
    }
}

// MARK: - Parsing pieces

/// Reads a file a piece at a time, converts it to UTF-8, checks it and parses it with libcsv
/// into a `RowBuffer`: the part of `CSVReader` that can run on a thread of its own. For
/// `ParallelRead` it is only the file's reader (`readNext(into:)`), and parsing is done elsewhere.
final class PieceParser: @unchecked Sendable {
    static let defaultPieceSize = 1 << 17
    /// The piece, and so the slice, of a file parsed on workers (`ParallelRead`): each slice
    /// costs about five thread wake-ups (read, parse, hand over, give back), and at 128 KiB the
    /// 145 MB bench survey made 5,700 context switches a run; at 512 KiB 1,600, with 2% less CPU
    /// and 4% less wall time (paired, 10 rounds), for 6 MB more memory (five slices).
    static let parallelPieceSize = 1 << 19

    let displayPath: String
    let encoding: CSVEncoding
    let hasByteOrderMark: Bool
    /// Whether the text starts with Excel's `sep=;` line (see `CSVReader.readPiece`).
    private(set) var startsWithSeparatorLine = false
    let delimiter: UInt8
    let pieceSize: Int
    private let file: FileHandle
    private var text: TextParser
    /// The raw bytes of the piece being read; a character cut by the previous piece's end comes first.
    private let raw: UnsafeMutablePointer<UInt8>
    private var rawCount = 0
    /// Where unread bytes start in `raw` (past the byte-order mark in the first piece).
    private var rawStart = 0
    /// The offset in the file of `raw[0]`.
    private var rawOffset = 0
    private var rawIsFinal = false
    private var firstPieceWaiting = true
    /// Whether the first piece has characters written in UTF-8 (see `TextParser.writtenInUTF8`).
    var writtenInUTF8: Bool { text.writtenInUTF8 }
    /// Whether the first piece, read at set-up, holds the whole file.
    var wholeFileInFirstPiece: Bool { firstPieceWaiting && rawIsFinal }
    /// The digest of the bytes read so far, when hashing.
    private let hasher: SHA256?
    private var hashedBytes = 0
    /// The file's digest, set on the reading thread once the last piece is read (and read by
    /// `CSVReader` only after that piece has been handed over).
    private(set) var digest: InputDigest?

    /// Reads the first piece and works out the encoding and the delimiter from it.
    init(file: FileHandle, displayPath: String, declared: CSVEncoding, delimiter: CSVReader.Delimiter, maxFieldBytes: Int,
         hashing: Bool, pieceSize: Int = PieceParser.defaultPieceSize) throws {
        let raw = UnsafeMutablePointer<UInt8>.allocate(capacity: pieceSize + 8)
        let mark: (encoding: CSVEncoding, length: Int)?
        do {
            (rawCount, rawIsFinal) = try Self.fill(raw, capacity: pieceSize, from: file, displayPath: displayPath)
            // The encoding and the delimiter are worked out from the first 128 KiB whatever the
            // piece, so that reading ahead in larger pieces reads a file as reading here does.
            let first = UnsafeBufferPointer(start: raw, count: min(rawCount, Self.defaultPieceSize))
            if let signature = FileSignature.match(first) {
                throw BaselineError(file: displayPath, line: 1, "this is \(signature.what), not a CSV file", hint: signature.hint)
            }
            mark = Self.byteOrderMark(first)
            encoding = try Self.resolve(declared, mark: mark?.encoding, first: first, displayPath: displayPath)
        } catch {
            raw.deallocate()
            throw error
        }
        self.file = file
        self.raw = raw
        self.displayPath = displayPath
        self.pieceSize = pieceSize
        hasher = hashing ? SHA256() : nil
        hasByteOrderMark = mark != nil
        rawStart = mark?.length ?? 0

        // A file with a mark converted with one of its own (UTF-8 with a mark saved as UTF-16)
        // holds a second: skipped too, or it is an invisible U+FEFF in the first header.
        if mark != nil, let again = Self.byteOrderMark(UnsafeBufferPointer(start: raw + rawStart, count: rawCount - rawStart)),
           again.encoding == encoding {
            rawStart += again.length
        }
        // Excel's `sep=;` line (ASCII bytes in UTF-8 and Windows-1252 alike) says the delimiter,
        // over any default: the file says how it was written.
        let named = [.utf8, .windows1252].contains(encoding)
            ? DelimiterSniffer.excelSeparator(UnsafeBufferPointer(start: raw + rawStart, count: min(rawCount - rawStart, 8))) : nil
        startsWithSeparatorLine = named != nil
        let transcoder = Transcoder(encoding: encoding)
        switch delimiter {
        case _ where named != nil: self.delimiter = named!
        case .byte(let byte): self.delimiter = byte
        case .auto:
            let first = UnsafeBufferPointer(start: raw + rawStart, count: min(rawCount, Self.defaultPieceSize) - rawStart)
            self.delimiter = Self.sniff(first, transcoder: transcoder)
        }
        text = TextParser(displayPath: displayPath, encoding: encoding, delimiter: self.delimiter, maxFieldBytes: maxFieldBytes,
                          pieceSize: pieceSize)
        if encoding == .utf8 {
            // From the file's first 128 KiB whatever the piece, as the encoding is.
            if rawIsFinal || rawCount >= Self.defaultPieceSize {
                text.writtenInUTF8 = Self.looksWrittenInUTF8(UnsafeBufferPointer(start: raw, count: min(rawCount, Self.defaultPieceSize)))
            } else {
                let head = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.defaultPieceSize, alignment: 8)
                defer { head.deallocate() }
                let count = max(0, pread(file.fileDescriptor, head.baseAddress, head.count, 0))
                text.writtenInUTF8 = Self.looksWrittenInUTF8(UnsafeBufferPointer(start: head.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
            }
        }
        hash(raw, count: rawCount, final: rawIsFinal)
    }

    deinit {
        text.free()
        raw.deallocate()
        try? file.close()
    }

    /// Parses the next piece into `rows`, after the fields of the row it already holds; returns
    /// `false` when that was the end of the file.
    func parse(into rows: UnsafeMutablePointer<RowBuffer>) throws -> Bool {
        if firstPieceWaiting {
            firstPieceWaiting = false
        } else {
            let (count, final) = try Self.fill(raw + rawCount, capacity: pieceSize, from: file, displayPath: displayPath)
            hash(raw + rawCount, count: count, final: final)
            rawCount += count
            rawIsFinal = final
        }
        let input = UnsafeBufferPointer(start: raw + rawStart, count: rawCount - rawStart)
        let consumed = try text.parse(input, offset: rawOffset + rawStart, final: rawIsFinal, into: rows)
        let cut = input.count - consumed
        memmove(raw, raw + rawStart + consumed, cut)
        rawOffset += rawStart + consumed
        rawStart = 0
        rawCount = cut
        guard rawIsFinal else { return true }
        try text.finish(rows)
        return false
    }

    /// Reads the next piece of the file (hashing it) into `buffer`, which has room for
    /// `pieceSize` bytes, for a reader that parses elsewhere: the first call gives the piece read
    /// at set-up, past any byte-order mark. Returns the bytes read, the offset in the file of the
    /// first, and whether the file ends after them. Not to be mixed with `parse(into:)`.
    func readNext(into buffer: UnsafeMutablePointer<UInt8>) throws -> (count: Int, offset: Int, final: Bool) {
        if firstPieceWaiting {
            firstPieceWaiting = false
            buffer.update(from: raw + rawStart, count: rawCount - rawStart)
            rawOffset = rawCount
            return (rawCount - rawStart, rawStart, rawIsFinal)
        }
        let (count, final) = try Self.fill(buffer, capacity: pieceSize, from: file, displayPath: displayPath)
        hash(buffer, count: count, final: final)
        defer { rawOffset += count }
        return (count, rawOffset, final)
    }

    /// Adds bytes just read to the digest, and finishes it at the end of the file.
    private func hash(_ bytes: UnsafeMutablePointer<UInt8>, count: Int, final: Bool) {
        guard let hasher else { return }
        hasher.update(UnsafeRawBufferPointer(start: bytes, count: count))
        hashedBytes += count
        if final { digest = InputDigest(sha256: hasher.finalizeHex(), bytes: hashedBytes) }
    }
    // MARK: - Set-up helpers

    /// Reads until `capacity` bytes or the end of the file; `final` is true at the end.
    private static func fill(_ buffer: UnsafeMutablePointer<UInt8>, capacity: Int, from file: FileHandle,
                             displayPath: String) throws -> (count: Int, final: Bool) {
        var count = 0
        while count < capacity {
            let got = read(file.fileDescriptor, buffer + count, capacity - count)
            if got < 0 {
                if errno == EINTR { continue }
                throw BaselineError(file: displayPath, "cannot read the file: \(String(cString: strerror(errno)))")
            }
            if got == 0 { return (count, true) }
            count += got
        }
        return (count, false)
    }

    private static func byteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> (encoding: CSVEncoding, length: Int)? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return (.utf8, 3) }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return (.utf16LE, 2) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return (.utf16BE, 2) }
        return nil
    }

    /// UTF-16 without a byte-order mark, told by where the zero bytes of its first (ASCII) characters are.
    private static func utf16ByZeros(_ bytes: UnsafeBufferPointer<UInt8>) -> CSVEncoding? {
        guard bytes.count >= 4 else { return nil }
        if bytes[0] != 0, bytes[1] == 0, bytes[2] != 0, bytes[3] == 0 { return .utf16LE }
        if bytes[0] == 0, bytes[1] != 0, bytes[2] == 0, bytes[3] != 0 { return .utf16BE }
        return nil
    }

    private static func resolve(_ declared: CSVEncoding, mark: CSVEncoding?, first: UnsafeBufferPointer<UInt8>,
                                displayPath: String) throws -> CSVEncoding {
        let afterMark = UnsafeBufferPointer(rebasing: first[(mark == nil ? 0 : mark == .utf8 ? 3 : 2)...])
        switch declared {
        case .auto:
            if let mark { return mark }
            if let utf16 = utf16ByZeros(first) { return utf16 }
            let valid = (try? Transcoder.validateUTF8(afterMark, offset: 0, final: false)) != nil
            // Text in UTF-8 beside a bad byte is a UTF-8 file with a damaged byte, which then
            // stops the run at its line: read as Windows-1252, every other character would be
            // garbled without a word (an `é` as `Ã©`, a no-break space as `Â `).
            return valid || looksWrittenInUTF8(afterMark) ? .utf8 : .windows1252
        case .utf16:
            if let mark, mark != .utf8 { return mark }
            if mark == nil { return utf16ByZeros(first) ?? .utf16LE }
        default:
            if mark == nil || mark == declared { return declared }
        }
        throw BaselineError(file: displayPath, line: 1, column: 1,
                            "the file starts with a \(mark!.displayName) byte-order mark, but the pipeline says `encoding: \(declared.rawValue)`",
                            hint: "remove `encoding` (the byte-order mark is reliable) or set `encoding: \(mark! == .utf8 ? "utf-8" : "utf-16")`")
    }

    /// Whether `bytes` reads as UTF-8 text with some bytes damaged, rather than as another
    /// encoding: at least as many characters of two to four bytes written in UTF-8 (each a lead
    /// byte and its continuation bytes, in shortest form — what `UTF8Validation` accepts) as
    /// bytes that are not UTF-8, and one at least (a tie stops the run at the bad byte, which is
    /// better than garbling the rest without a word). Windows-1252 text has such a character only by accident (`ß“` is the bytes of
    /// U+07D3), beside its many others that are not UTF-8.
    static func looksWrittenInUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var characters = 0, bad = 0
        var rest = bytes
        while !rest.isEmpty {
            let (valid, failure) = UTF8Validation.check(rest)
            // The lead bytes of the multi-byte characters in the valid stretch.
            characters += leadBytes(UnsafeBufferPointer(rebasing: rest[..<valid]))
            guard failure != nil else { break }
            bad += 1
            rest = UnsafeBufferPointer(rebasing: rest[(valid + 1)...])
        }
        return characters > 0 && characters >= bad
    }

    /// How many bytes of `bytes` are ≥ 0xC0, eight ASCII bytes at a time: the first piece of
    /// every CSV file is counted, and a byte at a time took 9 instructions a byte.
    private static func leadBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0, index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count, UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            if base[index] >= 0xC0 { count += 1 }
            index += 1
        }
        return count
    }

    private static func sniff(_ first: UnsafeBufferPointer<UInt8>, transcoder: Transcoder) -> UInt8 {
        if transcoder.encoding == .utf8 { return DelimiterSniffer.sniff(first) }
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: Transcoder.outputCapacity(forInput: first.count))
        defer { scratch.deallocate() }
        let produced = (try? transcoder.convert(first, offset: 0, final: false, into: scratch).produced) ?? 0
        return DelimiterSniffer.sniff(UnsafeBufferPointer(start: scratch, count: produced))
    }

    /// The index of the first NUL character: a zero byte, or for UTF-16 a zero code unit.
    static func firstNUL(in bytes: UnsafeBufferPointer<UInt8>, encoding: CSVEncoding) -> Int? {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
        switch encoding {
        case .utf16LE, .utf16BE:
            var index = 0
            while index + 1 < bytes.count {
                if base[index] == 0, base[index + 1] == 0 { return index }
                index += 2
            }
            return nil
        default:
            guard let nul = memchr(base, 0, bytes.count) else { return nil }
            return nul.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: base)
        }
    }
}

// MARK: - libcsv and the checks around it

/// A libcsv parser with the checks made on every piece it parses: the text is converted to UTF-8
/// or checked to be UTF-8, a NUL byte is refused, fields longer than `maxFieldBytes` are refused,
/// and every error names the line (from the `RowBuffer`'s count) where the serial reader would.
/// `PieceParser` parses a whole file with one; `ParallelRead` gives one to each slice of a file
/// and one more to re-parse a slice from the true state when a cut was not a record boundary.
struct TextParser {
    /// libcsv's parser state "inside a field" (`FIELD_BEGUN` in libcsv.c).
    private static let fieldBegun: Int32 = 2

    var parser = csv_parser()
    let displayPath: String
    let maxFieldBytes: Int
    private let transcoder: Transcoder
    /// UTF-8 converted from another encoding (one unused byte for UTF-8 input, which is parsed in place).
    private let converted: UnsafeMutablePointer<UInt8>

    var encoding: CSVEncoding { transcoder.encoding }

    /// A parser for pieces of at most `pieceSize` bytes (plus a cut character) in `encoding`.
    init(displayPath: String, encoding: CSVEncoding, delimiter: UInt8, maxFieldBytes: Int, pieceSize: Int) {
        self.displayPath = displayPath
        self.maxFieldBytes = maxFieldBytes
        transcoder = Transcoder(encoding: encoding)
        converted = .allocate(capacity: encoding == .utf8 ? 1 : Transcoder.outputCapacity(forInput: pieceSize + 8))
        csv_init(&parser, UInt8(CSV_REPALL_NL))
        csv_set_delim(&parser, delimiter)
    }

    /// Frees libcsv's buffer and the conversion buffer (the owner calls this once).
    func free() {
        var parser = parser
        csv_free(&parser)
        converted.deallocate()
    }

    /// Starts again at the beginning of a record, as a parser of a file's first byte: the state
    /// `csv_init` sets, keeping the field buffer (see `RowBuffer.reserve`).
    mutating func reset() {
        parser.pstate = 0
        parser.quoted = 0
        parser.spaces = 0
        parser.entry_pos = 0
        parser.status = 0
    }

    /// Whether libcsv stands between records, with nothing of a field or row pending: what a
    /// parser that has just been `reset()` knows, so that a slice ending here ended at a record
    /// boundary (libcsv's `SUBMIT_ROW` leaves exactly this state).
    var isBetweenRecords: Bool {
        parser.pstate == 0 && parser.entry_pos == 0
    }

    /// Converts, checks and parses `input`, whose first byte is at `offset` in the file; returns
    /// how many bytes it took: the rest begin a character cut by the piece's end (never at the
    /// end of the file, `final`). Of several errors in `input`, the first in the file is thrown,
    /// wherever the piece starts and ends (a parallel reader's slices end elsewhere).
    mutating func parse(_ input: UnsafeBufferPointer<UInt8>, offset inputOffset: Int, final: Bool,
                        into rows: UnsafeMutablePointer<RowBuffer>) throws -> Int {
        let progress: Transcoder.Progress
        var invalid: Transcoder.Invalid?
        do {
            progress = try transcoder.convert(input, offset: inputOffset, final: final, into: converted)
        } catch {
            guard encoding == .utf8 else {
                parsePrefix(of: input, upTo: error.offset - inputOffset, rows: rows)
                throw invalidText(error, line: reachedLine(rows))
            }
            // The valid UTF-8 before the bad byte is parsed first: its errors come first.
            invalid = error
            progress = Transcoder.Progress(consumed: error.offset - inputOffset, produced: 0)
        }
        let complete = UnsafeBufferPointer(rebasing: input[..<progress.consumed])
        if let nul = PieceParser.firstNUL(in: complete, encoding: encoding) {
            parsePrefix(of: input, upTo: nul, rows: rows)
            try checkFieldSizes(rows)
            throw BaselineError(file: displayPath, line: reachedLine(rows),
                                "NUL byte at byte offset \(inputOffset + nul): this is not a text CSV file",
                                hint: encoding == .utf8 ? "if it is UTF-16 without a byte-order mark, set `encoding: utf-16`; otherwise export or download the file again as CSV UTF-8"
                                    : "export or download the file again as CSV UTF-8")
        }
        let text = encoding == .utf8 ? complete : UnsafeBufferPointer(start: converted, count: progress.produced)
        rows.pointee.reserve(forInput: text.count, parser: parser)
        if text.count > 0, csv_parse(&parser, text.baseAddress, text.count, onField, onRecord, rows) != text.count {
            throw BaselineError(file: displayPath, line: rows.pointee.fieldStartLine,
                                "cannot parse the CSV: \(String(cString: csv_strerror(csv_error(&parser))))")
        }
        try checkFieldSizes(rows)
        if let invalid { throw invalidText(invalid, line: reachedLine(rows)) }
        return progress.consumed
    }

    /// Ends the file: refuses a quoted field never closed, and hands libcsv's last field and row over.
    mutating func finish(_ rows: UnsafeMutablePointer<RowBuffer>) throws {
        // libcsv's own check (CSV_STRICT_FINI) works only in strict mode, which would also
        // refuse the stray quotes spreadsheets leave in unquoted fields.
        if parser.pstate == Self.fieldBegun, parser.quoted != 0 {
            // A quote left open swallows the rest of the file, its last line break with it; a
            // file that ends in the open field with no line break was cut off in it (an
            // interrupted download), and the advice is to fetch it again, not to edit a quote.
            let pending = min(parser.entry_pos, parser.entry_size)
            if pending > 0, let buffer = parser.entry_buf, buffer[pending - 1] != 0x0A, buffer[pending - 1] != 0x0D {
                throw BaselineError(file: displayPath, line: rows.pointee.fieldStartLine, column: rows.pointee.fieldsInRow + 1,
                                    "the file ends inside the quoted field that starts on this line, with no line break after it: "
                                        + "it looks cut short, as an interrupted download or copy leaves a file, and the rows after it are missing",
                                    hint: "download or copy the file again and check it ends where the publisher's does; "
                                        + "if it does, close the quote (\") that this field opens")
            }
            throw BaselineError(file: displayPath, line: rows.pointee.fieldStartLine, column: rows.pointee.fieldsInRow + 1,
                                "a quoted field that starts on this line is never closed",
                                hint: "close the quote (\"), or double any quote inside a quoted field (\"\")")
        }
        rows.pointee.reserve(forInput: 0, parser: parser)
        csv_fini(&parser, onField, onRecord, rows)
        try checkFieldSizes(rows)
    }

    private func checkFieldSizes(_ rows: UnsafeMutablePointer<RowBuffer>) throws {
        let buffer = rows.pointee
        if let long = buffer.oversized {
            throw BaselineError(file: displayPath, line: long.line, column: long.field,
                                "field \(long.field) of the row on this line is \(long.length) bytes, more than the \(maxFieldBytes) allowed",
                                hint: "check for a quote that is never closed, or raise `max_field_bytes`")
        }
        if parser.entry_pos > maxFieldBytes {
            throw BaselineError(file: displayPath, line: buffer.fieldStartLine, column: buffer.fieldsInRow + 1,
                                "a field starting on this line runs to more than \(maxFieldBytes) bytes",
                                hint: "check for a quote that is never closed, or raise `max_field_bytes`")
        }
    }

    /// Whether the file's first piece has characters written in UTF-8 (see
    /// `PieceParser.looksWrittenInUTF8`): a bad byte in a UTF-8 file is then damage, and the hint
    /// says so rather than that the file may be Windows-1252.
    var writtenInUTF8 = false

    private var encodingHint: String {
        switch encoding {
        case .utf8 where writtenInUTF8:
            "the rest of the file reads as UTF-8 (it has characters written in UTF-8), so this byte looks damaged: "
                + "correct it, or export the file again (`encoding: windows-1252` would garble its other characters)"
        case .utf8: "a file re-saved by a spreadsheet is often Windows-1252: set `encoding: windows-1252`, or save it again as CSV UTF-8"
        default: "check the file's encoding and set `encoding:` to match, or save it again as CSV UTF-8"
        }
    }

    private func invalidText(_ error: Transcoder.Invalid, line: Int) -> BaselineError {
        BaselineError(file: displayPath, line: line, "\(error.problem), at byte offset \(error.offset): the file is not valid \(encoding.displayName)",
                      hint: encodingHint)
    }

    /// Parses the bytes of `input` (the piece being parsed) before `rawIndex`, so that the row
    /// buffer's line count reaches the character there (see `reachedLine`).
    private mutating func parsePrefix(of input: UnsafeBufferPointer<UInt8>, upTo rawIndex: Int, rows: UnsafeMutablePointer<RowBuffer>) {
        let prefix = UnsafeBufferPointer(rebasing: input[..<max(0, rawIndex)])
        var text = prefix
        if encoding != .utf8, let progress = try? transcoder.convert(prefix, offset: 0, final: false, into: converted) {
            text = UnsafeBufferPointer(start: converted, count: progress.produced)
        }
        rows.pointee.reserve(forInput: text.count, parser: parser)
        if text.count > 0 { _ = csv_parse(&parser, text.baseAddress, text.count, onField, onRecord, rows) }
    }

    /// The line the parser has reached, counting the line breaks of a field not yet complete.
    private func reachedLine(_ rows: UnsafeMutablePointer<RowBuffer>) -> Int {
        var line = rows.pointee.currentLine
        if let pending = parser.entry_buf {
            for index in 0..<min(parser.entry_pos, parser.entry_size) where pending[index] == 0x0A { line += 1 }
        }
        return line
    }
}

// MARK: - Row buffer

/// The rows of one piece, stored flat: one byte buffer, the end offset of each field, and the
/// first field and line of each row. It lives behind a pointer that libcsv's callbacks receive,
/// so the hot path does no reference counting or exclusivity checks.
struct RowBuffer {
    var bytes: UnsafeMutablePointer<UInt8>
    var byteCapacity = 1 << 18
    var used = 0
    var ends: UnsafeMutablePointer<Int>
    var fieldCapacity = 1 << 15
    var fieldCount = 0
    var rowFirst: UnsafeMutablePointer<Int>
    var rowLine: UnsafeMutablePointer<Int>
    var rowCapacity = 1 << 13
    var rowCount = 0
    /// Fields of the row not yet complete.
    var fieldsInRow = 0
    /// The line the row being read started on.
    var rowStartLine = 1
    /// The line the field being read started on.
    var fieldStartLine = 1
    /// The line the parser has reached.
    var currentLine = 1
    private var lastWasCR = false
    /// The bytes libcsv's field buffer held when the parse began (it only grows): a field that
    /// fits in it rounded up to whole words is copied a word at a time, past its end.
    private var sourceRoom = 0
    let maxFieldBytes: Int
    /// The first complete field longer than `maxFieldBytes`.
    var oversized: (line: Int, field: Int, length: Int)?

    init(maxFieldBytes: Int) {
        self.maxFieldBytes = maxFieldBytes
        bytes = .allocate(capacity: byteCapacity)
        ends = .allocate(capacity: fieldCapacity)
        rowFirst = .allocate(capacity: rowCapacity)
        rowLine = .allocate(capacity: rowCapacity)
    }

    /// Frees the buffers (the owner calls this once, from its `deinit`).
    func free() {
        bytes.deallocate()
        ends.deallocate()
        rowFirst.deallocate()
        rowLine.deallocate()
    }

    /// Drops the rows handed out, keeping the fields of a row not yet complete.
    mutating func clearRows() {
        let firstPending = fieldCount - fieldsInRow
        if fieldsInRow == 0 {
            used = 0
        } else if firstPending > 0 {
            let byteStart = ends[firstPending - 1]
            memmove(bytes, bytes + byteStart, used - byteStart)
            used -= byteStart
            for index in 0..<fieldsInRow { ends[index] = ends[firstPending + index] - byteStart }
        }
        fieldCount = fieldsInRow
        rowCount = 0
    }

    /// Empties the buffer for a piece that starts on `line`, outside any record.
    mutating func reset(line: Int) {
        used = 0
        fieldCount = 0
        rowCount = 0
        fieldsInRow = 0
        rowStartLine = line
        fieldStartLine = line
        currentLine = line
        lastWasCR = false
        oversized = nil
    }

    /// Moves the line count on by `lines`: a piece parsed from line 1 placed after the lines before it.
    mutating func shiftLines(by lines: Int) {
        rowStartLine += lines
        fieldStartLine += lines
        currentLine += lines
        for index in 0..<rowCount { rowLine[index] += lines }
    }

    /// Makes room for everything libcsv can hand over while it parses `count` more bytes, so
    /// that the callbacks need not check: each field ends at a delimiter or a line break (or at
    /// the end), so there are at most `count + 1` more fields and rows, and no more bytes than
    /// the input and libcsv's unfinished field, plus a word copied past a field's end.
    mutating func reserve(forInput count: Int, parser: csv_parser) {
        let pending = min(parser.entry_pos, parser.entry_size)
        if used + count + pending + 8 > byteCapacity { growBytes(to: used + count + pending + 8) }
        while fieldCount + count + 2 > fieldCapacity { growFields() }
        while rowCount + count + 2 > rowCapacity { growRows() }
        sourceRoom = parser.entry_buf == nil ? 0 : parser.entry_size
    }

    /// Adds a field (libcsv's field callback); `reserve` has made room for it.
    @inline(__always)
    mutating func addField(_ pointer: UnsafeRawPointer?, _ length: Int) {
        if let pointer, length > 0 {
            let source = pointer.assumingMemoryBound(to: UInt8.self)
            let controls = (length + 7) & ~7 <= sourceRoom
                ? Self.copyWordsFindingControls(from: source, to: bytes + used, count: length)
                : Self.copyFindingControls(from: source, to: bytes + used, count: length)
            if controls { countLines(in: UnsafeBufferPointer(start: bytes + used, count: length)) }
            used += length
            if length > maxFieldBytes, oversized == nil {
                oversized = (fieldStartLine, fieldsInRow + 1, length)
            }
        }
        ends[fieldCount] = used
        fieldCount += 1
        fieldsInRow += 1
        fieldStartLine = currentLine
        lastWasCR = false
    }

    /// Moves the fields of the row not yet complete, and the line count, into `next` (an empty
    /// buffer), leaving this one with complete rows only: how rows cross from one piece's buffer
    /// to the next when pieces are parsed ahead.
    mutating func handOff(to next: inout RowBuffer) {
        let firstPending = fieldCount - fieldsInRow
        let byteStart = firstPending == 0 ? 0 : ends[firstPending - 1]
        let pendingBytes = used - byteStart
        next.used = 0
        next.fieldCount = 0
        next.rowCount = 0
        if pendingBytes > next.byteCapacity { next.growBytes(to: pendingBytes) }
        while fieldsInRow > next.fieldCapacity { next.growFields() }
        next.bytes.update(from: bytes + byteStart, count: pendingBytes)
        for index in 0..<fieldsInRow { next.ends[index] = ends[firstPending + index] - byteStart }
        next.used = pendingBytes
        next.fieldCount = fieldsInRow
        next.fieldsInRow = fieldsInRow
        next.rowStartLine = rowStartLine
        next.fieldStartLine = fieldStartLine
        next.currentLine = currentLine
        next.lastWasCR = lastWasCR
        used = byteStart
        fieldCount = firstPending
        fieldsInRow = 0
    }

    /// Copies `count` bytes in whole words, the last one past the field's end (the source and
    /// target both have room for it), and tells whether any of the `count` bytes is below 0x0E.
    @inline(__always)
    static func copyWordsFindingControls(from source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>,
                                         count: Int) -> Bool {
        var index = 0
        var controls: UInt64 = 0
        while index + 8 < count {
            let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
            UnsafeMutableRawPointer(target + index).storeBytes(of: word, as: UInt64.self)
            controls |= (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word
            index += 8
        }
        let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
        UnsafeMutableRawPointer(target + index).storeBytes(of: word, as: UInt64.self)
        // Only the bytes of the field count: the last word's high bits past its end are masked.
        let kept = UInt64.max >> UInt64(8 * (index + 8 - count))
        controls |= (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & kept
        return controls & 0x8080_8080_8080_8080 != 0
    }

    /// Copies `count` bytes (eight at a time, then one at a time: fields are mostly shorter than
    /// a call of `memmove` costs) and tells whether any byte is below 0x0E, the only bytes that
    /// may be line breaks. Ordinary fields are so copied and checked for line breaks in one pass.
    @inline(__always)
    static func copyFindingControls(from source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>,
                                    count: Int) -> Bool {
        var index = 0
        var controls: UInt64 = 0
        while index + 8 <= count {
            let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
            UnsafeMutableRawPointer(target + index).storeBytes(of: word, as: UInt64.self)
            controls |= (word &- 0x0E0E_0E0E_0E0E_0E0E) & ~word & 0x8080_8080_8080_8080
            index += 8
        }
        var low = false
        while index < count {
            let byte = source[index]
            target[index] = byte
            low = low || byte < 0x0E
            index += 1
        }
        return controls != 0 || low
    }

    /// Counts the line breaks inside a (quoted) field: CRLF, LF or a lone CR (called only for a
    /// field with a byte below 0x0E: see `copyFindingControls`).
    @inline(__always)
    private mutating func countLines(in field: UnsafeBufferPointer<UInt8>) {
        guard let base = field.baseAddress else { return }
        var index = 0
        while index < field.count {
            let byte = base[index]
            if byte == 0x0D || (byte == 0x0A && (index == 0 || base[index - 1] != 0x0D)) { currentLine += 1 }
            index += 1
        }
    }

    @inline(__always)
    mutating func endRecord(_ terminator: Int32) {
        if fieldsInRow > 0 {
            rowFirst[rowCount] = fieldCount - fieldsInRow
            rowLine[rowCount] = rowStartLine
            rowCount += 1
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
        fieldStartLine = currentLine
    }

    private mutating func growBytes(to needed: Int) {
        var capacity = byteCapacity
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: bytes, count: used)
        bytes.deallocate()
        bytes = grown
        byteCapacity = capacity
    }

    private mutating func growFields() {
        let grown = UnsafeMutablePointer<Int>.allocate(capacity: fieldCapacity * 2)
        grown.update(from: ends, count: fieldCount)
        ends.deallocate()
        ends = grown
        fieldCapacity *= 2
    }

    private mutating func growRows() {
        let first = UnsafeMutablePointer<Int>.allocate(capacity: rowCapacity * 2)
        let line = UnsafeMutablePointer<Int>.allocate(capacity: rowCapacity * 2)
        first.update(from: rowFirst, count: rowCount)
        line.update(from: rowLine, count: rowCount)
        rowFirst.deallocate()
        rowLine.deallocate()
        rowFirst = first
        rowLine = line
        rowCapacity *= 2
    }
}

// Inlined into the C-convention entry libcsv calls, so that a field costs one call, not two.
@inline(__always)
private func onField(_ field: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    context!.assumingMemoryBound(to: RowBuffer.self).pointee.addField(field, length)
}

private func onRecord(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    context!.assumingMemoryBound(to: RowBuffer.self).pointee.endRecord(terminator)
}

// MARK: - Version

extension CSVReader {
    /// The libcsv the tool was built against. libcsv has no call that reports its version, so
    /// this is `CSV_MAJOR.CSV_MINOR.CSV_RELEASE` from `csv.h`, fixed at build time.
    public static var libraryVersion: LibraryVersion {
        LibraryVersion(name: "libcsv", version: "\(CSV_MAJOR).\(CSV_MINOR).\(CSV_RELEASE)", source: .buildTime)
    }
}
