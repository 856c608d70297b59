import BaselineCore

/// The options of the `benchmark` stage.
public struct BenchmarkConfiguration: Decodable, Sendable {
    /// Also compare at the 99.8% level (Fingertips' second level).
    public var level998: Bool
    /// How many of the latest periods the recent trend is tested over.
    public var trendPeriods: Int
    /// The two-sided confidence at which a trend counts as significant.
    public var trendSignificance: Double

    enum CodingKeys: String, OptionKey {
        case trendPeriods, trendSignificance
        case level998 = "level_998"
    }

    /// Decodes the options, with defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        level998 = try c.decodeIfPresent(Bool.self, forKey: .level998) ?? false
        trendPeriods = try c.decodeIfPresent(Int.self, forKey: .trendPeriods) ?? 5
        trendSignificance = try c.decodeIfPresent(Double.self, forKey: .trendSignificance) ?? 0.998
        guard trendPeriods >= 3 else {
            throw DecodingError.dataCorruptedError(forKey: .trendPeriods, in: c, debugDescription: "trend_periods must be at least 3")
        }
        guard trendSignificance > 0.5, trendSignificance < 1 else {
            throw DecodingError.dataCorruptedError(forKey: .trendSignificance, in: c,
                                                   debugDescription: "trend_significance is a confidence between 0.5 and 1, such as 0.998")
        }
    }

    /// The defaults.
    public init(level998: Bool = false, trendPeriods: Int = 5, trendSignificance: Double = 0.998) {
        self.level998 = level998
        self.trendPeriods = trendPeriods
        self.trendSignificance = trendSignificance
    }
}
