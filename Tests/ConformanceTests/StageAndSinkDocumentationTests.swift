import BaselineCLI
import BaselinePipeline
import BaselineSchema
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
        if let contract = plugin.contract {
            // Issue 17: a stage's README states its contract, every product by name.
            let section = readme.components(separatedBy: "\n## Contract\n").dropFirst().first?.components(separatedBy: "\n## ").first ?? ""
            #expect(!section.isEmpty, "\(kind): README.md has no '## Contract' section")
            for (label, products) in [("requires", contract.requires), ("uses", contract.uses), ("provides", contract.provides)] {
                #expect(products.isEmpty || section.contains("| \(label) |"), "\(kind): README.md's contract does not say what it \(label)")
                for product in products {
                    #expect(section.contains("`\(product.name)`"), "\(kind): README.md's contract does not name `\(product.name)`")
                }
            }
            #expect(section.contains(contract.records.isEmpty ? "A document stage" : "| works on |"), "\(kind): README.md's contract does not say what it works on")
        }
        let sample = try String(contentsOfFile: folder + "/sample.yaml", encoding: .utf8)
        #expect(sample.trimmingCharacters(in: .whitespacesAndNewlines) == plugin.sampleConfiguration.trimmingCharacters(in: .whitespacesAndNewlines),
                "\(kind): sample.yaml differs from the sample configuration")
        try Pipeline.decodeSample(of: plugin.type, base: Repository.root + "/pipelines")
    }

    /// Issue 17: what a built-in stage requires or uses, a built-in stage provides, and a
    /// document stage (one that sees no record) is exactly the stages built as one.
    @Test("Every built-in stage's needs are provided by a built-in stage, and document stages work on no record")
    func contractsHold() throws {
        let stages = BuiltinPlugins.registry.stages
        let provided = Set(stages.flatMap { $0.contract.provides })
        for stage in stages {
            for product in stage.contract.requires + stage.contract.uses {
                #expect(provided.contains(product), "\(stage.kind) needs '\(product.name)', which no built-in stage provides")
            }
            #expect((stage is any DocumentStagePlugin.Type) == stage.contract.records.isEmpty,
                    "\(stage.kind): a document stage, and only one, works on no record")
        }
        #expect(stages.filter { $0 is any DocumentStagePlugin.Type }.map { $0.kind }.sorted() == ["benchmark", "priorities"])
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
