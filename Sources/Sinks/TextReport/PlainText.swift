import Foundation

/// The plain-text twin of the brief, made from its Markdown: headings underlined, tables
/// aligned in columns, emphasis and code marks dropped, every line at most 80 columns (`width`)
/// — paragraphs and list items wrapped with a hanging indent, a table too wide for the page
/// written as one block per row, a word longer than a line broken — so that `report.txt` reads
/// well in an e-mail and a terminal and says exactly what `report.md` says. The escapes `PeopleText.markdown` put on the
/// data (`\|`, `&lt;`) become their characters again: plain text has no markup to protect, and
/// the data reached the Markdown one line each with its control characters already shown.
enum PlainText {
    /// The widest line of `report.txt`, in characters.
    static let width = 80

    static func from(markdown: String) -> String {
        var out = [String]()
        var table = [[String]]()
        func flushTable() {
            guard !table.isEmpty else { return }
            // Over the widest row: a row of a facilitator's template may have more cells than its header.
            let standing = table.map { $0.map { standAloneCount($0) } }
            let lengths = zip(table, standing).map { zip($0, $1).map { $1 ?? $0.count } }
            let widths = (0..<(table.map(\.count).max() ?? 0)).map { column in lengths.map { column < $0.count ? $0[column] : 0 }.max() ?? 0 }
            guard widths.reduce(0, +) + 2 * max(0, widths.count - 1) <= width else {
                out += blocks(table)
                table = []
                return
            }
            for (index, row) in table.enumerated() {
                out.append(row.enumerated().map { padded($1, standingAlone: standing[index][$0], to: widths[$0]) }
                    .joined(separator: "  ").trimmingTrailingSpaces())
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
                out += lines + [String(repeating: "=", count: lines.map { length(of: $0) }.max() ?? 0)]
            } else if line.hasPrefix("## ") || line.hasPrefix("### ") {
                let lines = wrap(strip(String(line.drop { $0 == "#" }.dropFirst())), first: "", rest: "")
                out += lines + [String(repeating: line.hasPrefix("## ") ? "-" : "·", count: lines.map { length(of: $0) }.max() ?? 0)]
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

    /// A cell padded with spaces to `width`, as Foundation's `padding(toLength:withPad:startingAt:)`
    /// pads it (`width` is at least its length): that counts UTF-16 units, so the cell goes to
    /// Foundation unless its scalars all stand alone (`standingAlone`: how many; one UTF-16 unit
    /// and one character each).
    private static func padded(_ cell: String, standingAlone: Int?, to width: Int) -> String {
        guard let length = standingAlone else { return cell.padding(toLength: width, withPad: " ", startingAt: 0) }
        return width > length ? cell + String(repeating: " ", count: width - length) : cell
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
    /// with a scalar that stands alone (`joinsApart`). Lengths are counted by `length(of:)`.
    /// Where every scalar stands alone, `wrapStandingAlone` wraps by bytes.
    static func wrap(_ text: String, first: String, rest: String) -> [String] {
        if let lines = wrapStandingAlone(text, first: first, rest: rest) { return lines }
        var lines = [String](), line = first, length = Self.length(of: first), empty = true
        let restLength = Self.length(of: rest)
        for word in pieces(of: text, at: UInt8(ascii: " ")) {
            let gap = empty ? "" : " "
            let wordLength = Self.length(of: word)
            if length + gap.count + wordLength <= width {
                let separate = joinsApart(line, word)
                line += gap
                line += word
                length = separate ? length + gap.count + wordLength : Self.length(of: line)
                empty = false
                continue
            }
            if !empty {
                lines.append(line)
                line = rest
                length = restLength
            }
            var word = Substring(word)
            // (An empty word is never cut: with an indent wider than the line it would loop for ever.)
            while !word.isEmpty, length + Self.length(of: word) > width {
                let room = max(1, width - length)
                lines.append(line + word.prefix(room))
                word = word.dropFirst(room)
                line = rest
                length = restLength
            }
            line += word
            length = Self.length(of: line)
            empty = word.isEmpty && line == rest
        }
        lines.append(line.trimmingTrailingSpaces())
        return lines
    }

    /// `wrap` of a text whose scalars, and `first`'s and `rest`'s, all stand alone, by bytes:
    /// each scalar is then a character, a length is a count of scalars, and pieces put together
    /// keep their lengths. Nil for any other text.
    private static func wrapStandingAlone(_ text: String, first: String, rest: String) -> [String]? {
        guard let firstLength = standAloneCount(first), let restLength = standAloneCount(rest), standAloneCount(text) != nil else { return nil }
        let bytes = Array(text.utf8), restBytes = Array(rest.utf8)
        /// The number of scalars in `range`: its bytes that do not continue a scalar.
        func scalars(_ range: Range<Int>) -> Int {
            bytes[range].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        }
        var lines = [String](), line = Array(first.utf8), length = firstLength, empty = true
        var wordStart = 0
        for end in 0...bytes.count where end == bytes.count || bytes[end] == UInt8(ascii: " ") {
            var word = wordStart..<end
            wordStart = end + 1
            let gap = empty ? 0 : 1
            var wordLength = scalars(word)
            if length + gap + wordLength <= width {
                if gap == 1 { line.append(UInt8(ascii: " ")) }
                line += bytes[word]
                length += gap + wordLength
                empty = false
                continue
            }
            if !empty {
                lines.append(String(decoding: line, as: UTF8.self))
                line = restBytes
                length = restLength
            }
            while !word.isEmpty, length + wordLength > width {
                let room = max(1, width - length)
                var cut = word.lowerBound
                for _ in 0..<room where cut < word.upperBound {
                    cut += 1
                    while cut < word.upperBound, bytes[cut] & 0xC0 == 0x80 { cut += 1 }
                }
                lines.append(String(decoding: line + bytes[word.lowerBound..<cut], as: UTF8.self))
                wordLength -= scalars(word.lowerBound..<cut)
                word = cut..<word.upperBound
                line = restBytes
                length = restLength
            }
            line += bytes[word]
            length += wordLength
            empty = word.isEmpty && line == restBytes
        }
        while line.last == UInt8(ascii: " ") { line.removeLast() }
        lines.append(String(decoding: line, as: UTF8.self))
        return lines
    }

    /// `text` split at every `separator` character, empty pieces kept, as
    /// `split(separator:omittingEmptySubsequences: false)` splits it — by its bytes where that
    /// cannot differ, which is much faster than looking at characters. `separator` is an ASCII
    /// byte other than CR. A newline is always a character of its own but in CR LF; another
    /// byte can join a combining mark after it, or a prepended mark before it, so it is split
    /// by bytes only in a text whose scalars all stand alone (`standsAlone`).
    static func pieces(of text: String, at separator: UInt8) -> [Substring] {
        let utf8 = text.utf8
        let byBytes = separator == 0x0A
            ? !utf8.contains(0x0D) || !zip(utf8, utf8.dropFirst()).contains { $0 == 0x0D && $1 == 0x0A }
            : standAloneCount(text) != nil
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

    /// The cells of a Markdown table row, split at the bars that are not escaped (`\|`): by
    /// its bytes when its scalars all stand alone (each byte of `|` and `\` is then that
    /// character), else by its characters.
    private static func cells(of line: String) -> [String] {
        if standAloneCount(line) != nil {
            var cells = [String](), escaped = false
            let utf8 = line.utf8
            var start = utf8.index(after: utf8.startIndex), index = start
            while index != utf8.endIndex {
                let byte = utf8[index]
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "|") {
                    cells.append(trimmingBlanks(String(line[start..<index])))
                    start = utf8.index(after: index)
                } else {
                    escaped = byte == UInt8(ascii: "\\")
                }
                index = utf8.index(after: index)
            }
            return cells
        }
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
        if standAloneCount(text) != nil { return stripBytes(text) }
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

extension PlainText {
    /// `strip(_:)` of a text whose scalars all stand alone, by its bytes: each ASCII byte is
    /// then a character of its own, and the marks, escapes and entities are all ASCII.
    fileprivate static func stripBytes(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "*"), UInt8(ascii: "`"):
                continue
            case UInt8(ascii: "\\") where index < bytes.count && isASCIIPunctuationOrSymbol(bytes[index]):
                out.append(bytes[index])
                index += 1
            case UInt8(ascii: "&"):
                out.append(byte)
                for (entity, character) in [("lt;", UInt8(ascii: "<")), ("gt;", UInt8(ascii: ">")), ("amp;", UInt8(ascii: "&"))]
                where bytes[index...].starts(with: entity.utf8) {
                    out[out.count - 1] = character
                    index += entity.utf8.count
                    break
                }
            default:
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the ASCII `byte` is a punctuation mark or symbol (`Character.isPunctuation`,
    /// `isSymbol`): every printable ASCII character but letters, digits and the space.
    private static func isASCIIPunctuationOrSymbol(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: false
        }
    }
}

extension String {
    /// The text without the spaces that end it, as removing its last character while that is a
    /// space removes them: by the bytes when the scalar before those spaces stands alone (each
    /// space is then a character of its own), else character by character.
    func trimmingTrailingSpaces() -> String {
        let utf8 = self.utf8
        var end = utf8.endIndex
        while end != utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: " ") { end = utf8.index(before: end) }
        if end == utf8.endIndex { return self }
        if end == utf8.startIndex || self.unicodeScalars[..<end].last.map({ PlainText.standsAlone($0.value) }) == true {
            return String(self[..<end])
        }
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
