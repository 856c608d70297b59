import BaselineCLI
import BaselineCore
import BaselinePipeline
import BaselineSchema
import BaselineTestKit
import Foundation
import JSONLines
import Testing

/// The package root, from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path

/// The example adapter passes PlaceBaseline's conformance checks, reads values as worked out by
/// hand, and runs inside the CLI with the built-in plugins.
@Suite struct JSONLinesTests {
    static var fixtures: String {
        get throws { try #require(Bundle.module.resourcePath) + "/Fixtures/json-lines" }
    }

    @Test("json-lines passes every conformance check", arguments: AdapterConformance.Check.allCases)
    func conformance(check: AdapterConformance.Check) throws {
        let conformance = AdapterConformance(JSONLinesAdapter.self, fixtures: try ConformanceFixtures(folder: try Self.fixtures),
                                             sampleBase: packageRoot + "/pipelines", pluginFolder: packageRoot + "/Sources/JSONLines")
        let issues = conformance.run(check)
        #expect(issues.isEmpty, "\(issues.map(\.message).joined(separator: "\n"))")
    }

    @Test("Values, markers and nulls as written in the file; blank lines are not records")
    func values() throws {
        let batch = try readSource(JSONLinesAdapter.self, entry: "path: good.jsonl", base: try Self.fixtures, id: "housing")
        #expect(batch.rejects.isEmpty)
        let observations = batch.records.compactMap { record -> Observation? in
            if case .observation(let o) = record { return o }
            return nil
        }
        #expect(observations.map(\.provenance.line) == [1, 2, 4, 5])
        #expect(observations.map(\.area) == ["E07999001", "E07999001", "E07999002", "E07999002"])
        #expect(observations.map(\.period) == ["2024-25", "2025", "2024-25", "2024-25"])
        #expect(observations.map(\.value) == [.number(212), .missing(.suppressed), .number(0), .missing(.notAvailable)])
    }

    @Test("Flagged values and periods are read as the built-in adapters read them (ValueReader, Period)")
    func flaggedValuesAndPeriods() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("json-lines-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            {"area": "E07999001", "period": "2024/25", "indicator": "x", "value": "12.5 [p]"}
            {"area": "E07999001", "period": "2024", "indicator": "x", "value": "1,234"}
            {"area": "E07999001", "period": "last year", "indicator": "x", "value": 3}

            """.write(toFile: folder + "/flags.jsonl", atomically: true, encoding: .utf8)
        let batch = try readSource(JSONLinesAdapter.self, entry: "path: flags.jsonl", base: folder, id: "housing")
        let observations = batch.records.compactMap { record -> Observation? in
            if case .observation(let o) = record { return o }
            return nil
        }
        #expect(observations.map(\.value) == [.number(12.5), .number(1234)])
        #expect(observations.map { $0.attributes["status"] } == ["provisional", nil])
        #expect(observations.map(\.period) == ["2024-25", "2024"])
        #expect(batch.rejects.map { "\($0.provenance.line ?? 0) \($0.reason)" } == [
            "3 period 'last year' is not one this tool reads (e.g. 2024, 2024/25, 2024 Q1)",
        ])
    }

    @Test("Bad lines are rejected with their line and reason")
    func badLines() throws {
        let batch = try readSource(JSONLinesAdapter.self, entry: "path: bad-records.jsonl", base: try Self.fixtures, id: "housing")
        #expect(batch.records.map(\.provenance.line) == [1, 6])
        #expect(batch.rejects.map { "\($0.provenance.line ?? 0) \($0.reason)" } == [
            "2 value 'about ten' is not a number or a missing-value marker",
            "3 not a JSON object",
            "4 no area code in field 'area'",
            "5 value in field 'value' is not a number",
        ])
    }

    @Test("The CLI lists json-lines beside the built-ins and runs a pipeline with it")
    func cli() throws {
        let binary = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("baseline-custom").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the package first")
        func run(_ arguments: [String]) throws -> (Int32, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: data, as: UTF8.self))
        }
        let (status, listing) = try run(["adapters"])
        #expect(status == 0)
        let sources = listing.components(separatedBy: "\n").prefix { $0 != "transforms:" }.dropFirst().map { $0.split(separator: " ").first.map(String.init) ?? "" }
        #expect(sources.contains("json-lines"))
        #expect(sources.contains("csv-survey"))

        let output = FileManager.default.temporaryDirectory.appendingPathComponent("json-lines-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        let (runStatus, _) = try run(["run", "pipelines/millbrook-housing.yaml", "--output", output, "--quiet"])
        #expect(runStatus == 0)
        let baseline = try Data(contentsOf: URL(fileURLWithPath: output + "/millbrook/2025/baseline.json"))
        let document = try JSONDecoder().decode(BaselineDocument.self, from: baseline)
        let counts = try #require(document.manifest.sources.first)
        #expect(counts.adapter == "json-lines" && counts.read == 3 && counts.passedOn == 3 && counts.quarantined == 0)
    }
}
