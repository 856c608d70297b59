import ArgumentParser
import BaselineCore
import BaselineFormat
import BaselinePipeline

/// `baseline validate PIPELINE`: checks a pipeline without running it — every plugin and option,
/// and (unless `--no-inputs`) that each column it names is in its input's header row, and what
/// the first rows of a file show that `run` would stop on (`Pipeline.sampleProblems`).
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
        if try fromWorkingDirectory(pipeline: pipeline, { try Programme.namesPlaces(pipeline) }) { return try validateProgramme() }
        let checked = try fromWorkingDirectory(pipeline: pipeline) { try Pipeline(file: pipeline, registry: BaselineCommand.registry) }
        for warning in checked.warnings { note(warning.warning) }
        for warning in try fromWorkingDirectory(pipeline: pipeline, { try checked.leftOutWarnings() }) { note(warning.warning) }
        // Files set aside unread (a .docx among notes): named always, weighed as `run` would when the inputs are read.
        let unread = try fromWorkingDirectory(pipeline: pipeline) { try checked.unreadInputProblems(weigh: !noInputs) }
        for warning in unread.warnings { note(warning.warning) }
        if !noInputs {
            var problems = try fromWorkingDirectory(pipeline: pipeline) { try checked.inputProblems() }
            problems += unread.errors.map { located($0) }
            if problems.isEmpty { problems = checked.sampleProblems() }
            for problem in problems.dropLast() { note(problem.description) }
            if let last = problems.last { throw last }
        }
        if !outputOptions.quiet {
            note("\(pipeline): ok — \(Wording.count(checked.sources.count, "source")), \(Wording.count(checked.stages.count, "stage")), \(Wording.count(checked.sinks.count, "sink"))"
                 + (noInputs ? " (inputs not read)" : ""))
        }
    }

    /// A pipeline with `places:`: the places file, then every place's pipeline and inputs, each
    /// problem printed with the place it is about; the first place's warnings once.
    private func validateProgramme() throws {
        let programme = try fromWorkingDirectory(pipeline: pipeline) { try Programme(file: pipeline, registry: BaselineCommand.registry) }
        var problems = [BaselineError]()
        let shared = Set(programme.sharedSourceIDs)
        for (index, place) in programme.placesFile.places.enumerated() {
            do {
                let checked = try fromWorkingDirectory(pipeline: pipeline) { try programme.pipeline(for: place) }
                let own = Set(checked.sources.map(\.id)).subtracting(shared)
                if index == 0 { for warning in checked.warnings { note(warning.warning) } }
                for warning in try fromWorkingDirectory(pipeline: pipeline, { try checked.leftOutWarnings() }) {
                    note(named(warning, place).warning)
                }
                let unread = try fromWorkingDirectory(pipeline: pipeline) { try checked.unreadInputProblems(weigh: !noInputs) }
                for warning in unread.warnings { note(named(warning, place).warning) }
                if !noInputs {
                    let inputs = try fromWorkingDirectory(pipeline: pipeline) { try checked.inputProblems() } + unread.errors
                    // A shared file's first rows are looked at once, with the first place; each place's own files with it.
                    let sampled = inputs.isEmpty ? checked.sampleProblems(of: index == 0 ? nil : own) : []
                    problems += (inputs + sampled).map { named($0, place) }
                }
            } catch let error as BaselineError {
                problems.append(named(error, place))
            }
        }
        for problem in problems.dropLast() { note(problem.description) }
        if let last = problems.last { throw last }
        if !outputOptions.quiet {
            note("\(pipeline): ok — \(Wording.count(programme.placesFile.places.count, "place"))" + (noInputs ? " (inputs not read)" : ""))
        }
    }

    /// `error` with its file named from where the command runs.
    private func located(_ error: BaselineError) -> BaselineError {
        var error = error
        if let file = error.file { error.file = fromWorkingDirectory(file, pipeline: pipeline) }
        return error
    }

    private func named(_ error: BaselineError, _ place: PlacesFile.Place) -> BaselineError {
        var error = error
        if let file = error.file { error.file = fromWorkingDirectory(file, pipeline: pipeline) }
        error.message = "place \(place.slug): " + error.message
        return error
    }
}
