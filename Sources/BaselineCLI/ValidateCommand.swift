import ArgumentParser
import BaselinePipeline

/// `baseline validate PIPELINE`: checks a pipeline without running it — every plugin and option,
/// and (unless `--no-inputs`) that each column it names is in its input's header row.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline without running it: exit 0, or file:line:column errors and exit 1."
    )

    @Argument(help: "The pipeline file (YAML).")
    var pipeline: String

    @Flag(help: "Check the pipeline alone, without reading the header row of each input for the columns it names.")
    var noInputs = false

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        let checked = try fromWorkingDirectory(pipeline: pipeline) { try Pipeline(file: pipeline, registry: BaselineCommand.registry) }
        for warning in checked.warnings { note(warning.warning) }
        if !noInputs {
            let problems = try fromWorkingDirectory(pipeline: pipeline) { try checked.inputProblems() }
            for problem in problems.dropLast() { note(problem.description) }
            if let last = problems.last { throw last }
        }
        if !outputOptions.quiet {
            note("\(pipeline): ok — \(checked.sources.count) source(s), \(checked.stages.count) stage(s), \(checked.sinks.count) sink(s)"
                 + (noInputs ? " (inputs not read)" : ""))
        }
    }
}
