@testable import BaselineCLI
import BaselineCore
@testable import BaselineHandoff
import BaselineTestKit
import Foundation
import Testing
@testable import BaselinePipeline

/// What a run does when the system will not start one of its threads (a limit on threads or
/// processes reached): never wait for ever. The refusals are made by `DetachedThread.refusing`,
/// for the starts this test makes from its own thread.
@Suite(.timeLimit(.minutes(1))) struct ThreadStartTests {
    func refusing<T>(_ names: Set<String>, _ body: () throws -> T) rethrows -> T {
        try DetachedThread.$refusing.withValue({ names.contains($0) }, operation: body)
    }

    @Test("The sinks' second thread refused: they all write on the caller, the same files")
    func sinksWithoutTheirThread() throws {
        let pipeline = try SinksSideBySideTests.pipeline(adding: "", in: #function)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-threads-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let alone = try refusing(["sinks 1"]) {
            try PipelineRunner(pipeline: pipeline, options: .init(outputRoot: output.path + "/alone", sinkThreads: 2)).run().folder
        }
        let together = try PipelineRunner(pipeline: pipeline, options: .init(outputRoot: output.path + "/together", sinkThreads: 2)).run().folder
        let names = try SinksSideBySideTests.files(in: together)
        let written = try SinksSideBySideTests.files(in: alone)
        #expect(names.count > 10 && written == names)
        for name in names {
            #expect(FileManager.default.contents(atPath: alone + "/" + name) == FileManager.default.contents(atPath: together + "/" + name), "\(name)")
        }
    }

    @Test("An XML reader's thread refused: the run fails with the reason, and what to do")
    func xmlReaderWithoutItsThread() throws {
        let pipeline = try SinksSideBySideTests.pipeline(adding: "", in: #function)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-threads-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let error = try #require(throws: ThreadStartError.self) {
            try refusing(["libxml2 reader"]) { try PipelineRunner(pipeline: pipeline, options: .init(outputRoot: output.path)).run() }
        }
        #expect(error.name == "libxml2 reader")
        #expect(BaselineCommand.described(error).description == "error: cannot start a thread (libxml2 reader): Resource temporarily unavailable — "
            + "the system allows no more threads (its limit on processes, `ulimit -u`, or its memory): raise the limit, or run less at once "
            + "(a programme starts a thread for each place)")
        #expect(!FileManager.default.fileExists(atPath: output.path + "/millbrook/2025"))
    }

    @Test("A shared source's reader refused: every place meets the error at its first batch, and finishing returns")
    func sharedSourceWithoutItsReader() throws {
        let batches = (0..<5).map { _ in RecordBatch() }
        let shared = SharedSource(ArraySource(batches: batches), places: 2, depth: 1, onRead: { _ in })
        refusing(["shared source"]) { shared.start() }
        for place in 0..<2 {
            #expect(throws: ThreadStartError.self) { try shared.next(for: place) }
            shared.leave(place)
        }
        shared.finish()
    }

    @Test("A place's thread refused: that place fails with the reason, the other is written; the shared reader refused: both fail")
    func programmeWithoutAThread() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-threads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try Data(AreaRoutingTests.nationalFile().utf8).write(to: scratch.appendingPathComponent("national.csv"))
        try Data("""
            indicators:
              - { id: IND1, name: First, unit: "%", value_type: proportion, polarity: high_is_good, theme: test }
              - { id: IND2, name: Second, unit: "%", value_type: proportion, polarity: low_is_good, theme: test }

            """.utf8).write(to: scratch.appendingPathComponent("catalogue.yaml"))
        let programme = try AreaRoutingTests.programme(sources: AreaRoutingTests.national + "\n    max_rejected: 10%", transforms: """
              - stage: indicators
                catalogue: catalogue.yaml
                aggregate: mean_by_indicator_period
              - stage: benchmark
            """, in: scratch)
        let places = programme.placesFile.places
        #expect(places.map(\.slug) == ["one", "two"])
        let runner = ProgrammeRunner(programme: programme, options: .init(outputRoot: scratch.path + "/out", jobs: 2))
        let outcomes = refusing(["place one"]) { runner.run(places) }
        #expect(outcomes[0].error?.description.hasPrefix("error: cannot start a thread (place one): Resource temporarily unavailable — ") == true,
                "\(String(describing: outcomes[0].error))")
        #expect(outcomes[1].error == nil && FileManager.default.fileExists(atPath: scratch.path + "/out/two/2024/baseline.json"))
        let unread = refusing(["shared source"]) { runner.run(places) }
        #expect(unread.allSatisfy { $0.error?.message.hasPrefix("cannot start a thread (shared source)") == true }, "\(unread.map(\.error))")
    }
}
