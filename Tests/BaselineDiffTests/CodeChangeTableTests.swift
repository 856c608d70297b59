@testable import BaselineDiff
import BaselineCore
import Foundation
import Testing

/// `--code-changes` reads its CSV as the join stage does: quoted cells, blank lines, and errors
/// at the file's own line.
@Suite struct CodeChangeTableTests {
    func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("codes-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func quotedCellsAndBlankLinesAreRead() throws {
        let path = try file("old_code,new_code,note\n\n\"E07000001\",E06000065,\"merged, 2024\"\nE07000002,E06000066,\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try CodeChangeTable.load(path) == ["E07000001": "E06000065", "E07000002": "E06000066"])
    }

    @Test func aBadRowIsAnErrorAtItsLine() throws {
        let path = try file("old_code,new_code\n\nE07000001,E06000065\n,E06000066\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: BaselineError.self) { try CodeChangeTable.load(path) }
        #expect(error?.line == 4)
        #expect(error?.message == "expected old code, new code")
    }
}
