import BaselineCore
import Foundation
import Testing

@Suite struct OutputFolderTests {
    @Test(arguments: ["baseline.json", "tables", "tables/indicators.csv", "report-2025_v2.md", "Ÿ/ñame.txt"])
    func namesInsideTheFolderAreAccepted(_ name: String) {
        #expect(OutputFolder.problem(withName: name) == nil)
    }

    @Test(arguments: ["", "../2024/baseline.json", "..", "a/../../b", "/etc/passwd", "a//b", "./x", ".hidden", "a/.", "nul\0byte",
                      "back\\slash", "sp ace", "esc\u{1B}]0;t\u{07}", "tab\tname", "a/"])
    func namesThatEscapeOrHideAreRefused(_ name: String) {
        #expect(OutputFolder.problem(withName: name) != nil)
    }

    @Test func theMessageShowsControlCharactersRatherThanSendingThem() throws {
        let problem = try #require(OutputFolder.problem(withName: "x\u{1B}[2J"))
        #expect(problem.contains("x\\u{1B}[2J"))
        #expect(!problem.unicodeScalars.contains("\u{1B}"))
    }

    @Test(arguments: ["../escaped.txt", "/tmp/escaped-absolute.txt", "a/../../escaped.txt", "nul\0.txt", "", "a//b.txt", "./b.txt"])
    func writeRefusesANameOutsideTheFolder(_ name: String) throws {
        let parent = try TemporaryFolder()
        let inner = parent.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        #expect(throws: BaselineError.self) { try OutputFolder(path: inner.path).write("x", to: name) }
        #expect(!FileManager.default.fileExists(atPath: parent.url.appendingPathComponent("escaped.txt").path))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/escaped-absolute.txt"))
    }

    @Test func writeRefusesASubFolderThatLinksOutOfTheFolder() throws {
        let parent = try TemporaryFolder()
        let inner = parent.url.appendingPathComponent("out"), elsewhere = parent.url.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: inner.appendingPathComponent("tables"), withDestinationURL: elsewhere)
        #expect(throws: BaselineError.self) { try OutputFolder(path: inner.path).write("x", to: "tables/a.csv") }
        #expect(!FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("a.csv").path))
    }

    @Test func writeWritesInsideTheFolder() throws {
        let parent = try TemporaryFolder()
        try OutputFolder(path: parent.path).write("x", to: "tables/a.csv")
        #expect(try String(contentsOf: parent.url.appendingPathComponent("tables/a.csv"), encoding: .utf8) == "x")
    }

    @Test(arguments: [false, true])
    func writeReplacesAShorterOrLongerFileWhetherDurableOrNot(durable: Bool) throws {
        let parent = try TemporaryFolder()
        let folder = OutputFolder(path: parent.path, durable: durable)
        try folder.write("a longer first text", to: "tables/a.csv")
        try folder.write("short", to: "tables/a.csv")
        #expect(try String(contentsOf: parent.url.appendingPathComponent("tables/a.csv"), encoding: .utf8) == "short")
        let big = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        try folder.write(big, to: "big.bin")
        #expect(try Data(contentsOf: parent.url.appendingPathComponent("big.bin")) == big)
    }

    @Test func aFileThatCannotBeWrittenIsAnErrorSayingWhy() throws {
        let parent = try TemporaryFolder()
        try FileManager.default.createDirectory(at: parent.url.appendingPathComponent("tables/a.csv"), withIntermediateDirectories: true)
        let error = try #require(throws: BaselineError.self) { try OutputFolder(path: parent.path).write("x", to: "tables/a.csv") }
        #expect(error.description.hasSuffix("/tables/a.csv: error: cannot write output: Is a directory — check the output folder is writable and the disk is not full"),
                "\(error.description)")
    }
}

@Suite struct OutputClaimsTests {
    @Test("Names written by two owners are clashes, ordered by the writer that came second")
    func clashes() throws {
        let folder = try TemporaryFolder()
        let claims = OutputClaims()
        let root = OutputFolder(path: folder.path)
        try root.claimed(in: claims, by: -1).write("r", to: "rejects/a.csv")
        try root.claimed(in: claims, by: 0).write("x", to: "a.json")
        try root.claimed(in: claims, by: 0).write("x", to: "a.json")
        try root.claimed(in: claims, by: 3).write("y", to: "b.md")
        try root.claimed(in: claims, by: 1).write("y", to: "b.md")
        try root.claimed(in: claims, by: 2).write("z", to: "z.txt")
        try root.claimed(in: claims, by: 2).write("z", to: "rejects/a.csv")
        try root.write("not noted", to: "c.txt")
        let clashes = claims.clashes
        #expect(clashes.map(\.name) == ["rejects/a.csv", "b.md"])
        #expect(clashes.map(\.owners) == [[-1, 2], [1, 3]])
        #expect(OutputClaims().clashes.isEmpty)
    }

    @Test("Writers on many threads are all noted")
    func manyThreads() throws {
        let folder = try TemporaryFolder()
        let claims = OutputClaims()
        let root = OutputFolder(path: folder.path)
        DispatchQueue.concurrentPerform(iterations: 64) { owner in
            try? root.claimed(in: claims, by: owner).write("\(owner)", to: "shared.txt")
            try? root.claimed(in: claims, by: owner).write("\(owner)", to: "own-\(owner).txt")
        }
        #expect(claims.clashes.map(\.name) == ["shared.txt"])
        #expect(claims.clashes.first?.owners == Array(0..<64))
    }
}
