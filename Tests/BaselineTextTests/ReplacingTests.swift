import BaselineText
import Foundation
import Testing

@Suite struct ReplacingTests {
    @Test(arguments: [
        ("", "_", " "), ("no_such", "x", "y"), ("a_b_c", "_", " "), ("__", "_", ""), ("aaaa", "aa", "b"),
        ("aaa", "aa", "b"), ("{place} in {place}", "{place}", "Millbrook"), ("say \"hi\"", "\"", "\"\""),
        ("Bath & North East Somerset", "&", " and "), ("a.[0].[1]", ".[", "["), ("ends with _", "_", "-"),
        ("naïve café_au_lait", "_", " "), ("東京_都", "_", "·"), ("x", "xyz", "q"), ("xyxyz", "xyz", "!"),
    ])
    func replacesAsFoundationDoes(_ text: String, _ target: String, _ replacement: String) {
        #expect(text.replacingEvery(target, with: replacement) == text.replacingOccurrences(of: target, with: replacement))
        #expect(text[...].replacingEvery(target, with: replacement) == text.replacingOccurrences(of: target, with: replacement))
    }

    @Test func anEmptyTargetChangesNothing() {
        #expect("abc".replacingEvery("", with: "x") == "abc")
    }

    /// A quote followed by a combining mark is still a quote byte in the file a spreadsheet
    /// reads: it is found, where a search by characters would not find it.
    @Test func findsBytesNotCharacters() {
        let text = "say \"\u{301}hi", doubled = "say \"\"\u{301}hi"
        let quoted = text.replacingEvery("\"", with: "\"\"")
        #expect(quoted == doubled)
        let untouched = text.replacingEvery("e", with: "E")
        #expect(untouched == text)
        let decomposed = "cafe\u{301}", upper = "cafE\u{301}"
        let replaced = decomposed.replacingEvery("e", with: "E")
        #expect(replaced == upper)
    }
}
