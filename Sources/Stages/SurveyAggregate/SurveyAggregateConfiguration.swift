import BaselineCore

/// The options of the `survey-aggregate` stage.
public struct SurveyAggregateConfiguration: Decodable, Sendable {
    /// Results from fewer responses than this are suppressed (and so is any cell that would let
    /// someone subtract their way back to them).
    public var minGroupSize: Int

    enum CodingKeys: String, OptionKey { case minGroupSize }

    /// Decodes the options, with defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        minGroupSize = try c.decodeIfPresent(Int.self, forKey: .minGroupSize) ?? 10
        guard minGroupSize >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .minGroupSize, in: c, debugDescription: "min_group_size must be at least 1")
        }
    }

    /// The defaults.
    public init(minGroupSize: Int = 10) {
        self.minGroupSize = minGroupSize
    }
}
