import BaselineCore
import BaselinePipeline
import Foundation
import Yams
import BaselineText

/// The checks every source adapter must pass, built-in or third-party.
///
/// ```swift
/// let conformance = AdapterConformance(MyAdapter.self,
///                                      fixtures: try ConformanceFixtures(folder: fixturesFolder),
///                                      sampleBase: pipelinesFolder, pluginFolder: myAdapterFolder)
/// #expect(conformance.run().isEmpty)          // or one check at a time: conformance.run(.provenance)
/// ```
///
/// Every check drives the adapter the way a user does: the fixtures are copied to a temporary
/// folder, a pipeline file is written beside them, and `Pipeline` and `PipelineRunner` read and
/// run it. A check returns the problems it found, each saying what to fix; none means it passed.
public struct AdapterConformance {
    /// One thing every adapter must get right.
    public enum Check: String, CaseIterable, Sendable, CustomStringConvertible {
        /// Kind name, type name, summary, version and options are well formed; `on_error` and `max_rejected` are documented.
        case declarations
        /// The sample configuration decodes as a pipeline entry (its paths relative to `sampleBase`).
        case sampleDecodes
        /// The documented options are exactly the keys the configuration type reads.
        case optionsMatchConfiguration
        /// An unknown key in the adapter's entry stops the pipeline at that key's line and column.
        case unknownKeysRejected
        /// The plugin folder's README starts with `# <kind>` and its options table is made from
        /// `options`; its `sample.yaml` is the sample configuration (`PluginConformance.Check.documentation`).
        case readmeDocumentsOptions
        /// Every record and reject carries its source id, file and line.
        case provenance
        /// read = passed on + quarantined + skipped under each `on_error` policy; `fail` stops at the first bad record.
        case countsReconcile
        /// A broken input stops the run with a `BaselineError` naming the file and line, with a hint.
        case locatedErrors
        /// Two runs over the same input give the same records and byte-identical output files.
        case deterministic

        /// The check's name.
        public var description: String { rawValue }
    }

    /// A problem a check found.
    public struct Issue: Sendable, CustomStringConvertible {
        /// The check that found it.
        public var check: Check
        /// What is wrong and what to do.
        public var message: String

        /// `check: message`.
        public var description: String { "\(check): \(message)" }
    }

    /// The adapter under test.
    public let plugin: any SourcePlugin.Type
    /// Its fixtures.
    public let fixtures: ConformanceFixtures
    /// The folder the sample configuration's paths are relative to (the repository's `pipelines/`).
    public let sampleBase: String
    /// The adapter's folder, holding `README.md` and `sample.yaml`.
    public let pluginFolder: String?
    /// The plugins the generated pipelines may use; always includes `plugin`.
    public let registry: PluginRegistry
    /// YAML appended to every generated pipeline (`transforms:` and `sinks:` from `registry`).
    public let pipelineTail: String

    /// Checks `plugin` with `fixtures`. Pass a `registry` and `pipelineTail` (for example
    /// `"sinks:\n  - sink: dashboard-json\n"`) to have the determinism check compare real output
    /// files; without them only the records, the rejects files and the document are compared.
    public init(_ plugin: any SourcePlugin.Type, fixtures: ConformanceFixtures, sampleBase: String, pluginFolder: String?,
                registry: PluginRegistry = PluginRegistry(), pipelineTail: String = "") {
        self.plugin = plugin
        self.fixtures = fixtures
        self.sampleBase = sampleBase
        self.pluginFolder = pluginFolder
        let known = registry.sources.contains { $0.kind == plugin.kind }
        self.registry = known ? registry : registry.adding(PluginRegistry(sources: [plugin]))
        self.pipelineTail = pipelineTail
    }

    /// Runs every check and returns every problem found.
    public func run() -> [Issue] {
        Check.allCases.flatMap(run)
    }

    /// Runs one check and returns the problems it found.
    public func run(_ check: Check) -> [Issue] {
        var issues = [String]()
        do {
            switch check {
            case .declarations: issues = checkDeclarations()
            case .sampleDecodes: issues = common.run(.sampleDecodes)
            case .optionsMatchConfiguration: issues = common.run(.optionsMatchConfiguration)
            case .unknownKeysRejected: issues = try checkUnknownKeys()
            case .readmeDocumentsOptions: issues = common.run(.documentation)
            case .provenance: issues = try checkProvenance()
            case .countsReconcile: issues = try checkCounts()
            case .locatedErrors: issues = try checkLocatedErrors()
            case .deterministic: issues = try checkDeterminism()
            }
        } catch {
            issues.append("stopped by an unexpected error: \(error)")
        }
        return issues.map { Issue(check: check, message: $0) }
    }

    // MARK: - Declarations

    private func checkDeclarations() -> [String] {
        var issues = [String]()
        let kind = plugin.kind
        if kind.isEmpty || !kind.split(separator: "-", omittingEmptySubsequences: false).allSatisfy({ part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }) {
            issues.append("kind '\(kind)' should be lower-case words joined by '-' (csv-survey)")
        }
        let typeName = String(describing: plugin)
        if !typeName.hasSuffix("Adapter") || Self.kebab(String(typeName.dropLast("Adapter".count))) != kind {
            issues.append("type \(typeName) should be named after the kind: '\(kind)' ↔ \(Self.typeName(for: kind))")
        }
        if plugin.summary.isEmpty || plugin.summary.contains("\n") {
            issues.append("summary should be one line, for `baseline adapters`")
        }
        let parts = plugin.version.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count != 3 || !parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
            issues.append("version '\(plugin.version)' should be MAJOR.MINOR.PATCH")
        }
        var seen = Set<String>()
        for option in plugin.options {
            if !seen.insert(option.name).inserted { issues.append("option '\(option.name)' is documented twice") }
            if option.help.isEmpty { issues.append("option '\(option.name)' has no help text") }
            if option.type.isEmpty { issues.append("option '\(option.name)' has no type") }
        }
        for common in OptionDoc.sourceCommon where !seen.contains(common.name) {
            issues.append("options should end with OptionDoc.sourceCommon (`on_error`, `max_rejected`), so users see `\(common.name)`")
        }
        return issues
    }

    /// The kind a type name spells, by the naming rule: `CSVSurvey` → `csv-survey`,
    /// `XMLDataset` → `xml-dataset` (words split where a capital starts one).
    public static func kebab(_ name: String) -> String {
        let characters = Array(name)
        var text = ""
        for (index, character) in characters.enumerated() {
            if character.isUppercase, index > 0 {
                let previous = characters[index - 1]
                let nextIsLower = index + 1 < characters.count && characters[index + 1].isLowercase
                if previous.isLowercase || previous.isNumber || (previous.isUppercase && nextIsLower) { text += "-" }
            }
            text += character.lowercased()
        }
        return text
    }

    /// The type name the naming rule expects for a kind, for messages: acronyms in capitals where
    /// a word is one (`csv-survey` → `CSVSurveyAdapter`, `json-lines` → `JSONLinesAdapter`).
    private static func typeName(for kind: String) -> String {
        let acronyms: Set<String> = ["csv", "tsv", "xml", "json", "sdmx", "ons", "nhs", "api", "html", "sql", "gss", "lsoa", "url", "id"]
        return kind.split(separator: "-").map { acronyms.contains(String($0)) ? $0.uppercased() : $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined() + "Adapter"
    }

    // MARK: - Sample, options and documentation: the checks of every plugin

    /// The checks every plugin passes, which `sampleDecodes`, `optionsMatchConfiguration` and
    /// `readmeDocumentsOptions` run.
    public var common: PluginConformance {
        PluginConformance(plugin, sampleBase: sampleBase, pluginFolder: pluginFolder)
    }

    private func checkUnknownKeys() throws -> [String] {
        guard let input = fixtures.good.first else { return ["no good fixture to build the entry from"] }
        let workspace = try Workspace(fixtures: fixtures)
        defer { workspace.remove() }
        let key = "zz_not_an_option"
        let (file, line) = try workspace.writePipeline(entry: try entry(for: input), kind: plugin.kind, policy: .quarantine,
                                                       tail: pipelineTail, extraLine: "\(key): 1")
        do {
            _ = try Pipeline(file: file, registry: registry)
            return ["an unknown key '\(key)' was accepted: decode with explicit CodingKeys through a keyed container"]
        } catch let error as BaselineError {
            var issues = [String]()
            if error.file != file || error.line != line || error.column == nil {
                issues.append("the unknown key was reported at \(error.file ?? "?"):\(error.line ?? 0):\(error.column ?? 0), not at \(file):\(line)")
            }
            if !error.message.contains(key) { issues.append("the message does not name the unknown key: \(error.message)") }
            return issues
        }
    }

    // MARK: - Running the fixtures

    private func checkProvenance() throws -> [String] {
        var issues = [String]()
        if fixtures.good.isEmpty { issues.append("no good fixture (a file named good…)") }
        if fixtures.badRecords.isEmpty { issues.append("no bad-records fixture (a file named bad-records…)") }
        let workspace = try Workspace(fixtures: fixtures)
        defer { workspace.remove() }
        for input in fixtures.good + fixtures.badRecords {
            let (drained, _) = try drainThroughPipeline(input, in: workspace)
            let isGood = fixtures.good.contains(input)
            if drained.records.isEmpty { issues.append("\(input): gave no records") }
            if isGood, let first = drained.rejects.first {
                issues.append("\(input): a good fixture gave a reject at \(first.provenance.location): \(first.reason)")
            }
            if !isGood, drained.rejects.isEmpty { issues.append("\(input): a bad-records fixture gave no rejects") }
            for (index, record) in drained.records.enumerated() {
                if let problem = Self.problem(with: record.provenance, input: input) {
                    issues.append("\(input): record \(index + 1) (\(record.kind)): \(problem)")
                    break
                }
            }
            for reject in drained.rejects {
                if let problem = Self.problem(with: reject.provenance, input: input) {
                    issues.append("\(input): reject '\(reject.reason)': \(problem)")
                    break
                }
                if reject.reason.isEmpty { issues.append("\(input): a reject at \(reject.provenance.location) has no reason") }
            }
        }
        return issues
    }

    /// What is wrong with a provenance from `input`, if anything.
    private static func problem(with provenance: Provenance, input: String) -> String? {
        if provenance.source != Workspace.sourceId {
            return "provenance names source '\(provenance.source)', not the source's id '\(Workspace.sourceId)' (use SourceContext.id)"
        }
        if provenance.file != input, !provenance.file.hasPrefix(input + "/") {
            return "provenance names file '\(provenance.file)', not the path as the pipeline wrote it, '\(input)' (use InputFile.path)"
        }
        guard let line = provenance.line, line >= 1 else { return "provenance has no line" }
        return nil
    }

    private func checkCounts() throws -> [String] {
        var issues = [String]()
        let workspace = try Workspace(fixtures: fixtures)
        defer { workspace.remove() }
        for input in fixtures.good + fixtures.badRecords {
            let (drained, rowsRead) = try drainThroughPipeline(input, in: workspace)
            // Records left out by a rule the user chose are skipped under every policy.
            let records = drained.records.count, byRule = drained.rejects.filter(\.leftOutByRule).count
            let rejects = drained.rejects.count - byRule
            // A source that counts rows into fewer records is counted in its rows, with the
            // records it made as its figures.
            let read = rowsRead ?? records + rejects + byRule
            for policy in ErrorPolicy.allCases {
                let label = "\(input) under on_error: \(policy.rawValue)"
                let (file, _) = try writePipeline(for: input, policy: policy, in: workspace)
                let result: PipelineRunner.Result
                do {
                    result = try runPipeline(file, in: workspace)
                } catch let error as BaselineError {
                    guard policy == .fail, let first = drained.rejects.first(where: { !$0.leftOutByRule }) else {
                        issues.append("\(label): the run failed: \(error)")
                        continue
                    }
                    if error.file != first.provenance.file || error.line != first.provenance.line {
                        issues.append("\(label): stopped at \(error.file ?? "?"):\(error.line ?? 0), not at the first bad record, \(first.provenance.location)")
                    }
                    continue
                }
                if policy == .fail, rejects > 0 {
                    issues.append("\(label): the run went on past \(rejects) bad record(s)")
                    continue
                }
                guard let counts = result.document.manifest.sources.first(where: { $0.id == Workspace.sourceId }) else {
                    issues.append("\(label): the manifest has no counts for the source")
                    continue
                }
                let expected = (read: read, passedOn: rowsRead == nil ? records : read - rejects - byRule,
                                quarantined: policy == .quarantine ? rejects : 0, skipped: (policy == .skip ? rejects : 0) + byRule)
                let found = (read: counts.read, passedOn: counts.passedOn, quarantined: counts.quarantined, skipped: counts.skipped)
                if found != expected {
                    issues.append("\(label): counts read \(found.read), passed on \(found.passedOn), quarantined \(found.quarantined), skipped \(found.skipped); expected \(expected.read), \(expected.passedOn), \(expected.quarantined), \(expected.skipped)")
                }
                if counts.figures != rowsRead.map({ _ in records }) {
                    issues.append("\(label): the manifest gives \(counts.figures.map { "\($0) figures" } ?? "no figures"); expected \(rowsRead == nil ? "none (a record a row)" : "\(records), the records made of \(read) rows")")
                }
                if !counts.reconciles { issues.append("\(label): counts do not reconcile") }
                if policy == .quarantine, rejects > 0 {
                    let rejectsFile = "\(result.folder)/rejects/\(Workspace.sourceId).csv"
                    let text = (try? String(contentsOfFile: rejectsFile, encoding: .utf8)) ?? ""
                    for reject in drained.rejects where !reject.leftOutByRule {
                        let prefix = "\n\(reject.provenance.file),\(reject.provenance.line.map(String.init) ?? ""),"
                        if !text.contains(prefix) {
                            issues.append("\(label): rejects/\(Workspace.sourceId).csv has no row for \(reject.provenance.location)")
                            break
                        }
                    }
                }
            }
        }
        return issues
    }

    private func checkLocatedErrors() throws -> [String] {
        guard !fixtures.broken.isEmpty else { return ["no broken fixture (a file named broken…)"] }
        var issues = [String]()
        let workspace = try Workspace(fixtures: fixtures)
        defer { workspace.remove() }
        for input in fixtures.broken {
            let (file, _) = try writePipeline(for: input, policy: .quarantine, in: workspace)
            do {
                _ = try runPipeline(file, in: workspace)
                issues.append("\(input): a broken input was read without an error")
            } catch let error as BaselineError {
                if error.file != input, error.file?.hasPrefix(input + "/") != true {
                    issues.append("\(input): the error names file '\(error.file ?? "none")', not '\(input)': \(error)")
                }
                if error.line == nil { issues.append("\(input): the error has no line: \(error)") }
                if error.message.isEmpty { issues.append("\(input): the error has no message") }
                if error.hint == nil { issues.append("\(input): the error has no hint saying what to do: \(error)") }
            } catch {
                issues.append("\(input): the error is not a BaselineError, so it has no location: \(error)")
            }
        }
        return issues
    }

    private func checkDeterminism() throws -> [String] {
        var issues = [String]()
        let workspace = try Workspace(fixtures: fixtures)
        defer { workspace.remove() }
        for input in fixtures.good + fixtures.badRecords {
            let (first, _) = try drainThroughPipeline(input, in: workspace)
            let (second, _) = try drainThroughPipeline(input, in: workspace)
            if first.records.map(\.json.line) != second.records.map(\.json.line) {
                issues.append("\(input): two reads gave different records")
            }
            if first.rejects != second.rejects { issues.append("\(input): two reads gave different rejects") }
            let (file, _) = try writePipeline(for: input, policy: .quarantine, in: workspace)
            let runs = try (0..<2).map { _ in try runPipeline(file, in: workspace) }
            if runs[0].document != runs[1].document { issues.append("\(input): two runs gave different baseline documents") }
            let files = try [runs[0].folder, runs[1].folder].map(Self.files(under:))
            if files[0] != files[1] {
                let changed = Set(files[0].keys).union(files[1].keys).filter { files[0][$0] != files[1][$0] }.sorted()
                issues.append("\(input): two runs wrote different bytes to \(changed.joined(separator: ", "))")
            }
        }
        return issues
    }

    /// Every file under `folder`, by relative path, with its bytes.
    private static func files(under folder: String) throws -> [String: Data] {
        var files = [String: Data]()
        for case let path as String in FileManager.default.enumerator(atPath: folder) ?? NSEnumerator() {
            let full = (folder as NSString).appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: URL(fileURLWithPath: full))
            }
        }
        return files
    }

    // MARK: - Helpers

    /// Writes a pipeline that reads `input` under `policy`; returns its path and the line after `on_error`.
    private func writePipeline(for input: String, policy: ErrorPolicy, in workspace: Workspace) throws -> (String, Int) {
        try workspace.writePipeline(entry: try entry(for: input), kind: plugin.kind, policy: policy, tail: pipelineTail)
    }

    /// Reads, checks and runs a pipeline file into a new output root, as `baseline run` does.
    private func runPipeline(_ file: String, in workspace: Workspace) throws -> PipelineRunner.Result {
        try PipelineRunner(pipeline: try Pipeline(file: file, registry: registry), options: .init(outputRoot: workspace.newOutputRoot(), requiresEvidence: false)).run()
    }

    /// Reads `input` through a generated pipeline (the real decoding path) and returns everything.
    /// Everything the source gives for `input`, and the rows it read when it counts rows into
    /// fewer records (`RecordSource.rowsRead`).
    private func drainThroughPipeline(_ input: String, in workspace: Workspace) throws -> (RecordBatch, rowsRead: Int?) {
        let (file, _) = try writePipeline(for: input, policy: .quarantine, in: workspace)
        let pipeline = try Pipeline(file: file, registry: registry)
        let source = try pipeline.sources[0].make()
        let drained = try drain(source)
        return (drained, source.rowsRead)
    }

    /// The source entry for `input`: the fixtures' `configuration.yaml` with `{input}` replaced,
    /// or the sample configuration with its `path` replaced; without the pipeline's own keys.
    func entry(for input: String) throws -> String {
        let template = fixtures.configuration ?? plugin.sampleConfiguration
        guard case .mapping(let mapping) = try configurationNode(template.replacingEvery("{input}", with: input),
                                                                 file: "configuration.yaml") else { return "" }
        if fixtures.configuration == nil, mapping["path"] == nil {
            throw BaselineError(file: "configuration.yaml", "the sample configuration of \(plugin.kind) has no `path` to point at a fixture",
                                hint: "add configuration.yaml to the fixtures folder, with {input} where the input goes")
        }
        let pairs = mapping.map { key, value in
            (key, fixtures.configuration == nil && key.string == "path" ? Node(input) : value)
        }
        return try Yams.serialize(node: .mapping(Node.Mapping(pairs)))
    }
}

// MARK: - The temporary folder a check works in

/// A copy of the fixtures in a temporary folder, with generated pipelines beside them.
struct Workspace {
    /// The id every generated pipeline gives the source.
    static let sourceId = "fixture"

    let root: String
    let inputs: String

    init(fixtures: ConformanceFixtures) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-conformance-\(UUID().uuidString)").path
        inputs = root + "/fixtures"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures.folder, toPath: inputs)
    }

    /// Writes `pipeline-<n>.yaml` beside the inputs; returns its path and the line of `extraLine`.
    func writePipeline(entry: String, kind: String, policy: ErrorPolicy, tail: String, extraLine: String? = nil) throws -> (String, Int) {
        var lines = [
            "# Written by AdapterConformance.",
            "place: {name: Conformance, code: E99999999}",
            "period: conformance",
            "sources:",
            "  - id: \(Self.sourceId)",
            "    adapter: \(kind)",
            "    on_error: \(policy.rawValue)",
        ]
        if let extraLine { lines.append("    " + extraLine) }
        let extraLineNumber = lines.count
        var entryLines = entry.split(separator: "\n", omittingEmptySubsequences: false)
        while entryLines.last?.isEmpty == true { entryLines.removeLast() }
        lines += entryLines.map { "    " + $0 }
        let file = "\(inputs)/pipeline-\(UUID().uuidString.prefix(8)).yaml"
        try (lines.joined(separator: "\n") + "\n" + tail).write(toFile: file, atomically: true, encoding: .utf8)
        return (file, extraLineNumber)
    }

    /// A new, empty output root.
    func newOutputRoot() -> String {
        root + "/output-\(UUID().uuidString.prefix(8))"
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}
