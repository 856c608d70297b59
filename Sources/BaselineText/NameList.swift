
/// The configured names, ready to find in text.
///
/// A name is one or more words (`Sarah`, `Sarah Okafor`, `van der Berg`), matched word by word
/// and case-insensitively, with one guard: where the list writes a word with a capital, the text
/// must too. So the name `Will` is found in "Will said" and "WILL", but not in "we will".
/// A possessive stays outside the placeholder: "Sarah's" becomes "[name]'s". The longest name
/// that matches at a word wins. A curly apostrophe is the same as a straight one: `O'Brien` in
/// the list finds `O’Brien` as a word processor writes it, and the other way round.
struct NameList {
    /// One listed name: its words' ids, and for each word whether the text must capitalise it.
    private struct Name {
        var words: [Int32]
        var capitalised: [Bool]
    }

    private let words: WordTable
    /// Names by the id of their first word, longest first.
    private let byFirstWord: [Int32: [Name]]

    init(_ names: [String]) {
        var words = WordTable()
        var byFirstWord = [Int32: [Name]]()
        for name in names {
            var ids = [Int32]()
            var capitalised = [Bool]()
            var text = name
            text.withUTF8 { bytes in
                var scanner = WordScanner(bytes)
                while let range = scanner.next() {
                    var lowered = [UInt8](repeating: 0, count: range.count)
                    let count = lowered.withUnsafeMutableBufferPointer { Self.fold(range, of: bytes, into: $0) }
                    lowered.removeLast(range.count - count)
                    lowered.withUnsafeMutableBufferPointer { ids.append(words.insert(UnsafeBufferPointer($0))) }
                    capitalised.append(bytes[range.lowerBound] &- 0x41 < 26)
                }
            }
            guard let first = ids.first else { continue }
            byFirstWord[first, default: []].append(Name(words: ids, capitalised: capitalised))
        }
        self.words = words
        self.byFirstWord = byFirstWord.mapValues { $0.sorted { $0.words.count > $1.words.count } }
    }

    var isEmpty: Bool { byFirstWord.isEmpty }

    /// Adds a span for every listed name in `bytes`.
    func find(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [Redactor.Span]) {
        guard !isEmpty else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { scratch in
            /// The word's id (-1 when not a listed word), its range without a possessive, and
            /// whether it starts with a capital.
            func token(_ range: Range<Int>) -> (id: Int32, range: Range<Int>, capital: Bool) {
                let word = Self.withoutPossessive(range, in: bytes)
                guard word.count <= scratch.count else { return (-1, word, false) }
                let count = Self.fold(word, of: bytes, into: scratch)
                return (words.lookup(UnsafeBufferPointer(rebasing: scratch[..<count])), word, bytes[word.lowerBound] &- 0x41 < 26)
            }
            var scanner = WordScanner(bytes)
            while let range = scanner.next() {
                let first = token(range)
                guard first.id >= 0, let candidates = byFirstWord[first.id] else { continue }
                for name in candidates where first.capital || !name.capitalised[0] {
                    var ahead = scanner
                    var end = first.range.upperBound
                    var matched = true
                    for (offset, id) in name.words.enumerated().dropFirst() {
                        guard let next = ahead.next().map(token), next.id == id, next.capital || !name.capitalised[offset] else {
                            matched = false
                            break
                        }
                        end = next.range.upperBound
                    }
                    if matched {
                        found.append(Redactor.Span(range: first.range.lowerBound..<end, kind: .name))
                        scanner = ahead
                        break
                    }
                }
            }
        }
    }

    /// Writes the word at `range` into `target` (at least as long) lower-cased, each curly
    /// apostrophe (U+2019) as a straight one; returns the bytes written.
    private static func fold(_ range: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>, into target: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = range.lowerBound
        while index < range.upperBound {
            if bytes[index] == 0xE2, index + 2 < range.upperBound, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 {
                target[count] = 0x27
                index += 3
            } else {
                target[count] = WordScanner.lowercase(bytes[index])
                index += 1
            }
            count += 1
        }
        return count
    }

    /// The word without a trailing `'s` or `’s`.
    private static func withoutPossessive(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        let end = range.upperBound
        guard range.count > 2, bytes[end - 1] | 0x20 == 0x73 else { return range }
        if bytes[end - 2] == 0x27 { return range.lowerBound..<(end - 2) }
        if range.count > 4, bytes[end - 2] == 0x99, bytes[end - 3] == 0x80, bytes[end - 4] == 0xE2 { return range.lowerBound..<(end - 4) }
        return range
    }
}
