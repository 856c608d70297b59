import BaselineCore

/// The options of the `min-words` stage.
public struct MinWordsConfiguration: Decodable, Sendable {
    /// The fewest words an excerpt needs to go on.
    public var minWords: Int

    enum CodingKeys: String, OptionKey { case minWords }

    /// Decodes the option, with its default, and checks it.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        minWords = try c.decodeIfPresent(Int.self, forKey: .minWords) ?? 3
        guard minWords >= 1 else {
            throw DecodingError.dataCorruptedError(forKey: .minWords, in: c, debugDescription: "min_words must be 1 or more")
        }
    }
}
