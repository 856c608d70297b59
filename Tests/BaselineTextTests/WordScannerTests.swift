import BaselineText
import Testing

/// What a word is, and the byte-keyed word table.
struct WordScannerTests {
    /// The words of `text`, as strings.
    func words(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var scanner = WordScanner(bytes)
            var found = [String]()
            while let range = scanner.next() { found.append(String(decoding: bytes[range], as: UTF8.self)) }
            return found
        }
    }

    @Test("words are letters, digits and _; punctuation separates them", arguments: [
        ("Trust, data-sharing & co-location.", ["Trust", "data", "sharing", "co", "location"]),
        ("A&E at 2am; MB4 7QT", ["A", "E", "at", "2am", "MB4", "7QT"]),
        ("snake_case stays whole", ["snake_case", "stays", "whole"]),
        ("", []),
        ("  ...  ", []),
    ])
    func ascii(text: String, expected: [String]) {
        #expect(words(text) == expected)
    }

    @Test("an apostrophe inside a word belongs to it; quotes around a word do not")
    func apostrophes() {
        #expect(words("people's don’t") == ["people's", "don’t"])
        #expect(words("'quoted' ‘curly’ “double”") == ["quoted", "curly", "double"])
        #expect(words("rock 'n' roll") == ["rock", "n", "roll"])
        #expect(words("partners'") == ["partners"])
    }

    @Test("non-ASCII letters are word characters; Unicode punctuation and symbols separate")
    func unicode() {
        #expect(words("café naïve Zoë") == ["café", "naïve", "Zoë"])
        #expect(words("co–location — yes… £2,000 «ok» 3×4") == ["co", "location", "yes", "2", "000", "ok", "3", "4"])
        #expect(words("no\u{00A0}break") == ["no", "break"])
        #expect(words("\u{FEFF}start") == ["start"])
    }

    @Test("a truncated multi-byte character at the end does not run past the text")
    func truncated() {
        let bytes: [UInt8] = Array("ok ".utf8) + [0xE2, 0x80]
        let found = bytes.withUnsafeBufferPointer { buffer -> [Range<Int>] in
            var scanner = WordScanner(buffer)
            var ranges = [Range<Int>]()
            while let range = scanner.next() { ranges.append(range) }
            return ranges
        }
        #expect(found == [0..<2])
    }

    @Test("the word table gives ids in order, finds them again, and grows")
    func table() {
        var table = WordTable()
        let words = (0..<1000).map { "word\($0)" }
        for (index, word) in words.enumerated() {
            #expect(table.insert(word) == Int32(index))
        }
        #expect(table.insert("word7") == 7)
        #expect(table.count == 1000)
        for (index, word) in words.enumerated() {
            var word = word
            #expect(word.withUTF8 { table.lookup($0) } == Int32(index))
        }
        var missing = "word1000"
        #expect(missing.withUTF8 { table.lookup($0) } == -1)
        #expect(table.word(42) == "word42")
    }

    @Test("ASCII case folding touches letters only")
    func lowercase() {
        #expect(Array("AZaz09_[@".utf8).map(WordScanner.lowercase) == Array("azaz09_[@".utf8))
        #expect(WordScanner.lowercase(0xC3) == 0xC3)
    }
}
