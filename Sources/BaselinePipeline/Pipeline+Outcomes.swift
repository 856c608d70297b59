import BaselineConfig
import BaselineCore
import Yams

extension Pipeline {
    /// The `outcomes:` key: the file found (relative to the pipeline) and read by the registry's
    /// reader, so a wrong path is an error at the key and a mistake in the file an error at its
    /// own line — both at `validate` time.
    static func outcomes(in top: Entry, decoder: NodeDecoder, registry: PluginRegistry, file: String) throws -> PipelineOutcomes? {
        guard let node = top.optional("outcomes") else { return nil }
        let mark = top.mark(of: "outcomes")
        guard let reader = registry.outcomes else {
            throw BaselineError(file: file, line: mark?.line, column: mark?.column, "this `baseline` does not read outcomes files",
                                hint: "remove `outcomes:`, or run the pipeline with a `baseline` built with BuiltinPlugins.registry")
        }
        let outcomes = try decoder.decode(InputFile.self, from: node, codingPath: [AnyKey(stringValue: "outcomes")])
        try reader.check(outcomes)
        return PipelineOutcomes(file: outcomes, reader: reader)
    }
}
