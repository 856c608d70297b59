@testable import BaselineTemplates
import BaselineCore
import Testing

/// The parser reads characters by their codes and copies text in runs: it must give the nodes
/// (with every line and column) and the errors the character-by-character parser gave.
@Suite struct ParserCodesTests {
    static func parsed(_ source: String) -> String {
        var parser = Parser(source: source, file: "t.mustache")
        do { return String(describing: try parser.parse()) } catch { return "error: \(error)" }
    }

    static func parsedBefore(_ source: String) -> String {
        var parser = ParserBefore(source: source, file: "t.mustache")
        do { return String(describing: try parser.parse()) } catch { return "error: \(error)" }
    }

    @Test func codesAreCharacterEqualityForTheCharactersLookedFor() {
        let texts = ["{", "}", "\n", "\r\n", "\r", " ", "\t", "!", "#", "{\u{301}", "\u{600}{", "é", "👩‍👩‍👧", "\u{1FEF}", "\u{37E}"]
        #expect(texts.allSatisfy { $0.count == 1 })
        for character in texts.map(Character.init) {
            let code = Parser.code(of: character)
            // The characters the parser looks for. (Not every ASCII character: U+1FEF equals ` and U+037E equals ;.)
            for ascii in "{}!#^/ \t\n".utf8 {
                #expect((code == ascii) == (character == Character(Unicode.Scalar(UInt32(ascii))!)), "\(character.debugDescription) \(ascii)")
            }
            #expect((code == 0x80) == (character == "\r\n"))
        }
    }

    @Test func sameNodesAndErrorsAsCharacterByCharacter() {
        let pieces = ["{{", "}}", "{", "}", "{{#name}}", "{{/name}}", "{{^place}}", "{{/place}}", "{{name}}", "{{ place.code }}", "{{.}}",
                      "{{! note\nmore }}", "{{!x}}", "{{#}}", "{{name", "{{/code}}", "\n", "\r\n", "\r", "  ", "\t", "text", "é", "e\u{301}",
                      "{\u{301}{", "{{\u{301}name}}", "}}\u{301}", "👩‍👩‍👧", "\u{600}", "{{ñame}}", "{{na-me}}", "{{\u{A0}name\u{3000}}}",
                      "{{#name}}\n", "\n{{/name}}\n", "  {{#place}}  \r\n", "{{{name}}}", "#", "!", "/", "^", "."]
        var state: UInt64 = 11
        for round in 0..<4000 {
            let source = (0..<(round % 14)).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return pieces[Int(state >> 33) % pieces.count]
            }.joined()
            #expect(Self.parsed(source) == Self.parsedBefore(source), "\(source.debugDescription)")
        }
    }
}
