import BaselineCore

/// Reads the cells of a multi-select question's option columns (one column per option): a
/// cell ticks its option unless it is blank or says it is not ticked — `0`, `false`, `no`, or
/// a negative a tool writes in a labels export (REDCap's `Unchecked`; `Not checked`,
/// `Not selected`, `Unselected`, `Not ticked`, `Unticked`), or one the question lists under
/// `unticked:`. Compared as scale labels are (`AnswerMatcher`): ignoring case, surrounding
/// spaces, curly apostrophes and no-break spaces. A plain view of memory a `PlanStorage` owns.
struct TickReader {
    /// What every option column reads as not ticked, besides a blank cell.
    static let unticked = ["0", "false", "no", "unchecked", "not checked", "unselected", "not selected", "unticked", "not ticked"]

    private let negatives: AnswerMatcher

    /// A reader of the built-in negatives and the question's own (`unticked:`).
    init(unticked extra: [String], storage: PlanStorage) {
        let points = (Self.unticked + extra).map { Scale.Point(label: $0, score: 0, positive: false) }
        negatives = AnswerMatcher(scale: Scale(name: "unticked", points: points), storage: storage)
    }

    /// Whether the cell ticks its option.
    @inline(__always)
    func isTicked(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        negatives.match(cell) == nil
    }
}

/// Watches the values that tick the options of one multi-select question, so that a file
/// whose columns write both states as words the adapter does not know (`1` and `2`, `Checked`
/// and `Nicht ausgewählt`) stops the run instead of counting every respondent as ticking
/// every option.
///
/// The rule: the question cannot tell a tick from no tick when one of its option columns holds
/// two or more different ticking values, one of them also ticking another option column, and
/// not all of them plain ticks (`1`, `yes`, `x`, `true`, `checked`, `selected`, `ticked`, ✓).
/// A tool that writes the option's own label when it is ticked (SurveyMonkey, Typeform) never
/// trips it: a column's own label does not count, and write-ins in an "Other" column are each
/// in that column alone. A tick-box export writes the same two words in every column.
///
/// Each column remembers the cells it has seen (`CellMemo`), so a value is looked at once.
struct TickGuard {
    /// Plain ticks: a column holding only these ticks either way.
    static let plainTicks: Set<String> = ["1", "yes", "y", "true", "x", "checked", "ticked", "selected", "on", "✓", "✔"]
    /// Different ticking values kept per column: more are write-ins, not a tick-box's states.
    static let kept = 16

    /// Why the ticks cannot be told from no ticks, where it showed.
    struct Problem: Error {
        var line: Int
        /// The 0-based file column.
        var column: Int
        var message: String
        var hint: String
    }

    let question: String
    /// Per option: the file column, its header, and its own label (normalised).
    let columns: [Int]
    let headers: [String]
    let labels: [String]
    /// Per option: the cells seen ticking it.
    let memos: [CellMemo]
    /// Per option: each different ticking value (normalised), with the line it was first on.
    private var seen: [[String: Int]]
    /// Each value as the file first wrote it.
    private var written = [String: String]()

    init(question: String, columns: [Int], headers: [String], labels: [String], storage: PlanStorage) {
        self.question = question
        self.columns = columns
        self.headers = headers
        self.labels = labels.map { Self.key($0.utf8) }
        memos = columns.map { _ in CellMemo(storage: storage) }
        seen = columns.map { _ in [:] }
    }

    /// Notes a ticking cell of option `option` not seen before (its memo did not know it), and
    /// says whether the question's ticks can no longer be told from no ticks.
    mutating func learn(_ cell: UnsafeBufferPointer<UInt8>, option: Int, line: Int) -> Problem? {
        memos[option].remember(cell, 1)
        guard seen[option].count < Self.kept else { return nil }
        let trimmed = cell.trimmingSpaces()
        let value = Self.key(trimmed)
        guard value != labels[option], seen[option][value] == nil else { return nil }
        seen[option][value] = line
        if written[value] == nil { written[value] = String(decoding: trimmed, as: UTF8.self) }
        var columnsOf = [String: Int]()
        for values in seen {
            for value in values.keys { columnsOf[value, default: 0] += 1 }
        }
        for (index, values) in seen.enumerated() where values.count >= 2 && !values.keys.allSatisfy(Self.plainTicks.contains) {
            guard values.keys.contains(where: { columnsOf[$0]! >= 2 }) else { continue }
            return problem(in: index, values: values, line: line, column: columns[option])
        }
        return nil
    }

    private func problem(in option: Int, values: [String: Int], line: Int, column: Int) -> Problem {
        let ordered = values.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        let shown = ordered.prefix(4).map { "'\(written[$0.key]!)' (first on line \($0.value))" }
        let suspect = ordered.last { !Self.plainTicks.contains($0.key) }.map { written[$0.key]! } ?? written[ordered.last!.key]!
        let listed = TickReader.unticked.joined(separator: ", ")
        return Problem(line: line, column: column,
                       message: "question '\(question)' cannot tell a tick from no tick: its option column '\(headers[option])' holds "
                           + shown.joined(separator: " and ") + ", values its other option columns write too, and each counts as ticked "
                           + "(only a blank cell or \(listed) count as not ticked) — every respondent would tick every option",
                       hint: "if '\(suspect)' means the option was not ticked, add `unticked: [\"\(suspect)\"]` to the question")
    }

    /// A value as compared: normalised as scale labels are.
    static func key<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(decoding: AnswerMatcher.normalize(bytes), as: UTF8.self)
    }
}
