import BaselineCore

/// A column that says whether a response was finished, and how it says so.
///
/// | tool | column | not finished |
/// |---|---|---|
/// | Qualtrics | `Finished` | `False`, `0` |
/// | Alchemer | `Status` | `Partial` |
/// | Typeform | `Response Type` | `partial` |
/// | Typeform (exports before `Response Type`) | `Submit Date (UTC)` | empty |
/// | LimeSurvey | `submitdate` (`Date submitted` under full question texts) | empty |
/// | REDCap | each form's `<form>_complete` (raw), `Complete?` (labels) | `0` / `Incomplete`, `1` / `Unverified`, empty (the form never saved); any other value but `2` / `Complete` is a bad record |
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

    /// What a cell says about the response.
    enum State: Equatable {
        case finished
        case unfinished
        /// A value the tool never writes there (a REDCap status of `Yes` or `2.0`): a bad
        /// record, not a decision.
        case invalid
    }

    /// What the cell says about the response. Only a REDCap form status can be invalid: REDCap
    /// writes `0`/`1`/`2` (raw) or `Incomplete`/`Unverified`/`Complete` (labels), or nothing.
    func state(_ cell: UnsafeBufferPointer<UInt8>) -> State {
        let value = cell.trimmingSpaces()
        switch rule {
        case .flag:
            if value.count == 1 { return value[0] == UInt8(ascii: "0") ? .unfinished : .finished }
            return AnswerMatcher.equalsLowercased(value, "false") || AnswerMatcher.equalsLowercased(value, "partial") ? .unfinished : .finished
        case .submitted:
            return value.isEmpty ? .unfinished : .finished
        case .formStatus:
            if value.isEmpty { return .unfinished }
            if value.count == 1 {
                switch value[0] {
                case UInt8(ascii: "2"): return .finished
                case UInt8(ascii: "0"), UInt8(ascii: "1"): return .unfinished
                default: return .invalid
                }
            }
            if AnswerMatcher.equalsLowercased(value, "complete") { return .finished }
            if AnswerMatcher.equalsLowercased(value, "incomplete") || AnswerMatcher.equalsLowercased(value, "unverified") { return .unfinished }
            return .invalid
        }
    }

    /// Whether the cell says the response was not finished (or cannot say).
    func isUnfinished(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        state(cell) != .finished
    }

    /// The first of `columns` whose cell holds a value the tool never writes, else the first
    /// that says the row was not finished, if any.
    static func unfinished(_ columns: UnsafeBufferPointer<CompletionColumn>, in bytes: (Int) -> UnsafeBufferPointer<UInt8>) -> (column: CompletionColumn, state: State)? {
        var first: CompletionColumn?
        for column in columns {
            switch column.state(bytes(column.column)) {
            case .finished: continue
            case .invalid: return (column, .invalid)
            case .unfinished: if first == nil { first = column }
            }
        }
        return first.map { ($0, .unfinished) }
    }

    /// Why a REDCap form status the tool never writes makes the row a bad record.
    static func invalidStatusReason(_ value: String, column: String) -> String {
        let trimmed = String(value.trimmingSpaces())
        let shown = escapingInvisible(trimmed)
        let invisible = shown != trimmed ? " (it holds a character that does not show, written here as \\u{…}, which REDCap never writes)" : ""
        return "form status '\(shown)' in \(column) is not one REDCap writes\(invisible): a labels export writes Complete, Unverified or Incomplete, "
            + "a raw export 2, 1 or 0, and an unsaved form nothing — correct the cell or export the file again from REDCap"
    }
}
