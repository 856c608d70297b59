import BaselineHandoff
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
/// threads for each row. The crossing itself is a `Handoff`, whose `spare()` pool holds the free
/// buffers: an error stops the thread, and the reader meets it after the rows parsed before it,
/// where it would have met it reading on one thread.
final class ReadAhead {
    /// A parsed piece: its rows, and whether it is the file's last.
    struct Piece {
        let rows: UnsafeMutablePointer<RowBuffer>
        var final: Bool
    }

    private let buffers: [UnsafeMutablePointer<RowBuffer>]
    private let handoff: Handoff<Piece>

    /// Starts the thread, which calls `parse` for piece after piece (`parse` returns `false`
    /// after the last) with `depth` buffers between it and the reader.
    init(maxFieldBytes: Int, depth: Int = 3, parse: @escaping @Sendable (UnsafeMutablePointer<RowBuffer>) throws -> Bool) {
        let buffers = (0..<depth).map { _ in
            let buffer = UnsafeMutablePointer<RowBuffer>.allocate(capacity: 1)
            buffer.initialize(to: RowBuffer(maxFieldBytes: maxFieldBytes))
            return buffer
        }
        self.buffers = buffers
        handoff = Handoff(name: "csv parse", capacity: depth, spares: buffers.map { Piece(rows: $0, final: false) }) { producer in
            try Self.run(parse, producer)
        }
    }

    deinit {
        handoff.stop()
        for buffer in buffers {
            buffer.pointee.free()
            buffer.deinitialize(count: 1)
            buffer.deallocate()
        }
    }

    /// The oldest parsed piece (`final` for the file's last), `nil` after it; throws the
    /// parse error that stopped the thread once the pieces before it are read.
    func next() throws -> Piece? {
        try handoff.next()
    }

    /// Gives a piece's buffer back once its rows are read.
    func recycle(_ rows: UnsafeMutablePointer<RowBuffer>) {
        rows.pointee.clearRows()
        handoff.recycle(Piece(rows: rows, final: false))
    }

    /// Stops the thread and waits for it (the reader is going away).
    func stop() {
        handoff.stop()
    }

    private static func run(_ parse: (UnsafeMutablePointer<RowBuffer>) throws -> Bool, _ producer: HandoffProducer<Piece>) throws {
        guard var current = producer.spare()?.rows else { return }
        while true {
            let more = try parse(current)
            if current.pointee.rowCount > 0 || !more {
                if !more {
                    producer.put(Piece(rows: current, final: true))
                    return
                }
                guard let next = producer.spare()?.rows else { return }
                current.pointee.handOff(to: &next.pointee)
                guard producer.put(Piece(rows: current, final: false)) else { return }
                current = next
            }
        }
    }
}
