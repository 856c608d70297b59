import Foundation
@testable import TextReport

/// `PlainText` as it was before it counted and split by bytes where its scalars all stand alone
/// (`PlainText+Characters.swift`): every count, split and padding by Swift's characters and
/// Foundation. `PlainTextCharactersTests` checks the two write the same text.
enum PlainTextBefore {
    /// The widest line of `report.txt`, in characters.
    static let width = 80

    static func from(markdown: String) -> String {
        var out = [String]()
        var table = [[String]]()
        func flushTable() {
            guard !table.isEmpty else { return }
            // Over the widest row: a row of a facilitator's template may have more cells than its header.
            let widths = (0..<(table.map(\.count).max() ?? 0)).map { column in table.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
            guard widths.reduce(0, +) + 2 * max(0, widths.count - 1) <= width else {
                out += blocks(table)
                table = []
                return
            }
            for (index, row) in table.enumerated() {
                out.append(row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                    .joined(separator: "  ").trimmingTrailingSpacesBefore())
                if index == 0 { out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
            }
            table = []
        }
        for line in pieces(of: markdown, at: UInt8(ascii: "\n")).map(String.init) {
            if line.hasPrefix("|") {
                let cells = cells(of: line)
                if !cells.allSatisfy({ $0.allSatisfy { $0 == "-" } && !$0.isEmpty }) { table.append(cells.map(strip)) }
                continue
            }
            flushTable()
            if line.hasPrefix("# ") {
                let lines = wrap(strip(String(line.dropFirst(2))).uppercased(), first: "", rest: "")
                out += lines + [String(repeating: "=", count: lines.map(\.count).max() ?? 0)]
            } else if line.hasPrefix("## ") || line.hasPrefix("### ") {
                let lines = wrap(strip(String(line.drop { $0 == "#" }.dropFirst())), first: "", rest: "")
                out += lines + [String(repeating: line.hasPrefix("## ") ? "-" : "·", count: lines.map(\.count).max() ?? 0)]
            } else if line.hasPrefix("- ") {
                out += wrap(strip(String(line.dropFirst(2))), first: "  * ", rest: "    ")
            } else if line.hasPrefix("   - ") {
                out += wrap(strip(String(line.dropFirst(5))), first: "   - ", rest: "     ")
            } else if line.hasPrefix("> ") {
                out += wrap(strip(String(line.dropFirst(2))), first: "> ", rest: "> ")
            } else if let marker = numberMarker(of: line) {
                out += wrap(strip(String(line.dropFirst(marker.count))), first: marker, rest: String(repeating: " ", count: marker.count))
            } else {
                out += wrap(strip(line), first: "", rest: "")
            }
        }
        flushTable()
        return out.joined(separator: "\n")
    }

    /// A table too wide for the page: each row a block — its first cell, then each other cell
    /// under its column's name, indented — with a blank line between rows.
    private static func blocks(_ table: [[String]]) -> [String] {
        guard let header = table.first else { return [] }
        var out = [String]()
        for (index, row) in table.dropFirst().enumerated() {
            if index > 0 { out.append("") }
            out += wrap(row.first ?? "", first: "", rest: "  ")
            for (column, cell) in row.enumerated().dropFirst() where !cell.isEmpty {
                let name = column < header.count ? header[column] : ""
                out += wrap(cell, first: "    " + (name.isEmpty ? "" : name + ": "), rest: "      ")
            }
        }
        return out
    }

    /// Text wrapped at `width` on spaces: the first line after `first`, the others after `rest`;
    /// a word longer than a whole line is broken where the line ends. An empty text is one line
    /// holding `first` (without its trailing spaces).
    ///
    /// The line's length in characters is kept as it grows (counting the whole line again for
    /// each word was a third of making `report.txt`), and counted afresh only where two pieces
    /// could join into one character: where the line does not end, or the word does not start,
    /// with an ASCII character (between two ASCII characters other than CR LF a character always ends).
    static func wrap(_ text: String, first: String, rest: String) -> [String] {
        var lines = [String](), line = first, length = first.count, empty = true
        let restLength = rest.count
        for word in pieces(of: text, at: UInt8(ascii: " ")) {
            let gap = empty ? "" : " "
            let wordLength = word.count
            if length + gap.count + wordLength <= width {
                let separate = (line.utf8.last.map { $0 < 0x80 && $0 != 0x0D } ?? true) && (word.utf8.first.map { $0 < 0x80 } ?? true)
                line += gap + word
                length = separate ? length + gap.count + wordLength : line.count
                empty = false
                continue
            }
            if !empty {
                lines.append(line)
                line = rest
                length = restLength
            }
            var word = Substring(word)
            while length + word.count > width {
                let room = max(1, width - length)
                lines.append(line + word.prefix(room))
                word = word.dropFirst(room)
                line = rest
                length = restLength
            }
            line += word
            length = line.count
            empty = word.isEmpty && line == rest
        }
        lines.append(line.trimmingTrailingSpacesBefore())
        return lines
    }

    /// `text` split at every `separator` character, empty pieces kept, as
    /// `split(separator:omittingEmptySubsequences: false)` splits it — by its bytes where that
    /// cannot differ, which is much faster than looking at characters. `separator` is an ASCII
    /// byte other than CR. A newline is always a character of its own but in CR LF; another
    /// byte can join a combining mark after it, or a prepended mark before it, so it is split
    /// by bytes only in a text that is all ASCII.
    static func pieces(of text: String, at separator: UInt8) -> [Substring] {
        let utf8 = text.utf8
        let byBytes = separator == 0x0A
            ? !utf8.contains(0x0D) || !zip(utf8, utf8.dropFirst()).contains { $0 == 0x0D && $1 == 0x0A }
            : utf8.allSatisfy { $0 < 0x80 }
        guard byBytes else { return text.split(separator: Character(Unicode.Scalar(separator)), omittingEmptySubsequences: false) }
        var pieces = [Substring]()
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            if utf8[index] == separator {
                pieces.append(text[start..<index])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        pieces.append(text[start..<utf8.endIndex])
        return pieces
    }

    /// The marker of a numbered list item (`12. `) that starts `line`: one or more digits, a
    /// full stop and a space, as whole characters (a digit with a combining mark is not one).
    private static func numberMarker(of line: String) -> String? {
        var digits = 0
        var index = line.startIndex
        while index < line.endIndex, line[index].isASCII, line[index].isWholeNumber {
            digits += 1
            index = line.index(after: index)
        }
        guard digits > 0, index < line.endIndex, line[index] == "." else { return nil }
        let space = line.index(after: index)
        guard space < line.endIndex, line[space] == " " else { return nil }
        return String(line[..<line.index(after: space)])
    }

    /// True when `line` holds only blanks (spaces, tabs, the other Unicode space separators and
    /// the zero-width space), or nothing: what Foundation's `trimmingCharacters(in: .whitespaces)`
    /// empties.
    static func isBlank(_ line: Substring) -> Bool {
        line.unicodeScalars.allSatisfy(isBlank)
    }

    /// `text` without its leading and trailing blanks, as Foundation's
    /// `trimmingCharacters(in: .whitespaces)` gives it, without bridging to `NSString`.
    private static func trimmingBlanks(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isBlank($0) }), let last = scalars.lastIndex(where: { !isBlank($0) }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    /// `CharacterSet.whitespaces` as Foundation has it here: the tab, the space separators
    /// (general category Zs) and U+200B ZERO WIDTH SPACE (`PlainTextTests` checks every scalar).
    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || scalar == "\t" }
        return scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }

    /// The cells of a Markdown table row, split at the bars that are not escaped (`\|`).
    private static func cells(of line: String) -> [String] {
        var cells = [String](), current = "", escaped = false
        for character in line.dropFirst() {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "|" {
                cells.append(trimmingBlanks(current))
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
        // A byte test first (the marks are ASCII): most lines hold none of them.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "&") }) else {
            return text
        }
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
    /// `trimmingTrailingSpaces()` as it was: the last character removed while it is a space.
    fileprivate func trimmingTrailingSpacesBefore() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
