import BaselineCore
import Yams

/// YAML text other than the pipeline itself — a codebook, a note's front matter — parsed into
/// nodes for `NodeDecoder`, with syntax errors located as `file:line:column`.
public enum YAMLText {
    /// The root node of `text`, or `nil` when it holds no document. `what` names the text in
    /// messages ("the codebook", "the front matter").
    public static func compose(_ text: String, file: String, what: String) throws -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            let hint = "check the indentation and quoting on this line; put values with ':' or '#' in quotes"
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                throw BaselineError(file: file, line: mark.line, column: mark.column, "\(what) is not valid YAML: \(problem)", hint: hint)
            case .duplicatedKeysInMapping(let duplicates, let context):
                throw BaselineError(file: file, line: context.mark.line, column: context.mark.column,
                                    "key '\(duplicates.joined(separator: "', '"))' appears twice in the same mapping", hint: "keep one")
            default:
                throw BaselineError(file: file, "\(what) is not valid YAML: \(error)", hint: hint)
            }
        }
    }
}
