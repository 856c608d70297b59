import Foundation

/// How the lines of a WebVTT transcript are read: Microsoft Teams and Zoom save meeting
/// transcripts as WebVTT (`.vtt`), cue by cue:
///
/// ```text
/// WEBVTT
///
/// 5b7b0a9e-4d93-4d4c-a5b1-0c2e9b0c1e2f/11-0
/// 00:00:03.520 --> 00:00:08.160
/// <v Sam Patel>The biggest problem is housing.</v>
/// ```
///
/// Zoom writes the speaker as `Sam Patel: The biggest…` instead of a voice tag. Each helper
/// looks at the bytes of one (trimmed) line; `NoteParser.feedCue` keeps the state.
extension NoteParser {
    /// Whether the line is the `WEBVTT` line that opens a WebVTT file (followed by nothing, or
    /// by a space or tab and a title).
    static func isWebVTTHeader(_ line: Bytes) -> Bool {
        let word: [UInt8] = Array("WEBVTT".utf8)
        guard line.count >= word.count, line.prefix(word.count).elementsEqual(word) else { return false }
        return line.count == word.count || line[word.count] == 0x20 || line[word.count] == 0x09
    }

    /// Whether the line opens a block that holds no text of the meeting: a `NOTE` (a comment),
    /// a `STYLE` or a `REGION` block.
    static func isCueComment(_ line: Bytes) -> Bool {
        let note: [UInt8] = Array("NOTE".utf8)
        if line.count >= 4, line.prefix(4).elementsEqual(note), line.count == 4 || line[4] == 0x20 || line[4] == 0x09 { return true }
        return line.elementsEqual("STYLE".utf8) || line.elementsEqual("REGION".utf8)
    }

    /// Whether the line holds `-->`, which makes it a cue's timing line.
    static func hasArrow(_ line: Bytes) -> Bool {
        guard line.count >= 3 else { return false }
        for index in 0...(line.count - 3) where line[index] == 0x2D && line[index + 1] == 0x2D && line[index + 2] == 0x3E {
            return true
        }
        return false
    }

    /// Whether a line with `-->` is a timing line: a time, `-->`, a time, then any cue settings
    /// (`00:00:03.520 --> 00:00:08.160 align:start`). A time is `[hours:]minutes:seconds` with
    /// an optional fraction after `.` (or `,`, as SubRip writes it).
    static func isTimingLine(_ line: Bytes) -> Bool {
        var arrow = 0
        while arrow + 2 < line.count, !(line[arrow] == 0x2D && line[arrow + 1] == 0x2D && line[arrow + 2] == 0x3E) { arrow += 1 }
        guard arrow + 2 < line.count else { return false }
        let start = trim(Bytes(rebasing: line[..<arrow]))
        let rest = trim(Bytes(rebasing: line[(arrow + 3)...]))
        guard timeLength(start) == start.count, let end = timeLength(rest) else { return false }
        return end == rest.count || rest[end] == 0x20 || rest[end] == 0x09
    }

    /// Whether the line starts as a timing line does: a time (its fields in range or not) and
    /// then `-->`. Any other line of a cue is its text, even with `-->` in it (`prices --> up`).
    static func startsWithTiming(_ line: Bytes) -> Bool {
        guard let time = timeLength(line, checkingRanges: false) else { return false }
        let rest = trim(Bytes(rebasing: line[time...]))
        return rest.count >= 3 && rest[0] == 0x2D && rest[1] == 0x2D && rest[2] == 0x3E
    }

    /// Whether a letter comes before the line's first `-->`: text (`Ann: prices --> up`), not
    /// a timing line gone wrong (`00:00:03.000 --> garbage`, `-->`).
    static func hasWordBeforeArrow(_ line: Bytes) -> Bool {
        var index = 0
        while index + 2 < line.count, !(line[index] == 0x2D && line[index + 1] == 0x2D && line[index + 2] == 0x3E) {
            if (line[index] | 0x20) &- 0x61 < 26 || line[index] >= 0x80 { return true }
            index += 1
        }
        return false
    }

    /// The length of the time at the start of `bytes`, or `nil` when it does not start with one.
    /// Minutes and seconds are below 60 (`99:99:99.999` is no time), unless `checkingRanges`
    /// is false.
    private static func timeLength(_ bytes: Bytes, checkingRanges: Bool = true) -> Int? {
        var index = 0
        var fields = [Int]()
        while true {
            let start = index
            var value = 0
            while index < bytes.count, index - start < 10, bytes[index] &- 0x30 < 10 {
                value = value * 10 + Int(bytes[index] &- 0x30)
                index += 1
            }
            guard index > start else { return nil }
            fields.append(value)
            guard fields.count < 3, index < bytes.count, bytes[index] == 0x3A else { break }
            index += 1
        }
        guard fields.count >= 2 else { return nil }
        // Hours are unbounded; minutes and seconds are the last two fields.
        if checkingRanges, fields.suffix(2).contains(where: { $0 > 59 }) { return nil }
        if index < bytes.count, bytes[index] == 0x2E || bytes[index] == 0x2C {
            let start = index + 1
            index = start
            while index < bytes.count, index - start < 9, bytes[index] &- 0x30 < 10 { index += 1 }
            guard index > start else { return nil }
        }
        return index
    }

    /// The text of one line of a cue, its tags taken out and its character references (`&amp;`)
    /// read, in segments: a voice tag (`<v Sam Patel>`, `<v.loud Sam>`) starts a segment with
    /// that voice (empty when the tag names none); the first segment's voice is `nil` (the
    /// cue's voice so far). Other tags (`</v>`, `<i>`, `<c.yellow>`, `<00:00:05.000>`) are
    /// dropped; a `<` that starts no tag is kept as text.
    static func cueSegments(_ line: Bytes) -> [(voice: [UInt8]?, text: [UInt8])] {
        var segments = [(voice: [UInt8]?, text: [UInt8])]()
        var voice: [UInt8]?
        var text = [UInt8]()
        text.reserveCapacity(line.count)
        var index = 0
        while index < line.count {
            let byte = line[index]
            if byte == 0x3C, isVoiceStart(line, at: index), tagEnd(line, from: index) == nil {
                // A malformed voice tag (`<v <script>…</script>>`): taken out whole, its
                // speaker unknown; one never closed runs to the end of the line, as WebVTT reads
                // it (`hasUnclosedVoiceTag` sets such a cue aside first).
                segments.append((voice, text))
                text.removeAll(keepingCapacity: true)
                voice = []
                guard let close = nestedTagEnd(line, from: index) else { break }
                index = close + 1
            } else if byte == 0x3C, let close = tagEnd(line, from: index) {
                let tag = Bytes(rebasing: line[(index + 1)..<close])
                if tag.count >= 1, tag[0] == 0x76, tag.count == 1 || tag[1] == 0x2E || tag[1] == 0x20 || tag[1] == 0x09 {
                    segments.append((voice, text))
                    text.removeAll(keepingCapacity: true)
                    // The annotation is what follows the tag's name and classes (`v.loud`).
                    var name = [UInt8]()
                    if let space = tag.firstIndex(where: { $0 == 0x20 || $0 == 0x09 }) {
                        name = decodingReferences(trim(Bytes(rebasing: tag[space...])))
                    }
                    voice = name
                } else if text.last != 0x20, close + 1 < line.count, line[close + 1] != 0x20, tag.first.map({ $0 &- 0x30 < 10 }) == true {
                    // A timestamp tag between two words (karaoke-style cues) stands for a pause.
                    text.append(0x20)
                }
                index = close + 1
            } else if byte == 0x26, let (decoded, end) = reference(line, at: index) {
                text += decoded
                index = end
            } else {
                text.append(byte)
                index += 1
            }
        }
        segments.append((voice, text))
        return segments
    }

    /// Whether a voice tag opens at `start`: `<v` and then a space, tab, `.` or `>`.
    private static func isVoiceStart(_ line: Bytes, at start: Int) -> Bool {
        guard start + 2 < line.count, line[start + 1] == 0x76 else { return false }
        return [0x20, 0x09, 0x2E, 0x3E].contains(line[start + 2])
    }

    /// The index of the `>` that closes the `<` at `start`, counting the `<` and `>` between.
    private static func nestedTagEnd(_ line: Bytes, from start: Int) -> Int? {
        var depth = 0
        for index in start..<line.count {
            if line[index] == 0x3C { depth += 1 } else if line[index] == 0x3E { depth -= 1 }
            if depth == 0 { return index }
        }
        return nil
    }

    /// Whether a line of a cue opens a voice tag it never closes (`<v Dan Jones housing…`):
    /// who speaks and what is said cannot be told apart.
    static func hasUnclosedVoiceTag(_ line: Bytes) -> Bool {
        for index in 0..<line.count where line[index] == 0x3C && isVoiceStart(line, at: index) {
            if tagEnd(line, from: index) == nil, nestedTagEnd(line, from: index) == nil { return true }
        }
        return false
    }

    /// The index of the `>` that ends the tag opening at `start`, when the `<` starts a tag:
    /// a letter, `/` or a digit (a timestamp) follows it, and a `>` comes later on the line.
    private static func tagEnd(_ line: Bytes, from start: Int) -> Int? {
        guard start + 1 < line.count else { return nil }
        let next = line[start + 1]
        guard (next | 0x20) &- 0x61 < 26 || next == 0x2F || next &- 0x30 < 10 else { return nil }
        var index = start + 2
        while index < line.count, line[index] != 0x3E {
            if line[index] == 0x3C { return nil }
            index += 1
        }
        return index < line.count ? index : nil
    }

    /// `bytes` with its character references read.
    private static func decodingReferences(_ bytes: Bytes) -> [UInt8] {
        var out = [UInt8]()
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x26, let (decoded, end) = reference(bytes, at: index) {
                out += decoded
                index = end
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }

    /// Character references WebVTT files use, by name, as UTF-8.
    private static let namedReferences: [String: [UInt8]] = [
        "amp": [0x26], "lt": [0x3C], "gt": [0x3E], "quot": [0x22], "apos": [0x27], "nbsp": [0x20], "lrm": [], "rlm": [],
    ]

    /// The character reference at `start` (`&amp;`, `&#39;`, `&#x2019;`) as UTF-8, and the index
    /// after it; `nil` for a `&` that starts none (then kept as it is).
    private static func reference(_ line: Bytes, at start: Int) -> ([UInt8], Int)? {
        var index = start + 1
        while index < line.count, index - start <= 10, line[index] != 0x3B { index += 1 }
        guard index < line.count, line[index] == 0x3B, index > start + 1 else { return nil }
        let name = String(decoding: line[(start + 1)..<index], as: UTF8.self)
        if let bytes = namedReferences[name] { return (bytes, index + 1) }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return (Array(String(Character(scalar)).utf8), index + 1)
    }

    /// A speaker at the start of a cue's text as Zoom writes it (`Jo Bloggs: I think…`): the
    /// label and the text after it. The label is a display name: up to 64 bytes and six words,
    /// starting with a capital, a digit or a letter beyond ASCII, of letters, digits, spaces and
    /// `.'-(),/&@_` (`Patel, Sam (Council)`), and not a word that labels a line of notes
    /// (`Note:`); text must follow it.
    static func cueLabel(_ text: [UInt8]) -> (label: [UInt8], rest: [UInt8])? {
        text.withUnsafeBufferPointer { bytes in
            let line = trim(bytes)
            guard let colon = line.prefix(65).firstIndex(of: 0x3A), colon > 0,
                  colon + 1 < line.count, line[colon + 1] == 0x20 || line[colon + 1] == 0x09 else { return nil }
            let label = trim(Bytes(rebasing: line[..<colon]))
            guard let first = label.first, first &- 0x41 < 26 || first &- 0x30 < 10 || first >= 0x80 else { return nil }
            var words = 1
            for (offset, byte) in label.enumerated() {
                if byte == 0x20 {
                    if label[offset - 1] != 0x20 { words += 1 }
                    continue
                }
                guard (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte >= 0x80 || ".'-(),/&@_".utf8.contains(byte) else { return nil }
            }
            guard words <= 6 else { return nil }
            let firstWord = String(decoding: label.prefix { $0 != 0x20 }, as: UTF8.self).lowercased()
            guard !notSpeakers.contains(firstWord) else { return nil }
            let rest = trim(Bytes(rebasing: line[(colon + 1)...]))
            guard !rest.isEmpty else { return nil }
            return (Array(label), Array(rest))
        }
    }

    // MARK: - Why a transcript's lines are set aside

    static let unclosedVoiceReason = "a voice tag with no closing '>' (such as <v Sam Patel>): who speaks cannot be told from what is said,"
        + " the cue's text is not read — close the tag after the speaker's name"
    static let notWebVTTReason = "not a WebVTT transcript: a .vtt file starts with a line 'WEBVTT', and this one does not"
        + " — save the transcript again from Teams or Zoom, or save the file as .txt or .md if it holds notes"
    static let noTimingReason = "a block of the transcript with no timing line (such as 00:00:03.520 --> 00:00:08.160): its text is not read"
        + " — add the cue's timing line, or start the block with NOTE if it is a comment"
    static let badTimingReason = "a cue timing line that is not 'start --> end' (such as 00:00:03.520 --> 00:00:08.160),"
        + " minutes and seconds below 60: the cue's text is not read — correct the times, or save the transcript again from Teams or Zoom"
    static let arrowInTextReason = "a line with '-->' where a cue's timing line belongs (such as 00:00:03.520 --> 00:00:08.160):"
        + " the cue's text is not read — if it is the text of a cue, put it under the cue's timing line"
        + " (WebVTT does not allow '-->' at the start of a cue, write '->' there), or start the block with NOTE if it is a comment"
}
