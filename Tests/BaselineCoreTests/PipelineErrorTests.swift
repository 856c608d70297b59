import BaselineCore
import BaselinePipeline
import BaselineSchema
import Foundation
import Testing

/// Every folder of `Fixtures/config-errors/` holds a `pipeline.yaml` with one mistake and
/// `expected.txt`, the one-line error `baseline validate` must give for it (with the file
/// named `pipeline.yaml`).
@Suite struct PipelineErrorTests {
    static let root = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/config-errors")
    static let cases = (try? FileManager.default.contentsOfDirectory(atPath: root.path).sorted()) ?? []

    @Test(arguments: cases)
    func reportsTheMistakeWhereItIs(_ name: String) throws {
        let folder = Self.root.appendingPathComponent(name)
        let file = folder.appendingPathComponent("pipeline.yaml").path
        let expected = try String(contentsOf: folder.appendingPathComponent("expected.txt"), encoding: .utf8)
            .trimmingCharacters(in: .newlines)
        do {
            _ = try Pipeline(file: file, registry: testRegistry)
            Issue.record("\(name): the pipeline was accepted")
        } catch let error as BaselineError {
            let message = error.description.replacingOccurrences(of: file, with: "pipeline.yaml")
                .replacingOccurrences(of: folder.path, with: "FOLDER")
            #expect(message == expected)
        }
    }

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 10)
    }

    @Test func aGoodPipelineDecodes() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("""
            place: { name: Test Town, code: E07000001, slug: testtown }
            period: 2024-25
            benchmarks:
              - { code: E92000001, name: England, role: england }
            sources:
              - { id: notes, adapter: test-list, rows: [a], on_error: skip }
            transforms:
              - stage: test-drop
            sinks:
              - sink: test-notes
            """, to: "p.yaml")
        let pipeline = try Pipeline(file: file, registry: testRegistry)
        #expect(pipeline.placeSlug == "testtown")
        #expect(pipeline.context.period == "2024-25")
        #expect(pipeline.sources.map(\.onError) == [.skip])
        #expect(pipeline.benchmarks == [Area(code: "E92000001", name: "England", role: "england")])
        #expect(pipeline.stages.map(\.kind) == ["test-drop"])
        #expect(pipeline.warnings.isEmpty)
    }

    /// A place called after a name Windows keeps for a device gets a folder it can open:
    /// `output/con/` cannot be made or copied to a Windows share.
    @Test func aPlaceNamedLikeAWindowsDeviceGetsAnotherFolder() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("""
            place: { name: Con, code: E07000001 }
            period: 2025
            sources:
              - { id: notes, adapter: test-list, rows: [a] }
            """, to: "p.yaml")
        #expect(try Pipeline(file: file, registry: testRegistry).placeSlug == "con-place")
        for (name, slug) in [("COM1", "com1-place"), ("Nul", "nul-place"), ("Console", "console"), ("Com", "com"), ("Lpt X", "lpt-x")] {
            let other = try folder.write(String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
                .replacingOccurrences(of: "name: Con,", with: "name: \(name),"), to: "other.yaml")
            #expect(try Pipeline(file: other, registry: testRegistry).placeSlug == slug, "\(name)")
        }
    }

    /// "Ynys Môn" typed with `ô` as one character or as `o` and a combining circumflex is the
    /// same name and must be the same folder: a try-out's two years of one place went to two
    /// folders that looked alike, and `index` showed one of them.
    @Test func aNameInEitherUnicodeFormGivesOneFolder() throws {
        let folder = try TemporaryFolder()
        let composed = "Ynys M\u{F4}n", decomposed = "Ynys Mo\u{302}n"
        var slugs = [[UInt8]]()
        for (index, name) in [composed, decomposed].enumerated() {
            let file = try folder.write("""
                place: { name: \(name), code: W06000001 }
                period: 202\(index + 5)
                sources:
                  - { id: notes, adapter: test-list, rows: [a] }
                """, to: "p\(index).yaml")
            slugs.append(Array(try Pipeline(file: file, registry: testRegistry).placeSlug.utf8))
        }
        let expected = Array("ynys-m\u{F4}n".utf8)
        #expect(slugs == [expected, expected])
        // A slug given in decomposed form is composed too, in a pipeline and in a places file.
        let given = try folder.write("""
            place: { name: Anglesey, code: W06000001, slug: "ynys-mo\u{302}n" }
            period: 2025
            sources:
              - { id: notes, adapter: test-list, rows: [a] }
            """, to: "given.yaml")
        #expect(Array(try Pipeline(file: given, registry: testRegistry).placeSlug.utf8) == expected)
        let places = try folder.write("code,name,slug\nW06000001,Anglesey,ynys-mo\u{302}n\nW06000002,\(decomposed) North,\n", to: "places.csv")
        let read = try PlacesFile(path: places, resolved: places).places.map { Array($0.slug.utf8) }
        #expect(read == [expected, Array("ynys-m\u{F4}n-north".utf8)])
    }

    /// Issue 16: the names to redact are one list, the pipeline's `privacy:`, handed to every
    /// stage in its context (redact and code-themes both read it from there).
    @Test func thePrivacyBlockIsOneListForEveryStage() throws {
        let folder = try TemporaryFolder()
        _ = try folder.write("# the names\nMaureen Hughes\n\nDev Patel\n", to: "names.txt")
        let file = try folder.write("""
            place: { name: Test Town, code: E07000001 }
            period: 2025
            privacy:
              names: [Sarah Okafor]
              names_file: names.txt
            sources:
              - { id: notes, adapter: test-list, rows: [a] }
            sinks:
              - sink: test-notes
            """, to: "p.yaml")
        let pipeline = try Pipeline(file: file, registry: testRegistry)
        #expect(pipeline.context.privacy.allNames == ["Sarah Okafor", "Maureen Hughes", "Dev Patel"])
        let none = try folder.write("""
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - { id: notes, adapter: test-list, rows: [a] }
            sinks:
              - sink: test-notes
            """, to: "q.yaml")
        #expect(try Pipeline(file: none, registry: testRegistry).context.privacy.allNames.isEmpty)
    }

    @Test("a pipeline with no sinks runs, with a warning at its top that no baseline will be written")
    func noSinks() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("""
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - { id: notes, adapter: test-list, rows: [a] }
            """, to: "p.yaml")
        let pipeline = try Pipeline(file: file, registry: testRegistry)
        #expect(pipeline.warnings.map(\.warning) == [
            "\(file):1:1: warning: the pipeline has no sinks: the data is read and checked, and rejects are written, but no baseline"
                + " — add e.g. `sinks: [{ sink: dashboard-json }, { sink: text-report }]`",
        ])
    }

    @Test func clashingKindsAreFound() {
        #expect(testRegistry.clashingKinds.isEmpty)
        #expect(testRegistry.adding(PluginRegistry(sources: [ListSource.self])).clashingKinds == ["test-list"])
    }

    @Test func samplesOfTheTestPluginsDecode() throws {
        for plugin in testRegistry.all {
            try Pipeline.decodeSample(of: plugin.type, base: "/")
        }
    }
}
