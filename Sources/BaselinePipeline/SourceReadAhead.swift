import BaselineCore
import BaselineHandoff
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
/// At most `depth` batches wait, so memory stays flat however large the input. The crossing is
/// a `Handoff`, with its rules for errors and early stops.
///
/// The runner gives each batch back (`recycle`) once the sinks have seen it, and the source
/// thread lets it go: the memory of a record is then freed by the thread that allocated it.
/// Freed on the runner's thread instead, every record would take the allocator's lock on the
/// other thread's arena, and the two threads would spend their time waiting on each other.
final class SourceReadAhead {
    private let handoff: Handoff<RecordBatch>

    /// Starts reading `source` on a new thread.
    init(_ source: any RecordSource, name: String, depth: Int = 2) {
        let source = UncheckedSource(source: source)
        // Parsers recurse (YAML front matter, nested XML): give the thread a main thread's stack.
        handoff = Handoff(name: "source \(name)", capacity: depth, stackSize: 8 << 20) { producer in
            while true {
                var spent = producer.takeSpares()
                spent.removeAll()  // frees the records here, where they were made
                guard !producer.isStopping, let batch = try source.source.next() else { return }
                guard producer.put(batch) else { return }
            }
        }
    }

    deinit {
        handoff.stop()
    }

    /// The next batch, `nil` once the source is exhausted; throws what the source threw, once
    /// the batches before it are taken.
    func next() throws -> RecordBatch? {
        try handoff.next()
    }

    /// Hands back a batch the stages and sinks are done with, for the source thread to free.
    func recycle(_ batch: consuming RecordBatch) {
        handoff.recycle(batch)
    }

    /// Stops the thread after the batch it is reading and waits for it. Called when the run
    /// ends early, so a failed run leaves no thread reading.
    func stop() {
        handoff.stop()
    }
}

/// A source handed to the read-ahead thread, which alone uses it until it is done.
private struct UncheckedSource: @unchecked Sendable {
    let source: any RecordSource
}
