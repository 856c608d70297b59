import BaselineConfig
import BaselineCore
import Foundation
import Yams

/// The YAML header of a notes file, between `---` lines at the top.
///
/// The keys read are `NoteMetadata.fields`. Notes kept in Obsidian, Hugo or Jekyll carry others
/// (`tags`, `aliases`, `attendees`, `created`…): those are read past, and the adapter lists them
/// in the brief's data-quality notes. Two kinds of unknown key still set the note aside:
///
/// - a key that looks like a typo of a key read (`organization`, `titel`, `Role`): the note's
///   metadata would be wrong without a word (its quotes attributed to nobody);
/// - a key about whether or how the note may be used (`consent`, `confidential`, `redact`,
///   `do_not_quote`, `publish`…), which the adapter cannot act on: passed over, a note whose
///   person withdrew consent would be quoted in the brief. One whose value clears the note
///   (`consent: yes`, `confidential: no`) is read.
enum FrontMatter {
    /// What a note's front matter gives.
    struct Reading {
        /// The metadata of the keys read.
        var metadata = NoteMetadata()
        /// The keys read past, each with its line in the file.
        var unread = [(key: String, line: Int)]()
    }

    /// The front matter `text` of `file` (its first line is line 2 of the file) read. Anything
    /// wrong — not YAML, not a mapping, a typo of a key or a key about the note's use (see
    /// above), a list where text belongs — is a `BaselineError` at the file's line and column.
    static func parse(_ text: String, file: String) throws -> Reading {
        if let metadata = plain(text) { return Reading(metadata: metadata) }
        // One blank line stands in for the opening `---`, so YAML's line numbers are the file's.
        let node = try YAMLText.compose("\n" + text, file: file, what: "the front matter")
        guard let node else { return Reading() }
        // Not quoted: the note is quarantined with this reason, and rejects/ holds no note's text.
        guard case .mapping(let mapping) = node else {
            throw BaselineError(file: file, line: node.mark?.line ?? 2, column: node.mark?.column,
                                "the front matter should be 'key: value' lines, found \(node.scalar == nil ? "a list" : "a line of text")",
                                hint: "write e.g. 'kind: interview' and 'role: Director of Public Health', one a line")
        }
        var reading = Reading()
        var kept = [(Node, Node)]()
        for (key, value) in mapping {
            guard let name = key.string, !NoteMetadata.fields.contains(name) else {
                kept.append((key, value))
                continue
            }
            try check(name, value: value, at: key.mark, file: file)
            reading.unread.append((name, key.mark?.line ?? 2))
        }
        do {
            reading.metadata = try NodeDecoder(file: file).decode(NoteMetadata.self, from: .mapping(Node.Mapping(kept, mapping.tag, mapping.style, mapping.mark)))
        } catch var error as BaselineError where error.hint == nil {
            error.hint = "front matter is 'key: value' lines with text values; the keys read are \(NoteMetadata.fields.joined(separator: ", "))"
            throw error
        }
        return reading
    }

    // MARK: - Keys not read

    /// Throws when the unknown key `name` may not be read past: a typo of a key read, or a key
    /// about the note's use whose `value` does not clear the note.
    private static func check(_ name: String, value: Node, at mark: Mark?, file: String) throws {
        if let use = use(of: name) {
            let answer = value.scalar?.string.lowercased().trimmingCharacters(in: .whitespaces) ?? ""
            switch use {
            case .permission where permissionGiven.contains(answer): return
            case .restriction where restrictionAbsent.contains(answer): return
            default: break
            }
            let clear = switch use {
            case .permission: "write '\(name): yes' or remove the key"
            case .restriction: "write '\(name): no' or remove the key"
            case .other: "remove the key"
            }
            let names = name.lowercased().contains("redact") || name.lowercased().contains("anonym")
                ? " (names to redact are listed in the pipeline's privacy: names or names_file)" : ""
            throw BaselineError(file: file, line: mark?.line ?? 2, column: mark?.column,
                                "'\(name)' may limit how this note is used, which the notes adapter cannot act on: the note is not read",
                                hint: "take the note out of the folder if it may not be quoted; if it may, \(clear)\(names)")
        }
        if let field = typo(of: name) {
            throw BaselineError(file: file, line: mark?.line ?? 2, column: mark?.column, "unknown key '\(name)'", hint: "did you mean '\(field)'?")
        }
    }

    /// The key read that `name` looks like a typo of: one edit away (a letter wrong, missing,
    /// added, or two swapped) for a name of up to five letters, two for a longer one, or the
    /// same but for case. Looser, everyday keys were taken for typos (`time` for `title`,
    /// `name` for `date`, `note` for `role`).
    static func typo(of name: String) -> String? {
        let lowered = Array(name.lowercased())
        let allowed = lowered.count <= 5 ? 1 : 2
        var best: (field: String, distance: Int)?
        for field in NoteMetadata.fields {
            let distance = editDistanceWithSwaps(lowered, Array(field))
            if distance <= allowed, best == nil || distance < best!.distance { best = (field, distance) }
        }
        return best?.field
    }

    /// The optimal-string-alignment distance: Levenshtein's, with two letters swapped one edit.
    private static func editDistanceWithSwaps(_ a: [Character], _ b: [Character]) -> Int {
        guard abs(a.count - b.count) <= 2 else { return 3 }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
            }
        }
        return table[a.count][b.count]
    }

    /// How a key bears on whether the note may be used.
    enum Use {
        /// It gives permission (`consent`, `quotable`, `publish`): a yes clears the note.
        case permission
        /// It restricts (`confidential`, `do_not_quote`, `redact`): a no clears the note.
        case restriction
        /// It is about the note's use, with no yes or no that clears it (`consent_notes`, `gdpr`).
        case other
    }

    /// How the key `name` bears on the note's use, or `nil` when it does not. Whole keys are
    /// compared in lower case and letters only (`do_not_quote`, `Do not quote` and `doNotQuote`
    /// are one key); then the key's words (split at separators and at a capital after a small
    /// letter): a word that gives permission (`quote`, `share`, `consent`, `on record`) makes a
    /// permission key, or a restriction one after a negation (`dont_share`, `not_for_publication`);
    /// a word that restricts (`confidential`, `nda`, `restricted`, `off the record`, `withdrawn`)
    /// a restriction key. A key with both, with a negated restriction, or describing the use
    /// (`consent_form`, `data_protection`, `gdpr_basis`) is about the note's use with no value
    /// that clears it.
    static func use(of name: String) -> Use? {
        let squeezed = String(name.lowercased().unicodeScalars.filter { CharacterSet.lowercaseLetters.contains($0) })
        if permissionKeys.contains(squeezed) { return .permission }
        if restrictionKeys.contains(squeezed) { return .restriction }
        let words = keyWords(name)
        let permits = words.contains { permissionWords.contains($0) }
        let restricts = words.contains { restrictionWords.contains($0) }
        let describes = words.contains { describingWords.contains($0) }
        // Hugo's `publishDate`, Jekyll's `published_at`: when the page goes up, not whether.
        if permits, !restricts, describes, words.allSatisfy({ !permissionWords.contains($0) || $0.hasPrefix("publish") }) { return nil }
        let negated = words.contains { negationWords.contains($0) }
        switch (permits, restricts) {
        case (true, false) where !describes: return negated ? .restriction : .permission
        case (false, true) where !describes && !negated: return .restriction
        case (false, false): return useStems.contains { squeezed.contains($0) } ? .other : nil
        default: return .other
        }
    }

    /// The words of a key, in lower case: split at anything not a letter and at a capital after
    /// a small letter (`doNotQuote`); `on the record`, `off record`, `opt out` and `data
    /// protection` made one word.
    static func keyWords(_ name: String) -> [String] {
        var words = [String]()
        var word = ""
        var previousLower = false
        for scalar in name.unicodeScalars {
            let isLetter = CharacterSet.letters.contains(scalar)
            let isUpper = CharacterSet.uppercaseLetters.contains(scalar)
            if !isLetter || (isUpper && previousLower) {
                if !word.isEmpty { words.append(word.lowercased()) }
                word = ""
            }
            if isLetter { word.unicodeScalars.append(scalar) }
            previousLower = isLetter && !isUpper
        }
        if !word.isEmpty { words.append(word.lowercased()) }
        var joined = [String]()
        var index = 0
        while index < words.count {
            if ["on", "off"].contains(words[index]) {
                if index + 1 < words.count, words[index + 1] == "record" {
                    joined.append(words[index] + "record"); index += 2; continue
                }
                if index + 2 < words.count, words[index + 1] == "the", words[index + 2] == "record" {
                    joined.append(words[index] + "therecord"); index += 3; continue
                }
            }
            if index + 1 < words.count, [("opt", "out"), ("opted", "out"), ("data", "protection")].contains(where: { $0 == (words[index], words[index + 1]) }) {
                joined.append(words[index] + words[index + 1]); index += 2; continue
            }
            joined.append(words[index])
            index += 1
        }
        return joined
    }

    /// Words of a key that give permission to use the note: a yes clears it.
    static let permissionWords: Set<String> = [
        "consent", "consented", "consents", "permission", "permissions", "permitted", "quote", "quotable", "quoted", "quoting",
        "quotation", "onrecord", "ontherecord", "share", "sharing", "shareable", "sharable", "publish", "publishable",
        "published", "publication", "attribute", "attributable", "attributed", "attribution",
    ]
    /// Words of a key that restrict the use of the note: a no clears it.
    static let restrictionWords: Set<String> = [
        "confidential", "confidentiality", "private", "restricted", "restriction", "restrictions", "restrict", "nda", "ndas",
        "embargo", "embargoed", "secret", "sensitive", "sensitivity", "anonymise", "anonymize", "anonymised", "anonymized",
        "anonymous", "anonymity", "anonymisation", "anonymization", "pseudonymise", "pseudonymize", "pseudonymised",
        "pseudonymized", "redact", "redacted", "redaction", "withdraw", "withdrawn", "withdrawal", "withdrew", "offrecord",
        "offtherecord", "optout", "optedout", "revoke", "revoked", "refused", "declined", "unquotable", "unattributable",
        "nonattributable", "unattributed", "unpublishable",
    ]
    /// Words that turn a permission into a restriction (`do_not_quote`, `not_for_publication`).
    static let negationWords: Set<String> = ["no", "not", "dont", "don", "never", "non", "without", "nor"]
    /// Words that make a key describe the use rather than give or refuse it (`consent_form`,
    /// `consent_date`, `publishDate`): nothing clears such a key.
    static let describingWords: Set<String> = [
        "form", "forms", "note", "notes", "date", "dated", "time", "at", "by", "basis", "type", "method", "details", "detail",
        "reason", "ref", "reference", "id", "link", "url", "file", "dataprotection", "until", "expires", "expiry",
    ]

    /// Keys that give permission to use the note, letters only.
    static let permissionKeys: Set<String> = [
        "consent", "consented", "consentgiven", "consentobtained", "informedconsent", "permission", "permissiontoquote", "record",
        "quotable", "oktoquote", "canquote", "mayquote", "attributable", "publish", "published", "shareable", "sharable",
        // A try-out's notes said `quote: no`, `on_record: false` and `share: no` and were quoted.
        "quote", "onrecord", "ontherecord", "share", "sharing", "canshare", "oktoshare", "mayshare", "attribute", "attribution",
        "usable", "useable", "canuse", "oktouse",
    ]
    /// Keys that restrict the use of the note, letters only.
    static let restrictionKeys: Set<String> = [
        "confidential", "private", "sensitive", "restricted", "embargo", "embargoed", "secret", "anonymous", "anonymise",
        "anonymize", "anonymised", "anonymized", "redact", "donotquote", "dontquote", "noquote", "noquotes", "notforquotation",
        "offtherecord", "offrecord", "withdrawn", "optout", "optedout",
        // `nda: true` was read past (a try-out); only whole keys: `nda` is inside `agenda`.
        "nda", "undernda", "ndasigned", "internal", "internalonly", "notforpublication", "donotshare", "dontshare",
        "noshare", "notforsharing", "donotpublish", "dontpublish",
    ]
    /// Parts of the other keys about the note's use (`consent_form`, `privacy`, `redact_names`).
    /// Not `secret` (`secretary`), `publish` (Hugo's `publishDate`) or `quote` (`quotes`, a list
    /// of them: `quote` alone is a permission key), nor `share` (`shareholders`).
    static let useStems = [
        "consent", "confiden", "privacy", "sensitiv", "restrict", "embargo", "anonym", "pseudonym", "redact", "quotab",
        "noquot", "notquot", "dontquot", "notforquot", "shareab", "sharab", "permission", "withdr", "optout", "optedout",
        "offtherecord", "gdpr", "identifiab", "attributab", "dataprotect", "onrecord", "ontherecord", "classification",
        "nondisclos", "disclos", "notforpub", "donotpub", "dontpub", "donotshar", "dontshar",
    ]
    /// The values of a permission key that give it: the note is read.
    static let permissionGiven: Set<String> = [
        "yes", "y", "true", "on", "given", "granted", "obtained", "signed", "agreed", "verbal", "written", "ok", "okay",
        "allowed", "approved", "permitted", "public", "cleared",
    ]
    /// The values of a restriction key that lift it: the note is read.
    static let restrictionAbsent: Set<String> = ["no", "n", "false", "off", "none"]

    /// Front matter made only of `key: value` lines with known keys and plain values, read
    /// without a YAML parser (a YAML parse per file would cost more than the rest of reading
    /// it). Gives the same result YAML would; `nil` for anything beyond that subset — quotes,
    /// lists, nesting, comments after values, an unknown or repeated key — which YAML then
    /// reads, reporting any problem at its line.
    static func plain(_ text: String) -> NoteMetadata? {
        var text = text
        return text.withUTF8 { bytes in
            var metadata = NoteMetadata()
            var seen = 0
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                defer { start = end + 1 }
                let line = NoteParser.trim(UnsafeBufferPointer(rebasing: bytes[start..<end]))
                if line.isEmpty || line[0] == 0x23 { continue }
                guard bytes[start] != 0x20, bytes[start] != 0x09, let colon = line.firstIndex(of: 0x3A) else { return nil }
                let key = String(decoding: line[..<colon], as: UTF8.self)
                guard let field = NoteMetadata.fields.firstIndex(of: key), seen & 1 << field == 0 else { return nil }
                seen |= 1 << field
                let value = NoteParser.trim(UnsafeBufferPointer(rebasing: line[(colon + 1)...]))
                guard colon + 1 == line.count || line[colon + 1] == 0x20 || line[colon + 1] == 0x09, isPlain(value) else { return nil }
                metadata[key] = String(decoding: value, as: UTF8.self)
            }
            return metadata
        }
    }

    /// Whether YAML reads `value` as the plain text it is: it does not start with an indicator
    /// (`[`, `'`, `- `, `#`…), holds no `: ` or ` #`, does not end in `:`, is not a null, and
    /// has no character YAML refuses (a control character other than tab: YAML then says where).
    private static func isPlain(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = value.first, !"[]{}&*!|>'\"%@`#,?".utf8.contains(first), value.last != 0x3A else { return false }
        if first == 0x2D, value.count == 1 || value[1] == 0x20 { return false }
        for index in 0..<value.count {
            let byte = value[index], previous = index > 0 ? value[index - 1] : 0
            if (byte == 0x20 && previous == 0x3A) || (byte == 0x23 && previous == 0x20) { return false }
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F { return false }
            // C1 controls, U+0080–U+009F (but U+0085, a line break to YAML), are C2 80–9F in UTF-8.
            if byte == 0xC2, index + 1 < value.count, (0x80...0x9F).contains(value[index + 1]), value[index + 1] != 0x85 { return false }
        }
        return value.count > 4 || !["~", "null", "Null", "NULL"].contains(String(decoding: value, as: UTF8.self))
    }
}
