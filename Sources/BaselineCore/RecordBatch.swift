/// Records move through a pipeline in batches of thousands, not one hop per record.
///
/// A source of survey responses may pass a batch's responses on as the rows of one
/// `ResponseBlock` (`init(responses:rejects:)`), after any records it holds: a stage that reads
/// blocks (`Stage.readsResponseBlocks`, as `survey-aggregate` does) counts the block's codes with
/// no record made at all. For every other reader the block is the same as its rows: `records`
/// lists them as `Response(block:row:)` records, and the runner turns them into records once
/// (`makeRecords()`) before a stage that does not read blocks. (A record is 176 bytes: a million
/// made, copied through the stages and dropped cost the survey bench about 5% of its CPU.)
public struct RecordBatch: Sendable {
    private var stored: [Record]
    /// Responses passed on as the rows of a block, after the records held (see the type's notes).
    public private(set) var responseBlock: ResponseBlock?
    /// The records that could not be passed on, with their reasons.
    public var rejects: [Reject]
    /// Observations of the source's batch that a programme routed to other places only (see
    /// docs/scale.md, "Read once, split by place"): read and passed on by the source, so
    /// counted as such, but not in `records`. Otherwise 0.
    public var observationsElsewhere = 0

    /// Makes a batch.
    public init(records: [Record] = [], rejects: [Reject] = []) {
        stored = records
        self.rejects = rejects
    }

    /// Makes a batch whose records are `records`, then the rows of `responses` (see the type's notes).
    public init(records: [Record] = [], responses: ResponseBlock, rejects: [Reject] = []) {
        stored = records
        responseBlock = responses.count > 0 ? responses : nil
        self.rejects = rejects
    }

    /// The records passed on: those held, then any response block's rows as records. Reading
    /// them from a batch with a block makes those records each time; changing them makes them
    /// once, and the batch then holds them (and no block).
    public var records: [Record] {
        get {
            guard let responseBlock else { return stored }
            var all = stored
            Self.append(rowsOf: responseBlock, to: &all)
            return all
        }
        set {
            stored = newValue
            responseBlock = nil
        }
        _modify {
            makeRecords()
            yield &stored
        }
    }

    /// The records held, without the rows of a response block (see `responseBlock`).
    public var heldRecords: [Record] { stored }

    /// The number of records passed on, rows of a response block included, without making them.
    public var recordCount: Int { stored.count + (responseBlock?.count ?? 0) }

    /// Whether any record passed on is an observation (a response block holds none).
    public var hasObservations: Bool {
        stored.contains { if case .observation = $0 { true } else { false } }
    }

    /// The line of the last record passed on, if it has one.
    public var lastRecordLine: Int? {
        if let responseBlock { return responseBlock.lines.last }
        return stored.last?.provenance.line
    }

    /// Turns the rows of a response block into records of the batch (a stage that does not
    /// read blocks then sees only records); nothing when there is no block.
    public mutating func makeRecords() {
        guard let block = responseBlock else { return }
        responseBlock = nil
        Self.append(rowsOf: block, to: &stored)
    }

    private static func append(rowsOf block: ResponseBlock, to records: inout [Record]) {
        records.reserveCapacity(records.count + block.count)
        for row in 0..<block.count { records.append(.response(Response(block: block, row: row))) }
    }

    /// The number of records a source should aim to put in one batch.
    public static let preferredSize = 4096

    /// True when the batch holds neither records nor rejects.
    public var isEmpty: Bool { stored.isEmpty && responseBlock == nil && rejects.isEmpty }

    /// Moves the batch out, leaving an empty one: the caller's copy is gone, so whoever gets the
    /// batch holds the only reference to its records and can change them without copying.
    /// (`consume` does the same, but not on a variable a local function uses.)
    public mutating func take() -> RecordBatch {
        let taken = self
        self = RecordBatch()
        return taken
    }
}
