import BaselineHandoff
import Foundation
import Testing

private struct Boom: Error, Equatable {
    let at: Int
}

/// What the tasks did, shared between threads.
private final class Log: @unchecked Sendable {
    private let lock = NSLock()
    private var runs = [Int]()
    private var threads = Set<UInt>()
    private var threadOf = [Int: UInt]()
    private var inFlight = 0
    private(set) var mostInFlight = 0

    func begin(_ index: Int) {
        lock.lock()
        runs.append(index)
        threads.insert(UInt(pthread_self()))
        threadOf[index] = UInt(pthread_self())
        inFlight += 1
        mostInFlight = max(mostInFlight, inFlight)
        lock.unlock()
    }

    func end() {
        lock.lock()
        inFlight -= 1
        lock.unlock()
    }

    var ran: [Int] { lock.lock(); defer { lock.unlock() }; return runs }
    var threadCount: Int { lock.lock(); defer { lock.unlock() }; return threads.count }
    var running: Int { lock.lock(); defer { lock.unlock() }; return inFlight }
    /// The thread each task ran on.
    var threadsByTask: [Int: UInt] { lock.lock(); defer { lock.unlock() }; return threadOf }
}

@Suite struct SideBySideTests {
    @Test("Every task runs once, on one thread or more", arguments: [1, 2, 3, 8])
    func everyTaskOnce(threads: Int) throws {
        let log = Log()
        try SideBySide.run(count: 20, threads: threads, name: "test") { index in
            log.begin(index)
            log.end()
        }
        #expect(log.ran.sorted() == Array(0..<20))
        #expect(log.running == 0)
    }

    @Test("No task, or one, starts no thread")
    func noTaskOrOne() throws {
        var calls = 0
        try SideBySide.run(count: 0, threads: 2, name: "test") { _ in calls += 1 }
        #expect(calls == 0)
        let log = Log()
        try SideBySide.run(count: 1, threads: 2, name: "test") { index in log.begin(index); log.end() }
        #expect(log.ran == [0])
        #expect(log.threadCount == 1)
    }

    @Test("Two threads work at once: two tasks that each wait for the other both finish")
    func twoAtOnce() throws {
        let log = Log()
        let arrived = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let timedOut = Locked(false)
        try SideBySide.run(count: 2, threads: 2, name: "test") { index in
            log.begin(index)
            arrived[index].signal()
            // Each waits for the other's arrival: only possible when both run at once.
            if arrived[1 - index].wait(timeout: .now() + 20) == .timedOut { timedOut.withLock { $0 = true } }
            log.end()
        }
        #expect(!timedOut.withLock { $0 })
        #expect(log.threadCount == 2)
        #expect(log.mostInFlight == 2)
    }

    @Test("On one thread, a task that throws stops the tasks after it, as a loop would")
    func oneThreadStopsAtTheError() {
        let log = Log()
        #expect(throws: Boom(at: 2)) {
            try SideBySide.run(count: 6, threads: 1, name: "test") { index in
                log.begin(index)
                log.end()
                if index == 2 { throw Boom(at: index) }
            }
        }
        #expect(log.ran == [0, 1, 2])
    }

    @Test("The error of the lowest index is thrown, even when a later task threw first")
    func lowestIndexWins() {
        let laterThrew = DispatchSemaphore(value: 0)
        #expect(throws: Boom(at: 0)) {
            try SideBySide.run(count: 2, threads: 2, name: "test") { index in
                if index == 1 {
                    laterThrew.signal()
                    throw Boom(at: 1)
                }
                _ = laterThrew.wait(timeout: .now() + 20)
                throw Boom(at: 0)
            }
        }
    }

    @Test("After a task throws, no task starts; every task started has returned when run throws")
    func failureWaitsForTheOthers() {
        let log = Log()
        let release = DispatchSemaphore(value: 0)
        #expect(throws: Boom(at: 0)) {
            try SideBySide.run(count: 50, threads: 2, name: "test") { index in
                log.begin(index)
                defer { log.end() }
                if index == 0 {
                    // Throws while task 1 is still held: nothing after 1 may start.
                    defer { release.signal() }
                    throw Boom(at: 0)
                }
                if index == 1 {
                    // Long enough for task 0's thread to note its error before this returns.
                    _ = release.wait(timeout: .now() + 20)
                    Thread.sleep(forTimeInterval: 0.2)
                }
            }
        }
        #expect(log.running == 0)
        // Task 1 may not have started at all (one thread took 0 and stopped); nothing after it did.
        #expect(log.ran.contains(0) && log.ran.allSatisfy { $0 <= 1 })
    }

    @Test("Tasks start in the order given, the first two at once")
    func startOrder() throws {
        let log = Log()
        try SideBySide.run(count: 6, threads: 2, startOrder: [5, 4, 3, 2, 1, 0], name: "test") { index in
            log.begin(index)
            log.end()
        }
        let ran = log.ran
        #expect(ran.sorted() == Array(0..<6))
        #expect([5, 4].contains(ran[0]))
        // Task 0 starts last: only the task the other thread holds may be noted after it.
        #expect(try #require(ran.firstIndex(of: 0)) >= 4)
    }

    @Test("After a task throws, the tasks before it in index order still run, and the lowest error wins")
    func tasksBeforeAFailureStillRun() {
        let log = Log()
        #expect(throws: Boom(at: 1)) {
            // 2 starts first and throws; 0 and 1 come before it in index order, so they run;
            // 3 comes after it, so it never starts.
            try SideBySide.run(count: 4, threads: 2, startOrder: [2, 0, 1, 3], name: "test") { index in
                log.begin(index)
                defer { log.end() }
                if index == 2 || index == 1 { throw Boom(at: index) }
            }
        }
        #expect(log.ran.sorted() == [0, 1, 2])
        #expect(log.running == 0)
    }

    @Test("A task kept to the caller never runs on the other thread, while the others still use it; kept tasks run in start order")
    func callerOnlyTasksStayOnTheCaller() throws {
        let log = Log()
        let caller = UInt(pthread_self())
        let arrived = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
        let timedOut = Locked(false)
        // 0 and 1 may go anywhere and each waits for the other: both threads are busy at once.
        // The 30 after them are kept to the caller, each a little slow, so the other thread,
        // once free, would take some of them if it could.
        try SideBySide.run(count: 32, threads: 2, callerOnly: Set(2..<32), name: "test") { index in
            log.begin(index)
            defer { log.end() }
            if index < 2 {
                arrived[index].signal()
                if arrived[1 - index].wait(timeout: .now() + 20) == .timedOut { timedOut.withLock { $0 = true } }
            } else {
                usleep(1_000)
            }
        }
        #expect(!timedOut.withLock { $0 })
        let threads = log.threadsByTask
        #expect(threads[0] != threads[1], "the two free tasks ran at once, on two threads")
        #expect((2..<32).allSatisfy { threads[$0] == caller }, "a kept task ran on another thread")
        #expect(log.ran.filter { $0 >= 2 } == Array(2..<32))
    }

    @Test("Every task kept to the caller: no thread starts, the tasks run in index order")
    func allKeptStartsNoThread() throws {
        let log = Log()
        try SideBySide.run(count: 5, threads: 2, startOrder: [4, 3, 2, 1, 0], callerOnly: Set(0..<5), name: "test") { index in
            log.begin(index)
            log.end()
        }
        #expect(log.ran == Array(0..<5))
        #expect(log.threadCount == 1)
    }

    @Test("With tasks kept to the caller, the lowest index's error still wins and nothing after a failure starts")
    func callerOnlyErrors() {
        // 0 is kept to the caller and throws once 1, on the other thread, has thrown.
        let laterThrew = DispatchSemaphore(value: 0)
        #expect(throws: Boom(at: 0)) {
            try SideBySide.run(count: 2, threads: 2, callerOnly: [0], name: "test") { index in
                if index == 1 {
                    laterThrew.signal()
                    throw Boom(at: 1)
                }
                _ = laterThrew.wait(timeout: .now() + 20)
                throw Boom(at: 0)
            }
        }
        // A kept task that throws stops those after it, kept or not; those before it still run.
        // The caller starts 2; the other thread starts 0 and holds it until 2 has thrown.
        let log = Log()
        let thrown = DispatchSemaphore(value: 0)
        #expect(throws: Boom(at: 2)) {
            try SideBySide.run(count: 6, threads: 2, startOrder: [2, 0, 1, 3, 4, 5], callerOnly: [2, 4], name: "test") { index in
                log.begin(index)
                defer { log.end() }
                if index == 2 {
                    thrown.signal()
                    throw Boom(at: 2)
                }
                if index == 0 {
                    // Long enough for the caller to note 2's error before this returns.
                    _ = thrown.wait(timeout: .now() + 20)
                    Thread.sleep(forTimeInterval: 0.2)
                }
            }
        }
        #expect(log.running == 0)
        #expect(log.ran.sorted() == [0, 1, 2])
    }

    @Test("What the task captured is released before run returns")
    func taskReleased() throws {
        final class Held: @unchecked Sendable {}
        weak var weakHeld: Held?
        do {
            let held = Held()
            weakHeld = held
            try SideBySide.run(count: 4, threads: 2, name: "test") { _ in _ = held }
        }
        #expect(weakHeld == nil)
    }
}
