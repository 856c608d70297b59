import BaselineCore

/// What was missing, suppressed or rejected, and why.
public struct DataQuality: Sendable, Codable, Equatable {
    /// Records rejected per source, by reason.
    public var rejects: [String: [String: Int]]
    /// Survey cells withheld for small numbers.
    public var suppressedCells: Int
    /// Missing values by reason.
    public var missing: [String: Int]
    /// Other notes on the evidence, one sentence each.
    public var notes: [String]
    /// Observations whose indicator id is not in the indicator catalogue, by id; `nil` when no
    /// stage checked observations against a catalogue.
    public var uncataloguedIndicators: [String: Int]?
    /// Area names that matched no code, with how many observations used each; `nil` when no
    /// stage matched names.
    public var unmatchedAreas: [String: Int]?
    /// Identifiers replaced by the `redact` stage, by kind (`email`, `phone`, `nhs-number`,
    /// `postcode`, `name`): counts only, never the originals; `nil` when no stage redacted.
    public var redactions: [String: Int]?

    enum CodingKeys: String, CodingKey {
        case rejects, missing, notes
        case suppressedCells = "suppressed_cells"
        case uncataloguedIndicators = "uncatalogued_indicators"
        case unmatchedAreas = "unmatched_areas"
        case redactions
    }

    /// Empty data quality.
    public init(rejects: [String: [String: Int]] = [:], suppressedCells: Int = 0, missing: [String: Int] = [:], notes: [String] = [],
                uncataloguedIndicators: [String: Int]? = nil, redactions: [String: Int]? = nil) {
        self.rejects = rejects
        self.suppressedCells = suppressedCells
        self.missing = missing
        self.notes = notes
        self.uncataloguedIndicators = uncataloguedIndicators
        self.redactions = redactions
    }
}
