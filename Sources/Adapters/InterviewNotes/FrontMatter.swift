import BaselineCore
import BaselinePipeline
import Yams

/// The YAML header of a notes file, between `---` lines at the top.
enum FrontMatter {
    /// The metadata in `text`, the front matter of `file` (its first line is line 2 of the
    /// file). Anything wrong — not YAML, not a mapping, an unknown key, a list where text
    /// belongs — is a `BaselineError` at the file's line and column.
    static func parse(_ text: String, file: String) throws -> NoteMetadata {
        let node: Node?
        do {
            // One blank line stands in for the opening `---`, so YAML's line numbers are the file's.
            node = try Yams.compose(yaml: "\n" + text)
        } catch let error as YamlError {
            throw locate(error, file: file)
        }
        guard let node else { return NoteMetadata() }
        guard case .mapping = node else {
            throw BaselineError(file: file, line: node.mark?.line ?? 2, column: node.mark?.column,
                                "the front matter should be 'key: value' lines, found \(node.scalar.map { "'\($0.string)'" } ?? "a list")",
                                hint: "write e.g. 'kind: interview' and 'role: Director of Public Health', one a line")
        }
        return try NodeDecoder(file: file).decode(NoteMetadata.self, from: node)
    }

    private static func locate(_ error: YamlError, file: String) -> BaselineError {
        let hint = "check the indentation and quoting; put values with ':' or '#' in quotes"
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return BaselineError(file: file, line: mark.line, column: mark.column, "the front matter is not valid YAML: \(problem)", hint: hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return BaselineError(file: file, line: context.mark.line, column: context.mark.column,
                                 "key '\(duplicates.joined(separator: "', '"))' appears twice in the front matter", hint: "keep one")
        default:
            return BaselineError(file: file, line: 2, "the front matter is not valid YAML: \(error)", hint: hint)
        }
    }
}
