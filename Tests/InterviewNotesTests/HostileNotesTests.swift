import BaselineConfig
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
    func source(_ folder: String, options: String = "") throws -> any RecordSource {
        let configuration = try NodeDecoder(file: "pipeline.yaml", userInfo: [.baseDirectory: folder])
            .decode(InterviewNotesConfiguration.self, from: try Yams.compose(yaml: "path: notes\n" + options)!)
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

    @Test("a passage over max_passage_bytes is a bad record at its line; the passages around it are read")
    func passageTooLong() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let long = String(repeating: "x", count: 60)
        try "Short one.\n\n\(long)\n\(long)\n\n- \(String(repeating: "y", count: 300))\n- Fine bullet.\n"
            .write(toFile: folder + "/notes/a.md", atomically: true, encoding: .utf8)
        let batch = try drain(try source(folder, options: "max_passage_bytes: 100"))
        let texts = batch.records.compactMap { if case .excerpt(let excerpt) = $0 { excerpt.text } else { nil } }
        #expect(texts == ["Short one.", "Fine bullet.", "Second note."])
        #expect(batch.rejects.map(\.provenance.line) == [3, 6])
        #expect(batch.rejects.allSatisfy { $0.reason.hasPrefix("a passage longer than 100 bytes (max_passage_bytes)") }, "\(batch.rejects)")
        // At the limit exactly is fine: two lines of 49 and a space make 99, of 50 make 101.
        try "\(String(repeating: "x", count: 49))\n\(String(repeating: "x", count: 50))\n".write(toFile: folder + "/notes/b.md", atomically: true, encoding: .utf8)
        let limit = try drain(try source(folder, options: "max_passage_bytes: 100"))
        #expect(limit.rejects.count == 2)
        #expect(throws: BaselineError.self) { try source(folder, options: "max_passage_bytes: 0") }
    }

    @Test("one file of many passages leaves in several batches, none larger than the batch size")
    func batchesWithinAFile() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let count = InterviewNotesAdapter.batchSize * 5 / 2
        try (0..<count).map { "- Point \($0).\n" }.joined().write(toFile: folder + "/notes/a.md", atomically: true, encoding: .utf8)
        let notes = try source(folder)
        var sizes = [Int]()
        var lines = [Int]()
        while let batch = try notes.next() {
            sizes.append(batch.records.count + batch.rejects.count)
            lines += batch.records.map { $0.provenance.line ?? 0 }
        }
        #expect(sizes == [InterviewNotesAdapter.batchSize, InterviewNotesAdapter.batchSize, count - 2 * InterviewNotesAdapter.batchSize + 1])
        #expect(lines == Array(1...count) + [1])
    }
}
