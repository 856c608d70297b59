import Foundation

/// The pipeline's `privacy:` block: what every stage that shows text must keep out of it.
///
/// The names to redact are listed here once, so that `redact` (which cleans the records) and
/// `code-themes` (which redacts every quote it keeps, whatever the order of the stages) use one
/// list, handed to both through `PipelineContext`.
public struct PrivacySettings: Decodable, Sendable {
    /// Names to replace with `[name]`, as written in the pipeline.
    public var names: [String]
    /// A file of names, one a line (blank lines and lines starting with `#` are skipped).
    public var namesFile: InputFile?
    /// Every name to redact: `names` and the lines of `names_file`, read when the pipeline is
    /// checked.
    public private(set) var allNames: [String]
    /// Whether each capitalised word of a listed name of several words is redacted when it
    /// stands alone (`Margaret` and `Ring` of `Margaret Ring`); `true` unless `name_parts: false`.
    public var nameParts: Bool
    /// Words of listed names never redacted alone, only within the whole name: common words that
    /// are also names (`Will`, `May`, `Hope`).
    public var namePartsKept: [String]

    enum CodingKeys: String, CodingKey {
        case names
        case namesFile = "names_file"
        case nameParts = "name_parts"
        case namePartsKept = "name_parts_kept"
    }

    /// Decodes the block and reads the names file.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        names = try c.decodeIfPresent([Name].self, forKey: .names)?.map(\.text) ?? []
        namesFile = try c.decodeIfPresent(InputFile.self, forKey: .namesFile)
        nameParts = try c.decodeIfPresent(Bool.self, forKey: .nameParts) ?? true
        namePartsKept = try c.decodeIfPresent([Name].self, forKey: .namePartsKept)?.map(\.text) ?? []
        allNames = names
        if let namesFile {
            let text = try TextFile.read(namesFile.resolved, path: namesFile.path, what: "the names file")
            allNames += Self.names(inFile: text)
        }
    }

    /// The given names (none by default): only the structural kinds (e-mail, phone, NHS
    /// number, postcode, street address) are redacted without them.
    public init(names: [String] = [], nameParts: Bool = true, namePartsKept: [String] = []) {
        self.names = names
        namesFile = nil
        allNames = names
        self.nameParts = nameParts
        self.namePartsKept = namePartsKept
    }

    /// A name as written in `names`: not blank, which is an error at the name itself.
    private struct Name: Decodable {
        var text: String

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            text = try container.decode(String.self)
            guard !text.allSatisfy(\.isWhitespace) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "a blank name — remove it, or write the name")
            }
        }
    }

    /// The names in a names file: one a line, skipping blank lines and `#` comments.
    static func names(inFile text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}
