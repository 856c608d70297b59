import BaselineCLI
import BaselinePipeline
import BaselineSchema
import BaselineTestKit
import Foundation
import Testing

/// Every built-in plugin is documented where a newcomer looks for it, from its declarations: a
/// folder named after it whose README starts with the kind and holds the options table made
/// from `options`, and whose `sample.yaml` is the sample configuration, which decodes; and its
/// documented options are exactly the keys its configuration reads.
///
/// `BASELINE_UPDATE_DOCS=1 swift test --skip-build --filter PluginDocumentationTests` rewrites
/// the READMEs' options tables and the `sample.yaml` files from the declarations.
@Suite struct PluginDocumentationTests {
    static let plugins = BuiltinPlugins.registry.all.map(\.kind)

    /// The folder of a built-in plugin: `Sources/<Adapters|Stages|Sinks>/<type name less its role>`.
    static func folder(of plugin: PluginDescription) -> String {
        let (roleFolder, suffix) = switch plugin.role {
        case .source: ("Adapters", "Adapter")
        case .stage: ("Stages", "Stage")
        case .sink: ("Sinks", "Sink")
        }
        return Repository.root + "/Sources/\(roleFolder)/" + String(String(describing: plugin.type).dropLast(suffix.count))
    }

    @Test("Every built-in plugin passes the checks of every plugin", arguments: plugins, PluginConformance.Check.allCases)
    func documented(kind: String, check: PluginConformance.Check) throws {
        let plugin = try #require(BuiltinPlugins.registry.plugin(named: kind))
        var conformance = PluginConformance(plugin.type, sampleBase: Repository.root + "/pipelines", pluginFolder: Self.folder(of: plugin))
        conformance.refreshCommand = "BASELINE_UPDATE_DOCS=1 swift test --skip-build --filter PluginDocumentationTests"
        let issues = conformance.run(check)
        #expect(issues.isEmpty, "\(kind): \(issues.joined(separator: "\n"))")
    }

    @Test("A stage's README states its contract", arguments: BuiltinPlugins.registry.stages.map { $0.kind })
    func contractDocumented(kind: String) throws {
        let plugin = try #require(BuiltinPlugins.registry.plugin(named: kind))
        let readme = try String(contentsOfFile: Self.folder(of: plugin) + "/README.md", encoding: .utf8)
        if let contract = plugin.contract {
            // A stage's README states its contract, every product by name.
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
            // A Bool first, so a failure says which kind, not the whole section it looked in.
            let named = section.contains("`\(plugin.kind)`")
            #expect(named, "README.md's 'What is built in' does not name `\(plugin.kind)`: add a row for it there")
        }
    }
}
