import BaselineCore
import Foundation

/// Calls a source's `next()` on a thread of its own, a batch or two ahead of the stages: the
/// source reads and parses the next files while the stages work through the last batch.
///
/// ```
///  source thread:  source.next() ─▶ queue (at most `depth` batches) ─▶ source.next() …
///  runner:         next() ─▶ oldest queued batch ─▶ stages ─▶ sinks
/// ```
///
/// The source is used by that thread alone until it is exhausted (or `stop()` returns); only
/// then may the runner read its `notes` and `inputs`. An error stops the thread, and the runner
/// meets it after the batches read before it, in the order it would have met it on one thread.
/// At most `depth` batches wait, so memory stays flat however large the input.
///
/// The runner gives each batch back (`recycle`) once the sinks have seen it, and the source
/// thread lets it go: the memory of a record is then freed by the thread that allocated it.
/// Freed on the runner's thread instead, every record would take the allocator's lock on the
/// other thread's arena, and the two threads would spend their time waiting on each other.
final class SourceReadAhead: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [RecordBatch] = []
    private var spent: [RecordBatch] = []
    private var failure: Error?
    private var producing = true
    private var stopping = false
    private let depth: Int

    /// Starts reading `source` on a new thread.
    init(_ source: any RecordSource, name: String, depth: Int = 2) {
        self.depth = depth
        let source = UncheckedSource(source: source)
        let thread = Thread { [self] in run(source.source) }
        thread.name = "source \(name)"
        // Parsers recurse (YAML front matter, nested XML): give the thread a main thread's stack.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next batch, `nil` once the source is exhausted; throws what the source threw, once
    /// the batches before it are taken.
    func next() throws -> RecordBatch? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty, failure == nil, producing { condition.wait() }
        if !ready.isEmpty {
            condition.broadcast()
            return ready.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Hands back a batch the stages and sinks are done with, for the source thread to free.
    func recycle(_ batch: consuming RecordBatch) {
        condition.lock()
        defer { condition.unlock() }
        spent.append(batch)
        condition.broadcast()
    }

    /// Stops the thread after the batch it is reading and waits for it. Called when the run
    /// ends early, so a failed run leaves no thread reading.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        ready.removeAll()
        condition.broadcast()
        while producing { condition.wait() }
    }

    private func run(_ source: any RecordSource) {
        do {
            while true {
                condition.lock()
                while ready.count >= depth, !stopping { condition.wait() }
                let stop = stopping
                var done = spent
                spent = []
                condition.unlock()
                done.removeAll()  // frees the records here, where they were made
                guard !stop, let batch = try source.next() else { break }
                condition.lock()
                ready.append(batch)
                condition.broadcast()
                condition.unlock()
            }
        } catch {
            condition.lock()
            failure = error
            condition.unlock()
        }
        condition.lock()
        producing = false
        condition.broadcast()
        condition.unlock()
    }
}

/// A source handed to the read-ahead thread, which alone uses it until it is done.
private struct UncheckedSource: @unchecked Sendable {
    let source: any RecordSource
}
