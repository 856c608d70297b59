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

    enum CodingKeys: String, CodingKey {
        case inputs, sources, plugins, libraries
        case toolVersion = "tool_version"
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

/// The record counts of one source. They reconcile: `read == passedOn + quarantined + skipped`.
public struct SourceCounts: Sendable, Codable, Equatable {
    /// The source id.
    public var id: String
    /// The adapter kind.
    public var adapter: String
    /// The adapter version.
    public var version: String
    /// The `on_error` policy in force.
    public var onError: ErrorPolicy
    /// Records read from the input.
    public var read: Int
    /// Records passed on to the stages.
    public var passedOn: Int
    /// Records written to `rejects/<id>.csv`.
    public var quarantined: Int
    /// Records counted and dropped under `on_error: skip`.
    public var skipped: Int
    /// Who answered, for a survey source that names its `audience:` (`staff`, `residents`).
    public var audience: String?

    enum CodingKeys: String, CodingKey {
        case id, adapter, version, read, quarantined, skipped, audience
        case onError = "on_error"
        case passedOn = "passed_on"
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

    /// Whether the counts add up.
    public var reconciles: Bool { read == passedOn + quarantined + skipped }

    /// The counts as `baseline run` reports them: `survey (csv-survey): read 493, passed on 491,
    /// quarantined 2`, with the skipped where there are any and a warning when they do not add up.
    public var line: String {
        var line = "\(id) (\(adapter)): read \(read), passed on \(passedOn), quarantined \(quarantined)"
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
