import BaselineCore
import Foundation
import Testing

/// `TextFile`: the one reader of configuration text, and where its errors point.
@Suite struct TextFileTests {
    @Test("UTF-8 text is read, with a byte-order mark dropped")
    func reads() throws {
        #expect(try TextFile.decode(Data("a: é\n".utf8), path: "f.yaml", what: "the file") == "a: é\n")
        #expect(try TextFile.decode(Data([0xEF, 0xBB, 0xBF] + Array("x".utf8)), path: "f.yaml", what: "the file") == "x")
        #expect(try TextFile.decode(Data(), path: "f.yaml", what: "the file") == "")
    }

    /// Each case: the bytes, and the line and column of the first bad one (columns count characters).
    @Test("a byte that is not UTF-8 is an error at its line and column", arguments: [
        (Array("ab".utf8) + [0xFF], 1, 3),
        (Array("one\ntwo\n  é ".utf8) + [0xE9, 0x0A], 3, 5),   // é (two bytes) counts as one column
        (Array("x\r\n".utf8) + [0xC3], 2, 1),                  // cut short at the end
        (Array("\n\n".utf8) + [0xED, 0xA0, 0x80], 3, 1),        // a surrogate
        (Array("a\rb\r\nc\rd".utf8) + [0xFF], 4, 2),            // lone CRs end lines too
    ])
    func located(bytes: [UInt8], line: Int, column: Int) {
        do {
            _ = try TextFile.decode(Data(bytes), path: "f.yaml", what: "the codebook")
            Issue.record("decoded")
        } catch let error as BaselineError {
            #expect(error.file == "f.yaml" && error.line == line && error.column == column, "\(error)")
            #expect(error.message.hasPrefix("the codebook is not UTF-8 text: byte 0x"), "\(error)")
            #expect(error.hint?.contains("save the file as UTF-8") == true)
        } catch {
            Issue.record("\(error)")
        }
    }

    @Test("UTF-16, a missing file and a folder are errors that say which")
    func otherMistakes() throws {
        #expect(throws: BaselineError.self) { try TextFile.decode(Data([0xFF, 0xFE, 0x61, 0x00]), path: "f", what: "the file") }
        let folder = try TemporaryFolder()
        do {
            _ = try TextFile.read(folder.path + "/none.yaml", path: "none.yaml", what: "the codebook")
            Issue.record("read")
        } catch let error as BaselineError {
            #expect(error.description == "none.yaml: error: cannot read the codebook — check the path (a relative path starts at the pipeline file's folder)")
        }
        do {
            _ = try TextFile.read(folder.path, path: "notes", what: "the codebook")
            Issue.record("read")
        } catch let error as BaselineError {
            #expect(error.message == "the codebook is a folder, not a file")
        }
    }

    @Test("a missing file whose folder holds one of a close name (another case, .yml for .yaml) says which, as the path was written")
    func aCloseNameIsSuggested() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/pipelines", withIntermediateDirectories: true)
        for name in ["Coventry-2025.yaml", "Bromley-2025.yaml", "catalogue.yaml"] {
            try "x: 1\n".write(toFile: folder.path + "/pipelines/" + name, atomically: true, encoding: .utf8)
        }
        func hint(_ name: String) -> String? {
            do {
                _ = try TextFile.read(folder.path + "/pipelines/" + name, path: "pipelines/" + name, what: "the pipeline file", missingHint: "check the path")
            } catch let error as BaselineError {
                return error.hint
            } catch {}
            return "read"
        }
        #expect(hint("coventry-2025.yaml") == "did you mean 'pipelines/Coventry-2025.yaml'? (names of files are case-sensitive)")
        #expect(hint("Coventry-2025.yml") == "did you mean 'pipelines/Coventry-2025.yaml'?")
        #expect(hint("somewhere-else.yaml") == "check the path")
        #expect(hint("nowhere/p.yaml") == "check the path")
    }
}
