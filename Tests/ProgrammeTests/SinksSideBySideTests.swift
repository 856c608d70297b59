import BaselineCLI
import BaselineCore
import BaselineHandoff
import BaselinePipeline
import BaselineSchema
import Foundation
import Testing

/// The built-in sinks writing side by side (`PipelineRunner.Options.sinkThreads`), in this
/// process, so that `make tsan` watches them: the Millbrook sample with its five sinks and two
/// more workbooks (libxlsxwriter twice at once) gives byte for byte the files it gives with the
/// sinks one after another.
@Suite struct SinksSideBySideTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func sideBySideWritesWhatOneAfterAnotherWrites() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-sinks-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let samples = Self.root.appendingPathComponent("samples").path
        let text = try String(contentsOf: Self.root.appendingPathComponent("pipelines/millbrook-2025.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "../samples", with: samples)
            .replacingOccurrences(of: "  - sink: workbook\n", with: "  - sink: workbook\n  - { sink: workbook, file: second.xlsx }\n  - { sink: workbook, file: third.xlsx }\n")
        let file = scratch.appendingPathComponent("millbrook.yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        var folders = [String]()
        for threads in [1, 2] {
            let options = PipelineRunner.Options(outputRoot: scratch.appendingPathComponent("out-\(threads)").path, sinkThreads: threads)
            folders.append(try PipelineRunner(pipeline: Pipeline(file: file, registry: BuiltinPlugins.registry), options: options).run().folder)
        }
        let names = try Self.files(in: folders[0])
        #expect(names.contains("baseline.xlsx") && names.contains("third.xlsx") && names.contains("report.txt") && names.contains("tables/survey.csv"))
        #expect(try Self.files(in: folders[1]) == names)
        for name in names {
            let one = try Data(contentsOf: URL(fileURLWithPath: folders[0] + "/" + name))
            let two = try Data(contentsOf: URL(fileURLWithPath: folders[1] + "/" + name))
            #expect(one == two, "\(name) differs when the sinks write side by side")
        }
        let workbook = try Data(contentsOf: URL(fileURLWithPath: folders[1] + "/baseline.xlsx"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folders[1] + "/third.xlsx")) == workbook)
    }

    @Test("Every built-in sink says it writes side by side")
    func builtInsWriteSideBySide() throws {
        let sinks = try Self.pipelineWithEveryBuiltinSink(in: #function).sinks
        #expect(Array(sinks.map(\.kind).prefix(5)) == ["dashboard-json", "text-report", "html-dashboard", "csv-tables", "workbook"])
        #expect(Set(sinks.map(\.kind)) == Set(BuiltinPlugins.registry.sinks.map { $0.kind }))
        for sink in sinks { #expect(try sink.make().writesSideBySide, "\(sink.kind)") }
    }

    @Test("A sink that did not say it writes side by side writes on the runner's thread, in order, while those that did share two")
    func sinksNotSideBySideStayOnTheCaller() throws {
        let tag = UUID().uuidString
        // Four sinks of a package that keep to the caller, among the built-ins, and two that say
        // they write side by side and each wait for the other: both threads are in use.
        let added = (1...4).map { "  - { sink: noting-sink, tag: \(tag), number: \($0) }\n" }
        let meeting = (1...2).map { "  - { sink: meeting-sink, tag: \(tag), number: \($0) }\n" }
        let pipeline = try Self.pipeline(adding: added[0] + meeting[0] + added[1] + added[2] + meeting[1] + added[3], in: #function)
        let caller = UInt(pthread_self())
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-sinks-\(tag)")
        defer { try? FileManager.default.removeItem(at: output) }
        _ = try PipelineRunner(pipeline: pipeline, options: PipelineRunner.Options(outputRoot: output.path, sinkThreads: 2)).run()
        let noted = SinkThreads.noted(tag)
        #expect(noted.filter { $0.kind == "noting-sink" }.map(\.number) == [1, 2, 3, 4])
        #expect(noted.filter { $0.kind == "noting-sink" }.allSatisfy { $0.thread == caller }, "a sink that did not say it writes side by side ran on another thread")
        let met = noted.filter { $0.kind == "meeting-sink" }
        #expect(met.count == 2 && met[0].thread != met[1].thread && !met.contains { $0.timedOut }, "the sinks that said so did not write side by side")
    }

    /// The Millbrook sample's pipeline with `extra` (entries of `sinks:`) after its sinks, its
    /// registry the built-ins and this suite's sinks; written under a scratch folder for `test`.
    static func pipeline(adding extra: String, in test: String) throws -> Pipeline {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-sinks-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let samples = Self.root.appendingPathComponent("samples").path
        let text = try String(contentsOf: Self.root.appendingPathComponent("pipelines/millbrook-2025.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "../samples", with: samples)
            .replacingOccurrences(of: "  - sink: workbook\n", with: "  - sink: workbook\n" + extra)
        let file = scratch.appendingPathComponent("millbrook.yaml").path
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let registry = BuiltinPlugins.registry.adding(PluginRegistry(sinks: [NotingSink.self, MeetingSink.self]))
        return try Pipeline(file: file, registry: registry)
    }

    /// The Millbrook sample with every built-in sink: its own five, and after them, with their
    /// defaults, any registered since (so that a new sink is checked without editing this file).
    static func pipelineWithEveryBuiltinSink(in test: String) throws -> Pipeline {
        let sample = Set(try pipeline(adding: "", in: test).sinks.map(\.kind))
        let others = BuiltinPlugins.registry.sinks.map { $0.kind }.filter { !sample.contains($0) }
        return try pipeline(adding: others.map { "  - sink: \($0)\n" }.joined(), in: test)
    }

    /// Every file under `folder`, by its path inside it, sorted.
    static func files(in folder: String) throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var names = [String]()
        while let name = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + name, isDirectory: &isFolder), !isFolder.boolValue { names.append(name) }
        }
        return names.sorted()
    }
}

/// What the test sinks noted when they wrote, by the tag of the test that made them.
enum SinkThreads {
    struct Note: Sendable {
        var kind: String
        var number: Int
        var thread: UInt
        var timedOut = false
    }

    private static let notes = Locked([String: [Note]]())
    /// The two meeting sinks' arrivals, by tag.
    private static let arrivals = Locked([String: [DispatchSemaphore]]())

    static func note(_ note: Note, tag: String) {
        notes.withLock { $0[tag, default: []].append(note) }
    }

    static func noted(_ tag: String) -> [Note] {
        notes.withLock { $0[tag] ?? [] }
    }

    static func arrival(_ number: Int, tag: String) -> DispatchSemaphore {
        arrivals.withLock { arrivals in
            if arrivals[tag] == nil { arrivals[tag] = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)] }
            return arrivals[tag]![number - 1]
        }
    }
}

/// The configuration of the test sinks: the test's tag and the sink's number in it.
struct NotingConfiguration: Decodable, Sendable {
    var tag: String
    var number: Int
}

/// A package's sink written before sinks wrote side by side: it says nothing, and notes the
/// thread it writes on.
final class NotingSink: InitializedSink {
    typealias Configuration = NotingConfiguration
    static let kind = "noting-sink"
    static let summary = "Notes the thread it writes on (tests)"
    static let options = [OptionDoc("tag", "text", "The test."), OptionDoc("number", "integer", "The sink.")]

    let configuration: NotingConfiguration

    init(configuration: NotingConfiguration) {
        self.configuration = configuration
    }

    func write(_ document: BaselineDocument, into folder: OutputFolder) throws {
        // A little slow, so the other thread, once free, would take the next if it could.
        usleep(2_000)
        SinkThreads.note(.init(kind: Self.kind, number: configuration.number, thread: UInt(pthread_self())), tag: configuration.tag)
    }
}

/// A sink that says it writes side by side; the two of a test each wait for the other.
final class MeetingSink: InitializedSink {
    typealias Configuration = NotingConfiguration
    static let kind = "meeting-sink"
    static let summary = "Waits for the other meeting sink (tests)"
    static let options = [OptionDoc("tag", "text", "The test."), OptionDoc("number", "integer", "The sink: 1 or 2.")]

    let configuration: NotingConfiguration

    init(configuration: NotingConfiguration) {
        self.configuration = configuration
    }

    var writesSideBySide: Bool { true }

    func write(_ document: BaselineDocument, into folder: OutputFolder) throws {
        let (tag, number) = (configuration.tag, configuration.number)
        SinkThreads.arrival(number, tag: tag).signal()
        let timedOut = SinkThreads.arrival(3 - number, tag: tag).wait(timeout: .now() + 20) == .timedOut
        SinkThreads.note(.init(kind: Self.kind, number: number, thread: UInt(pthread_self()), timedOut: timedOut), tag: tag)
    }
}
