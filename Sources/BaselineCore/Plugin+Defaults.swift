// What a plugin need not write: its first version, keys it refuses (none), the factory of a plugin that is its own
// runtime part, and the sample configuration of a sink, made from its options' defaults.

extension Plugin {
    /// 1.0.0: a plugin declares `version` once what it reads or writes changes.
    public static var version: String { "1.0.0" }

    /// None.
    public static var refusedKeys: Set<String> { [] }
}

/// A source adapter that is its own `RecordSource`, built by an initializer: it need not write
/// `makeSource`.
public protocol InitializedSource: SourcePlugin, RecordSource {
    /// Opens the source; throw `BaselineError` for anything that stops it from starting.
    init(configuration: Configuration, context: SourceContext) throws
}

extension InitializedSource {
    /// `Self(configuration:context:)`.
    public static func makeSource(configuration: Configuration, context: SourceContext) throws -> any RecordSource {
        try Self(configuration: configuration, context: context)
    }
}

/// A sink that is its own `Sink`, built from its configuration alone: it need not write
/// `makeSink`.
public protocol InitializedSink: SinkPlugin, Sink {
    /// Makes the sink.
    init(configuration: Configuration)
}

extension InitializedSink {
    /// `Self(configuration:)`.
    public static func makeSink(configuration: Configuration, context: SinkContext) throws -> any Sink {
        Self(configuration: configuration)
    }
}

extension SinkPlugin {
    /// `sink: <kind>` and each option whose default is one plain value (`file: baseline.json`):
    /// the sample of a sink whose options all have defaults, as vector derives its samples from
    /// the configuration. A sink with a required option writes its own.
    public static var sampleConfiguration: String {
        let defaults = options.compactMap { option in
            option.defaultValue.flatMap { OptionDoc.isValue($0) ? "\(option.name): \($0)" : nil }
        }
        return (["sink: \(kind)"] + defaults).joined(separator: "\n")
    }
}
