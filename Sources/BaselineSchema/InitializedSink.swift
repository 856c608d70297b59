import BaselineCore

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
