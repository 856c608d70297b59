import BaselineText
import Testing

/// When a text cell is quoted: when it holds a comma, a quote or a line break as a character of
/// its own. The bytes are looked at first (most cells hold none of them); a comma or a quote
/// that a combining mark joins is no comma or quote, as before.
@Suite struct CSVCellQuotingTests {
    @Test func quotedWhenACharacterOfItsOwnIsACommaQuoteOrLineBreak() {
        let expected: [(String, String)] = [
            ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("one\ntwo", "\"one\ntwo\""),
            ("one\r\ntwo", "\"one\r\ntwo\""), ("cr\r", "\"cr\r\""), ("café", "café"),
            (",\u{301}", ",\u{301}"), ("\"\u{301}x", "\"\u{301}x"), (",\u{301},", "\",\u{301},\""), ("", ""),
        ]
        for (text, field) in expected {
            #expect(CSVCell.text(text).field == field, "\(text.debugDescription)")
        }
    }
}
