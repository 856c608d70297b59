import BaselineHandoff
import Foundation
import Synchronization
import Testing

/// An object that counts how many of its kind are alive, to see what a stopped hand-off released.
private final class Tracked: @unchecked Sendable {
    static let alive = Atomic<Int>(0)
    let value: Int
    init(_ value: Int) {
        self.value = value
        Self.alive.add(1, ordering: .relaxed)
    }
    deinit { Self.alive.subtract(1, ordering: .relaxed) }
    static var count: Int { alive.load(ordering: .relaxed) }
}

/// A counter the producer and the test share.
private final class Counter: Sendable {
    let atomic = Atomic<Int>(0)
    var value: Int { atomic.load(ordering: .relaxed) }
    func add() { atomic.add(1, ordering: .relaxed) }
}

private struct Boom: Error, Equatable {
    let at: Int
}

/// Serialised: `Tracked.alive` is shared by the tests that count live objects.
@Suite(.serialized) struct HandoffTests {
    @Test("Elements arrive in order, then nil, and nil again after the end")
    func order() throws {
        let handoff = Handoff<Int>(name: "test", capacity: 2) { producer in
            for value in 0..<1_000 { guard producer.put(value) else { return } }
        }
        var seen = [Int]()
        while let value = try handoff.next() { seen.append(value) }
        #expect(seen == Array(0..<1_000))
        #expect(try handoff.next() == nil)
        handoff.stop()
        handoff.stop()
    }

    @Test("The producer's error comes after the elements put before it, and only once they are taken")
    func errorAfterElements() throws {
        let handoff = Handoff<Int>(name: "test", capacity: 4) { producer in
            for value in 0..<10 { producer.put(value) }
            throw Boom(at: 10)
        }
        var seen = [Int]()
        #expect(throws: Boom(at: 10)) {
            while let value = try handoff.next() { seen.append(value) }
        }
        #expect(seen == Array(0..<10))
    }

    @Test("No more than `capacity` elements wait: the producer blocks until one is taken")
    func bounded() throws {
        let produced = Counter()
        let handoff = Handoff<Int>(name: "test", capacity: 3) { producer in
            for value in 0..<100 {
                guard producer.put(value) else { return }
                produced.add()
            }
        }
        Thread.sleep(forTimeInterval: 0.05)
        #expect(produced.value == 3)
        _ = try handoff.next()
        Thread.sleep(forTimeInterval: 0.05)
        #expect(produced.value == 4)
        handoff.stop()
    }

    @Test("stop() while the producer waits on a full queue ends it, and drops what waited")
    func stopWhileFull() throws {
        let before = Tracked.count
        let handoff = Handoff<Tracked>(name: "test", capacity: 2) { producer in
            var value = 0
            while producer.put(Tracked(value)) { value += 1 }
        }
        _ = try handoff.next()
        Thread.sleep(forTimeInterval: 0.02)
        handoff.stop()
        #expect(Tracked.count == before)
        #expect(try handoff.next() == nil)
    }

    @Test("stop() while the producer waits for a spare ends it; spares recycled after stop are dropped")
    func stopWhileWaitingForSpare() throws {
        let handoff = Handoff<Int>(name: "test", capacity: 4, spares: [1, 2]) { producer in
            while let spare = producer.spare() { guard producer.put(spare) else { return } }
        }
        #expect(try handoff.next() != nil)
        #expect(try handoff.next() != nil)
        handoff.stop()
        handoff.recycle(3)
        #expect(try handoff.next() == nil)
    }

    @Test("stop() returns only once the producer's closure, and what it captured, is released")
    func stopReleasesCaptures() throws {
        let before = Tracked.count
        for _ in 0..<200 {
            let captured = Tracked(-1)
            let handoff = Handoff<Int>(name: "test", capacity: 1) { [captured] producer in
                var value = captured.value
                while !producer.isStopping {
                    value += 1
                    guard producer.put(value) else { return }
                }
            }
            _ = try handoff.next()
            handoff.stop()
            // The test holds `captured` still; after this scope only the closure could.
            _ = captured
        }
        #expect(Tracked.count == before)
    }

    @Test("A consumer that goes away without stop() (deinit) stops the producer")
    func deinitStops() throws {
        let finished = Counter()
        do {
            let handoff = Handoff<Int>(name: "test", capacity: 1) { producer in
                defer { finished.add() }
                var value = 0
                while producer.put(value) { value += 1 }
            }
            _ = try handoff.next()
        }
        #expect(finished.value == 1)
    }

    @Test("A producer that checks isStopping between long steps ends promptly")
    func isStoppingSeen() throws {
        let handoff = Handoff<Int>(name: "test", capacity: 1) { producer in
            while !producer.isStopping { Thread.sleep(forTimeInterval: 0.001) }
        }
        let start = Date()
        handoff.stop()
        // Promptly: the producer sleeps 1 ms between checks; 5 s leaves room for a loaded machine.
        #expect(Date().timeIntervalSince(start) < 5)
    }

    @Test("An error thrown because the consumer stopped is not reported")
    func errorAfterStopIsDropped() throws {
        let handoff = Handoff<Int>(name: "test", capacity: 1) { producer in
            while !producer.isStopping { Thread.sleep(forTimeInterval: 0.001) }
            throw CancellationError()
        }
        handoff.stop()
        #expect(try handoff.next() == nil)
    }

    @Test("Recycled spares come back to the producer, which frees them on its own thread")
    func spares() throws {
        let handoff = Handoff<[Int]>(name: "test", capacity: 2, spares: [[], []]) { producer in
            for round in 0..<50 {
                guard var buffer = producer.spare() else { return }
                buffer.removeAll(keepingCapacity: true)
                buffer.append(round)
                guard producer.put(buffer) else { return }
            }
        }
        var seen = [Int]()
        while let buffer = try handoff.next() {
            seen += buffer
            handoff.recycle(buffer)
        }
        #expect(seen == Array(0..<50))
    }

    @Test("Many hand-offs stopped at random points, on both cores, never hang or crash")
    func earlyStops() throws {
        for round in 0..<500 {
            let handoff = Handoff<Tracked>(name: "test", capacity: 1 + round % 3, spares: (0..<(round % 4)).map(Tracked.init)) { producer in
                var value = 0
                while true {
                    let item = producer.spareIfAny() ?? Tracked(value)
                    if value == round % 17 { throw Boom(at: value) }
                    guard producer.put(item) else { return }
                    value += 1
                }
            }
            for _ in 0..<(round % 5) {
                guard let item = try? handoff.next() else { break }
                if round.isMultiple(of: 2) { handoff.recycle(item) }
            }
            if round.isMultiple(of: 3) { handoff.stop() }
        }
    }
}

/// `Locked`: a value reached by many threads at once, never torn.
@Suite struct LockedTests {
    @Test("Increments from eight threads at once all count")
    func concurrentIncrements() {
        let counter = Locked(0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<10_000 { counter.withLock { $0 += 1 } }
        }
        #expect(counter.withLock { $0 } == 80_000)
    }
}
