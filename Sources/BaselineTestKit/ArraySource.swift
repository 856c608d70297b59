import BaselineCore
import BaselineSchema

/// A source that yields records and rejects from arrays, in batches: for testing stages and sinks.
public final class ArraySource: RecordSource {
    private var batches: [RecordBatch]
    public let inputs: [InputFile]

    /// A source that yields `batches` in order.
    public init(batches: [RecordBatch], inputs: [InputFile] = []) {
        self.batches = batches
        self.inputs = inputs
    }

    /// A source that yields `records` in batches of `batchSize`.
    public convenience init(records: [Record], batchSize: Int = RecordBatch.preferredSize) {
        let chunks = stride(from: 0, to: records.count, by: batchSize).map {
            RecordBatch(records: Array(records[$0..<min($0 + batchSize, records.count)]))
        }
        self.init(batches: chunks)
    }

    public func next() throws -> RecordBatch? {
        batches.isEmpty ? nil : batches.removeFirst()
    }
}

/// Feeds records through a stage the way the runner does — every batch, then `flush` (what
/// the stage held back comes last), then `finish` — and returns what came out.
public func runStage(_ stage: any Stage, records: [Record], batchSize: Int = 1000,
                     into document: inout BaselineDocument) throws -> RecordBatch {
    var out = RecordBatch()
    for start in stride(from: 0, to: records.count, by: batchSize) {
        let batch = try stage.process(RecordBatch(records: Array(records[start..<min(start + batchSize, records.count)])))
        out.records += batch.records
        out.rejects += batch.rejects
    }
    let held = try stage.flush()
    out.records += held.records
    out.rejects += held.rejects
    try stage.finish(into: &document)
    return out
}

/// Reads a source to the end.
public func drain(_ source: any RecordSource) throws -> RecordBatch {
    var all = RecordBatch()
    while let batch = try source.next() {
        all.records += batch.records
        all.rejects += batch.rejects
    }
    return all
}
