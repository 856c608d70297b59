import BaselineText
import Foundation
import Testing

@Suite struct TrimmingTests {
    @Test("Trimming by bytes gives what Foundation's trimming gives, with line breaks and without, on texts with every kind of space at their ends")
    func asFoundationTrims() {
        let pieces = [" ", "\t", "\n", "\r\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1F}", "\u{85}", "\u{A0}", "\u{2003}", "\u{3000}",
                      "\u{2028}", "\u{200B}", "\u{FEFF}", "a", "12.5", "é", "e\u{301}", " \u{301}", "\u{0}", "x y", "🙂"]
        var generator = SystemRandomNumberGenerator()
        var texts = ["", " ", "\r\n", "a", " a ", "\u{A0}a\u{A0}", " \u{3000}a", "a\u{85}"]
        for _ in 0..<2_000 {
            texts.append((0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            let sub = ("<" + text + ">").dropFirst().dropLast()
            for (newlines, set) in [(true, CharacterSet.whitespacesAndNewlines), (false, CharacterSet.whitespaces)] {
                #expect(text.trimmingWhitespace(andNewlines: newlines) == text.trimmingCharacters(in: set), "\(text.debugDescription), newlines \(newlines)")
                #expect(sub.trimmingWhitespace(andNewlines: newlines) == sub.trimmingCharacters(in: set),
                        "\(text.debugDescription) as a substring, newlines \(newlines)")
            }
        }
    }
}
