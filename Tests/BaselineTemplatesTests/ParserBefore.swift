@testable import BaselineTemplates
import BaselineCore
import Foundation

/// `Parser` as it was before it read the template by character codes and copied text in runs
/// (every character appended, names checked and trimmed with Foundation).
struct ParserBefore {
    private let chars: [Character]
    private let file: String
    private var index = 0
    private var line = 1
    private var column = 1
    /// The line the last tag ended on: a tag is standalone only if it is the first on its line.
    private var lastTagLine = 0

    init(source: String, file: String) {
        chars = Array(source)
        self.file = file
    }

    mutating func parse() throws -> [Template.Node] {
        var stack: [(name: [String], inverted: Bool, nodes: [Template.Node], line: Int, column: Int)] = [([], false, [], 0, 0)]
        var text = ""
        while index < chars.count {
            guard startsWith("{", "{") else {
                advance(into: &text)
                continue
            }
            let tagLine = line, tagColumn = column
            let lineStart = text.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
            let before = text[lineStart...]
            index += 2
            column += 2
            var content = ""
            while index < chars.count, !startsWith("}", "}") {
                if chars[index] == "\n" || chars[index] == "\r\n", content.first != "!" {
                    throw BaselineError(file: file, line: tagLine, column: tagColumn, "a tag is not closed on its line", hint: "end it with }}")
                }
                advance(into: &content)
            }
            guard index < chars.count else {
                throw BaselineError(file: file, line: tagLine, column: tagColumn, "a tag is never closed", hint: "end it with }}")
            }
            index += 2
            column += 2
            let kind = content.first
            let body = content.dropFirst(kind == "#" || kind == "^" || kind == "/" || kind == "!" ? 1 : 0)
                .trimmingCharacters(in: .whitespaces)
            let name = body == "." ? ["."] : body.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if kind != "!", body.isEmpty || (body != "." && name.contains { $0.isEmpty || !$0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }) {
                let tripled = kind == "{" && index < chars.count && chars[index] == "}"
                throw BaselineError(file: file, line: tagLine, column: tagColumn, "'{{\(content)}}\(tripled ? "}" : "")' is not a tag this report understands",
                                    hint: "use {{name}}, {{#name}}…{{/name}}, {{^name}}…{{/name}} or {{! comment }}")
            }
            // A section, inverted section, closing or comment tag alone on its line takes the line with it.
            let standalone = kind.map { "#^/!".contains($0) } == true && lastTagLine != tagLine
                && before.allSatisfy { $0 == " " || $0 == "\t" } && restOfLineIsBlank()
            lastTagLine = line
            if standalone {
                text.removeSubrange(lineStart...)
                skipRestOfLine()
            }
            switch kind {
            case "!":
                continue
            case "#", "^":
                stack[stack.count - 1].nodes.append(.text(text))
                text = ""
                stack.append((name, kind == "^", [], tagLine, tagColumn))
            case "/":
                guard stack.count > 1, stack.last!.name == name else {
                    let open = stack.count > 1 ? "'\(stack.last!.name.joined(separator: "."))' (opened at line \(stack.last!.line))" : "no section"
                    throw BaselineError(file: file, line: tagLine, column: tagColumn,
                                        "'{{/\(body)}}' closes \(open)", hint: "close sections in the order they were opened")
                }
                let section = stack.removeLast()
                let nodes = section.nodes + [.text(text)]
                text = ""
                stack[stack.count - 1].nodes.append(.section(name: section.name, inverted: section.inverted, body: nodes,
                                                             line: section.line, column: section.column))
            default:
                stack[stack.count - 1].nodes.append(.text(text))
                text = ""
                stack[stack.count - 1].nodes.append(.variable(name: name, line: tagLine, column: tagColumn))
            }
        }
        if stack.count > 1 {
            let open = stack.last!
            throw BaselineError(file: file, line: open.line, column: open.column,
                                "section '\(open.name.joined(separator: "."))' is never closed", hint: "add {{/\(open.name.joined(separator: "."))}}")
        }
        return stack[0].nodes + [.text(text)]
    }

    /// Whether the characters at `index` are `first` then `second` (`{{`, `}}`): looked at in
    /// place, as this is asked at every character of the template.
    private func startsWith(_ first: Character, _ second: Character) -> Bool {
        index + 1 < chars.count && chars[index] == first && chars[index + 1] == second
    }

    private mutating func advance(into text: inout String) {
        let character = chars[index]
        text.append(character)
        index += 1
        if character == "\n" || character == "\r\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    private func restOfLineIsBlank() -> Bool {
        var i = index
        while i < chars.count, chars[i] != "\n", chars[i] != "\r\n" {
            guard chars[i] == " " || chars[i] == "\t" else { return false }
            i += 1
        }
        return true
    }

    private mutating func skipRestOfLine() {
        while index < chars.count, chars[index] != "\n", chars[index] != "\r\n" {
            index += 1
            column += 1
        }
        if index < chars.count {
            index += 1
            line += 1
            column = 1
        }
    }
}
