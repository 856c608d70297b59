import BaselineHandoff
import CLibCSV
import Foundation

/// Parses a UTF-8 file in slices on worker threads, each slice with a libcsv parser of its own,
/// while one thread reads (and hashes) the file; the reader gets the rows in file order, with
/// the lines, errors and digest of parsing on one thread.
///
/// ```
///  read thread:  read a piece ─▶ cut after the last line break with an even count of quotes
///                before it (the rest waits for the next slice) ─▶ queue the slice
///  workers (2):  take the oldest queued slice ─▶ parse it from a fresh libcsv, lines from 1 ─▶
///                done: did it end between records (the cut proved)?
///  reader:       readPiece() ─▶ the oldest slice once done:
///                  cut proved before it ─▶ its rows, lines moved on by the lines before it
///                  not proved, or a worker met an error ─▶ parse it again here, continuing the
///                  previous slice's libcsv state (`serial`): the one-thread result, error and all
///                ─▶ recycle it for the read thread
/// ```
///
/// A slice normally starts at a record boundary because a quoted field holds an even number
/// of quotes once closed; a stray quote in an unquoted field (which libcsv keeps as a character)
/// makes that count lie, so a cut is trusted only when the parser of the slice before it ended
/// there outside any record (`TextParser.isBetweenRecords`). Memory is the pool of slices
/// (workers + 3), each about two pieces of bytes and their rows, whatever the file's size.
final class ParallelRead {
    private let pipeline: Pipeline
    private var threads: [pthread_t] = []
    /// The libcsv state carried from slice to slice once a cut is not proved, and its rows.
    private var serial: TextParser
    private let serialRows: UnsafeMutablePointer<RowBuffer>
    /// The bytes `serial` parses: a cut character kept from the last slice, then the next slice.
    private let serialInput: UnsafeMutablePointer<UInt8>
    private var serialTail = 0
    /// Whether `serial` holds the true state at the next slice's start (its cut is not proved).
    private var carrying = false
    /// The lines before the next slice.
    private var lineBase = 0
    private var stopped = false
    /// How many slices were parsed again here (a cut not proved, or an error): for tests.
    private(set) var slicesParsedAgain = 0

    /// Starts the read thread on `source` (which has read the first piece) and `workers` workers.
    /// Throws `ThreadStartError`, with every thread it started stopped and `source` untouched,
    /// when one will not start: the workers start first, the read thread, which reads `source`,
    /// last.
    init(source: PieceParser, maxFieldBytes: Int, workers: Int) throws {
        let pieceSize = source.pieceSize
        let slices = (0..<workers + 3).map { _ in
            FileSlice(displayPath: source.displayPath, delimiter: source.delimiter, maxFieldBytes: maxFieldBytes, pieceSize: pieceSize,
                      writtenInUTF8: source.writtenInUTF8)
        }
        pipeline = Pipeline(source: source, slices: slices)
        serial = TextParser(displayPath: source.displayPath, encoding: .utf8, delimiter: source.delimiter, maxFieldBytes: maxFieldBytes,
                            pieceSize: pieceSize)
        serial.writtenInUTF8 = source.writtenInUTF8
        serialRows = .allocate(capacity: 1)
        serialRows.initialize(to: RowBuffer(maxFieldBytes: maxFieldBytes))
        serialInput = .allocate(capacity: FileSlice.capacity(pieceSize: pieceSize) + 8)
        let pipeline = pipeline
        do {
            for number in 0..<workers {
                threads.append(try DetachedThread.startJoinable(name: "csv parse \(number + 1)") { pipeline.runWorker() })
            }
            threads.append(try DetachedThread.startJoinable(name: "csv read") { pipeline.runReader() })
        } catch {
            // `deinit` then frees the rest, as for a reader that ran.
            stop()
            throw error
        }
    }

    deinit {
        stop()
        serial.free()
        serialRows.pointee.free()
        serialRows.deinitialize(count: 1)
        serialRows.deallocate()
        serialInput.deallocate()
    }

    /// Stops the threads and waits for them to end (the reader is going away); harmless twice.
    func stop() {
        guard !stopped else { return }
        stopped = true
        pipeline.stop()
        for thread in threads { pthread_join(thread, nil) }
    }

    /// Calls `body` with the rows of the next slice and the lines before it; returns `false`
    /// once the file's last slice is read.
    func readPiece(_ body: (RowBuffer, Int) throws -> Void) throws -> Bool {
        guard let slice = try pipeline.next() else { return false }
        defer { pipeline.recycle(slice) }
        if !carrying, !slice.failed {
            try body(slice.rows.pointee, lineBase)
            if slice.final { return false }
            if slice.provesCut {
                lineBase += slice.rows.pointee.currentLine - 1
            } else {
                carry(slice)
            }
            return true
        }
        try parseSerially(slice)
        try body(serialRows.pointee, 0)
        serialRows.pointee.clearRows()
        if slice.final { return false }
        if serialTail == 0, serial.isBetweenRecords, serialRows.pointee.fieldsInRow == 0 {
            carrying = false
            lineBase = serialRows.pointee.currentLine - 1
        }
        return true
    }

    /// Takes over the end state of `slice`, whose cut is not proved: its libcsv parser, its
    /// unfinished row and any cut character, with lines counted from the file's start.
    private func carry(_ slice: FileSlice) {
        swap(&serial.parser, &slice.text.parser)
        serialRows.pointee.reset(line: 1)
        slice.rows.pointee.handOff(to: &serialRows.pointee)
        serialRows.pointee.shiftLines(by: lineBase)
        serialTail = slice.count - slice.consumed
        serialInput.update(from: slice.raw + slice.consumed, count: serialTail)
        carrying = true
    }

    /// Parses `slice` here from the true state: the carried one, or a fresh parser at
    /// `lineBase` when the slice's worker met an error (which this meets again, with its line).
    private func parseSerially(_ slice: FileSlice) throws {
        slicesParsedAgain += 1
        if !carrying {
            serial.reset()
            serialRows.pointee.reset(line: lineBase + 1)
            serialTail = 0
            carrying = true
        }
        (serialInput + serialTail).update(from: slice.raw, count: slice.count)
        let input = UnsafeBufferPointer(start: serialInput, count: serialTail + slice.count)
        let consumed = try serial.parse(input, offset: slice.offset - serialTail, final: slice.final, into: serialRows)
        serialTail = input.count - consumed
        memmove(serialInput, serialInput + consumed, serialTail)
        if slice.final { try serial.finish(serialRows) }
    }

}

// MARK: - Slices

/// A stretch of the file that starts where the slice before it was cut, its rows once a worker
/// has parsed it, and how the parse ended. Each field is written by one thread at a time, and
/// handed between threads under the pipeline's lock.
final class FileSlice: @unchecked Sendable {
    /// The bytes: at most a piece kept from the previous read, then a piece read.
    let raw: UnsafeMutablePointer<UInt8>
    var count = 0
    /// The offset in the file of `raw[0]`.
    var offset = 0
    /// Whether the file ends with this slice.
    var final = false
    var text: TextParser
    let rows: UnsafeMutablePointer<RowBuffer>
    /// The bytes the worker parsed (the rest begin a character cut by the slice's end).
    var consumed = 0
    /// Whether the worker met an error (then the reader parses the slice again, to report it
    /// where parsing on one thread would).
    var failed = false
    /// Whether the worker's parser ended outside any record, with every byte parsed: the next
    /// slice's cut is a record boundary, so its fresh parser started in the true state.
    var provesCut = false
    var parsed = false

    static func capacity(pieceSize: Int) -> Int { 2 * pieceSize }

    init(displayPath: String, delimiter: UInt8, maxFieldBytes: Int, pieceSize: Int, writtenInUTF8: Bool = false) {
        raw = .allocate(capacity: Self.capacity(pieceSize: pieceSize))
        text = TextParser(displayPath: displayPath, encoding: .utf8, delimiter: delimiter, maxFieldBytes: maxFieldBytes, pieceSize: pieceSize)
        text.writtenInUTF8 = writtenInUTF8
        rows = .allocate(capacity: 1)
        rows.initialize(to: RowBuffer(maxFieldBytes: maxFieldBytes))
    }

    deinit {
        raw.deallocate()
        text.free()
        rows.pointee.free()
        rows.deinitialize(count: 1)
        rows.deallocate()
    }

    /// Parses the slice from a fresh parser, counting lines from 1 (on a worker thread).
    func parse() {
        text.reset()
        rows.pointee.reset(line: 1)
        do {
            consumed = try text.parse(UnsafeBufferPointer(start: raw, count: count), offset: offset, final: final, into: rows)
            if final { try text.finish(rows) }
            failed = false
            provesCut = !final && consumed == count && text.isBetweenRecords && rows.pointee.fieldsInRow == 0
        } catch {
            failed = true
            provesCut = false
        }
    }

    /// Where to end a slice of `count` bytes that is not the file's last: just after its last
    /// line break with an even number of quotes before it (in the slice) that keeps at most
    /// `keepAtMost` bytes for the next slice; else just after its last line break; else all of
    /// it (a CR at the end waits, in case an LF follows). A CR followed by an LF or a blank is not
    /// a cut.
    static func cut(_ bytes: UnsafePointer<UInt8>, count: Int, keepAtMost: Int) -> Int {
        let quote = UInt8(ascii: "\""), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var quotesBefore = quotes(in: bytes, count: count)
        var fallback = -1
        var index = count - 1
        let earliest = max(0, count - 1 - keepAtMost)
        while index >= earliest {
            let byte = bytes[index]
            if byte == quote {
                quotesBefore -= 1
            } else if byte == lf || (byte == cr && index + 1 < count && !Self.keepsCRFromCut(bytes[index + 1])) {
                if quotesBefore & 1 == 0 { return index + 1 }
                if fallback < 0 { fallback = index + 1 }
            }
            index -= 1
        }
        if fallback >= 0 { return fallback }
        // No line break to cut after: a CR at the end, with any blanks after it, waits for the
        // next slice, in case an LF follows.
        // (At most `keepAtMost` bytes are kept, as everywhere here.)
        var end = count
        while end > 1, count - (end - 1) <= keepAtMost, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return end > 0 && count - (end - 1) <= keepAtMost && bytes[end - 1] == cr ? end - 1 : count
    }

    /// Whether a CR followed by `byte` is no place to cut: an LF (the CR LF pair), or a blank,
    /// which libcsv skips, so that an LF after it still closes the pair the reader counts as one
    /// line break — a slice starting after the CR would count that LF again.
    @inline(__always)
    private static func keepsCRFromCut(_ byte: UInt8) -> Bool {
        byte == 0x0A || byte == 0x20 || byte == 0x09
    }

    /// The number of quote bytes in `bytes`, eight at a time: each word marks its quote bytes
    /// with a 1 in their byte, added up byte by byte for up to 31 words (at most 248 a word, so
    /// no byte overflows) and then summed across the word by one multiplication. (Without the
    /// POPCNT instruction, which the default x86-64 target lacks, counting bits costs more.)
    static func quotes(in bytes: UnsafePointer<UInt8>, count: Int) -> Int {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var total = 0
        var index = 0
        while index + 8 <= count {
            var lanes: UInt64 = 0
            let end = min(count - count % 8, index + 31 * 8)
            while index < end {
                let word = UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self) ^ 0x2222_2222_2222_2222
                // The high bit of each byte that was a quote (now zero), exactly; moved to the low bit.
                lanes &+= ~(((word & low) &+ low) | word | low) >> 7
                index += 8
            }
            total += Int(truncatingIfNeeded: (lanes &* 0x0101_0101_0101_0101) >> 56)
        }
        while index < count {
            if bytes[index] == UInt8(ascii: "\"") { total += 1 }
            index += 1
        }
        return total
    }
}

// MARK: - Pipeline

/// What the threads share, under one lock: the free slices, those queued for a worker, and all
/// those read in file order until the reader takes them. Each kind of thread waits on a
/// condition of its own and is woken only by what it waits for (a free slice, a queued slice,
/// the oldest slice parsed): one condition for all, broadcast at every change, woke every
/// sleeping thread to find nothing to do, thousands of times a file.
private final class Pipeline: @unchecked Sendable {
    private let source: PieceParser
    private let waits = Waits()
    private var free: [FileSlice]
    private var queued: [FileSlice] = []
    private var inOrder: [FileSlice] = []
    private var readFailure: Error?
    private var readingDone = false
    private var stopping = false

    init(source: PieceParser, slices: [FileSlice]) {
        self.source = source
        free = slices
    }

    /// Asks the threads to stop (each returns at its next wait).
    func stop() {
        waits.lock()
        stopping = true
        waits.broadcastAll()
        waits.unlock()
    }

    /// The oldest slice read, once parsed; `nil` after the last; throws a read error after the
    /// slices before it.
    func next() throws -> FileSlice? {
        waits.lock()
        defer { waits.unlock() }
        while true {
            if let first = inOrder.first {
                if first.parsed {
                    inOrder.removeFirst()
                    return first
                }
            } else if let readFailure {
                throw readFailure
            } else if readingDone {
                return nil
            }
            waits.wait(.consumer)
        }
    }

    /// Gives a slice back to the read thread.
    func recycle(_ slice: FileSlice) {
        waits.lock()
        free.append(slice)
        waits.signal(.reader)
        waits.unlock()
    }

    /// The read thread: cuts the file into slices, in order, until its end, an error or `stop`.
    func runReader() {
        let carried = UnsafeMutablePointer<UInt8>.allocate(capacity: source.pieceSize)
        defer { carried.deallocate() }
        var carriedCount = 0
        var carriedOffset = 0
        while true {
            waits.lock()
            while free.isEmpty, !stopping { waits.wait(.reader) }
            guard !stopping else {
                waits.unlock()
                return
            }
            let slice = free.removeLast()
            waits.unlock()
            let read: (count: Int, offset: Int, final: Bool)
            do {
                read = try source.readNext(into: slice.raw + carriedCount)
            } catch {
                waits.lock()
                readFailure = error
                readingDone = true
                waits.broadcast(.worker)
                waits.signal(.consumer)
                waits.unlock()
                return
            }
            slice.raw.update(from: carried, count: carriedCount)
            slice.offset = carriedCount > 0 ? carriedOffset : read.offset
            let total = carriedCount + read.count
            slice.final = read.final
            slice.count = read.final ? total : FileSlice.cut(slice.raw, count: total, keepAtMost: source.pieceSize)
            carriedCount = total - slice.count
            carriedOffset = slice.offset + slice.count
            carried.update(from: slice.raw + slice.count, count: carriedCount)
            slice.parsed = false
            waits.lock()
            queued.append(slice)
            inOrder.append(slice)
            if read.final {
                readingDone = true
                // The workers left idle return; the consumer waits for the last slice as for any.
                waits.broadcast(.worker)
            } else {
                waits.signal(.worker)
            }
            waits.unlock()
            if read.final { return }
        }
    }

    /// A worker: parses queued slices until the file is read and none is left, or `stop`.
    func runWorker() {
        while true {
            waits.lock()
            while queued.isEmpty, !stopping, !readingDone { waits.wait(.worker) }
            guard !stopping, !queued.isEmpty else {
                waits.unlock()
                return
            }
            let slice = queued.removeFirst()
            waits.unlock()
            slice.parse()
            waits.lock()
            slice.parsed = true
            // The consumer waits only for the oldest slice.
            if inOrder.first === slice { waits.signal(.consumer) }
            waits.unlock()
        }
    }
}

/// One mutex, and a condition for each kind of thread that waits under it (`NSCondition` ties
/// one condition to its own mutex). Plain `pthread` calls, which ThreadSanitizer understands.
private final class Waits: @unchecked Sendable {
    enum Waiter: Int, CaseIterable {
        case reader, worker, consumer
    }

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let conditions = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: Waiter.allCases.count)

    init() {
        pthread_mutex_init(mutex, nil)
        for waiter in Waiter.allCases { pthread_cond_init(conditions + waiter.rawValue, nil) }
    }

    deinit {
        for waiter in Waiter.allCases { pthread_cond_destroy(conditions + waiter.rawValue) }
        pthread_mutex_destroy(mutex)
        conditions.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    /// Waits (holding the lock) until `waiter`'s condition is signalled.
    func wait(_ waiter: Waiter) { pthread_cond_wait(conditions + waiter.rawValue, mutex) }
    func signal(_ waiter: Waiter) { pthread_cond_signal(conditions + waiter.rawValue) }
    func broadcast(_ waiter: Waiter) { pthread_cond_broadcast(conditions + waiter.rawValue) }
    func broadcastAll() {
        for waiter in Waiter.allCases { broadcast(waiter) }
    }
}
