import BaselineConfig
import BaselineCore
import Testing
import Yams

/// How `NodeDecoder` and `Node.Mapping.value(forKey:)` find a key in a mapping that holds it
/// more than once (a mapping made in code, or composed by Yams's own `compose`: `YAMLText.compose`
/// refuses a key repeated): the last key of that name that is text, as Yams's `mapping[name]` did.
struct NodeDecoderLookupTests {
    private struct Options: Decodable {
        var name: String?
        var size: Int?
    }

    private func mapping(_ pairs: [(String, Yams.Tag.Name, String)]) -> Node {
        .mapping(Node.Mapping(pairs.map { (Node($0.0, Yams.Tag($0.1)), Node($0.2)) }))
    }

    private func decode(_ node: Node) throws -> Options {
        try NodeDecoder(file: "t.yaml").decode(Options.self, from: node)
    }

    @Test("a key given twice is read from its last place, by the decoder and by value(forKey:)")
    func lastOfARepeatedKey() throws {
        let node = mapping([("name", .str, "first"), ("size", .str, "1"), ("name", .str, "second"), ("size", .str, "2")])
        let options = try decode(node)
        #expect(options.name == "second")
        #expect(options.size == 2)
        #expect(node.mapping?.value(forKey: "name") == Node("second"))
        #expect(node.mapping?.value(forKey: "size") == Node("2"))
        #expect(node.mapping?.value(forKey: "other") == nil)
    }

    @Test("a later key of the same text that is not text (tagged !!int) is passed over for the one before it")
    func taggedLaterKeyIsPassedOver() throws {
        let node = mapping([("name", .str, "text key"), ("name", .int, "number key"), ("size", .int, "9")])
        #expect(try decode(node).name == "text key")
        #expect(try decode(node).size == nil)
        #expect(node.mapping?.value(forKey: "name") == Node("text key"))
        #expect(node.mapping?.value(forKey: "size") == nil)
        // Only keys that are not text: the key is absent.
        #expect(try decode(mapping([("name", .int, "a"), ("name", .int, "b")])).name == nil)
    }

    @Test("a key that is a list is no name, and still reported as such at its place")
    func keyThatIsAList() throws {
        let node = try #require(try Yams.compose(yaml: "name: plain\n[name]: x\n"))
        #expect(node.mapping?.value(forKey: "name")?.string == "plain")
        let error = try #require(throws: BaselineError.self) { try decode(node) }
        #expect(error.message.contains("a key that is a list or a mapping"))
        #expect(error.line == 2)
    }

    @Test("every key of a longer mapping is found in its place, whatever order the type asks in")
    func everyKeyOfALongMapping() throws {
        let pairs = (0..<40).map { (Node("key\($0)"), Node("value\($0)")) }
        let mapping = Node.Mapping(pairs)
        for index in (0..<40).reversed() {
            #expect(mapping.value(forKey: "key\(index)") == Node("value\(index)"))
        }
    }
}
