/// Records move through a pipeline in batches of thousands, not one hop per record.
public struct RecordBatch: Sendable {
    /// The records passed on.
    public var records: [Record]
    /// The records that could not be passed on, with their reasons.
    public var rejects: [Reject]

    /// Makes a batch.
    public init(records: [Record] = [], rejects: [Reject] = []) {
        self.records = records
        self.rejects = rejects
    }

    /// The number of records a source should aim to put in one batch.
    public static let preferredSize = 4096

    /// True when the batch holds neither records nor rejects.
    public var isEmpty: Bool { records.isEmpty && rejects.isEmpty }
}
