import BaselineCore
import BaselinePipeline
import BaselineTestKit
import Foundation
import InterviewNotes
import Testing
import Yams

/// Notes folders that change under the run, or hold what is no note.
struct HostileNotesTests {
    /// A source over `folder` (decoded as a pipeline would: the listing is checked then).
    func source(_ folder: String) throws -> any RecordSource {
        let configuration = try NodeDecoder(file: "pipeline.yaml", userInfo: [.baseDirectory: folder])
            .decode(InterviewNotesConfiguration.self, from: try Yams.compose(yaml: "path: notes")!)
        let context = SourceContext(id: "notes", pipeline: PipelineContext(placeName: "Millbrook", placeCode: "E07999001",
                                                                            period: "2025", baseDirectory: folder))
        return try InterviewNotesAdapter.makeSource(configuration: configuration, context: context)
    }

    /// A fresh folder with `notes/a.md` and `notes/b.md`.
    func folder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/notes", withIntermediateDirectories: true)
        try "First note.\n".write(toFile: folder + "/notes/a.md", atomically: true, encoding: .utf8)
        try "Second note.\n".write(toFile: folder + "/notes/b.md", atomically: true, encoding: .utf8)
        return folder
    }

    @Test("a note that became a FIFO after the folder was listed is a bad record, not a run that waits forever")
    func fifoAfterListing() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let notes = try source(folder)
        try FileManager.default.removeItem(atPath: folder + "/notes/b.md")
        #expect(mkfifo(folder + "/notes/b.md", 0o644) == 0)

        final class Box: @unchecked Sendable { var result: Result<RecordBatch, Error>? }
        let box = Box(), done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) let unsafeNotes = notes
        Thread.detachNewThread {
            box.result = Result { try drain(unsafeNotes) }
            done.signal()
        }
        if done.wait(timeout: .now() + 5) == .timedOut {
            Issue.record("reading the notes still waits on the FIFO after 5 s")
            // Let the reader go: a writer that opens and closes the FIFO ends it.
            let writer = open(folder + "/notes/b.md", O_WRONLY)
            close(writer)
            done.wait()
            return
        }
        let batch = try #require(try box.result?.get())
        #expect(batch.records.count == 1)
        #expect(batch.rejects.map(\.provenance.file) == ["notes/b.md"])
        #expect(batch.rejects.first?.reason.contains("not a regular file (it is a FIFO (named pipe)") == true, "\(batch.rejects)")
    }
}
