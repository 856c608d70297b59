import BaselineCore
import BaselineSchema

/// The adapters, stages and sinks a `baseline` binary knows, by kind name.
///
/// The built-in list is `BuiltinPlugins.registry` (one file); a third-party package passes a
/// registry with its own plugins added to start the CLI without forking it.
public struct PluginRegistry: Sendable {
    /// Source adapters.
    public var sources: [any SourcePlugin.Type]
    /// Transform stages: record stages and document stages.
    public var stages: [any TransformPlugin.Type]
    /// Sinks.
    public var sinks: [any SinkPlugin.Type]
    /// What reads a pipeline's `outcomes:` file; `nil` when this binary does not know outcomes files.
    public var outcomes: (any OutcomesReader)?

    /// Makes a registry.
    public init(sources: [any SourcePlugin.Type] = [], stages: [any TransformPlugin.Type] = [], sinks: [any SinkPlugin.Type] = [],
                outcomes: (any OutcomesReader)? = nil) {
        self.sources = sources
        self.stages = stages
        self.sinks = sinks
        self.outcomes = outcomes
    }

    /// This registry with another's plugins added (and its outcomes reader, when it has one).
    public func adding(_ other: PluginRegistry) -> PluginRegistry {
        PluginRegistry(sources: sources + other.sources, stages: stages + other.stages, sinks: sinks + other.sinks,
                       outcomes: other.outcomes ?? outcomes)
    }

    /// Every plugin's description, sources first, then stages, then sinks.
    public var all: [PluginDescription] {
        sources.map { PluginDescription(.source, $0) } + stages.map { PluginDescription(.stage, $0) }
            + sinks.map { PluginDescription(.sink, $0) }
    }

    /// Kind names registered more than once, sorted. A pipeline names plugins by kind, so a
    /// clash (a package's plugin named like a built-in) would silently pick one of them.
    public var clashingKinds: [String] {
        // The kind names alone: `all` would copy every plugin's options and sample, and cast
        // each plugin type twice, on every run (the CLI checks this before anything else).
        let kinds = sources.map { $0.kind } + stages.map { $0.kind } + sinks.map { $0.kind }
        var seen = Set<String>(), clashes = Set<String>()
        for kind in kinds where !seen.insert(kind).inserted {
            clashes.insert(kind)
        }
        return clashes.sorted()
    }

    /// The description of the plugin with a kind name, whatever its role.
    public func plugin(named kind: String) -> PluginDescription? {
        all.first { $0.kind == kind }
    }
}

/// What a plugin declares about itself, with its role: for listings and checks.
public struct PluginDescription: Sendable {
    /// Source, stage or sink.
    public let role: PluginRole
    /// The kind name.
    public let kind: String
    /// One line.
    public let summary: String
    /// The version.
    public let version: String
    /// Every option.
    public let options: [OptionDoc]
    /// A sample configuration entry.
    public let sampleConfiguration: String
    /// The plugin type, for decoding its sample.
    public let type: any Plugin.Type
    /// A stage's contract; `nil` for a source or sink.
    public let contract: StageContract?
    /// The kinds of record a source yields; `nil` for a stage or sink.
    public let records: Set<RecordKind>?

    init<P: Plugin>(_ role: PluginRole, _ plugin: P.Type) {
        self.role = role
        self.kind = P.kind
        self.summary = P.summary
        self.version = P.version
        self.options = P.options
        self.sampleConfiguration = P.sampleConfiguration
        self.type = plugin
        self.contract = (plugin as? any TransformPlugin.Type)?.contract
        self.records = (plugin as? any SourcePlugin.Type)?.records
    }
}

/// What part of a pipeline a plugin plays.
public enum PluginRole: String, Sendable, Codable, CaseIterable {
    /// A source adapter (`sources:`).
    case source
    /// A transform stage (`transforms:`).
    case stage
    /// A sink (`sinks:`).
    case sink

    /// The pipeline file's list that holds entries of this role.
    public var section: String {
        switch self {
        case .source: "sources"
        case .stage: "transforms"
        case .sink: "sinks"
        }
    }
}
