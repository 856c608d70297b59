/// A workshop brief as blocks, rendered to Markdown and to plain text from the same content.
struct Brief {
    enum Block {
        case heading(Int, String)
        case paragraph(String)
        case bullets([String])
        case table(header: [String], rows: [[String]])
    }

    var blocks: [Block] = []

    mutating func add(_ block: Block) { blocks.append(block) }

    var markdown: String {
        var out = [String]()
        for block in blocks {
            switch block {
            case .heading(let level, let text): out.append(String(repeating: "#", count: level) + " " + text)
            case .paragraph(let text): out.append(text)
            case .bullets(let items): out.append(items.map { "- " + $0 }.joined(separator: "\n"))
            case .table(let header, let rows):
                let escape = { (cell: String) in cell.replacingOccurrences(of: "|", with: "\\|") }
                var lines = ["| " + header.map(escape).joined(separator: " | ") + " |",
                             "|" + header.map { _ in " --- |" }.joined()]
                lines += rows.map { "| " + $0.map(escape).joined(separator: " | ") + " |" }
                out.append(lines.joined(separator: "\n"))
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    var plainText: String {
        var out = [String]()
        for block in blocks {
            switch block {
            case .heading(let level, let text):
                out.append(level == 1 ? text.uppercased() + "\n" + String(repeating: "=", count: text.count)
                                      : text + "\n" + String(repeating: "-", count: text.count))
            case .paragraph(let text): out.append(Self.strip(text))
            case .bullets(let items): out.append(items.map { "  * " + Self.strip($0) }.joined(separator: "\n"))
            case .table(let header, let rows):
                let all = [header] + rows
                let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
                let format = { (cells: [String]) in
                    cells.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                        .joined(separator: "  ").trimmingTrailingSpaces()
                }
                out.append(([format(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
                            + rows.map(format)).joined(separator: "\n"))
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    private static func strip(_ text: String) -> String {
        text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "`", with: "")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
