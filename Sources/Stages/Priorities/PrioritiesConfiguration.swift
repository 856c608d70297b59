import BaselineCore

/// The options of the `priorities` stage.
public struct PrioritiesConfiguration: Decodable, Sendable {
    /// The most candidates to list.
    public var limit: Int
    /// A theme with at least this share (percent) of all theme mentions counts as raised by people.
    public var shareOfMentions: Double
    /// A linked survey question answered positively by fewer than this share (percent) is a concern.
    public var positiveBelow: Double

    enum CodingKeys: String, OptionKey { case limit, shareOfMentions, positiveBelow }

    /// Decodes the options, with defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        limit = try c.decodeIfPresent(Int.self, forKey: .limit) ?? 8
        shareOfMentions = try c.decodeIfPresent(Double.self, forKey: .shareOfMentions) ?? 5
        positiveBelow = try c.decodeIfPresent(Double.self, forKey: .positiveBelow) ?? 50
        guard limit >= 1 else { throw DecodingError.dataCorruptedError(forKey: .limit, in: c, debugDescription: "limit must be at least 1") }
        guard (0...100).contains(shareOfMentions) else {
            throw DecodingError.dataCorruptedError(forKey: .shareOfMentions, in: c, debugDescription: "share_of_mentions is a percentage, 0 to 100")
        }
        guard (0...100).contains(positiveBelow) else {
            throw DecodingError.dataCorruptedError(forKey: .positiveBelow, in: c, debugDescription: "positive_below is a percentage, 0 to 100")
        }
    }

    /// The defaults.
    public init(limit: Int = 8, shareOfMentions: Double = 5, positiveBelow: Double = 50) {
        self.limit = limit
        self.shareOfMentions = shareOfMentions
        self.positiveBelow = positiveBelow
    }
}
