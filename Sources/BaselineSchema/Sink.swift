import BaselineCore

/// The runtime part of a sink: writes the finished baseline into the output folder.
public protocol Sink: AnyObject {
    /// Sees each batch after the last stage (for sinks that write records); default: ignores it.
    func consume(_ batch: RecordBatch) throws
    /// Writes the sink's files into `folder`, a temporary folder that is renamed into place
    /// only when every sink has succeeded. A sink writes only its own files, and reads
    /// `document` without changing it. It is called on the thread that made the sink, unless
    /// the sink says `writesSideBySide`.
    func write(_ document: BaselineDocument, into folder: OutputFolder) throws
    /// Whether `write` may run on another thread than the one that made the sink, at the same
    /// time as other sinks' `write`: say `true` only when nothing `write` touches is shared
    /// with other sinks or other code (no shared mutable state, no C library that is not
    /// thread-safe), so that two sinks (two of this kind, say) can write at once. Every
    /// built-in sink says `true`. Default: `false`, the safe answer for a sink written before
    /// sinks wrote side by side: it writes on the calling thread, in `sinks:` order with the
    /// others that say `false`, while the sinks that say `true` may use the other thread.
    var writesSideBySide: Bool { get }
    /// Whether the runner starts this sink before the others: one that takes much longer than
    /// the rest (the workbook, whose every part libxlsxwriter deflates) is started first, so
    /// the others fill the other thread meanwhile. Only a sink that `writesSideBySide` is
    /// started early. Default: `false`.
    var startsFirst: Bool { get }
}

extension Sink {
    /// Ignores the batch.
    public func consume(_ batch: RecordBatch) throws {}

    /// Writes on the calling thread.
    public var writesSideBySide: Bool { false }

    /// Started in `sinks:` order.
    public var startsFirst: Bool { false }
}

/// A sink: a plugin that builds a `Sink` from its configuration.
public protocol SinkPlugin: Plugin {
    /// Whether the sink's `consume` takes records (every one the stages pass on). A programme
    /// gives each place only its own areas' observations of a shared file when no sink takes
    /// records (see `AreaRoutedStage`), so a sink that implements `consume` must say `true`.
    /// Default: `false`.
    static var takesRecords: Bool { get }
    /// The names the sink writes inside the output folder (`report.md`, `tables/survey.csv`),
    /// as far as its configuration tells them (its `file:`, `name:` or `folder:`, or their
    /// defaults). Two sinks whose names clash (one file, or a file where the other writes a
    /// folder) fail the pipeline when it is read, at the later sink's line, before any source
    /// is read; the names a sink writes but does not list here are checked as it writes them,
    /// which fails the run only once every source has been read. Default: none.
    static func plannedNames(configuration: Configuration) -> [String]
    /// Builds the sink.
    static func makeSink(configuration: Configuration, context: SinkContext) throws -> any Sink
}

extension SinkPlugin {
    /// Takes no records: `consume` is left as `Sink`'s, which ignores them.
    public static var takesRecords: Bool { false }

    /// None: the sink's names are checked as it writes them.
    public static func plannedNames(configuration: Configuration) -> [String] { [] }
}
