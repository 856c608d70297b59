import BaselineCLI
import BaselinePipeline
import Foundation
import Testing

/// Every built-in stage and sink is documented where a newcomer looks for it: a folder named
/// after it holding a README that names the kind and every option, and a `sample.yaml` that is
/// the plugin's own sample configuration and decodes like a pipeline entry.
@Suite struct StageAndSinkDocumentationTests {
    static let plugins = BuiltinPlugins.registry.all.filter { $0.role != .source }.map(\.kind)

    @Test("Stages and sinks are documented", arguments: plugins)
    func documented(kind: String) throws {
        let plugin = try #require(BuiltinPlugins.registry.plugin(named: kind))
        let suffix = plugin.role == .stage ? "Stage" : "Sink"
        let name = String(String(describing: plugin.type).dropLast(suffix.count))
        let folder = Repository.root + "/Sources/\(plugin.role == .stage ? "Stages" : "Sinks")/\(name)"
        let readme = try String(contentsOfFile: folder + "/README.md", encoding: .utf8)
        #expect(readme.hasPrefix("# \(kind)\n"), "\(folder)/README.md should start with '# \(kind)'")
        for option in plugin.options {
            #expect(readme.contains("`\(option.name)`"), "\(kind): README.md does not document `\(option.name)`")
        }
        let sample = try String(contentsOfFile: folder + "/sample.yaml", encoding: .utf8)
        #expect(sample.trimmingCharacters(in: .whitespacesAndNewlines) == plugin.sampleConfiguration.trimmingCharacters(in: .whitespacesAndNewlines),
                "\(kind): sample.yaml differs from the sample configuration")
        try Pipeline.decodeSample(of: plugin.type, base: Repository.root + "/pipelines")
    }

    @Test("The top-level README's 'What is built in' names every registered plugin")
    func readmeNamesEveryPlugin() throws {
        let readme = try String(contentsOfFile: Repository.root + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## What is built in").dropFirst().first?.components(separatedBy: "\n## ").first)
        for plugin in BuiltinPlugins.registry.all {
            #expect(section.contains("`\(plugin.kind)`"), "README.md's 'What is built in' does not name `\(plugin.kind)`")
        }
    }
}
