/// Names after a title: `Mrs okafor`, `Dr. o'neill`, `Mrs smith-jones`, `Cllr Jane Smith`.
///
/// After a title the next word is a name, whatever its case and whether or not it is listed:
/// notes are typed fast, and a surname written in lower case after "Mrs" reached the workshop
/// brief. The title stays (`Mrs [name]`), as it does for a listed name.
///
/// - A title is one of `titles`, written with a capital and then lower case (`Mrs`, `Dr`, with
///   or without a full stop): `MS` is multiple sclerosis, `dr` may be a street's "Drive".
/// - The name is the word after it, past spaces (or straight after a full stop when it starts
///   with a capital: `Dr.Kowalski`), and any words joined to it by a hyphen; then up
///   to two more words that start with a capital (`Dr Jane Smith`, `Mr J Patel`), so that a first
///   name does not leave the surname behind it. A possessive stays outside (`Mrs [name]'s`).
/// - No name: a word that is no name at all (`notNames`: "Miss the bus", "Dr Who"), a word
///   that does not start with a letter, and the phrases in `notNamesAfter` (`Mr Men`).
/// - `Miss`, `Sir` and `Dame` are everyday words too ("Miss lunch and…"): after them only a word
///   with a capital is a name (a listed name's words are found in any case after any title by
///   `NameList`).
extension Redactor {
    /// The titles, lower-cased.
    static let titles: Set<String> = ["mr", "mrs", "ms", "mx", "miss", "dr", "prof", "professor", "cllr", "councillor",
                                      "rev", "revd", "reverend", "sir", "dame"]

    /// Titles that are everyday words too: a name after them must have its capital.
    static let wordTitles: Set<String> = ["miss", "sir", "dame"]

    /// Words that are not names, lower-cased: what follows a title-like word in ordinary
    /// sentences ("Miss the bus", "Dr Who", "Sir, I…"), and what ends a run of capitalised words.
    static let notNames: Set<String> = [
        "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "for", "with", "by", "from", "into", "about",
        "out", "up", "off", "over", "as", "so", "if", "then", "than", "too", "also", "not", "no", "all",
        "who", "whom", "whose", "which", "what", "when", "where", "why", "how", "that", "this", "these", "those",
        "is", "was", "are", "were", "be", "been", "has", "had", "have", "will", "would", "can", "could", "should", "may",
        "might", "must", "did", "does", "do", "said", "says", "say", "told",
        "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they", "them", "their",
    ]

    /// A title and the word after it that together are no person: `Mr Men` (the books).
    static let notNamesAfter: Set<String> = ["mr men"]

    /// Adds a span for the name after each title in `bytes`.
    func findTitledNames(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [Span]) {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            // Every title starts with one of these capitals, at the start of a word.
            guard byte == 0x4D || byte == 0x44 || byte == 0x50 || byte == 0x43 || byte == 0x52 || byte == 0x53,
                  index == 0 || !WordScanner.isASCIIWord(bytes[index - 1]) && bytes[index - 1] < 0x80 else {
                index += 1
                continue
            }
            var end = index + 1
            while end < count, bytes[end] &- 0x61 < 26 { end += 1 }
            defer { index = end }
            // The word ends there: at the end, ASCII punctuation or a space, or a no-break space.
            guard end - index >= 2, end - index <= 10,
                  end == count || bytes[end] < 0x80 && !WordScanner.isASCIIWord(bytes[end])
                      || bytes[end] == 0xC2 && end + 1 < count && bytes[end + 1] == 0xA0 else { continue }
            let title = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self).lowercased()
            guard Self.titles.contains(title), let span = nameAfterTitle(title, endingAt: end, in: bytes) else { continue }
            found.append(span)
            end = span.range.upperBound
        }
    }

    /// The name after the title `title` that ends at `end`, if one follows it.
    private func nameAfterTitle(_ title: String, endingAt end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Span? {
        var start = end
        let stopped = start < bytes.count && bytes[start] == 0x2E
        if stopped { start += 1 }
        // Spaces, a no-break space among them (word processors put one after a title).
        let spaces = start
        while start < bytes.count, start - spaces < 3 {
            if bytes[start] == 0x20 {
                start += 1
            } else if bytes[start] == 0xC2, start + 1 < bytes.count, bytes[start + 1] == 0xA0 {
                start += 2
            } else {
                break
            }
        }
        // No space only after a full stop and before a capital: `Dr.Kowalski`.
        guard start < bytes.count, start > spaces || stopped && bytes[start] &- 0x41 < 26 else { return nil }
        var scanner = WordScanner(bytes)
        scanner.position = start
        guard let first = scanner.next(), first.lowerBound == start, Self.startsWithLetter(first, in: bytes) else { return nil }
        let word = Self.lowered(first, in: bytes)
        guard !Self.notNames.contains(word), !Self.notNamesAfter.contains(title + " " + word),
              !Self.wordTitles.contains(title) || NameList.startsWithCapital(first, in: bytes) else { return nil }
        var name = hyphenated(from: first, scanner: &scanner, in: bytes)
        // A first name and a middle name or initial do not leave the surname behind.
        for _ in 0..<2 {
            var ahead = scanner
            guard name.upperBound < bytes.count, bytes[name.upperBound] == 0x20, let next = ahead.next(), next.lowerBound == name.upperBound + 1,
                  NameList.startsWithCapital(next, in: bytes), !Self.notNames.contains(Self.lowered(next, in: bytes)) else { break }
            scanner = ahead
            name = name.lowerBound..<hyphenated(from: next, scanner: &scanner, in: bytes).upperBound
        }
        return Span(range: name.lowerBound..<NameList.withoutPossessive(name.lowerBound..<name.upperBound, in: bytes).upperBound, kind: .name)
    }

    /// The word `word` with the words joined to it by hyphens (`smith-jones`), moving `scanner`
    /// past them.
    private func hyphenated(from word: Range<Int>, scanner: inout WordScanner, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var end = word.upperBound
        while end + 1 < bytes.count, bytes[end] == 0x2D {
            var ahead = scanner
            guard let next = ahead.next(), next.lowerBound == end + 1, Self.startsWithLetter(next, in: bytes) else { break }
            scanner = ahead
            end = next.upperBound
        }
        return word.lowerBound..<end
    }

    private static func startsWithLetter(_ word: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let lead = bytes[word.lowerBound]
        return lead >= 0x80 || (lead | 0x20) &- 0x61 < 26
    }

    private static func lowered(_ word: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[word]), as: UTF8.self).lowercased()
    }
}
