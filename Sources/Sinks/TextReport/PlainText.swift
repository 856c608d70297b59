import Foundation

/// The plain-text twin of the brief, made from its Markdown: headings underlined, tables
/// aligned in columns, emphasis and code marks dropped, so that `report.txt` reads well in an
/// e-mail and says exactly what `report.md` says. The escapes `PeopleText.markdown` put on the
/// data (`\|`, `&lt;`) become their characters again: plain text has no markup to protect, and
/// the data reached the Markdown one line each with its control characters already shown.
enum PlainText {
    static func from(markdown: String) -> String {
        var out = [String]()
        var table = [[String]]()
        func flushTable() {
            guard !table.isEmpty else { return }
            // Over the widest row: a row of a facilitator's template may have more cells than its header.
            let widths = (0..<(table.map(\.count).max() ?? 0)).map { column in table.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
            for (index, row) in table.enumerated() {
                out.append(row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingTrailingSpaces())
                if index == 0 { out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
            }
            table = []
        }
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("|") {
                let cells = cells(of: line)
                if !cells.allSatisfy({ $0.allSatisfy { $0 == "-" } && !$0.isEmpty }) { table.append(cells.map(strip)) }
                continue
            }
            flushTable()
            if line.hasPrefix("# ") {
                let text = strip(String(line.dropFirst(2)))
                out += [text.uppercased(), String(repeating: "=", count: text.count)]
            } else if line.hasPrefix("## ") || line.hasPrefix("### ") {
                let text = strip(String(line.drop { $0 == "#" }.dropFirst()))
                out += [text, String(repeating: line.hasPrefix("## ") ? "-" : "·", count: text.count)]
            } else if line.hasPrefix("- ") {
                out.append("  * " + strip(String(line.dropFirst(2))))
            } else {
                out.append(strip(line))
            }
        }
        flushTable()
        return out.joined(separator: "\n")
    }

    /// The cells of a Markdown table row, split at the bars that are not escaped (`\|`).
    private static func cells(of line: String) -> [String] {
        var cells = [String](), current = "", escaped = false
        for character in line.dropFirst() {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "|" {
                cells.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
                escaped = character == "\\"
            }
        }
        return cells
    }

    /// A line of Markdown as plain text: emphasis and code marks dropped, and the escaped
    /// characters and entities of the data written as themselves.
    private static func strip(_ text: String) -> String {
        guard text.contains(where: { "*`\\&".contains($0) }) else { return text }
        var out = "", rest = Substring(text)
        while let character = rest.first {
            rest = rest.dropFirst()
            switch character {
            case "*", "`":
                continue
            case "\\" where rest.first.map { $0.isASCII && ($0.isPunctuation || $0.isSymbol) } == true:
                out.append(rest.removeFirst())
            case "&":
                let entity = [("lt;", "<"), ("gt;", ">"), ("amp;", "&")].first { rest.hasPrefix($0.0) }
                out += entity?.1 ?? "&"
                rest = rest.dropFirst(entity?.0.count ?? 0)
            default:
                out.append(character)
            }
        }
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
