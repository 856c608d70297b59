/// A light English stemmer, so that a phrase finds its plurals and inflections: `care leaver`
/// finds "care leavers", `data sharing` finds "data shared", `family` finds "families".
///
/// Phrases and text go through the same steps, so all that matters is that the forms of a word
/// meet; the stems need not be words. The steps, on a lower-case ASCII word:
///
/// 1. a possessive `'s` / `’s` goes;
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
        if n > 4, word[n - 1] == 0x73, word[n - 2] == 0x99, word[n - 3] == 0x80, word[n - 4] == 0xE2 {
            n -= 4
        } else if n > 2, word[n - 1] == 0x73, word[n - 2] == 0x27 {
            n -= 2
        }
        for index in 0..<n where word[index] &- 0x61 >= 26 {
            return n
        }
        func ends(_ suffix: StaticString) -> Bool {
            let length = suffix.utf8CodeUnitCount
            guard n >= length else { return false }
            let bytes = suffix.utf8Start
            for offset in 0..<length where word[n - length + offset] != bytes[offset] { return false }
            return true
        }
        func undouble() {
            let last = word[n - 1]
            if n >= 3, last == word[n - 2], last != 0x6C, last != 0x73, last != 0x66, last != 0x7A, !isVowel(last) { n -= 1 }
        }

        if n >= 5, ends("ies") {
            n -= 2
            word[n - 1] = 0x79
        } else if n >= 5, ends("sses") || ends("xes") || ends("ches") || ends("shes") || ends("zes") {
            n -= 2
        } else if n >= 3, word[n - 1] == 0x73, word[n - 2] != 0x73, word[n - 2] != 0x75, word[n - 2] != 0x69 {
            n -= 1
        }

        if n >= 6, ends("ing") {
            n -= 3
            undouble()
        } else if n >= 5, ends("ied") {
            n -= 2
            word[n - 1] = 0x79
        } else if n >= 5, ends("eed") {
            n -= 1
        } else if n >= 5, ends("ed") {
            n -= 2
            undouble()
        }

        if n >= 5, word[n - 1] == 0x65 { n -= 1 }
        return n
    }

    @inline(__always)
    private static func isVowel(_ byte: UInt8) -> Bool {
        byte == 0x61 || byte == 0x65 || byte == 0x69 || byte == 0x6F || byte == 0x75 || byte == 0x79
    }
}
