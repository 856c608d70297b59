import Foundation

/// What a redaction replaced: each kind has its own placeholder in the text.
public enum RedactionKind: String, Sendable, CaseIterable, Codable {
    /// An e-mail address.
    case email
    /// A UK phone number (national `0…` or international `+44…`).
    case phone
    /// A checksum-valid NHS number.
    case nhsNumber = "nhs-number"
    /// A full UK postcode.
    case postcode
    /// A street address with its house number (`14 Acacia Avenue`, `Flat 3, 22 Mill Lane`).
    case address
    /// A name from the configured list, or one word of it alone (`Margaret`, `Ms Ring`), or
    /// the name after a title, listed or not (`Mrs okafor`).
    case name

    /// The text that takes the identifier's place: `[email]`, `[nhs-number]`…
    public var placeholder: String { "[\(rawValue)]" }
}

/// Finds personal identifiers in text and replaces them with placeholders: the engine of the
/// `redact` stage, and the last check `code-themes` runs on every quote it keeps.
///
/// It works on the UTF-8 bytes of the text and returns the same `String` untouched when it
/// finds nothing, which is the common case; only a text with a hit is rebuilt.
public final class Redactor {
    private let names: NameList

    /// A redactor for the structural kinds and the names in `names` (one name per entry, each
    /// one or more words). With `nameParts` (the default) each capitalised word of a name of
    /// several words is redacted alone too (`Margaret` and `Ring` of `Margaret Ring`), except
    /// the words in `keptNameParts` (`Will`, `May`: common words that are also names).
    public init(names: [String] = [], nameParts: Bool = true, keptNameParts: [String] = []) {
        self.names = NameList(names, nameParts: nameParts, keptParts: keptNameParts)
    }

    /// `text` with every identifier replaced, counting each replacement in `counts`.
    public func redact(_ text: String, counts: inout [RedactionKind: Int]) -> String {
        redactedIfChanged(text, counts: &counts) ?? text
    }

    /// `text` with every identifier replaced, or `nil` when it has none.
    public func redactedIfChanged(_ text: String, counts: inout [RedactionKind: Int]) -> String? {
        var text = text
        return text.withUTF8 { bytes in
            let spans = self.spans(in: bytes)
            guard !spans.isEmpty else { return nil }
            for span in spans { counts[span.kind, default: 0] += 1 }
            return Self.replacing(spans, in: bytes)
        }
    }

    /// `bytes` with each span replaced by its placeholder.
    private static func replacing(_ spans: [Span], in bytes: UnsafeBufferPointer<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var cursor = 0
        for span in spans {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor..<span.range.lowerBound]))
            out.append(contentsOf: span.kind.placeholder.utf8)
            cursor = span.range.upperBound
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor...]))
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` with every identifier replaced.
    public func redact(_ text: String) -> String {
        var ignored = [RedactionKind: Int]()
        return redact(text, counts: &ignored)
    }

    /// `path` with every identifier in it replaced, for a file's name shown in the outputs (a
    /// council names an interview's notes after the person): as `redact`, with `_` read as a
    /// space between words, as file names use it (`2025-03-04_interview_Tom_Reeves.txt` →
    /// `2025-03-04_interview_[name].txt`).
    public func redactingPath(_ path: String) -> String {
        let original = Array(path.utf8)
        let spaced = original.map { $0 == 0x5F ? 0x20 : $0 }
        let spans = spaced.withUnsafeBufferPointer { self.spans(in: $0) }
        guard !spans.isEmpty else { return path }
        return original.withUnsafeBufferPointer { Self.replacing(spans, in: $0) }
    }

    // MARK: - Finding identifiers

    /// A stretch of text to replace.
    struct Span {
        var range: Range<Int>
        var kind: RedactionKind
    }

    /// The non-overlapping identifiers in `bytes`, in order. Where two overlap (a listed name
    /// inside an e-mail address), the one that starts first wins, then the longer.
    func spans(in bytes: UnsafeBufferPointer<UInt8>) -> [Span] {
        var found = [Span]()
        findEmails(in: bytes, into: &found)
        if bytes.contains(where: { $0 &- 0x30 < 10 }) {
            findNumbersAndPostcodes(in: bytes, into: &found)
        }
        names.find(in: bytes, into: &found)
        findTitledNames(in: bytes, into: &found)
        guard found.count > 1 else { return found }
        found.sort { $0.range.lowerBound < $1.range.lowerBound || ($0.range.lowerBound == $1.range.lowerBound && $0.range.count > $1.range.count) }
        var kept = [Span]()
        for span in found where kept.last.map({ $0.range.upperBound <= span.range.lowerBound }) ?? true {
            kept.append(span)
        }
        return kept
    }

    /// `local@domain.tld`: the local part is letters, digits and `._%+-'`; the domain has at
    /// least one dot and ends in two or more letters.
    private func findEmails(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [Span]) {
        guard let base = bytes.baseAddress else { return }
        var from = 0
        while from < bytes.count, let hit = memchr(base + from, 0x40, bytes.count - from) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            from = at + 1
            var start = at
            while start > 0, Self.isLocalPart(bytes[start - 1]) { start -= 1 }
            var end = at + 1
            while end < bytes.count, WordScanner.isASCIIWord(bytes[end]) || bytes[end] == 0x2E || bytes[end] == 0x2D { end += 1 }
            while end > at + 1, bytes[end - 1] == 0x2E || bytes[end - 1] == 0x2D { end -= 1 }
            guard start < at, let lastDot = (at + 1..<end).last(where: { bytes[$0] == 0x2E }), lastDot > at + 1, end - lastDot > 2,
                  (lastDot + 1..<end).allSatisfy({ (bytes[$0] | 0x20) &- 0x61 < 26 }) else { continue }
            found.append(Span(range: start..<end, kind: .email))
            from = end
        }
    }

    private static func isLocalPart(_ byte: UInt8) -> Bool {
        WordScanner.isASCIIWord(byte) || byte == 0x2E || byte == 0x25 || byte == 0x2B || byte == 0x2D || byte == 0x27
    }

    /// Phone numbers and NHS numbers start at a digit, `+` or `(`; street addresses at a digit
    /// that is no phone or NHS number; postcodes at a letter. All must start a word (not follow a
    /// letter or digit) and end one.
    private func findNumbersAndPostcodes(in bytes: UnsafeBufferPointer<UInt8>, into found: inout [Span]) {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            let startsWord = index == 0 || !Self.isAlphanumeric(bytes[index - 1])
            if startsWord, byte &- 0x30 < 10 || byte == 0x2B || byte == 0x28,
               index == 0 || (bytes[index - 1] != 0x2E && bytes[index - 1] != 0x2C),
               let span = Self.number(in: bytes, at: index) {
                found.append(span)
                index = span.range.upperBound
            } else if startsWord, byte &- 0x30 < 10, let span = Self.address(in: bytes, at: index) {
                found.append(span)
                index = span.range.upperBound
            } else if startsWord, (byte | 0x20) &- 0x61 < 26, let span = Self.postcode(in: bytes, at: index) {
                found.append(span)
                index = span.range.upperBound
            } else {
                index += 1
            }
        }
    }

    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
    }
}
