import ArgumentParser
import BaselineCore
import BaselineDigest
import BaselineFormat
import BaselineHandoff
import BaselinePipeline
import Foundation

/// `baseline run PIPELINE`: builds one place's baseline for one period, or every place's of a
/// pipeline that names `places:` (a programme, see docs/scale.md).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: writes <output>/<place>/<period>/ (baseline.json, report.md, report.txt, rejects/).",
        discussion: """
            A pipeline that names `places:` (a CSV of places) builds every place's baseline, its shared files read once. \
            --shard K/N runs the K-th (from 0) of N parts of the places; without it, a Kubernetes Indexed Job's JOB_COMPLETION_INDEX \
            (with --shard-count N) or a Slurm array's SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT picks the part.
            """
    )

    @Argument(help: "The pipeline file (YAML), e.g. pipelines/millbrook-2025.yaml.")
    var pipeline: String

    @Option(name: .shortAndLong, help: "The output root; the baseline goes to <output>/<place>/<period>/.")
    var output = "output"

    @Option(help: "Places built at once, for a pipeline with `places:` (default: the number of cores).")
    var jobs: Int?

    // `.unconditional`: `--shard -1/3` is a value to refuse as such, not a missing one.
    @Option(parsing: .unconditional, help: "Build only the K-th (from 0) of N parts of the places, e.g. 0/4 (a pipeline with `places:`).")
    var shard: String?

    @Option(help: "The number of parts when the part comes from JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID.")
    var shardCount: Int?

    @Flag(help: "Flush every output file to the disk before the run ends (fsync), so that a power cut cannot lose it; slower.")
    var durable = false

    @OptionGroup var outputOptions: OutputOptions

    func validate() throws {
        // An empty root would write <place>/<period>/ into the current folder, mixed with whatever is there.
        if output.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--output is empty: give the folder the baselines go to, e.g. --output output")
        }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard '\(shard)' is not K/N with 0 ≤ K < N (e.g. 0/4)") }
        if let shardCount, shardCount < 1 { throw ValidationError("--shard-count must be 1 or more") }
        if let shard, let given = Shard(shard), let shardCount, shardCount != given.count {
            throw ValidationError("--shard \(shard) is one of \(given.count) parts, but --shard-count says \(shardCount): give one of them (--shard-count is for a part from JOB_COMPLETION_INDEX)")
        }
    }

    func run() throws {
        // Ctrl-C, a `kill` or a closed terminal removes the run's staging folder and exits 128 + N.
        StagingFolder.removeOnSignals()
        // Stopped half way, a run lists the baselines it had put in place, as it would at its end.
        if !outputOptions.quiet { StagingFolder.announceWritten(true) }
        try fromWorkingDirectory(pipeline: pipeline) {
            if try Programme.namesPlaces(pipeline) { return try runProgramme() }
            if shard != nil || shardCount != nil {
                throw ValidationError("--shard and --shard-count split a pipeline's `places:`, and \(pipeline) names one place — run it without them, or give the pipeline a `places:` file (docs/scale.md)")
            }
            try runPipeline()
        }
    }

    /// The shard from `--shard`, else from the environment, else the whole list.
    private func chosenShard() throws -> Shard {
        if let shard { return Shard(shard)! }
        switch Shard.fromEnvironment(ProcessInfo.processInfo.environment, count: shardCount) {
        case .success(let shard): return shard
        case .failure(let error): throw ValidationError(error.message)
        case nil:
            if let shardCount { throw ValidationError("--shard-count \(shardCount) needs --shard, JOB_COMPLETION_INDEX or SLURM_ARRAY_TASK_ID") }
            return .all
        }
    }

    /// The live progress line, over the last one (on a terminal only).
    @Sendable private static func show(_ progress: ProgrammeProgress) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(progress.line)".utf8))
    }

    private func runProgramme() throws {
        let started = Date()
        let shard = try chosenShard()
        let programme = try Programme(file: pipeline, registry: BaselineCommand.registry)
        let places = programme.places(shard: shard.index, of: shard.count)
        // What is odd about the pipeline (no sinks, say) is the same for every place: said once.
        if let first = places.first, let checked = try? programme.pipeline(for: first) {
            for warning in checked.warnings { note(warning.warning) }
        }
        let showProgress = !outputOptions.quiet && isatty(2) == 1
        let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        var options = ProgrammeRunner.Options(outputRoot: output, jobs: workers, libraries: LinkedLibraries.all,
                                              progress: showProgress ? Self.show : nil)
        options.durable = durable
        let outcomes = ProgrammeRunner(programme: programme, options: options).run(places)
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        for outcome in outcomes {
            for var warning in outcome.warnings {
                warning.message = "place \(outcome.place.slug): " + warning.message
                note(warning.warning)
            }
            if let folder = outcome.folder, !outputOptions.quiet {
                note("wrote \(folder)")
                StagingFolder.announced(folder)
            }
        }
        let failed = outcomes.filter { $0.error != nil }
        // One line per distinct error, naming the places it stopped: an error in a file the places
        // share (a national download) or in the pipeline file is the same for every place.
        var errors = [(error: BaselineError, slugs: [String])]()
        for outcome in failed {
            if let index = errors.firstIndex(where: { $0.error == outcome.error! }) {
                errors[index].slugs.append(outcome.place.slug)
            } else {
                errors.append((outcome.error!, [outcome.place.slug]))
            }
        }
        for (original, slugs) in errors {
            var error = original
            if let file = error.file { error.file = fromWorkingDirectory(file, pipeline: pipeline) }
            let named = slugs.count == 1 ? "place \(slugs[0])"
                : slugs.count == outcomes.count ? "every place (\(slugs.count))"
                : "places \(slugs.prefix(3).joined(separator: ", "))" + (slugs.count > 3 ? " and \(slugs.count - 3) more" : "")
            error.message = "\(named): " + error.message
            note(error.description)
        }
        let part = shard.count > 1 ? " (shard \(shard.index)/\(shard.count) of \(programme.placesFile.places.count) places)" : ""
        guard failed.isEmpty else {
            note("error: \(failed.count) of \(outcomes.count) places failed\(part): \(failed.map(\.place.slug).joined(separator: ", "))"
                 + " — fix the errors above and run again; the other places' baselines are written, and the failed places' earlier ones are unchanged")
            throw ExitCode(1)
        }
        guard !outputOptions.quiet else { return }
        for line in ProgrammeRunner.sourceLines(outcomes) { note(line) }
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        note("\(outcomes.count) place\(outcomes.count == 1 ? "" : "s") written\(part)" + (outputOptions.verbose ? " in \(seconds) s with --jobs \(workers)" : ""))
    }

    private func runPipeline() throws {
        let started = Date()
        // libcrypto's one-time set-up (its configuration read, its default provider loaded,
        // SHA-256 found: 5M instructions, about 1.5 ms) on a thread of its own while the
        // pipeline is read, rather than when the first source starts hashing. Waited for on
        // every way out: a process exiting with a thread inside libcrypto can crash.
        let libcrypto = Handoff<Bool>(name: "libcrypto set-up", capacity: 1) { producer in
            producer.put(SHA256.prepare())
        }
        defer { libcrypto.stop() }
        let checked = try Pipeline(file: pipeline, registry: BaselineCommand.registry)
        for warning in checked.warnings { note(warning.warning) }
        if outputOptions.verbose {
            note("pipeline \(pipeline): \(Wording.count(checked.sources.count, "source")), \(Wording.count(checked.stages.count, "stage")), \(Wording.count(checked.sinks.count, "sink"))")
        }
        let showProgress = !outputOptions.quiet && isatty(2) == 1
        let options = PipelineRunner.Options(outputRoot: output, progress: showProgress ? { id, read in
            FileHandle.standardError.write(Data("\r\u{1B}[K\(id): \(read) records read".utf8))
        } : nil, libraries: LinkedLibraries.all, durable: durable)
        let result = try PipelineRunner(pipeline: checked, options: options).run()
        BaselineCommand.keepUntilExit(checked, result)
        if showProgress { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        for warning in result.warnings { note(warning.warning) }
        guard !outputOptions.quiet else { return }
        for source in result.document.manifest.sources { note(source.line) }
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        note("wrote \(result.folder)" + (outputOptions.verbose ? " in \(seconds) s" : ""))
        StagingFolder.announced(result.folder)
    }
}
