import BaselineCore
import BaselinePipeline
import BaselineSchema
import Foundation
import Testing

@Suite struct RunnerTests {
    func pipeline(rows: [String], onError: String = "quarantine", maxRejected: String = "100%", failSink: Bool = false,
                  readAhead: Bool = false, responses: Bool = false, rowsRead: Int? = nil, in folder: TemporaryFolder) throws -> Pipeline {
        let list = rows.map { "\"\($0)\"" }.joined(separator: ", ")
        let file = try folder.write("""
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - id: notes
                adapter: test-list
                on_error: \(onError)
                max_rejected: \(maxRejected)
                read_ahead: \(readAhead)
                responses: \(responses)
                rows: [\(list)]\(rowsRead.map { "\n    rows_read: \($0)" } ?? "")
            transforms:
              - stage: test-drop
            sinks:
              - sink: test-notes
                fail: \(failSink)
            """, to: "pipeline.yaml")
        return try Pipeline(file: file, registry: testRegistry)
    }

    /// With `responses`, the source passes its rows on as a response block, which the stage,
    /// not reading blocks, sees as records.
    @Test(arguments: [false, true], [false, true])
    func countsReconcileAcrossSourceAndStageRejects(readAhead: Bool, responses: Bool) throws {
        let folder = try TemporaryFolder()
        let rows = ["a", "bad: unreadable", "drop me", "b", "bad: ragged", "c", "drop too"]
        let result = try PipelineRunner(pipeline: pipeline(rows: rows, readAhead: readAhead, responses: responses, in: folder),
                                        options: .init(outputRoot: folder.path + "/out")).run()
        let counts = try #require(result.document.manifest.sources.first)
        #expect(counts.read == 7)
        #expect(counts.quarantined == 4)
        #expect(counts.passedOn == 3)
        #expect(counts.reconciles)
        #expect(result.document.dataQuality.notes == ["kept 3"])
        let rejects = try String(contentsOfFile: result.folder + "/rejects/notes.csv", encoding: .utf8)
        #expect(rejects == """
            file,line,column,reason,content,path
            inline,2,,unreadable,,
            inline,3,,dropped by test stage,,
            inline,5,,ragged,,
            inline,7,,dropped by test stage,,

            """)
        #expect(result.folder == folder.path + "/out/test-town/2025")
    }

    /// A source that counts 100 rows into 2 figures (as police-uk counts crimes by area) is
    /// counted in rows: its summary said "read 4, passed on 1, quarantined 2, skipped 1", figures
    /// and bad rows added together. A figure a stage sets aside is a figure, not a row.
    @Test func aSourceThatCountsRowsIsCountedInRowsWithItsFigures() throws {
        let folder = try TemporaryFolder()
        let rows = ["a", "bad: unreadable", "drop me", "rule: no location"]
        let result = try PipelineRunner(pipeline: pipeline(rows: rows, rowsRead: 100, in: folder),
                                        options: .init(outputRoot: folder.path + "/out")).run()
        let counts = try #require(result.document.manifest.sources.first)
        #expect((counts.read, counts.passedOn, counts.quarantined, counts.skipped) == (100, 98, 1, 1))
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(counts)) as? [String: Any]
        #expect(json?["figures"] as? Int == 2 && json?["figures_set_aside"] as? Int == 1, "\(String(describing: json))")
        #expect(counts.reconciles)
        #expect(counts.line == "notes (test-list): read 100 rows, passed on 98 (counted into 2 figures, 1 of them set aside by a stage), quarantined 1, skipped 1")
        // The figure the stage set aside is in the rejects file beside the bad row.
        let rejects = try String(contentsOfFile: result.folder + "/rejects/notes.csv", encoding: .utf8)
        #expect(rejects.contains("inline,2,,unreadable,") && rejects.contains("inline,3,,dropped by test stage,"))

        // A record a row: records, and no figures.
        let plain = try PipelineRunner(pipeline: pipeline(rows: rows, in: folder), options: .init(outputRoot: folder.path + "/plain")).run()
        let records = try #require(plain.document.manifest.sources.first)
        #expect((records.read, records.passedOn, records.quarantined, records.skipped) == (4, 1, 2, 1))
        let plainJSON = try JSONSerialization.jsonObject(with: JSONEncoder().encode(records)) as? [String: Any]
        #expect(plainJSON?["figures"] == nil && plainJSON?["figures_set_aside"] == nil)
        #expect(records.line == "notes (test-list): read 4, passed on 1, quarantined 2, skipped 1")
    }

    @Test func skipCountsWithoutAFile() throws {
        let folder = try TemporaryFolder()
        let result = try PipelineRunner(pipeline: pipeline(rows: ["a", "bad: x", "drop"], onError: "skip", in: folder),
                                        options: .init(outputRoot: folder.path + "/out")).run()
        let counts = try #require(result.document.manifest.sources.first)
        #expect((counts.read, counts.passedOn, counts.quarantined, counts.skipped) == (3, 1, 0, 2))
        #expect(!FileManager.default.fileExists(atPath: result.folder + "/rejects/notes.csv"))
    }

    @Test(arguments: [false, true])
    func failStopsAtTheBadRecordWithItsLocation(readAhead: Bool) throws {
        let folder = try TemporaryFolder()
        // Many batches after the bad record: a source reading ahead is stopped, not left running.
        let rows = ["a", "bad: unreadable"] + (0..<200).map { "row \($0)" }
        #expect(throws: BaselineError(file: "inline", line: 2, "unreadable",
                                      hint: "fix the record, or set `on_error: quarantine` on source 'notes' to set it aside")) {
            try PipelineRunner(pipeline: pipeline(rows: rows, onError: "fail", readAhead: readAhead, in: folder),
                               options: .init(outputRoot: folder.path + "/out")).run()
        }
    }

    @Test(arguments: [false, true])
    func aBrokenInputStopsTheRunAfterTheBatchesBeforeIt(readAhead: Bool) throws {
        let folder = try TemporaryFolder()
        let rows = (0..<9).map { "row \($0)" } + ["broken"] + (0..<9).map { "later \($0)" }
        #expect(throws: BaselineError(file: "inline", line: 10, "broken input", hint: "fix it")) {
            try PipelineRunner(pipeline: pipeline(rows: rows, readAhead: readAhead, in: folder),
                               options: .init(outputRoot: folder.path + "/out")).run()
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/test-town/2025"))
    }

    @Test func aSourceReadAheadKeepsItsBatchesInOrder() throws {
        let folder = try TemporaryFolder()
        let rows = (0..<1000).map { "row \($0)" }
        let result = try PipelineRunner(pipeline: pipeline(rows: rows, readAhead: true, in: folder),
                                        options: .init(outputRoot: folder.path + "/out")).run()
        #expect(result.document.dataQuality.notes == ["kept 1000"])
        let seen = try String(contentsOfFile: result.folder + "/seen.txt", encoding: .utf8)
        #expect(seen == rows.joined(separator: "\n") + "\n")
    }

    @Test func aFailedRunLeavesThePreviousOutputUntouched() throws {
        let folder = try TemporaryFolder()
        let options = PipelineRunner.Options(outputRoot: folder.path + "/out")
        let first = try PipelineRunner(pipeline: pipeline(rows: ["a"], in: folder), options: options).run()
        let before = try Data(contentsOf: URL(fileURLWithPath: first.folder + "/notes.txt"))
        #expect(throws: BaselineError.self) {
            try PipelineRunner(pipeline: pipeline(rows: ["a", "b", "broken"], in: folder), options: options).run()
        }
        #expect(throws: BaselineError.self) {
            try PipelineRunner(pipeline: pipeline(rows: ["a", "b"], failSink: true, in: folder), options: options).run()
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.folder + "/notes.txt")) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/out/test-town")
        #expect(leftovers == ["2025"])
    }

    /// The sinks write side by side: every sink's files are written, and of the sinks that
    /// fail, the first in the pipeline's order gives the error (as writing one after another did).
    @Test(arguments: [1, 2]) func sinksWriteSideBySideAndTheFirstFailureInOrderIsReported(threads: Int) throws {
        let folder = try TemporaryFolder()
        func file(_ sinks: String) throws -> Pipeline {
            try Pipeline(file: folder.write("""
                place: { name: Test Town, code: E07000001 }
                period: 2025
                sources:
                  - { id: notes, adapter: test-list, rows: [a, b] }
                sinks:
                \(sinks)
                """, to: "pipeline.yaml"), registry: testRegistry)
        }
        let options = PipelineRunner.Options(outputRoot: folder.path + "/out", sinkThreads: threads)
        let written = try PipelineRunner(pipeline: file((1...5).map { "  - { sink: test-notes, name: n\($0) }" }.joined(separator: "\n")),
                                         options: options).run()
        for number in 1...5 {
            #expect(FileManager.default.fileExists(atPath: written.folder + "/n\(number).txt"))
        }
        let failing = try file("""
              - { sink: test-notes, name: n1 }
              - { sink: test-notes, name: n2, fail: true }
              - { sink: test-notes, name: n3 }
              - { sink: test-notes, name: n4, fail: true }
            """)
        for _ in 0..<20 {
            let error = try #require(throws: BaselineError.self) { try PipelineRunner(pipeline: failing, options: options).run() }
            #expect(error.message == "the test sink n2 failed as asked")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: written.folder).sorted()
                == ["n1-seen.txt", "n1.txt", "n2-seen.txt", "n2.txt", "n3-seen.txt", "n3.txt", "n4-seen.txt", "n4.txt",
                    "n5-seen.txt", "n5.txt", "rejects"])
    }

    /// Two sinks that write one file: one would silently overwrite the other, so the run fails
    /// at the later sink's line, and the previous baseline stays.
    @Test(arguments: [1, 2]) func twoSinksWritingOneFileFailTheRun(threads: Int) throws {
        let folder = try TemporaryFolder()
        let options = PipelineRunner.Options(outputRoot: folder.path + "/out", sinkThreads: threads)
        let first = try PipelineRunner(pipeline: pipeline(rows: ["a"], in: folder), options: options).run()
        let file = try folder.write("""
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - { id: notes, adapter: test-list, rows: [a, b] }
            sinks:
              - { sink: test-notes, name: one }
              - { sink: test-notes, name: two }
              - { sink: test-notes, name: one }
            """, to: "twice.yaml")
        let error = try #require(throws: BaselineError.self) {
            try PipelineRunner(pipeline: Pipeline(file: file, registry: testRegistry), options: options).run()
        }
        #expect(error.message == "sink 'test-notes' (line 6) and sink 'test-notes' (line 8) both write 'one.txt': the later would overwrite the earlier")
        #expect((error.file, error.line, error.column) == (file, 8, 7))
        #expect(error.hint?.contains("remove one") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: first.folder).sorted() == ["notes.txt", "rejects", "seen.txt"])
    }

    @Test func recordsHeldBackAreFlushedThroughTheLaterStages() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("""
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - { id: notes, adapter: test-list, max_rejected: 100%, rows: [a, drop b, c, drop d, e] }
            transforms:
              - stage: test-hold
              - stage: test-drop
            sinks:
              - sink: test-notes
            """, to: "pipeline.yaml")
        let result = try PipelineRunner(pipeline: Pipeline(file: file, registry: testRegistry), options: .init(outputRoot: folder.path + "/out")).run()
        #expect(result.document.dataQuality.notes == ["kept 3"])
        let counts = try #require(result.document.manifest.sources.first)
        #expect((counts.read, counts.passedOn, counts.quarantined) == (5, 3, 2))
        let rejects = try String(contentsOfFile: result.folder + "/rejects/notes.csv", encoding: .utf8)
        #expect(rejects.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] } == ["4", "2"])
    }

    @Test func inputsAreHashedIntoTheManifest() throws {
        let folder = try TemporaryFolder()
        try folder.write("abc", to: "input.txt")
        let file = try folder.write("""
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - { id: notes, adapter: test-list, rows: [a], file: input.txt }
            """, to: "pipeline.yaml")
        let result = try PipelineRunner(pipeline: Pipeline(file: file, registry: testRegistry), options: .init(outputRoot: folder.path + "/out")).run()
        #expect(result.document.manifest.inputs == [ManifestInput(path: "input.txt", source: "notes", bytes: 3,
                                                                   sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")])
    }

    @Test func aFileASourceCouldNotReadIsLeftOutOfTheManifestWithANoteNotAFailedRun() throws {
        let folder = try TemporaryFolder()
        try folder.write("abc", to: "gone.txt")
        let file = try folder.write("""
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - { id: notes, adapter: test-list, rows: [a], file: gone.txt, digest: none }
            """, to: "pipeline.yaml")
        let pipeline = try Pipeline(file: file, registry: testRegistry)
        try FileManager.default.removeItem(atPath: folder.path + "/gone.txt")
        let result = try PipelineRunner(pipeline: pipeline, options: .init(outputRoot: folder.path + "/out")).run()
        #expect(result.document.manifest.inputs.isEmpty)
        #expect(result.document.dataQuality.notes.contains { $0.hasPrefix("notes: gone.txt is not in the manifest: cannot open the file") })
    }

    @Test func aSourceThatHashesWhatItReadsIsTakenAtItsWordAndTheRestAreHashedInOrder() throws {
        let folder = try TemporaryFolder()
        try folder.write("abc", to: "a.txt")
        try folder.write("", to: "b.txt")
        let file = try folder.write("""
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - { id: first, adapter: test-list, rows: [a], file: a.txt, digest: from-the-source }
              - { id: second, adapter: test-list, rows: [b], file: b.txt }
            """, to: "pipeline.yaml")
        let result = try PipelineRunner(pipeline: Pipeline(file: file, registry: testRegistry), options: .init(outputRoot: folder.path + "/out")).run()
        #expect(result.document.manifest.inputs == [
            ManifestInput(path: "a.txt", source: "first", bytes: 1, sha256: "from-the-source"),
            ManifestInput(path: "b.txt", source: "second", bytes: 0, sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ])
    }
}
