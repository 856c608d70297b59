/// Whether a higher value of an indicator is good news.
public enum Polarity: String, Sendable, Hashable, Codable, CaseIterable {
    /// Higher is better (school readiness, life expectancy).
    case highIsGood = "high_is_good"
    /// Lower is better (homelessness, child poverty).
    case lowIsGood = "low_is_good"
    /// Neither: compared as higher or lower, never better or worse.
    case noJudgement = "no_judgement"
}
