/// Gives every distinct cell value of a column one number and one shared `String`, comparing
/// bytes before making a string: a million rows with six organisations make six strings.
/// A cell is first looked up by its exact bytes in the column's `CellMemo`.
struct ValueInterner {
    /// The numbers of the column's recent cells, by their exact bytes (untrimmed).
    private let memo: CellMemo

    /// The distinct values, in the order first seen.
    private(set) var strings = [String]()
    private var bytes = [UInt8]()
    private var ranges = [Range<Int>]()
    /// Open addressing: an index into `strings`, or -1 for an empty slot.
    private var slots = [Int](repeating: -1, count: 64)

    init(memo: CellMemo) {
        self.memo = memo
    }

    /// The number of the value of `cell` with surrounding spaces trimmed, adding it if new.
    @inline(__always)
    mutating func number(ofCell cell: UnsafeBufferPointer<UInt8>) -> Int {
        if let remembered = memo.recall(cell) { return Int(remembered) }
        let number = intern(cell.trimmingSpaces())
        memo.remember(cell, UInt32(number))
        return number
    }

    /// The number of `bytes`' value, adding it if new.
    mutating func intern(_ value: UnsafeBufferPointer<UInt8>) -> Int {
        let mask = slots.count - 1
        var slot = Self.hash(value) & mask
        while true {
            let index = slots[slot]
            if index < 0 { break }
            let range = ranges[index]
            if range.count == value.count,
               bytes.withUnsafeBufferPointer({ memoryEqual(UnsafeBufferPointer(rebasing: $0[range]), value) }) {
                return index
            }
            slot = (slot + 1) & mask
        }
        let index = strings.count
        strings.append(String(decoding: value, as: UTF8.self))
        ranges.append(bytes.count..<bytes.count + value.count)
        bytes.append(contentsOf: value)
        slots[slot] = index
        if strings.count * 2 > slots.count { rehash() }
        return index
    }

    private mutating func rehash() {
        slots = [Int](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, range) in ranges.enumerated() {
            var slot = bytes.withUnsafeBufferPointer { Self.hash(UnsafeBufferPointer(rebasing: $0[range])) } & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = index
        }
    }

    /// A hash of the bytes taken eight at a time (see `AnswerMatcher.words`), each word mixed
    /// into every bit: a group value is hashed for every row.
    @inline(__always)
    static func hash(_ value: UnsafeBufferPointer<UInt8>) -> Int {
        var hash = 0xCBF2_9CE4_8422_2325 ^ UInt64(value.count)
        for word in AnswerMatcher.words(value) {
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 32
        }
        return Int(truncatingIfNeeded: hash ^ (hash >> 29))
    }
}

/// Whether two byte strings of the same length are equal, compared eight bytes at a time.
@inline(__always)
func memoryEqual(_ one: UnsafeBufferPointer<UInt8>, _ other: UnsafeBufferPointer<UInt8>) -> Bool {
    var otherWords = AnswerMatcher.words(other)
    for word in AnswerMatcher.words(one) where word != otherWords.next() { return false }
    return true
}
