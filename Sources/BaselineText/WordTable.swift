import Foundation

/// A set of words, each given a small integer id, looked up straight from bytes: the hot-path
/// dictionary of theme coding and name redaction, where a `String` per word of text would cost
/// more than the whole lookup.
///
/// Open addressing with linear probing over FNV-1a hashes; the key bytes live in one buffer.
/// A value type, so that a table built once and kept in a `let` is read without exclusivity
/// checks or reference counting on the hot path.
public struct WordTable: Sendable {
    @usableFromInline var slots: [Int32]
    @usableFromInline var hashes: [UInt64]
    @usableFromInline var mask: Int
    @usableFromInline var keyBytes: [UInt8] = []
    @usableFromInline var keyStarts: [Int] = [0]

    /// An empty table.
    public init() {
        slots = Array(repeating: -1, count: 16)
        hashes = Array(repeating: 0, count: 16)
        mask = 15
    }

    /// The number of words.
    public var count: Int { keyStarts.count - 1 }

    /// The id of `word`, adding it if it is new. Ids count up from 0.
    @discardableResult
    public mutating func insert(_ word: UnsafeBufferPointer<UInt8>) -> Int32 {
        let existing = lookup(word)
        if existing >= 0 { return existing }
        if (count + 1) * 2 > slots.count { grow() }
        let id = Int32(count)
        keyBytes.append(contentsOf: word)
        keyStarts.append(keyBytes.count)
        place(id, hash: Self.hash(word))
        return id
    }

    /// The id of `word` (given as a `String`), adding it if it is new.
    @discardableResult
    public mutating func insert(_ word: String) -> Int32 {
        var word = word
        return word.withUTF8 { insert($0) }
    }

    /// The id of `word`, or -1 when it is not in the table.
    @inlinable
    public func lookup(_ word: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(word)
        var index = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                keyBytes.withUnsafeBufferPointer { keys in
                    while true {
                        let id = slots[index]
                        if id < 0 { return -1 }
                        if hashes[index] == hash {
                            let start = keyStarts[Int(id)], end = keyStarts[Int(id) + 1]
                            if end - start == word.count, word.isEmpty || memcmp(keys.baseAddress! + start, word.baseAddress!, word.count) == 0 {
                                return id
                            }
                        }
                        index = (index + 1) & mask
                    }
                }
            }
        }
    }

    /// The bytes of word `id`.
    public func word(_ id: Int32) -> String {
        String(decoding: keyBytes[keyStarts[Int(id)]..<keyStarts[Int(id) + 1]], as: UTF8.self)
    }

    /// FNV-1a, 64 bits.
    @inlinable
    static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in word {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    private mutating func place(_ id: Int32, hash: UInt64) {
        var index = Int(truncatingIfNeeded: hash) & mask
        while slots[index] >= 0 { index = (index + 1) & mask }
        slots[index] = id
        hashes[index] = hash
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = Array(repeating: -1, count: size)
        hashes = Array(repeating: 0, count: size)
        mask = size - 1
        let keys = keyBytes, starts = keyStarts
        keys.withUnsafeBufferPointer { keys in
            for id in 0..<starts.count - 1 {
                place(Int32(id), hash: Self.hash(UnsafeBufferPointer(rebasing: keys[starts[id]..<starts[id + 1]])))
            }
        }
    }
}
