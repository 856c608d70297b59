import BaselineCLI
import BaselinePipeline
import BaselineTestKit
import Foundation
import Testing

/// Every source adapter in `BuiltinPlugins.registry` passes every conformance check.
///
/// The registry is the table: a newly registered adapter is checked without touching this file,
/// and fails until `Fixtures/<kind>/` holds its fixtures (see `ConformanceFixtures`).
@Suite struct BuiltinConformanceTests {
    /// The kind names of every built-in source adapter.
    static let kinds = BuiltinPlugins.registry.sources.map { $0.kind }

    /// The conformance checks of one built-in adapter.
    static func conformance(_ kind: String) throws -> AdapterConformance {
        let plugin = try #require(BuiltinPlugins.registry.sources.first { $0.kind == kind })
        let folder = try #require(Bundle.module.resourcePath) + "/Fixtures/\(kind)"
        try #require(FileManager.default.fileExists(atPath: folder), "add conformance fixtures for \(kind) in Tests/ConformanceTests/Fixtures/\(kind)/")
        let typeName = String(describing: plugin)
        return AdapterConformance(plugin, fixtures: try ConformanceFixtures(folder: folder),
                                  sampleBase: Repository.root + "/pipelines",
                                  pluginFolder: Repository.root + "/Sources/Adapters/" + typeName.replacingOccurrences(of: "Adapter", with: ""),
                                  registry: BuiltinPlugins.registry,
                                  pipelineTail: "sinks:\n  - sink: dashboard-json\n  - sink: text-report\n")
    }

    @Test("Built-in adapters pass every conformance check", arguments: kinds, AdapterConformance.Check.allCases)
    func builtinAdapterPasses(kind: String, check: AdapterConformance.Check) throws {
        let issues = try Self.conformance(kind).run(check)
        #expect(issues.isEmpty, "\(kind): \(issues.map(\.message).joined(separator: "\n"))")
    }

    @Test("Every fixture folder belongs to a registered adapter")
    func noOrphanFixtures() throws {
        let folder = try #require(Bundle.module.resourcePath) + "/Fixtures"
        let folders = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }
        #expect(Set(folders).subtracting(Self.kinds).isEmpty, "fixtures for unregistered kinds: \(Set(folders).subtracting(Self.kinds).sorted())")
    }
}

/// Where the package is, from this file's path.
enum Repository {
    /// The package root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
}
