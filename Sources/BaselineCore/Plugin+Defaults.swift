// What a plugin need not write: its first version, keys it refuses (none), and the factory of a
// source that is its own runtime part. (A sink's are in BaselineSchema, beside `SinkPlugin`.)

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
