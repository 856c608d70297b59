import BaselineCore
@testable import BaselineCSV
import BaselineDigest
import BaselineTestKit
@testable import BaselineHandoff
import Foundation
import Testing

/// The parallel reader (slices on worker threads) against the one-thread reader: the same rows,
/// lines, errors and digest, whatever the file and wherever the slices are cut.
@Suite struct ParallelReadTests {
    /// What a reader gave: rows with their lines, or the error that stopped it; and the digest.
    struct Outcome {
        var rows: [(line: Int, fields: [String])] = []
        var error: BaselineError?
        var digest: InputDigest?
        var slicesParsedAgain: Int?
    }

    /// Reads `path` as UTF-8 (the one-thread reader would otherwise detect the encoding from a
    /// first piece of another size), with `workers` (0: on this thread) and pieces of `pieceSize`.
    static func read(_ path: String, maxFieldBytes: Int = 1 << 20, workers: Int, pieceSize: Int = PieceParser.defaultPieceSize) -> Outcome {
        var outcome = Outcome()
        do {
            let reader = try CSVReader(path: path, displayPath: "input.csv", delimiter: .byte(UInt8(ascii: ",")), encoding: .utf8,
                                       maxFieldBytes: maxFieldBytes, hashing: true, workers: workers, pieceSize: pieceSize)
            defer { outcome.slicesParsedAgain = reader.slicesParsedAgain }
            while try reader.readPiece({ row in outcome.rows.append((row.line, (0..<row.count).map(row.string))) }) {}
            outcome.digest = reader.inputDigest
        } catch {
            outcome.error = error as? BaselineError
        }
        return outcome
    }

    /// Checks that the parallel reader with `pieceSize` gives what the one-thread reader gives.
    static func expectSame(_ path: String, maxFieldBytes: Int = 1 << 20, pieceSize: Int, _ note: String,
                           sourceLocation: SourceLocation = #_sourceLocation) throws -> Outcome {
        let serial = read(path, maxFieldBytes: maxFieldBytes, workers: 0)
        let parallel = read(path, maxFieldBytes: maxFieldBytes, workers: 2, pieceSize: pieceSize)
        if let expected = serial.error {
            guard let got = parallel.error else {
                Issue.record("\(note): the parallel reader met no error, the serial one \(expected)", sourceLocation: sourceLocation)
                return parallel
            }
            #expect(got.line == expected.line && got.column == expected.column, "\(note): \(got) for \(expected)", sourceLocation: sourceLocation)
            // An over-long field is told by its length when the piece holds all of it, else as
            // running past the limit: the wording follows where the piece ended, as it does
            // between one-thread readers of other piece sizes.
            if expected.message.contains("more than") && got.message.contains("more than") {
                #expect(got.hint == expected.hint, sourceLocation: sourceLocation)
            } else {
                #expect(got == expected, "\(note)", sourceLocation: sourceLocation)
            }
        } else {
            #expect(parallel.error == nil, "\(note): \(String(describing: parallel.error))", sourceLocation: sourceLocation)
            #expect(parallel.rows.map(\.line) == serial.rows.map(\.line), "\(note): lines", sourceLocation: sourceLocation)
            #expect(parallel.rows.map(\.fields) == serial.rows.map(\.fields), "\(note): fields", sourceLocation: sourceLocation)
            let whole = try SHA256.hexDigest(ofFile: path)
            #expect(parallel.digest == InputDigest(sha256: whole.digest, bytes: whole.bytes), "\(note): digest", sourceLocation: sourceLocation)
        }
        return parallel
    }


    /// A CSV with quoted fields holding delimiters, quotes and every line end, empty lines, stray
    /// quotes in unquoted fields (which make the quote count lie), long fields, and sometimes one
    /// error: a NUL byte, a byte that is not UTF-8, a character cut by the end, an unclosed quote.
    static func generatedCSV(_ random: inout SeededGenerator) -> [UInt8] {
        var bytes: [UInt8] = random.below(8) == 0 ? [0xEF, 0xBB, 0xBF] : []
        let ends = random.pick([["\n"], ["\r\n"], ["\r"], ["\n", "\r\n", "\r"]])
        for _ in 0..<(1 + random.below(60)) {
            if random.below(12) == 0 {
                bytes += Array(random.pick(ends).utf8)
                continue
            }
            var fields = [String]()
            for _ in 0..<(1 + random.below(5)) {
                switch random.below(10) {
                case 0: fields.append("")
                case 1: fields.append("ab\"c")
                case 2: fields.append(String(repeating: "x", count: 30 + random.below(60)))
                case 3, 4, 5:
                    let parts = (0..<random.below(6)).map { _ in random.pick(["x", ",", "\"\"", "\n", "\r\n", "\r", "é", " y "]) }
                    fields.append("\"" + parts.joined() + "\"")
                default: fields.append("v\(random.below(1000))")
                }
            }
            bytes += Array(fields.joined(separator: ",").utf8)
            if random.below(20) != 0 { bytes += Array(random.pick(ends).utf8) }
        }
        if random.below(6) == 0, !bytes.isEmpty {
            let at = random.below(bytes.count)
            switch random.below(4) {
            case 0: bytes.insert(0, at: at)
            case 1: bytes.insert(0xFF, at: at)
            case 2: bytes += [0xE2, 0x82]
            default: bytes += Array("1,\"open".utf8)
            }
        }
        return bytes
    }

    // MARK: - Equivalence

    /// A lone CR, then blanks (which libcsv skips), then an LF: one line break as the serial
    /// reader counts it, wherever the pieces end — a slice never starts between the CR and the LF.
    /// Excel's `sep=,` line names the delimiter and is no row, whichever adapter reads the file
    /// (it was passed over by the survey adapter alone), on one thread and on the workers alike.
    @Test func excelsSeparatorLineIsNoRow() throws {
        let path = try temporaryFile("sep=,\r\n" + "a,b\r\n" + (0..<3_000).map { "\($0),x\r\n" }.joined())
        let one = Self.read(path, workers: 0, pieceSize: 4096)
        let slices = try Self.expectSame(path, pieceSize: 4096, "sep= line")
        #expect(one.error == nil && slices.error == nil)
        #expect(one.rows.first?.fields == ["a", "b"] && one.rows.first?.line == 2, "\(String(describing: one.rows.first))")
        #expect(one.rows.count == 3_001 && slices.rows.count == 3_001)
        let inCase = try temporaryFile("SEP=;\nsize;answer\n2;x\n")
        let reader = try CSVReader(path: inCase, displayPath: "x.csv")
        #expect(reader.delimiter == UInt8(ascii: ";"))
        var rows = [[String]]()
        while try reader.readPiece({ row in rows.append((0..<row.count).map(row.string)) }) {}
        #expect(rows == [["size", "answer"], ["2", "x"]])
    }

    @Test func aCRFollowedByBlanksIsNotACut() throws {
        let text = (0..<40).map { "r\($0),v" }.joined(separator: "\r  \n")
        let path = try temporaryFile(text + "\n")
        for pieceSize in [5, 7, 8, 9, 11, 13] {
            _ = try Self.expectSame(path, pieceSize: pieceSize, "pieces of \(pieceSize) bytes")
        }
    }

    @Test func aFileTheFirstPieceHoldsIsReadWithoutThreads() throws {
        let path = try temporaryFile("a,b\n1,2\n3,4\n")
        let small = Self.read(path, workers: 2)
        #expect(small.rows.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
        #expect(small.slicesParsedAgain == nil, "read on the caller's thread: no parallel reader")
        let sliced = Self.read(path, workers: 2, pieceSize: 5)
        #expect(sliced.rows.map(\.fields) == small.rows.map(\.fields))
        #expect(sliced.slicesParsedAgain != nil, "more than a piece: read in slices")
    }

    /// When the system will not start the parsing threads (a limit on threads), the file is
    /// parsed on the caller's thread, as a small one is: the same rows and digest, no crash
    /// (a failed start stopped the process before). Refusing only the read thread, started
    /// last, stops the workers already started.
    @Test func threadsThatWillNotStartLeaveTheFileToTheCaller() throws {
        var text = "n,text\n"
        for i in 0..<5_000 { text += "\(i),\"row \(i), quoted\"\n" }
        let path = try temporaryFile(Array(text.utf8))
        let serial = Self.read(path, workers: 0)
        for refused in [["csv parse 1", "csv parse 2", "csv read"], ["csv parse 2"], ["csv read"]] {
            let outcome = DetachedThread.$refusing.withValue({ refused.contains($0) }) { Self.read(path, workers: 2, pieceSize: 4096) }
            #expect(outcome.error == nil, "\(refused): \(String(describing: outcome.error))")
            #expect(outcome.slicesParsedAgain == nil, "\(refused): read on the caller's thread")
            #expect(outcome.rows.map(\.fields) == serial.rows.map(\.fields) && outcome.rows.map(\.line) == serial.rows.map(\.line))
            #expect(outcome.digest == serial.digest && outcome.digest != nil)
        }
        // Not refused, the same file is read in slices.
        #expect(Self.read(path, workers: 2, pieceSize: 4096).slicesParsedAgain != nil)
    }

    @Test func generatedFilesReadAlikeOnOneThreadAndInSlices() throws {
        var random = SeededGenerator(seed: 19)
        var parsedAgain = 0
        for seed in 0..<400 {
            let bytes = Self.generatedCSV(&random)
            let path = try temporaryFile(bytes)
            for pieceSize in [5, 16, 97, 1 << 17] {
                let outcome = try Self.expectSame(path, maxFieldBytes: 64, pieceSize: pieceSize, "file \(seed), pieces of \(pieceSize) bytes")
                parsedAgain += outcome.slicesParsedAgain ?? 0
            }
        }
        // Stray quotes and tiny pieces make cuts that are not record boundaries: the proof
        // must have failed, and the slices been parsed again, many times.
        #expect(parsedAgain > 100)
    }

    @Test func aStrayQuoteThatMakesTheQuoteCountLieIsCaughtByTheProof() throws {
        // The quote in `b"c` is a character; the line break inside "p⏎q" then has an even count
        // of quotes before it, and a cut there is inside a field: the slice after it is parsed again.
        var text = "id,text\n"
        for i in 0..<2_000 { text += "\(i),b\"c\n\(i),\"p\nq\"\n" }
        let path = try temporaryFile(text)
        for pieceSize in [24, 40, 1000] {
            let outcome = try Self.expectSame(path, pieceSize: pieceSize, "pieces of \(pieceSize) bytes")
            #expect(outcome.rows.count == 4_001)
            #expect((outcome.slicesParsedAgain ?? 0) > 0)
        }
    }

    @Test func rowsSpanningManySlicesKeepTheirLines() throws {
        var text = "a,b\r\n"
        for i in 0..<3_000 { text += "\(i),\"one\r\ntwo\rthree\nfour, \(i)\"\r\n" }
        let path = try temporaryFile(text)
        for pieceSize in [7, 64, 4096, 1 << 17] {
            let outcome = try Self.expectSame(path, pieceSize: pieceSize, "pieces of \(pieceSize) bytes")
            #expect(outcome.rows.count == 3_001)
            #expect(outcome.rows.last?.line == 2 + 4 * 2_999)
        }
    }

    @Test func theFirstErrorInTheFileWinsWhereverSlicesEnd() throws {
        // A NUL byte before a byte that is not UTF-8, and an over-long field before both.
        let rows = (0..<500).map { "\($0),ok\n" }.joined()
        let cases: [(String, [UInt8], Int)] = [
            ("NUL, then 0xFF", Array(rows.utf8) + [0x31, 0x2C, 0x00, 0x0A] + Array(rows.utf8) + [0xFF, 0x0A], 501),
            ("0xFF, then NUL", Array(rows.utf8) + [0x31, 0x2C, 0xFF, 0x0A] + Array(rows.utf8) + [0x00, 0x0A], 501),
            ("long field, then NUL", Array(rows.utf8) + Array("1,\(String(repeating: "z", count: 200))\n".utf8) + [0x00], 501),
        ]
        for (name, bytes, line) in cases {
            let path = try temporaryFile(bytes)
            for pieceSize in [16, 333, 1 << 17] {
                let outcome = try Self.expectSame(path, maxFieldBytes: 100, pieceSize: pieceSize, "\(name), pieces of \(pieceSize)")
                #expect(outcome.error?.line == line, "\(name)")
            }
        }
    }

    // MARK: - Stopping early

    @Test func aReaderDroppedMidFileStopsItsThreads() throws {
        let path = try temporaryFile("a,b\n" + (0..<20_000).map { "\($0),\"x\ny\"\n" }.joined())
        for pieceSize in [64, 4096, 1 << 17] {
            for pieces in 0..<4 {
                let reader = try CSVReader(path: path, displayPath: "input.csv", delimiter: .auto, encoding: .auto, maxFieldBytes: 1 << 20,
                                           hashing: true, workers: 2, pieceSize: pieceSize)
                var rows = 0
                for _ in 0..<pieces { _ = try reader.readPiece { _ in rows += 1 } }
                #expect(pieces == 0 || rows > 0)
            }
        }
    }

    @Test func aConsumerErrorMidFileLeavesNothingRunning() throws {
        struct Enough: Error {}
        let path = try temporaryFile("a,b\n" + (0..<20_000).map { "\($0),x\n" }.joined())
        let reader = try CSVReader(path: path, displayPath: "input.csv", delimiter: .auto, encoding: .auto, maxFieldBytes: 1 << 20,
                                   hashing: false, workers: 2, pieceSize: 256)
        var seen = 0
        #expect(throws: Enough.self) {
            while try reader.readPiece({ _ in
                seen += 1
                if seen == 1_000 { throw Enough() }
            }) {}
        }
    }

    // MARK: - Cuts

    @Test func quotesAreCountedEightBytesAtATime() {
        for length in 0..<40 {
            for at in 0..<max(length, 1) {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                if at < length { bytes[at] = UInt8(ascii: "\"") }
                if length > 3 { bytes[length - 1] = 0xA2 }  // a byte whose low seven bits are a quote's
                let count = bytes.withUnsafeBufferPointer { FileSlice.quotes(in: $0.baseAddress!, count: length) }
                #expect(count == bytes.filter { $0 == UInt8(ascii: "\"") }.count, "\(length) bytes, quote at \(at)")
            }
        }
        // Many words, all quotes or one in three: the byte-wise sums never overflow.
        for length in [247, 248, 249, 2_000, 4_099] {
            for every in [1, 3] {
                let bytes = (0..<length).map { $0 % every == 0 ? UInt8(ascii: "\"") : 0x22 ^ 0x80 }
                let count = bytes.withUnsafeBufferPointer { FileSlice.quotes(in: $0.baseAddress!, count: length) }
                #expect(count == (length + every - 1) / every, "\(length) bytes, a quote every \(every)")
            }
        }
    }

    @Test func aCutFollowsTheLastLineBreakWithAnEvenCountOfQuotes() {
        func cut(_ text: String, keep: Int = 100) -> Int {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { FileSlice.cut($0.baseAddress!, count: bytes.count, keepAtMost: keep) }
        }
        #expect(cut("a,b\n1,2\n3,4") == 8)
        #expect(cut("a,\"x\ny\"\n1,\"p\nq") == 8)  // not after "p": an odd count before it
        #expect(cut("a\r\nb\r") == 3)  // a CR at the end may be half of a CRLF
        #expect(cut("a\rb") == 2)  // a lone CR is a line break
        #expect(cut("\"\"\"\n\"\n") == 6)  // only odd counts but the last: the last
        #expect(cut("\"a\nb\nc") == 5)  // no even count: the last line break
        #expect(cut("abc") == 3)
        #expect(cut("ab\r") == 2)
        #expect(cut("a\nbbbbbbbbbb", keep: 4) == 12)  // keeping more than 4 bytes is refused
        #expect(cut("a\r  \nb") == 5)  // not after a CR that blanks and an LF follow: after the LF
        #expect(cut("ab\r \t") == 2)  // a CR and blanks at the end wait for what follows
        #expect(cut("ab\r  ", keep: 2) == 5)  // unless that keeps too much
    }
}
