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
    /// Whether `process` reads a batch's `responseBlock` itself (see `RecordBatch`); otherwise
    /// the runner turns the block's rows into records before the stage sees the batch.
    var readsResponseBlocks: Bool { get }
}

extension Stage {
    /// Passes the batch on unchanged.
    public func process(_ batch: consuming RecordBatch) throws -> RecordBatch { batch }
    /// Holds nothing back.
    public func flush() throws -> RecordBatch { RecordBatch() }
    /// Adds nothing.
    public func finish(into document: inout BaselineDocument) throws {}
    /// Sees a response block's rows as records.
    public var readsResponseBlocks: Bool { false }

    /// `process`, the batch's response block made into records first unless the stage reads
    /// blocks: how a runner (or a command that runs stages itself) hands a stage a batch.
    public func processing(_ batch: consuming RecordBatch) throws -> RecordBatch {
        var batch = batch
        if !readsResponseBlocks { batch.makeRecords() }
        return try process(batch)
    }
}

/// Anything listed under `transforms:`: a record stage (`StagePlugin`) or a document stage
/// (`DocumentStagePlugin`), with the contract `Pipeline` checks the order against.
public protocol TransformPlugin: Plugin {
    /// What the stage needs from the sources and earlier stages, and what it provides.
    static var contract: StageContract { get }
    /// Builds the stage in its role. `StagePlugin` and `DocumentStagePlugin` provide it.
    static func makeRuntime(configuration: Configuration, context: StageContext) throws -> StageRuntime
}

/// A transform stage that works on records: a plugin that builds a `Stage` from its configuration.
public protocol StagePlugin: TransformPlugin {
    /// Builds the stage.
    static func makeStage(configuration: Configuration, context: StageContext) throws -> any Stage
}

/// The runtime part of a stage that works on the baseline alone, not on records: it reads what
/// the stages before it left in the document (see its plugin's `contract`) and adds to it. It
/// sees no batch; `apply` runs at the end, in the stage's place in `transforms:`.
public protocol DocumentStage: AnyObject {
    /// Reads and adds to the baseline once the stages before it have finished.
    func apply(to document: inout BaselineDocument) throws
}

extension StagePlugin {
    /// Any record; needs and provides nothing another stage names.
    public static var contract: StageContract { .anyRecords }

    /// A record stage.
    public static func makeRuntime(configuration: Configuration, context: StageContext) throws -> StageRuntime {
        .records(try makeStage(configuration: configuration, context: context))
    }
}

/// A stage that works on the baseline alone: a plugin that builds a `DocumentStage`. Its
/// contract names what it reads (`requires`, `uses`) and has no record kinds.
public protocol DocumentStagePlugin: TransformPlugin {
    /// Builds the stage.
    static func makeDocumentStage(configuration: Configuration, context: StageContext) throws -> any DocumentStage
}

extension DocumentStagePlugin {
    /// A document stage.
    public static func makeRuntime(configuration: Configuration, context: StageContext) throws -> StageRuntime {
        .document(try makeDocumentStage(configuration: configuration, context: context))
    }
}

/// A built stage, of either role, as the runner holds it.
public enum StageRuntime {
    /// A stage that sees every batch (`process`, `flush`) and then finishes into the baseline.
    case records(any Stage)
    /// A stage that works on the baseline alone.
    case document(any DocumentStage)

    /// The record stage, or `nil` for a document stage.
    public var recordStage: (any Stage)? {
        if case .records(let stage) = self { return stage }
        return nil
    }

    /// Adds the stage's results to the baseline: a record stage's `finish`, a document stage's `apply`.
    public func finish(into document: inout BaselineDocument) throws {
        switch self {
        case .records(let stage): try stage.finish(into: &document)
        case .document(let stage): try stage.apply(to: &document)
        }
    }
}
