import BaselineCore

/// The options of the `redact` stage, as written in a pipeline file: none of its own. The names
/// to redact are the pipeline's (`privacy: { names, names_file }`), one list shared with every
/// stage that shows text.
public struct RedactConfiguration: Decodable, Sendable {
    enum CodingKeys: String, OptionKey { case names, namesFile }

    /// Decodes the (empty) options; the names keys of earlier versions are an error at their
    /// place that says where they moved.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        for key in [CodingKeys.names, .namesFile] where c.contains(key) {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: Self.moved(key.stringValue))
        }
    }

    /// No options.
    public init() {}

    /// Where a names key moved to, for an error at the key.
    public static func moved(_ key: String) -> String {
        "names to redact are listed once for the whole pipeline, under `privacy:` — move `\(key):` there "
            + "(`privacy: { \(key): … }` at the top level of the pipeline file); every stage that shows text uses that list"
    }
}
