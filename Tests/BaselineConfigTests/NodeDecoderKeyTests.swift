import BaselineConfig
import BaselineCore
import Testing
import Yams

/// How `NodeDecoder` finds a key of a mapping: by its text, as `allKeys` lists it (every untagged
/// key is text: `YAMLText.compose` resolves no tags), unless the key is tagged as something other
/// than text; and how it reads a Boolean without the tags of Yams's default resolver.
struct NodeDecoderKeyTests {
    private struct Options: Decodable {
        var name: String?
        var minGroupSize: Int?
        var yes: String?
        var level998: Bool?

        enum CodingKeys: String, CodingKey {
            case name, minGroupSize = "min_group_size", yes, level998 = "level_998"
        }
    }

    private func decode(_ yaml: String) throws -> Options {
        try NodeDecoder(file: "pipeline.yaml").decode(Options.self, from: try YAMLText.compose(yaml, file: "pipeline.yaml", what: "the pipeline")!)
    }

    @Test("plain, quoted and snake_case keys are found; a key that is absent is nil")
    func plainAndQuotedKeys() throws {
        let options = try decode("name: Millbrook\n'min_group_size': 10\n\"level_998\": true\n")
        #expect(options.name == "Millbrook")
        #expect(options.minGroupSize == 10)
        #expect(options.level998 == true)
        #expect(options.yes == nil)
    }

    @Test("a name YAML 1.1 reads as a boolean is found plain or quoted: keys are text")
    func booleanLookingName() throws {
        #expect(try decode("yes: plain\n").yes == "plain")
        // Yams's default resolver made the plain key a boolean and the quoted one text, and its
        // `mapping[name]` found only one of them.
        #expect(try decode("'yes': quoted\n").yes == "quoted")
    }

    @Test("the same key plain and quoted is a key repeated, not two keys")
    func plainAndQuotedAreOneKey() throws {
        for yaml in ["1: a\n'1': b\n", "yes: a\n\"yes\": b\n", "null: a\n'null': b\n"] {
            let error = try #require(throws: BaselineError.self, "\(yaml)") { try YAMLText.compose(yaml, file: "t.yaml", what: "t") }
            #expect(error.message.contains("appears twice"), "\(yaml)")
        }
    }

    @Test("a Boolean is true, yes, on, false, no or off in any case, plain or tagged !!bool; quoted it is text")
    func booleans() throws {
        for (text, value) in [("true", true), ("True", true), ("YES", true), ("on", true), ("tRuE", true), ("!!bool 'off'", false),
                              ("false", false), ("No", false), ("OFF", false)] {
            #expect(try decode("level_998: \(text)\n").level998 == value, "\(text)")
        }
        for text in ["'true'", "\"yes\"", "y", "1", "maybe"] {
            let error = try #require(throws: BaselineError.self, "\(text)") { try decode("level_998: \(text)\n") }
            #expect(error.message.contains("expected true or false"), "\(text)")
            #expect(error.line == 1)
        }
    }

    @Test("an unknown key is still reported at its line, with the closest known key")
    func unknownKey() throws {
        let error = try #require(throws: BaselineError.self) { try decode("name: a\nmin_group_sise: 3\n") }
        #expect(error.line == 2)
        #expect(error.message.contains("unknown key 'min_group_sise'"))
        #expect(error.hint?.contains("min_group_size") == true)
    }

    @Test("a key tagged as something other than text is not a name: a plain, quoted, ! or !!str key matches, as in Yams")
    func explicitTags() throws {
        #expect(try decode("!!str name: tagged text\n").name == "tagged text")
        #expect(try decode("!!int name: tagged a number\n").name == nil)
        #expect(try decode("name: plain\n!!int name: tagged\n").name == "plain")
        for yaml in ["name: a\n", "!!str name: a\n", "!!int name: a\n", "! name: a\n", "'name': a\n"] {
            let mapping = try #require(try YAMLText.compose(yaml, file: "t.yaml", what: "t")?.mapping)
            #expect(mapping.value(forKey: "name") == mapping["name"], "\(yaml)")
        }
    }
}
