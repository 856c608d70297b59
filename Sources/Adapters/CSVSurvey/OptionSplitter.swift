/// Splits a multi-select cell (`a;b;`, `a, b`) into the options it ticks by matching the
/// question's KNOWN options, longest first, rather than cutting at every separator: an option
/// that holds the separator itself ("Television, radio or print media (news channels,
/// newspapers)" in a comma-joined export) is found whole.
///
/// At each place in the cell, the longest option that starts there and ends at the end of the
/// cell or at a separator (spaces allowed before it) is taken. Where none does, the text up to
/// the next separator is an entry not among the options: a write-in, or an unknown option.
/// Matching ignores case, surrounding spaces, curly apostrophes and non-breaking spaces, as
/// scale labels do. Like `AnswerMatcher`, a plain view of memory a `PlanStorage` owns.
struct OptionSplitter {
    /// One option: its index, and where its lower-cased bytes start in `labels` and how many.
    private struct Entry {
        var option: Int
        var start: Int
        var count: Int
    }

    private let labels: UnsafePointer<UInt8>
    /// Longest first.
    private let entries: UnsafeBufferPointer<Entry>
    let separator: UInt8

    init(options: [String], separator: UInt8, storage: PlanStorage) {
        var labels = [UInt8](), entries = [Entry]()
        for (index, option) in options.enumerated() {
            let bytes = AnswerMatcher.normalize(Array(option.utf8)[...])
            entries.append(Entry(option: index, start: labels.count, count: bytes.count))
            labels += bytes
        }
        entries = entries.filter { $0.count > 0 }.sorted { ($0.count, $1.option) > ($1.count, $0.option) }
        self.labels = storage.keep(labels)
        self.entries = UnsafeBufferPointer(start: storage.keep(entries), count: entries.count)
        self.separator = separator
    }

    /// One entry of a cell: a known option by index, or text that is none of them.
    enum Piece: Equatable {
        case option(Int)
        case unknown(String)
    }

    /// The entries of `cell`, in the order they appear; empty for a blank cell.
    func split(_ cell: UnsafeBufferPointer<UInt8>) -> [Piece] {
        let trimmed = cell.trimmingSpaces()
        if trimmed.isEmpty { return [] }
        if !trimmed.contains(where: { $0 >= 0x80 }) { return split(lowering: trimmed) }
        return AnswerMatcher.normalize(trimmed).withUnsafeBufferPointer { split(lowering: $0) }
    }

    private func split(lowering cell: UnsafeBufferPointer<UInt8>) -> [Piece] {
        var pieces = [Piece]()
        var at = 0
        let end = cell.count
        while at < end {
            while at < end, AnswerMatcher.isSpace(cell[at]) { at += 1 }
            if at == end { break }
            if cell[at] == separator {
                at += 1
                continue
            }
            if let (option, next) = option(in: cell, at: at) {
                pieces.append(.option(option))
                at = next
                continue
            }
            var stop = at
            while stop < end, cell[stop] != separator { stop += 1 }
            let text = UnsafeBufferPointer(rebasing: cell[at..<stop]).trimmingSpaces()
            pieces.append(.unknown(String(decoding: text, as: UTF8.self)))
            at = stop
        }
        return pieces
    }

    /// The longest option that starts at `at` and ends at the cell's end or a separator, with
    /// where the next entry starts.
    private func option(in cell: UnsafeBufferPointer<UInt8>, at: Int) -> (Int, Int)? {
        candidates: for entry in entries where at + entry.count <= cell.count {
            for offset in 0..<entry.count where AnswerMatcher.lower(cell[at + offset]) != labels[entry.start + offset] {
                continue candidates
            }
            var next = at + entry.count
            while next < cell.count, AnswerMatcher.isSpace(cell[next]) { next += 1 }
            if next == cell.count || cell[next] == separator { return (entry.option, next) }
        }
        return nil
    }
}
