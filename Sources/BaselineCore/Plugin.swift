/// The part every adapter, stage and sink declares about itself, for the registry, the pipeline
/// file and `baseline adapters`.
public protocol Plugin: SendableMetatype {
    /// The typed configuration decoded from the plugin's entry in the pipeline file. Unknown keys
    /// are an error, reported at the key's line and column.
    associatedtype Configuration: Decodable
    /// The kind name used in pipeline files (`csv-survey`); also the folder and README name.
    static var kind: String { get }
    /// One line for `baseline adapters`.
    static var summary: String { get }
    /// The plugin's version, recorded in the manifest of every baseline it contributes to.
    static var version: String { get }
    /// Every option, for `baseline adapters <kind>` and the README.
    static var options: [OptionDoc] { get }
    /// A sample configuration in pipeline YAML (one list entry, without the leading `- `);
    /// a test checks that it decodes.
    static var sampleConfiguration: String { get }
    /// Keys the configuration reads only to refuse them with a message saying what to write
    /// instead (an option that moved elsewhere): not options, so not in `options`. Default: none.
    static var refusedKeys: Set<String> { get }
}

/// One configuration option of a plugin, as documented to users.
public struct OptionDoc: Sendable, Codable, Hashable {
    /// The key in the pipeline file.
    public var name: String
    /// The value's type in words (`string`, `path`, `list of strings`…).
    public var type: String
    /// The default, or `nil` when the option is required.
    public var defaultValue: String?
    /// What it is for.
    public var help: String

    /// Documents an option; leave `defaultValue` nil for a required one.
    public init(_ name: String, _ type: String, default defaultValue: String? = nil, _ help: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.help = help
    }

    /// Whether the option must be given.
    public var required: Bool { defaultValue == nil }
}

/// The place and period a pipeline builds a baseline for, as every plugin sees them.
public struct PipelineContext: Sendable {
    /// The place's name ("Millbrook").
    public var placeName: String
    /// The place's area code (`E07999001`).
    public var placeCode: String
    /// The period of the baseline (`2025`).
    public var period: String
    /// The folder that holds the pipeline file: relative paths are resolved against it.
    public var baseDirectory: String
    /// The areas the place is compared with (the pipeline's `benchmarks:`).
    public var benchmarks: [Area]
    /// The pipeline's `privacy:` block: the one list of names every stage that shows text redacts.
    public var privacy: PrivacySettings

    /// Makes a context.
    public init(placeName: String, placeCode: String, period: String, baseDirectory: String, benchmarks: [Area] = []) {
        self.placeName = placeName
        self.placeCode = placeCode
        self.period = period
        self.baseDirectory = baseDirectory
        self.benchmarks = benchmarks
        self.privacy = PrivacySettings()
    }

    /// Makes a context with the pipeline's `privacy:` block.
    public init(placeName: String, placeCode: String, period: String, baseDirectory: String, benchmarks: [Area], privacy: PrivacySettings) {
        self.init(placeName: placeName, placeCode: placeCode, period: period, baseDirectory: baseDirectory, benchmarks: benchmarks)
        self.privacy = privacy
    }
}

// MARK: - Sources

/// What a source adapter is given when it is built.
public struct SourceContext: Sendable {
    /// The source's id in the pipeline (`staff-survey`).
    public var id: String
    /// The place and period.
    public var pipeline: PipelineContext
    /// Every file the pipeline file names (resolved, as `InputFile.resolved`), with the key that
    /// names it (`names_file`, `codebook`, `catalogue`, another source's `path`): the pipeline's
    /// own configuration and the other sources' inputs. A source that reads a folder leaves
    /// these out of it — a names list or a codebook kept beside the notes is not a note.
    public var namedFiles: [String: String]

    /// Makes a source context.
    public init(id: String, pipeline: PipelineContext, namedFiles: [String: String] = [:]) {
        self.id = id
        self.pipeline = pipeline
        self.namedFiles = namedFiles
    }
}

/// The runtime part of a source: reads its input and yields batches of records.
///
/// Open files in `init` (so that failures show at set-up), and return `nil` from `next()` at
/// the end. Bad records go in the batch's `rejects`; a broken input throws `BaselineError`.
public protocol RecordSource: AnyObject {
    /// The next batch, or `nil` when the input is exhausted.
    func next() throws -> RecordBatch?
    /// The files this source reads, for the manifest.
    var inputs: [InputFile] { get }
    /// Notes on the evidence for the baseline's data quality ("the file has a header but no
    /// responses"), read once the source is exhausted.
    var notes: [String] { get }
    /// Whether the runner should call `next()` on a thread of its own, a batch or two ahead of
    /// the stages. Worth it when reading costs about as much as the stages do and the source
    /// does not already parse on a thread of its own (the CSV and XML readers do: a third busy
    /// thread on a two-core machine only slows them down). The source must then not share
    /// mutable state with anything else.
    var readsAhead: Bool { get }
    /// Whether the source hashes the bytes it reads (`inputDigests`), so the runner need not
    /// read its files a second time for the manifest. Worth it for a source of many small
    /// files, where opening each file twice costs more than the hashing.
    var hashesInputs: Bool { get }
    /// The SHA-256 and size of each input it read whole, aligned with `inputs` (`nil`, or no
    /// entry past the end, for one it did not), read once the source is exhausted. The runner
    /// hashes any input without one (a file set aside unread).
    var inputDigests: [InputDigest?] { get }
    /// For a source that turns many rows into fewer records (crimes counted by area: 480,000
    /// rows, 800 counts), the rows it read, read once it is exhausted: its bad rows are a share
    /// of these for `max_rejected:`, not of its records. `nil` for a record a row.
    var rowsRead: Int? { get }
    /// The files it found where it reads (in its folder) and does not read, each with why (a
    /// codebook or a spreadsheet beside the notes): the run warns about them and lists them in
    /// the manifest's `left_out`. Known once the source is built.
    var leftOut: [LeftOutInput] { get }
}

extension RecordSource {
    /// A record a row.
    public var rowsRead: Int? { nil }
    /// No notes.
    public var notes: [String] { [] }
    /// Read on the runner's thread.
    public var readsAhead: Bool { false }
    /// The runner hashes the inputs.
    public var hashesInputs: Bool { false }
    /// None.
    public var inputDigests: [InputDigest?] { [] }
    /// None: every file found is read.
    public var leftOut: [LeftOutInput] { [] }
}

/// A file a source found where it reads and does not read, and why: a `codebook.yaml` in a
/// notes folder ("not a note: …"), the pipeline's names list kept beside the notes.
public struct LeftOutInput: Sendable, Equatable {
    /// The path as the outputs show it (relative to the pipeline file, names redacted).
    public var path: String
    /// Why it was not read, in a few words.
    public var reason: String

    /// Makes one.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// One warning for the files `source` left out: `notes: 2 files found are left out, not
    /// read: notes/codebook.yaml (…), notes/names.txt (…)`, naming at most `limit` of them.
    public static func warning(_ files: [LeftOutInput], source: String, limit: Int = 10) -> String {
        let named = files.prefix(limit).map { "\($0.path) (\($0.reason))" }
        return "\(source): \(files.count == 1 ? "1 file found is" : "\(files.count) files found are") left out, not read: " + named.joined(separator: ", ")
            + (files.count > limit ? " and \(files.count - limit) more (listed in baseline.json's manifest, `left_out`)" : "")
    }
}

/// The SHA-256 of a file's bytes, as lower-case hex, and its size: what the manifest records.
public struct InputDigest: Sendable, Equatable {
    /// SHA-256 of the content, lower-case hex.
    public var sha256: String
    /// Size in bytes.
    public var bytes: Int

    /// Makes a digest.
    public init(sha256: String, bytes: Int) {
        self.sha256 = sha256
        self.bytes = bytes
    }
}

/// A source adapter: a plugin that builds a `RecordSource` from its configuration.
public protocol SourcePlugin: Plugin {
    /// The kinds of record the source yields, so that `Pipeline` can warn about a stage that
    /// works on none of the kinds the sources give. Default: any kind (nothing is checked).
    static var records: Set<RecordKind> { get }
    /// Builds the source; throw `BaselineError` for anything that stops it from starting.
    static func makeSource(configuration: Configuration, context: SourceContext) throws -> any RecordSource
    /// Reads just the header of each input (cheap: one row) and returns the columns the
    /// configuration names that it lacks, for `baseline validate` to report at the pipeline's
    /// line. Throw `BaselineError` for an input that cannot be read. Default: nothing to check.
    static func checkInputs(configuration: Configuration, context: SourceContext) throws -> [MissingColumn]
    /// The first batch `run` would read (a piece of the input, never all of a large one), for
    /// `baseline validate` to send through the pipeline's stages and report what `run` would
    /// stop on that it already shows (an ONS file whose indicator and name columns are swapped:
    /// `Pipeline.sampleProblems`). Default: `nil`, nothing to send — right for a source that
    /// reads all of its input before its first record (police-uk counts every file first).
    static func sampleBatch(configuration: Configuration, context: SourceContext) throws -> RecordBatch?
    /// The files the source would find and not read (see `RecordSource.leftOut`), for
    /// `baseline validate` to warn about at the pipeline's line. Default: none.
    static func leftOut(configuration: Configuration, context: SourceContext) throws -> [LeftOutInput]
    /// The files the source would find and set aside unread, each a bad record (a Word document
    /// among notes), with the reason its reject gives: for `baseline validate` to name them and
    /// to weigh them as `run` would (`Pipeline.unreadInputProblems`). Default: none.
    static func unreadable(configuration: Configuration, context: SourceContext) throws -> [LeftOutInput]
}

extension SourcePlugin {
    /// Any kind: nothing is checked.
    public static var records: Set<RecordKind> { Set(RecordKind.allCases) }

    /// Nothing to check.
    public static func checkInputs(configuration: Configuration, context: SourceContext) throws -> [MissingColumn] { [] }

    /// Nothing to send.
    public static func sampleBatch(configuration: Configuration, context: SourceContext) throws -> RecordBatch? { nil }

    /// None: every file found is read.
    public static func leftOut(configuration: Configuration, context: SourceContext) throws -> [LeftOutInput] { [] }

    /// None: every file read is opened.
    public static func unreadable(configuration: Configuration, context: SourceContext) throws -> [LeftOutInput] { [] }
}

/// A column a source's configuration names that its input's header does not have.
public struct MissingColumn: Sendable, Equatable {
    /// The column as the pipeline names it.
    public var column: String
    /// The input, as the pipeline names it.
    public var file: String
    /// The names the header does have, for a did-you-mean.
    public var header: [String]
    /// What to do, when the adapter knows better than a did-you-mean (a Qualtrics matrix
    /// question named by its stem, `Q2`, where the header has its rows `Q2_1`, `Q2_2`…).
    public var hint: String?

    /// Makes one.
    public init(column: String, file: String, header: [String], hint: String? = nil) {
        self.column = column
        self.file = file
        self.header = header
        self.hint = hint
    }
}

// MARK: - Stages

/// What a stage is given when it is built.
public struct StageContext: Sendable {
    /// The place and period.
    public var pipeline: PipelineContext

    /// Makes a stage context.
    public init(pipeline: PipelineContext) {
        self.pipeline = pipeline
    }
}

// MARK: - Sinks

/// What a sink is given when it is built.
public struct SinkContext: Sendable {
    /// The place and period.
    public var pipeline: PipelineContext

    /// Makes a sink context.
    public init(pipeline: PipelineContext) {
        self.pipeline = pipeline
    }
}
