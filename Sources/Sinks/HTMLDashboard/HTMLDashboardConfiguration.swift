import BaselineCore

/// The options of the `html-dashboard` sink.
public struct HTMLDashboardConfiguration: Decodable, Sendable {
    /// The file name inside the output folder (checked to stay inside it).
    public var file: String = "dashboard.html"
    /// The dashboard's title; defaults to "<place> baseline, <period>".
    public var title: String?

    enum CodingKeys: String, OptionKey { case file, title }

    /// Decodes the options, with defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        file = try c.decodeOutputName(forKey: .file) ?? "dashboard.html"
        title = try c.decodeIfPresent(String.self, forKey: .title)
    }

    /// The defaults.
    public init() {}
}
