import BaselineCore

/// Reads the cells of a multi-select question's option columns (one column per option): a
/// cell ticks its option unless it is blank or says it is not ticked — `0`, `false`, `no`, or
/// a negative a tool writes in a labels export (REDCap's `Unchecked`; `Not checked`,
/// `Not selected`, `Unselected`, `Not ticked`, `Unticked`), a cell starting with a negative
/// (`Not GP`, see `startsWithNegative`), or one the question lists under `unticked:`. Compared as scale labels are (`AnswerMatcher`): ignoring case, surrounding
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

    /// Whether the cell starts with a negative, as per-column pairs write the state not ticked
    /// (`Not GP` beside `Ticked GP`, `No car`, `Non-user`, `Un-ticked`): `not `, `no `, `non-`,
    /// or `un` (then `-` or a space, or not) and `checked`, `ticked` or `selected`, in any case.
    /// The caller reads such a cell as ticked when it is the column's own option label (a tool
    /// that writes the label when ticked) or the column is an "Other" write-in.
    static func startsWithNegative(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        let value = cell.trimmingSpaces()
        guard let first = value.first, first | 0x20 == UInt8(ascii: "n") || first | 0x20 == UInt8(ascii: "u") else { return false }
        func lower(_ index: Int) -> UInt8 { index < value.count ? value[index] | (value[index] >= 0x41 && value[index] <= 0x5A ? 0x20 : 0) : 0 }
        func word(_ text: String, at start: Int) -> Bool {
            text.utf8.enumerated().allSatisfy { lower(start + $0.offset) == $0.element }
        }
        func space(at index: Int) -> Bool {
            index < value.count && (value[index] == 0x20 || value[index] == 0x09 || index + 1 < value.count && value[index] == 0xC2 && value[index + 1] == 0xA0)
        }
        if word("not", at: 0) { return space(at: 3) }
        if word("non-", at: 0) { return true }
        if word("no", at: 0) { return space(at: 2) }
        guard word("un", at: 0) else { return false }
        var start = 2
        if start < value.count, value[start] == UInt8(ascii: "-") || value[start] == 0x20 { start += 1 }
        return word("checked", at: start) || word("ticked", at: start) || word("selected", at: start)
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
        // An "Other" column's write-ins are distinct values from the start, one of them perhaps a
        // plain tick other columns write too: it is never the column checked (as in `finish()`).
        for (index, values) in seen.enumerated() where !isOther(index) && values.count >= 2 && !values.keys.allSatisfy(Self.plainTicks.contains) {
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

    /// Whether option `option`'s column is an "Other" write-in (its label starts with "other"),
    /// where any text a respondent typed is a tick.
    func isOther(_ option: Int) -> Bool {
        labels[option].hasPrefix("other")
    }

    /// Whether `cell` is option `option`'s own label (a tool that writes the label when ticked).
    func isOwnLabel(_ cell: UnsafeBufferPointer<UInt8>, option: Int) -> Bool {
        Self.key(cell) == labels[option]
    }

    /// At the end of the file: an option column whose only ticking value (besides its own
    /// label) is a number other than 1 — every cell `2` in a 1 = yes / 2 = no file where nobody
    /// ticked — cannot be told from a column everyone ticked.
    func finish() -> Problem? {
        for option in columns.indices where !isOther(option) && seen[option].count == 1 {
            let (value, line) = seen[option].first!
            guard let number = Double(value), number.isFinite, number != 1 else { continue }
            let shown = written[value]!
            return Problem(line: line, column: columns[option],
                           message: "question '\(question)' cannot tell a tick from no tick: its option column '\(headers[option])' holds only '\(shown)' "
                               + "(first on line \(line)) besides blank cells, a number other than 1, which counts as ticked — every respondent "
                               + "who wrote it would tick the option (a tick-box export writes 1 for a tick, 0 or nothing for none)",
                           hint: "if '\(shown)' means the option was not ticked (1 = yes, \(shown) = no), add `unticked: [\"\(shown)\"]` to the question")
        }
        return nil
    }

    /// A value as compared: normalised as scale labels are.
    static func key<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(decoding: AnswerMatcher.normalize(bytes), as: UTF8.self)
    }
}
