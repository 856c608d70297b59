import BaselineCore
import BaselineText
import Foundation

/// A strict subset of Mustache, for report wording that facilitators edit without recompiling.
///
/// Supported: `{{name}}`, dotted names `{{place.name}}`, `{{.}}` (the current item),
/// sections `{{#name}}…{{/name}}` (once per list item, or once when truthy), inverted sections
/// `{{^name}}…{{/name}}`, and comments `{{! … }}` (which may run over several lines). A tag alone on its line takes its line with it.
/// Values are escaped as the caller says (the report passes `PeopleText.markdown`): text from
/// the data shows as itself, while the template's own wording and Markdown stay as written.
///
/// Strict where Mustache is lenient: a name the report does not have where the tag stands is an
/// error at the tag's line and column (`report.md.mustache:12:5: error: unknown tag 'plcae.name'
/// — did you mean 'place.name'?`), checked against the shape of the report's values
/// (`TemplateShape`) when the template is loaded, so a typo never silently prints nothing.
public struct Template: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        case variable(name: [String], line: Int, column: Int)
        case section(name: [String], inverted: Bool, body: [Node], line: Int, column: Int)
    }

    /// The template's name in messages (its file).
    public let name: String
    let nodes: [Node]

    /// Parses `source` and checks every name it uses against `shape`, the shape of the values
    /// it will be rendered with (see `TemplateShape`): a name not in reach where the tag is, or
    /// a dotted name whose parts do not nest as the values do, is an error at the tag.
    public init(source: String, name: String, shape: TemplateShape) throws {
        self.name = name
        var parser = Parser(source: source, file: name)
        nodes = try parser.parse()
        try Self.check(nodes, scopes: [shape], root: shape, file: name)
    }

    /// Renders with `context`, writing every `.text` value through `escaping` (what makes
    /// data safe in the output's syntax; `.markup` values are written as they are).
    public func render(_ context: TemplateValue, escaping: (String) -> String) -> String {
        var out = ""
        Self.render(nodes, stack: [context], escaping: escaping, into: &out)
        return out
    }

    // MARK: - Rendering

    private static func render(_ nodes: [Node], stack: [TemplateValue], escaping: (String) -> String, into out: inout String) {
        for node in nodes {
            switch node {
            case .text(let text):
                out += text
            case .variable(let name, _, _):
                out += lookup(name, in: stack).rendered(escaping: escaping)
            case .section(let name, let inverted, let body, _, _):
                let value = lookup(name, in: stack)
                if inverted {
                    if !value.isTruthy { render(body, stack: stack, escaping: escaping, into: &out) }
                } else if case .list(let items) = value {
                    for item in items { render(body, stack: stack + [item], escaping: escaping, into: &out) }
                } else if value.isTruthy {
                    render(body, stack: stack + [value], escaping: escaping, into: &out)
                }
            }
        }
    }

    private static func lookup(_ name: [String], in stack: [TemplateValue]) -> TemplateValue {
        if name == ["."] { return stack.last ?? .null }
        for frame in stack.reversed() {
            guard case .object(let fields) = frame, let first = fields[name[0]] else { continue }
            var value = first
            for part in name.dropFirst() {
                guard case .object(let inner) = value, let next = inner[part] else { return .null }
                value = next
            }
            return value
        }
        return .null
    }

    // MARK: - Checking names

    private static func check(_ nodes: [Node], scopes: [TemplateShape], root: TemplateShape, file: String) throws {
        for node in nodes {
            switch node {
            case .text: continue
            case .variable(let name, let line, let column):
                // A tag prints a text or a flag; an object or a list prints nothing.
                let shape = try resolve(name, in: scopes, root: root, at: (file, line, column))
                let written = name.joined(separator: ".")
                switch name == ["."] ? .value : shape {
                case .value: break
                case .object(let fields):
                    let first = fields.keys.sorted().first { fields[$0] == .value } ?? fields.keys.sorted().first ?? "name"
                    throw BaselineError(file: file, line: line, column: column, "'{{\(written)}}' names a group of names, not a text, so it would print nothing",
                                        hint: "name one of what it holds (\(Self.list(fields.keys.sorted()))), e.g. {{\(written).\(first)}}, "
                                            + "or open it as a section: {{#\(written)}}…{{/\(written)}}")
                case .list:
                    throw BaselineError(file: file, line: line, column: column, "'{{\(written)}}' names a list, not a text, so it would print nothing",
                                        hint: "write its items inside a section: {{#\(written)}}…{{/\(written)}}")
                }
            case .section(let name, let inverted, let body, let line, let column):
                let shape = try resolve(name, in: scopes, root: root, at: (file, line, column))
                // An inverted section renders with nothing new in reach (as `render` does).
                try check(body, scopes: inverted ? scopes : scopes + [shape.sectionScope], root: root, file: file)
            }
        }
    }

    /// The shape `name` has where `scopes` are in reach, found as `lookup` finds its value: the
    /// first part in the innermost scope that has it, each further part in the object before it.
    private static func resolve(_ name: [String], in scopes: [TemplateShape], root: TemplateShape,
                                at place: (file: String, line: Int, column: Int)) throws -> TemplateShape {
        if name == ["."] { return scopes.last ?? .value }
        if var shape = scopes.reversed().lazy.compactMap({ $0[name[0]] }).first {
            for (index, part) in name.enumerated().dropFirst() {
                guard let next = shape[part] else {
                    throw unknown(name, hint: hint(name, in: scopes, root: root, failingAt: index, under: shape), at: place)
                }
                shape = next
            }
            return shape
        }
        throw unknown(name, hint: hint(name, in: scopes, root: root, failingAt: 0, under: nil), at: place)
    }

    private static func unknown(_ name: [String], hint: String, at place: (file: String, line: Int, column: Int)) -> BaselineError {
        BaselineError(file: place.file, line: place.line, column: place.column, "unknown tag '\(name.joined(separator: "."))'", hint: hint)
    }

    /// What to write instead of `name`, whose part `failing` is not in reach (`under` is the
    /// shape of the parts before it): the whole dotted name put right when every wrong part is
    /// close to a name where it stands (`place.nmae` → `place.name`); else what the object
    /// before it holds, or the sections inside which the name is in reach.
    private static func hint(_ name: [String], in scopes: [TemplateShape], root: TemplateShape, failingAt failing: Int, under: TemplateShape?) -> String {
        if let guess = corrected(name, in: scopes) { return "did you mean '\(guess.joined(separator: "."))'?" }
        let written = name[..<failing].joined(separator: ".")
        switch under {
        case .object(let fields)?:
            return "'\(written)' holds only " + list(fields.keys.sorted())
        case .list?:
            return "'\(written)' is a list: name '\(name[failing...].joined(separator: "."))' inside {{#\(written)}}…{{/\(written)}}"
        case .value?:
            return "'\(written)' is a text or a flag, with no names under it"
        case nil:
            // Under objects only, the dotted name reaches it (`place.name` for `name`); under a
            // list, only a section over the list does.
            let paths = root.paths(to: name[0])
            let dotted = paths.filter { !$0.throughList }.map { ($0.path + name.dropFirst()).joined(separator: ".") }
            if (1...3).contains(dotted.count) {
                return "did you mean " + dotted.map { "'\($0)'" }.joined(separator: " or ") + "?"
            }
            guard !paths.isEmpty else { return "the names a report can use are listed in docs/report-templates.md" }
            let sections = paths.map { $0.path.dropLast().map { "{{#\($0)}}" }.joined() }
            let shown = Array(sections.prefix(3))
            return "'\(name[0])' is in reach only inside " + list(shown, more: sections.count - shown.count)
        }
    }

    /// `name` with each part that is not in reach replaced by the closest name where it
    /// stands, or `nil` when a part has none close enough.
    private static func corrected(_ name: [String], in scopes: [TemplateShape]) -> [String]? {
        let first = name[0]
        let inReach = Set(scopes.flatMap(\.names)).sorted()
        guard let head = inReach.contains(first) ? first : closest(to: first, in: inReach),
              var shape = scopes.reversed().lazy.compactMap({ $0[head] }).first else { return nil }
        var parts = [head]
        for part in name.dropFirst() {
            guard let next = shape[part] != nil ? part : closest(to: part, in: shape.names) else { return nil }
            parts.append(next)
            shape = shape[next]!
        }
        return parts == name ? nil : parts
    }

    /// `a, b and c`, or `a, b, c and 4 more`.
    private static func list(_ items: [String], more: Int = 0) -> String {
        let all = items + (more > 0 ? ["\(more) more"] : [])
        return all.count < 2 ? all.joined() : all.dropLast().joined(separator: ", ") + " and " + all.last!
    }
}

// MARK: - Parsing

/// Turns template text into nodes, keeping the line and column of every tag.
///
/// The template is read character by character (a column counts characters, and a `{` with a
/// combining mark is no brace), but each character is looked at by a one-byte code
/// (`Parser.code(of:)`), and the text between tags is copied from the template in runs rather
/// than appended a character at a time.
struct Parser {
    private let source: String
    /// Each character's code: its byte when it is one ASCII scalar, `crlf` for CR LF, `other`
    /// for any other character.
    private let codes: [UInt8]
    /// Where each character starts in `source`, and its end.
    private let starts: [String.Index]
    private let file: String
    private var index = 0
    private var line = 1
    private var column = 1
    /// The line the last tag ended on: a tag is standalone only if it is the first on its line.
    private var lastTagLine = 0

    private static let crlf: UInt8 = 0x80
    private static let other: UInt8 = 0xFF

    init(source: String, file: String) {
        self.source = source
        var codes = [UInt8](), starts = [String.Index]()
        codes.reserveCapacity(source.utf8.count)
        starts.reserveCapacity(source.utf8.count + 1)
        var start = source.startIndex
        for character in source {
            codes.append(Self.code(of: character))
            starts.append(start)
            start = source.utf8.index(start, offsetBy: character.utf8.count)
        }
        starts.append(start)
        self.codes = codes
        self.starts = starts
        self.file = file
    }

    /// The code of `character`: its byte when it is a single ASCII scalar, `crlf` for CR LF,
    /// else `other`. A character equals one the parser looks for (`{ } ! # ^ /`, space, tab,
    /// line feed) exactly when its code is that byte: no other character is canonically
    /// equivalent to those (as U+1FEF is to `` ` ``).
    static func code(of character: Character) -> UInt8 {
        let utf8 = character.utf8
        if utf8.count == 1, let byte = utf8.first, byte < 0x80 { return byte }
        return character == "\r\n" ? crlf : other
    }

    /// The template's characters `range` (character positions), as text.
    private func text(_ range: Range<Int>) -> Substring {
        source[starts[range.lowerBound]..<starts[range.upperBound]]
    }

    private func isLineBreak(_ position: Int) -> Bool {
        codes[position] == UInt8(ascii: "\n") || codes[position] == Self.crlf
    }

    mutating func parse() throws -> [Template.Node] {
        var stack: [(name: [String], inverted: Bool, nodes: [Template.Node], line: Int, column: Int)] = [([], false, [], 0, 0)]
        var text = ""
        // The characters from `run` to `index` belong to `text` but are not copied into it yet.
        var run = 0
        while index < codes.count {
            guard startsWith(UInt8(ascii: "{"), UInt8(ascii: "{")) else {
                advance()
                continue
            }
            text += self.text(run..<index)
            let tagLine = line, tagColumn = column
            let lineStart = Self.lineStart(in: text)
            let before = text[lineStart...]
            index += 2
            column += 2
            let contentStart = index
            while index < codes.count, !startsWith(UInt8(ascii: "}"), UInt8(ascii: "}")) {
                if isLineBreak(index), index == contentStart || codes[contentStart] != UInt8(ascii: "!") {
                    throw BaselineError(file: file, line: tagLine, column: tagColumn, "a tag is not closed on its line", hint: "end it with }}")
                }
                advance()
            }
            guard index < codes.count else {
                throw BaselineError(file: file, line: tagLine, column: tagColumn, "a tag is never closed", hint: "end it with }}")
            }
            let content = String(self.text(contentStart..<index))
            let kind = index > contentStart ? codes[contentStart] : nil
            index += 2
            column += 2
            let marked = kind.map { "#^/!".utf8.contains($0) } == true
            let body = content.dropFirst(marked ? 1 : 0).trimmingWhitespace(andNewlines: false)
            let name = body == "." ? ["."] : body.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if kind != UInt8(ascii: "!"), body.isEmpty || (body != "." && name.contains { $0.isEmpty || !$0.allSatisfy(Self.isNameCharacter) }) {
                // `{{{name}}}` ends at its first `}}`: the third brace is quoted with it.
                let tripled = kind == UInt8(ascii: "{") && index < codes.count && codes[index] == UInt8(ascii: "}")
                throw BaselineError(file: file, line: tagLine, column: tagColumn, "'{{\(content)}}\(tripled ? "}" : "")' is not a tag this report understands",
                                    hint: "use {{name}}, {{#name}}…{{/name}}, {{^name}}…{{/name}} or {{! comment }}")
            }
            // A section, inverted section, closing or comment tag alone on its line takes the line with it.
            let standalone = marked && lastTagLine != tagLine
                && before.utf8.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") } && restOfLineIsBlank()
            lastTagLine = line
            if standalone {
                text.removeSubrange(lineStart...)
                skipRestOfLine()
            }
            run = index
            switch kind {
            case UInt8(ascii: "!"):
                continue
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                stack[stack.count - 1].nodes.append(.text(text))
                text = ""
                stack.append((name, kind == UInt8(ascii: "^"), [], tagLine, tagColumn))
            case UInt8(ascii: "/"):
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
        text += self.text(run..<index)
        if stack.count > 1 {
            let open = stack.last!
            throw BaselineError(file: file, line: open.line, column: open.column,
                                "section '\(open.name.joined(separator: "."))' is never closed", hint: "add {{/\(open.name.joined(separator: "."))}}")
        }
        return stack[0].nodes + [.text(text)]
    }

    /// Where the last line of `text` starts: after its last `\n` character (a CR LF is one
    /// character, not `\n`), else at its start. Looked for by bytes: a line feed byte is a
    /// `\n` character unless a CR byte is before it.
    private static func lineStart(in text: String) -> String.Index {
        let utf8 = text.utf8
        var end = utf8.endIndex
        while let feed = utf8[..<end].lastIndex(of: 0x0A) {
            if feed == utf8.startIndex || utf8[utf8.index(before: feed)] != 0x0D { return utf8.index(after: feed) }
            end = utf8.index(before: feed)
        }
        return text.startIndex
    }

    /// Whether `character` may be in a tag's name: a letter, a number or `_` (an ASCII one
    /// told by its byte).
    private static func isNameCharacter(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            return (0x30...0x39).contains(ascii) || (0x41...0x5A).contains(ascii) || (0x61...0x7A).contains(ascii) || ascii == 0x5F
        }
        return character.isLetter || character.isNumber
    }

    /// Whether the characters at `index` are `first` then `second` (`{{`, `}}`), by their codes.
    private func startsWith(_ first: UInt8, _ second: UInt8) -> Bool {
        index + 1 < codes.count && codes[index] == first && codes[index + 1] == second
    }

    /// Moves past the character at `index`, counting lines and columns.
    private mutating func advance() {
        let lineBreak = isLineBreak(index)
        index += 1
        if lineBreak {
            line += 1
            column = 1
        } else {
            column += 1
        }
    }

    private func restOfLineIsBlank() -> Bool {
        var i = index
        while i < codes.count, !isLineBreak(i) {
            guard codes[i] == UInt8(ascii: " ") || codes[i] == UInt8(ascii: "\t") else { return false }
            i += 1
        }
        return true
    }

    private mutating func skipRestOfLine() {
        while index < codes.count, !isLineBreak(index) {
            index += 1
            column += 1
        }
        if index < codes.count {
            index += 1
            line += 1
            column = 1
        }
    }
}
