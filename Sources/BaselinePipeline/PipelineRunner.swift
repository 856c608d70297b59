import BaselineCore
import BaselineDigest
import BaselineHandoff
import BaselineSchema
import BaselineText
import Foundation

/// Runs a checked `Pipeline` and writes its baseline.
///
/// ```
///  sources ──batches──▶ on_error policy ──▶ stages (process…) ──▶ sinks.consume
///     │                     │                  │ finish                │
///     │ inputs              ▼                  ▼                       ▼
///     └─▶ SHA-256 ──▶ manifest    rejects/<source>.csv    BaselineDocument ──▶ sinks.write
///                                                                          (temporary folder,
///                                                                           renamed into place)
/// ```
///
/// Input hashes are computed on a thread of their own while the records flow, so the manifest
/// costs little extra time on a two-core machine.
public final class PipelineRunner {
    /// How a run reports progress and where it writes.
    public struct Options {
        /// The output root (`output`); the baseline goes to `<root>/<place>/<period>/`.
        public var outputRoot: String
        /// Called now and then with a source id and its records read so far.
        public var progress: ((String, Int) -> Void)?
        /// Whether the run fails when a source gives nothing, sets aside more than its
        /// `max_rejected:`, or reads statistics the baseline then holds none of (see
        /// `SourceAccount`). The adapter conformance checks turn it off: they test how an
        /// adapter reads deliberately bad files, not whether the evidence makes a baseline.
        public var requiresEvidence: Bool
        /// The C libraries the tool runs with, for the manifest's `libraries` (the CLI gathers
        /// them from the files that wrap each library); left out of the manifest when empty.
        public var libraries: [LibraryVersion]
        /// Whether every output file, and the commit's rename, is flushed to the disk before the
        /// run returns (`--durable`): a power cut then cannot lose the new baseline either.
        public var durable: Bool
        /// How many threads the sinks write on, side by side (each sink's files are its own):
        /// 2 by default; a programme running places side by side already keeps the cores busy
        /// and gives 1.
        public var sinkThreads: Int
        /// Whether a run that sets the outcomes framework's baseline looks for the place's earlier
        /// years in another folder (a renamed place; see `PlaceFolders`). A programme says no:
        /// each of its places would read every other's baseline.
        public var looksForRenamedPlace: Bool

        /// Makes options.
        public init(outputRoot: String, progress: ((String, Int) -> Void)? = nil, requiresEvidence: Bool = true,
                    libraries: [LibraryVersion] = [], durable: Bool = false, sinkThreads: Int = 2, looksForRenamedPlace: Bool = true) {
            self.outputRoot = outputRoot
            self.progress = progress
            self.requiresEvidence = requiresEvidence
            self.libraries = libraries
            self.durable = durable
            self.sinkThreads = sinkThreads
            self.looksForRenamedPlace = looksForRenamedPlace
        }
    }

    /// What a finished run produced.
    public struct Result {
        /// The baseline as written.
        public var document: BaselineDocument
        /// The folder it was written to.
        public var folder: String
        /// What the run did that the user probably did not mean (also in the data-quality notes),
        /// each located in the pipeline file: at the line it is about when there is one (a
        /// source's `path:` for the files it left out, as `baseline validate` gives it).
        public var warnings: [BaselineError] = []
    }

    private let pipeline: Pipeline
    private let options: Options

    /// Makes a runner.
    public init(pipeline: Pipeline, options: Options) {
        self.pipeline = pipeline
        self.options = options
    }

    /// Runs every source through the stages into the sinks. Throws `BaselineError` for a broken
    /// input or a record under `on_error: fail`; the previous output is then left untouched.
    ///
    /// The steps of `docs/architecture.md` (the pipeline was read and checked in step 1):
    public func run() throws -> Result {
        // 2. Open the sources and start hashing their inputs.
        let run = try Run(pipeline: pipeline, options: options)
        var succeeded = false
        // A failed run stops the hashing thread and waits for it: the process exits next, and a
        // thread still in libcrypto while the exit handlers run crashes it.
        defer { if !succeeded { run.hashing.cancel() } }
        let staging = try StagingFolder(final: run.finalFolder, root: options.outputRoot)
        defer { if !succeeded { staging.discard() } }
        // 3. Every batch through the `on_error` policy, the record stages and the sinks; then the
        //    counts reconciled.
        try run.readSources()
        try run.checkEvidence()
        // 4. What the record stages held back, through the stages after them.
        try run.flushStages()
        // 5. Every stage adds its results, the runner the manifest, and the sinks write.
        try run.finishStages()
        var warnings = run.warnLeftOut()
        var unlocated = run.warnStatisticsShownNowhere()
        unlocated += run.warnBenchmarksWithoutFigures()
        try run.addManifest()
        unlocated += try run.addProgress()
        warnings += unlocated.map { BaselineError(file: pipeline.file, $0) }
        try run.write(into: staging)
        try staging.commit(durable: options.durable)
        succeeded = true
        return Result(document: run.document, folder: run.finalFolder.path, warnings: warnings)
    }

    /// Every source's inputs in order, from the hasher or from the source's own digests (an
    /// input the source did not read whole is hashed here). A file such a source set aside
    /// because it cannot be read (its reject says why) cannot be hashed either: it is left out
    /// of the manifest with a note, rather than failing a run that quarantined it.
    static func manifestInputs(sources: [(id: String, source: any RecordSource)], hashed: [ManifestInput],
                               notes: inout [String]) throws -> [ManifestInput] {
        var hashed = hashed[...]
        var inputs = [ManifestInput]()
        var digester: FileDigester?
        for (id, source) in sources {
            guard source.hashesInputs else {
                inputs += hashed.prefix(source.inputs.count)
                hashed = hashed.dropFirst(source.inputs.count)
                continue
            }
            let digests = source.inputDigests
            for (index, input) in source.inputs.enumerated() {
                if index < digests.count, let digest = digests[index] {
                    inputs.append(ManifestInput(path: input.path, source: id, bytes: digest.bytes, sha256: digest.sha256))
                } else {
                    if digester == nil { digester = FileDigester() }
                    do {
                        let (sha256, bytes) = try digester!.hexDigest(ofFile: input.resolved)
                        inputs.append(ManifestInput(path: input.path, source: id, bytes: bytes, sha256: sha256))
                    } catch let error as BaselineError {
                        notes.append("\(id): \(input.path) is not in the manifest: \(error.message).")
                    }
                }
            }
        }
        return inputs
    }

    /// The error a bad record stops the run with under its source's `on_error: fail`.
    static func failed(by reject: Reject) -> BaselineError {
        BaselineError(file: reject.provenance.file, line: reject.provenance.line, column: reject.provenance.column, reject.reason,
                      hint: "fix the record, or set `on_error: quarantine` on source '\(reject.provenance.source)' to set it aside")
    }

    /// The reason with quoted specifics and any hint (after " — ") removed, so data quality
    /// counts reasons by kind ("unknown answer label" rather than one row per label).
    static func reasonClass(_ reason: String) -> String {
        if let cut = reason.firstIndex(where: { $0 == "'" || $0 == ":" || $0 == "(" || $0 == "—" }) {
            return String(reason[..<cut]).trimmingCharacters(in: .whitespaces)
        }
        return reason
    }

    /// The kind of reason a source's failure groups its bad records by: the reason up to its
    /// first `:`, `(` or `—` outside quotes, each quoted part ('TV', 'abc') shown as `'…'`, and
    /// the one quoted part when it ends the reason left out. So `value 'abc' is not a number` and `value 'x' is not a
    /// number` are two of `value '…' is not a number`, not `value` (the text before the first
    /// quote, beside a `value is not a number` that says more), while `unknown option 'TV'` is
    /// one `unknown option`, as `reasonClass` counts it.
    ///
    /// A quote opens a quoted part at the start of a word and closes it before a space, a
    /// punctuation mark or the end (`source's` is no quote; `'{'a': 1}'` is one part up to `':`).
    static func reasonLabel(_ reason: String) -> String {
        let characters = Array(reason)
        var label = "", index = 0
        scan: while index < characters.count {
            let character = characters[index]
            switch character {
            case ":", "(", "—":
                break scan
            case "'" where index == 0 || characters[index - 1].isWhitespace:
                guard let close = characters.indices.dropFirst(index + 1).first(where: { at in
                    characters[at] == "'" && (at + 1 == characters.count || characters[at + 1].isWhitespace || ",;:.)!?—".contains(characters[at + 1]))
                }) else { break scan }
                label += "'…'"
                index = close + 1
            default:
                label.append(character)
                index += 1
            }
        }
        label = label.trimmingCharacters(in: .whitespaces)
        if label.hasSuffix("'…'"), label.components(separatedBy: "'…'").count == 2 {
            label = String(label.dropLast(3)).trimmingCharacters(in: .whitespaces)
        }
        return label.isEmpty ? reasonClass(reason) : label
    }
}

// MARK: - One run

/// The state of one run, with a method per step of `PipelineRunner.run`.
private final class Run {
    let pipeline: Pipeline
    let options: PipelineRunner.Options
    let sources: [(prepared: PreparedSource, source: any RecordSource)]
    /// Every stage in `transforms:` order: `finish` goes through them all.
    let stages: [StageRuntime]
    /// The stages that see batches, in order: `flow` and `flush` go through these.
    let recordStages: [any Stage]
    let sinks: [any Sink]
    let hashing: InputHasher
    /// The earlier baselines the progress section compares with, read while the sources are
    /// (released with the run, which stops the reading).
    private let readingAhead: AnyObject?
    let finalFolder: URL
    var document: BaselineDocument
    private var quarantine = [String: QuarantineFile]()
    private var counts = [String: SourceCounts]()
    /// The records of each source a stage set aside, under `quarantine` and under `skip`: for a
    /// source that counts rows into figures, these are figures, not rows (`SourceCounts.countedInRows`).
    private var setAsideByStages = [String: (quarantined: Int, skipped: Int)]()
    private var accounts = [String: SourceAccount]()
    private let policies: [String: ErrorPolicy]
    /// Sources whose first batch with records holds statistics: if the baseline ends with no
    /// indicators, what they read is shown nowhere (no stage turned it into indicators).
    private var statistics = [String]()
    /// Those of `statistics` that passed observations on to this run (in a routed programme a
    /// shared file may hold none of a place's areas: its observations all went elsewhere).
    private var statisticsHere = Set<String>()
    /// How many data-quality notes there were before the stages finished.
    private var notesBeforeFinish = 0
    /// The place's own records that were set aside (`Reject.area` is the place's code): how
    /// many, and the first, for the error when the place then has no indicator.
    private var placeRejects = (count: 0, first: Reject?.none)

    /// Opens the sources (a missing or unreadable input stops the run here), builds the stages
    /// and sinks, and starts hashing the inputs of the sources that do not hash their own.
    init(pipeline: Pipeline, options: PipelineRunner.Options) throws {
        self.pipeline = pipeline
        self.options = options
        let context = pipeline.context
        document = BaselineDocument(place: Place(name: context.placeName, code: context.placeCode), period: context.period)
        document.benchmarks = pipeline.benchmarks
        sources = try pipeline.sources.map { prepared in
            do {
                return (prepared, try prepared.make())
            } catch let error as BaselineError {
                // A column the pipeline names that the header lacks is said at the pipeline's
                // line that names it, with the did-you-mean, as `validate` says it.
                if let located = (try? prepared.checkInputs())?.first { throw located }
                throw error
            }
        }
        stages = try pipeline.stages.map { try $0.make() }
        recordStages = stages.compactMap(\.recordStage)
        sinks = try pipeline.sinks.map { try $0.make() }
        hashing = InputHasher(inputs: sources.filter { !$0.source.hashesInputs }.flatMap { prepared, source in
            source.inputs.map { (prepared.id, $0) }
        })
        finalFolder = URL(fileURLWithPath: options.outputRoot).appendingPathComponent(pipeline.placeSlug)
            .appendingPathComponent(context.period)
        readingAhead = pipeline.outcomes?.readAhead(for: context.period, placeFolder: finalFolder.deletingLastPathComponent().path)
        for (prepared, _) in sources {
            accounts[prepared.id] = SourceAccount(id: prepared.id, threshold: prepared.maxRejected)
            counts[prepared.id] = SourceCounts(id: prepared.id, adapter: prepared.kind, version: prepared.version, onError: prepared.onError)
            counts[prepared.id]!.audience = prepared.audience
            if prepared.onError == .quarantine {
                quarantine[prepared.id] = QuarantineFile()
            }
        }
        policies = Dictionary(uniqueKeysWithValues: sources.map { ($0.prepared.id, $0.prepared.onError) })
    }

    // MARK: 3. Records

    /// Reads every source to the end, a batch at a time, counting what it read and passed on.
    func readSources() throws {
        for (prepared, source) in sources {
            try read(source, prepared)
            // The files it left out first: when it gave no records, they are often why.
            let leftOut = source.leftOut.isEmpty ? [] : [LeftOutInput.warning(source.leftOut, source: prepared.id) + "."]
            accounts[prepared.id]!.notes = leftOut + source.notes
            accounts[prepared.id]!.rowsRead = source.rowsRead
            document.dataQuality.notes += accounts[prepared.id]!.notes
        }
    }

    private func read(_ source: any RecordSource, _ prepared: PreparedSource) throws {
        var batches = 0
        var looked = false
        let reading = source.readsAhead ? SourceReadAhead(source, name: prepared.id) : nil
        defer { reading?.stop() }
        // Once exhausted, a source is not asked again: `next()` after `nil` promises nothing.
        func nextBatch() throws -> RecordBatch? {
            do {
                if let reading { return try reading.next() }
                return try source.next()
            } catch let error as BaselineError where batches == 0 {
                // A column the pipeline names that the header lacks, found as the first rows are
                // read (csv-indicators reads its header then), is said at the pipeline's line that
                // names it, as when the source is opened (`Run.init`) and as `validate` says it.
                if let located = (try? prepared.checkInputs())?.first { throw located }
                throw error
            }
        }
        while var batch = try nextBatch() {
            // A batch routed by area counts the observations other places were given too.
            if !looked, batch.recordCount > 0 || batch.observationsElsewhere > 0 {
                looked = true
                if batch.observationsElsewhere > 0 || batch.hasObservations {
                    statistics.append(prepared.id)
                }
            }
            if statistics.last == prepared.id, !statisticsHere.contains(prepared.id),
               batch.hasObservations {
                statisticsHere.insert(prepared.id)
            }
            counts[prepared.id]!.read += batch.recordCount + batch.observationsElsewhere + batch.rejects.count
            counts[prepared.id]!.passedOn += batch.recordCount + batch.observationsElsewhere
            try handle(batch.rejects, byStage: false)
            batch.rejects = []
            let seen = try flow(batch.take(), from: 0)
            reading?.recycle(seen)
            batches += 1
            if batches % 16 == 0 { options.progress?(prepared.id, counts[prepared.id]!.read) }
        }
        options.progress?(prepared.id, counts[prepared.id]!.read)
    }

    /// Applies each reject's source's `on_error` (a record left out by a rule the user chose is
    /// skipped whatever the policy). A record a stage rejects had been counted as passed on by
    /// its source, so it is taken off that count.
    private func handle(_ rejects: [Reject], byStage: Bool) throws {
        for reject in rejects {
            let id = reject.provenance.source
            switch reject.leftOutByRule ? .skip : policies[id] ?? .quarantine {
            case .fail:
                throw PipelineRunner.failed(by: reject)
            case .skip:
                counts[id]?.skipped += 1
                if byStage { setAsideByStages[id, default: (0, 0)].skipped += 1 }
            case .quarantine:
                quarantine[id, default: QuarantineFile()].append(reject)
                counts[id]?.quarantined += 1
                if byStage { setAsideByStages[id, default: (0, 0)].quarantined += 1 }
            }
            accounts[id]?.note(reject)
            if !reject.leftOutByRule, let area = reject.area, area == document.place.code {
                placeRejects.count += 1
                if placeRejects.first == nil { placeRejects.first = reject }
            }
            if byStage { counts[id]?.passedOn -= 1 }
            document.dataQuality.rejects[id, default: [:]][PipelineRunner.reasonClass(reject.reason), default: 0] += 1
        }
    }

    /// Sends a batch through the record stages from `first` on, then to the sinks.
    /// The batch is moved from stage to stage, never copied (see `Stage.process`).
    /// Returns the batch as the sinks saw it.
    @discardableResult
    private func flow(_ batch: consuming RecordBatch, from first: Int) throws -> RecordBatch {
        var flowing = batch
        for stage in recordStages[first...] {
            flowing = try stage.processing(flowing.take())
            try handle(flowing.rejects, byStage: true)
            flowing.rejects = []
        }
        for sink in sinks { try sink.consume(flowing) }
        return flowing
    }

    /// Fails the run for a source that passed on nothing or set aside more than its
    /// `max_rejected:` (unless the options say not to), before any stage finishes.
    func checkEvidence() throws {
        guard options.requiresEvidence else { return }
        for (prepared, _) in sources {
            try accounts[prepared.id]!.check(counts[prepared.id]!, pipeline: pipeline.file, entry: (prepared.line, prepared.column))
        }
    }

    // MARK: 4. Held-back records

    /// Each record stage's `flush`, sent through the stages after it.
    func flushStages() throws {
        for (index, stage) in recordStages.enumerated() {
            var held = try stage.flush()
            try handle(held.rejects, byStage: true)
            held.rejects = []
            try flow(held.take(), from: index + 1)
        }
    }

    // MARK: 5. The baseline

    /// Every stage, in `transforms:` order, adds its results: a record stage's `finish`, a
    /// document stage's `apply`. Statistics that became no indicator fail the run here (unless
    /// the options say not to, or there is no sink to write them): what the stages said while
    /// finishing (an indicator not in the catalogue, with its did-you-mean) is why, and the
    /// error carries it, since no baseline is written to hold it.
    func finishStages() throws {
        notesBeforeFinish = document.dataQuality.notes.count
        for stage in stages { try stage.finish(into: &document) }
        if options.requiresEvidence, !sinks.isEmpty,
           let (error, _) = SourceAccount.statisticsError(in: document, notesFrom: notesBeforeFinish, statistics: statistics,
                                                          here: statisticsHere, pipeline: pipeline) {
            throw error
        }
        try checkThePlaceHasIndicators()
    }

    /// The sources that read statistics none of the baseline's indicators came from (each
    /// indicator names the source of its value; see `SourceAccount.shownNowhere`).
    private var statisticsShownNowhere: [String] {
        SourceAccount.shownNowhere(in: document, statistics: statistics, here: statisticsHere)
    }

    /// Statistics became indicators of the benchmarks but not one of the place itself: the
    /// place's code is in none of the files (a typo, or another vintage of codes). Written as it
    /// is, the brief would read as a finding ("nothing is significantly worse").
    func checkThePlaceHasIndicators() throws {
        let place = document.place.code
        guard options.requiresEvidence, !sinks.isEmpty, let id = statistics.first,
              let prepared = sources.first(where: { $0.prepared.id == id })?.prepared else { return }
        let areas = Set(document.indicators.map(\.area)).subtracting(["*"])
        guard !areas.isEmpty, !areas.contains(place) else { return }
        let names = document.areaNames
        let shown = areas.sorted().prefix(3).map { code in names[code].map { "\(code) (\($0))" } ?? code }.joined(separator: ", ")
        // At the code, which is what to fix; a programme's place, made from its places file, has
        // no line in the pipeline: then at the first source of statistics.
        let at: (line: Int?, column: Int?) = pipeline.placeCodeAt.line != nil ? pipeline.placeCodeAt : (prepared.line, prepared.column)
        if let first = placeRejects.first {
            // The code is right: the place's rows are there, and were set aside.
            let rows = placeRejects.count == 1 ? "its one row was" : "\(placeRejects.count) of its rows were"
            throw BaselineError(file: pipeline.file, line: at.line, column: at.column,
                                "the place '\(PeopleText.line(place))' has no figures: \(rows) set aside, the first at "
                                    + "\(first.provenance.location): \(PeopleText.line(first.reason))",
                                hint: "fix what those rows have in common, or tell the source how to read it; `baseline inspect "
                                    + "\(pipeline.file) --source \(first.provenance.source)` lists every row set aside with its reason")
        }
        // The `indicators` stage's note says how many other areas the files hold, and the likely code.
        let note = document.dataQuality.notes[notesBeforeFinish...].first { $0.hasPrefix("The place's code \(place) ") }
        let besides = note.flatMap { $0.range(of: " which hold ") }.map { range in
            let rest = note![range.upperBound...]
            return "; besides them, they hold " + (rest.range(of: " besides the benchmarks").map { String(rest[..<$0.lowerBound]) } ?? String(rest))
        }
        let guess = note.flatMap { $0.range(of: "did you mean ") }.map { String(note![$0.lowerBound...]) }
        throw BaselineError(file: pipeline.file, line: at.line, column: at.column,
                            "the place's code '\(PeopleText.line(place))' is in none of the statistics: they gave values only for "
                                + shown + (areas.count > 3 ? " and \(areas.count - 3) more" : "") + (besides.map { PeopleText.line($0) } ?? ""),
                            hint: (guess.map { PeopleText.line($0) + " If not, c" } ?? "c")
                                + "heck the place's code against the area codes in the file (it may be a typo, or a code of another year's boundaries)")
    }

    /// The files each source found and did not read (a codebook kept in a notes folder): a
    /// warning per source at its `path:`, as `baseline validate` gives it, and the manifest's
    /// `left_out` (the data-quality notes have them from `readSources`).
    func warnLeftOut() -> [BaselineError] {
        var warnings = [BaselineError]()
        for (prepared, source) in sources where !source.leftOut.isEmpty {
            let files = source.leftOut
            document.manifest.leftOut = (document.manifest.leftOut ?? [])
                + files.map { ManifestLeftOut(path: $0.path, source: prepared.id, reason: $0.reason) }
            warnings.append(BaselineError(file: pipeline.file, line: prepared.pathLine, column: prepared.pathColumn,
                                          LeftOutInput.warning(files, source: prepared.id)))
        }
        return warnings
    }

    /// Statistics read but shown nowhere, when the run does not fail for it: warnings, and
    /// data-quality notes.
    func warnStatisticsShownNowhere() -> [String] {
        let warnings: [String] = statisticsShownNowhere.map { id -> String in
            let error = SourceAccount.statisticsShownNowhere(id)
            return "\(error.message) — \(error.hint ?? "")"
        }
        document.dataQuality.notes += warnings.map { $0.prefix(1).uppercased() + $0.dropFirst() + "." }
        return warnings
    }

    /// A benchmark area that no statistics had a figure for is compared with nothing, though the
    /// pipeline names it: a warning each, in the words of the data-quality note the stages wrote
    /// about it (the `indicators` stage's, with the files read and a did-you-mean). Nothing when
    /// the baseline has no indicators, or no stage wrote such a note.
    func warnBenchmarksWithoutFigures() -> [String] {
        guard !document.indicators.isEmpty else { return [] }
        let withFigures = Set(document.indicators.map(\.area))
        let notes = document.dataQuality.notes[notesBeforeFinish...]
        return pipeline.benchmarks.filter { !withFigures.contains($0.code) }.compactMap { benchmark in
            notes.first { $0.hasPrefix("The benchmark area \(benchmark.code) ") }.map { note in
                note.prefix(1).lowercased() + (note.hasSuffix(".") ? note.dropFirst().dropLast() : note.dropFirst())
            }
        }
    }

    /// The manifest: record counts (in rows, with the figures made, for a source that counts
    /// rows into figures), plugin and tool versions, and every input's SHA-256 (waiting for the
    /// hashing thread).
    func addManifest() throws {
        document.manifest.sources = sources.map { prepared, _ in
            let id = prepared.id
            guard let rows = accounts[id]!.rowsRead else { return counts[id]! }
            return counts[id]!.countedInRows(rows, setAsideByStages: setAsideByStages[id] ?? (0, 0))
        }
        document.manifest.plugins = pipeline.stages.map { PluginVersion(role: "stage", kind: $0.kind, version: $0.version) }
            + pipeline.sinks.map { PluginVersion(role: "sink", kind: $0.kind, version: $0.version) }
        document.manifest.toolVersion = BaselineVersion.current
        document.manifest.libraries = options.libraries.isEmpty ? nil : options.libraries
        document.manifest.inputs = try PipelineRunner.manifestInputs(sources: sources.map { ($0.prepared.id, $0.source) },
                                                                     hashed: try hashing.wait(), notes: &document.dataQuality.notes)
    }

    /// Progress on the agreed priorities, from the earlier baselines beside this one's folder.
    /// Returns a warning when this run sets the framework's baseline while another folder holds
    /// the place's earlier years (its name, and so its folder, changed).
    func addProgress() throws -> [String] {
        guard let outcomes = pipeline.outcomes else { return [] }
        let placeFolder = finalFolder.deletingLastPathComponent().path
        document.progress = try outcomes.progress(for: document, placeFolder: placeFolder)
        guard options.looksForRenamedPlace, document.progress?.settingBaseline == true,
              let warning = PlaceFolders.warning(code: document.place.code, folder: pipeline.placeSlug,
                                                 others: PlaceFolders.others(of: document.place.code, besides: placeFolder)) else { return [] }
        document.dataQuality.notes.append(warning.prefix(1).uppercased() + warning.dropFirst() + ".")
        return [warning]
    }

    /// The rejects files and every sink's files, into the staging folder. The sinks that say
    /// `writesSideBySide` write side by side, the others on this thread (`SideBySide`: the
    /// error is the one writing them in order would meet first).
    func write(into staging: StagingFolder) throws {
        // Every name written is claimed for its writer (the rejects -1, each sink its index):
        // a sink writing another's file, or a file where another writes a folder, fails the run.
        // (The names the sinks' configurations give were checked when the pipeline was read.)
        let claims = pipeline.outputClaims()
        let folder = OutputFolder(path: staging.path, durable: options.durable)
        let rejects = folder.claimed(in: claims, by: -1)
        for (id, file) in quarantine.sorted(by: { $0.key < $1.key }) {
            try rejects.write(file.text, to: "rejects/\(id).csv")
        }
        // Not with intermediate folders: the staging folder itself is never made again here.
        if mkdir(staging.path + "/rejects", 0o777) != 0 {
            let failure = errno
            if failure != EEXIST {
                throw BaselineError(file: staging.path + "/rejects", "cannot write output: \(String(cString: strerror(failure)))",
                                    hint: "check the output folder is writable and the disk is not full")
            }
        }
        let sinks = sinks, document = document
        // A sink that does not say it may write side by side keeps to this thread, in `sinks:`
        // order; of the others, the long ones start first. Templates and encoders recurse: a
        // main thread's stack.
        let early = sinks.indices.filter { sinks[$0].writesSideBySide && sinks[$0].startsFirst }
        let order = early + sinks.indices.filter { !early.contains($0) }
        let callerOnly = Set(sinks.indices.filter { !sinks[$0].writesSideBySide })
        try SideBySide.run(count: sinks.count, threads: options.sinkThreads, startOrder: order, callerOnly: callerOnly, name: "sinks",
                           stackSize: 8 << 20) { index in
            try sinks[index].write(document, into: folder.claimed(in: claims, by: index))
        }
    }
}

// MARK: - Quarantine

/// The rejects of one source as CSV: `file,line,column,reason,content,path`. `path` (the
/// provenance's path: the element or key within the file) tells apart records that share a
/// line, as the values of a JSON or XML file on one line do; it came last, in 1.x, so the
/// columns before it kept their places.
struct QuarantineFile {
    private(set) var text = "file,line,column,reason,content,path\n"

    mutating func append(_ reject: Reject) {
        let p = reject.provenance
        let cells: [CSVCell] = [.text(p.file), .number(p.line), .number(p.column), .text(reject.reason), .text(reject.content), .text(p.path ?? "")]
        text += cells.csvLine + "\n"
    }
}

// MARK: - Input hashes on a second thread

/// Hashes every input on a background thread while the pipeline runs: a `Handoff` whose
/// producer hashes file after file, checking between 128 KiB chunks whether the run has stopped.
final class InputHasher {
    private let handoff: Handoff<ManifestInput>?
    private var result: Swift.Result<[ManifestInput], Error>?

    init(inputs: [(String, InputFile)]) {
        guard !inputs.isEmpty else {
            handoff = nil
            result = .success([])
            return
        }
        // At normal priority: a lower one measured no faster, and on a busy machine the run's
        // end would wait on a thread that other work starves.
        handoff = Handoff(name: "input hashes", capacity: inputs.count) { producer in
            let digester = FileDigester()
            for (source, input) in inputs {
                let (digest, bytes) = try digester.hexDigest(ofFile: input.resolved) { producer.isStopping }
                guard producer.put(ManifestInput(path: input.path, source: source, bytes: bytes, sha256: digest)) else { return }
            }
        }
    }

    /// The hashes, once the thread is done. (May be called again.)
    func wait() throws -> [ManifestInput] {
        if let result { return try result.get() }
        let collected = Swift.Result<[ManifestInput], Error> {
            var hashes = [ManifestInput]()
            while let next = try handoff?.next() { hashes.append(next) }
            return hashes
        }
        result = collected
        return try collected.get()
    }

    /// Stops the hashing (within one chunk of a file) and waits for the thread to end.
    func cancel() {
        handoff?.stop()
    }
}
