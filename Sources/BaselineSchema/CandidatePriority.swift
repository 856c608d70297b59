import BaselineCore

/// A candidate priority for the workshop.
public struct CandidatePriority: Sendable, Codable, Equatable {
    /// The theme or indicator id.
    public var id: String
    /// Its name.
    public var name: String
    /// Why it is a candidate, in words: since 1.7 written by the `dashboard-json` sink from
    /// `evidence` (in the shared wording) for readers of earlier 1.x files; empty in a document
    /// the `priorities` stage has just made. Read `evidence` instead.
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
    /// What makes it a candidate, as data (since 1.7); `nil` in earlier baselines, whose
    /// `reason` is all there is.
    public var evidence: PriorityEvidence?

    /// Makes a candidate priority.
    public init(id: String, name: String, reason: String = "", indicators: [String], questions: [String], themes: [String],
                agreement: String? = nil, evidence: PriorityEvidence? = nil) {
        self.id = id
        self.name = name
        self.reason = reason
        self.indicators = indicators
        self.questions = questions
        self.themes = themes
        self.agreement = agreement
        self.evidence = evidence
    }
}
