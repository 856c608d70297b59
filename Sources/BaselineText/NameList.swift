
/// The configured names, ready to find in text.
///
/// A name is one or more words (`Sarah`, `Sarah Okafor`, `van der Berg`), matched word by word
/// and case-insensitively, with one guard: where the list writes a word with a capital, the text
/// must too. So the name `Will` is found in "Will said" and "WILL", but not in "we will".
/// A possessive stays outside the placeholder: "Sarah's" becomes "[name]'s". The longest name
/// that matches at a word wins. A curly apostrophe is the same as a straight one: `O'Brien` in
/// the list finds `O’Brien` as a word processor writes it, and the other way round.
///
/// A name's parts are found alone too (unless turned off): each word of a name of several
/// words that the list capitalises, of two letters or more and not a title (`Dr`, `Ms`…), is
/// redacted wherever it stands alone with a capital in the text — `Margaret` and `Ring` of
/// `Margaret Ring` in "Later Margaret told us" and "Ms Ring" — but never inside another word
/// ("Ringway", "during") nor without its capital ("a ring road"). Parts listed as kept (`Will`,
/// `May`, common words that are also names) are redacted only within the whole name. A part
/// that is an everyday word (`commonWords`: `Green`, `Young`, `Hill`, `Hope`…) is redacted
/// alone only after a title ("Ms Green"): otherwise "Green spaces" and "Young people" lost the
/// words their themes are counted by. After a title a part is a name whatever its case
/// ("Mrs okafor"; `Redactor+Titles` finds any word after a title, listed or not).
struct NameList {
    /// One listed name: its words' ids, and for each word whether the text must capitalise it.
    private struct Name {
        var words: [Int32]
        var capitalised: [Bool]
    }

    /// A word of the text: its id (-1 when not a listed word), its range without a possessive,
    /// and whether it starts with a capital (worked out only for a listed word).
    private typealias Token = (id: Int32, range: Range<Int>, capital: Bool)

    private let words: WordTable
    /// Names by the id of their first word, longest first.
    private let byFirstWord: [Int32: [Name]]
    /// By word id: whether the word is redacted standing alone (a part of a listed name).
    private let isPart: [Bool]
    /// By word id: whether such a part is an everyday word, redacted alone only after a title.
    private let isCommon: [Bool]

    /// Names that are everyday words, lower-cased: as parts, redacted alone only after a title.
    static let commonWords: Set<String> = [
        "green", "young", "hill", "wood", "woods", "park", "hope", "will", "may", "bill", "rose", "grace", "joy", "faith",
        "brown", "white", "black", "gray", "grey", "long", "short", "king", "mark", "rich", "hall", "field", "fields", "lane",
        "bell", "moss", "marsh", "page", "price", "cook", "baker", "fish", "bird", "swan", "dean", "chance", "day", "knight",
        "read", "summer", "winter", "frost", "snow", "stone", "wells", "banks", "brook", "ford", "gates", "miles", "sharp",
        "strong", "sweet", "wise", "little", "hunt", "mason", "hart", "hay", "north", "south", "west", "east", "love", "best",
        "ball", "bond", "case", "cross", "gold", "good", "major", "church", "house", "waters", "street", "bush",
        "lake", "river", "forest", "glass", "law", "money", "power", "care", "home", "friend", "friends", "child", "strange",
        "fair", "hale", "well", "early", "able", "carer", "carers", "new", "old", "dawn", "hunter", "walker", "turner",
        "cooper", "fisher", "gardener", "farmer", "porter", "miller", "ward", "wall", "shepherd", "lamb", "fox",
    ]

    /// Titles written before a name, lower-cased: never redacted alone.
    static let titles: Set<String> = ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
                                      "cllr", "councillor", "rev", "revd", "reverend", "fr", "father", "sister", "brother"]

    init(_ names: [String], nameParts: Bool = true, keptParts: [String] = []) {
        var words = WordTable()
        var byFirstWord = [Int32: [Name]]()
        var parts = [Int32]()
        for name in names {
            var ids = [Int32]()
            var partsOfName = [Int32]()
            var capitalised = [Bool]()
            var text = name
            text.withUTF8 { bytes in
                var scanner = WordScanner(bytes)
                while let range = scanner.next() {
                    let lowered = Self.folded(range, of: bytes)
                    lowered.withUnsafeBufferPointer { ids.append(words.insert($0)) }
                    capitalised.append(Self.startsWithCapital(range, in: bytes))
                    if capitalised.last!, lowered.count > 1, !Self.titles.contains(String(decoding: lowered, as: UTF8.self)) {
                        partsOfName.append(ids.last!)
                    }
                }
            }
            if nameParts, ids.count > 1 { parts += partsOfName }
            guard let first = ids.first else { continue }
            byFirstWord[first, default: []].append(Name(words: ids, capitalised: capitalised))
        }
        var isPart = [Bool](repeating: false, count: words.count)
        for id in parts { isPart[Int(id)] = true }
        var isCommon = [Bool](repeating: false, count: words.count)
        for word in Self.commonWords {
            var word = word
            let id = word.withUTF8 { words.lookup($0) }
            if id >= 0 { isCommon[Int(id)] = true }
        }
        for kept in keptParts {
            var kept = kept
            kept.withUTF8 { bytes in
                var scanner = WordScanner(bytes)
                while let range = scanner.next() {
                    let id = Self.folded(range, of: bytes).withUnsafeBufferPointer { words.lookup($0) }
                    if id >= 0 { isPart[Int(id)] = false }
                }
            }
        }
        self.words = words
        self.byFirstWord = byFirstWord.mapValues { $0.sorted { $0.words.count > $1.words.count } }
        self.isPart = isPart
        self.isCommon = isCommon
    }

    var isEmpty: Bool { byFirstWord.isEmpty }

    /// Adds a span for every listed name in `bytes`.
    func find(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [Redactor.Span]) {
        guard !isEmpty else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { scratch in
            /// The word at `range` as a token.
            func token(_ range: Range<Int>) -> Token {
                let word = Self.withoutPossessive(range, in: bytes)
                guard word.count <= scratch.count else { return (-1, word, false) }
                let count = Self.fold(word, of: bytes, into: scratch)
                let id = words.lookup(UnsafeBufferPointer(rebasing: scratch[..<count]))
                return (id, word, id >= 0 && Self.startsWithCapital(word, in: bytes))
            }
            let ownSpans = found.count
            var scanner = WordScanner(bytes)
            while let range = scanner.next() {
                let first = token(range)
                guard first.id >= 0 else { continue }
                if let name = longestName(from: first, candidates: byFirstWord[first.id] ?? [], after: &scanner, token: token) {
                    found.append(Redactor.Span(range: first.range.lowerBound..<name, kind: .name))
                } else if isPart[Int(first.id)], first.capital && !isCommon[Int(first.id)] || Self.followsTitle(first.range, in: bytes) {
                    // Parts side by side (`Ní Bhriain`) are one name, as the whole name would be.
                    if found.count > ownSpans, let last = found.last, bytes[last.range.upperBound..<first.range.lowerBound].allSatisfy({ $0 == 0x20 }) {
                        found[found.count - 1].range = last.range.lowerBound..<first.range.upperBound
                    } else {
                        found.append(Redactor.Span(range: first.range, kind: .name))
                    }
                }
            }
        }
    }

    /// Whether the word at `range` follows a title (`Ms Green`, `Dr. Young`): the word before it,
    /// past spaces and a full stop, is one of `titles`.
    static func followsTitle(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = range.lowerBound
        while end > 0, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x2E { end -= 1 }
        guard end < range.lowerBound else { return false }
        var start = end
        while start > 0, (0x41...0x5A).contains(bytes[start - 1]) || (0x61...0x7A).contains(bytes[start - 1]) { start -= 1 }
        guard start < end, end - start <= 10 else { return false }
        return titles.contains(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased())
    }

    /// The end of the longest of `candidates` (names starting with the word `first`) that the
    /// words after `first` complete, moving `scanner` past it; `nil` when none does.
    private func longestName(from first: Token, candidates: [Name], after scanner: inout WordScanner, token: (Range<Int>) -> Token) -> Int? {
        names: for name in candidates where first.capital || !name.capitalised[0] {
            var ahead = scanner
            var end = first.range.upperBound
            for (offset, id) in name.words.enumerated().dropFirst() {
                guard let next = ahead.next().map(token), next.id == id, next.capital || !name.capitalised[offset] else { continue names }
                end = next.range.upperBound
            }
            scanner = ahead
            return end
        }
        return nil
    }

    /// Writes the word at `range` into `target` (at least as long) lower-cased — ASCII and the
    /// Latin letters of European names (`Á`, `Ł`, `Ő`: U+00C0–U+017F), so that `SIOBHÁN` finds
    /// `Siobhán` — each curly apostrophe (U+2019) as a straight one; returns the bytes written.
    private static func fold(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, into target: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == 0xE2, index + 2 < range.upperBound, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 {
                target[count] = 0x27
                index += 3
            } else if (0xC3...0xC5).contains(bytes[index]), index + 1 < range.upperBound, bytes[index + 1] & 0xC0 == 0x80 {
                let lowered = latinLowercase(UInt32(bytes[index] & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F))
                target[count] = UInt8(0xC0 | lowered >> 6)
                target[count + 1] = UInt8(0x80 | lowered & 0x3F)
                index += 2
                count += 1
            } else {
                target[count] = WordScanner.lowercase(bytes[index])
                index += 1
            }
            count += 1
        }
        return count
    }

    /// The lower case of a Latin-1 or Latin Extended-A letter (U+00C0–U+017F), or the letter:
    /// `Á` (U+00C1) is `á`, `Ł` (U+0141) `ł`; two bytes in UTF-8 either way.
    static func latinLowercase(_ scalar: UInt32) -> UInt32 {
        switch scalar {
        case 0xC0...0xDE where scalar != 0xD7: return scalar + 0x20
        case 0x100...0x12F, 0x132...0x137, 0x14A...0x177: return scalar | 1
        case 0x139...0x148, 0x179...0x17E: return scalar % 2 == 1 ? scalar + 1 : scalar
        default: return scalar
        }
    }

    /// The word at `range` lower-cased as `fold` writes it.
    private static func folded(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var lowered = [UInt8](repeating: 0, count: range.count)
        let count = lowered.withUnsafeMutableBufferPointer { fold(range, of: bytes, into: $0) }
        lowered.removeLast(range.count - count)
        return lowered
    }

    /// Whether the word at `range` starts with a capital letter, in any script (`Siobhán`,
    /// `Łukasz`, `Ólafur`).
    static func startsWithCapital(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let lead = bytes[range.lowerBound]
        if lead < 0x80 { return lead &- 0x41 < 26 }
        var iterator = UnsafeBufferPointer(rebasing: bytes[range]).makeIterator()
        var decoder = UTF8()
        guard case .scalarValue(let scalar) = decoder.decode(&iterator) else { return false }
        return scalar.properties.isUppercase
    }

    /// The word without a trailing `'s` or `’s`.
    static func withoutPossessive(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let end = range.upperBound
        guard range.count > 2, bytes[end - 1] | 0x20 == 0x73 else { return range }
        if bytes[end - 2] == 0x27 { return range.lowerBound..<(end - 2) }
        if range.count > 4, bytes[end - 2] == 0x99, bytes[end - 3] == 0x80, bytes[end - 4] == 0xE2 { return range.lowerBound..<(end - 4) }
        return range
    }
}
