import BaselineCore
import BaselineSchema

/// The options of the `code-themes` stage, as written in a pipeline file.
///
/// The codebook is read and checked when the pipeline is, so `baseline validate` reports a bad
/// codebook at its own line and column.
public struct CodeThemesConfiguration: Decodable, Sendable {
    /// The codebook file (YAML), if any.
    public var codebookFile: InputFile?
    /// A plain phrases file (one theme a line), if any.
    public var phrasesFile: InputFile?
    /// The themes: the codebook's, then the phrases file's.
    public var codebook: Codebook
    /// How many quotes to keep per theme.
    public var quotesPerTheme: Int
    /// The longest quote, in characters; longer ones are cut at a word and end in `…`.
    public var maxQuoteLength: Int

    enum CodingKeys: String, OptionKey { case codebook, redact, phrasesFile, quotesPerTheme, maxQuoteLength }

    /// Decodes the options and reads the codebook. `redact:` (names to redact, in earlier
    /// versions) is an error that says where the names moved: the pipeline's `privacy:`.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        codebookFile = try c.decodeIfPresent(InputFile.self, forKey: .codebook)
        phrasesFile = try c.decodeIfPresent(InputFile.self, forKey: .phrasesFile)
        quotesPerTheme = try c.decodeIfPresent(Int.self, forKey: .quotesPerTheme) ?? 3
        maxQuoteLength = try c.decodeIfPresent(Int.self, forKey: .maxQuoteLength) ?? 300
        if c.contains(.redact) {
            throw DecodingError.dataCorruptedError(forKey: .redact, in: c, debugDescription:
                "code-themes takes no `redact:` of its own — names to redact are listed once for the whole pipeline: move its "
                + "`names:` / `names_file:` to `privacy:` at the top level of the pipeline file, which redact and code-themes both use")
        }
        guard quotesPerTheme >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .quotesPerTheme, in: c, debugDescription: "quotes_per_theme must be 0 or more")
        }
        guard maxQuoteLength >= 40 else {
            throw DecodingError.dataCorruptedError(forKey: .maxQuoteLength, in: c, debugDescription: "max_quote_length must be at least 40 characters")
        }
        var codebook = Codebook(themes: [])
        if let codebookFile { codebook = try Codebook.load(yaml: codebookFile) }
        if let phrasesFile {
            codebook.themes += try Codebook.load(phrasesFile: phrasesFile, taken: Set(codebook.themes.map(\.id))).themes
        }
        guard codebookFile != nil || phrasesFile != nil else {
            throw DecodingError.keyNotFound(CodingKeys.codebook, .init(codingPath: decoder.codingPath,
                                                                       debugDescription: "name a codebook (YAML) or a phrases_file"))
        }
        self.codebook = codebook
    }
}
