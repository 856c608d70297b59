import Foundation
import Testing
@testable import TextReport

/// Counting and splitting by scalars where they all stand alone (`PlainText+Characters.swift`)
/// must give what Swift's characters and Foundation give.
struct PlainTextCharactersTests {
    /// Every scalar `PlainText.standsAlone` names.
    static let standing: [Unicode.Scalar] = (UInt32(0)...0xFFFF).compactMap { value in
        PlainText.standsAlone(value) ? Unicode.Scalar(value) : nil
    }

    @Test("every two scalars that stand alone are two characters, in either order, and each is one UTF-16 unit")
    func standingScalarsArePairwiseApart() {
        #expect(Self.standing.count == 767 + 24 + 4 + 2)
        var joined = [String]()
        for first in Self.standing {
            #expect(String(first).utf16.count == 1)
            for second in Self.standing where String(first) + String(second) != "" {
                let pair = String(first) + String(second)
                if pair.count != 2 { joined.append(pair.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: " ")) }
            }
        }
        #expect(joined.isEmpty, "\(joined.prefix(10))")
        // CR stands apart only before something other than LF: it is left out.
        #expect(!PlainText.standsAlone(0x0D))
    }

    /// Pieces of text that are hard to count: combining marks, emoji sequences, flags, CJK wide,
    /// Hangul jamo, a prepended mark, CR LF, tabs, the tool's own punctuation, a mark after an
    /// ASCII byte the code looks for.
    static let hard = ["word", "a", "", "\u{301}accent", "cafe\u{301}", "café", "👩‍👩‍👧", "🇬🇧", "東京都", "x\u{200D}", "\u{600}", "\r", "line\r",
                       "\r\n", "\t", "tab\there", "e\u{301}\u{302}", "\u{1100}\u{1161}", "-", "ok.", "—", "“quoted”", "–", "£5", "→", "▲", "·",
                       "|\u{301}", "\\\u{301}|", "*\u{301}", "&lt\u{301};", "\u{1FEF}", "\u{A0}", "\u{3000}", "©\u{200D}😀", "\u{2028}", "…"]

    /// A fixed sequence of pseudo-random numbers: the same texts every run.
    struct Steps: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    @Test("length(of:) is String.count, and a count by scalars only where they all stand alone")
    func lengthIsCount() {
        var generator = Steps(state: 7)
        for round in 0..<2000 {
            let text = (0..<(round % 12)).map { _ in Self.hard.randomElement(using: &generator)! }.joined(separator: round % 3 == 0 ? "" : " ")
            #expect(PlainText.length(of: text) == text.count, "\(text.debugDescription)")
            #expect(PlainText.length(of: Substring(text).dropFirst()) == text.dropFirst().count, "\(text.debugDescription)")
            let standing = text.unicodeScalars.allSatisfy { PlainText.standsAlone($0.value) }
            #expect((PlainText.standAloneCount(text) != nil) == standing, "\(text.debugDescription)")
        }
    }

    @Test("the punctuation and symbols a backslash escapes are Character's, for every ASCII character")
    func asciiPunctuation() {
        for value in UInt8(0)..<0x80 {
            let character = Character(Unicode.Scalar(value))
            let text = "\\" + String(character) + "x"
            let expected = character.isPunctuation || character.isSymbol ? String(character) + "x" : text
            #expect(PlainText.from(markdown: text) == PlainTextBefore.from(markdown: text), "\(value)")
            if value > 0x20, value != 0x2A, value != 0x60, value != 0x5C, value != 0x26 {
                #expect(PlainText.from(markdown: text) == expected, "\(value)")
            }
        }
    }

    @Test("report.txt is written as before from Markdown of hard pieces: headings, lists, quotes, tables narrow and wide, marks, escapes and entities")
    func sameTextAsBefore() {
        let words = Self.hard + ["**bold**", "`code`", "\\|", "\\*", "&lt;", "&gt;", "&amp;", "&", "\\", "\\é", String(repeating: "long", count: 25),
                                 String(repeating: "—", count: 90), "x", "the", "figure", "12,000", "(56.5–62.0)"]
        let starts = ["", "# ", "## ", "### ", "- ", "   - ", "> ", "1. ", "12. ", "|", "| ", " ", "\t", "#", "1\u{301}. "]
        var generator = Steps(state: 23)
        for round in 0..<600 {
            var lines = [String]()
            for _ in 0..<(1 + round % 9) {
                let start = starts.randomElement(using: &generator)!
                let count = Int.random(in: 0...(round % 4 == 0 ? 40 : 12), using: &generator)
                if start.hasPrefix("|") {
                    // A table: rows of cells, sometimes wider than the page, sometimes with more cells than its header.
                    let columns = Int.random(in: 1...5, using: &generator)
                    for row in 0..<Int.random(in: 1...4, using: &generator) {
                        let cells = (0..<(columns + (row > 1 ? Int.random(in: 0...1, using: &generator) : 0))).map { _ in
                            (0..<Int.random(in: 0...(round % 5 == 0 ? 8 : 3), using: &generator)).map { _ in words.randomElement(using: &generator)! }
                                .joined(separator: " ")
                        }
                        lines.append("| " + cells.joined(separator: " | ") + " |")
                        if row == 0 { lines.append("|" + String(repeating: " --- |", count: columns)) }
                    }
                    continue
                }
                lines.append(start + (0..<count).map { _ in words.randomElement(using: &generator)! }.joined(separator: round % 7 == 0 ? "  " : " "))
            }
            let markdown = lines.joined(separator: round % 11 == 0 ? "\r\n" : "\n")
            #expect(PlainText.from(markdown: markdown) == PlainTextBefore.from(markdown: markdown), "\(markdown.debugDescription)")
        }
    }

    @Test("a table of stand-alone cells is padded as Foundation pads it, and one with an emoji too (by UTF-16 units)")
    func tablePadding() {
        let markdown = "| Name | Value |\n| --- | --- |\n| Café — “x” | 1 |\n| a | 22 |\n| 😀😀 | 3 |"
        #expect(PlainText.from(markdown: markdown) == PlainTextBefore.from(markdown: markdown))
        #expect(PlainText.from(markdown: "| a | b |\n|---|---|\n| é— | x |") == "a   b\n--  -\né—  x")
    }

    @Test("trailing spaces go as removing the last character while it is a space removes them: after a prepended mark one stays")
    func trailingSpaces() {
        func before(_ text: String) -> String {
            var text = text
            while text.last == " " { text.removeLast() }
            return text
        }
        var generator = Steps(state: 41)
        for round in 0..<2000 {
            let text = (0..<(round % 6)).map { _ in (Self.hard + [" ", "  ", "\u{600}", "a\u{301}"]).randomElement(using: &generator)! }.joined()
                + String(repeating: " ", count: round % 4)
            #expect(text.trimmingTrailingSpaces() == before(text), "\(text.debugDescription)")
        }
        #expect("\u{600}  ".trimmingTrailingSpaces() == "\u{600} ")
        #expect("a —  ".trimmingTrailingSpaces() == "a —")
        #expect("   ".trimmingTrailingSpaces() == "")
    }

    @Test("a text whose scalars all stand alone is wrapped by bytes where counting the whole line each time broke it: long words, runs of spaces, punctuation, tabs")
    func wrapStandingAlone() {
        let pieces = ["word", "a", "", "—", "“quoted”", "£5", "→", "▲", "…", "\t", "é", "x-y", String(repeating: "long", count: 30),
                      String(repeating: "–", count: 85), "ok.", "  "]
        var generator = Steps(state: 13)
        for round in 0..<1500 {
            let text = (0..<(round % 50)).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: round % 5 == 0 ? "  " : " ")
            #expect(PlainText.standAloneCount(text) != nil)
            for (first, rest) in [("", ""), ("  * ", "    "), ("> ", "> "), ("12. ", "    "), ("    Name — x: ", "      "), (String(repeating: "·", count: 79), "")] {
                #expect(PlainText.wrap(text, first: first, rest: rest) == PlainTextTests.wrapCountingEachTime(text, first: first, rest: rest),
                        "\(text.debugDescription) after \(first.debugDescription)")
            }
        }
    }
}
