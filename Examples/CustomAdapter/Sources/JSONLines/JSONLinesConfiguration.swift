import BaselineCore

/// The options of a `json-lines` source, as written in a pipeline file.
///
/// Every key is documented in `README.md` beside this file and in `JSONLinesAdapter.options`.
public struct JSONLinesConfiguration: Decodable, Sendable {
    /// The JSON-lines file, relative to the pipeline file.
    public var path: InputFile
    /// The indicator id of every line, when the lines have no indicator field.
    public var indicator: String?
    /// The field holding the area code.
    public var areaField: String
    /// The field holding the period.
    public var periodField: String
    /// The field holding the indicator id (unless `indicator` is set).
    public var indicatorField: String
    /// The field holding the value.
    public var valueField: String

    enum CodingKeys: String, OptionKey { case path, indicator, areaField, periodField, indicatorField, valueField }

    /// Decodes the options, with defaults for the optional ones.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(InputFile.self, forKey: .path)
        indicator = try c.decodeIfPresent(String.self, forKey: .indicator)
        areaField = try c.decodeIfPresent(String.self, forKey: .areaField) ?? "area"
        periodField = try c.decodeIfPresent(String.self, forKey: .periodField) ?? "period"
        indicatorField = try c.decodeIfPresent(String.self, forKey: .indicatorField) ?? "indicator"
        valueField = try c.decodeIfPresent(String.self, forKey: .valueField) ?? "value"
        for (key, name) in [(CodingKeys.areaField, areaField), (.periodField, periodField), (.indicatorField, indicatorField), (.valueField, valueField)]
        where name.isEmpty {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(key.stringValue) must name a field")
        }
    }
}
