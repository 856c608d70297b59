import BaselineConfig
import BaselineCore
import BaselineSchema
import BaselineText
import Foundation
import Yams

/// A pipeline file, read and checked: every plugin found and every configuration decoded, so
/// that nothing is left to fail on the way through the data but the data itself.
///
/// ```yaml
/// place: { name: Millbrook, code: E07999001 }
/// period: 2025
/// sources:
///   - id: staff-survey
///     adapter: csv-survey
///     path: ../samples/millbrook/staff-survey-2025.csv
/// transforms:
///   - stage: survey-aggregate
/// sinks:
///   - sink: dashboard-json
/// ```
public struct Pipeline {
    /// The pipeline file as the user named it.
    public let file: String
    /// The place, period and folder every plugin sees.
    public let context: PipelineContext
    /// The folder name of the place under the output root (`millbrook`).
    public let placeSlug: String
    /// Where the place's code is written in the pipeline file, for errors about it.
    public let placeCodeAt: (line: Int?, column: Int?)
    /// Benchmark areas named by the pipeline.
    public let benchmarks: [Area]
    /// The sources, in order. (A programme puts a source read once for every place in the place's own.)
    public internal(set) var sources: [PreparedSource]
    /// The stages, in order: record stages and document stages, their order checked against
    /// their contracts (see `Pipeline+Contracts.swift`). (A programme that routes a shared
    /// source by area hands each place's area-routed stages their shared pass.)
    public internal(set) var stages: [PreparedPlugin<StageRuntime>]
    /// The sinks, in order.
    public let sinks: [PreparedPlugin<any Sink>]
    /// The outcomes file the run reports progress on (`outcomes:`), when the pipeline names one.
    public let outcomes: PipelineOutcomes?
    /// What is odd but allowed (no sinks, say): `run` and `validate` print these as warnings.
    public private(set) var warnings: [BaselineError] = []

    /// Reads and checks a pipeline file. Every problem is a `BaselineError` located in the file.
    public init(file: String, registry: PluginRegistry) throws {
        try self.init(file: file, root: try Self.root(of: file), registry: registry)
    }

    /// The composed YAML of a pipeline file; an empty file is an error.
    static func root(of file: String) throws -> Node {
        let text = try TextFile.read(file, path: file, what: "the pipeline file", missingHint: "check the path; `baseline run PIPELINE.yaml`")
        guard let root = try YAMLText.compose(text, file: file, what: "the pipeline", hint: Self.yamlHint) else {
            throw BaselineError(file: file, line: 1, column: 1, "the pipeline file is empty", hint: "see pipelines/millbrook-2025.yaml for a complete example")
        }
        return root
    }

    /// Checks a pipeline already composed from `file`: one place of a programme (see `Programme`)
    /// is the programme's file with `places:` replaced by that place.
    init(file: String, root: Node, registry: PluginRegistry) throws {
        self.file = file
        let base = URL(fileURLWithPath: file).deletingLastPathComponent().standardizedFileURL.path
        let top = try Entry(node: root, file: file, what: "the pipeline")
        if top.optional("places") != nil, top.optional("place") == nil {
            throw BaselineError(file: file, line: top.mark(of: "places")?.line, column: top.mark(of: "places")?.column,
                                "this pipeline names a list of places (`places:`), which `baseline run` builds one by one",
                                hint: "run it with `baseline run \(file)` (see docs/scale.md)")
        }
        if let places = top.mark(of: "places"), top.optional("place") != nil {
            let place = top.mark(of: "place")
            throw BaselineError(file: file, line: places.line, column: places.column,
                                "this pipeline names both `place:`" + (place.map { " (line \($0.line))" } ?? "") + " and `places:`",
                                hint: "keep one: `place:` for one place, or `places:` for a list of places (docs/scale.md)")
        }
        try top.allow(["place", "period", "benchmarks", "privacy", "outcomes", "sources", "transforms", "sinks"])

        // Every file the pipeline names, gathered as it is decoded: a source reading a folder leaves them out.
        let namedFiles = NamedFiles()
        let decoder = NodeDecoder(file: file, userInfo: [.baseDirectory: base, .namedFiles: namedFiles])
        let placeNode = try top.required("place")
        var placeSpec = try decoder.decode(PlaceSpec.self, from: placeNode, codingPath: [AnyKey(stringValue: "place")])
        let codeMark = placeNode.mapping?.value(forKey: "code")?.mark ?? placeNode.mark
        placeCodeAt = (codeMark?.line, codeMark?.column)
        if let trimmed = Self.trimmedAreaCode(placeSpec.code, of: "the place", at: codeMark, file: file, warnings: &warnings) {
            placeSpec.code = trimmed
        }
        if let upper = Self.capitalisedAreaCode(placeSpec.code) {
            let mark = codeMark
            throw BaselineError(file: file, line: mark?.line, column: mark?.column,
                                "the place's code '\(placeSpec.code)' is in lower case, and area codes are written in capitals: no file would match it",
                                hint: "did you mean \(upper)?")
        }
        let periodNode = try top.required("period")
        let period = Self.composed(try decoder.decode(String.self, from: periodNode))
        guard Self.isFolderSafe(period) else {
            throw BaselineError(file: file, line: periodNode.mark?.line, column: periodNode.mark?.column,
                                "period '\(period)' is not a folder-safe name",
                                hint: Self.folderHint(period, "use letters, digits, '-' or '_' (e.g. 2025 or 2024-25)"))
        }
        // It names a folder, and its staging folder `.<period>.partial-<pid>` must fit the file system's 255 bytes.
        guard period.utf8.count <= Self.longestPeriod else {
            throw BaselineError(file: file, line: periodNode.mark?.line, column: periodNode.mark?.column,
                                "the period is \(period.utf8.count) bytes long, too long for a folder name",
                                hint: "shorten it to at most \(Self.longestPeriod) bytes (e.g. 2025 or 2024-25)")
        }
        var benchmarks = try top.optional("benchmarks").map {
            try decoder.decode([Area].self, from: $0, codingPath: [AnyKey(stringValue: "benchmarks")])
        } ?? []
        for index in benchmarks.indices {
            let mark = top.optional("benchmarks")?.sequence?[index].mapping?.value(forKey: "code")?.mark
            if let trimmed = Self.trimmedAreaCode(benchmarks[index].code, of: "the benchmark \(benchmarks[index].name)", at: mark,
                                                  file: file, warnings: &warnings) {
                benchmarks[index].code = trimmed
            }
        }
        self.benchmarks = benchmarks
        let privacy = try top.optional("privacy").map {
            try decoder.decode(PrivacySettings.self, from: $0, codingPath: [AnyKey(stringValue: "privacy")])
        } ?? PrivacySettings()
        self.context = PipelineContext(placeName: placeSpec.name, placeCode: placeSpec.code, period: period, baseDirectory: base,
                                       benchmarks: benchmarks, privacy: privacy)
        self.outcomes = try Self.outcomes(in: top, decoder: decoder, registry: registry, file: file)
        self.placeSlug = placeSpec.slug.map(Self.composed) ?? Self.slug(placeSpec.name)
        // The slug names the output folder, like the period: nothing that climbs out of it.
        guard Self.isFolderSafe(placeSlug) else {
            // At the value the slug comes from: `slug:`, or the name it is made from.
            let mark = top.optional("place")?.mapping?[placeSpec.slug == nil ? "name" : "slug"]?.mark ?? top.mark(of: "place")
            throw BaselineError(file: file, line: mark?.line, column: mark?.column,
                                placeSpec.slug == nil ? "the place's name '\(placeSpec.name)' gives no folder name"
                                                      : "place slug '\(placeSlug)' is not a folder-safe name",
                                hint: Self.folderHint(placeSlug, "set `slug:` under place to letters, digits, '-' or '_' (e.g. millbrook)"))
        }

        // MARK: Sources
        // Built once every file the pipeline names is known (`SourceContext.namedFiles`).
        var preparing: [(_ namedFiles: [String: String]) -> PreparedSource] = []
        let pipelineContext = self.context
        var sourceRecords = Set<RecordKind>()
        var seen = [String: Mark?]()
        for (index, node) in try top.list("sources", file: file).enumerated() {
            let entry = try Entry(node: node, file: file, what: "a source")
            let id = try entry.string("id")
            let idMark = entry.mapping.value(forKey: "id")?.mark
            // The id names the source's rejects file (`rejects/<id>.csv`): a folder-safe name, like the slug.
            guard Self.isFolderSafe(id) else {
                throw BaselineError(file: file, line: idMark?.line, column: idMark?.column,
                                    "source id '\(PeopleText.line(id))' is not a folder-safe name: it names the file rejects/<id>.csv",
                                    hint: Self.folderHint(id, "use letters, digits, '-' or '_' (e.g. staff-survey)"))
            }
            if let previous = seen[id] {
                throw BaselineError(file: file, line: idMark?.line, column: idMark?.column,
                                    "source id '\(id)' is used twice (first at line \(previous?.line ?? 0))", hint: "give each source its own id")
            }
            seen[id] = idMark
            let (kind, plugin) = try entry.plugin("adapter", among: registry.sources) { $0.kind }
            sourceRecords.formUnion(plugin.records)
            let policy = try entry.optional("on_error").map {
                try decoder.decode(ErrorPolicyName.self, from: $0).policy
            } ?? .quarantine
            let threshold = try entry.optional("max_rejected").map {
                try decoder.decode(RejectThreshold.self, from: $0, codingPath: [AnyKey(stringValue: "max_rejected")])
            } ?? .standard
            let audience = try entry.optional("audience").map { try decoder.decode(String.self, from: $0) }
            if audience != nil, !plugin.options.contains(where: { $0.name == OptionDoc.audience.name }) {
                throw BaselineError(file: file, line: entry.mark(of: "audience")?.line, column: entry.mark(of: "audience")?.column,
                                    "adapter '\(kind)' does not read survey answers, so `audience:` means nothing here",
                                    hint: "remove it, or move it to the survey source")
            }
            if audience?.trimmingCharacters(in: .whitespaces).isEmpty == true {
                throw BaselineError(file: file, line: entry.mark(of: "audience")?.line, column: entry.mark(of: "audience")?.column,
                                    "`audience:` is empty", hint: "name who answered, e.g. `audience: residents`")
            }
            let path: [CodingKey] = [AnyKey(stringValue: "sources"), AnyKey(intValue: index)]
            let prepared = try Self.prepareSource(plugin, node: entry.configuration(without: OptionDoc.pipelineKeys),
                                                  decoder: decoder, codingPath: path)
            let pathMark = entry.optional("path")?.mark ?? entry.mark(of: "id")
            preparing.append { namedFiles in
                let (make, check, sample, leftOut, unreadable) = prepared(SourceContext(id: id, pipeline: pipelineContext, namedFiles: namedFiles))
                return PreparedSource(id: id, kind: kind, version: plugin.version, onError: policy, maxRejected: threshold, audience: audience,
                                      line: entry.mark(of: "id")?.line, column: entry.mark(of: "id")?.column,
                                      pathLine: pathMark?.line, pathColumn: pathMark?.column, make: make,
                                      checkInputs: { Self.located(try check(), in: node, file: file) }, sample: sample,
                                      leftOut: {
                                          let files = try leftOut()
                                          guard !files.isEmpty else { return nil }
                                          return BaselineError(file: file, line: pathMark?.line, column: pathMark?.column,
                                                               LeftOutInput.warning(files, source: id))
                                      },
                                      unreadable: unreadable)
            }
        }
        if preparing.isEmpty {
            throw BaselineError(file: file, line: root.mark?.line, column: root.mark?.column, "the pipeline has no sources",
                                hint: "add a `sources:` list with at least one adapter")
        }

        // MARK: Stages and sinks
        let stageContext = StageContext(pipeline: self.context)
        var placed = [PlacedStage]()
        // The indicators the stages' catalogues define: a sink's option naming one is checked against them.
        var defined = [DefinedIndicators]()
        self.stages = try top.optionalList("transforms", file: file).enumerated().map { index, node in
            let entry = try Entry(node: node, file: file, what: "a stage")
            let (kind, plugin) = try entry.plugin("stage", among: registry.stages) { $0.kind }
            let (make, indicators) = try Self.prepareStage(plugin, node: entry.configuration(without: ["stage"]), decoder: decoder,
                                                           codingPath: [AnyKey(stringValue: "transforms"), AnyKey(intValue: index)], context: stageContext)
            defined += indicators.map { [$0] } ?? []
            placed.append(PlacedStage(kind: kind, contract: plugin.contract, mark: entry.mark(of: "stage")))
            return PreparedPlugin(kind: kind, version: plugin.version, make: make)
        }
        warnings += try Self.checkContracts(of: placed, sourceRecords: sourceRecords, registry: registry, file: file)
        let sinkContext = SinkContext(pipeline: self.context)
        let sinkDecoder = NodeDecoder(file: file, userInfo: decoder.userInfo.merging([.definedIndicators: defined]) { $1 })
        var planned = [[String]]()
        self.sinks = try top.optionalList("sinks", file: file).enumerated().map { index, node in
            let entry = try Entry(node: node, file: file, what: "a sink")
            let (kind, plugin) = try entry.plugin("sink", among: registry.sinks) { $0.kind }
            let (make, names) = try Self.prepareSink(plugin, node: entry.configuration(without: ["sink"]), decoder: sinkDecoder,
                                                     codingPath: [AnyKey(stringValue: "sinks"), AnyKey(intValue: index)], context: sinkContext)
            planned.append(names)
            let mark = entry.mark(of: "sink")
            return PreparedPlugin(kind: kind, version: plugin.version, make: make, line: mark?.line, column: mark?.column)
        }
        let named = namedFiles.all
        self.sources = preparing.map { $0(named) }
        // Two sinks writing one file fail here, not once every source has been read.
        try Self.checkPlannedNames(planned, sinks: sinks, sources: sources, file: file)
        if sinks.isEmpty {
            let mark = top.mark(of: "sinks") ?? root.mark
            warnings.append(BaselineError(file: file, line: mark?.line, column: mark?.column,
                                          "the pipeline has no sinks: the data is read and checked, and rejects are written, but no baseline",
                                          hint: "add e.g. `sinks: [{ sink: dashboard-json }, { sink: text-report }]`"))
        }
    }

    // MARK: - Preparing plugins (decoding now, building later)

    /// Decodes a source's configuration now; what it returns gives the source's closures once
    /// its context (with every file the pipeline names) is known.
    private static func prepareSource<P: SourcePlugin>(_ plugin: P.Type, node: Node, decoder: NodeDecoder, codingPath: [CodingKey]) throws
        -> (SourceContext) -> (make: () throws -> any RecordSource, check: () throws -> [MissingColumn], sample: () throws -> RecordBatch?,
                               leftOut: () throws -> [LeftOutInput], unreadable: () throws -> [LeftOutInput]) {
        let configuration = try decoder.decode(P.Configuration.self, from: node, codingPath: codingPath)
        return { context in
            ({ try P.makeSource(configuration: configuration, context: context) },
             { try P.checkInputs(configuration: configuration, context: context) },
             { try P.sampleBatch(configuration: configuration, context: context) },
             { try P.leftOut(configuration: configuration, context: context) },
             { try P.unreadable(configuration: configuration, context: context) })
        }
    }

    private static func prepareStage<P: TransformPlugin>(_ plugin: P.Type, node: Node, decoder: NodeDecoder, codingPath: [CodingKey],
                                                         context: StageContext) throws
        -> (make: () throws -> StageRuntime, indicators: DefinedIndicators?) {
        let configuration = try decoder.decode(P.Configuration.self, from: node, codingPath: codingPath)
        return ({ try P.makeRuntime(configuration: configuration, context: context) }, (configuration as? DefinesIndicators)?.definedIndicators)
    }

    private static func prepareSink<P: SinkPlugin>(_ plugin: P.Type, node: Node, decoder: NodeDecoder, codingPath: [CodingKey],
                                                   context: SinkContext) throws -> (make: () throws -> any Sink, names: [String]) {
        let configuration = try decoder.decode(P.Configuration.self, from: node, codingPath: codingPath)
        return ({ try P.makeSink(configuration: configuration, context: context) }, P.plannedNames(configuration: configuration))
    }

    /// Decodes a plugin's sample configuration as the pipeline would: the check that every
    /// plugin's documented sample is real. `base` is the folder paths in it are relative to.
    public static func decodeSample(of plugin: any Plugin.Type, base: String) throws {
        func decode<P: Plugin>(_ plugin: P.Type) throws {
            guard let node = try Yams.compose(yaml: P.sampleConfiguration) else {
                throw BaselineError(file: "\(P.kind) sample", "the sample configuration is empty")
            }
            let entry = try Entry(node: node, file: "\(P.kind) sample", what: "a sample")
            let stripped = entry.configuration(without: OptionDoc.pipelineKeys)
            _ = try NodeDecoder(file: "\(P.kind) sample", userInfo: [.baseDirectory: base, .allowDirectories: true])
                .decode(P.Configuration.self, from: stripped)
        }
        try decode(plugin)
    }

    // MARK: - Helpers

    /// Letters, digits, `-` and `_` only, and not empty: safe as one folder's name.
    /// The longest period in bytes: room is left in a file name (255 bytes) for the staging
    /// folder's `.<period>.partial-<pid>`.
    static let longestPeriod = 200

    /// A GSS area code written in lower case (`e08000021`), in capitals (`E08000021`); `nil`
    /// for any other code. Publishers write codes in capitals, and a code matches as written.
    /// The code without the spaces around it, and a warning at its place in the pipeline, when
    /// it has any (`code: "E07000174 "`: a space is invisible in a message, and in a spreadsheet
    /// the code was copied from); `nil` when it has none. Area codes in data files and the places
    /// file are read without the spaces around them, so the code is too, as the user meant it.
    static func trimmedAreaCode(_ code: String, of what: String, at mark: Mark?, file: String, warnings: inout [BaselineError]) -> String? {
        let trimmed = code.trimmingWhitespace(andNewlines: true)
        guard trimmed != code, !trimmed.isEmpty else { return nil }
        let before = code.prefix { $0.isWhitespace }.count, after = code.reversed().prefix { $0.isWhitespace }.count
        let spaces = [before > 0 ? "before" : nil, after > 0 ? "after" : nil].compactMap { $0 }.joined(separator: " and ")
        warnings.append(BaselineError(file: file, line: mark?.line, column: mark?.column,
                                      "\(what)'s code '\(PeopleText.line(code))' has \(before + after == 1 ? "a space" : "spaces") \(spaces) it: read as '\(trimmed)'",
                                      hint: "remove the \(before + after == 1 ? "space" : "spaces") from the pipeline (area codes in the files are read without them)"))
        return trimmed
    }

    static func capitalisedAreaCode(_ code: String) -> String? {
        let bytes = Array(code.utf8)
        guard bytes.count == 9, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[0]),
              bytes.dropFirst().allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return code.uppercased()
    }

    static func isFolderSafe(_ name: String) -> Bool {
        !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } && !isWindowsDevice(name)
    }

    /// Whether Windows reserves `name` for a device (`CON`, `PRN`, `AUX`, `NUL`, `COM0`–`9`,
    /// `LPT0`–`9`, in any case): a folder or file of that name (`con`, `con.csv`) cannot be made
    /// or opened there, and an output folder is often copied to a shared Windows drive.
    static func isWindowsDevice(_ name: String) -> Bool {
        let lowered = name.lowercased()
        if ["con", "prn", "aux", "nul"].contains(lowered) { return true }
        return lowered.count == 4 && (lowered.hasPrefix("com") || lowered.hasPrefix("lpt")) && lowered.last!.isNumber
    }

    /// `hint`, or for a name Windows reserves (see `isWindowsDevice`), why it cannot be used.
    static func folderHint(_ name: String, _ hint: String) -> String {
        isWindowsDevice(name)
            ? "'\(name)' is a device name on Windows (CON, PRN, AUX, NUL, COM1–9, LPT1–9), so the output could not be opened there: choose another, e.g. \(name)-1"
            : hint
    }

    /// A folder name made from a place's name: lower case, runs of anything but letters and
    /// digits as one `-`; a name Windows reserves (`Con`) gets `-place` after it. In Unicode's
    /// composed form (NFC), as `composed(_:)` says why.
    static func slug(_ name: String) -> String {
        let lowered = name.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        let slug = composed(String(lowered).split(separator: "-").joined(separator: "-"))
        return isWindowsDevice(slug) ? slug + "-place" : slug
    }

    /// `name` in Unicode's composed form (NFC), for a folder name. "Ynys Môn" typed with `ô` as
    /// one character or as `o` and a combining circumflex (as some keyboards and macOS file names
    /// give it) reads the same and is the same `String`, but makes two folders that look alike:
    /// the next year's baseline would sit beside the first, and `index` and `outcomes` would not
    /// find it.
    static func composed(_ name: String) -> String {
        name.utf8.allSatisfy { $0 < 0x80 } ? name : name.precomposedStringWithCanonicalMapping
    }

    /// What to do about a YAML mistake in a pipeline.
    static let yamlHint = "check indentation and quoting on this line"
}

/// A source whose configuration has been decoded and checked; `make` opens it.
public struct PreparedSource {
    /// The source id.
    public let id: String
    /// The adapter kind.
    public let kind: String
    /// The adapter version.
    public let version: String
    /// What to do with bad records.
    public let onError: ErrorPolicy
    /// The largest share of bad records the run accepts (`max_rejected:`).
    public let maxRejected: RejectThreshold
    /// Who answered, for a survey source that says (`audience:`).
    public let audience: String?
    /// The line and column of the source's `id:` in the pipeline file, for errors about the source as a whole.
    public let line: Int?
    /// See `line`.
    public let column: Int?
    /// The line and column of the source's `path:` (of its `id:` when it has none), for what is
    /// about the files it finds there (those it leaves out: `leftOut`).
    public let pathLine: Int?
    /// See `pathLine`.
    public let pathColumn: Int?
    /// Opens the source.
    public let make: () throws -> any RecordSource
    /// Reads the header of each input and returns each column the source's entry names that is
    /// not there, as an error at the entry's line (see `Pipeline.inputProblems`).
    public let checkInputs: () throws -> [BaselineError]
    /// The first batch `run` would read, when the adapter gives one without reading all of its
    /// input (`SourcePlugin.sampleBatch`), for `Pipeline.sampleProblems`.
    public let sample: () throws -> RecordBatch?
    /// The warning, at the source's `path:`, naming the files it would find and not read
    /// (`SourcePlugin.leftOut`), or `nil` when it reads all it finds: for `baseline validate`.
    public var leftOut: () throws -> BaselineError? = { nil }
    /// The files it would find and set aside unread, as bad records (`SourcePlugin.unreadable`):
    /// for `baseline validate` (`Pipeline.unreadInputProblems`).
    public var unreadable: () throws -> [LeftOutInput] = { [] }
}

/// A stage or sink whose configuration has been decoded; `make` builds it.
public struct PreparedPlugin<Runtime> {
    /// The kind name.
    public let kind: String
    /// The version.
    public let version: String
    /// Builds the runtime part.
    public let make: () throws -> Runtime
    /// Where the plugin's entry is in the pipeline file (its `sink:`/`stage:` key), when known.
    public var line: Int? = nil
    public var column: Int? = nil
}

// MARK: - Pipeline-level configuration pieces

struct PlaceSpec: Decodable {
    var name: String
    var code: String
    var slug: String?
}

/// `on_error` with a did-you-mean for a misspelt policy.
struct ErrorPolicyName: Decodable {
    var policy: ErrorPolicy

    init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let policy = ErrorPolicy(rawValue: text) else {
            let names = ErrorPolicy.allCases.map(\.rawValue)
            let guess = closest(to: text, in: names).map { "did you mean '\($0)'?" } ?? "use one of: \(names.joined(separator: ", "))"
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown on_error policy '\(text)' — \(guess)"))
        }
        self.policy = policy
    }
}

/// A mapping of the pipeline file, with located look-ups.
struct Entry {
    let node: Node
    let mapping: Node.Mapping
    let file: String

    init(node: Node, file: String, what: String) throws {
        guard case .mapping(let mapping) = node else {
            throw BaselineError(file: file, line: node.mark?.line, column: node.mark?.column,
                                "expected \(what) as a mapping of keys to values, found \(node.describedKind)")
        }
        self.node = node
        self.mapping = mapping
        self.file = file
    }

    /// Where the first key `key` is. (By index: iterating a mapping copies all its pairs first.)
    func mark(of key: String) -> Mark? {
        mapping.indices.first { mapping[$0].key.string == key }.flatMap { mapping[$0].key.mark }
    }

    func optional(_ key: String) -> Node? {
        guard let value = mapping.value(forKey: key), !value.isNull else { return nil }
        return value
    }

    func required(_ key: String) throws -> Node {
        guard let value = optional(key) else {
            throw BaselineError(file: file, line: node.mark?.line, column: node.mark?.column, "missing key '\(key)'", hint: "add '\(key):'")
        }
        return value
    }

    func string(_ key: String) throws -> String {
        let value = try required(key)
        guard case .scalar(let scalar) = value else {
            throw BaselineError(file: file, line: value.mark?.line, column: value.mark?.column, "'\(key)' should be a name, found \(value.describedKind)")
        }
        return scalar.string
    }

    func list(_ key: String, file: String) throws -> [Node] {
        let value = try required(key)
        guard case .sequence(let sequence) = value else {
            throw BaselineError(file: file, line: value.mark?.line, column: value.mark?.column, "'\(key)' should be a list (lines starting with '- ')")
        }
        return Array(sequence)
    }

    func optionalList(_ key: String, file: String) throws -> [Node] {
        optional(key) == nil ? [] : try list(key, file: file)
    }

    func allow(_ keys: [String]) throws {
        for (key, _) in mapping {
            guard let name = key.string, !keys.contains(name) else { continue }
            let hint = closest(to: name, in: keys).map { "did you mean '\($0)'?" } ?? "known keys: \(keys.joined(separator: ", "))"
            throw BaselineError(file: file, line: key.mark?.line, column: key.mark?.column, "unknown key '\(name)'", hint: hint)
        }
    }

    /// The entry without the pipeline's own keys: what the plugin's configuration decodes from.
    func configuration(without keys: Set<String>) -> Node {
        let pairs = mapping.filter { !keys.contains($0.key.string ?? "") }.map { ($0.key, $0.value) }
        return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    }

    /// The plugin the entry's `field` names among `plugins`; an error at that field, with a
    /// did-you-mean, when none has that kind.
    func plugin<P>(_ field: String, among plugins: [P], kind: (P) -> String) throws -> (kind: String, plugin: P) {
        let name = try string(field)
        guard let plugin = plugins.first(where: { kind($0) == name }) else {
            throw unknownPlugin(name, key: field, known: plugins.map(kind))
        }
        return (name, plugin)
    }

    private func unknownPlugin(_ kind: String, key: String, known: [String]) -> BaselineError {
        let mark = mapping.first { $0.key.string == key }?.value.mark
        let hint = closest(to: kind, in: known).map { "did you mean '\($0)'?" }
            ?? "known: \(known.sorted().joined(separator: ", ")) (see `baseline adapters`)"
        return BaselineError(file: file, line: mark?.line, column: mark?.column, "unknown \(key) '\(kind)'", hint: hint)
    }
}
