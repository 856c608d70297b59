import BaselineText

/// Turns a coded passage into the text of a quote: redacted first (so that cutting it short can
/// never leave part of an identifier behind), inline codes taken out, spaces tidied, and cut at
/// a word when it is too long.
enum QuoteText {
    /// The quote for `text`.
    static func make(_ text: String, redactor: Redactor, maxLength: Int) -> String {
        let redacted = redactor.redact(text)
        var (words, length) = redacted.utf8.allSatisfy({ $0 < 0x80 })
            ? asciiWords(of: redacted, upTo: maxLength) : words(of: redacted, upTo: maxLength)
        guard length > maxLength else { return words.joined(separator: " ") }
        while length > maxLength - 1, words.count > 1 {
            length -= words.removeLast().count + 1
        }
        var quote = words.joined(separator: " ")
        if quote.count > maxLength - 1 { quote = String(quote.prefix(maxLength - 1)) }
        while let last = quote.last, last.isPunctuation, last != ")" && last != "]" { quote.removeLast() }
        return quote + "…"
    }

    /// A passage too long to quote whole, begun at its first sentence `matches` accepts (the
    /// sentence where the theme's phrase is), after a `…`, so that cutting it short keeps the
    /// phrase the quote is there for; the passage as it is when it fits, or its first sentence
    /// already matches.
    static func focused(_ text: String, maxLength: Int, matches: (String) -> Bool) -> String {
        guard text.count > maxLength else { return text }
        let sentences = sentences(of: text)
        guard let first = sentences.firstIndex(where: { matches(String($0)) }), first > 0 else { return text }
        return "…" + sentences[first...].joined(separator: " ")
    }

    /// The sentences of a passage: split after `.`, `?` or `!` followed by a space.
    static func sentences(of text: String) -> [Substring] {
        var out = [Substring](), start = text.startIndex, index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if ".?!".contains(text[index]), next < text.endIndex, text[next].isWhitespace {
                out.append(text[start...index])
                start = text[next...].firstIndex { !$0.isWhitespace } ?? text.endIndex
                index = start
                continue
            }
            index = next
        }
        if start < text.endIndex { out.append(text[start...]) }
        return out
    }

    /// The words of `text` that are not inline codes, up to the first that makes the quote
    /// longer than `maxLength` (a space between words), with the quote's length in characters
    /// less one: the words past it would be cut anyway, and a passage of megabytes costs no
    /// split of every word.
    static func words(of text: String, upTo maxLength: Int) -> (words: [Substring], length: Int) {
        var words = [Substring]()
        var length = -1
        var rest = text[...]
        while length <= maxLength, let start = rest.firstIndex(where: { !$0.isWhitespace }) {
            let end = rest[start...].firstIndex(where: \.isWhitespace) ?? rest.endIndex
            let word = rest[start..<end]
            rest = rest[end...]
            guard !isInlineCode(word) else { continue }
            words.append(word)
            length += word.count + 1
        }
        return (words, length)
    }

    /// `words(of:upTo:)` for a text all ASCII, from its bytes: each character is then one byte
    /// (CR LF, one character of two bytes, is whitespace either way) and the whitespace is
    /// tab, LF, VT, FF, CR and space. Walking characters was most of making a quote.
    static func asciiWords(of text: String, upTo maxLength: Int) -> (words: [Substring], length: Int) {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        let utf8 = text.utf8
        var words = [Substring]()
        var length = -1
        var index = utf8.startIndex
        while length <= maxLength {
            while index < utf8.endIndex, isSpace(utf8[index]) { utf8.formIndex(after: &index) }
            guard index < utf8.endIndex else { break }
            let start = index
            while index < utf8.endIndex, !isSpace(utf8[index]) { utf8.formIndex(after: &index) }
            let word = text[start..<index]
            guard !isInlineCode(word) else { continue }
            words.append(word)
            length += utf8.distance(from: start, to: index) + 1
        }
        return (words, length)
    }

    /// `#care-leavers`, possibly in brackets or followed by punctuation.
    private static func isInlineCode(_ word: Substring) -> Bool {
        // Without a `#` there is no code: most words are decided without walking their characters.
        guard word.utf8.contains(UInt8(ascii: "#")) else { return false }
        var word = word
        while let first = word.first, first == "(" || first == "[" { word.removeFirst() }
        while let last = word.last, last.isPunctuation { word.removeLast() }
        guard word.first == "#", word.count > 1, word.dropFirst().first!.isLetter else { return false }
        return word.dropFirst().allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }
}
