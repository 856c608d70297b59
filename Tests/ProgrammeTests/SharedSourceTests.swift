import BaselineCore
import BaselineHandoff
import BaselineTestKit
import Dispatch
import Foundation
import Synchronization
import Testing
@testable import BaselinePipeline

/// A file read once for every place: each place gets every batch in order, a place that stops
/// early is not waited for, and an error reaches every place after the batches before it.
@Suite(.timeLimit(.minutes(1))) struct SharedSourceTests {
    static func batches(_ count: Int) -> [RecordBatch] {
        (0..<count).map { index in
            RecordBatch(records: [.observation(Observation(area: "E0\(index)", period: "2024", indicator: "x", value: .number(Double(index)),
                                                           provenance: Provenance(source: "national", file: "n.csv", line: index + 2)))])
        }
    }

    static func areas(_ batches: [RecordBatch]) -> [String] {
        batches.flatMap { $0.records }.map { record in
            guard case .observation(let observation) = record else { return "" }
            return observation.area
        }
    }

    /// Reads every batch of `place`'s view on a thread of its own; `stopAfter` batches, it leaves.
    static func read(_ shared: SharedSource, place: Int, turns: DispatchSemaphore, stopAfter: Int? = nil,
                     into results: Collected, group: DispatchGroup) {
        group.enter()
        let box = UncheckedBox(shared)
        Thread {
            turns.wait()
            let reader = SharedSourceReader(box.value, place: place, turns: turns)
            var seen = [RecordBatch]()
            let outcome: Swift.Result<[String], BaselineError>
            do {
                while let batch = try reader.next() {
                    seen.append(batch)
                    if seen.count == stopAfter { break }
                }
                outcome = .success(areas(seen))
            } catch {
                outcome = .failure(error as! BaselineError)
            }
            box.value.leave(place)
            turns.signal()
            results.withLock { $0[place] = outcome }
            group.leave()
        }.start()
    }

    @Test(arguments: [1, 2])
    func everyPlaceGetsEveryBatchInOrderAndAnEarlyStopHoldsNobodyUp(jobs: Int) {
        let shared = SharedSource(ArraySource(batches: Self.batches(50)), places: 4, depth: 1, onRead: { _ in })
        shared.start()
        let turns = DispatchSemaphore(value: jobs)
        let results = Collected()
        let group = DispatchGroup()
        for place in 0..<4 { Self.read(shared, place: place, turns: turns, stopAfter: place == 1 ? 3 : nil, into: results, group: group) }
        group.wait()
        shared.finish()
        let expected = (0..<50).map { "E0\($0)" }
        results.withLock { results in
            #expect(try! results[0]!.get() == expected)
            #expect(try! results[1]!.get() == Array(expected.prefix(3)))
            #expect(try! results[2]!.get() == expected)
            #expect(try! results[3]!.get() == expected)
        }
    }

    @Test func anErrorReachesEveryPlaceAfterTheBatchesBeforeIt() {
        let shared = SharedSource(FailingSource(good: Self.batches(5)), places: 3, depth: 2, onRead: { _ in })
        shared.start()
        let turns = DispatchSemaphore(value: 2)
        let results = Collected()
        let group = DispatchGroup()
        for place in 0..<3 { Self.read(shared, place: place, turns: turns, into: results, group: group) }
        group.wait()
        shared.finish()
        results.withLock { results in
            for place in 0..<3 {
                #expect(throws: BaselineError(file: "n.csv", line: 7, column: 1, "broken", hint: "fix it")) { try results[place]!.get() }
            }
        }
        #expect(FailingSource.readsPastError.load(ordering: .relaxed) == 0)
    }

    @Test func placesThatAllLeaveAtOnceStopTheReader() {
        let shared = SharedSource(ArraySource(batches: Self.batches(10_000)), places: 2, depth: 2, onRead: { _ in })
        shared.start()
        shared.leave(0)
        shared.leave(1)
        shared.finish()  // returns: the reader stopped without anyone taking its batches
    }
}

/// Gives `good`, then throws.
private final class FailingSource: RecordSource {
    static let readsPastError = Atomic<Int>(0)
    private var good: [RecordBatch]
    private var failed = false
    init(good: [RecordBatch]) { self.good = good }
    var inputs: [InputFile] { [] }
    func next() throws -> RecordBatch? {
        if failed { Self.readsPastError.add(1, ordering: .relaxed) }
        if !good.isEmpty { return good.removeFirst() }
        failed = true
        throw BaselineError(file: "n.csv", line: 7, column: 1, "broken", hint: "fix it")
    }
}

/// What each place read, from the places' threads.
final class Collected: Sendable {
    private let results = Locked([Int: Swift.Result<[String], BaselineError>]())

    func withLock<T>(_ body: (inout [Int: Swift.Result<[String], BaselineError>]) -> T) -> T {
        results.withLock { body(&$0) }
    }
}

private struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
