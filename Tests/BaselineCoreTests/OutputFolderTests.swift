import BaselineCore
import BaselineHandoff
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

    /// `baseline index` over an index.json that is a link said "it is not inside the output
    /// folder — use letters, digits…", of a good name (a try-out): the link is named as such.
    @Test func aFileThatIsALinkIsSaidToBeOne() throws {
        let parent = try TemporaryFolder()
        let target = parent.url.appendingPathComponent("victim.txt")
        try "keep".write(to: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: parent.url.appendingPathComponent("index.json"), withDestinationURL: target)
        let error = try #require(throws: BaselineError.self) { try OutputFolder(path: parent.path).write("x", to: "index.json") }
        #expect(error.message == "refusing to write 'index.json': it is a symbolic link (to \(target.path)), and the output is never written through one", "\(error)")
        #expect(error.hint == "remove the link (or move it away) and run again", "\(error)")
        #expect(try String(contentsOf: target, encoding: .utf8) == "keep")
        // A sub-folder that is a link out of the folder says so too.
        let other = try TemporaryFolder()
        let elsewhere = other.url.resolvingSymlinksInPath()
        try FileManager.default.createSymbolicLink(at: parent.url.appendingPathComponent("tables"), withDestinationURL: elsewhere)
        let folder = try #require(throws: BaselineError.self) { try OutputFolder(path: parent.path).write("x", to: "tables/a.csv") }
        #expect(folder.message == "refusing to write 'tables/a.csv': its folder is a symbolic link to \(elsewhere.path), outside the output folder", "\(folder)")
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

@Suite struct OutputFolderGoneTests {
    /// A run stopped by a signal has its staging folder removed while its sinks may still write:
    /// a late write must fail, not make the folder again (it would outlive the process).
    @Test("a write into a folder that is gone fails and does not make the folder again", arguments: ["a.json", "tables/a.csv"])
    func writeIntoAFolderThatIsGone(name: String) throws {
        let scratch = try TemporaryFolder()
        let path = scratch.path + "/staging"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let folder = OutputFolder(path: path)
        try folder.write("x", to: "tables/before.csv")
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: BaselineError.self) { try folder.write("y", to: name) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

@Suite struct OutputClaimsTests {
    func claims() -> OutputClaims {
        OutputClaims(file: "p.yaml") { owner in
            owner < 0 ? .init("the rejects") : .init("sink \(owner) (line \(10 + owner))", line: 10 + owner, column: 5)
        }
    }

    @Test("A name written by a second owner is refused, with both owners in their order, at the later's line")
    func sameName() throws {
        let folder = try TemporaryFolder()
        let claims = claims()
        let root = OutputFolder(path: folder.path)
        try root.claimed(in: claims, by: 3).write("x", to: "a.json")
        try root.claimed(in: claims, by: 3).write("x again", to: "a.json")
        let error = try #require(throws: BaselineError.self) { try root.claimed(in: claims, by: 1).write("y", to: "a.json") }
        #expect(error.description == "p.yaml:13:5: error: sink 1 (line 11) and sink 3 (line 13) both write 'a.json': the later would "
                + "overwrite the earlier — give one of them another name (its `file:`, `folder:` or `name:` option), or remove one")
        #expect(try String(contentsOfFile: folder.path + "/a.json", encoding: .utf8) == "x again", "the refused write wrote nothing")
        try root.write("not claimed", to: "a.json")
        // Two writers of different files in one folder share it.
        try root.claimed(in: claims, by: 1).write("t", to: "tables/one.csv")
        try root.claimed(in: claims, by: 3).write("t", to: "tables/two.csv")
        // Hundreds of files, each claimed by looking at its own name and folders only.
        for index in 0..<500 { try root.claimed(in: claims, by: 4).write("n", to: "many/part-\(index)/file.csv") }
        #expect(throws: BaselineError.self) { try root.claimed(in: claims, by: 5).write("x", to: "many/part-499") }
    }

    @Test("A file where another writes a folder is refused, whichever comes first", arguments: [false, true])
    func fileAndFolder(folderFirst: Bool) throws {
        let folder = try TemporaryFolder()
        let claims = claims()
        let root = OutputFolder(path: folder.path)
        let writeFolder = { try root.claimed(in: claims, by: 0).write("t", to: "tables/x.xlsx/indicators.csv") }
        let writeFile = { try root.claimed(in: claims, by: 4).write("w", to: "tables/x.xlsx") }
        try folderFirst ? writeFolder() : writeFile()
        let error = try #require(throws: BaselineError.self) { try folderFirst ? writeFile() : writeFolder() }
        #expect(error.message == "sink 0 (line 10) and sink 4 (line 14) are in each other's way: one writes the file 'tables/x.xlsx', "
                + "the other 'tables/x.xlsx/indicators.csv' inside a folder of that name")
        #expect(error.line == 14)
        // A sibling that only shares the start of the name is no clash.
        try root.claimed(in: claims, by: 2).write("s", to: "tables/x.xlsx2")
        try root.claimed(in: claims, by: 2).write("s", to: "tables/x.xls")
    }

    @Test("Owners on many threads: exactly one writer of a shared name wins, every other is refused")
    func manyThreads() throws {
        let folder = try TemporaryFolder()
        let claims = claims()
        let root = OutputFolder(path: folder.path)
        let refused = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 64) { owner in
            do { try root.claimed(in: claims, by: owner).write("\(owner)", to: "shared.txt") } catch { refused.withLock { $0 += 1 } }
            try? root.claimed(in: claims, by: owner).write("\(owner)", to: "own-\(owner).txt")
        }
        #expect(refused.withLock { $0 } == 63)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == 65)
    }
}
