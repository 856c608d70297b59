import Foundation

/// Parses a file's pieces on a thread of its own, a few pieces ahead of the reader: the reader
/// works through the rows of one buffer while libcsv fills the next.
///
/// ```
///  parse thread:  take a free buffer ─▶ parse a piece into it ─▶ hand the unfinished row to the
///                 next free buffer ─▶ queue it as ready (in file order)
///  reader:        next() ─▶ rows of the oldest ready buffer ─▶ recycle() ─▶ free again
/// ```
///
/// The buffers are plain memory (`RowBuffer`), so nothing reference-counted crosses between the
/// threads for each row. An error stops the thread; the reader meets it after the rows parsed
/// before it, where it would have met it reading on one thread.
final class ReadAhead: @unchecked Sendable {
    private let condition = NSCondition()
    private let buffers: [UnsafeMutablePointer<RowBuffer>]
    private var free: [UnsafeMutablePointer<RowBuffer>]
    private var ready: [(rows: UnsafeMutablePointer<RowBuffer>, final: Bool)] = []
    private var failure: Error?
    private var producing = true
    private var stopping = false

    /// Starts the thread, which calls `parse` for piece after piece (`parse` returns `false`
    /// after the last) with `depth` buffers between it and the reader.
    init(maxFieldBytes: Int, depth: Int = 3, parse: @escaping @Sendable (UnsafeMutablePointer<RowBuffer>) throws -> Bool) {
        buffers = (0..<depth).map { _ in
            let buffer = UnsafeMutablePointer<RowBuffer>.allocate(capacity: 1)
            buffer.initialize(to: RowBuffer(maxFieldBytes: maxFieldBytes))
            return buffer
        }
        free = buffers
        let thread = Thread { [self] in run(parse) }
        thread.name = "csv parse"
        thread.start()
    }

    deinit {
        for buffer in buffers {
            buffer.pointee.free()
            buffer.deinitialize(count: 1)
            buffer.deallocate()
        }
    }

    /// The oldest parsed piece (`final` for the file's last), `nil` after it; throws the
    /// parse error that stopped the thread once the pieces before it are read.
    func next() throws -> (rows: UnsafeMutablePointer<RowBuffer>, final: Bool)? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty, failure == nil, producing { condition.wait() }
        if !ready.isEmpty { return ready.removeFirst() }
        if let failure { throw failure }
        return nil
    }

    /// Gives a piece's buffer back once its rows are read.
    func recycle(_ rows: UnsafeMutablePointer<RowBuffer>) {
        condition.lock()
        defer { condition.unlock() }
        rows.pointee.clearRows()
        free.append(rows)
        condition.broadcast()
    }

    /// Stops the thread and waits for it (the reader is going away).
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        while producing { condition.wait() }
    }

    private func run(_ parse: (UnsafeMutablePointer<RowBuffer>) throws -> Bool) {
        if var current = take() {
            do {
                while true {
                    let more = try parse(current)
                    if current.pointee.rowCount > 0 || !more {
                        guard let next = take() else { break }
                        current.pointee.handOff(to: &next.pointee)
                        condition.lock()
                        ready.append((current, !more))
                        condition.broadcast()
                        condition.unlock()
                        current = next
                    }
                    if !more { break }
                }
            } catch {
                condition.lock()
                failure = error
                condition.unlock()
            }
            recycle(current)
        }
        condition.lock()
        producing = false
        condition.broadcast()
        condition.unlock()
    }

    /// A free buffer, waiting for the reader to recycle one; `nil` once stopping.
    private func take() -> UnsafeMutablePointer<RowBuffer>? {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty, !stopping { condition.wait() }
        return stopping ? nil : free.removeLast()
    }
}
