import BaselineDigest
import Foundation

/// What libxml2 reads through, watched for start tags with more attributes than any data file
/// has. libxml2 2.9 checks each attribute of a start tag against every one before it for a
/// repeat, so a tag of n attributes costs n² comparisons: 10,000 take 0.4 s, 40,000 six seconds,
/// 200,000 (a 2.3 MB file) minutes — a hang. A run of more than `limit` `=` with no `<` between
/// them stops the read first, before libxml2 parses the tag. (`<`, not `>`: an attribute's value
/// may hold a `>` but never a `<`, so every attribute of a tag lies between its `<` and the next.)
///
/// Cheap enough for every file: libxml2 asks for about 4,000 bytes a call, and of each block
/// only the bytes before its first `<` (found with `memchr`) and after its last (found from the
/// end) are counted; a tag wholly inside one block between two `<` has at most a few hundred
/// attributes. A block with no `<` is counted whole.
final class StartTagGuard {
    /// The file, hashed as it is read.
    let input: HashingInput
    /// The most `=` allowed in a run with no `<`.
    let limit: Int
    /// Where the run that passed the limit starts (its `<`), once it has.
    private(set) var tripped: Int?
    private var run = 0
    private var runStart = 0
    private var offset = 0

    init(input: HashingInput, limit: Int = 10_000) {
        self.input = input
        self.limit = limit
    }

    /// Reads up to `count` bytes into `target` as `HashingInput.read` does; -1 once a run of `=`
    /// has passed the limit.
    func read(into target: UnsafeMutableRawPointer, count: Int) -> Int {
        guard tripped == nil else { return -1 }
        let got = input.read(into: target, count: count)
        guard got > 0 else { return got }
        let bytes = target.assumingMemoryBound(to: UInt8.self)
        defer { offset += got }
        guard let first = memchr(bytes, 0x3C, got) else {
            run += Self.equals(bytes, got)
            return check() < 0 ? -1 : got
        }
        let head = UnsafeRawPointer(first) - UnsafeRawPointer(bytes)
        run += Self.equals(bytes, head)
        if check() < 0 { return -1 }
        var last = got - 1
        while bytes[last] != 0x3C { last -= 1 }
        runStart = offset + last
        run = Self.equals(bytes + last + 1, got - last - 1)
        return check() < 0 ? -1 : got
    }

    private func check() -> Int {
        guard run > limit else { return 1 }
        tripped = runStart
        return -1
    }

    /// How many of the `count` bytes at `bytes` are `=`.
    private static func equals(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var found = 0
        for index in 0..<count where bytes[index] == 0x3D { found += 1 }
        return found
    }

    /// The line of the first byte other than whitespace at or after `offset` in the file open
    /// as `descriptor` (read again with `pread`, for the error only).
    static func line(at offset: Int, in descriptor: Int32) -> Int {
        var line = 1, position = 0, pastOffset = false
        let block = UnsafeMutablePointer<UInt8>.allocate(capacity: 1 << 16)
        defer { block.deallocate() }
        while true {
            let got = pread(descriptor, block, 1 << 16, off_t(position))
            guard got > 0 else { return line }
            for index in 0..<got {
                let byte = block[index]
                if position + index >= offset { pastOffset = true }
                if pastOffset, byte != 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D { return line }
                if byte == 0x0A { line += 1 }
            }
            position += got
        }
    }
}
