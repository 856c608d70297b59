/// A column that says whether a response was finished, and how it says so.
///
/// | tool | column | not finished |
/// |---|---|---|
/// | Qualtrics | `Finished` | `False`, `0` |
/// | Alchemer | `Status` | `Partial` |
/// | Typeform | `Response Type` | `partial` |
/// | Typeform (exports before `Response Type`) | `Submit Date (UTC)` | empty |
/// | LimeSurvey | `submitdate` (`Date submitted` under full question texts) | empty |
/// | REDCap | each form's `<form>_complete` (raw), `Complete?` (labels) | anything but `2` / `Complete`: `0` / `Incomplete`, `1` / `Unverified`, empty (the form never saved) |
///
/// A plain value: the row loop reads it for every row, in both passes.
struct CompletionColumn: Equatable {
    /// How a cell marks a response not finished.
    enum Rule: Equatable {
        /// A flag or status: `False`, `0` or `Partial` (any case) is not finished.
        case flag
        /// A submission time: an empty cell is not finished.
        case submitted
        /// A REDCap form status: only `2` or `Complete` is finished.
        case formStatus
    }

    /// The 0-based column.
    var column: Int
    var rule: Rule

    /// Whether the cell says the response was not finished.
    func isUnfinished(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        let value = cell.trimmingSpaces()
        switch rule {
        case .flag:
            if value.count == 1 { return value[0] == UInt8(ascii: "0") }
            return AnswerMatcher.equalsLowercased(value, "false") || AnswerMatcher.equalsLowercased(value, "partial")
        case .submitted:
            return value.isEmpty
        case .formStatus:
            return !(value.count == 1 && value[0] == UInt8(ascii: "2") || AnswerMatcher.equalsLowercased(value, "complete"))
        }
    }

    /// The first of `columns` that says the row was not finished, if any.
    static func unfinished(_ columns: UnsafeBufferPointer<CompletionColumn>, in bytes: (Int) -> UnsafeBufferPointer<UInt8>) -> CompletionColumn? {
        columns.first { $0.isUnfinished(bytes($0.column)) }
    }
}
