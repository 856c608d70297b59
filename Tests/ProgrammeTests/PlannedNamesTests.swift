import BaselineCLI
import BaselineCore
import BaselinePipeline
import BaselineSchema
import BaselineTestKit
import Foundation
import Testing

/// The names the sinks' configurations say they write (`SinkPlugin.plannedNames`), checked
/// against each other when the pipeline is read.
@Suite struct PlannedNamesTests {
    /// A pipeline of one source (`on_error` as given) and `sinks`, read with the built-ins.
    func pipeline(sinks: String, onError: String = "quarantine") throws -> Pipeline {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-planned-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        try "area,period,value\n".write(to: scratch.appendingPathComponent("figures.csv"), atomically: true, encoding: .utf8)
        let file = scratch.appendingPathComponent("p.yaml").path
        try """
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - { id: figures, adapter: csv-indicators, path: figures.csv, on_error: \(onError) }
            sinks:
            \(sinks)
            """.write(toFile: file, atomically: true, encoding: .utf8)
        return try Pipeline(file: file, registry: BuiltinPlugins.registry)
    }

    @Test("Two sinks naming one file fail when the pipeline is read, at the later sink's line")
    func oneFileTwice() throws {
        let error = try #require(throws: BaselineError.self) {
            try pipeline(sinks: "  - { sink: text-report, name: brief }\n  - sink: workbook\n  - { sink: dashboard-json, file: brief.md }")
        }
        #expect(error.message == "sink 'text-report' (line 6) and sink 'dashboard-json' (line 8) both write 'brief.md': the later would overwrite the earlier")
        #expect((error.line, error.column) == (8, 7))
        #expect(error.file?.hasSuffix("/p.yaml") == true)
        #expect(error.hint == "give one of them another name (its `file:`, `folder:` or `name:` option), or remove one")
    }

    @Test("A sink's file where another's folder is, either way round")
    func fileAndFolder() throws {
        for sinks in ["  - { sink: csv-tables, folder: out }\n  - { sink: html-dashboard, file: out }",
                      "  - { sink: html-dashboard, file: out }\n  - { sink: csv-tables, folder: out }"] {
            let error = try #require(throws: BaselineError.self) { try pipeline(sinks: sinks) }
            #expect(error.message.contains("are in each other's way: one writes the file 'out', the other 'out/indicators.csv' inside a folder of that name"))
            #expect(error.line == 7)
        }
    }

    @Test("A sink's file over a source's rejects fails, unless the source does not quarantine")
    func rejects() throws {
        let sinks = "  - { sink: dashboard-json, file: rejects/figures.csv }"
        let error = try #require(throws: BaselineError.self) { try pipeline(sinks: sinks) }
        #expect(error.message == "the rejects of the sources and sink 'dashboard-json' (line 6) both write 'rejects/figures.csv': the later would overwrite the earlier")
        #expect(error.line == 6)
        #expect(try pipeline(sinks: sinks, onError: "skip").sinks.count == 1)
    }

    @Test("Sinks whose names differ, or share a folder without sharing a file, read")
    func noClash() throws {
        let read = try pipeline(sinks: """
              - { sink: text-report, name: a }
              - { sink: text-report, name: b }
              - sink: csv-tables
              - { sink: dashboard-json, file: tables/extra.json }
              - { sink: workbook, file: tables/extra.xlsx }
              - sink: html-dashboard
            """)
        #expect(read.sinks.count == 6)
    }

    @Test("Every built-in sink plans the files it writes, all of them")
    func builtInsPlanWhatTheyWrite() throws {
        let pipeline = try SinksSideBySideTests.pipelineWithEveryBuiltinSink(in: #function)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-planned-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let folder = try PipelineRunner(pipeline: pipeline, options: .init(outputRoot: output.path)).run().folder
        let written = try SinksSideBySideTests.files(in: folder).filter { !$0.hasPrefix("rejects/") }
        func planned<P: SinkPlugin>(_ plugin: P.Type) throws -> [String] {
            P.plannedNames(configuration: try decodeConfiguration(P.self, entry: "{}", base: SinksSideBySideTests.root.path))
        }
        let names = try BuiltinPlugins.registry.sinks.flatMap { try planned($0) }
        #expect(Set(pipeline.sinks.map(\.kind)) == Set(BuiltinPlugins.registry.sinks.map { $0.kind }))
        #expect(names.sorted() == written)
        #expect(written.contains("baseline.xlsx") && written.contains("tables/survey-options.csv") && written.contains("report.txt"))
    }
}
