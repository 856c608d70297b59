import BaselineConfig
import BaselineCore
import BaselineSchema
import BaselineText
import Foundation
import Yams

/// The themes excerpts and free-text answers are coded to, read from a codebook file (YAML)
/// or a plain phrases file.
///
/// ```yaml
/// themes:
///   - id: housing
///     name: Housing
///     phrases: [housing]
///     themes:                       # narrower themes: housing > homelessness
///       - id: homelessness
///         name: Homelessness
///         phrases: [homeless, homelessness, rough sleeping]
///         synonyms: [sofa surfing, no fixed abode]
///         exclude: [homeless health team]
///         indicators: [HOMELESS_RATE]
///         questions: [partners_trust]
/// ```
///
/// Every problem is a `BaselineError` at the codebook's line and column.
public struct Codebook: Sendable, Equatable {
    /// One theme, flattened out of the tree.
    public struct Theme: Sendable, Equatable {
        /// The stable id, also the inline code (`#homelessness`).
        public var id: String
        /// The name for reports.
        public var name: String
        /// The id of the broader theme it sits under.
        public var parent: String?
        /// Phrases and synonyms that code a passage to it.
        public var phrases: [String]
        /// Phrases that cancel a match of one of its phrases lying inside them.
        public var exclusions: [String]
        /// Indicator ids that bear on it.
        public var indicators: [String]
        /// Survey question ids that bear on it.
        public var questions: [String]
        /// Passages the facilitator wants quoted for it, whatever their rank (`pin:`).
        public var pinned: [QuoteReference] = []
        /// Passages never to be quoted for it (`veto:`).
        public var vetoed: [QuoteReference] = []
    }

    /// A passage named in the codebook by file and line: `2025-02-20_interview_police-inspector.md:12`
    /// (the file's name, or the end of its path, and the line the passage starts on).
    public struct QuoteReference: Sendable, Equatable, Hashable {
        /// The file's name or the end of its path.
        public var file: String
        /// The line the passage starts on.
        public var line: Int

        /// Whether the passage at `provenance` is this one.
        public func matches(_ provenance: Provenance) -> Bool {
            provenance.line == line && (provenance.file == file || provenance.file.hasSuffix("/" + file))
        }

        /// As the codebook writes it: `file:line`.
        public var text: String { "\(file):\(line)" }
    }

    /// Every theme, each broader theme before the narrower ones under it.
    public var themes: [Theme]

    /// Makes a codebook from themes.
    public init(themes: [Theme]) {
        self.themes = themes
    }

    // MARK: - Loading

    /// Reads a codebook YAML file.
    public static func load(yaml file: InputFile) throws -> Codebook {
        let text = try readText(file)
        let node = try YAMLText.compose(text, file: file.path, what: "the codebook")
        guard let node else {
            throw BaselineError(file: file.path, line: 1, column: 1, "the codebook is empty", hint: "list themes under 'themes:'")
        }
        let registry = ThemeIDs()
        let spec = try NodeDecoder(file: file.path, userInfo: [.themeIDs: registry]).decode(CodebookFile.self, from: node)
        var themes = [Theme]()
        func flatten(_ specs: [ThemeSpec], parent: String?) {
            for spec in specs {
                themes.append(Theme(id: spec.id.value, name: spec.name ?? spec.id.value, parent: parent,
                                    phrases: (spec.phrases + spec.synonyms).map(\.text), exclusions: spec.exclude.map(\.text),
                                    indicators: spec.indicators, questions: spec.questions, pinned: spec.pin, vetoed: spec.veto))
                flatten(spec.themes, parent: spec.id.value)
            }
        }
        flatten(spec.themes, parent: nil)
        return Codebook(themes: themes)
    }

    /// Reads a plain phrases file: one theme a line, named by the line and coded by it as a
    /// phrase; blank lines and lines starting with `#` are skipped. A line whose id is in
    /// `taken` (the ids of a codebook it is added to) is an error at that line.
    public static func load(phrasesFile file: InputFile, taken: Set<String> = []) throws -> Codebook {
        var themes = [Theme]()
        var seen = [String: Int]()
        for (index, line) in try readText(file).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let phrase = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !phrase.isEmpty, !phrase.hasPrefix("#") else { continue }
            let id = slug(phrase)
            guard !id.isEmpty else {
                throw BaselineError(file: file.path, line: index + 1, column: 1, "'\(phrase)' has no words to match",
                                    hint: "write a word or phrase on each line")
            }
            if let first = seen[id] {
                throw BaselineError(file: file.path, line: index + 1, column: 1,
                                    "'\(phrase)' makes the theme id '\(id)', already made by line \(first)", hint: "keep one of the two lines")
            }
            if taken.contains(id) {
                throw BaselineError(file: file.path, line: index + 1, column: 1, "'\(phrase)' makes the theme id '\(id)', which the codebook has",
                                    hint: "remove the line, or add the phrase to that theme in the codebook")
            }
            seen[id] = index + 1
            themes.append(Theme(id: id, name: phrase, parent: nil, phrases: [phrase], exclusions: [], indicators: [], questions: []))
        }
        return Codebook(themes: themes)
    }

    /// A theme id made from a phrase: lower-case words joined by `-` (`Care leavers` → `care-leavers`).
    static func slug(_ phrase: String) -> String {
        var words = [String]()
        var text = phrase
        text.withUTF8 { bytes in
            var scanner = WordScanner(bytes)
            while let range = scanner.next() {
                words.append(String(decoding: bytes[range].map(WordScanner.lowercase), as: UTF8.self))
            }
        }
        return words.joined(separator: "-")
    }

    private static func readText(_ file: InputFile) throws -> String {
        try TextFile.read(file.resolved, path: file.path, what: "the codebook")
    }
}

// MARK: - The file's shape

/// The top of a codebook file.
struct CodebookFile: Decodable {
    var title: String?
    var description: String?
    var themes: [ThemeSpec]

    enum CodingKeys: String, OptionKey { case title, description, themes }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        themes = try c.decode([ThemeSpec].self, forKey: .themes)
        guard !themes.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .themes, in: c, debugDescription: "the codebook lists no themes")
        }
    }
}

/// One theme as written, with the narrower themes under it.
struct ThemeSpec: Decodable {
    var id: ThemeID
    var name: String?
    var description: String?
    var phrases: [Phrase]
    var synonyms: [Phrase]
    var exclude: [Phrase]
    var indicators: [String]
    var questions: [String]
    var themes: [ThemeSpec]
    var pin: [Codebook.QuoteReference]
    var veto: [Codebook.QuoteReference]

    enum CodingKeys: String, OptionKey { case id, name, description, phrases, synonyms, exclude, indicators, questions, themes, pin, veto }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(ThemeID.self, forKey: .id)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        phrases = try c.decodeIfPresent([Phrase].self, forKey: .phrases) ?? []
        synonyms = try c.decodeIfPresent([Phrase].self, forKey: .synonyms) ?? []
        exclude = try c.decodeIfPresent([Phrase].self, forKey: .exclude) ?? []
        indicators = try c.decodeIfPresent([String].self, forKey: .indicators) ?? []
        questions = try c.decodeIfPresent([String].self, forKey: .questions) ?? []
        themes = try c.decodeIfPresent([ThemeSpec].self, forKey: .themes) ?? []
        pin = try c.decodeIfPresent([Codebook.QuoteReference].self, forKey: .pin) ?? []
        veto = try c.decodeIfPresent([Codebook.QuoteReference].self, forKey: .veto) ?? []
    }
}

extension Codebook.QuoteReference: Decodable {
    /// Reads `file:line`; anything else is an error at its place in the codebook.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let colon = text.lastIndex(of: ":"), let line = Int(text[text.index(after: colon)...]), line > 0,
              colon != text.startIndex else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription:
                "'\(text)' should name a passage as file:line (the notes file's name and the line the passage starts on, e.g. 2025-02-20_interview_police-inspector.md:12)")
        }
        self.init(file: String(text[..<colon]), line: line)
    }
}

/// A theme id: letters, digits, `-` and `_`, unique in the codebook.
struct ThemeID: Decodable {
    var value: String

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        value = try container.decode(String.self)
        guard !value.isEmpty, value.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription:
                "theme id '\(value)' should be letters, digits, '-' and '_' only (it is also the inline code, #\(value))")
        }
        if let registry = decoder.userInfo[.themeIDs] as? ThemeIDs, !registry.seen.insert(value.lowercased()).inserted {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "theme id '\(value)' is used twice — give each theme its own id")
        }
    }
}

/// A phrase: text with at least one word in it.
struct Phrase: Decodable {
    var text: String

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        text = try container.decode(String.self)
        guard !Codebook.slug(text).isEmpty else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "the phrase '\(text)' has no words to match — remove it")
        }
    }
}

/// The theme ids seen so far while decoding one codebook.
final class ThemeIDs {
    var seen = Set<String>()
}

extension CodingUserInfoKey {
    /// The `ThemeIDs` of the codebook being decoded.
    static let themeIDs = CodingUserInfoKey(rawValue: "placebaseline.codeThemes.themeIDs")!
}
