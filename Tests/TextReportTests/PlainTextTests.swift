import Foundation
import Testing
@testable import TextReport

/// The plain-text twin and the blank-line rule, written without Foundation's `CharacterSet`
/// and without a regular expression for the numbered items: they must say what those said.
struct PlainTextTests {
    @Test("a blank line is what Foundation's trimming of .whitespaces empties, for every scalar of the BMP")
    func blankAsFoundationSaysIt() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let line = String(Character(scalar))
            #expect(PlainText.isBlank(Substring(line)) == line.trimmingCharacters(in: .whitespaces).isEmpty, "U+\(String(value, radix: 16))")
        }
    }

    @Test("runs of blank lines, of any blanks, become one empty line; none are left at the end")
    func collapse() {
        #expect(TextReportSink.collapseBlankLines("a\n\u{A0}\t\n\u{3000}\n\nb\n \n") == "a\n\nb\n")
        // A zero-width space is a blank to Foundation; a word joiner is not: that line stays.
        #expect(TextReportSink.collapseBlankLines("a\n\u{200B}\n\nb") == "a\n\nb\n")
        #expect(TextReportSink.collapseBlankLines("a\n\u{2060}\nb") == "a\n\u{2060}\nb\n")
    }

    @Test("numbered items are one or more digits, a full stop and a space, as whole characters")
    func numbered() {
        #expect(PlainText.from(markdown: "1. First\n12. Twelve\n1x. no\n3.no") == "1. First\n12. Twelve\n1x. no\n3.no")
        let long = "10. " + String(repeating: "word ", count: 20)
        #expect(PlainText.from(markdown: long).split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("    ") })
        // A digit with a combining mark is no digit: not a numbered item, so no hanging indent.
        let marked = "1\u{301}. " + String(repeating: "word ", count: 20)
        #expect(PlainText.from(markdown: marked).split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("word") })
    }

    /// A numbered item whose marker is wider than a line (100 digits, from the data) sets a hanging
    /// indent wider than the line: an empty word (two spaces) then never fitted and was never cut,
    /// and wrapping looped for ever. Both wrappers (by bytes, and by characters for text that
    /// joins) end, with every word kept.
    @Test(.timeLimit(.minutes(1)))
    func aMarkerWiderThanTheLineEnds() {
        let marker = String(repeating: "7", count: 100) + ". "
        for text in ["a  b  c", "e\u{301}  b  c"] {
            let plain = PlainText.from(markdown: marker + text + " " + String(repeating: "word ", count: 30))
            #expect(plain.hasPrefix(String(repeating: "7", count: 80)), "\(plain.prefix(200))")
            #expect(plain.filter { $0 == "w" }.count == 30, "\(plain.prefix(300))")
        }
    }

    @Test("table cells lose their blanks, Unicode spaces included, and are aligned")
    func tableCells() {
        #expect(PlainText.from(markdown: "| a\u{A0} | \u{2003}b |\n|---|---|\n| 1 | 22 |") == "a  b\n-  --\n1  22")
    }

    @Test("emphasis, code marks and escapes are dropped from a line only where it has them")
    func strip() {
        #expect(PlainText.from(markdown: "**bold** `code` a \\| b &lt;c&gt; &amp; plain") == "bold code a | b <c> & plain")
        #expect(PlainText.from(markdown: "nothing to strip here") == "nothing to strip here")
    }

    /// `wrap` as it was before it kept the line's length as it grows: it counted the whole line
    /// for each word.
    static func wrapCountingEachTime(_ text: String, first: String, rest: String) -> [String] {
        var lines = [String](), line = first, empty = true
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let gap = empty ? "" : " "
            if line.count + gap.count + word.count <= PlainText.width {
                line += gap + word
                empty = false
                continue
            }
            if !empty {
                lines.append(line)
                line = rest
            }
            var word = Substring(word)
            while line.count + word.count > PlainText.width {
                let room = max(1, PlainText.width - line.count)
                lines.append(line + word.prefix(room))
                word = word.dropFirst(room)
                line = rest
            }
            line += word
            empty = word.isEmpty && line == rest
        }
        lines.append(line.trimmingTrailingSpaces())
        return lines
    }

    /// A fixed sequence of pseudo-random numbers (a linear congruential generator): the same texts every run.
    struct Steps: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    @Test("wrapping keeps the line's length as it goes, and breaks where counting the whole line each time broke, combining marks, emoji and CJK included")
    func wrapCountsAsBefore() {
        let pieces = ["word", "a", "", "\u{301}accent", "cafe\u{301}", "👩‍👩‍👧", "🇬🇧", "東京都", "x\u{200D}", "\u{600}", "\r", "line\r",
                      String(repeating: "long", count: 30), "e\u{301}\u{302}", "\u{1100}\u{1161}", "-", "ok."]
        var generator = Steps(state: 19)
        for round in 0..<400 {
            let count = round % 60
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined(separator: round % 7 == 0 ? "  " : " ")
            for (first, rest) in [("", ""), ("  * ", "    "), ("> ", "> "), ("\u{301}", " "), ("12. ", "    ")] {
                #expect(PlainText.wrap(text, first: first, rest: rest) == Self.wrapCountingEachTime(text, first: first, rest: rest), "\(text.debugDescription)")
            }
        }
    }

    @Test("pieces split at a newline or a space exactly where String.split splits at that character: CR LF, combining and prepended marks included")
    func piecesAsSplitGivesThem() {
        let texts = ["", " ", "\n", "\n\n", "a b  c ", "a\nb\n", "x\r\ny\nz", "cr\r alone\nnext", "a \u{301}b c", "\u{600} x", "a\n\u{301}b",
                     "é e\nf", "👩‍👩‍👧 x\n🇬🇧", "\u{301}\n \u{301}", "tab\tthen space"]
        for text in texts {
            for separator in ["\n", " "] as [Character] {
                #expect(PlainText.pieces(of: text, at: separator.asciiValue!) == text.split(separator: separator, omittingEmptySubsequences: false),
                        "\(text.debugDescription) at \(separator.debugDescription)")
            }
        }
    }
}
