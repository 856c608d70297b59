import BaselineSchema
@testable import CodeThemes
import Foundation
import Testing

/// Matching phrases in text: word boundaries, case, inflections, exclusions, inline codes.
struct ThemeMatcherTests {
    let matcher = ThemeMatcher(codebook: try! CodebookTests.configuration("codebook: codebooks/good.yaml").codebook)
    static let ids = ["housing", "homelessness", "care-leavers", "trust", "data-sharing", "co-location"]

    /// The theme ids `text` is coded to.
    func themes(_ text: String) -> [String] {
        matcher.code(text).themes.map { Self.ids[Int($0)] }
    }

    @Test("plurals and inflections of phrase words", arguments: [
        ("Care leavers said so.", ["care-leavers"]),
        ("a care leaver's first flat", ["care-leavers"]),
        ("CARE LEAVERS", ["care-leavers"]),
        ("young people leaving care", ["care-leavers"]),
        ("sharing is caring", []),
        ("data shared between partners", ["data-sharing"]),
        ("we shared data", ["data-sharing"]),
        ("sharing data is hard", ["data-sharing"]),
        ("partners trusted each other", ["trust"]),
        ("the trusts", ["trust"]),
    ])
    func inflections(text: String, expected: [String]) {
        #expect(themes(text) == expected)
    }

    @Test("whole words only", arguments: [
        "a trustee of the charity", "antitrust law", "distrust", "careless leavers", "colocation", "homelessly",
    ])
    func wordBoundaries(text: String) {
        #expect(themes(text) == [])
    }

    @Test("phrases match across the punctuation and spacing between their words", arguments: [
        "co-location", "co location", "Co-Location", "co–location", "(co-location)",
    ])
    func separators(text: String) {
        #expect(themes(text) == ["co-location"])
    }

    @Test("an exclusion cancels the matches inside it, not the others")
    func exclusions() {
        #expect(themes("The NHS Trust board met.") == [])
        #expect(themes("NHS Trusts") == [])
        #expect(themes("The NHS Trust said we trust the council.") == ["trust"])
        #expect(matcher.code("The NHS Trust said we trust the council.").hits == [1])
        #expect(themes("the homeless health team visited") == [])
        #expect(themes("the homeless health team saw homeless people") == ["housing", "homelessness"])
    }

    @Test("exclusions are checked in time linear in a passage's matches")
    func exclusionsAreLinear() {
        // Per sentence: two trust matches, one inside an exclusion, and a homeless one inside its
        // exclusion. Comparing every match with every exclusion took minutes on 1 MB here (debug).
        let sentence = "The NHS Trust said we trust the homeless health team. "
        func code(_ bytes: Int) -> (Duration, ThemeMatcher.Coding) {
            let text = String(repeating: sentence, count: bytes / sentence.utf8.count)
            let clock = ContinuousClock()
            var coding = ThemeMatcher.Coding()
            let elapsed = clock.measure { coding = matcher.code(text) }
            return (elapsed, coding)
        }
        let (small, smallCoding) = code(100_000)
        #expect(smallCoding.themes.map { Self.ids[Int($0)] } == ["trust"])
        #expect(smallCoding.hits == [Int32(100_000 / sentence.utf8.count)])
        let (large, largeCoding) = code(1_000_000)
        #expect(largeCoding.hits == [Int32(1_000_000 / sentence.utf8.count)])
        // Ten times the text: about ten times the time; quadratic would be a hundred (minutes on
        // 1 MB before the fix). The bounds leave room for a loaded machine, where this ran at
        // 0.75 s: the test is for the shape of the cost, not a speed target (those live in bench/).
        #expect(large < small * 50 + .seconds(2), "100 KB: \(small), 1 MB: \(large)")
        #expect(large < .seconds(20), "1 MB: \(large)")
    }

    @Test("a narrower theme brings its broader one, with no hits of its own")
    func nesting() {
        let coding = matcher.code("Sofa surfing and rough sleeping, and housing.")
        #expect(coding.themes.map { Self.ids[Int($0)] } == ["housing", "homelessness"])
        #expect(coding.hits == [1, 2])
        let narrow = matcher.code("sofa surfing")
        #expect(narrow.hits == [0, 1])
    }

    @Test("inline codes count as a mention; unknown ones are reported")
    func inlineCodes() {
        #expect(themes("Nothing else here #care-leavers") == ["care-leavers"])
        #expect(themes("(#care_leavers) and #Data-Sharing.") == ["care-leavers", "data-sharing"])
        #expect(themes("#homelessness") == ["housing", "homelessness"])
        #expect(themes("page#homelessness and #1 priority") == [])
        #expect(matcher.code("#joined-up thinking and #foo").unknownCodes == ["#joined-up", "#foo"])
    }

    @Test("short phrase words and stems that change a word's third letter get past the prefix filter", arguments: [
        ("The GPs agreed", ["gp"]), ("our GP's view", ["gp"]), ("the GP’s list", ["gp"]), ("gp", ["gp"]),
        ("flies tipped everywhere", ["fly-tipping"]), ("fly tipping", ["fly-tipping"]),
        ("an x's ray", ["x-ray"]), ("x’s rays", ["x-ray"]), ("A and E", ["a-and-e"]),
        ("GPU units", []), ("flipping", []), ("gaps", []),
    ])
    func shortWords(text: String, expected: [String]) throws {
        let file = try CodebookTests.temporaryFile("GP\nfly tipping\nx ray\nA and E\n")
        let codebook = try CodebookTests.configuration("phrases_file: \(file)").codebook
        let matcher = ThemeMatcher(codebook: codebook)
        #expect(matcher.code(text).themes.map { codebook.themes[Int($0)].id } == expected)
    }

    @Test("several themes in one passage, each once, in codebook order")
    func several() {
        #expect(themes("Trust, data sharing and co-location; trust again.") == ["trust", "data-sharing", "co-location"])
        #expect(matcher.code("Trust, data sharing and co-location; trust again.").hits == [2, 1, 1])
    }

    @Test("the stemmer's steps", arguments: [
        ("families", "family"), ("classes", "class"), ("boxes", "box"), ("services", "servic"), ("leavers", "leaver"),
        ("sharing", "shar"), ("shared", "shar"), ("share", "shar"), ("planned", "plan"), ("staffing", "staff"),
        ("worried", "worry"), ("agreed", "agre"), ("agree", "agre"), ("bus", "bus"), ("gps", "gp"), ("people's", "peopl"),
        ("people’s", "peopl"), ("crisis", "crisis"), ("covid19s", "covid19s"), ("café", "café"), ("need", "need"),
        // A possessive on a word of one or two letters: the word stays as it is (`s's` once read a byte before the word).
        ("s's", "s"), ("s’s", "s"), ("us's", "us"), ("as’s", "as"), ("gp's", "gp"),
    ])
    func stemmer(word: String, stem: String) {
        var bytes = Array(word.utf8)
        let count = bytes.withUnsafeMutableBufferPointer { Stemmer.stem($0.baseAddress!, count: $0.count) }
        #expect(String(decoding: bytes[..<count], as: UTF8.self) == stem)
    }
}
