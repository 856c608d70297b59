import Foundation

/// Runs independent tasks `0..<count` on the calling thread and up to `threads - 1` more,
/// and returns once every task started has returned: how the sinks write their files side by
/// side (each its own files, from the same finished baseline).
///
/// The outcome is the one running the tasks one after another, in index order, gives:
/// - Tasks are started in `startOrder` (by default index order) by whichever thread is free:
///   the longest first, so that the others fill the other thread.
/// - A task in `callerOnly` runs on the calling thread only, never on an extra one: such tasks
///   run one after another, in start order (how a sink that did not say it may write side by
///   side keeps to the thread it was made on). The other tasks go to whichever thread is free.
/// - When task `i` throws, no task after `i` starts; the tasks before `i` still run (in index
///   order they came first), and those running are waited for.
/// - What is thrown is the error of the lowest index that threw: the error running the tasks in
///   index order would have met first.
/// - Nothing the tasks touch outlives the call: every extra thread has finished its last task
///   (and released it) before `run` returns or throws.
/// - An extra thread the system will not start (a limit on threads reached) is not waited for:
///   its tasks run on the threads that did start, the calling thread at least, with the same
///   outcome.
///
/// With `threads` 1, a single task, or every task in `callerOnly`, no thread is started and the
/// tasks run in index order.
public enum SideBySide {
    /// Runs `task(0)` … `task(count - 1)` on up to `threads` threads (see the type's rules).
    /// `startOrder`, when given, holds each index once; `callerOnly` holds the indices that run
    /// on the calling thread only. `name` names the extra threads; `stackSize` in bytes, or 0
    /// for the system's default.
    public static func run(count: Int, threads: Int, startOrder: [Int]? = nil, callerOnly: Set<Int> = [], name: String,
                           stackSize: Int = 0, _ task: @escaping (Int) throws -> Void) throws {
        let extra = min(max(0, threads - 1), count - 1, count - callerOnly.count)
        guard extra > 0 else {
            for index in 0..<count { try task(index) }
            return
        }
        let order = startOrder ?? Array(0..<count)
        precondition(order.sorted() == Array(0..<count), "the start order must hold each task once")
        let work = Work(order: order, callerOnly: callerOnly, task: task)
        for number in 1...extra {
            work.started()
            do {
                try DetachedThread.start(name: "\(name) \(number)", stackSize: stackSize) { [work] in
                    work.drain(onCaller: false)
                    work.finished()
                }
            } catch {
                // No thread to wait for: its tasks are left to the threads that started.
                work.finished()
            }
        }
        work.drain(onCaller: true)
        try work.waitForAll()
    }
}

/// The shared state: the tasks not yet started, the errors met, the threads still working.
private final class Work: @unchecked Sendable {
    private let condition = NSCondition()
    private var task: ((Int) throws -> Void)?
    /// The indices not yet started, in the order they are to start.
    private var waiting: [Int]
    /// The indices only the calling thread may start.
    private let callerOnly: Set<Int>
    /// The lowest index that threw, and its error.
    private var failure: (index: Int, error: Error)?
    /// Extra threads started that have not yet returned from `drain`.
    private var working = 0

    init(order: [Int], callerOnly: Set<Int>, task: @escaping (Int) throws -> Void) {
        waiting = order
        self.callerOnly = callerOnly
        self.task = task
    }

    /// Counts an extra thread before it starts, so `waitForAll` cannot miss it.
    func started() {
        condition.lock()
        working += 1
        condition.unlock()
    }

    /// Takes task after task until none is left that this thread may start (`onCaller`: every
    /// task; on an extra thread, those not in `callerOnly`).
    func drain(onCaller: Bool) {
        while let (index, task) = take(onCaller: onCaller) {
            do {
                try task(index)
            } catch {
                condition.lock()
                if failure == nil || index < failure!.index { failure = (index, error) }
                condition.unlock()
            }
        }
    }

    /// The next index this thread may start and the task, or `nil` when none is left: after a
    /// failure, only the indices below the failed one still start.
    private func take(onCaller: Bool) -> (Int, (Int) throws -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        guard let task else { return nil }
        if let failure { waiting.removeAll { $0 > failure.index } }
        guard let position = onCaller ? waiting.indices.first : waiting.firstIndex(where: { !callerOnly.contains($0) }) else { return nil }
        return (waiting.remove(at: position), task)
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
