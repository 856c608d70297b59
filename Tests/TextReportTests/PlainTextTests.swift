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

    @Test("table cells lose their blanks, Unicode spaces included, and are aligned")
    func tableCells() {
        #expect(PlainText.from(markdown: "| a\u{A0} | \u{2003}b |\n|---|---|\n| 1 | 22 |") == "a  b\n-  --\n1  22")
    }

    @Test("emphasis, code marks and escapes are dropped from a line only where it has them")
    func strip() {
        #expect(PlainText.from(markdown: "**bold** `code` a \\| b &lt;c&gt; &amp; plain") == "bold code a | b <c> & plain")
        #expect(PlainText.from(markdown: "nothing to strip here") == "nothing to strip here")
    }
}
