/// The baseline of a place for one period: what `baseline.json` holds, what stages fill in and
/// what sinks write. Its JSON form is the product's contract, described by
/// `schema/baseline.schema.json`; change it only with a `schemaVersion` bump.
public struct BaselineDocument: Sendable, Codable, Equatable {
    /// The version of the JSON contract this document follows.
    public static let currentSchemaVersion = "1.7"

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

    enum CodingKeys: String, CodingKey {
        case place, period, benchmarks, manifest, indicators, survey, themes, progress
        case schemaVersion = "schema_version"
        case candidatePriorities = "candidate_priorities"
        case dataQuality = "data_quality"
        case codeChanges = "code_changes"
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

// MARK: - Place and manifest

/// A place: its name and area code.
public struct Place: Sendable, Codable, Equatable {
    /// The name ("Millbrook").
    public var name: String
    /// The area code (`E07999001`).
    public var code: String

    /// Makes a place.
    public init(name: String, code: String) {
        self.name = name
        self.code = code
    }
}

/// An area other than the place, such as a benchmark.
public struct Area: Sendable, Codable, Equatable {
    /// The area code.
    public var code: String
    /// The name.
    public var name: String
    /// Why it is there (`england`, `region`, `neighbour`).
    public var role: String

    /// Makes an area.
    public init(code: String, name: String, role: String) {
        self.code = code
        self.name = name
        self.role = role
    }
}

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

// MARK: - Survey

/// A figure computed over a set of responses: the shape shared by the overall result of a
/// question and each group's result.
public struct SurveyFigures: Sendable, Codable, Equatable {
    /// Answers on the scale (the denominator).
    public var responses: Int
    /// Share of `responses` that were positive, in percent; `nil` when suppressed.
    public var percentPositive: Double?
    /// Wilson 95% interval of `percentPositive`, in percent.
    public var ci95: Interval?
    /// Mean scale score; `nil` when suppressed.
    public var meanScore: Double?
    /// Count per scale label; empty when suppressed.
    public var distribution: [String: Int]
    /// Blank answers.
    public var blank: Int
    /// Answers kept out of the denominator, by label ("Don't know": 3).
    public var excluded: [String: Int]
    /// Why the figures are withheld, when they are (`fewer than 10 responses`).
    public var suppressed: String?
    /// For a multi-select question: per option, how many ticked it and their share of the
    /// people who answered (`responses`).
    public var options: [String: OptionShare]?
    /// With survey weights: Kish's effective sample size, (Σw)² / Σw², the n behind `ci95`.
    /// Shares and means are then weighted; `responses` and counts stay counts of people.
    public var effectiveSampleSize: Double?

    enum CodingKeys: String, CodingKey {
        case responses, ci95, distribution, blank, excluded, suppressed, options
        case percentPositive = "percent_positive"
        case meanScore = "mean_score"
        case effectiveSampleSize = "effective_sample_size"
    }

    /// Makes figures.
    public init(responses: Int, percentPositive: Double?, ci95: Interval?, meanScore: Double?,
                distribution: [String: Int], blank: Int, excluded: [String: Int], suppressed: String? = nil,
                options: [String: OptionShare]? = nil, effectiveSampleSize: Double? = nil) {
        self.responses = responses
        self.percentPositive = percentPositive
        self.ci95 = ci95
        self.meanScore = meanScore
        self.distribution = distribution
        self.blank = blank
        self.excluded = excluded
        self.suppressed = suppressed
        self.options = options
        self.effectiveSampleSize = effectiveSampleSize
    }
}

/// One option of a multi-select question.
public struct OptionShare: Sendable, Codable, Equatable {
    /// The people who ticked it.
    public var count: Int
    /// Their share of the people who answered the question, in percent (weighted, with weights).
    public var percent: Double?
    /// Wilson 95% interval of `percent`, in percent.
    public var ci95: Interval?

    /// Makes an option share.
    public init(count: Int, percent: Double?, ci95: Interval?) {
        self.count = count
        self.percent = percent
        self.ci95 = ci95
    }
}

/// A two-sided interval.
public struct Interval: Sendable, Codable, Equatable {
    /// The lower limit.
    public var lower: Double
    /// The upper limit.
    public var upper: Double

    /// Makes an interval.
    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }
}

/// The results of one survey question.
public struct SurveyQuestionResult: Sendable, Codable, Equatable {
    /// The stable question id.
    public var id: String
    /// The source it came from.
    public var source: String
    /// The question text.
    public var text: String
    /// The scale's name.
    public var scale: String
    /// Whether the item is reverse-scored.
    public var reverse: Bool
    /// Figures over every response.
    public var overall: SurveyFigures
    /// Figures per grouping (`organisation`) and group value (`Council`).
    public var groups: [String: [GroupFigures]]
    /// The input file the figures came from, relative to the pipeline.
    public var provenance: Provenance
    /// `true` for a multi-select question (its figures are per option, in `options`); absent otherwise.
    public var multiSelect: Bool?
    /// The scale's labels from lowest to highest (a multi-select question's options as asked):
    /// the order to show `distribution` and `options` in, since JSON objects have none. Absent
    /// in baselines written before 1.4.
    public var points: [String]?

    enum CodingKeys: String, CodingKey {
        case id, source, text, scale, reverse, overall, groups, provenance, points
        case multiSelect = "multi_select"
    }

    /// Makes a question result.
    public init(id: String, source: String, text: String, scale: String, reverse: Bool, overall: SurveyFigures,
                groups: [String: [GroupFigures]], provenance: Provenance, multiSelect: Bool? = nil, points: [String]? = nil) {
        self.id = id
        self.source = source
        self.text = text
        self.scale = scale
        self.reverse = reverse
        self.overall = overall
        self.groups = groups
        self.provenance = provenance
        self.multiSelect = multiSelect
        self.points = points
    }
}

/// The figures of one group value.
public struct GroupFigures: Sendable, Codable, Equatable {
    /// The group value (`Council`).
    public var group: String
    /// The figures.
    public var figures: SurveyFigures

    /// Makes group figures.
    public init(group: String, figures: SurveyFigures) {
        self.group = group
        self.figures = figures
    }
}

// MARK: - Indicators, themes, priorities

/// One indicator's value for the place, compared with the benchmarks.
public struct IndicatorResult: Sendable, Codable, Equatable {
    /// The stable indicator id.
    public var id: String
    /// The indicator's name.
    public var name: String
    /// The area code.
    public var area: String
    /// The period.
    public var period: String
    /// The period as a brief shows it (`Jan–Mar 2024` for `2024-Q1`), where that differs from `period`.
    public var periodLabel: String?
    /// The value, or `nil` when missing.
    public var value: Double?
    /// Why the value is missing.
    public var missing: MissingReason?
    /// The unit.
    public var unit: String?
    /// `high_is_good`, `low_is_good` or `no_judgement`.
    public var polarity: String
    /// The 95% interval, where known.
    public var ci95: Interval?
    /// Comparison with each benchmark area, by area code: better, similar, worse, higher,
    /// lower, not_compared.
    public var comparisons: [String: String]
    /// Where the value came from.
    public var provenance: Provenance
    /// The kind of figure (`proportion`, `rate`, `count`, `score`, `mean`), from the catalogue.
    public var valueType: String?
    /// The theme the indicator belongs to, from the catalogue.
    public var theme: String?
    /// The published numerator, where there is one.
    public var count: Double?
    /// The published denominator, where there is one.
    public var denominator: Double?
    /// A flag on the value (`provisional`, `revised`, `estimated`…), where the publisher gives one.
    public var status: String?
    /// What `count / denominator` is multiplied by to give the value (100 for a percentage).
    public var multiplier: Double?
    /// How `ci95` was found: `published`, `wilson`, `byar` or `exact_poisson`.
    public var ciMethod: String?
    /// Comparison with each benchmark at the 99.8% level, where asked for.
    public var comparisons998: [String: String]?
    /// The recent trend over the last five periods, on the latest period's entry
    /// ("increasing and getting worse", "no significant change", "cannot be calculated").
    public var trend: String?
    /// The same figure broken down by sex, age or category (deprivation decile, ethnic group),
    /// for showing inequalities; `nil` when the source published none (and before 1.4).
    public var breakdowns: [IndicatorBreakdown]?
    /// What the publisher itself said of this figure (Fingertips' `Recent Trend` and `Compared
    /// to …` columns), checked by the benchmark stage; `nil` when it said nothing.
    public var published: PublishedJudgement?
    /// The range of the same figure across every area of the place's type in the source, for
    /// the place's own entries (since 1.7); `nil` when the source held fewer than two such areas.
    public var rangeAcrossAreas: RangeAcrossAreas?

    enum CodingKeys: String, CodingKey {
        case id, name, area, period, value, missing, unit, polarity, ci95, comparisons, provenance, theme, count, denominator, status
        case multiplier, trend, breakdowns, published
        case rangeAcrossAreas = "range_across_areas"
        case periodLabel = "period_label"
        case valueType = "value_type"
        case ciMethod = "ci_method"
        case comparisons998 = "comparisons_998"
    }

    /// Makes an indicator result.
    public init(id: String, name: String, area: String, period: String, value: Double?, missing: MissingReason?,
                unit: String?, polarity: String, ci95: Interval?, comparisons: [String: String], provenance: Provenance,
                valueType: String? = nil, theme: String? = nil, count: Double? = nil, denominator: Double? = nil,
                status: String? = nil, multiplier: Double? = nil) {
        self.id = id
        self.name = name
        self.area = area
        self.period = period
        self.value = value
        self.missing = missing
        self.unit = unit
        self.polarity = polarity
        self.ci95 = ci95
        self.comparisons = comparisons
        self.provenance = provenance
        self.valueType = valueType
        self.theme = theme
        self.count = count
        self.denominator = denominator
        self.status = status
        self.multiplier = multiplier
    }
}

/// One breakdown of an indicator's value: the same area and period for one sex, age band or
/// category, as the publisher gives it (an "inequality breakdown").
public struct IndicatorBreakdown: Sendable, Codable, Equatable {
    /// The sex (`Male`, `Female`, `Persons`), where the breakdown is by sex or the publisher names it.
    public var sex: String?
    /// The age band (`65+ yrs`), where the publisher names one.
    public var age: String?
    /// The kind of category (`County & UA deprivation deciles in England (IMD2019 4/21 geography)`).
    public var categoryType: String?
    /// The category within it (`Most deprived decile (IMD2019)`).
    public var category: String?
    /// The value, or `nil` when missing.
    public var value: Double?
    /// Why the value is missing.
    public var missing: MissingReason?
    /// The published 95% interval, where given.
    public var ci95: Interval?
    /// The published numerator, where there is one.
    public var count: Double?
    /// The published denominator, where there is one.
    public var denominator: Double?
    /// Where the value came from.
    public var provenance: Provenance

    enum CodingKeys: String, CodingKey {
        case sex, age, category, value, missing, ci95, count, denominator, provenance
        case categoryType = "category_type"
    }

    /// Makes a breakdown.
    public init(sex: String?, age: String?, categoryType: String?, category: String?, value: Double?, missing: MissingReason?,
                ci95: Interval?, count: Double?, denominator: Double?, provenance: Provenance) {
        self.sex = sex
        self.age = age
        self.categoryType = categoryType
        self.category = category
        self.value = value
        self.missing = missing
        self.ci95 = ci95
        self.count = count
        self.denominator = denominator
        self.provenance = provenance
    }
}

/// What a publisher said of a figure, as published: its recent trend and its comparison with
/// benchmark areas, in the publisher's words.
public struct PublishedJudgement: Sendable, Codable, Equatable {
    /// The publisher's recent trend (`Increasing and getting worse`).
    public var trend: String?
    /// The publisher's comparison with each benchmark area, by area code (`Worse`, `Similar`).
    public var comparisons: [String: String]
    /// Where the benchmark stage's own calculation disagrees with the publisher: one sentence each.
    public var disagreements: [String]?

    /// Makes a published judgement.
    public init(trend: String?, comparisons: [String: String], disagreements: [String]? = nil) {
        self.trend = trend
        self.comparisons = comparisons
        self.disagreements = disagreements
    }
}

/// A theme from notes and free-text answers.
public struct ThemeResult: Sendable, Codable, Equatable {
    /// The stable theme id.
    public var id: String
    /// The theme's name.
    public var name: String
    /// Excerpts coded to it.
    public var mentions: Int
    /// Distinct documents or respondents that mention it.
    public var sources: Int
    /// Mentions by role, organisation and kind.
    public var breakdown: [String: [String: Int]]
    /// Representative quotes, redacted.
    public var quotes: [Quote]
    /// The id of the broader theme it sits under (`housing` for `homelessness`), if any.
    public var parent: String?
    /// Distinct notes documents that mention it.
    public var documents: Int
    /// Distinct survey respondents whose free text mentions it.
    public var respondents: Int
    /// Other themes coded in the same excerpts or answers, by theme id: how many of this
    /// theme's mentions they share.
    public var coOccurring: [String: Int]
    /// Indicator ids that bear on it, from the codebook.
    public var indicators: [String]
    /// Survey question ids that bear on it, from the codebook.
    public var questions: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, mentions, sources, breakdown, quotes
        case parent, documents, respondents, indicators, questions
        case coOccurring = "co_occurring"
    }

    /// Decodes a theme; the fields added with theme coding default to empty, so baselines
    /// written before them still read.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        mentions = try c.decode(Int.self, forKey: .mentions)
        sources = try c.decode(Int.self, forKey: .sources)
        breakdown = try c.decode([String: [String: Int]].self, forKey: .breakdown)
        quotes = try c.decode([Quote].self, forKey: .quotes)
        parent = try c.decodeIfPresent(String.self, forKey: .parent)
        documents = try c.decodeIfPresent(Int.self, forKey: .documents) ?? 0
        respondents = try c.decodeIfPresent(Int.self, forKey: .respondents) ?? 0
        coOccurring = try c.decodeIfPresent([String: Int].self, forKey: .coOccurring) ?? [:]
        indicators = try c.decodeIfPresent([String].self, forKey: .indicators) ?? []
        questions = try c.decodeIfPresent([String].self, forKey: .questions) ?? []
    }

    /// Makes a theme result.
    public init(id: String, name: String, mentions: Int, sources: Int, breakdown: [String: [String: Int]], quotes: [Quote],
                parent: String? = nil, documents: Int = 0, respondents: Int = 0, coOccurring: [String: Int] = [:],
                indicators: [String] = [], questions: [String] = []) {
        self.id = id
        self.name = name
        self.mentions = mentions
        self.sources = sources
        self.breakdown = breakdown
        self.quotes = quotes
        self.parent = parent
        self.documents = documents
        self.respondents = respondents
        self.coOccurring = coOccurring
        self.indicators = indicators
        self.questions = questions
    }
}

/// A quote with who said it and where it is.
public struct Quote: Sendable, Codable, Equatable {
    /// The redacted text.
    public var text: String
    /// Who said it, as far as the notes say (role, organisation).
    public var attribution: String
    /// Where it is.
    public var provenance: Provenance

    /// Makes a quote.
    public init(text: String, attribution: String, provenance: Provenance) {
        self.text = text
        self.attribution = attribution
        self.provenance = provenance
    }
}

/// A candidate priority for the workshop.
public struct CandidatePriority: Sendable, Codable, Equatable {
    /// The theme or indicator id.
    public var id: String
    /// Its name.
    public var name: String
    /// Why it is a candidate, in words.
    public var reason: String
    /// Indicator ids that bear on it.
    public var indicators: [String]
    /// Survey question ids that bear on it.
    public var questions: [String]
    /// Theme ids that bear on it.
    public var themes: [String]
    /// Whether the numbers and what people said agree: `agree` (both point to it),
    /// `numbers_only` (worse than benchmarks, little said), `voices_only` (much said, the numbers
    /// not worse); `nil` in baselines written before 1.2.
    public var agreement: String?

    /// Makes a candidate priority.
    public init(id: String, name: String, reason: String, indicators: [String], questions: [String], themes: [String],
                agreement: String? = nil) {
        self.id = id
        self.name = name
        self.reason = reason
        self.indicators = indicators
        self.questions = questions
        self.themes = themes
        self.agreement = agreement
    }
}

// MARK: - Data quality

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
