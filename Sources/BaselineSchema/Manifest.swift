import BaselineCore

/// What went into the baseline.
public struct Manifest: Sendable, Codable, Equatable {
    /// Every input file read.
    public var inputs: [ManifestInput]
    /// Every source with its record counts (read = passed on + quarantined + skipped).
    public var sources: [SourceCounts]
    /// Every stage and sink with its version.
    public var plugins: [PluginVersion]
    /// The version of the `baseline` tool that wrote the file (since 1.6; `nil` in earlier files).
    /// Every manifest key sorts after `inputs`: the `dashboard-json` sink finds the inputs list
    /// as the manifest's first key.
    public var toolVersion: String?
    /// The C libraries the tool ran with and their versions (since 1.6; `nil` in earlier files).
    public var libraries: [LibraryVersion]?
    /// The files a source found where it reads and did not read, each with why (a codebook or a
    /// spreadsheet in a notes folder; since 1.11; `nil` when there were none, and in earlier files).
    public var leftOut: [ManifestLeftOut]?

    enum CodingKeys: String, CodingKey {
        case inputs, sources, plugins, libraries
        case toolVersion = "tool_version"
        case leftOut = "left_out"
    }

    /// An empty manifest.
    public init(inputs: [ManifestInput] = [], sources: [SourceCounts] = [], plugins: [PluginVersion] = []) {
        self.inputs = inputs
        self.sources = sources
        self.plugins = plugins
    }
}

/// One input file of the manifest.
public struct ManifestInput: Sendable, Codable, Equatable {
    /// The path relative to the pipeline file.
    public var path: String
    /// The id of the source that read it.
    public var source: String
    /// Size in bytes.
    public var bytes: Int
    /// SHA-256 of the content, lower-case hex.
    public var sha256: String

    /// Makes a manifest input.
    public init(path: String, source: String, bytes: Int, sha256: String) {
        self.path = path
        self.source = source
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// A file a source found where it reads and did not read (`Manifest.leftOut`).
public struct ManifestLeftOut: Sendable, Codable, Equatable {
    /// The path relative to the pipeline file (names redacted, as in `inputs`).
    public var path: String
    /// The id of the source that left it out.
    public var source: String
    /// Why, in a few words.
    public var reason: String

    /// Makes an entry.
    public init(path: String, source: String, reason: String) {
        self.path = path
        self.source = source
        self.reason = reason
    }
}

/// The record counts of one source. They reconcile: `read == passedOn + quarantined + skipped`.
///
/// A source that counts rows into fewer figures (`figures` is set: police-uk's 480,000 crimes
/// into 800 counts by area, period and crime type; `RecordSource.rowsRead`) is counted in
/// **rows**: `read` is the rows read, `quarantined` and `skipped` the rows set aside, and
/// `passedOn` the rows the figures were made of; `figures` is how many figures those rows made.
/// A record a row, and the unit is records.
public struct SourceCounts: Sendable, Codable, Equatable {
    /// The source id.
    public var id: String
    /// The adapter kind.
    public var adapter: String
    /// The adapter version.
    public var version: String
    /// The `on_error` policy in force.
    public var onError: ErrorPolicy
    /// Records read from the input (rows, for a source of `figures`).
    public var read: Int
    /// Records passed on to the stages (for a source of `figures`: the rows counted into them).
    public var passedOn: Int
    /// Records written to `rejects/<id>.csv` (rows, for a source of `figures`).
    public var quarantined: Int
    /// Records counted and dropped under `on_error: skip`, or left out by a rule (rows, for a source of `figures`).
    public var skipped: Int
    /// Who answered, for a survey source that names its `audience:` (`staff`, `residents`).
    public var audience: String?
    /// For a source that counts rows into figures: the figures it made of the rows passed on, and
    /// gave the stages (since 1.10). `nil` for a source of a record a row.
    public var figures: Int?
    /// Of `figures`, those a stage set aside (quarantined or skipped by the source's `on_error`,
    /// and in `rejects/<id>.csv` when quarantined): a figure is not a row, so they are not in
    /// `quarantined` or `skipped` (since 1.10; `nil` when none).
    public var figuresSetAside: Int?

    enum CodingKeys: String, CodingKey {
        case id, adapter, version, read, quarantined, skipped, audience, figures
        case onError = "on_error"
        case passedOn = "passed_on"
        case figuresSetAside = "figures_set_aside"
    }

    /// Makes counts.
    public init(id: String, adapter: String, version: String, onError: ErrorPolicy,
                read: Int = 0, passedOn: Int = 0, quarantined: Int = 0, skipped: Int = 0) {
        self.id = id
        self.adapter = adapter
        self.version = version
        self.onError = onError
        self.read = read
        self.passedOn = passedOn
        self.quarantined = quarantined
        self.skipped = skipped
    }

    /// Whether the counts add up (in rows, for a source of `figures`).
    public var reconciles: Bool { read == passedOn + quarantined + skipped }

    /// The unit `read`, `passedOn`, `quarantined` and `skipped` count: `rows` for a source of
    /// `figures`, else `records`.
    public var unit: String { figures == nil ? "records" : "rows" }

    /// Record counts, as the runner tallies them batch by batch (every figure and reject a
    /// record; `setAsideByStages` of them the figures a stage rejected, quarantined and skipped),
    /// put in rows for a source that read `rows` rows and counted them into its records.
    public func countedInRows(_ rows: Int, setAsideByStages: (quarantined: Int, skipped: Int)) -> SourceCounts {
        var counts = self
        let setAside = setAsideByStages.quarantined + setAsideByStages.skipped
        counts.figures = passedOn + setAside
        counts.figuresSetAside = setAside > 0 ? setAside : nil
        counts.quarantined = quarantined - setAsideByStages.quarantined
        counts.skipped = skipped - setAsideByStages.skipped
        counts.read = rows
        counts.passedOn = rows - counts.quarantined - counts.skipped
        return counts
    }

    /// The counts as `baseline run` reports them: `survey (csv-survey): read 493, passed on 491,
    /// quarantined 2`, with the skipped where there are any and a warning when they do not add
    /// up; for a source of `figures`, in rows, with the figures made: `street-crime (police-uk):
    /// read 316 rows, passed on 314 (counted into 560 figures), quarantined 0, skipped 2`.
    public var line: String {
        var line = "\(id) (\(adapter)): read \(read)"
        if let figures {
            line += " rows, passed on \(passedOn) (counted into \(figures) figure\(figures == 1 ? "" : "s")"
                + (figuresSetAside.map { ", \($0) of them set aside by a stage" } ?? "") + ")"
        } else {
            line += ", passed on \(passedOn)"
        }
        line += ", quarantined \(quarantined)"
        if skipped > 0 { line += ", skipped \(skipped)" }
        if !reconciles { line += " — COUNTS DO NOT RECONCILE" }
        return line
    }
}

/// A stage or sink and its version.
public struct PluginVersion: Sendable, Codable, Equatable {
    /// The role: `stage` or `sink`.
    public var role: String
    /// The kind name.
    public var kind: String
    /// The version.
    public var version: String

    /// Makes an entry.
    public init(role: String, kind: String, version: String) {
        self.role = role
        self.kind = kind
        self.version = version
    }
}
