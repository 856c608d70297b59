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

    func run() throws {
        let registry = BaselineCommand.registry
        if let kind {
            guard let entry = registry.plugin(named: kind) else {
                let names = registry.all.map(\.kind)
                let hint = closest(to: kind, in: names).map { "did you mean '\($0)'?" } ?? "see `baseline adapters`"
                throw BaselineError("no adapter, stage or sink called '\(kind)'", hint: hint)
            }
            if json {
                print(Self.describe(entry).line)
            } else {
                print(Self.manual(entry), terminator: "")
            }
            return
        }
        if json {
            print(JSONValue.array(registry.all.map(Self.describe)).line)
            return
        }
        for role in PluginRole.allCases {
            print("\(role.section):")
            let plugins = registry.all.filter { $0.role == role }.sorted { $0.kind < $1.kind }
            let width = plugins.map(\.kind.count).max() ?? 0
            for plugin in plugins {
                print("  " + plugin.kind.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + plugin.summary)
            }
        }
    }

    static func describe(_ plugin: PluginDescription) -> JSONValue {
        .object([
            "kind": .string(plugin.kind), "role": .string(plugin.role.rawValue), "summary": .string(plugin.summary),
            "version": .string(plugin.version), "sample": .string(plugin.sampleConfiguration),
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
        text += "\nSample (an entry of `\(plugin.role.section):`):\n"
        text += plugin.sampleConfiguration.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .map { ($0.offset == 0 ? "  - " : "    ") + $0.element }.joined(separator: "\n") + "\n"
        return text
    }
}
