import BaselineSchema
import BaselineText
import Foundation

/// A codebook compiled for speed: one pass over a text's words codes it to every theme at once,
/// rather than one regular expression per theme.
///
/// Every phrase word is stemmed and given an id in a `WordTable`; phrases (and exclusions) are
/// paths in a trie over word ids. A text is scanned once, byte by byte: each word is lowered,
/// stemmed and looked up (most words are in no phrase, and a filter on their first bytes turns
/// them away before any of that), and the trie is walked along with the scan from every word
/// that starts a phrase. Inline codes
/// (`#care-leavers`) are found with `memchr`. The compiled tables are immutable; only a few
/// small buffers are reused from text to text.
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
    private struct Output: Equatable {
        var theme: Int32
        var exclusion: Bool
    }

    /// A phrase match in a text, in word positions (kept only when exclusions must be checked).
    private struct Match {
        var theme: Int32
        var start: Int32
        var end: Int32
        var exclusion: Bool
    }

    /// The compiled codebook.
    private struct Tables {
        var words = WordTable()
        var codes = WordTable()
        /// Per inline code id, its theme.
        var codeThemes = [Int32]()
        /// Trie edges: `state << 32 | word` → next state. State 0 is the root.
        var edges = [UInt64: Int32]()
        /// Per state, the phrases that end there, and whether any phrase goes on from it.
        var outputs: [[Output]] = [[]]
        var continues: [Bool] = [false]
        /// Per word id, whether some phrase starts with it.
        var starts = [Bool]()
        /// A filter that spares most words of a text the stemming and hashing: a word whose
        /// first three bytes (lower-cased, five bits each: `prefixKey3`) have no bit here starts
        /// no phrase word of three or more bytes. Stemming changes only the end of a word, so a
        /// word and its stem share their first three bytes, but for a stem of three ending in
        /// `y` (`flies` → `fly`), whose `i` form is set too.
        var prefixes3 = [UInt64](repeating: 0, count: (1 << 15) / 64)
        /// The same for phrase words of one or two bytes, by the first two bytes of a word
        /// (`prefixKey`): `gp` is found in `GPs` and `GP's`.
        var shortPrefixes = [UInt64](repeating: 0, count: (1 << 16) / 64)
        var hasShortWords = false
        /// The most words in a phrase.
        var depth = 1
        var hasExclusions = false

        /// Lets words starting as `stem` (a stemmed phrase word) through the filters.
        mutating func allowPrefix(of stem: UnsafeBufferPointer<UInt8>) {
            if stem.count >= 3 {
                set(&prefixes3, Int(ThemeMatcher.prefixKey3(stem[0], stem[1], stem[2])))
                if stem.count == 3, stem[2] == 0x79 { set(&prefixes3, Int(ThemeMatcher.prefixKey3(stem[0], stem[1], 0x69))) }
                return
            }
            hasShortWords = true
            set(&shortPrefixes, Int(ThemeMatcher.prefixKey(stem, at: 0..<stem.count)))
            if stem.count == 1 {
                set(&shortPrefixes, Int(UInt16(stem[0]) << 8 | 0x27))  // x's
                set(&shortPrefixes, Int(UInt16(stem[0]) << 8 | 0xE2))  // x’s
            }
        }

        private func set(_ bits: inout [UInt64], _ key: Int) {
            bits[key >> 6] |= 1 << (UInt64(key) & 63)
        }
    }

    private let tables: Tables
    /// Per theme, its broader themes, nearest first.
    private let ancestors: [[Int32]]

    // Reused from text to text, by this object alone on one thread: the dynamic exclusivity
    // checks Swift would add to every access are left out.
    @exclusivity(unchecked) private var matches = [Match]()
    @exclusivity(unchecked) private var hitCounts: [Int32]
    @exclusivity(unchecked) private var touched = [Int32]()
    private let scratch: UnsafeMutablePointer<UInt8>

    /// Words longer than this (in bytes) are in no phrase.
    static let longestWord = 64

    /// Compiles `codebook`.
    init(codebook: Codebook) {
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: Self.longestWord)
        self.scratch = scratch
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
        var tables = Tables()
        for (position, theme) in codebook.themes.enumerated() {
            for phrase in theme.phrases { Self.add(phrase, Output(theme: Int32(position), exclusion: false), to: &tables, scratch: scratch) }
            for phrase in theme.exclusions { Self.add(phrase, Output(theme: Int32(position), exclusion: true), to: &tables, scratch: scratch) }
            var code = Self.codeForm(theme.id)
            code.withUTF8 { bytes in
                if tables.codes.insert(bytes) == Int32(tables.codeThemes.count) { tables.codeThemes.append(Int32(position)) }
            }
        }
        tables.hasExclusions = codebook.themes.contains { !$0.exclusions.isEmpty }
        self.tables = tables
    }

    deinit {
        scratch.deallocate()
    }

    private static func add(_ phrase: String, _ output: Output, to tables: inout Tables, scratch: UnsafeMutablePointer<UInt8>) {
        var state: Int32 = 0
        var length = 0
        var text = phrase
        text.withUTF8 { bytes in
            var scanner = WordScanner(bytes)
            while let range = scanner.next() {
                let stemmed = stemmedWord(bytes, range, scratch: scratch) ?? UnsafeBufferPointer(rebasing: bytes[range])
                let word = tables.words.insert(stemmed)
                tables.allowPrefix(of: stemmed)
                while tables.starts.count < tables.words.count { tables.starts.append(false) }
                if length == 0 { tables.starts[Int(word)] = true }
                length += 1
                tables.continues[Int(state)] = true
                let key = Self.edge(state, word)
                if let next = tables.edges[key] {
                    state = next
                } else {
                    state = Int32(tables.outputs.count)
                    tables.outputs.append([])
                    tables.continues.append(false)
                    tables.edges[key] = state
                }
            }
        }
        tables.depth = max(tables.depth, length)
        if state != 0, !tables.outputs[Int(state)].contains(output) {
            tables.outputs[Int(state)].append(output)
        }
    }

    /// The lower-cased first two bytes of the word at `range` (the first and 0 for a word of
    /// one byte).
    @inline(__always)
    fileprivate static func prefixKey(_ bytes: UnsafeBufferPointer<UInt8>, at range: Range<Int>) -> UInt16 {
        let first = UInt16(WordScanner.lowercase(bytes[range.lowerBound])) << 8
        return range.count > 1 ? first | UInt16(WordScanner.lowercase(bytes[range.lowerBound + 1])) : first
    }

    /// The first three bytes of a word, lower-cased, five bits of each: the key of
    /// `Tables.prefixes3` (different bytes may share a key; the filter only lets more through).
    @inline(__always)
    fileprivate static func prefixKey3(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt16 {
        UInt16(WordScanner.lowercase(a) & 0x1F) << 10 | UInt16(WordScanner.lowercase(b) & 0x1F) << 5 | UInt16(WordScanner.lowercase(c) & 0x1F)
    }

    @inline(__always)
    private static func edge(_ state: Int32, _ word: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: state)) << 32 | UInt64(UInt32(bitPattern: word))
    }

    /// The lower-cased, stemmed form of `bytes[range]` in `scratch`, or `nil` when the word is
    /// too long to be in a phrase.
    @inline(__always)
    private static func stemmedWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                    scratch: UnsafeMutablePointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
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

    /// Codes `text`. The result's buffers are reused by the next call: let go of it first.
    func code(_ text: String) -> Coding {
        var text = text
        return text.withUTF8 { code($0) }
    }

    private func code(_ bytes: UnsafeBufferPointer<UInt8>) -> Coding {
        coding.themes.removeAll(keepingCapacity: true)
        coding.hits.removeAll(keepingCapacity: true)
        if !coding.unknownCodes.isEmpty { coding.unknownCodes.removeAll() }
        findPhrases(bytes)
        if tables.hasExclusions, !matches.isEmpty {
            countUnexcludedMatches()
        }
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

    /// The buffers of the last result, kept for the next.
    @exclusivity(unchecked) private var coding = Coding()

    /// Hits the theme of each phrase match that no exclusion of the same theme covers (starts
    /// at or before it and ends at or after it), then empties `matches`.
    ///
    /// An exclusion is at most `depth` words long, so one that covers a match starts at one of
    /// the `depth` words up to the match's start: the longest exclusion per theme and start is
    /// kept in `exclusionEnds`, and each match looks up those few starts. Linear in the matches;
    /// comparing every match with every exclusion took 7 s on a passage of 1 MB, 22 s on 2 MB.
    private func countUnexcludedMatches() {
        for match in matches where match.exclusion {
            let key = Self.edge(match.theme, match.start)
            exclusionEnds[key] = max(exclusionEnds[key] ?? 0, match.end)
        }
        let depth = Int32(tables.depth)
        for match in matches where !match.exclusion {
            var excluded = false
            if !exclusionEnds.isEmpty {
                var start = match.start
                while !excluded, start >= 0, start >= match.end - depth {
                    excluded = exclusionEnds[Self.edge(match.theme, start)].map { $0 >= match.end } ?? false
                    start -= 1
                }
            }
            if !excluded { hit(match.theme) }
        }
        // A long passage leaves its tables large: let them go rather than clear that much
        // capacity for every short passage after it.
        exclusionEnds.removeAll(keepingCapacity: exclusionEnds.count < 4096)
        matches.removeAll(keepingCapacity: matches.count < 65_536)
    }

    /// Per theme and start (as `edge(theme, start)`), the end of the longest exclusion match
    /// there; filled and emptied by `countUnexcludedMatches`.
    @exclusivity(unchecked) private var exclusionEnds = [UInt64: Int32]()

    /// Scans the words and walks the trie along: `active` holds the trie states of the phrases
    /// still open, each with the word it started at.
    private func findPhrases(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Local copies: reading `tables` through `self` word by word would retain and release
        // every array in it each time.
        let words = tables.words, edges = tables.edges, starts = tables.starts, continues = tables.continues
        let prefixes3 = tables.prefixes3, shortPrefixes = tables.shortPrefixes, hasShortWords = tables.hasShortWords
        let depth = tables.depth, scratch = scratch
        withUnsafeTemporaryAllocation(of: (state: Int32, start: Int32).self, capacity: depth) { active in
            var open = 0
            var position: Int32 = -1
            var scanner = WordScanner(bytes)
            while let range = scanner.next() {
                position += 1
                var passes = false
                if range.count >= 3 {
                    let key = Int(Self.prefixKey3(bytes[range.lowerBound], bytes[range.lowerBound + 1], bytes[range.lowerBound + 2]))
                    passes = prefixes3[key >> 6] >> (key & 63) & 1 == 1
                }
                if !passes, hasShortWords {
                    let key = Int(Self.prefixKey(bytes, at: range))
                    passes = shortPrefixes[key >> 6] >> (key & 63) & 1 == 1
                }
                guard passes, let word = Self.stemmedWord(bytes, range, scratch: scratch) else {
                    open = 0
                    continue
                }
                let id = words.lookup(word)
                guard id >= 0 else {
                    open = 0
                    continue
                }
                var kept = 0
                for index in 0..<open {
                    guard let next = edges[Self.edge(active[index].state, id)] else { continue }
                    found(next, start: active[index].start, end: position + 1)
                    if continues[Int(next)] {
                        active[kept] = (next, active[index].start)
                        kept += 1
                    }
                }
                open = kept
                if starts[Int(id)], let next = edges[Self.edge(0, id)] {
                    found(next, start: position, end: position + 1)
                    if continues[Int(next)], open < depth {
                        active[open] = (next, position)
                        open += 1
                    }
                }
            }
        }
    }

    @inline(__always)
    private func found(_ state: Int32, start: Int32, end: Int32) {
        for output in tables.outputs[Int(state)] {
            if tables.hasExclusions {
                matches.append(Match(theme: output.theme, start: start, end: end, exclusion: output.exclusion))
            } else {
                hit(output.theme)
            }
        }
    }

    @inline(__always)
    private func hit(_ theme: Int32) {
        if hitCounts[Int(theme)] == 0 { touched.append(theme) }
        hitCounts[Int(theme)] += 1
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
            let code = form.withUnsafeBufferPointer { tables.codes.lookup($0) }
            if code >= 0 {
                hit(tables.codeThemes[Int(code)])
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
