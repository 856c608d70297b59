import Foundation

/// Text from the data, made safe to show to people: the one place that decides what a value
/// from an export, a note or a pipeline may carry onto a terminal, into a one-line message or
/// into Markdown.
///
/// Data is never trusted to hold layout. A terminal escape (ESC, OSC, CSI, any other C0 or C1
/// control character, NUL, DEL) or a bidirectional override that reorders what is shown is
/// written visibly as `\u{1B}` instead of acting on the reader's terminal; a line break inside
/// a value becomes a space, so that a question text cannot start a new line in a one-line
/// message, a table or a heading. The tool's own layout (its line ends, tabs, the template's
/// Markdown) is added around the values and is not passed through here.
public enum PeopleText {
    /// `text` for one line written for people (a message on standard error, a line of
    /// `baseline diff` or `report.txt`): line breaks and tabs become one space each, other
    /// control characters are shown as `\u{XX}`.
    public static func line(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsRewriting) else { return text }
        var out = ""
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            if scalar == "\n", afterCR { continue }
            if isLineBreak(scalar) || scalar == "\t" {
                out.append(" ")
            } else if isUnsafe(scalar) {
                out += visible(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` as it reads, for Markdown: first made one line (`line(_:)`), then with every
    /// character that Markdown or HTML would act on written so that it shows as itself:
    /// `<`, `>` and `&` as HTML entities (no raw HTML, not even in renderers without
    /// backslash escapes), `\ ` `` ` `` `*` `_` `[` `]` `|` `~` backslash-escaped (no emphasis,
    /// code, link, image or table cell of the data's making), and a block marker at the start
    /// (`#`, `-`, `+`, `=`, `1.`) escaped so that the value cannot open a heading, list or quote
    /// wherever the template puts it (`blockMarker(in:)`).
    ///
    /// Scalar by scalar, not character by character: a `|` or `[` followed by a combining mark
    /// is one `Character` that equals neither, yet Markdown still acts on it.
    public static func markdown(_ text: String) -> String {
        var out = rewritingASCII(line(text)) { scalar in
            switch scalar {
            case "<": "&lt;"
            case ">": "&gt;"
            case "&": "&amp;"
            case "\\", "`", "*", "_", "[", "]", "|", "~": "\\" + String(scalar)
            default: nil
            }
        }
        if let marker = blockMarker(in: out) { out.insert("\\", at: marker) }
        return out
    }

    /// A note the tool wrote, for Markdown: the tool names options and files in code
    /// (`` `code_changes` ``), and those pairs of backticks stay code spans, while everything else,
    /// the data inside the note included, is escaped as `markdown(_:)` escapes it. Only when the
    /// backticks pair up and each span is one that shows as written (not empty, no space at either
    /// end, no `|`); otherwise the whole note is escaped. A code span shows its text literally in
    /// every renderer, so data that happens to pair backticks can make code, never markup.
    public static func markdownNote(_ text: String) -> String {
        guard let pieces = codePieces(line(text)) else { return markdown(text) }
        var out = ""
        for (index, piece) in pieces.enumerated() {
            if index % 2 == 1 {
                out += "`" + piece + "`"
            } else {
                // Only the note's start can open a block.
                out += index == 0 ? markdown(String(piece)) : String(markdown("x" + piece).dropFirst())
            }
        }
        return out
    }

    /// A note the tool wrote, for HTML element content: its code spans (as `markdownNote(_:)`
    /// finds them) as `<code>`, everything escaped as `html(_:)` escapes it.
    public static func htmlNote(_ text: String) -> String {
        guard let pieces = codePieces(text) else { return html(text) }
        return pieces.enumerated().map { $0.offset % 2 == 1 ? "<code>" + html(String($0.element)) + "</code>" : html(String($0.element)) }.joined()
    }

    /// `text` split at its backticks (odd pieces inside code), or nil when there are none, they
    /// do not pair up, or a piece inside would not show as written.
    private static func codePieces(_ text: String) -> [Substring]? {
        guard text.utf8.contains(UInt8(ascii: "`")) else { return nil }
        let pieces = text.split(separator: "`", omittingEmptySubsequences: false)
        guard pieces.count % 2 == 1 else { return nil }
        for index in stride(from: 1, to: pieces.count, by: 2) {
            let piece = pieces[index]
            guard let first = piece.first, let last = piece.last, first != " ", last != " ", !piece.contains("|") else { return nil }
        }
        return pieces
    }

    /// `text` for HTML element content and attribute values: `&`, `<`, `>`, `"` and `'` as
    /// entities. Layout is left to the caller (the dashboard keeps line breaks in a quote; a
    /// caller that wants one line passes `line(text)`). Scalar by scalar: a `"` followed by a
    /// combining mark is one `Character` that does not equal `"`, but an HTML parser still ends
    /// the attribute at it.
    public static func html(_ text: String) -> String {
        rewritingASCII(text) { scalar in
            switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&#39;"
            default: nil
            }
        }
    }

    /// JSON text with the characters JSON leaves as they are but a terminal acts on (DEL, C1
    /// controls, bidirectional overrides) written as `\u` escapes, which read back as the same
    /// value: for JSON printed where people may see it (`inspect`, `diff --format json`). The
    /// encoder has already escaped the C0 controls.
    public static func json(_ text: String) -> String {
        // Below 0x20 is the encoder's: escaped in strings, layout (a pretty-printed line end) between them.
        func escaped(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x20 && isUnsafe(scalar) }
        guard text.unicodeScalars.contains(where: escaped) else { return text }
        return rewriting(text) { escaped($0) ? String(format: "\\u%04x", $0.value) : nil }
    }

    /// `text` with each scalar that `replacement` gives text for written as that text, the
    /// others as they are. Scalar by scalar, for the reason `markdown(_:)` gives.
    private static func rewriting(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            if let written = replacement(scalar) {
                out += written
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `rewriting(text, replacement)` for a `replacement` that gives text only for ASCII
    /// scalars, by the bytes: in UTF-8 a byte below 0x80 is always an ASCII scalar, and every
    /// other byte is part of a scalar left as it is. `text` itself when nothing is rewritten, as
    /// most values are.
    private static func rewritingASCII(_ text: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        var text = text
        let rewritten = text.withUTF8 { bytes -> [UInt8]? in
            var out: [UInt8]?
            var start = 0
            for index in bytes.indices where bytes[index] < 0x80 {
                guard let written = replacement(Unicode.Scalar(bytes[index])) else { continue }
                if out == nil { out = [UInt8](); out!.reserveCapacity(bytes.count + 16) }
                out!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                out!.append(contentsOf: written.utf8)
                start = index + 1
            }
            out?.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            return out
        }
        return rewritten.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// Whether `scalar` must not reach a reader's terminal or document as it is: a C0 control
    /// (tab and line feed included: callers that keep layout decide about those), DEL, a C1
    /// control, or a bidirectional embedding, override or isolate.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `scalar` written visibly: `\u{1B}`.
    private static func visible(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// Where a backslash keeps the start of `text` from opening a block, if it could: a heading
    /// (`#`), a list item (`-`, `+` or `1.` and a space), or a setext underline or thematic
    /// break (only `-` or `=`). (`*` and `>` are escaped everywhere.) A figure like `-3.5` or
    /// `44.5%` opens nothing and is left as it is.
    private static func blockMarker(in text: String) -> String.Index? {
        guard let first = text.first else { return nil }
        let second = text.dropFirst().first
        if first == "#" { return text.startIndex }
        if first == "-" || first == "+" || first == "=" {
            let opensBlock = second == nil || second == " " || text.allSatisfy { $0 == first || $0 == " " }
            return opensBlock ? text.startIndex : nil
        }
        guard first.isASCII, first.isNumber, let end = text.firstIndex(where: { !($0.isASCII && $0.isNumber) }),
              text[end] == "." || text[end] == ")" else { return nil }
        let after = text[text.index(after: end)...].first
        return after == nil || after == " " ? end : nil
    }

    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    private static func needsRewriting(_ scalar: Unicode.Scalar) -> Bool {
        isUnsafe(scalar) || isLineBreak(scalar)
    }
}
