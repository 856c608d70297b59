/// The options of the `text-report` sink.
public struct TextReportConfiguration: Decodable, Sendable {
    /// The base name of the two files (`report` → `report.md`, `report.txt`).
    public var name: String = "report"

    enum CodingKeys: String, CodingKey { case name }

    /// Decodes the options, with defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? "report"
    }

    /// The defaults.
    public init() {}
}
