import Foundation

/// Reads notes files line by line in 64 KiB pieces through one reused buffer, so a folder of
/// thousands of notes costs no allocation per file and no file is ever held whole in memory.
final class NoteReader {
    /// Why a file could not be read as text.
    enum Problem: Equatable {
        /// The file could not be opened or read.
        case unreadable(String)
        /// The first 8000 bytes hold a NUL: an image, a Word document, a PDF…
        case binary
        /// The file starts with a UTF-16 byte order mark.
        case utf16
    }

    private let buffer: UnsafeMutableRawBufferPointer
    private var carry = [UInt8]()

    /// Bytes searched for a NUL to tell a binary file, as git does.
    private static let sniffBytes = 8000

    init() {
        buffer = .allocate(byteCount: 1 << 16, alignment: 16)
    }

    deinit {
        buffer.deallocate()
    }

    /// Calls `body` with each line of the file at `path` (without `\n` or `\r\n`, after any
    /// UTF-8 byte order mark) and its 1-based number. Returns why the file could not be read,
    /// before any line, or `nil`.
    func read(_ path: String, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws -> Problem? {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .unreadable(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        carry.removeAll(keepingCapacity: true)
        var lineNumber = 1
        var first = true
        func emit(_ line: UnsafeBufferPointer<UInt8>) throws {
            var line = line
            if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
            try body(line, lineNumber)
            lineNumber += 1
        }
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                return first ? .unreadable(String(cString: strerror(errno))) : nil
            }
            guard count > 0 else { break }
            var chunk = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
            if first {
                first = false
                if chunk.count >= 2, (chunk[0] == 0xFF && chunk[1] == 0xFE) || (chunk[0] == 0xFE && chunk[1] == 0xFF) {
                    return .utf16
                }
                if memchr(chunk.baseAddress!, 0, min(chunk.count, Self.sniffBytes)) != nil { return .binary }
                if chunk.count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF {
                    chunk = UnsafeBufferPointer(rebasing: chunk[3...])
                }
            }
            var start = 0
            while start < chunk.count, let hit = memchr(chunk.baseAddress! + start, 0x0A, chunk.count - start) {
                let end = chunk.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if carry.isEmpty {
                    try emit(UnsafeBufferPointer(rebasing: chunk[start..<end]))
                } else {
                    carry.append(contentsOf: chunk[start..<end])
                    try carry.withUnsafeBufferPointer { try emit($0) }
                    carry.removeAll(keepingCapacity: true)
                }
                start = end + 1
            }
            carry.append(contentsOf: chunk[start...])
        }
        if !carry.isEmpty {
            try carry.withUnsafeBufferPointer { try emit($0) }
        }
        return nil
    }
}
