/// The last few texts looked up in a dictionary keyed by text, with what each was found to be:
/// a text the same as one of them is found by comparing the 16 bytes of the `String` value,
/// without hashing it (as `TextIDs` does). A short text (15 UTF-8 bytes or fewer) is stored in
/// those bytes, so equal bytes are equal texts; a longer one points to its storage, so equal
/// bytes are the same storage (kept alive here, so never reused for another text). A text not
/// found here may still be one of them, in other storage: the caller then looks it up in full.
///
/// Observations come in runs of one indicator, and a file's indicators in turn: the stage's
/// look-up by indicator, made at each run, nearly always ends here.
struct RecentTexts<Value> {
    private var entries = [(bytes: ValueBytes, text: String, value: Value)]()
    private var next = 0
    private let capacity: Int

    /// Remembers up to `capacity` texts, each new one in place of the oldest.
    init(capacity: Int) {
        precondition(capacity > 0, "a cache of no texts")
        self.capacity = capacity
        entries.reserveCapacity(capacity)
    }

    /// What `text` was remembered with, when it is one of the texts remembered, as they were.
    func value(for text: String) -> Value? {
        let bytes = ValueBytes(text)
        for index in entries.indices where entries[index].bytes == bytes {
            return entries[index].value
        }
        return nil
    }

    /// Remembers `text` with `value`.
    mutating func remember(_ text: String, _ value: Value) {
        let bytes = ValueBytes(text)
        if entries.count < capacity {
            entries.append((bytes, text, value))
        } else {
            entries[next] = (bytes, text, value)
            next = (next + 1) % capacity
        }
    }
}

/// The bytes of a `String` or a dictionary value: equal bytes are equal values while the value
/// they were taken from is kept — a `String` holds a short text (15 UTF-8 bytes or fewer) in its
/// 16 bytes and points to a longer one's storage, a dictionary is one reference to its storage
/// (see `Dictionary.sharesStorage(with:)`); different bytes say nothing. Taking them copies
/// nothing, so a loop over observations read in place compares an observation's field with the
/// last one's without retaining it, in two comparisons.
struct ValueBytes: Equatable {
    private let low, high: UInt64

    init(_ text: String) {
        (low, high) = withUnsafeBytes(of: text) { ($0.load(as: UInt64.self), $0.load(fromByteOffset: 8, as: UInt64.self)) }
    }

    init(_ dictionary: [String: String]) {
        low = withUnsafeBytes(of: dictionary) { $0.load(as: UInt64.self) }
        high = 0
    }
}
