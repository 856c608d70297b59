import ArgumentParser
import BaselineCore
import BaselinePipeline
import Foundation

/// `baseline run PIPELINE`: builds one place's baseline for one period.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: writes <output>/<place>/<period>/ (baseline.json, report.md, report.txt, rejects/)."
    )

    @Argument(help: "The pipeline file (YAML), e.g. pipelines/millbrook-2025.yaml.")
    var pipeline: String

    @Option(name: .shortAndLong, help: "The output root; the baseline goes to <output>/<place>/<period>/.")
    var output = "output"

    @OptionGroup var outputOptions: OutputOptions

    func run() throws {
        // Ctrl-C, a `kill` or a closed terminal removes the run's staging folder and exits 128 + N.
        StagingFolder.removeOnSignals()
        try fromWorkingDirectory(pipeline: pipeline) { try runPipeline() }
    }

    private func runPipeline() throws {
        let started = Date()
        let checked = try Pipeline(file: pipeline, registry: BaselineCommand.registry)
        for warning in checked.warnings { note(warning.warning) }
        if outputOptions.verbose {
            note("pipeline \(pipeline): \(checked.sources.count) source(s), \(checked.stages.count) stage(s), \(checked.sinks.count) sink(s)")
        }
        let showProgress = !outputOptions.quiet && isatty(2) == 1
        let options = PipelineRunner.Options(outputRoot: output, progress: showProgress ? { id, read in
            FileHandle.standardError.write(Data("\r\u{1B}[K\(id): \(read) records read".utf8))
        } : nil, libraries: LinkedLibraries.all)
        let result = try PipelineRunner(pipeline: checked, options: options).run()
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        for warning in result.warnings { note("\(pipeline): warning: \(warning)") }
        guard !outputOptions.quiet else { return }
        for source in result.document.manifest.sources {
            var line = "\(source.id) (\(source.adapter)): read \(source.read), passed on \(source.passedOn), quarantined \(source.quarantined)"
            if source.skipped > 0 { line += ", skipped \(source.skipped)" }
            if !source.reconciles { line += " — COUNTS DO NOT RECONCILE" }
            note(line)
        }
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        note("wrote \(result.folder)" + (outputOptions.verbose ? " in \(seconds) s" : ""))
    }
}
