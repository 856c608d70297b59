import BaselineCore
import BaselineHandoff
import BaselineSchema
import Foundation

/// Runs a programme: every place's pipeline, `jobs` at a time, in one process.
///
/// ```
///  places.csv ─▶ one Pipeline a place ─▶ a thread a place, `jobs` working at once
///                                          │ per-place sources: opened by the place (its survey)
///  shared sources (no placeholder) ─▶ SharedSource: read once ─▶ every place's stages
///                                          ▼
///                       <output>/<slug>/<period>/, as a one-place run writes it
/// ```
///
/// Each place runs the same `PipelineRunner` as a one-place pipeline, with each shared source
/// replaced by its place's view of one `SharedSource`: the place's stages see every batch of the
/// file exactly as they would have read it themselves, so the output is byte-identical to a
/// one-place run and does not depend on `jobs` or on which other places run. A place that
/// fails leaves the others running and its previous output untouched.
///
/// When the pipeline allows it (`Programme.routing`: one shared source gives observations, and
/// only `AreaRoutedStage`s take them), that source is *routed by area*: each place's stages are
/// given only its own areas' observations, and what they take from the other areas comes from
/// one shared pass over the file, made by the stage and filled on the reading thread. The
/// outputs are the same bytes either way (tested against `routesByArea: false`).
public final class ProgrammeRunner {
    /// Where a run writes and how it shows progress.
    public struct Options: Sendable {
        /// The output root; each place goes to `<root>/<slug>/<period>/`.
        public var outputRoot: String
        /// How many places work at once.
        public var jobs: Int
        /// The C libraries the tool runs with, for each manifest (see `PipelineRunner.Options`).
        public var libraries: [LibraryVersion]
        /// Called now and then (at most ten times a second, and when a place ends) with where the run is.
        public var progress: (@Sendable (ProgrammeProgress) -> Void)?
        /// Whether a shared source may be routed by area when the pipeline allows it (see
        /// `ProgrammeRunner`); `false`: every place is given every record. The outputs are the
        /// same; the default is `true` unless the environment sets `BASELINE_ROUTING=broadcast`.
        public var routesByArea: Bool
        /// Whether each place's output is flushed to the disk (see `PipelineRunner.Options`).
        public var durable = false

        /// Makes options.
        public init(outputRoot: String, jobs: Int, libraries: [LibraryVersion] = [], progress: (@Sendable (ProgrammeProgress) -> Void)? = nil,
                    routesByArea: Bool = ProcessInfo.processInfo.environment["BASELINE_ROUTING"] != "broadcast") {
            self.outputRoot = outputRoot
            self.jobs = max(1, jobs)
            self.libraries = libraries
            self.progress = progress
            self.routesByArea = routesByArea
        }
    }

    /// How one place's run ended.
    public struct PlaceOutcome: Sendable {
        /// The place.
        public var place: PlacesFile.Place
        /// The folder written, when the run succeeded.
        public var folder: String?
        /// What the run did that the user probably did not mean, each located in the pipeline
        /// file (at the line it is about, when there is one).
        public var warnings: [BaselineError]
        /// Why the place failed, when it did.
        public var error: BaselineError?
        /// What each source read, passed on and set aside, as the place's manifest says.
        public var sources: [SourceCounts] = []
    }

    /// One line per source of the places' runs, as a one-place run prints its counts: once, with
    /// "the same for each of the N places", when every place's counts are equal (as for a file
    /// the places share: each place's manifest counts the whole file); else summed, with "over the
    /// N places" (files of their own).
    public static func sourceLines(_ outcomes: [PlaceOutcome]) -> [String] {
        var order = [String](), counts = [String: [SourceCounts]]()
        for outcome in outcomes {
            for source in outcome.sources {
                if counts[source.id] == nil { order.append(source.id) }
                counts[source.id, default: []].append(source)
            }
        }
        return order.map { id in
            let all = counts[id]!
            guard all.count > 1 else { return all[0].line }
            if all.allSatisfy({ $0 == all[0] }) { return all[0].line + " — the same for each of the \(all.count) places" }
            var total = all[0]
            for other in all.dropFirst() {
                total.read += other.read
                total.passedOn += other.passedOn
                total.quarantined += other.quarantined
                total.skipped += other.skipped
                if let figures = other.figures { total.figures = (total.figures ?? 0) + figures }
                if let setAside = other.figuresSetAside { total.figuresSetAside = (total.figuresSetAside ?? 0) + setAside }
            }
            return total.line + " — over the \(all.count) places"
        }
    }

    private let programme: Programme
    private let options: Options

    /// Makes a runner.
    public init(programme: Programme, options: Options) {
        self.programme = programme
        self.options = options
    }

    /// Runs every place of `places` and returns how each ended, in the same order. Errors are
    /// the places' own: this throws nothing.
    public func run(_ places: [PlacesFile.Place]) -> [PlaceOutcome] {
        let tracker = ProgressTracker(total: places.count, sharedIDs: Set(programme.sharedSourceIDs), report: options.progress)
        var pipelines = places.map { place in Swift.Result<Pipeline, Error> { try programme.pipeline(for: place) } }

        // Each shared source opened once (from the first place whose pipeline is fine: every
        // place's entry for it is the same), and each place's entry pointed at it.
        let turns = DispatchSemaphore(value: options.jobs)
        var shared = [SharedSource]()
        if let template = pipelines.lazy.compactMap({ try? $0.get() }).first {
            let routing = routing(pipelines: &pipelines)
            for index in programme.sharedSources {
                let slot = shared.count
                let opened = Swift.Result<SharedSource, Error> {
                    SharedSource(try template.sources[index].make(), places: places.count, routing: index == programme.routing?.source ? routing : nil,
                                 onRead: { tracker.add(batch: $0, shared: slot) })
                }
                if case .success(let source) = opened {
                    shared.append(source)
                    if options.progress != nil { tracker.countLines(of: source.inputs, shared: slot) }
                }
                for place in pipelines.indices {
                    guard case .success(var pipeline) = pipelines[place] else { continue }
                    let original = pipeline.sources[index]
                    let make: () throws -> any RecordSource = { SharedSourceReader(try opened.get(), place: place, turns: turns) }
                    pipeline.sources[index] = PreparedSource(id: original.id, kind: original.kind, version: original.version, onError: original.onError,
                                                             maxRejected: original.maxRejected, audience: original.audience, line: original.line,
                                                             column: original.column, pathLine: original.pathLine, pathColumn: original.pathColumn,
                                                             make: make, checkInputs: original.checkInputs, sample: original.sample,
                                                             leftOut: original.leftOut, unreadable: original.unreadable)
                    pipelines[place] = .success(pipeline)
                }
            }
        }
        for (place, pipeline) in pipelines.enumerated() where (try? pipeline.get()) == nil {
            for source in shared { source.leave(place) }
        }
        for source in shared { source.start() }

        let sources = shared
        let outcomes = Locked([PlaceOutcome?](repeating: nil, count: places.count))
        let group = DispatchGroup()
        for (index, place) in places.enumerated() {
            let job = PlaceJob(pipeline: pipelines[index])
            group.enter()
            let options = self.options
            do {
                // Parsers recurse (YAML front matter, nested XML): a main thread's stack.
                try DetachedThread.start(name: "place \(place.slug)", stackSize: 8 << 20) {
                    turns.wait()
                    let outcome = job.run(place: place, options: options) { id, read in tracker.sourceRead(place: index, source: id, count: read) }
                    for source in sources { source.leave(index) }
                    turns.signal()
                    outcomes.withLock { $0[index] = outcome }
                    tracker.placeDone()
                    group.leave()
                }
            } catch {
                // The place fails with the reason; the shared sources no longer wait for it.
                // (Not run here instead: the shared sources would wait for the places not yet
                // started, which wait for this thread.)
                for source in sources { source.leave(index) }
                outcomes.withLock { $0[index] = PlaceJob.failed(place, error) }
                tracker.placeDone()
                group.leave()
            }
        }
        group.wait()
        for source in shared { source.finish() }
        return outcomes.withLock { $0.map { $0! } }
    }

    /// The routing of the shared source `programme.routing` names, when the run routes it: each
    /// place's routed stages are made now, a shared pass made for each stage of the pipeline from
    /// all the places' (what each place is given is what its stages still need), and every
    /// stage handed to its place's run with its pass. `nil` — every place given every record —
    /// when the pipeline does not allow it (a stage that takes the observations is not an
    /// `AreaRoutedStage`) or the options say not to.
    private func routing(pipelines: inout [Swift.Result<Pipeline, Error>]) -> SharedSource.Routing? {
        guard options.routesByArea, let plan = programme.routing else { return nil }
        // Each place's stages, made now: by place, in the order of `plan.stages`.
        var made = [Int: [(runtime: StageRuntime, stage: any AreaRoutedStage)]]()
        for place in pipelines.indices {
            guard case .success(let pipeline) = pipelines[place] else { continue }
            var stages = [(runtime: StageRuntime, stage: any AreaRoutedStage)]()
            for index in plan.stages {
                // A stage that cannot be made fails its place's run, which makes it again.
                guard let runtime = try? pipeline.stages[index].make() else { break }
                guard case .records(let stage as any AreaRoutedStage) = runtime else { return nil }
                stages.append((runtime, stage))
            }
            if stages.count == plan.stages.count { made[place] = stages }
        }
        let places = made.keys.sorted()
        var passes = [any SharedAreaPass]()
        for position in plan.stages.indices {
            let stages = places.map { made[$0]![position].stage }
            guard let first = stages.first else { return nil }
            passes.append(first.makeSharedPass(for: stages))
        }
        var areas = [Int: Set<String>]()
        for place in places {
            guard case .success(var pipeline) = pipelines[place] else { continue }
            for (position, index) in plan.stages.enumerated() {
                let (runtime, stage) = made[place]![position]
                stage.useSharedPass(passes[position])
                areas[place, default: []].formUnion(stage.routedAreas)
                let handed = HandedStage(runtime)
                let original = pipeline.stages[index]
                pipeline.stages[index] = PreparedPlugin(kind: original.kind, version: original.version, make: {
                    guard let runtime = handed.take() else {
                        throw BaselineError("the stage '\(original.kind)' was made twice for one run", hint: "report it with the command that gave it")
                    }
                    return runtime
                })
            }
            pipelines[place] = .success(pipeline)
        }
        return SharedSource.Routing(router: AreaRouter(places: pipelines.count, areas: areas), passes: passes)
    }
}

/// A stage made ahead of its place's run and handed to it once: from then on only the run holds
/// it, and it goes when the place is done.
private final class HandedStage: @unchecked Sendable {
    private var runtime: StageRuntime?

    init(_ runtime: StageRuntime) {
        self.runtime = runtime
    }

    /// The stage, the first time; `nil` after.
    func take() -> StageRuntime? {
        defer { runtime = nil }
        return runtime
    }
}

/// One place's pipeline on its way through its thread.
private final class PlaceJob: @unchecked Sendable {
    let pipeline: Swift.Result<Pipeline, Error>

    init(pipeline: Swift.Result<Pipeline, Error>) {
        self.pipeline = pipeline
    }

    func run(place: PlacesFile.Place, options: ProgrammeRunner.Options, progress: @escaping (String, Int) -> Void) -> ProgrammeRunner.PlaceOutcome {
        do {
            let runner = PipelineRunner(pipeline: try pipeline.get(),
                                        options: PipelineRunner.Options(outputRoot: options.outputRoot, progress: progress, libraries: options.libraries,
                                                                        durable: options.durable, sinkThreads: options.jobs > 1 ? 1 : 2,
                                                                        looksForRenamedPlace: false))
            let result = try runner.run()
            return .init(place: place, folder: result.folder, warnings: result.warnings, error: nil, sources: result.document.manifest.sources)
        } catch {
            return Self.failed(place, error)
        }
    }

    /// The outcome of a place that failed with `error`.
    static func failed(_ place: PlacesFile.Place, _ error: Error) -> ProgrammeRunner.PlaceOutcome {
        .init(place: place, folder: nil, warnings: [], error: described(error))
    }

    /// Any error as a `BaselineError` (one not already so keeps its description).
    private static func described(_ error: Error) -> BaselineError {
        if let error = error as? BaselineError { return error }
        if let error = error as? ThreadStartError { return BaselineError(error) }
        return BaselineError("unexpected error: \(BaselineError.systemReason(error))",
                             hint: "run again; if it persists, report it with the command that gave it")
    }
}

/// Counts what a programme has done, for the progress line.
private final class ProgressTracker: Sendable {
    private struct State {
        var done = 0
        var rows = 0
        /// Each shared source's lines (of its one input; a source of many files shows none) and
        /// the last line read so far.
        var sharedLines = [Int: Int]()
        var sharedAt = [Int: Int]()
        /// The shared sources read to the end.
        var sharedEnded = Set<Int>()
        /// When the first place finished.
        var firstDone: Date?
        /// Each place's latest count of records read, by source (per-place sources only).
        var read = [Int: [String: Int]]()
        var lastReport = Date.distantPast
    }

    private let state = Locked(State())
    private let total: Int
    private let sharedIDs: Set<String>
    private let report: (@Sendable (ProgrammeProgress) -> Void)?
    private let started = Date()

    init(total: Int, sharedIDs: Set<String>, report: (@Sendable (ProgrammeProgress) -> Void)?) {
        self.total = total
        self.sharedIDs = sharedIDs
        self.report = report
    }

    /// A batch of a shared source as it is read; `nil` at its end.
    func add(batch: RecordBatch?, shared: Int) {
        guard report != nil else { return }
        guard let batch else {
            update(force: false) { $0.sharedEnded.insert(shared) }
            return
        }
        let line = batch.lastRecordLine ?? batch.rejects.last?.provenance.line
        update(force: false) { state in
            state.rows += batch.recordCount + batch.rejects.count
            if let line { state.sharedAt[shared] = line }
        }
    }

    /// Counts the lines of a shared source's input on a thread of its own, for the time left:
    /// the file is read once more, quickly (a newline count), and only when progress is shown.
    func countLines(of inputs: [InputFile], shared: Int) {
        guard inputs.count == 1, let path = inputs.first?.resolved else { return }
        // Without the thread (a limit on threads reached), the progress line shows no time left.
        try? DetachedThread.start(name: "line count") { [self] in
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { return }
            defer { close(descriptor) }
            var lines = 0
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let count = read(descriptor, buffer, 1 << 20)
                guard count > 0 else { break }
                var at = buffer
                let end = buffer + count
                while let found = memchr(at, 10, end - at) {
                    lines += 1
                    at = UnsafeMutableRawPointer(found) + 1
                }
            }
            update(force: false) { $0.sharedLines[shared] = max(lines, 1) }
        }
    }

    func sourceRead(place: Int, source: String, count: Int) {
        guard !sharedIDs.contains(source) else { return }
        update(force: false) { state in
            state.rows += count - (state.read[place]?[source] ?? 0)
            state.read[place, default: [:]][source] = count
        }
    }

    func placeDone() {
        update(force: true) { state in
            state.done += 1
            if state.done == 1 { state.firstDone = Date() }
        }
    }

    private func update(force: Bool, _ change: (inout State) -> Void) {
        guard let report else { return }
        // Reported with the lock held, so that lines never arrive out of order.
        state.withLock { state in
            change(&state)
            let now = Date()
            guard force || now.timeIntervalSince(state.lastReport) >= 0.1 else { return }
            state.lastReport = now
            // The slowest shared file sets the pace: its share read.
            let shares = state.sharedLines.map { state.sharedEnded.contains($0.key) ? 1 : Double(state.sharedAt[$0.key] ?? 0) / Double($0.value) }
            report(ProgrammeProgress(placesDone: state.done, places: total, rowsRead: state.rows, elapsed: now.timeIntervalSince(started),
                                     sharedRead: shares.min().map { min($0, 1) }, sinceFirstDone: state.firstDone.map { now.timeIntervalSince($0) }))
        }
    }
}
