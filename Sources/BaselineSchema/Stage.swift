import BaselineCore

/// The runtime part of a transform stage.
///
/// A stage sees every batch in order and may change, drop (to `rejects`, never silently) or
/// add records. When the sources are exhausted, `flush` lets a stage that holds records back
/// (a roll-up of small areas, say) send them on through the later stages; then `finish` adds
/// the stage's results to the baseline. Every method has a default that passes everything on
/// and adds nothing, so a stage writes just the ones it needs.
public protocol Stage: AnyObject {
    /// Processes one batch and returns what goes on to the next stage.
    ///
    /// The batch is `consuming`: the runner hands it over, so a stage that changes its records
    /// in place changes the only copy instead of copying every record first.
    func process(_ batch: consuming RecordBatch) throws -> RecordBatch
    /// Returns records made from everything seen, once the sources are exhausted; they go
    /// through the later stages like any batch.
    func flush() throws -> RecordBatch
    /// Adds the stage's results to the baseline once every batch has been seen.
    func finish(into document: inout BaselineDocument) throws
}

extension Stage {
    /// Passes the batch on unchanged.
    public func process(_ batch: consuming RecordBatch) throws -> RecordBatch { batch }
    /// Holds nothing back.
    public func flush() throws -> RecordBatch { RecordBatch() }
    /// Adds nothing.
    public func finish(into document: inout BaselineDocument) throws {}
}

/// A transform stage: a plugin that builds a `Stage` from its configuration.
public protocol StagePlugin: Plugin {
    /// Builds the stage.
    static func makeStage(configuration: Configuration, context: StageContext) throws -> any Stage
}
