import BaselineCore
import BaselineSchema
import Foundation
import Testing
@testable import Workbook

/// Where the sink has libxlsxwriter keep its scratch files, and that the workbook does not
/// depend on it.
@Suite struct WorkbookScratchFolderTests {
    static func sink() throws -> WorkbookSink {
        WorkbookSink(configuration: try JSONDecoder().decode(WorkbookSink.Configuration.self, from: Data("{}".utf8)))
    }

    static func document() -> BaselineDocument {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        document.dataQuality.notes = ["a note"]
        return document
    }

    @Test func scratchFilesGoToMemoryWhenItCanBeWrittenElseTheOutputFolder() throws {
        let memory = try XlsxWorkbookTests.Scratch()
        #expect(WorkbookSink.scratchFolders(besides: "/out", memory: memory.path) == [memory.path, "/out"])
        #expect(WorkbookSink.scratchFolders(besides: "/out", memory: memory.path + "/no-such-folder") == ["/out"])
        #expect(WorkbookSink.scratchFolders(besides: "/out", memory: "/dev/null") == ["/out"])
        // Too little free there (a container's small /dev/shm): the output folder.
        #expect(WorkbookSink.scratchFolders(besides: "/out", memory: memory.path, minimumFree: 0) == [memory.path, "/out"])
        #expect(WorkbookSink.scratchFolders(besides: "/out", memory: memory.path, minimumFree: Int.max) == ["/out"])
    }

    /// The same bytes whether the scratch files went to memory, to the output folder, or to the
    /// output folder after the first folder failed; and nothing left behind but the workbook.
    @Test func theWorkbookIsTheSameWhereverItsScratchFilesGo() throws {
        let sink = try Self.sink()
        let (memory, first, second, third) = (try XlsxWorkbookTests.Scratch(), try XlsxWorkbookTests.Scratch(),
                                              try XlsxWorkbookTests.Scratch(), try XlsxWorkbookTests.Scratch())
        try sink.write(Self.document(), into: OutputFolder(path: first.path), scratch: [memory.path, first.path])
        try sink.write(Self.document(), into: OutputFolder(path: second.path), scratch: [second.path])
        try sink.write(Self.document(), into: OutputFolder(path: third.path), scratch: [memory.path + "/no-such-folder", third.path])
        let books = try [first, second, third].map { try Data(contentsOf: URL(fileURLWithPath: $0.path + "/baseline.xlsx")) }
        #expect(books[0].count > 1000 && books[0] == books[1] && books[1] == books[2])
        for folder in [first, second, third] {
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["baseline.xlsx"])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: memory.path).isEmpty)
    }
}
