import BaselineConfig
import Testing

/// The values kept by file name and text: made once for the same pair, made again when the text
/// or the name changes, never more than four kept.
@Suite struct RecentlyReadTests {
    final class Count: @unchecked Sendable { var made = 0 }

    @Test func theSameNameAndTextGiveTheValueKeptAnythingElseMakesItAgain() throws {
        let recent = RecentlyRead<String>()
        let count = Count()
        func read(_ file: String, _ text: String) -> String {
            recent.value(file: file, text: text) { count.made += 1; return "\(file): \(text)" }
        }
        #expect(read("a.yaml", "x: 1") == "a.yaml: x: 1" && count.made == 1)
        #expect(read("a.yaml", "x: 1") == "a.yaml: x: 1" && count.made == 1)
        #expect(read("a.yaml", "x: 2") == "a.yaml: x: 2" && count.made == 2)
        #expect(read("b.yaml", "x: 2") == "b.yaml: x: 2" && count.made == 3)
        for n in 3...6 { _ = read("a.yaml", "x: \(n)") }
        #expect(count.made == 7)
        #expect(read("a.yaml", "x: 1") == "a.yaml: x: 1" && count.made == 8, "five texts later, the first is no longer kept")
    }

    @Test func aFailureIsNotKept() throws {
        struct Failure: Error {}
        let recent = RecentlyRead<Int>()
        #expect(throws: Failure.self) { try recent.value(file: "f", text: "t") { throw Failure() } }
        #expect(recent.value(file: "f", text: "t") { 7 } == 7)
    }
}
