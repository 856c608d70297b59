import BaselineCore
import Yams

extension Pipeline {
    /// Reads just the header of every source's input and returns each column the pipeline names
    /// that is not there, as an error at the line that names it, with a did-you-mean from the
    /// real header: what `baseline validate` checks unless `--no-inputs`. An input that cannot
    /// be read at all (missing, not CSV) throws.
    public func inputProblems() throws -> [BaselineError] {
        try sources.flatMap { try $0.checkInputs() }
    }

    /// For each source that would leave out files it finds (a codebook kept in a notes folder),
    /// a warning at its `path:` naming them and why: what `baseline validate` says that `run`
    /// would (see `RecordSource.leftOut`).
    public func leftOutWarnings() throws -> [BaselineError] {
        try sources.compactMap { try $0.leftOut() }
    }

    /// Each of `missing` as an error at the line of `node` (a source's entry) that names it, in
    /// the entry's order.
    static func located(_ missing: [MissingColumn], in node: Node, file: String) -> [BaselineError] {
        missing.map { locate($0, in: node, file: file) }.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
    }

    /// `missing` located at the scalar in `node` (a source's entry) that names the column, or
    /// at the entry when no scalar does (a name built from parts).
    private static func locate(_ missing: MissingColumn, in node: Node, file: String) -> BaselineError {
        let mark = Self.scalar(missing.column, in: node) ?? node.mark
        // A header of one field is usually a title line above the real header (SurveyMonkey's
        // export of a survey named "OS_Program_Enterprise_2019…"): say so.
        let hint = didYouMean(missing.column, in: missing.header)
            ?? (missing.header.count == 1
                ? "its first line has one field, '\(missing.header[0])': if that is a title above the real header, delete that line, so that the header is the file's first line"
                : "its header has: " + missing.header.prefix(8).map { "'\($0)'" }.joined(separator: ", ") + (missing.header.count > 8 ? "…" : ""))
        return BaselineError(file: file, line: mark?.line, column: mark?.column,
                             "column '\(missing.column)' is not in the header of \(missing.file)", hint: hint)
    }

    /// The mark of the first value in `node` (depth first, in file order) whose text is `text`.
    private static func scalar(_ text: String, in node: Node) -> Mark? {
        switch node {
        case .scalar(let scalar):
            return scalar.string == text ? node.mark : nil
        case .mapping(let mapping):
            for (_, value) in mapping { if let mark = scalar(text, in: value) { return mark } }
            return nil
        case .sequence(let sequence):
            for item in sequence { if let mark = scalar(text, in: item) { return mark } }
            return nil
        case .alias:
            return nil
        }
    }
}
