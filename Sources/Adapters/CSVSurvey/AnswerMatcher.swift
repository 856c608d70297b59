import BaselineCore

/// Turns a cell's bytes into the `AnswerCode` of an answer on one scale without making a `String` for it:
/// labels are compared as bytes, ignoring case, surrounding spaces and curly apostrophes.
///
/// A cell is first looked up in the column's `CellMemo` of recent cells, by its exact bytes:
/// a column holds a handful of distinct strings, so this answers nearly every cell. Otherwise
/// it is matched in full: labels are kept in buckets by length, so that a cell is compared only
/// with the labels as long as it is (usually one or two), and the result is remembered. The matcher is a plain view of memory that a
/// `PlanStorage` owns, so passing it around in the per-row loop costs no reference counting.
struct AnswerMatcher {
    /// One label: its answer code (a point index, or for an excluded label, -1 - its index), and
    /// where its bytes and its words start.
    private struct Entry {
        var code: Int
        var start: Int
        var word: Int
    }

    /// Lower-cased labels, all in one buffer.
    private let labels: UnsafePointer<UInt8>
    /// Each label as 8-byte words (see `words(_:)`), with per word a mask of the bits a cell may
    /// differ in: 0x20 where the label has a lower-case letter (so that `A` matches `a`).
    private let words: UnsafePointer<(value: UInt64, mask: UInt64)>
    private let entries: UnsafePointer<Entry>
    /// Per length: the range of `entries` of labels that long (`buckets[n]..<buckets[n + 1]`).
    private let buckets: UnsafePointer<Int>
    /// The number of lengths with a bucket (the longest label's length + 1).
    private let lengths: Int
    /// The answers of the column's recent cells, by their exact bytes.
    private let memo: CellMemo

    init(scale: Scale, storage: PlanStorage) {
        var all = [([UInt8], Int)]()
        for (index, point) in scale.points.enumerated() {
            all.append((Self.normalize(Array(point.label.utf8)[...]), index))
        }
        for (index, label) in scale.excluded.enumerated() {
            all.append((Self.normalize(Array(label.utf8)[...]), -1 - index))
        }
        all.sort { $0.0.count < $1.0.count }
        let longest = all.last?.0.count ?? 0
        var labels = [UInt8](), words = [(value: UInt64, mask: UInt64)](), entries = [Entry]()
        var buckets = [Int](repeating: 0, count: longest + 2)
        for (bytes, code) in all {
            entries.append(Entry(code: code, start: labels.count, word: words.count))
            labels += bytes
            let masks = bytes.map { $0 >= 0x61 && $0 <= 0x7A ? UInt8(0x20) : 0 }
            let values = bytes.withUnsafeBufferPointer { Array(Self.words($0)) }
            words += zip(values, masks.withUnsafeBufferPointer { Array(Self.words($0)) }).map { ($0, $1) }
            buckets[bytes.count + 1] = entries.count
        }
        for length in 1..<buckets.count where buckets[length] < buckets[length - 1] {
            buckets[length] = buckets[length - 1]
        }
        self.labels = storage.keep(labels)
        self.words = storage.keep(words)
        self.entries = storage.keep(entries)
        self.buckets = storage.keep(buckets)
        lengths = longest + 1
        memo = CellMemo(storage: storage)
    }

    /// The answer the cell holds: `.blank` for an empty cell, `nil` for a label not on the scale.
    @inline(__always)
    func match(_ cell: UnsafeBufferPointer<UInt8>) -> AnswerCode? {
        if cell.isEmpty { return .blank }
        if let remembered = memo.recall(cell) { return AnswerCode(rawValue: remembered) }
        let answer = matchFully(cell)
        if let answer { memo.remember(cell, answer.rawValue) }
        return answer
    }

    /// What `match(_:)` answers, worked out without the memo.
    func matchFully(_ cell: UnsafeBufferPointer<UInt8>) -> AnswerCode? {
        let trimmed = cell.trimmingSpaces()
        if trimmed.isEmpty { return .blank }
        if let answer = find(trimmed) { return answer }
        guard trimmed.contains(where: { $0 >= 0x80 }) else { return nil }
        return Self.normalize(trimmed).withUnsafeBufferPointer { normalized in
            guard normalized.count < lengths else { return nil }
            for index in buckets[normalized.count]..<buckets[normalized.count + 1] {
                let entry = entries[index]
                if normalized.elementsEqual(UnsafeBufferPointer(start: labels + entry.start, count: normalized.count)) {
                    return Self.answer(entry.code)
                }
            }
            return nil
        }
    }

    /// The answer of an ASCII label, compared a word at a time.
    @inline(__always)
    private func find(_ label: UnsafeBufferPointer<UInt8>) -> AnswerCode? {
        let length = label.count
        guard length < lengths else { return nil }
        let cellWords = Self.words(label)
        candidates: for index in buckets[length]..<buckets[length + 1] {
            let entry = entries[index]
            for (offset, word) in cellWords.enumerated() {
                let label = words[entry.word + offset]
                if word | label.mask != label.value { continue candidates }
            }
            return Self.answer(entry.code)
        }
        return nil
    }

    @inline(__always)
    private static func answer(_ code: Int) -> AnswerCode {
        code >= 0 ? .point(code) : .excluded(-1 - code)
    }

    /// `bytes` as little-endian 8-byte words: whole words from the start, then the last 8 bytes
    /// shifted down to the ones not yet covered (or, under 8 bytes, the bytes themselves).
    /// Two byte strings of the same length are equal exactly when their words are.
    @inline(__always)
    static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> WordSequence {
        WordSequence(bytes: bytes)
    }

    /// The words of a byte string, as `words(_:)` describes them.
    struct WordSequence: Sequence, IteratorProtocol {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0

        @inline(__always)
        mutating func next() -> UInt64? {
            let count = bytes.count
            guard offset < count, let base = bytes.baseAddress else { return nil }
            defer { offset += 8 }
            if offset + 8 <= count {
                return UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            }
            if count >= 8 {
                return UnsafeRawPointer(base + count - 8).loadUnaligned(as: UInt64.self) >> UInt64(8 * (offset + 8 - count))
            }
            var word: UInt64 = 0
            for i in 0..<count { word |= UInt64(base[i]) << UInt64(8 * i) }
            return word
        }
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        UInt8.isCellSpace(byte)
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// Whether `bytes`, lowered, are `word` (lower-case ASCII): for the cells of every row, so no
    /// array or string is made.
    static func equalsLowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        word.utf8CodeUnitCount == bytes.count && (0..<bytes.count).allSatisfy { lower(bytes[$0]) == word.utf8Start[$0] }
    }

    /// Whether `bytes`, lowered, contain `word` (lower-case ASCII).
    static func containsLowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        let length = word.utf8CodeUnitCount
        guard bytes.count >= length else { return false }
        return (0...(bytes.count - length)).contains { start in
            (0..<length).allSatisfy { lower(bytes[start + $0]) == word.utf8Start[$0] }
        }
    }

    /// Lower-cased ASCII, right single quote (U+2019) as an apostrophe, non-breaking spaces as spaces.
    static func normalize<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\u{2019}": scalars.append("'")
            case "\u{00A0}": scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        let trimmed = String(scalars).utf8.drop(while: isSpace).reversed().drop(while: isSpace).reversed()
        return trimmed.map(lower)
    }
}


