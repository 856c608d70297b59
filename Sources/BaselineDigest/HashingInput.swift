import BaselineCore
import Foundation

/// A file read from start to end in large blocks, each hashed as it is read: for a parser that
/// pulls its input a little at a time (libxml2 asks for 4,000 bytes per call), so that the file
/// is read once, in a few hundred system calls, and the manifest's digest is of the very bytes
/// parsed — not of a second read that a file changed in between would make different.
///
/// One thread at a time; the caller owns the descriptor (the input neither closes nor seeks it).
public final class HashingInput {
    private let descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var atEnd = false
    private let hasher = SHA256()
    private var hashed = 0
    /// The `errno` of the read that failed, if one did.
    public private(set) var failure: Int32?

    /// Reads `descriptor` from its current offset, `blockSize` bytes at a time.
    public init(descriptor: Int32, blockSize: Int = 1 << 18) {
        self.descriptor = descriptor
        buffer = .allocate(byteCount: max(1, blockSize), alignment: 64)
    }

    deinit {
        buffer.deallocate()
    }

    /// Copies up to `count` bytes into `target`: the number copied, 0 at the end of the file,
    /// or -1 when reading failed (`failure` says why).
    public func read(into target: UnsafeMutableRawPointer, count: Int) -> Int {
        guard count > 0 else { return 0 }
        if start == end {
            guard !atEnd else { return 0 }
            guard refill() else { return failure == nil ? 0 : -1 }
        }
        let copied = min(count, end - start)
        target.copyMemory(from: buffer.baseAddress! + start, byteCount: copied)
        start += copied
        return copied
    }

    /// Reads and hashes whatever the parser left unread, and returns the digest of the whole
    /// file; `nil` when a read failed.
    public func finish() -> InputDigest? {
        start = end
        while !atEnd {
            guard refill() else { break }
            start = end
        }
        guard failure == nil else { return nil }
        return InputDigest(sha256: hasher.finalizeHex(), bytes: hashed)
    }

    /// Reads the next block (retrying on EINTR) and hashes it; `false` at the end or on failure.
    private func refill() -> Bool {
        while true {
            let got = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if got > 0 {
                hasher.update(UnsafeRawBufferPointer(start: buffer.baseAddress, count: got))
                hashed += got
                start = 0
                end = got
                return true
            }
            if got == 0 {
                atEnd = true
                return false
            }
            guard errno == EINTR else {
                failure = errno
                atEnd = true
                return false
            }
        }
    }
}
