import BaselineCLI
import BaselinePipeline
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
