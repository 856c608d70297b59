/// Where a record came from, so that any figure in a baseline can be traced to its input.
///
/// `file` is the path as the pipeline names it (relative to the pipeline file), never an
/// absolute path, so that outputs are the same on every machine.
///
/// Optional fields are spelled `Optional<T>`, not `T?`, so that they have no implicit `nil`
/// default and a provenance is built in place (see `Observation`).
public struct Provenance: Sendable, Hashable, Codable {
    /// The id of the source (the `id:` of the pipeline's `sources:` entry).
    public var source: String
    /// The input file, relative to the pipeline file.
    public var file: String
    /// The 1-based line the record starts on, where the input has lines.
    public var line: Optional<Int>
    /// The 1-based column (or field number for CSV), where one applies.
    public var column: Optional<Int>
    /// A path inside a structured input: an XML element path, an SDMX series key, a heading.
    public var path: Optional<String>

    /// Makes a provenance; only `source` and `file` are required. (Inlinable, so that
    /// a reader builds it in place.)
    @inlinable
    public init(source: String, file: String, line: Int? = nil, column: Int? = nil, path: String? = nil) {
        self.source = source
        self.file = file
        self.line = line
        self.column = column
        self.path = path
    }

    /// `file:line:column`, as far as known: the form every message uses.
    public var location: String {
        var text = file
        if let line { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text
    }
}
