import BaselineConfig
import BaselineCore
import Yams

/// The YAML header of a notes file, between `---` lines at the top.
enum FrontMatter {
    /// The metadata in `text`, the front matter of `file` (its first line is line 2 of the
    /// file). Anything wrong — not YAML, not a mapping, an unknown key, a list where text
    /// belongs — is a `BaselineError` at the file's line and column.
    static func parse(_ text: String, file: String) throws -> NoteMetadata {
        if let metadata = plain(text) { return metadata }
        // One blank line stands in for the opening `---`, so YAML's line numbers are the file's.
        let node = try YAMLText.compose("\n" + text, file: file, what: "the front matter")
        guard let node else { return NoteMetadata() }
        // Not quoted: the note is quarantined with this reason, and rejects/ holds no note's text.
        guard case .mapping = node else {
            throw BaselineError(file: file, line: node.mark?.line ?? 2, column: node.mark?.column,
                                "the front matter should be 'key: value' lines, found \(node.scalar == nil ? "a list" : "a line of text")",
                                hint: "write e.g. 'kind: interview' and 'role: Director of Public Health', one a line")
        }
        do {
            return try NodeDecoder(file: file).decode(NoteMetadata.self, from: node)
        } catch var error as BaselineError where error.hint == nil {
            error.hint = "front matter is 'key: value' lines with text values; the keys are \(NoteMetadata.fields.joined(separator: ", "))"
            throw error
        }
    }

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
