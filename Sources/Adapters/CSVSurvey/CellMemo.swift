/// Remembers what recent cells of one column were read as, by their exact bytes: a column of a
/// million rows usually holds a handful of distinct strings ("Agree", "NHS Trust"…), so most
/// cells are answered by one table look-up and one comparison of bytes, before any trimming,
/// case folding or hashing.
///
/// The table has 64 slots; a cell's slot is picked by its length and its first and last bytes,
/// and holds the last cell of up to `longest` bytes read there, with its result (a 32-bit
/// number the caller chooses). A cell that finds its slot holding other bytes is read the full
/// way and then takes the slot. What a cell is read as must depend on its bytes alone (the
/// memo never forgets a result). Like `AnswerMatcher` it is a plain view of memory that a
/// `PlanStorage` owns; it is used on the adapter's one thread.
struct CellMemo {
    /// The longest cell remembered.
    static let longest = 48
    /// Bytes per slot: the length (`Int32`, -1 when empty), the result, then the cell's bytes.
    private static let stride = 64
    private static let slotBits = 6
    private let slots: UnsafeMutableRawPointer

    init(storage: PlanStorage) {
        slots = storage.keepZeroed(bytes: Self.stride << Self.slotBits)
        for slot in 0..<(1 << Self.slotBits) {
            (slots + slot * Self.stride).storeBytes(of: -1, as: Int32.self)
        }
    }

    /// The result remembered for exactly `cell`'s bytes, or `nil`. Empty cells are never remembered.
    @inline(__always)
    func recall(_ cell: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let count = cell.count
        guard count > 0, count <= Self.longest, let base = cell.baseAddress else { return nil }
        let slot = slots + Self.slot(base, count: count) * Self.stride
        guard slot.load(as: Int32.self) == Int32(truncatingIfNeeded: count),
              Self.equal(base, UnsafeRawPointer(slot + 8), count: count) else { return nil }
        return slot.load(fromByteOffset: 4, as: UInt32.self)
    }

    /// Remembers `result` for `cell`'s bytes, in place of what its slot held.
    func remember(_ cell: UnsafeBufferPointer<UInt8>, _ result: UInt32) {
        let count = cell.count
        guard count > 0, count <= Self.longest, let base = cell.baseAddress else { return }
        let slot = slots + Self.slot(base, count: count) * Self.stride
        slot.storeBytes(of: Int32(count), as: Int32.self)
        slot.storeBytes(of: result, toByteOffset: 4, as: UInt32.self)
        (slot + 8).copyMemory(from: base, byteCount: count)
    }

    /// The slot of a cell of `count` (> 0) bytes: a multiplicative hash of its length, first and last byte.
    @inline(__always)
    private static func slot(_ base: UnsafePointer<UInt8>, count: Int) -> Int {
        let key = UInt32(truncatingIfNeeded: count) << 16 | UInt32(base[0]) << 8 | UInt32(base[count - 1])
        return Int((key &* 0x9E37_79B1) >> (32 - UInt32(slotBits)))
    }

    /// Whether `count` (> 0) bytes at `one` and `other` are equal: in 8-byte words, the last one
    /// overlapping the word before it; under 8 bytes, two overlapping 4-byte words, or under 4,
    /// the first, middle and last bytes. Up to 32 bytes, four words are compared whatever the
    /// length (those past the end moved back to end there): which of a column's few values a
    /// cell holds is random, so a loop that ran once per word would mispredict its exit.
    @inline(__always)
    static func equal(_ one: UnsafePointer<UInt8>, _ other: UnsafeRawPointer, count: Int) -> Bool {
        let one = UnsafeRawPointer(one)
        @inline(__always) func differ(_ offset: Int) -> UInt64 {
            one.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ other.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        }
        if count >= 8 {
            let last = count &- 8
            if count <= 32 {
                return differ(0) | differ(min(8, last)) | differ(min(16, last)) | differ(last) == 0
            }
            var offset = 0
            while offset < last {
                if differ(offset) != 0 { return false }
                offset &+= 8
            }
            return differ(last) == 0
        }
        if count >= 4 {
            let first = one.loadUnaligned(as: UInt32.self) ^ other.loadUnaligned(as: UInt32.self)
            let last = one.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self) ^ other.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            return first | last == 0
        }
        let middle = count >> 1
        return one.load(as: UInt8.self) == other.load(as: UInt8.self)
            && one.load(fromByteOffset: middle, as: UInt8.self) == other.load(fromByteOffset: middle, as: UInt8.self)
            && one.load(fromByteOffset: count - 1, as: UInt8.self) == other.load(fromByteOffset: count - 1, as: UInt8.self)
    }
}
