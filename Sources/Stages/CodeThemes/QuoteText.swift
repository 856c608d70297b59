import BaselineText

/// Turns a coded passage into the text of a quote: redacted first (so that cutting it short can
/// never leave part of an identifier behind), inline codes taken out, spaces tidied, and cut at
/// a word when it is too long.
enum QuoteText {
    /// The quote for `text`.
    static func make(_ text: String, redactor: Redactor, maxLength: Int) -> String {
        let redacted = redactor.redact(text)
        // The words up to the first that makes the quote too long, not all of them: the words
        // past it would be cut anyway, and a passage of megabytes costs no split of every word.
        var words = [Substring]()
        var length = -1
        var rest = redacted[...]
        while length <= maxLength, let start = rest.firstIndex(where: { !$0.isWhitespace }) {
            let end = rest[start...].firstIndex(where: \.isWhitespace) ?? rest.endIndex
            let word = rest[start..<end]
            rest = rest[end...]
            guard !isInlineCode(word) else { continue }
            words.append(word)
            length += word.count + 1
        }
        guard length > maxLength else { return words.joined(separator: " ") }
        while length > maxLength - 1, words.count > 1 {
            length -= words.removeLast().count + 1
        }
        var quote = words.joined(separator: " ")
        if quote.count > maxLength - 1 { quote = String(quote.prefix(maxLength - 1)) }
        while let last = quote.last, last.isPunctuation, last != ")" && last != "]" { quote.removeLast() }
        return quote + "…"
    }

    /// `#care-leavers`, possibly in brackets or followed by punctuation.
    private static func isInlineCode(_ word: Substring) -> Bool {
        var word = word
        while let first = word.first, first == "(" || first == "[" { word.removeFirst() }
        while let last = word.last, last.isPunctuation { word.removeLast() }
        guard word.first == "#", word.count > 1, word.dropFirst().first!.isLetter else { return false }
        return word.dropFirst().allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }
}
