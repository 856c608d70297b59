/// The one option of a sink that names what it writes inside the output folder
/// (`dashboard-json`'s `file`, `csv-tables`' `folder`): its key, default and documentation, and
/// any rule of the sink's own. The sink's configuration is `OutputNameConfiguration<Self>`.
public protocol OutputNameOption: Sendable {
    /// The key in the pipeline file (`file`).
    static var key: String { get }
    /// The name when the pipeline gives none (`baseline.json`).
    static var defaultName: String { get }
    /// The value's type in words, for `options` (`file name`).
    static var type: String { get }
    /// What the name names, for `options` ("The file name inside the output folder"); the rule
    /// every such name follows is added.
    static var help: String { get }
    /// What is wrong with `name` by the sink's own rule, with what to do; `nil` when nothing is.
    static func problem(with name: String) -> String?
}

extension OutputNameOption {
    /// No rule of its own.
    public static func problem(with name: String) -> String? { nil }

    /// The option as `options` documents it.
    public static var option: OptionDoc { .outputName(key, type, default: defaultName, help) }
}

/// The configuration of a sink whose one option names what it writes inside the output folder:
/// the name, checked to stay inside it (and by the sink's own rule), or the default.
public struct OutputNameConfiguration<Option: OutputNameOption>: Decodable, Sendable {
    /// The name inside the output folder.
    public var name: String

    /// Decodes the option, with its default.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: OptionName.self)
        let key = OptionName(stringValue: Option.key)
        name = try c.decodeOutputName(forKey: key) ?? Option.defaultName
        if let problem = Option.problem(with: name) {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: problem)
        }
    }
}

/// The key of an `OutputNameConfiguration`, named by its option.
public struct OptionName: CodingKey {
    /// The key.
    public var stringValue: String
    /// None: options are named.
    public var intValue: Int? { nil }

    /// The key `stringValue`.
    public init(stringValue: String) {
        self.stringValue = stringValue
    }

    /// None: options are named.
    public init?(intValue: Int) { nil }
}
