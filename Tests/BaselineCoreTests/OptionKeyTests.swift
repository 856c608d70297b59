import BaselineCore
import Foundation
import Testing

/// A configuration's keys are Swift names, read as pipeline files spell them.
@Suite struct OptionKeyTests {
    enum Keys: String, OptionKey {
        case path, maxFieldBytes, respondentId
        case templatePath = "template"
        case level998 = "level_998"
    }

    @Test("Swift names are spelt in snake_case; a raw value spelt otherwise is kept")
    func spelling() {
        #expect(Keys.allCases.map(\.stringValue) == ["path", "max_field_bytes", "respondent_id", "template", "level_998"])
        #expect(Keys(stringValue: "max_field_bytes") == .maxFieldBytes)
        #expect(Keys(stringValue: "template") == .templatePath)
        #expect(Keys(stringValue: "maxFieldBytes") == nil)
        #expect(Keys(stringValue: "templatePath") == nil)
        #expect(Keys(intValue: 0) == nil && Keys.path.intValue == nil)
    }

    enum WiderKeys: String, OptionKey {
        case größeWert, straßeÄnderung, aBCd, plain
    }

    @Test("ASCII names are turned byte by byte, others by their characters: the same snake_case")
    func spellingBeyondASCII() {
        #expect(WiderKeys.allCases.map(\.stringValue) == ["größe_wert", "straße_änderung", "a_b_cd", "plain"])
        #expect(WiderKeys(stringValue: "straße_änderung") == .straßeÄnderung)
    }

    /// A configuration decoded through the keys.
    struct Options: Decodable, Equatable {
        var maxFieldBytes: Int
        var template: String?

        enum CodingKeys: String, OptionKey {
            case maxFieldBytes
            case template
        }
    }

    @Test("A decoder reads the snake_case keys")
    func decoding() throws {
        let options = try JSONDecoder().decode(Options.self, from: Data(#"{"max_field_bytes": 64, "template": "t.md"}"#.utf8))
        #expect(options == Options(maxFieldBytes: 64, template: "t.md"))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Options.self, from: Data(#"{"maxFieldBytes": 64}"#.utf8))
        }
    }
}
