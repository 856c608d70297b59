import BaselineCore

/// The options of the `csv-tables` sink.
public struct CSVTablesConfiguration: Decodable, Sendable {
    /// The folder inside the output folder the tables go in (checked to stay inside it).
    public var folder: String = "tables"

    enum CodingKeys: String, OptionKey { case folder }

    /// Decodes the options, with defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        folder = try c.decodeOutputName(forKey: .folder) ?? "tables"
    }

    /// The defaults.
    public init() {}
}
