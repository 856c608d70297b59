import BaselineCore
@testable import BaselineCSV
import BaselineDigest
import Foundation
import Testing

/// Writes `bytes` to a new temporary file and returns its path.
func temporaryFile(_ bytes: [UInt8], name: String = "input.csv") throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("BaselineCSVTests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
}

/// `units` as UTF-16 bytes, with a byte-order mark unless `mark` is false.
func utf16Bytes<S: Sequence>(_ units: S, bigEndian: Bool, mark: Bool = true) -> [UInt8] where S.Element == UInt16 {
    var bytes: [UInt8] = mark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
    for unit in units {
        let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
        bytes += bigEndian ? [high, low] : [low, high]
    }
    return bytes
}

func temporaryFile(_ text: String) throws -> String {
    try temporaryFile(Array(text.utf8))
}

@Suite struct CSVReaderTests {
    // MARK: - Lines and pieces

    @Test func linesCountQuotedNewlinesAndEveryLineEnd() throws {
        let path = try temporaryFile("a,b\r\n1,\"x\r\ny\"\r\n\r\n2,z\n3,\"p\nq\nr\"\n4,w")
        let rows = try readRows(path)
        #expect(rows.map(\.line) == [1, 2, 5, 6, 9])
        #expect(rows.map(\.fields) == [["a", "b"], ["1", "x\r\ny"], ["2", "z"], ["3", "p\nq\nr"], ["4", "w"]])
    }

    @Test func lineBreaksAreCountedWhereverTheyFallInALongField() throws {
        // A field is copied eight bytes at a time and then byte by byte: a line break in a
        // whole word, in the tail, or as a field's first or last byte is counted alike.
        for length in 1...20 {
            for at in 0..<length {
                for lineEnd in ["\n", "\r\n", "\r"] {
                    var cell = String(repeating: "x", count: length)
                    cell.replaceSubrange(cell.index(cell.startIndex, offsetBy: at)...cell.index(cell.startIndex, offsetBy: at),
                                         with: lineEnd)
                    let rows = try readRows(try temporaryFile("a,b\n1,\"\(cell)\"\n2,z\n"))
                    #expect(rows.map(\.line) == [1, 2, 4], "a break at byte \(at) of a \(length)-byte field (\(lineEnd.debugDescription))")
                    #expect(rows[1].fields == ["1", cell])
                }
            }
        }
    }

    @Test func copyingAFieldFindsEveryByteBelow0x0E() {
        let source: [UInt8] = Array(0..<40).map { UInt8(0x20 + $0) }
        for length in 1...source.count {
            var target = [UInt8](repeating: 0, count: length)
            let found = source.withUnsafeBufferPointer { from in
                target.withUnsafeMutableBufferPointer { RowBuffer.copyFindingControls(from: from.baseAddress!, to: $0.baseAddress!, count: length) }
            }
            #expect(!found && target == Array(source.prefix(length)))
            for at in 0..<length {
                for control: UInt8 in [0x00, 0x0A, 0x0D, 0x0D - 4] {
                    var marked = source
                    marked[at] = control
                    let found = marked.withUnsafeBufferPointer { from in
                        target.withUnsafeMutableBufferPointer { RowBuffer.copyFindingControls(from: from.baseAddress!, to: $0.baseAddress!, count: length) }
                    }
                    #expect(found && target == Array(marked.prefix(length)), "byte \(at) of \(length)")
                }
            }
            var high = source
            if length > 0 { high[length - 1] = 0x0E }
            let foundHigh = high.withUnsafeBufferPointer { from in
                target.withUnsafeMutableBufferPointer { RowBuffer.copyFindingControls(from: from.baseAddress!, to: $0.baseAddress!, count: length) }
            }
            #expect(!foundHigh)
        }
    }

    @Test func copyingAFieldInWholeWordsLooksOnlyAtItsOwnBytes() {
        // The last word is copied past the field's end: a line break or NUL there (the next
        // field's bytes in libcsv's buffer) must not count, one inside the field must.
        for length in 1...40 {
            for control: UInt8? in [nil, 0x00, 0x0A, 0x0D] {
                for at in control == nil ? [-1] : Array(0..<length) {
                    var source = (0..<48).map { UInt8(0x41 + $0 % 26) }
                    for past in length..<48 { source[past] = [0x0A, 0x0D, 0x00][past % 3] }
                    if let control, at >= 0 { source[at] = control }
                    var target = [UInt8](repeating: 0, count: 48)
                    let found = source.withUnsafeBufferPointer { from in
                        target.withUnsafeMutableBufferPointer {
                            RowBuffer.copyWordsFindingControls(from: from.baseAddress!, to: $0.baseAddress!, count: length)
                        }
                    }
                    #expect(found == (control != nil), "\(length) bytes, control at \(at)")
                    #expect(Array(target.prefix(length)) == Array(source.prefix(length)))
                }
            }
        }
    }

    @Test func linesInQuotedFieldsAreCountedAlikeWhateverTheirLengthAndLineEnds() throws {
        // Fields of every length up to five words, each with line breaks of every kind at
        // every place, one after another in one file: each row starts on the line counted by hand.
        var text = "a,b\n"
        var expected = [1]
        var line = 2
        for length in 1...40 {
            for at in stride(from: 0, to: length, by: 3) {
                for lineEnd in ["\n", "\r\n", "\r", "\r\r\n", "\n\r"] {
                    var cell = Array(repeating: "y", count: length).joined()
                    cell.insert(contentsOf: lineEnd, at: cell.index(cell.startIndex, offsetBy: at))
                    text += "\(length),\"\(cell)\"\r\n"
                    expected.append(line)
                    line += 1 + (lineEnd == "\r\n" ? 1 : lineEnd.utf8.count == 1 ? 1 : 2)
                }
            }
        }
        let rows = try readRows(try temporaryFile(text))
        #expect(rows.map(\.line) == expected)
    }

    // MARK: - Hashing what is read

    @Test(arguments: [false, true])
    func hashingGivesTheFilesDigestOnceReadToTheEnd(ahead: Bool) throws {
        let manyPieces = "a,b\n" + (0..<40_000).map { "\($0),\"x\ny\"\n" }.joined()
        let files = [
            try temporaryFile("a,b\n1,2\n"),
            try temporaryFile([0xEF, 0xBB, 0xBF] + Array("a;b\r\n1;2".utf8)),
            try temporaryFile(utf16Bytes("a,b\n1,2\n".utf16, bigEndian: false)),
            try temporaryFile(manyPieces),
        ]
        for path in files {
            let reader = try CSVReader(path: path, displayPath: "input.csv", readAhead: ahead, hashing: true)
            #expect(reader.inputDigest == nil)
            while try reader.readPiece({ _ in }) {
                #expect(reader.inputDigest == nil)
            }
            let expected = try SHA256.hexDigest(ofFile: path)
            #expect(reader.inputDigest == InputDigest(sha256: expected.digest, bytes: expected.bytes))
            #expect(try readRows(path).count > 0)
        }
        let unhashed = try CSVReader(path: files[0], displayPath: "input.csv", readAhead: ahead)
        while try unhashed.readPiece({ _ in }) {}
        #expect(unhashed.inputDigest == nil)
    }

    @Test func aReaderStoppedEarlyHasNoDigest() throws {
        // Over one piece read ahead (512 KiB).
        let path = try temporaryFile("a,b\n" + (0..<100_000).map { "\($0),x\n" }.joined())
        let reader = try CSVReader(path: path, displayPath: "input.csv", readAhead: true, hashing: true)
        #expect(try reader.readPiece { _ in })
        #expect(reader.inputDigest == nil)
    }

    @Test func rowsAcrossPieceBoundariesKeepTheirFields() throws {
        // 40,000 rows of 3 fields (1.6 MB) cross many 128 KiB pieces, and 512 KiB slices read ahead; the row that straddles a piece
        // boundary must not take the next row's fields.
        var text = "id,name,comment\n"
        for i in 0..<40_000 { text += "\(i),name \(i),\"line one\nline two, \(i)\"\n" }
        let rows = try readRows(try temporaryFile(text))
        #expect(rows.count == 40_001)
        #expect(rows.allSatisfy { $0.fields.count == 3 })
        for (i, row) in rows.dropFirst().enumerated() {
            #expect(row.fields == ["\(i)", "name \(i)", "line one\nline two, \(i)"])
            #expect(row.line == 2 + 2 * i)
            if row.fields[0] != "\(i)" { break }
        }
    }

    @Test func oldAPIStillReads() throws {
        let path = try temporaryFile("a;b\n1;2\n")
        let reader = try CSVReader(path: path, displayPath: "x.csv", delimiter: UInt8(ascii: ";"), maxFieldBytes: 100)
        var rows = [[String]]()
        while try reader.readPiece({ row in rows.append((0..<row.count).map(row.string)) }) {}
        #expect(rows == [["a", "b"], ["1", "2"]])
        #expect(reader.delimiter == UInt8(ascii: ";"))
    }

    // MARK: - Delimiters

    @Test(arguments: [(",", UInt8(ascii: ",")), (";", UInt8(ascii: ";")), ("\t", UInt8(ascii: "\t"))])
    func delimiterIsSniffed(_ delimiter: String, _ byte: UInt8) throws {
        let path = try temporaryFile("Name\(delimiter)\"Score, out of 10; or none\"\(delimiter)Team\nA\(delimiter)\"1,5\"\(delimiter)\"x\(delimiter)y\"\n")
        let reader = try CSVReader(path: path, displayPath: "x.csv")
        #expect(reader.delimiter == byte)
        #expect(try readAll(path) == [["Name", "Score, out of 10; or none", "Team"], ["A", "1,5", "x\(delimiter)y"]])
    }

    @Test func semicolonFileWithDecimalCommasIsSemicolon() throws {
        let path = try temporaryFile("a;b;c\n1,5;2,25;3\n4;5,5;6\n")
        #expect(try CSVReader(path: path, displayPath: "x.csv").delimiter == UInt8(ascii: ";"))
    }

    @Test func oneColumnFileIsComma() throws {
        let path = try temporaryFile("answer\nyes\nno\n")
        #expect(try CSVReader(path: path, displayPath: "x.csv").delimiter == UInt8(ascii: ","))
    }

    // MARK: - Encodings

    static let sample = "Name,Answer\nZoë,“Agree” – €5\nJosé,Don’t know\n"
    static let sampleRows = [["Name", "Answer"], ["Zoë", "“Agree” – €5"], ["José", "Don’t know"]]

    @Test func utf8WithAndWithoutByteOrderMark() throws {
        for bytes in [Array(Self.sample.utf8), [0xEF, 0xBB, 0xBF] + Array(Self.sample.utf8)] {
            let path = try temporaryFile(bytes)
            let reader = try CSVReader(path: path, displayPath: "x.csv")
            #expect(reader.encoding == .utf8)
            #expect(try readAll(path) == Self.sampleRows)
        }
    }

    @Test func utf16BothByteOrders() throws {
        let little = utf16Bytes(Self.sample.utf16, bigEndian: false)
        let big = utf16Bytes(Self.sample.utf16, bigEndian: true)
        let noMark = utf16Bytes(Self.sample.utf16, bigEndian: false, mark: false)
        for (bytes, encoding) in [(little, CSVEncoding.utf16LE), (big, .utf16BE), (noMark, .utf16LE)] {
            let path = try temporaryFile(bytes)
            #expect(try CSVReader(path: path, displayPath: "x.csv").encoding == encoding)
            #expect(try readAll(path) == Self.sampleRows)
        }
        #expect(try readAll(try temporaryFile(little), encoding: .utf16) == Self.sampleRows)
    }

    @Test func aSecondByteOrderMarkIsNotPartOfTheFirstField() throws {
        // A UTF-8 file with a mark saved as UTF-16 (`iconv -t UTF-16`) keeps its mark as a
        // U+FEFF after the UTF-16 one; a UTF-8 file can hold two marks the same way.
        let twice: [UInt16] = [0xFEFF] + Array(Self.sample.utf16)
        for bytes in [utf16Bytes(twice, bigEndian: false), utf16Bytes(twice, bigEndian: true),
                      [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array(Self.sample.utf8)] {
            let path = try temporaryFile(bytes)
            #expect(try CSVReader(path: path, displayPath: "x.csv").hasByteOrderMark)
            #expect(try readAll(path) == Self.sampleRows)
        }
    }

    @Test func windows1252IsDetectedOrDeclared() throws {
        // "Zoë,“Agree” – €5" as Excel's "CSV (Comma delimited)" writes it.
        var bytes = Array("Name,Answer\nZo".utf8) + [0xEB] + Array(",".utf8) + [0x93] + Array("Agree".utf8) + [0x94, 0x20, 0x96, 0x20, 0x80]
        bytes += Array("5\nJos".utf8) + [0xE9] + Array(",Don".utf8) + [0x92] + Array("t know\n".utf8)
        let path = try temporaryFile(bytes)
        #expect(try CSVReader(path: path, displayPath: "x.csv").encoding == .windows1252)
        #expect(try readAll(path) == Self.sampleRows)
        #expect(try readAll(path, encoding: .windows1252) == Self.sampleRows)
    }

    /// A file whose text is UTF-8 (SurveyMonkey's no-break spaces, here) with one Windows-1252
    /// byte typed into it: read as Windows-1252 every other character was garbled with exit 0
    /// ("Greater thanÂ 10,000"). It is UTF-8, and the bad byte stops the read at its line, the
    /// hint saying the byte looks damaged. On one thread and on the parallel workers alike.
    @Test func aStrayByteInAUTF8FileIsDamageNotAnotherEncoding() throws {
        var bytes = Array("size,answer\n\"Greater than\u{A0}10,000\",Sometimes\n".utf8)
        for i in 0..<3 { bytes += Array("\"Row \(i)\",Never\n".utf8) }
        let offset = bytes.count + 7
        bytes += Array("2-50,Fr".utf8) + [0xE9] + Array("quently\n".utf8)
        let path = try temporaryFile(bytes)
        #expect(try CSVReader(path: path, displayPath: "x.csv").encoding == .utf8)
        for readAhead in [false, true] {
            let error = #expect(throws: BaselineError.self) {
                let reader = try CSVReader(path: path, displayPath: "x.csv", readAhead: readAhead)
                while try reader.readPiece({ _ in }) {}
            }
            #expect(error?.line == 6, "readAhead \(readAhead)")
            #expect(error?.message.contains("byte offset \(offset)") == true, "\(error?.message ?? "")")
            #expect(error?.hint?.contains("this byte looks damaged") == true, "\(error?.hint ?? "")")
        }
        // The same byte in a file with no UTF-8 characters is Windows-1252, as before.
        let plain = try temporaryFile(Array("size,answer\n2-50,Fr".utf8) + [0xE9] + Array("quently\n".utf8))
        #expect(try CSVReader(path: plain, displayPath: "x.csv").encoding == .windows1252)
        #expect(try readAll(plain) == [["size", "answer"], ["2-50", "Fr\u{E9}quently"]])
    }

    /// UTF-8 with a damaged byte, or another encoding: at least as many characters written in
    /// UTF-8 (whole, shortest scalars, not surrogates, not past U+10FFFF) as bytes that are not.
    @Test func utf8TextIsTellsFromWindows1252ByMajority() {
        func utf8(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { PieceParser.looksWrittenInUTF8($0) } }
        let ascii = Array(String(repeating: "ascii ", count: 1000).utf8)
        #expect(utf8(Array("café".utf8)) && utf8(Array("€".utf8)) && utf8(Array("😀".utf8)) && utf8([0xC2, 0xA0]))
        #expect(utf8(ascii + Array("café, naïve".utf8) + [0xE9] + Array("\u{A0}".utf8)), "three characters beside one damaged byte")
        #expect(utf8(ascii + Array("\u{A0}".utf8) + [0xE9]), "a tie is UTF-8, stopping at the bad byte")
        #expect(!utf8(ascii))
        #expect(!utf8([0xC0, 0x80]) && !utf8([0xC1, 0xBF]))         // overlong
        #expect(!utf8([0xE0, 0x80, 0x80]) && !utf8([0xF0, 0x80, 0x80, 0x80]))
        #expect(!utf8([0xED, 0xA0, 0x80]))                         // a surrogate
        #expect(!utf8([0xF4, 0x90, 0x80, 0x80]) && !utf8([0xF5, 0x80, 0x80, 0x80]))   // past U+10FFFF
        #expect(!utf8([0x4A, 0x6F, 0x73, 0xE9, 0x2C]) && !utf8([0xE2, 0x82]))   // Windows-1252 "José,"; cut short
        #expect(!utf8([0x93, 0x41, 0x94, 0x20, 0x96, 0x20, 0x80]))   // Windows-1252 quotes, a dash, a euro
        // Windows-1252 whose bytes make a UTF-8 character by accident, beside others that do not:
        // German „Spaß“ (DF 93 is U+07D3) and French « é » with no-break spaces (E9 A0 BB is U+983B).
        #expect(!utf8(ascii + [0x84, 0x53, 0x70, 0x61, 0xDF, 0x93, 0x20, 0x66, 0xFC, 0x72, 0x20, 0x4D, 0xE4, 0x64, 0x63, 0x68, 0x65, 0x6E]))
        #expect(!utf8(ascii + [0xAB, 0xA0, 0xE9, 0xA0, 0xBB, 0x20, 0x63, 0x61, 0x66, 0xE9, 0x2C, 0x20, 0xE0, 0x20, 0x6C, 0xE0]))
    }

    @Test func charactersCutByPieceBoundariesSurvive() throws {
        // Multi-byte characters everywhere, so that some fall across every piece boundary:
        // 2-, 3- and 4-byte UTF-8 (and surrogate pairs in UTF-16).
        var text = "n,text\n"
        var expected = [["n", "text"]]
        for i in 0..<30_000 {
            let field = "é€😀 row \(i) ß"
            text += "\(i),\(field)\n"
            expected.append(["\(i)", field])
        }
        #expect(try readAll(try temporaryFile(Array(text.utf8))) == expected)
        #expect(try readAll(try temporaryFile(utf16Bytes(text.utf16, bigEndian: false))) == expected)
        #expect(try readAll(try temporaryFile(utf16Bytes(text.utf16, bigEndian: true))) == expected)
    }

    @Test func invalidUTF8NamesLineAndByteOffset() throws {
        // Valid UTF-8 for more than a piece (so auto-detection settles on UTF-8), then a stray
        // Windows-1252 "é" on line 20,002.
        var text = "a,b\n"
        for i in 0..<20_000 { text += "\(i),caf\u{E9}\n" }
        var bytes = Array(text.utf8)
        let offset = bytes.count + 6
        bytes += Array("x,\"caf".utf8) + [0xE9] + Array("\"\n".utf8)
        let error = #expect(throws: BaselineError.self) { _ = try readAll(try temporaryFile(bytes)) }
        #expect(error?.line == 20_002)
        #expect(error?.message.contains("byte offset \(offset)") == true)
        #expect(error?.message.contains("UTF-8") == true)
        #expect(error?.hint?.contains("windows-1252") == true)
    }

    @Test func invalidUTF8UnderDeclaredEncodingIsAnError() throws {
        let path = try temporaryFile(Array("a,b\n1,".utf8) + [0xC3, 0x28] + Array("\n".utf8))
        let error = #expect(throws: BaselineError.self) { _ = try readAll(path, encoding: .utf8) }
        #expect(error?.line == 2)
        #expect(error?.message.contains("byte offset 6") == true)
    }

    @Test func loneSurrogateInUTF16IsAnError() throws {
        let units: [UInt16] = Array("a,b\n1,".utf16) + [0xD83D] + Array("x\n".utf16)
        let bytes = utf16Bytes(units, bigEndian: false)
        let error = #expect(throws: BaselineError.self) { _ = try readAll(try temporaryFile(bytes)) }
        #expect(error?.line == 2)
        #expect(error?.message.contains("byte offset 14") == true)
    }

    @Test func byteOrderMarkContradictingTheDeclaredEncodingIsAnError() throws {
        let path = try temporaryFile([0xEF, 0xBB, 0xBF] + Array("a,b\n".utf8))
        let error = #expect(throws: BaselineError.self) { _ = try CSVReader(path: path, displayPath: "x.csv", encoding: .windows1252) }
        #expect(error?.message.contains("byte-order mark") == true)
    }

    // MARK: - Bad input

    @Test func unterminatedQuoteNamesTheLineItOpensOn() throws {
        let path = try temporaryFile("a,b,c\n1,2,3\n4,\"never closed,6\n7,8,9\n10,11,12\n")
        let error = #expect(throws: BaselineError.self) { _ = try readAll(path) }
        #expect(error?.line == 3)
        #expect(error?.column == 2)
        #expect(error?.message.contains("never closed") == true)
    }

    /// A file cut off inside a quoted field (an interrupted download: the second try-out cut a
    /// real Alchemer export inside a free-text answer) ends with no line break in the open field:
    /// it is said to look cut short, not to need a quote closed.
    @Test func aFileCutInsideAQuotedFieldLooksCutShort() throws {
        let cut = try temporaryFile("a,b\n1,\"a long answer\nthat goes on")
        let error = #expect(throws: BaselineError.self) { _ = try readAll(cut) }
        #expect(error?.line == 2 && error?.column == 2)
        #expect(error?.message.hasPrefix("the file ends inside the quoted field that starts on this line, with no line break after it: it looks cut short") == true)
        // A quote left open that swallows the file's last line break is a quote to close.
        let open = try temporaryFile("a,b\n1,\"a long answer\n2,3\n")
        #expect(#expect(throws: BaselineError.self) { _ = try readAll(open) }?.message == "a quoted field that starts on this line is never closed")
    }

    @Test func unterminatedQuoteAfterAQuotedNewline() throws {
        let path = try temporaryFile("a,b\n\"x\ny\",\"open\n\nstill open")
        #expect(#expect(throws: BaselineError.self) { _ = try readAll(path) }?.line == 3)
    }

    @Test func nulByteIsAnErrorWithItsLine() throws {
        let path = try temporaryFile(Array("a,b\n1,2\n3,".utf8) + [0] + Array("4\n".utf8))
        let error = #expect(throws: BaselineError.self) { _ = try readAll(path) }
        #expect(error?.line == 3)
        #expect(error?.message.contains("NUL byte at byte offset 10") == true)
        // Any CSV reads through here (indicator downloads too), so the hint names no survey.
        #expect(error?.hint?.hasSuffix("otherwise export or download the file again as CSV UTF-8") == true, "\(String(describing: error?.hint))")
    }

    @Test func fieldOverTheLimitIsAnError() throws {
        let long = String(repeating: "x", count: 500)
        let error = #expect(throws: BaselineError.self) { _ = try readAll(try temporaryFile("a,b\n1,2\n3,\(long)\n"), maxFieldBytes: 100) }
        #expect(error?.line == 3)
        #expect(error?.column == 2)
        #expect(error?.message.contains("500 bytes") == true)
        #expect(error?.hint?.contains("max_field_bytes") == true)
        // A field that never ends (an unclosed quote in a long file) stops at the limit too.
        let open = "a,b\n1,\"" + String(repeating: "y", count: 300_000)
        let runaway = #expect(throws: BaselineError.self) { _ = try readAll(try temporaryFile(open), maxFieldBytes: 1000) }
        #expect(runaway?.line == 2)
        #expect(runaway?.message.contains("more than 1000 bytes") == true)
    }

    @Test func emptyFileHasNoRows() throws {
        #expect(try readAll(try temporaryFile([])) == [])
        #expect(try readAll(try temporaryFile([0xEF, 0xBB, 0xBF])) == [])
    }

    @Test(arguments: [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], "PNG image"),
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0x06, 0], "Excel workbook (.xlsx)"),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0], "old-style Excel workbook"),
        (Array("%PDF-1.7\n".utf8), "PDF"),
        (Array("\n<!DOCTYPE html><html>".utf8), "web page"),
    ])
    func notCSVAtAll(_ bytes: [UInt8], _ what: String) throws {
        let error = #expect(throws: BaselineError.self) { _ = try CSVReader(path: try temporaryFile(bytes), displayPath: "x.csv") }
        #expect(error?.message.contains(what) == true)
        #expect(error?.message.contains("not a CSV file") == true)
        #expect(error?.hint != nil)
    }

    // MARK: - Transcoder

    @Test func utf8ValidatorFollowsTable3_7() throws {
        func valid(_ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBufferPointer { (try? Transcoder.validateUTF8($0, offset: 0, final: true)) != nil }
        }
        #expect(valid(Array("plain ascii, then é € 😀".utf8)))
        #expect(!valid([0xC0, 0xAF]))              // overlong "/"
        #expect(!valid([0xE0, 0x80, 0xAF]))        // overlong
        #expect(!valid([0xED, 0xA0, 0x80]))        // a surrogate
        #expect(!valid([0xF4, 0x90, 0x80, 0x80]))  // above U+10FFFF
        #expect(!valid([0xE2, 0x82]))              // cut at the end of the file
        let cut: [UInt8] = [0x61, 0xE2, 0x82]      // …but not at the end of a piece
        #expect(cut.withUnsafeBufferPointer { try? Transcoder.validateUTF8($0, offset: 0, final: false) } == 1)
    }
}
