/// A record that could not be passed on, with where it was and why.
///
/// Sources and stages put rejects beside the records of a batch; the runner applies the
/// source's `on_error` policy to them (quarantine to `rejects/`, count and skip, or fail).
/// A record left out by a rule the user chose (a partial response under `partial: exclude`, a
/// survey preview under `test_responses: exclude`) is not bad: it is marked `leftOutByRule`,
/// and the runner counts it as skipped whatever the policy. Its reason names the rule as
/// "left out by `option: exclude`": a source that passes on nothing then says which option
/// would count such records (`option: include`).
public struct Reject: Sendable, Hashable {
    /// Where the bad record is.
    public var provenance: Provenance
    /// What is wrong with it, in words a user understands.
    public var reason: String
    /// The raw content of the record, for the quarantine file (may be empty).
    public var content: String
    /// True when the record is left out by a rule the user chose, not for being bad: it is
    /// counted as skipped, never quarantined, never stops a run.
    public var leftOutByRule: Bool
    /// The area code of the record, where the source could read it (an indicator row set aside
    /// for its interval): a place whose every row was set aside is then told so, not that its
    /// code is in none of the statistics.
    public var area: String?

    /// Makes a reject.
    public init(provenance: Provenance, reason: String, content: String = "", leftOutByRule: Bool = false, area: String? = nil) {
        self.provenance = provenance
        self.reason = reason
        self.content = content
        self.leftOutByRule = leftOutByRule
        self.area = area
    }
}

/// What a source does with a bad record.
public enum ErrorPolicy: String, Sendable, Codable, CaseIterable {
    /// Write it to `rejects/<source>.csv` with its reason and location (the default).
    case quarantine
    /// Count it and go on.
    case skip
    /// Stop the run with the record's location and reason.
    case fail
}

/// A broken input or a bad pipeline: stops the run with one clear message.
///
/// Its description is `file:line:column: error: what is wrong — what to do`.
public struct BaselineError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file the problem is in, as the user named it.
    public var file: String?
    /// The 1-based line, where known.
    public var line: Int?
    /// The 1-based column, where known.
    public var column: Int?
    /// What is wrong.
    public var message: String
    /// What to do about it.
    public var hint: String?

    /// Makes an error.
    public init(file: String? = nil, line: Int? = nil, column: Int? = nil, _ message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// The one-line message: `file:line:column: error: message — hint`.
    public var description: String { line(as: "error") }

    /// The same line as a warning, for a mistake that does not stop the run:
    /// `file:line:column: warning: message — hint`.
    public var warning: String { line(as: "warning") }

    private func line(as severity: String) -> String {
        var text = ""
        if let file {
            text += file
            if let line { text += ":\(line)" }
            if let column { text += ":\(column)" }
            text += ": "
        }
        text += severity + ": " + message
        if let hint { text += " — " + hint }
        return text
    }
}
