import BaselineCore
import Foundation

/// The options of an `interview-notes` source, as written in a pipeline file.
///
/// Every key is documented in `README.md` beside this file and in `InterviewNotesAdapter.options`.
public struct InterviewNotesConfiguration: Decodable, Sendable {
    /// The notes: a folder (read with its sub-folders), a glob such as `notes/*.md`, or one file.
    public var path: InputFolder
    /// Metadata taken from file names, such as `{date}_{kind}_{organisation}`.
    public var filenamePattern: FilenamePattern?
    /// Metadata for notes that give none in their front matter or file name.
    public var defaults: NoteMetadata
    /// How the bytes of the notes are read.
    public var encoding: NotesEncoding
    /// The most bytes of text one passage may have; a longer one is a bad record at its line.
    public var maxPassageBytes: Int
    /// The speakers whose turns are the interviewer's questions (`Alex Jones`, `Speaker 1`),
    /// as transcripts name them, beside the labels known already (`Q`, `Interviewer`…).
    public var interviewers: [String]

    /// The default `max_passage_bytes`: 1 MiB, hundreds of times a long paragraph.
    public static let defaultMaxPassageBytes = 1 << 20

    enum CodingKeys: String, OptionKey { case path, defaults, encoding, filenamePattern, maxPassageBytes, interviewers }

    /// Decodes the options, with defaults for the optional ones.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try InputFolder.decode(c, forKey: .path, holding: "notes")
        filenamePattern = try c.decodeIfPresent(FilenamePattern.self, forKey: .filenamePattern)
        defaults = try c.decodeIfPresent(NoteMetadata.self, forKey: .defaults) ?? NoteMetadata()
        encoding = try c.decodeIfPresent(NotesEncoding.self, forKey: .encoding) ?? .auto
        maxPassageBytes = try c.decodeIfPresent(Int.self, forKey: .maxPassageBytes) ?? Self.defaultMaxPassageBytes
        guard maxPassageBytes > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .maxPassageBytes, in: c, debugDescription:
                "max_passage_bytes must be a number of bytes above 0 — the default is \(Self.defaultMaxPassageBytes) (1 MiB)")
        }
        interviewers = try c.decodeIfPresent([String].self, forKey: .interviewers) ?? []
        if interviewers.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw DecodingError.dataCorruptedError(forKey: .interviewers, in: c, debugDescription:
                "interviewers: lists speakers as transcripts name them (Alex Jones, Speaker 1); a blank one names nobody — remove it")
        }
    }
}

/// What the notes say about themselves: the keys of the front matter, of `defaults` and of the
/// file-name pattern. Every value is text; `participants` may also be a list or a number.
public struct NoteMetadata: Decodable, Sendable, Equatable {
    /// What kind of material: interview, workshop, focus group…
    public var kind: String?
    /// When it happened.
    public var date: String?
    /// The role of the person (or people) speaking.
    public var role: String?
    /// Their organisation.
    public var organisation: String?
    /// The area the conversation was about.
    public var area: String?
    /// Who took part: a number, or names (redacted by the `redact` stage).
    public var participants: String?
    /// A title for the notes.
    public var title: String?

    /// The field names, in the order the README lists them.
    public static let fields = ["kind", "date", "role", "organisation", "area", "participants", "title"]

    enum CodingKeys: String, OptionKey { case kind, date, role, organisation, area, participants, title }

    /// No metadata.
    public init() {}

    /// Decodes a mapping of the known keys; anything else is an error.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        date = try c.decodeIfPresent(String.self, forKey: .date)
        role = try c.decodeIfPresent(String.self, forKey: .role)
        organisation = try c.decodeIfPresent(String.self, forKey: .organisation)
        area = try c.decodeIfPresent(String.self, forKey: .area)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        if let list = try? c.decodeIfPresent([String].self, forKey: .participants) {
            participants = list.joined(separator: ", ")
        } else {
            participants = try c.decodeIfPresent(String.self, forKey: .participants)
        }
    }

    /// The value of field `name`.
    subscript(name: String) -> String? {
        get {
            switch name {
            case "kind": kind
            case "date": date
            case "role": role
            case "organisation": organisation
            case "area": area
            case "participants": participants
            case "title": title
            default: nil
            }
        }
        set {
            switch name {
            case "kind": kind = newValue
            case "date": date = newValue
            case "role": role = newValue
            case "organisation": organisation = newValue
            case "area": area = newValue
            case "participants": participants = newValue
            case "title": title = newValue
            default: break
            }
        }
    }

    /// These values, with any gaps filled from `other`.
    func filling(from other: NoteMetadata) -> NoteMetadata {
        var result = self
        for field in Self.fields where result[field] == nil {
            result[field] = other[field]
        }
        return result
    }
}

/// How the notes' bytes are turned into text.
public enum NotesEncoding: String, Decodable, Sendable, CaseIterable {
    /// UTF-8 where the text is valid UTF-8, Windows-1252 where it is not (decided per passage).
    case auto
    /// UTF-8 only: a passage that is not valid UTF-8 is a bad record.
    case utf8 = "utf-8"
    /// Windows-1252 (the "ANSI" of Word and Notepad on Windows).
    case windows1252 = "windows-1252"

    /// Decodes a name, with a did-you-mean for a misspelt one.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = NotesEncoding(rawValue: text.lowercased()) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription:
                "unknown encoding '\(text)' — use one of: \(Self.allCases.map(\.rawValue).joined(separator: ", "))"))
        }
        self = value
    }
}

/// Metadata read from a file name: `{date}_{kind}_{organisation}` matches
/// `2025-03-04_interview_Riverside Housing.md`. A placeholder takes everything up to the text
/// that follows it in the pattern; the extension is not part of the match.
public struct FilenamePattern: Decodable, Sendable, Equatable {
    /// Literal text and placeholders, in order.
    enum Part: Equatable {
        case literal(String)
        case field(String)
    }

    let parts: [Part]

    /// Decodes and checks a pattern: every placeholder must be a metadata field (or `{_}` for a
    /// part to ignore) and placeholders must be separated by some literal text.
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        func fail(_ message: String) -> DecodingError {
            .dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: message))
        }
        var parts = [Part]()
        var rest = Substring(text)
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "{") else {
                parts.append(.literal(String(rest)))
                break
            }
            if open > rest.startIndex { parts.append(.literal(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw fail("filename_pattern '\(text)' has a '{' that is never closed — write placeholders as {field}")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard name == "_" || NoteMetadata.fields.contains(name) else {
                let known = NoteMetadata.fields + ["_"]
                let guess = closest(to: name, in: known).map { "did you mean '{\($0)}'?" } ?? "use one of: \(known.map { "{\($0)}" }.joined(separator: ", "))"
                throw fail("unknown placeholder '{\(name)}' in filename_pattern — \(guess)")
            }
            if case .field = parts.last {
                throw fail("filename_pattern '\(text)' has two placeholders side by side — put a separator such as '_' or '-' between them")
            }
            parts.append(.field(name))
            rest = rest[rest.index(after: close)...]
        }
        guard parts.contains(where: { if case .field = $0 { true } else { false } }) else {
            throw fail("filename_pattern '\(text)' has no placeholder — use fields such as {date}_{kind}_{organisation}")
        }
        self.parts = parts
    }

    /// The metadata in a file name (without folder and extension), or `nil` when it does not
    /// match the pattern.
    func match(_ name: String) -> NoteMetadata? {
        var metadata = NoteMetadata()
        var rest = Substring(name)
        for (index, part) in parts.enumerated() {
            switch part {
            case .literal(let text):
                guard rest.hasPrefix(text) else { return nil }
                rest = rest.dropFirst(text.count)
            case .field(let field):
                let value: Substring
                if index + 1 < parts.count, case .literal(let next) = parts[index + 1] {
                    guard let end = rest.range(of: next)?.lowerBound else { return nil }
                    value = rest[..<end]
                } else {
                    value = rest
                }
                guard !value.isEmpty else { return nil }
                if field != "_" { metadata[field] = String(value) }
                rest = rest[value.endIndex...]
            }
        }
        return rest.isEmpty ? metadata : nil
    }
}
