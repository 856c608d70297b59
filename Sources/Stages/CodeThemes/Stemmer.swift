/// A light English stemmer, so that a phrase finds its plurals and inflections: `care leaver`
/// finds "care leavers", `data sharing` finds "data shared", `family` finds "families".
///
/// Phrases and text go through the same steps, so all that matters is that the forms of a word
/// meet; the stems need not be words. The steps, on a lower-case ASCII word:
///
/// 1. a possessive `'s` / `’s` goes (and a word of one or two letters is then left as it is);
/// 2. plurals: `-ies` → `-y`; `-sses`, `-xes`, `-ches`, `-shes`, `-zes` lose `-es`; otherwise
///    a final `s` goes unless the word ends `ss`, `us` or `is`;
/// 3. `-ing` (words of 6+ letters) and `-ed` (5+) go, `-ied` → `-y`, `-eed` → `-ee`, and a
///    doubled final consonant left behind is halved (`planned` → `plan`; not `ll ss ff zz`);
/// 4. a final `e` goes from words of 5+ letters (`share`, `shared`, `sharing` all → `shar`).
///
/// Words with digits or non-ASCII letters are left as they are. The price of so light a touch
/// is some conflation (`house` and `housing` meet), which theme coding can bear.
enum Stemmer {
    /// Stems the lower-case word in `word[0..<count]` in place and returns its new length.
    @inline(__always)
    static func stem(_ word: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        var n = count
        guard n > 2 else { return n }
        let last = word[n - 1]
        guard last == 0x73 || last == 0x67 || last == 0x64 || last == 0x65 else { return n }  // s g d e
        if n > 4, last == 0x73, word[n - 2] == 0x99, word[n - 3] == 0x80, word[n - 4] == 0xE2 {
            n -= 4
        } else if last == 0x73, word[n - 2] == 0x27 {
            n -= 2
        }
        guard n > 2 else { return n }  // `us's` stays `us`, as `us` does; and `s's` is not read before its start
        for index in 0..<n where word[index] &- 0x61 >= 26 {
            return n
        }
        /// Whether the word ends in the ASCII letters of `suffix` (given last letter first).
        func ends(_ a: UInt8, _ b: UInt8, _ c: UInt8 = 0, _ d: UInt8 = 0) -> Bool {
            let length = c == 0 ? 2 : d == 0 ? 3 : 4
            guard n >= length, word[n - 1] == a, word[n - 2] == b else { return false }
            return length == 2 || (word[n - 3] == c && (length == 3 || word[n - 4] == d))
        }
        func undouble() {
            let last = word[n - 1]
            if n >= 3, last == word[n - 2], last != 0x6C, last != 0x73, last != 0x66, last != 0x7A, !isVowel(last) { n -= 1 }
        }
        let s: UInt8 = 0x73, e: UInt8 = 0x65, i: UInt8 = 0x69, d: UInt8 = 0x64, g: UInt8 = 0x67, n_: UInt8 = 0x6E
        let x: UInt8 = 0x78, h: UInt8 = 0x68, c: UInt8 = 0x63, z: UInt8 = 0x7A

        if n >= 5, ends(s, e, i) {
            n -= 2
            word[n - 1] = 0x79
        } else if n >= 5, ends(s, e, s, s) || ends(s, e, x) || ends(s, e, h, c) || ends(s, e, h, s) || ends(s, e, z) {
            n -= 2
        } else if word[n - 1] == s, word[n - 2] != s, word[n - 2] != 0x75, word[n - 2] != i {
            n -= 1
        }

        if n >= 6, ends(g, n_, i) {
            n -= 3
            undouble()
        } else if n >= 5, ends(d, e, i) {
            n -= 2
            word[n - 1] = 0x79
        } else if n >= 5, ends(d, e, e) {
            n -= 1
        } else if n >= 5, ends(d, e) {
            n -= 2
            undouble()
        }

        if n >= 5, word[n - 1] == e { n -= 1 }
        return n
    }

    @inline(__always)
    private static func isVowel(_ byte: UInt8) -> Bool {
        byte == 0x61 || byte == 0x65 || byte == 0x69 || byte == 0x6F || byte == 0x75 || byte == 0x79
    }
}
