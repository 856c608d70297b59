/// An indicator id named by a sink's option (the dashboard map's `indicator:`). While the
/// pipeline is checked it is looked up in the indicator catalogues the pipeline's stages define
/// (`DefinesIndicators`), so a typo is an error at its line, with a did-you-mean, from `baseline
/// validate` on; with no such stage (or decoded outside a pipeline, as a sample is) nothing is checked.
public struct IndicatorReference: Sendable, Hashable, Decodable {
    /// The id as written.
    public var id: String

    /// Names an id, unchecked.
    public init(_ id: String) {
        self.id = id
    }

    /// Decodes the id and checks it against the catalogues the decoder is given
    /// (`CodingUserInfoKey.definedIndicators`).
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        id = try container.decode(String.self)
        guard let defined = decoder.userInfo[.definedIndicators] as? [DefinedIndicators], !defined.isEmpty else { return }
        let ids = defined.flatMap(\.ids)
        guard !ids.contains(id) else { return }
        let files = defined.map(\.file).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let hint = closest(to: id, in: ids).map { "did you mean '\($0)'?" }
            ?? "name one of its ids: " + ids.prefix(8).map { "'\($0)'" }.joined(separator: ", ") + (ids.count > 8 ? "…" : "")
        throw DecodingError.dataCorruptedError(in: container, debugDescription:
            "indicator '\(id)' is not in the indicator catalogue (\(files.joined(separator: ", "))) — \(hint)")
    }
}

/// The indicator ids one stage's catalogue defines, and the catalogue as the pipeline names it.
public struct DefinedIndicators: Sendable, Equatable {
    /// The catalogue file as the pipeline names it, for messages.
    public var file: String
    /// The ids it defines.
    public var ids: [String]

    /// Makes one.
    public init(file: String, ids: [String]) {
        self.file = file
        self.ids = ids
    }
}

/// A stage configuration that defines indicators (the `indicators` stage's catalogue). The
/// pipeline hands what every such stage defines to the sinks' configurations as it decodes them,
/// so that an `IndicatorReference` among their options is checked.
public protocol DefinesIndicators {
    /// The ids the configuration's catalogue defines.
    var definedIndicators: DefinedIndicators { get }
}

extension CodingUserInfoKey {
    /// The indicators the pipeline's stages define (`[DefinedIndicators]`), given while the
    /// sinks' configurations are decoded.
    public static let definedIndicators = CodingUserInfoKey(rawValue: "placebaseline.definedIndicators")!
}
