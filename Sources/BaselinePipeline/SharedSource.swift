import BaselineCore
import BaselineDigest
import BaselineHandoff
import BaselineSchema
import Foundation

/// A source every place of a programme reads (a national indicator file), read once: one thread
/// reads it and every place's pipeline gets each batch, in the order the source gave them.
///
/// ```
///  reader thread: source.next() ─▶ buffer (at most `depth` batches) ─▶ place 1's stages
///                                                                  ├─▶ place 2's stages
///                                                                  └─▶ …
/// ```
///
/// A batch leaves the buffer once every place still reading has taken it, so memory holds
/// `depth` batches whatever the file's size, and the slowest place sets the pace. A new batch
/// wakes the places waiting for it; a batch let go wakes only the reader. A place that
/// ends early (it failed, or it is done) leaves, and is no longer waited for. An error of the
/// source reaches every place after the batches before it, as it would in a one-place run.
/// The inputs are hashed once, on a thread of their own, for every place's manifest.
///
/// Routed by area (`Routing`), the reader thread first gives each batch to the shared passes
/// (what the places' stages take from every area), then splits it with an `AreaRouter`, and
/// each place gets its own part. A place is not woken for a part with nothing in it: the
/// observations it was not given are counted into its next part (or a last one of no records),
/// and a batch with nothing for any place does not go into the buffer at all.
final class SharedSource: @unchecked Sendable {
    /// How a routed source's batches are handled before the places get them.
    struct Routing {
        /// Splits each batch among the places.
        let router: AreaRouter
        /// Given every batch, whole, in order, before the places see it.
        let passes: [any SharedAreaPass]
    }

    /// A batch in the buffer: for every place, or split into one part a place.
    private enum Entry {
        case whole(RecordBatch)
        case split([RecordBatch])
    }

    /// The source's inputs, for each place's manifest.
    let inputs: [InputFile]
    /// The files it found and does not read, for each place's manifest (known once it is built).
    let leftOut: [LeftOutInput]
    /// The source's notes, once it is exhausted.
    private(set) var notes: [String] = []
    /// The SHA-256 of each input, once the source is exhausted.
    private(set) var digests: [InputDigest?] = []
    /// The rows read, for a source that counts rows into fewer records (`RecordSource.rowsRead`),
    /// once it is exhausted: each place's counts and `max_rejected:` are in its rows, as in a
    /// one-place run.
    private(set) var rowsRead: Int?

    private let source: any RecordSource
    private let onRead: @Sendable (RecordBatch?) -> Void
    private let condition = NSCondition()
    private let routing: Routing?
    private var buffer = [Entry]()
    /// The position of `buffer[0]` in the source's batches.
    private var first = 0
    /// The next batch of each place; `nil` once it has left.
    private var positions: [Int?]
    /// Routed: each place's observations of batches with nothing for any place, to be counted
    /// into its next part.
    private var pending: [Int]
    private var end: Swift.Result<Void, Error>?
    private var stopping = false
    private let done = DispatchSemaphore(value: 0)
    /// A token for each free place in the buffer: the reader takes one before each batch, and a
    /// batch every place has taken gives its back. (Made empty and filled, so that tokens still
    /// out when it goes away are no error.)
    private let room = DispatchSemaphore(value: 0)
    private var started = false

    /// Wraps an opened source for `places` readers; `onRead` is shown every batch as it is read
    /// (on the reader's thread), then `nil` at the end, for the progress line.
    /// With `routing`, the batches are split among the places (see `Routing`).
    init(_ source: any RecordSource, places: Int, depth: Int = 4, routing: Routing? = nil, onRead: @escaping @Sendable (RecordBatch?) -> Void) {
        self.source = source
        self.routing = routing
        self.inputs = source.inputs
        self.leftOut = source.leftOut
        self.onRead = onRead
        self.positions = Array(repeating: 0, count: places)
        self.pending = Array(repeating: 0, count: places)
        for _ in 0..<depth { room.signal() }
    }

    /// Starts the reader thread (and the hashing thread, unless the source hashes what it reads).
    func start() {
        started = true
        let hashed = Hashing(inputs: source.hashesInputs ? [] : inputs, stop: { [unowned self] in condition.withLock { stopping } })
        do {
            try DetachedThread.start(name: "shared source", stackSize: 8 << 20) { [self] in
                let outcome = read()
                let digests = source.hashesInputs ? source.inputDigests : hashed.wait()
                let notes = source.notes, rowsRead = source.rowsRead
                // The end is known to the places once the notes, digests and rows read are there too.
                condition.withLock {
                    self.notes = notes
                    self.digests = digests
                    self.rowsRead = rowsRead
                    end = outcome
                    condition.broadcast()
                }
                done.signal()
            }
        } catch {
            // No reader (a limit on threads reached): every place meets the error at its first
            // batch, once the hashing has stopped.
            condition.withLock { stopping = true }
            _ = hashed.wait()
            condition.withLock {
                end = .failure(error)
                condition.broadcast()
            }
            done.signal()
        }
    }

    /// The reading: a batch whenever there is room, until the end, an error, or no reader left.
    private func read() -> Swift.Result<Void, Error> {
        while true {
            room.wait()
            guard !condition.withLock({ stopping }) else { return .success(()) }
            switch Swift.Result(catching: { try source.next() }) {
            case .success(let batch?):
                onRead(batch)
                let entry: Entry
                if let routing {
                    for pass in routing.passes { pass.add(batch) }
                    let parts = routing.router.split(batch)
                    if parts.allSatisfy(\.isEmpty) {
                        condition.withLock {
                            for (place, part) in parts.enumerated() { pending[place] += part.observationsElsewhere }
                        }
                        room.signal()
                        continue
                    }
                    entry = .split(parts)
                } else {
                    entry = .whole(batch)
                }
                condition.withLock {
                    buffer.append(entry)
                    condition.broadcast()
                }
            case .success(nil):
                onRead(nil)
                return .success(())
            case .failure(let error):
                return .failure(error)
            }
        }
    }

    /// The next batch for `place`, `nil` at the end; throws the source's error once the batches
    /// before it are taken. Waits for the reader when the place is ahead of it.
    func next(for place: Int) throws -> RecordBatch? {
        condition.lock()
        defer { condition.unlock() }
        // Observations of the parts passed over (nothing in them for this place), to be counted.
        var elsewhere = 0
        func taking(_ batch: RecordBatch) -> RecordBatch {
            var batch = batch
            batch.observationsElsewhere += elsewhere + pending[place]
            pending[place] = 0
            return batch
        }
        while true {
            guard let position = positions[place] else { return nil }
            if position < first + buffer.count {
                positions[place] = position + 1
                let entry = buffer[position - first]
                trim()
                switch entry {
                case .whole(let batch):
                    return batch
                case .split(let parts):
                    guard parts[place].isEmpty else { return taking(parts[place]) }
                    elsewhere += parts[place].observationsElsewhere
                    continue
                }
            }
            if let end {
                try end.get()
                let last = taking(RecordBatch())
                return last.observationsElsewhere > 0 ? last : nil
            }
            condition.wait()
        }
    }

    /// `place` reads no more: the others no longer wait for it. (May be called again.)
    func leave(_ place: Int) {
        condition.withLock {
            positions[place] = nil
            trim()
            if positions.allSatisfy({ $0 == nil }), !stopping {
                stopping = true
                room.signal()
            }
        }
    }

    /// Every place has left: stops the reader and the hashing and waits for their threads.
    func finish() {
        condition.withLock {
            if !stopping { room.signal() }
            stopping = true
            condition.broadcast()
        }
        if started {
            done.wait()
            done.signal()
        }
    }

    /// Drops the batches every place still reading has taken (called with the lock held).
    private func trim() {
        let lowest = positions.compactMap { $0 }.min() ?? first + buffer.count
        let drop = min(max(0, lowest - first), buffer.count)
        guard drop > 0 else { return }
        buffer.removeFirst(drop)
        first += drop
        for _ in 0..<drop { room.signal() }
    }
}

/// The inputs of a shared source hashed on a thread of their own (a file that cannot be read
/// has no digest: each place's run then hashes it itself, and says why it cannot; so does each
/// place when the thread cannot start).
private final class Hashing: @unchecked Sendable {
    private var digests = [InputDigest?]()
    private let finished = DispatchSemaphore(value: 0)

    init(inputs: [InputFile], stop: @escaping @Sendable () -> Bool) {
        guard !inputs.isEmpty else {
            finished.signal()
            return
        }
        do {
            try DetachedThread.start(name: "shared input hashes") { [self] in
                let digester = FileDigester()
                for input in inputs {
                    let digest = try? digester.hexDigest(ofFile: input.resolved, stop: stop)
                    digests.append(digest.map { InputDigest(sha256: $0.digest, bytes: $0.bytes) })
                }
                finished.signal()
            }
        } catch {
            // No digests: each place's run hashes the inputs itself.
            finished.signal()
        }
    }

    /// The digests, once the thread is done.
    func wait() -> [InputDigest?] {
        finished.wait()
        finished.signal()
        return digests
    }
}

/// A place's view of a `SharedSource`: what its pipeline reads instead of opening the file again.
/// While it waits for the reader it gives back its place's turn (`turns`), so that a place
/// waiting for a batch never keeps another from working.
final class SharedSourceReader: RecordSource {
    private let shared: SharedSource
    private let place: Int
    private let turns: DispatchSemaphore

    init(_ shared: SharedSource, place: Int, turns: DispatchSemaphore) {
        self.shared = shared
        self.place = place
        self.turns = turns
    }

    func next() throws -> RecordBatch? {
        turns.signal()
        defer { turns.wait() }
        return try shared.next(for: place)
    }

    var inputs: [InputFile] { shared.inputs }
    var leftOut: [LeftOutInput] { shared.leftOut }
    var notes: [String] { shared.notes }
    var rowsRead: Int? { shared.rowsRead }
    var hashesInputs: Bool { true }
    var inputDigests: [InputDigest?] { shared.digests }
}
