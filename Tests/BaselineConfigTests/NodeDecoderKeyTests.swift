import BaselineConfig
import BaselineCore
import Testing
import Yams

/// How `NodeDecoder` finds a key of a mapping: as Yams's `mapping[name]` does (the last key of
/// that text whose tag matches the name's), though names YAML reads as text are looked up
/// without resolving tags for each look-up.
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

    @Test("a name YAML reads as a boolean is still matched as Yams matches it (by text and tag)")
    func booleanLookingName() throws {
        // `yes:` plain is the boolean true in YAML 1.1, as is the name: they match.
        #expect(try decode("yes: plain\n").yes == "plain")
        // Quoted, the key is text and the name a boolean: Yams does not match them, so the
        // option reads as absent (and the key, asked for by name, is not reported unknown).
        #expect(try decode("'yes': quoted\n").yes == nil)
    }

    @Test("an unknown key is still reported at its line, with the closest known key")
    func unknownKey() throws {
        let error = try #require(throws: BaselineError.self) { try decode("name: a\nmin_group_sise: 3\n") }
        #expect(error.line == 2)
        #expect(error.message.contains("unknown key 'min_group_sise'"))
        #expect(error.hint?.contains("min_group_size") == true)
    }

    @Test("a key's tag is resolved only when it is explicit: a plain or quoted key of the name matches, one tagged otherwise does not, as in Yams")
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
