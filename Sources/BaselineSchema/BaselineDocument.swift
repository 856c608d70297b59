import BaselineCore

/// The baseline of a place for one period: what `baseline.json` holds, what stages fill in and
/// what sinks write. Its JSON form is the product's contract, described by
/// `schema/baseline.schema.json`; change it only with a `schemaVersion` bump.
public struct BaselineDocument: Sendable, Codable, Equatable {
    /// The version of the JSON contract this document follows.
    public static let currentSchemaVersion = "1.12"

    /// The contract version (`major.minor`).
    public var schemaVersion: String
    /// The place.
    public var place: Place
    /// The period the baseline is for.
    public var period: String
    /// Areas the place is compared with (England, the region, neighbours).
    public var benchmarks: [Area]
    /// What went in: inputs with their hashes, plugin versions, per-source record counts.
    public var manifest: Manifest
    /// Indicator values with their comparison against benchmarks.
    public var indicators: [IndicatorResult]
    /// Survey results per question, overall and per group.
    public var survey: [SurveyQuestionResult]
    /// Themes from notes and free-text answers.
    public var themes: [ThemeResult]
    /// Where the place does worst and what people said agrees.
    public var candidatePriorities: [CandidatePriority]
    /// What was missing, suppressed or rejected, and why.
    public var dataQuality: DataQuality
    /// Area code changes the pipeline knows, old code → new code (the `join` stage's
    /// `code_changes` table, chains followed to the latest code), so that `baseline diff` can
    /// match an earlier baseline's areas without being told; `nil` when there is no table, and
    /// in baselines written before 1.3.
    public var codeChanges: [String: String]?
    /// Progress on the agreed priorities, when the pipeline names an outcomes file (since 1.5);
    /// `nil` otherwise.
    public var progress: ProgressSection?
    /// The values of the place's own small areas (LSOAs, MSOAs, wards) for the indicators the
    /// input gives for them, each indicator's latest period (the `join` stage keeps them as it
    /// rolls them up; since 1.8); `nil` without a `join` stage, when the input has no small area
    /// of the place, and in earlier baselines.
    public var smallAreas: [SmallAreaValue]?

    enum CodingKeys: String, CodingKey {
        case place, period, benchmarks, manifest, indicators, survey, themes, progress
        case schemaVersion = "schema_version"
        case candidatePriorities = "candidate_priorities"
        case dataQuality = "data_quality"
        case codeChanges = "code_changes"
        case smallAreas = "small_areas"
    }

    /// An empty baseline for a place and period.
    public init(place: Place, period: String) {
        self.schemaVersion = Self.currentSchemaVersion
        self.place = place
        self.period = period
        self.benchmarks = []
        self.manifest = Manifest()
        self.indicators = []
        self.survey = []
        self.themes = []
        self.candidatePriorities = []
        self.dataQuality = DataQuality()
    }
}
