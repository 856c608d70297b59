import BaselineConfig
import BaselineCore
import BaselinePipeline
import Yams

/// Decodes `entry` — a plugin's pipeline entry as YAML, with or without `id:` and `adapter:` —
/// as `plugin`'s configuration, the way a pipeline does: unknown keys and bad values throw a
/// `BaselineError` located in `file`, and paths are relative to `base`.
public func decodeConfiguration<P: Plugin>(_ plugin: P.Type, entry: String, base: String,
                                           file: String = "pipeline.yaml") throws -> P.Configuration {
    try NodeDecoder(file: file, userInfo: [.baseDirectory: base]).decode(P.Configuration.self, from: try configurationNode(entry, file: file))
}

/// Decodes `entry` as `plugin`'s configuration (see `decodeConfiguration`), builds the source
/// with the id `id`, and reads it to the end.
public func readSource<P: SourcePlugin>(_ plugin: P.Type, entry: String, base: String, id: String = "test",
                                        file: String = "pipeline.yaml") throws -> RecordBatch {
    let configuration = try decodeConfiguration(plugin, entry: entry, base: base, file: file)
    let context = SourceContext(id: id, pipeline: PipelineContext(placeName: "Test", placeCode: "E99999999", period: "test",
                                                                  baseDirectory: base))
    return try drain(try P.makeSource(configuration: configuration, context: context))
}

/// The entry's mapping without the keys the pipeline reads itself (`OptionDoc.pipelineKeys`).
func configurationNode(_ entry: String, file: String) throws -> Node {
    guard case .mapping(let mapping)? = try Yams.compose(yaml: entry) else {
        throw BaselineError(file: file, line: 1, "the entry is not a mapping of keys to values")
    }
    let pairs = mapping.filter { !OptionDoc.pipelineKeys.contains($0.key.string ?? "") }.map { ($0.key, $0.value) }
    return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
}
