import BaselineCLI
import BaselinePipeline
import BaselineTestKit
import Foundation
import Testing

/// Every plugin folder under `Sources/{Adapters,Stages,Sinks}/` is registered in the two places
/// a built-in plugin needs, and a missing one is named with the line to add:
///
/// - a row of the `builtinPlugins` table in `Package.swift` (its target, its test target and the
///   CLI's dependency on it are made from that row);
/// - a line in `Sources/BaselineCLI/BuiltinPlugins.swift`, with its import.
@Suite struct RegistrationTests {
    /// A plugin folder: its role folder (`Adapters`) and its name (`CSVSurvey`).
    struct Folder: CustomStringConvertible, Sendable {
        var roleFolder: String
        var name: String

        var description: String { "Sources/\(roleFolder)/\(name)" }

        /// The table row's function, the type-name suffix and the registry's list for the role.
        var role: (row: String, suffix: String, list: String, role: PluginRole) {
            switch roleFolder {
            case "Adapters": ("adapter", "Adapter", "sources", .source)
            case "Stages": ("stage", "Stage", "stages", .stage)
            default: ("sink", "Sink", "sinks", .sink)
            }
        }
    }

    /// Every plugin folder in the source tree.
    static let folders: [Folder] = ["Adapters", "Stages", "Sinks"].flatMap { roleFolder in
        let path = Repository.root + "/Sources/" + roleFolder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { Folder(roleFolder: roleFolder, name: $0) }
    }

    /// The rows of `builtinPlugins` in Package.swift, as `adapter CSVSurvey`.
    static func tableRows() throws -> Set<String> {
        let manifest = try String(contentsOfFile: Repository.root + "/Package.swift", encoding: .utf8)
        guard let table = manifest.components(separatedBy: "let builtinPlugins: [BuiltinPlugin] = [").dropFirst().first?
            .components(separatedBy: "\n]").first else { return [] }
        let row = /\.(adapter|stage|sink)\("([A-Za-z0-9]+)"/
        return Set(table.matches(of: row).map { "\($0.output.1) \($0.output.2)" })
    }

    @Test("Every plugin folder has a row in Package.swift's builtinPlugins table")
    func tableRow() throws {
        #expect(!Self.folders.isEmpty)
        let rows = try Self.tableRows()
        for folder in Self.folders where !rows.contains("\(folder.role.row) \(folder.name)") {
            Issue.record("""
                \(folder) has no row in Package.swift's `builtinPlugins` table: add \
                `.\(folder.role.row)("\(folder.name)", [the modules it uses besides those every \(folder.role.row) gets])`
                """)
        }
    }

    @Test("Every plugin folder is registered in BuiltinPlugins.swift under the kind its name spells")
    func registryLine() throws {
        for folder in Self.folders {
            let typeName = folder.name + folder.role.suffix
            guard let plugin = BuiltinPlugins.registry.all.first(where: { String(describing: $0.type) == typeName }) else {
                Issue.record("""
                    \(folder) is not registered: add `\(typeName).self,` to `\(folder.role.list):` in \
                    Sources/BaselineCLI/BuiltinPlugins.swift, and `import \(folder.name)` at its top
                    """)
                continue
            }
            #expect(plugin.role == folder.role.role, "\(typeName) is in the wrong list of BuiltinPlugins.swift: move it to `\(folder.role.list):`")
            #expect(plugin.kind == AdapterConformance.kebab(folder.name),
                    "\(typeName) has kind '\(plugin.kind)', but its folder \(folder) spells '\(AdapterConformance.kebab(folder.name))': rename one")
        }
    }

    @Test("Every registered plugin has its folder")
    func folderOfEachPlugin() {
        let names = Set(Self.folders.map { $0.name + $0.role.suffix })
        for plugin in BuiltinPlugins.registry.all where !names.contains(String(describing: plugin.type)) {
            Issue.record("\(plugin.type) (`\(plugin.kind)`) has no folder under Sources/{Adapters,Stages,Sinks}/ named after it")
        }
    }
}
