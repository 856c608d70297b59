import BaselineCore
import BaselineSchema
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

    /// For each source that would set aside files it finds without reading them, each a bad
    /// record (a Word document or a PDF in a notes folder), a warning at its `path:` naming them
    /// with what to do; and, when `weigh`, the error `run` would stop with for them: the source
    /// is read as `run` reads it (only such a source) and its bad records weighed against its
    /// `max_rejected:` (a small folder of notes crosses 5% with one document), or under
    /// `on_error: fail` its first bad record. What `baseline validate` says that `run` would
    /// decide; a source `run` accepts gives the warning alone.
    public func unreadInputProblems(weigh: Bool) throws -> (warnings: [BaselineError], errors: [BaselineError]) {
        var warnings = [BaselineError](), errors = [BaselineError]()
        for source in sources {
            let files = try source.unreadable()
            guard !files.isEmpty else { continue }
            var byReason = [(reason: String, paths: [String])]()
            for file in files {
                if let index = byReason.firstIndex(where: { $0.reason == file.reason }) {
                    byReason[index].paths.append(file.path)
                } else {
                    byReason.append((file.reason, [file.path]))
                }
            }
            let named = byReason.map { group in
                group.paths.prefix(10).joined(separator: ", ") + (group.paths.count > 10 ? " and \(group.paths.count - 10) more" : "") + " (\(group.reason))"
            }
            warnings.append(BaselineError(file: file, line: source.pathLine, column: source.pathColumn,
                                          "\(source.id): " + (files.count == 1 ? "1 file found is set aside as a bad record" : "\(files.count) files found are set aside as bad records")
                                              + ", not read: " + named.joined(separator: "; ")))
            if weigh, let error = try runError(readingAll: source) {
                var error = error
                error.message = "`run` would stop: " + error.message
                errors.append(error)
            }
        }
        return (warnings, errors)
    }

    /// The error `run` would stop with for `source`'s bad records, from reading all of it as
    /// `run` does (the records go to no stage): under `on_error: fail` its first bad record,
    /// else the check of its `max_rejected:` (`SourceAccount.check`); `nil` when `run` goes on.
    private func runError(readingAll source: PreparedSource) throws -> BaselineError? {
        let reader = try source.make()
        var account = SourceAccount(id: source.id, threshold: source.maxRejected)
        var counts = SourceCounts(id: source.id, adapter: source.kind, version: source.version, onError: source.onError)
        while let batch = try reader.next() {
            counts.read += batch.recordCount + batch.observationsElsewhere + batch.rejects.count
            counts.passedOn += batch.recordCount + batch.observationsElsewhere
            for reject in batch.rejects {
                if !reject.leftOutByRule, source.onError == .fail { return PipelineRunner.failed(by: reject) }
                if reject.leftOutByRule || source.onError == .skip { counts.skipped += 1 } else { counts.quarantined += 1 }
                account.note(reject)
            }
        }
        account.notes = (reader.leftOut.isEmpty ? [] : [LeftOutInput.warning(reader.leftOut, source: source.id) + "."]) + reader.notes
        account.rowsRead = reader.rowsRead
        do {
            try account.check(counts, pipeline: file, entry: (source.line, source.column))
            return nil
        } catch let error as BaselineError {
            return error
        }
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
        // Names shown cut at 80 characters: a header cell of a megabyte was printed whole.
        func shown(_ name: String) -> String { name.count > 80 ? name.prefix(80) + "…" : name }
        let hint = missing.hint ?? didYouMean(missing.column, in: missing.header)
            ?? (missing.header.count == 1
                ? "its first line has one field, '\(shown(missing.header[0]))': if that is a title above the real header, delete that line, so that the header is the file's first line"
                : "its header has: " + missing.header.prefix(8).map { "'\(shown($0))'" }.joined(separator: ", ") + (missing.header.count > 8 ? "…" : ""))
        return BaselineError(file: file, line: mark?.line, column: mark?.column,
                             "column '\(shown(missing.column))' is not in the header of \(missing.file)", hint: hint)
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
