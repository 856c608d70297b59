import BaselineCLI
import BaselinePipeline
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

    @Test("The top-level README's 'What is built in' names every registered plugin")
    func readmeNamesEveryPlugin() throws {
        let readme = try String(contentsOfFile: Repository.root + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## What is built in").dropFirst().first?.components(separatedBy: "\n## ").first)
        for plugin in BuiltinPlugins.registry.all {
            #expect(section.contains("`\(plugin.kind)`"), "README.md's 'What is built in' does not name `\(plugin.kind)`")
        }
    }
}
