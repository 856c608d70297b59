import BaselineText
import Foundation

/// A codebook compiled for speed: one pass over a text's words codes it to every theme at once,
/// rather than one regular expression per theme.
///
/// Every phrase word is stemmed and given an id in a `WordTable`; phrases (and exclusions) are
/// paths in a trie over word ids. A text is scanned once, byte by byte: each word is lowered,
/// stemmed and looked up (most words are in no phrase and cost one hash probe), and the trie is
/// walked only from words that start a phrase. Inline codes (`#care-leavers`) are found with
/// `memchr`.
final class ThemeMatcher {
    /// What one text was coded to.
    struct Coding {
        /// Theme indices, ascending, broader themes of every match included.
        var themes: [Int32] = []
        /// Per theme in `themes`, how many phrase matches or inline codes it had (0 for a broader
        /// theme added through a narrower one).
        var hits: [Int32] = []
        /// Inline codes that name no theme.
        var unknownCodes: [String] = []
    }

    /// One end of a trie path: a phrase (or exclusion) of a theme.
    private struct Output {
        var theme: Int32
        var exclusion: Bool
    }

    /// A phrase match in a text, in word positions.
    private struct Match {
        var theme: Int32
        var start: Int32
        var end: Int32
        var exclusion: Bool
    }

    private let words = WordTable()
    private let codes = WordTable()
    private var codeThemes = [Int32]()
    /// Trie edges: `state << 32 | word` → next state. State 0 is the root.
    private var edges = [UInt64: Int32]()
    /// Per state, the phrases that end there.
    private var outputs: [[Output]] = [[]]
    /// Per word id, whether some phrase starts with it.
    private var starts = [Bool]()
    /// Per theme, its broader themes, nearest first.
    private let ancestors: [[Int32]]

    // Reused per text.
    private var ids = [Int32]()
    private var matches = [Match]()
    private var hitCounts: [Int32]
    private var touched = [Int32]()
    private let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: ThemeMatcher.longestWord)

    /// Words longer than this (in bytes) are in no phrase.
    static let longestWord = 64

    /// Compiles `codebook`.
    init(codebook: Codebook) {
        hitCounts = Array(repeating: 0, count: codebook.themes.count)
        let index = Dictionary(uniqueKeysWithValues: codebook.themes.enumerated().map { ($1.id, Int32($0)) })
        ancestors = codebook.themes.map { theme in
            var chain = [Int32]()
            var parent = theme.parent
            while let id = parent, let position = index[id] {
                chain.append(position)
                parent = codebook.themes[Int(position)].parent
            }
            return chain
        }
        for (position, theme) in codebook.themes.enumerated() {
            for phrase in theme.phrases { add(phrase, Output(theme: Int32(position), exclusion: false)) }
            for phrase in theme.exclusions { add(phrase, Output(theme: Int32(position), exclusion: true)) }
            var code = Self.codeForm(theme.id)
            code.withUTF8 { bytes in
                if codes.insert(bytes) == Int32(codeThemes.count) { codeThemes.append(Int32(position)) }
            }
        }
    }

    deinit {
        scratch.deallocate()
    }

    private func add(_ phrase: String, _ output: Output) {
        var state: Int32 = 0
        var text = phrase
        var first = true
        text.withUTF8 { bytes in
            var scanner = WordScanner(bytes)
            while let range = scanner.next() {
                let word = stemmedWord(bytes, range).map { words.insert($0) } ?? words.insert(UnsafeBufferPointer(rebasing: bytes[range]))
                if first {
                    while starts.count < words.count { starts.append(false) }
                    starts[Int(word)] = true
                    first = false
                }
                let key = UInt64(UInt32(state)) << 32 | UInt64(UInt32(word))
                if let next = edges[key] {
                    state = next
                } else {
                    let next = Int32(outputs.count)
                    outputs.append([])
                    edges[key] = next
                    state = next
                }
            }
        }
        while starts.count < words.count { starts.append(false) }
        if state != 0 { outputs[Int(state)].append(output) }
    }

    /// The lower-cased, stemmed form of `bytes[range]` in `scratch`, or `nil` when the word is
    /// too long to be in a phrase.
    @inline(__always)
    private func stemmedWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UnsafeBufferPointer<UInt8>? {
        guard range.count <= Self.longestWord else { return nil }
        var offset = 0
        for index in range {
            scratch[offset] = WordScanner.lowercase(bytes[index])
            offset += 1
        }
        return UnsafeBufferPointer(start: scratch, count: Stemmer.stem(scratch, count: offset))
    }

    /// The form inline codes are compared in: lower case, `_` as `-`.
    static func codeForm(_ code: String) -> String {
        String(code.lowercased().map { $0 == "_" ? "-" : $0 })
    }

    // MARK: - Coding

    /// Codes `text`.
    func code(_ text: String) -> Coding {
        var text = text
        return text.withUTF8 { code($0) }
    }

    private func code(_ bytes: UnsafeBufferPointer<UInt8>) -> Coding {
        ids.removeAll(keepingCapacity: true)
        matches.removeAll(keepingCapacity: true)
        var anyStart = false
        var scanner = WordScanner(bytes)
        while let range = scanner.next() {
            var id: Int32 = -1
            if let word = stemmedWord(bytes, range) {
                id = words.lookup(word)
                if id >= 0, starts[Int(id)] { anyStart = true }
            }
            ids.append(id)
        }
        if anyStart { findPhrases() }
        let hasExclusions = matches.contains { $0.exclusion }
        for match in matches where !match.exclusion {
            if hasExclusions, matches.contains(where: {
                $0.exclusion && $0.theme == match.theme && $0.start <= match.start && $0.end >= match.end
            }) {
                continue
            }
            hit(match.theme)
        }
        var coding = Coding()
        if bytes.count > 1, memchr(bytes.baseAddress!, 0x23, bytes.count) != nil {
            findCodes(bytes, unknown: &coding.unknownCodes)
        }
        guard !touched.isEmpty else { return coding }
        touched.sort()
        for theme in touched {
            coding.themes.append(theme)
            coding.hits.append(hitCounts[Int(theme)])
            hitCounts[Int(theme)] = 0
        }
        touched.removeAll(keepingCapacity: true)
        addAncestors(&coding)
        return coding
    }

    @inline(__always)
    private func hit(_ theme: Int32) {
        if hitCounts[Int(theme)] == 0 { touched.append(theme) }
        hitCounts[Int(theme)] += 1
    }

    private func findPhrases() {
        let count = ids.count
        ids.withUnsafeBufferPointer { ids in
            for start in 0..<count {
                let first = ids[start]
                guard first >= 0, starts[Int(first)] else { continue }
                var state: Int32 = 0
                var position = start
                while position < count, ids[position] >= 0,
                      let next = edges[UInt64(UInt32(state)) << 32 | UInt64(UInt32(ids[position]))] {
                    state = next
                    position += 1
                    for output in outputs[Int(state)] {
                        matches.append(Match(theme: output.theme, start: Int32(start), end: Int32(position), exclusion: output.exclusion))
                    }
                }
            }
        }
    }

    /// `#code` at the start of a word: letters, digits, `-` and `_` after a `#` that follows a
    /// space, a bracket or the start of the text.
    private func findCodes(_ bytes: UnsafeBufferPointer<UInt8>, unknown: inout [String]) {
        var from = 0
        while from < bytes.count, let found = memchr(bytes.baseAddress! + from, 0x23, bytes.count - from) {
            let at = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
            from = at + 1
            guard at == 0 || bytes[at - 1] == 0x20 || bytes[at - 1] == 0x28 || bytes[at - 1] == 0x5B || bytes[at - 1] == 0x09,
                  at + 1 < bytes.count, (bytes[at + 1] | 0x20) &- 0x61 < 26 else { continue }
            var end = at + 1
            while end < bytes.count, WordScanner.isASCIIWord(bytes[end]) || bytes[end] == 0x2D { end += 1 }
            while bytes[end - 1] == 0x2D { end -= 1 }
            let form = bytes[(at + 1)..<end].map { $0 == 0x5F ? 0x2D : WordScanner.lowercase($0) }
            let code = form.withUnsafeBufferPointer { codes.lookup($0) }
            if code >= 0 {
                hit(codeThemes[Int(code)])
            } else {
                unknown.append("#" + String(decoding: form, as: UTF8.self))
            }
            from = end
        }
    }

    /// Adds the broader themes of every coded theme, keeping the list ascending.
    private func addAncestors(_ coding: inout Coding) {
        let direct = coding.themes
        for theme in direct {
            for ancestor in ancestors[Int(theme)] where !coding.themes.contains(ancestor) {
                let position = coding.themes.firstIndex { $0 > ancestor } ?? coding.themes.count
                coding.themes.insert(ancestor, at: position)
                coding.hits.insert(0, at: position)
            }
        }
    }

    /// Whether theme `a` is a broader or narrower theme of `b`.
    func related(_ a: Int32, _ b: Int32) -> Bool {
        ancestors[Int(a)].contains(b) || ancestors[Int(b)].contains(a)
    }
}
