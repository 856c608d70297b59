import Foundation

/// The one way work crosses between threads in PlaceBaseline: a producer thread fills elements
/// (parsed CSV pieces, XML node chunks, record batches, input digests) and one consumer takes
/// them in order, with at most `capacity` waiting between them.
///
/// ```
///  producer thread:  spare() ─▶ fill ─▶ put() ──┐ (blocks while `capacity` wait)
///                       ▲                       ▼
///  consumer:         recycle() ◀─ use ◀─── next()      stop(): drop what waits, end the
///                                                      producer, wait for its thread
/// ```
///
/// The rules, the same for every use:
/// - `next()` returns elements in the order they were put, then `nil` when the producer
///   returned, or throws what the producer threw, once the elements put before it are taken.
/// - `stop()` (and `deinit`) asks the producer to stop, drops the elements waiting, and waits
///   until the producer's closure has returned **and been released**: nothing the producer
///   captured (a libxml2 reader, a libcsv parser, a file) outlives `stop()` on the other thread,
///   so a process that exits right after a failed run has no thread still inside a C library.
///   Stopping twice, or after the end, is harmless.
/// - While stopping, `put` answers `false` and `spare` answers `nil`: the producer returns.
///   A producer that does long work between them asks `isStopping`.
/// - When the system will not start the producer's thread (a limit on threads reached), the
///   producer never runs and is released at once, and `next()` throws `ThreadStartError`:
///   the consumer fails with a clear error rather than waiting for ever. (Running the producer
///   on the consumer's thread instead cannot be done in general: it would wait in `put` for a
///   consumer that is itself.)
///
/// Only condition variables: no semaphore whose count could be below its start when freed.
public final class Handoff<Element>: @unchecked Sendable {
    private let channel: Channel<Element>

    /// Starts a thread named `name` that runs `produce`. At most `capacity` elements wait for
    /// the consumer; `spares` are elements the producer may take back with `spare()` (a pool of
    /// buffers that bounds memory). `stackSize` in bytes, or 0 for the system's default.
    public init(name: String, capacity: Int, spares: [Element] = [], stackSize: Int = 0,
                _ produce: @escaping @Sendable (HandoffProducer<Element>) throws -> Void) {
        precondition(capacity > 0, "a hand-off needs room for at least one element")
        channel = Channel(capacity: capacity, spares: spares, produce: produce)
        let channel = channel
        do {
            try DetachedThread.start(name: name, stackSize: stackSize) { channel.runProducer() }
        } catch {
            channel.notStarted(error)
        }
    }

    deinit {
        channel.stop()
    }

    /// The oldest element put, waiting for one; `nil` once the producer has returned and every
    /// element is taken; throws the producer's error after the elements put before it.
    public func next() throws -> Element? {
        try channel.next()
    }

    /// Gives an element back for the producer's `spare()` (a buffer to fill again, or a batch
    /// for the producer's thread to free).
    public func recycle(_ element: consuming Element) {
        channel.recycle(element)
    }

    /// Stops the producer and waits for its thread to finish with everything it captured.
    public func stop() {
        channel.stop()
    }
}

/// The producer's side of a `Handoff`, handed to its closure.
public struct HandoffProducer<Element>: @unchecked Sendable {
    fileprivate let channel: Channel<Element>

    /// Queues `element` for the consumer, waiting while the queue is full. `false` when the
    /// consumer has stopped: the element is dropped and the producer should return.
    @discardableResult
    public func put(_ element: consuming Element) -> Bool {
        channel.put(element)
    }

    /// A recycled element, waiting for one to come back; `nil` when the consumer has stopped.
    public func spare() -> Element? {
        channel.spare(wait: true)
    }

    /// A recycled element if one is back, else `nil` at once.
    public func spareIfAny() -> Element? {
        channel.spare(wait: false)
    }

    /// Every element recycled so far (for the producer's thread to free them where they were
    /// made), without waiting.
    public func takeSpares() -> [Element] {
        channel.takeSpares()
    }

    /// Whether the consumer has asked the producer to stop.
    public var isStopping: Bool {
        channel.isStopping
    }
}

// MARK: - The shared state

private final class Channel<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    /// Waiting elements from `head` on; a taken slot is emptied so the consumer holds the only copy.
    private var ready: [Element?] = []
    private var head = 0
    private var spares: [Element]
    private var failure: Error?
    private var produce: (@Sendable (HandoffProducer<Element>) throws -> Void)?
    private var finished = false
    private var stopping = false

    init(capacity: Int, spares: [Element], produce: @escaping @Sendable (HandoffProducer<Element>) throws -> Void) {
        self.capacity = capacity
        self.spares = spares
        self.produce = produce
        ready.reserveCapacity(capacity)
    }

    /// The producer thread's body.
    func runProducer() {
        var thrown: Error?
        do {
            try callProducer()
        } catch {
            thrown = error
        }
        // `callProducer` released the closure and what it captured; only now is the producer done.
        condition.lock()
        if !stopping { failure = thrown }
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The producer's thread did not start: the closure is released unrun, and `error` is what
    /// the consumer meets.
    func notStarted(_ error: Error) {
        condition.lock()
        let body = produce
        produce = nil
        failure = error
        finished = true
        condition.broadcast()
        condition.unlock()
        withExtendedLifetime(body) {}  // released outside the lock
    }

    /// Calls the producer's closure once and releases it before returning.
    private func callProducer() throws {
        condition.lock()
        let body = produce
        produce = nil
        condition.unlock()
        try body?(HandoffProducer(channel: self))
    }

    var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    func put(_ element: consuming Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while ready.count - head >= capacity, !stopping { condition.wait() }
        guard !stopping else { return false }
        if head > 0, head == ready.count {
            ready.removeAll(keepingCapacity: true)
            head = 0
        }
        ready.append(element)
        condition.broadcast()
        return true
    }

    func spare(wait: Bool) -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while wait, spares.isEmpty, !stopping { condition.wait() }
        guard !stopping else { return nil }
        return spares.popLast()
    }

    func takeSpares() -> [Element] {
        condition.lock()
        defer { condition.unlock() }
        let taken = spares
        spares = []
        return taken
    }

    func next() throws -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while head == ready.count, !finished, !stopping { condition.wait() }
        if head < ready.count {
            let element = ready[head].take()!
            head += 1
            if head == ready.count {
                ready.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.broadcast()
            return element
        }
        if let failure { throw failure }
        return nil
    }

    func recycle(_ element: consuming Element) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return }
        spares.append(element)
        condition.broadcast()
    }

    func stop() {
        var dropped: ([Element?], [Element]) = ([], [])
        condition.lock()
        stopping = true
        swap(&dropped.0, &ready)
        swap(&dropped.1, &spares)
        head = 0
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
        dropped = ([], [])  // released outside the lock
    }
}
