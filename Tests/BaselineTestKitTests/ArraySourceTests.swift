import BaselineCore
import BaselineSchema
import BaselineTestKit
import Testing

/// The in-memory source, the recording sink and the stage runner.
@Suite struct ArraySourceTests {
    static func observation(_ area: String, _ value: Double, line: Int) -> Record {
        .observation(Observation(area: area, period: "2025", indicator: "i", value: .number(value),
                                 provenance: Provenance(source: "s", file: "f.csv", line: line)))
    }

    /// Doubles every value and rejects negative ones.
    final class Doubler: Stage {
        func process(_ batch: RecordBatch) throws -> RecordBatch {
            var out = RecordBatch()
            for record in batch.records {
                guard case .observation(var o) = record, let value = o.value.number else { continue }
                if value < 0 {
                    out.rejects.append(Reject(provenance: o.provenance, reason: "negative"))
                    continue
                }
                o.value = .number(value * 2)
                out.records.append(.observation(o))
            }
            return out
        }
    }

    @Test("ArraySource yields records in batches of the size asked for")
    func batches() throws {
        let records = (1...5).map { Self.observation("A\($0)", Double($0), line: $0) }
        let source = ArraySource(records: records, batchSize: 2)
        var sizes = [Int]()
        while let batch = try source.next() { sizes.append(batch.records.count) }
        #expect(sizes == [2, 2, 1])
        #expect(try drain(ArraySource(records: records, batchSize: 2)).records.map(\.provenance.line) == [1, 2, 3, 4, 5])
    }

    @Test("runStage flushes what a stage held back before it finishes, as the runner does")
    func flushBeforeFinish() throws {
        final class Holding: Stage {
            var held = [Record]()
            var finishedWith = -1
            func process(_ batch: consuming RecordBatch) throws -> RecordBatch {
                held += batch.records
                return RecordBatch()
            }
            func flush() throws -> RecordBatch {
                defer { held = [] }
                return RecordBatch(records: held)
            }
            func finish(into document: inout BaselineDocument) throws {
                finishedWith = held.count
            }
        }
        var document = BaselineDocument(place: Place(name: "T", code: "E07000001"), period: "2025")
        let stage = Holding()
        let out = try runStage(stage, records: [Self.observation("A", 1, line: 2), Self.observation("B", 2, line: 3)],
                               batchSize: 1, into: &document)
        #expect(out.records.map(\.provenance.line) == [2, 3])
        #expect(stage.finishedWith == 0, "flushed before finish")
    }

    @Test("runStage feeds every batch and collects records and rejects")
    func stage() throws {
        var document = BaselineDocument(place: Place(name: "P", code: "E1"), period: "2025")
        let out = try runStage(Doubler(), records: [Self.observation("A", 1.5, line: 2), Self.observation("B", -1, line: 3),
                                                    Self.observation("C", 4, line: 4)], batchSize: 2, into: &document)
        #expect(out.records.compactMap { if case .observation(let o) = $0 { o.value.number } else { nil } } == [3, 8])
        #expect(out.rejects.map(\.provenance.line) == [3])
    }

    @Test("RecordingSink keeps the batches and documents it is given")
    func recordingSink() throws {
        let sink = RecordingSink()
        try sink.consume(RecordBatch(records: [Self.observation("A", 1, line: 2)]))
        try sink.consume(RecordBatch(rejects: [Reject(provenance: Provenance(source: "s", file: "f.csv", line: 3), reason: "bad")]))
        try sink.write(BaselineDocument(place: Place(name: "P", code: "E1"), period: "2025"), into: OutputFolder(path: "/nonexistent"))
        #expect(sink.records.map(\.provenance.line) == [2])
        #expect(sink.rejects.map(\.reason) == ["bad"])
        #expect(sink.documents.map(\.period) == ["2025"])
    }
}
