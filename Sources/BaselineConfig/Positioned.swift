import BaselineCore

/// An option's value with where the pipeline file writes it, so that a mistake that shows only
/// once the data is read (a filter that keeps nothing of its file) is said at the value's line
/// and column, as a mistake found while decoding is. The position is known when `NodeDecoder`
/// decodes it, unknown otherwise.
public struct Positioned<Value: Decodable & Sendable>: Decodable, Sendable {
    /// The value as decoded.
    public var value: Value
    /// The pipeline file, as the user named it.
    public var file: String?
    /// The 1-based line of the value.
    public var line: Int?
    /// The 1-based column of the value.
    public var column: Int?

    /// A value with no known position.
    public init(_ value: Value) {
        self.value = value
    }

    /// Decodes the value and, from a pipeline file, keeps its position.
    public init(from decoder: Decoder) throws {
        value = try Value(from: decoder)
        guard let decoder = decoder as? YAMLNodeDecoder else { return }
        file = decoder.state.file
        line = decoder.node.mark?.line
        column = decoder.node.mark?.column
    }
}
