import BaselineCore

/// Turns a cell's bytes into an `Answer` of one scale without making a `String` for it:
/// labels are compared as bytes, ignoring case, surrounding spaces and curly apostrophes.
struct AnswerMatcher {
    private let candidates: [([UInt8], Answer)]

    init(scale: Scale) {
        var list = [([UInt8], Answer)]()
        for (index, point) in scale.points.enumerated() {
            list.append((Self.normalize(Array(point.label.utf8)[...]), .point(index)))
        }
        for (index, label) in scale.excluded.enumerated() {
            list.append((Self.normalize(Array(label.utf8)[...]), .excluded(index)))
        }
        candidates = list
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
            let normalized = Self.normalize(cell[start..<end])
            return candidates.first { $0.0 == normalized }?.1
        }
        candidateLoop: for (label, answer) in candidates where label.count == length {
            for i in 0..<length where Self.lower(cell[start + i]) != label[i] {
                continue candidateLoop
            }
            return answer
        }
        return nil
    }

    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Lower-cased ASCII, right single quote (U+2019) as an apostrophe, non-breaking spaces as spaces.
    static func normalize<C: Collection>(_ bytes: C) -> [UInt8] where C.Element == UInt8 {
        var text = String(decoding: bytes, as: UTF8.self)
        text = text.replacingOccurrences(of: "\u{2019}", with: "'").replacingOccurrences(of: "\u{00A0}", with: " ")
        let trimmed = text.utf8.drop(while: isSpace).reversed().drop(while: isSpace).reversed()
        return trimmed.map(lower)
    }
}
