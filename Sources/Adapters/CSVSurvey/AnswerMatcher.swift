import BaselineCore

/// Turns a cell's bytes into an `Answer` of one scale without making a `String` for it:
/// labels are compared as bytes, ignoring case, surrounding spaces and curly apostrophes.
///
/// Labels are kept in buckets by length, so that a cell is compared only with the labels as
/// long as it is: usually one or two.
struct AnswerMatcher {
    /// Lower-cased labels, all in one array, sorted by length.
    private let labels: [UInt8]
    /// Per label: where it starts in `labels`, and the answer it means.
    private let entries: [(start: Int, answer: Answer)]
    /// Per length: the range of `entries` of labels that long (`buckets[n]..<buckets[n + 1]`).
    private let buckets: [Int]

    init(scale: Scale) {
        var all = [([UInt8], Answer)]()
        for (index, point) in scale.points.enumerated() {
            all.append((Self.normalize(Array(point.label.utf8)[...]), .point(index)))
        }
        for (index, label) in scale.excluded.enumerated() {
            all.append((Self.normalize(Array(label.utf8)[...]), .excluded(index)))
        }
        all.sort { $0.0.count < $1.0.count }
        let longest = all.last?.0.count ?? 0
        var labels = [UInt8](), entries = [(start: Int, answer: Answer)](), buckets = [Int](repeating: 0, count: longest + 2)
        for (bytes, answer) in all {
            entries.append((labels.count, answer))
            labels += bytes
            buckets[bytes.count + 1] = entries.count
        }
        for length in 1..<buckets.count where buckets[length] < buckets[length - 1] {
            buckets[length] = buckets[length - 1]
        }
        self.labels = labels
        self.entries = entries
        self.buckets = buckets
    }

    /// The answer the cell holds: `.blank` for an empty cell, `nil` for a label not on the scale.
    func match(_ cell: UnsafeBufferPointer<UInt8>) -> Answer? {
        var start = 0, end = cell.count
        while start < end, Self.isSpace(cell[start]) { start += 1 }
        while end > start, Self.isSpace(cell[end - 1]) { end -= 1 }
        if start == end { return .blank }
        let length = end - start
        var ascii = true
        for i in start..<end where cell[i] >= 0x80 {
            ascii = false
            break
        }
        if !ascii {
            return find(Self.normalize(cell[start..<end]))
        }
        guard length + 1 < buckets.count else { return nil }
        return labels.withUnsafeBufferPointer { labels in
            candidates: for entry in entries[buckets[length]..<buckets[length + 1]] {
                for i in 0..<length where Self.lower(cell[start + i]) != labels[entry.start + i] {
                    continue candidates
                }
                return entry.answer
            }
            return nil
        }
    }

    /// The answer of an already normalised label.
    private func find(_ normalized: [UInt8]) -> Answer? {
        let length = normalized.count
        guard length + 1 < buckets.count else { return nil }
        return entries[buckets[length]..<buckets[length + 1]].first { entry in
            labels[entry.start..<entry.start + length].elementsEqual(normalized)
        }?.answer
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
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
