/// Records move through a pipeline in batches of thousands, not one hop per record.
public struct RecordBatch: Sendable {
    /// The records passed on.
    public var records: [Record]
    /// The records that could not be passed on, with their reasons.
    public var rejects: [Reject]
    /// Observations of the source's batch that a programme routed to other places only (see
    /// docs/scale.md, "Read once, split by place"): read and passed on by the source, so
    /// counted as such, but not in `records`. Otherwise 0.
    public var observationsElsewhere = 0

    /// Makes a batch.
    public init(records: [Record] = [], rejects: [Reject] = []) {
        self.records = records
        self.rejects = rejects
    }

    /// The number of records a source should aim to put in one batch.
    public static let preferredSize = 4096

    /// True when the batch holds neither records nor rejects.
    public var isEmpty: Bool { records.isEmpty && rejects.isEmpty }

    /// Moves the batch out, leaving an empty one: the caller's copy is gone, so whoever gets the
    /// batch holds the only reference to its records and can change them without copying.
    /// (`consume` does the same, but not on a variable a local function uses.)
    public mutating func take() -> RecordBatch {
        let taken = self
        self = RecordBatch()
        return taken
    }
}
