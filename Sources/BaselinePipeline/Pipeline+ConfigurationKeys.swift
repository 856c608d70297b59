import BaselineConfig
import BaselineCore
import Yams

extension Pipeline {
    /// Decodes a plugin's configuration from one pipeline entry written as YAML (a mapping, as
    /// in a `sources:` list but without the leading `- `) and returns the configuration keys
    /// the plugin's type reads. The keys the pipeline itself reads (`OptionDoc.pipelineKeys`)
    /// are left out first. `base` is the folder relative paths are resolved against; `file`
    /// names the text in messages.
    ///
    /// The conformance checks compare these keys with the plugin's documented `options`.
    public static func configurationKeys(of plugin: any Plugin.Type, entry yaml: String, base: String,
                                         file: String) throws -> Set<String> {
        func decode<P: Plugin>(_ plugin: P.Type) throws -> Set<String> {
            guard let root = try YAMLText.compose(yaml, file: file, what: "the pipeline", hint: yamlHint) else { throw BaselineError(file: file, "the configuration is empty") }
            let entry = try Entry(node: root, file: file, what: "a plugin entry")
            return try NodeDecoder(file: file, userInfo: [.baseDirectory: base, .allowDirectories: true])
                .decodeReportingKeys(P.Configuration.self, from: entry.configuration(without: OptionDoc.pipelineKeys)).keys
        }
        return try decode(plugin)
    }
}
