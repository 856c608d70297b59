import BaselineCore
import BaselineSchema

/// A sink that keeps what it is given, for testing sources and stages through a runner: every
/// batch it consumed and every document it was asked to write. It writes no files.
public final class RecordingSink: Sink {
    /// Every batch consumed, in order.
    public private(set) var batches = [RecordBatch]()
    /// Every document it was asked to write (one per run).
    public private(set) var documents = [BaselineDocument]()

    /// Makes an empty sink.
    public init() {}

    /// The records of every batch, in order.
    public var records: [Record] { batches.flatMap(\.records) }

    /// The rejects of every batch, in order.
    public var rejects: [Reject] { batches.flatMap(\.rejects) }

    public func consume(_ batch: RecordBatch) throws {
        batches.append(batch)
    }

    public func write(_ document: BaselineDocument, into folder: OutputFolder) throws {
        documents.append(document)
    }
}
