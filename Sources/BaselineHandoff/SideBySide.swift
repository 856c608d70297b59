import Foundation

/// Runs independent tasks `0..<count` on the calling thread and up to `threads - 1` more,
/// and returns once every task started has returned: how the sinks write their files side by
/// side (each its own files, from the same finished baseline).
///
/// The rules, chosen so that the outcome is the one running the tasks one after another gives:
/// - Tasks are taken in index order, by whichever thread is free.
/// - When a task throws, no task after it starts; those already running are waited for.
/// - What is thrown is the error of the lowest index that threw: each task before it had
///   started, so the error is the one running them in order would have met first.
/// - Nothing the tasks touch outlives the call: every extra thread has finished its last task
///   (and released it) before `run` returns or throws.
///
/// With `threads` 1, or a single task, no thread is started.
public enum SideBySide {
    /// Runs `task(0)` … `task(count - 1)` on up to `threads` threads (see the type's rules).
    /// `name` names the extra threads; `stackSize` in bytes, or 0 for the system's default.
    public static func run(count: Int, threads: Int, name: String, stackSize: Int = 0,
                           _ task: @escaping (Int) throws -> Void) throws {
        let extra = min(max(0, threads - 1), count - 1)
        guard extra > 0 else {
            for index in 0..<count { try task(index) }
            return
        }
        let work = Work(count: count, task: task)
        for number in 1...extra {
            let thread = Thread { [work] in
                work.drain()
                work.finished()
            }
            thread.name = "\(name) \(number)"
            if stackSize > 0 { thread.stackSize = stackSize }
            work.started()
            thread.start()
        }
        work.drain()
        try work.waitForAll()
    }
}

/// The shared state: the next index to take, the errors met, the threads still working.
private final class Work: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private var task: ((Int) throws -> Void)?
    private var next = 0
    /// The lowest index that threw, and its error.
    private var failure: (index: Int, error: Error)?
    /// Extra threads started that have not yet returned from `drain`.
    private var working = 0

    init(count: Int, task: @escaping (Int) throws -> Void) {
        self.count = count
        self.task = task
    }

    /// Counts an extra thread before it starts, so `waitForAll` cannot miss it.
    func started() {
        condition.lock()
        working += 1
        condition.unlock()
    }

    /// Takes task after task until none is left or one has thrown.
    func drain() {
        while let (index, task) = take() {
            do {
                try task(index)
            } catch {
                condition.lock()
                if failure == nil || index < failure!.index { failure = (index, error) }
                condition.unlock()
            }
        }
    }

    /// The next index and the task, or `nil` when every task is taken or one has thrown.
    private func take() -> (Int, (Int) throws -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        guard failure == nil, next < count, let task else { return nil }
        let index = next
        next += 1
        return (index, task)
    }

    /// Called by each extra thread when its `drain` has returned.
    func finished() {
        condition.lock()
        working -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for every extra thread, drops the task (and what it captured), and throws the
    /// lowest index's error if any task threw.
    func waitForAll() throws {
        condition.lock()
        while working > 0 { condition.wait() }
        task = nil
        let failure = failure
        condition.unlock()
        if let failure { throw failure.error }
    }
}
