import BaselineCore

/// A candidate priority for the workshop.
public struct CandidatePriority: Sendable, Codable, Equatable {
    /// The theme or indicator id.
    public var id: String
    /// Its name.
    public var name: String
    /// Why it is a candidate, in words.
    public var reason: String
    /// Indicator ids that bear on it.
    public var indicators: [String]
    /// Survey question ids that bear on it.
    public var questions: [String]
    /// Theme ids that bear on it.
    public var themes: [String]
    /// Whether the numbers and what people said agree: `agree` (both point to it),
    /// `numbers_only` (worse than benchmarks, little said), `voices_only` (much said, the numbers
    /// not worse); `nil` in baselines written before 1.2.
    public var agreement: String?

    /// Makes a candidate priority.
    public init(id: String, name: String, reason: String, indicators: [String], questions: [String], themes: [String],
                agreement: String? = nil) {
        self.id = id
        self.name = name
        self.reason = reason
        self.indicators = indicators
        self.questions = questions
        self.themes = themes
        self.agreement = agreement
    }
}
