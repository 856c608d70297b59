import BaselineConfig
import BaselineCore
import Testing
import Yams

/// `YAMLText.compose` keeps the last few texts it composed: a text composed again gives the
/// same node, and a text that fails fails again, located the same way, whatever came between.
struct YAMLTextTests {
    @Test("the same text composed again gives the same node, marks included, after others")
    func composingAgainGivesTheSameNode() throws {
        let text = "place: { name: Millbrook }\nperiod: 2025\nsources:\n  - id: survey\n"
        let first = try #require(try YAMLText.compose(text, file: "a.yaml", what: "the pipeline"))
        for i in 0..<6 { _ = try YAMLText.compose("k\(i): \(i)\n", file: "b.yaml", what: "a file") }
        let again = try #require(try YAMLText.compose(text, file: "a.yaml", what: "the pipeline"))
        let last = try #require(try YAMLText.compose(text, file: "a.yaml", what: "the pipeline"))
        #expect(first == again && again == last)
        #expect(last.mapping?["sources"]?.sequence?.first?.mapping?["id"]?.mark?.line == 4)
        #expect(try YAMLText.compose("", file: "c.yaml", what: "a file") == nil)
        #expect(try YAMLText.compose("", file: "c.yaml", what: "a file") == nil)
    }

    @Test("a text that is not YAML is an error at its line every time it is composed")
    func aBrokenTextFailsEveryTime() throws {
        for _ in 0..<2 {
            let error = try #require(throws: BaselineError.self) { try YAMLText.compose("a: 1\nb: [1, 2\n", file: "bad.yaml", what: "the pipeline") }
            #expect(error.file == "bad.yaml" && error.line == 3)
        }
        for _ in 0..<2 {
            let error = try #require(throws: BaselineError.self) { try YAMLText.compose("a: 1\na: 2\n", file: "twice.yaml", what: "the pipeline") }
            #expect(error.message.contains("appears twice"))
        }
    }
}
