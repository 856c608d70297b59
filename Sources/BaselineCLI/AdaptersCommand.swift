import ArgumentParser
import BaselineCore
import BaselinePipeline

/// `baseline adapters [KIND]`: the registered adapters, stages and sinks.
struct AdaptersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adapters",
        abstract: "List every registered adapter, stage and sink, or show one's options and sample configuration."
    )

    @Argument(help: "A kind name (e.g. csv-survey) to show its options and a sample configuration.")
    var kind: String?

    @Flag(help: "Print as JSON.")
    var json = false

    @Flag(help: "With a kind: print the parts of its README made from its declarations (the options table, the sample), as they stand in the README.")
    var markdown = false

    func validate() throws {
        if markdown, kind == nil || json { throw ValidationError("--markdown shows one plugin, without --json: baseline adapters <kind> --markdown") }
        guard let kind, BaselineCommand.registry.plugin(named: kind) == nil else { return }
        let names = BaselineCommand.registry.all.map(\.kind)
        let hint = closest(to: kind, in: names).map { "did you mean '\($0)'?" } ?? "see `baseline adapters` for the list"
        throw ValidationError("no adapter, stage or sink called '\(kind)' — \(hint)")
    }

    func run() throws {
        let registry = BaselineCommand.registry
        if let kind, let entry = registry.plugin(named: kind) {
            if markdown {
                print(PluginDocumentation.markdown(of: entry.type), terminator: "")
                return
            }
            print(json ? Self.describe(entry).line : Self.manual(entry), terminator: json ? "\n" : "")
            return
        }
        let plugins = Self.listed(registry)
        if json {
            print(JSONValue.array(plugins.map(Self.describe)).line)
            return
        }
        for role in PluginRole.allCases {
            print("\(role.section):")
            let inRole = plugins.filter { $0.role == role }
            let width = inRole.map(\.kind.count).max() ?? 0
            for plugin in inRole {
                print("  " + plugin.kind.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + plugin.summary)
            }
        }
    }

    /// Every plugin in the order both listings use: sources, stages, sinks, each by kind name.
    static func listed(_ registry: PluginRegistry) -> [PluginDescription] {
        PluginRole.allCases.flatMap { role in registry.all.filter { $0.role == role }.sorted { $0.kind < $1.kind } }
    }

    static func describe(_ plugin: PluginDescription) -> JSONValue {
        .object([
            "kind": .string(plugin.kind), "role": .string(plugin.role.rawValue), "summary": .string(plugin.summary),
            "version": .string(plugin.version), "sample": .string(plugin.sampleConfiguration),
            "records": plugin.records.map { .array(Self.kinds($0).map { .string($0.rawValue) }) } ?? .null,
            "contract": plugin.contract.map { contract in
                .object(["records": .array(Self.kinds(contract.records).map { .string($0.rawValue) }),
                         "requires": .array(contract.requires.map { .string($0.name) }), "uses": .array(contract.uses.map { .string($0.name) }),
                         "provides": .array(contract.provides.map { .string($0.name) })])
            } ?? .null,
            "options": .array(plugin.options.map { option in
                .object(["name": .string(option.name), "type": .string(option.type), "required": .bool(option.required),
                         "default": option.defaultValue.map(JSONValue.string) ?? .null, "help": .string(option.help)])
            }),
        ])
    }

    static func manual(_ plugin: PluginDescription) -> String {
        var text = "\(plugin.kind) (\(plugin.role.rawValue), version \(plugin.version))\n  \(plugin.summary)\n\nOptions:\n"
        for option in plugin.options {
            let requirement = option.defaultValue.map { "default: \($0)" } ?? "required"
            text += "  \(option.name) (\(option.type); \(requirement))\n      \(option.help)\n"
        }
        text += Self.contractText(plugin)
        text += "\nSample (an entry of `\(plugin.role.section):`):\n"
        text += plugin.sampleConfiguration.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { $0.element.isEmpty ? "" : ($0.offset == 0 ? "  - " : "    ") + $0.element }.joined(separator: "\n") + "\n"
        return text
    }

    /// What a source yields, or a stage's contract (what `Pipeline` checks the order against).
    static func contractText(_ plugin: PluginDescription) -> String {
        if let records = plugin.records {
            return "\nYields: \(kinds(records).map(\.described).joined(separator: ", "))\n"
        }
        guard let contract = plugin.contract else { return "" }
        var text = "\nContract:\n  works on: "
        text += contract.records.isEmpty ? "the baseline alone (a document stage)\n" : kinds(contract.records).map(\.described).joined(separator: ", ") + "\n"
        for (label, products) in [("requires", contract.requires), ("uses", contract.uses), ("provides", contract.provides)] where !products.isEmpty {
            text += "  \(label): \(products.map(\.name).joined(separator: ", "))\n"
        }
        return text
    }

    /// Record kinds in their declared order.
    static func kinds(_ set: Set<RecordKind>) -> [RecordKind] {
        RecordKind.allCases.filter(set.contains)
    }
}
