@testable import BaselineHandoff
import Foundation
import Testing

private struct Boom: Error, Equatable {
    let at: Int
}

/// Something a thread's body holds, to see that it is released.
private final class Held: @unchecked Sendable {}

/// Starting a thread that the system may refuse, and what `SideBySide` and `Handoff` do then:
/// the refusal is made by `DetachedThread.refusing`, for this test's starts only.
@Suite struct DetachedThreadTests {
    /// Runs `body` with every thread start from this test refused, or those named `names`.
    func refusing<T>(_ names: Set<String>? = nil, _ body: () throws -> T) rethrows -> T {
        try DetachedThread.$refusing.withValue({ names?.contains($0) ?? true }, operation: body)
    }

    @Test("A thread runs its body on another thread, and releases it")
    func runs() throws {
        let caller = UInt(pthread_self())
        let ran = DispatchSemaphore(value: 0)
        let thread = Locked<UInt>(0)
        weak var weakHeld: Held?
        do {
            let held = Held()
            weakHeld = held
            try DetachedThread.start(name: "a name longer than fifteen bytes", stackSize: 1 << 20) {
                _ = held
                thread.withLock { $0 = UInt(pthread_self()) }
                ran.signal()
            }
        }
        #expect(ran.wait(timeout: .now() + 20) == .success)
        #expect(thread.withLock { $0 } != caller)
        // Released once the body returns, on its thread.
        for _ in 0..<2_000 where weakHeld != nil { usleep(1_000) }
        #expect(weakHeld == nil)
    }

    @Test("A thread the system refuses is an error, and its body is released unrun")
    func refused() throws {
        weak var weakHeld: Held?
        let ran = Locked(false)
        let error = try refusing {
            try #require(throws: ThreadStartError.self) {
                let held = Held()
                weakHeld = held
                try DetachedThread.start(name: "refused") {
                    _ = held
                    ran.withLock { $0 = true }
                }
            }
        }
        #expect(error.code == EAGAIN && error.name == "refused")
        #expect(error.description == "cannot start a thread (refused): Resource temporarily unavailable")
        #expect(weakHeld == nil && !ran.withLock { $0 })
        // Only this test's starts are refused, and only while it says so.
        let started = DispatchSemaphore(value: 0)
        try refusing(["another"]) { try DetachedThread.start(name: "refused") { started.signal() } }
        #expect(started.wait(timeout: .now() + 20) == .success)
    }

    @Test("SideBySide with no extra thread started: every task runs on the caller, in order, with the same errors", arguments: [2, 3])
    func sideBySideWithoutThreads(threads: Int) throws {
        let caller = UInt(pthread_self())
        let ran = Locked([Int]()), elsewhere = Locked(false)
        try refusing {
            try SideBySide.run(count: 8, threads: threads, startOrder: [7, 6, 5, 4, 3, 2, 1, 0], name: "test") { index in
                ran.withLock { $0.append(index) }
                if UInt(pthread_self()) != caller { elsewhere.withLock { $0 = true } }
            }
        }
        #expect(ran.withLock { $0 }.sorted() == Array(0..<8))
        #expect(!elsewhere.withLock { $0 })
        let tried = Locked([Int]())
        #expect(throws: Boom(at: 2)) {
            try refusing {
                try SideBySide.run(count: 8, threads: threads, name: "test") { index in
                    tried.withLock { $0.append(index) }
                    if index == 2 || index == 5 { throw Boom(at: index) }
                }
            }
        }
        #expect(tried.withLock { $0 } == [0, 1, 2])
    }

    @Test("SideBySide with one of two extra threads refused: the other still takes tasks")
    func sideBySideWithOneThreadRefused() throws {
        let arrived = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let threads = Locked(Set<UInt>()), timedOut = Locked(false)
        try refusing(["test 1"]) {
            // Two extra threads for three tasks; 0 and 1 each wait for the other.
            try SideBySide.run(count: 3, threads: 3, name: "test") { index in
                guard index < 2 else { return }
                threads.withLock { _ = $0.insert(UInt(pthread_self())) }
                arrived[index].signal()
                if arrived[1 - index].wait(timeout: .now() + 20) == .timedOut { timedOut.withLock { $0 = true } }
            }
        }
        #expect(!timedOut.withLock { $0 } && threads.withLock { $0.count } == 2)
    }

    @Test("A hand-off whose thread is refused throws at once from next(), stops at once, and releases its producer unrun")
    func handoffRefused() throws {
        weak var weakHeld: Held?
        let ran = Locked(false)
        let handoff: Handoff<Int> = refusing {
            let held = Held()
            weakHeld = held
            return Handoff<Int>(name: "refused", capacity: 2) { producer in
                _ = held
                ran.withLock { $0 = true }
                producer.put(1)
            }
        }
        #expect(weakHeld == nil)
        let error = try #require(throws: ThreadStartError.self) { try handoff.next() }
        #expect(error.name == "refused")
        #expect(throws: ThreadStartError.self) { try handoff.next() }
        handoff.stop()
        #expect(!ran.withLock { $0 })
    }
}
