import BaselineCore

/// A theme from notes and free-text answers.
public struct ThemeResult: Sendable, Codable, Equatable {
    /// The stable theme id.
    public var id: String
    /// The theme's name.
    public var name: String
    /// Excerpts coded to it.
    public var mentions: Int
    /// Distinct documents or respondents that mention it.
    public var sources: Int
    /// Mentions by role, organisation and kind.
    public var breakdown: [String: [String: Int]]
    /// Representative quotes, redacted.
    public var quotes: [Quote]
    /// The id of the broader theme it sits under (`housing` for `homelessness`), if any.
    public var parent: String?
    /// Distinct notes documents that mention it.
    public var documents: Int
    /// Distinct survey respondents whose free text mentions it.
    public var respondents: Int
    /// Other themes coded in the same excerpts or answers, by theme id: how many of this
    /// theme's mentions they share.
    public var coOccurring: [String: Int]
    /// Indicator ids that bear on it, from the codebook.
    public var indicators: [String]
    /// Survey question ids that bear on it, from the codebook.
    public var questions: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, mentions, sources, breakdown, quotes
        case parent, documents, respondents, indicators, questions
        case coOccurring = "co_occurring"
    }

    /// Decodes a theme; the fields added with theme coding default to empty, so baselines
    /// written before them still read.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        mentions = try c.decode(Int.self, forKey: .mentions)
        sources = try c.decode(Int.self, forKey: .sources)
        breakdown = try c.decode([String: [String: Int]].self, forKey: .breakdown)
        quotes = try c.decode([Quote].self, forKey: .quotes)
        parent = try c.decodeIfPresent(String.self, forKey: .parent)
        documents = try c.decodeIfPresent(Int.self, forKey: .documents) ?? 0
        respondents = try c.decodeIfPresent(Int.self, forKey: .respondents) ?? 0
        coOccurring = try c.decodeIfPresent([String: Int].self, forKey: .coOccurring) ?? [:]
        indicators = try c.decodeIfPresent([String].self, forKey: .indicators) ?? []
        questions = try c.decodeIfPresent([String].self, forKey: .questions) ?? []
    }

    /// Makes a theme result.
    public init(id: String, name: String, mentions: Int, sources: Int, breakdown: [String: [String: Int]], quotes: [Quote],
                parent: String? = nil, documents: Int = 0, respondents: Int = 0, coOccurring: [String: Int] = [:],
                indicators: [String] = [], questions: [String] = []) {
        self.id = id
        self.name = name
        self.mentions = mentions
        self.sources = sources
        self.breakdown = breakdown
        self.quotes = quotes
        self.parent = parent
        self.documents = documents
        self.respondents = respondents
        self.coOccurring = coOccurring
        self.indicators = indicators
        self.questions = questions
    }
}

/// A quote with who said it and where it is.
public struct Quote: Sendable, Codable, Equatable {
    /// The redacted text.
    public var text: String
    /// Who said it, as far as the notes say (role, organisation).
    public var attribution: String
    /// Where it is.
    public var provenance: Provenance

    /// Makes a quote.
    public init(text: String, attribution: String, provenance: Provenance) {
        self.text = text
        self.attribution = attribution
        self.provenance = provenance
    }
}
