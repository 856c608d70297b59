import ArgumentParser
import BaselinePipeline

/// `baseline validate PIPELINE`: checks a pipeline without reading any data.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline without running it: exit 0, or file:line:column errors and exit 1."
    )

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        let checked = try fromWorkingDirectory(pipeline: pipeline) { try Pipeline(file: pipeline, registry: BaselineCommand.registry) }
        for warning in checked.warnings { note(warning.warning) }
        if !outputOptions.quiet {
            note("\(pipeline): ok — \(checked.sources.count) source(s), \(checked.stages.count) stage(s), \(checked.sinks.count) sink(s)")
        }
    }
}
