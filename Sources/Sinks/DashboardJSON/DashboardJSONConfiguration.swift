import BaselineCore

/// The options of the `dashboard-json` sink.
public struct DashboardJSONConfiguration: Decodable, Sendable {
    /// The file name inside the output folder (checked to stay inside it).
    public var file: String = "baseline.json"

    enum CodingKeys: String, OptionKey { case file }

    /// Decodes the options, with defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        file = try c.decodeOutputName(forKey: .file) ?? "baseline.json"
    }

    /// The defaults.
    public init() {}
}
