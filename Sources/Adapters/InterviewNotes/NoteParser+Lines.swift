import Foundation

/// How one line of notes is read: each helper looks at the bytes of a line and says what it is.
extension NoteParser {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    /// The line without leading and trailing spaces and tabs.
    static func trim(_ line: Bytes) -> Bytes {
        var start = 0, end = line.count
        while start < end, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        return Bytes(rebasing: line[start..<end])
    }

    /// Whether the (trimmed) line is exactly three of `byte`: the `---` / `...` of front matter.
    static func isFence(_ line: Bytes, _ byte: UInt8) -> Bool {
        line.count == 3 && line[0] == byte && line[1] == byte && line[2] == byte
    }

    /// An ATX heading (`## Table 2`): its level and its text without the `#` marks.
    static func atxHeading(_ line: Bytes) -> (Int, Bytes)? {
        var level = 0
        while level < line.count, line[level] == 0x23 { level += 1 }
        guard (1...6).contains(level), level == line.count || line[level] == 0x20 || line[level] == 0x09 else { return nil }
        var text = trim(Bytes(rebasing: line[level...]))
        var end = text.count
        while end > 0, text[end - 1] == 0x23 { end -= 1 }
        if end < text.count, end == 0 || text[end - 1] == 0x20 {
            text = trim(Bytes(rebasing: text[..<end]))
        }
        return (level, text)
    }

    /// For a line made only of one of `-`, `*`, `_`, `=` (and spaces), that character: three or
    /// more make a rule (or, under a paragraph, a heading's underline).
    static func rule(_ line: Bytes) -> UInt8? {
        guard let first = line.first, first == 0x2D || first == 0x2A || first == 0x5F || first == 0x3D else { return nil }
        var count = 0
        for byte in line {
            if byte == first {
                count += 1
            } else if byte != 0x20 {
                return nil
            }
        }
        return count >= 3 ? first : nil
    }

    /// The text of a list item (`- `, `* `, `+ `, `1. `, `1) `), without a task box (`[ ] `).
    static func bulletContent(_ line: Bytes) -> Bytes? {
        var index = 0
        if let first = line.first, first == 0x2D || first == 0x2A || first == 0x2B {
            index = 1
        } else {
            while index < line.count, index < 9, line[index] &- 0x30 < 10 { index += 1 }
            guard index > 0, index < line.count, line[index] == 0x2E || line[index] == 0x29 else { return nil }
            index += 1
        }
        guard index == line.count || line[index] == 0x20 || line[index] == 0x09 else { return nil }
        var item = trim(Bytes(rebasing: line[index...]))
        if item.count >= 3, item[0] == 0x5B, item[2] == 0x5D, item[1] == 0x20 || item[1] | 0x20 == 0x78 {
            item = trim(Bytes(rebasing: item[3...]))
        }
        return item
    }

    // MARK: - Speaker turns

    /// A speaker turn at the start of the line — `Q:`, `A:`, `Sarah:`, `Participant 3:`,
    /// `**Dr Patel:**` — as its label, `question` or `answer`, and the text after it.
    ///
    /// A label is one to three words, each starting with a capital or a digit, at most 40
    /// bytes, and not one of the words notes use to label a line rather than a person
    /// (`Note:`, `Action:`, `Theme:`…). A named speaker must say something on the same line;
    /// `Q:` and `A:` may stand alone.
    static func turn(_ line: Bytes) -> (String, String, Bytes)? {
        var index = 0
        while index < 2, index < line.count, line[index] == 0x2A || line[index] == 0x5F { index += 1 }
        let start = index
        guard index < line.count, line[index] &- 0x41 < 26 else { return nil }
        var atWordStart = false
        while index < line.count, index - start <= 40 {
            let byte = line[index]
            if byte == 0x3A || byte == 0x2A || byte == 0x5F { break }
            if byte == 0x20 {
                guard !atWordStart else { return nil }
                atWordStart = true
            } else if atWordStart {
                guard byte &- 0x41 < 26 || byte &- 0x30 < 10 else { return nil }
                atWordStart = false
            } else {
                guard (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte == 0x2E || byte == 0x27 || byte == 0x2D else { return nil }
            }
            index += 1
        }
        let end = index
        while index < line.count, index - end < 2, line[index] == 0x2A || line[index] == 0x5F { index += 1 }
        guard end > start, !atWordStart, index < line.count, line[index] == 0x3A else { return nil }
        index += 1
        while index < line.count, index - end < 5, line[index] == 0x2A || line[index] == 0x5F { index += 1 }
        guard index == line.count || line[index] == 0x20 || line[index] == 0x09 else { return nil }
        let label = String(decoding: line[start..<end], as: UTF8.self)
        let words = label.split(separator: " ")
        guard words.count <= 3 else { return nil }
        let first = words[0].lowercased()
        guard !notSpeakers.contains(first) else { return nil }
        let rest = trim(Bytes(rebasing: line[index...]))
        if questionLabels.contains(first) || (first.hasPrefix("q") && first.dropFirst().allSatisfy(\.isNumber)) {
            return words.count == 1 ? (label, "question", rest) : nil
        }
        if answerLabels.contains(first) {
            return words.count == 1 ? (label, "answer", rest) : nil
        }
        return rest.isEmpty ? nil : (label, "answer", rest)
    }

    /// `question` for a turn whose label is the interviewer's (`Q`, `Q2`, `Interviewer`,
    /// `Facilitator`, `Moderator`), `answer` for anyone else's.
    static func turnKind(of label: String) -> String {
        let words = label.split(separator: " ")
        guard words.count == 1, let first = words.first?.lowercased() else { return "answer" }
        return questionLabels.contains(first) || (first.hasPrefix("q") && first.dropFirst().allSatisfy(\.isNumber)) ? "question" : "answer"
    }

    // MARK: - Otter.ai transcripts

    /// The speaker of an Otter.ai speaker line (`Speaker 1  0:03`, `Dr Priya Shah  12:41`): a
    /// name of one to three words (each starting with a capital, a digit or a letter beyond
    /// ASCII; at most 40 bytes; not a word that labels a line of notes), then two or more spaces
    /// or a tab, then a time `m:ss`, `mm:ss` or `h:mm:ss`, and nothing else. `nil` for any
    /// other line: a single space before the time (`Lunch 12:30`) is ordinary notes.
    static func otterLabel(_ line: Bytes) -> String? {
        // Asked of the first line of every paragraph: most end in no digit.
        guard let end = line.last, end &- 0x30 < 10,
              let last = line.lastIndex(where: { $0 == 0x20 || $0 == 0x09 }), isClock(Bytes(rebasing: line[(last + 1)...])) else { return nil }
        var gap = last
        while gap > 0, line[gap - 1] == 0x20 || line[gap - 1] == 0x09 { gap -= 1 }
        guard gap > 0, last > gap || line[last] == 0x09 else { return nil }
        let label = Bytes(rebasing: line[..<gap])
        guard label.count <= 40 else { return nil }
        var words = 0, atWordStart = true
        for byte in label {
            if byte == 0x20 {
                guard !atWordStart else { return nil }
                atWordStart = true
            } else if atWordStart {
                guard byte &- 0x41 < 26 || byte &- 0x30 < 10 || byte >= 0xC0 else { return nil }
                atWordStart = false
                words += 1
            } else {
                guard (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10 || byte >= 0x80 || byte == 0x2E || byte == 0x27 || byte == 0x2D else { return nil }
            }
        }
        guard (1...3).contains(words) else { return nil }
        let text = String(decoding: label, as: UTF8.self)
        guard !notSpeakers.contains(String(text.prefix { $0 != " " }).lowercased()) else { return nil }
        return text
    }

    /// Whether `bytes` are a time as Otter writes it: `m:ss`, `mm:ss`, `h:mm:ss` or `hh:mm:ss`.
    private static func isClock(_ bytes: Bytes) -> Bool {
        var groups = 0, digits = 0
        for byte in bytes {
            if byte &- 0x30 < 10 {
                digits += 1
            } else if byte == 0x3A, digits > 0, digits <= 2, groups == 0 || digits == 2 {
                groups += 1
                digits = 0
            } else {
                return false
            }
        }
        return (1...2).contains(groups) && digits == 2
    }

    /// Whether the (trimmed) line after an Otter speaker line is the turn's text: not blank, and
    /// not a heading, a rule, a list item or another speaker line.
    static func startsText(_ line: Bytes) -> Bool {
        !line.isEmpty && atxHeading(line) == nil && rule(line) == nil && bulletContent(line) == nil && otterLabel(line) == nil
    }

    /// Labels of a note's speaker line, which says who the whole note is from.
    /// (`Participant:` is not one: transcripts use it for a turn.)
    static let speakerLineLabels: Set<String> = ["speaker", "interviewee", "respondent"]
    /// How many lines after the front matter a speaker line may come: the note's title, date
    /// and who it is from stand in its first few lines.
    static let openingLineLimit = 10

    /// First words of the labels of a note's header lines beside its speaker line (`Date: 4 March
    /// 2025`, `Location: Millbrook library`): the note's details, not what was said.
    /// Only labels of when, where and with whom: a line such as `Notes: she said the bus never
    /// comes` is something said, and is kept.
    static let headerLabels: Set<String> = [
        "date", "time", "venue", "location", "place", "attendees", "present", "apologies", "interviewer", "duration",
    ]

    /// Whether `line` is a header line (`Date: 4 March 2025`): a short label of one to three
    /// words, the first one of `headerLabels`, a colon, and a value.
    static func isHeaderLine(_ line: Bytes) -> Bool {
        guard let colon = line.firstIndex(of: 0x3A), colon > 0, colon <= 30 else { return false }
        let label = String(decoding: line[..<colon], as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " *_"))
        let words = label.split(separator: " ")
        guard (1...3).contains(words.count), let first = words.first else { return false }
        return headerLabels.contains(first.lowercased())
    }

    /// Labels of the interviewer's or facilitator's turns.
    static let questionLabels: Set<String> = ["q", "question", "interviewer", "facilitator", "moderator"]
    /// Labels of the interviewee's turns, when not named.
    static let answerLabels: Set<String> = ["a", "answer", "response"]
    /// First words that label a line of notes rather than a speaker.
    static let notSpeakers: Set<String> = [
        "note", "notes", "nb", "ps", "action", "actions", "summary", "theme", "themes", "key", "example", "examples",
        "context", "background", "date", "time", "venue", "location", "attendees", "present", "apologies", "agenda",
        "outcome", "outcomes", "issue", "issues", "comment", "comments", "quote", "quotes", "update", "next", "decision",
        "decisions", "follow", "table", "priority", "priorities", "also", "but", "however", "challenge", "challenges",
        "strength", "strengths", "idea", "ideas", "why", "what", "how", "who", "when", "where", "source", "sources",
        "title", "re", "subject", "step", "steps", "risk", "risks", "result", "results", "feedback", "todo", "tbc",
        "http", "https", "mailto",
    ]
}
