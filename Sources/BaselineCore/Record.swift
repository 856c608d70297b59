/// One unit of evidence moving through a pipeline.
///
/// Three kinds cover the material a baseline is built from: statistics (observations), survey
/// responses, and what people said (excerpts). Every kind carries its `Provenance`.
public enum Record: Sendable {
    /// A statistic: area × period × indicator → value or a typed missing. Boxed, so that a
    /// record is copied as one reference: batches of a million observations stay small and a
    /// stage that reads a few fields does not copy the rest.
    indirect case observation(Observation)
    /// One respondent's answers to a survey.
    case response(Response)
    /// A passage of text (a note paragraph or a free-text answer), possibly coded to themes.
    /// Not boxed, though that makes every record (a million 16-byte survey responses too)
    /// 176 bytes: boxed, each excerpt that `code-themes` or `redact` changes is copied into a new
    /// box and the old one freed, and the notes bench took 4% more CPU (2% more wall) for the
    /// survey's 2% less, paired over 12 rounds.
    case excerpt(Excerpt)

    /// Where the record came from.
    public var provenance: Provenance {
        switch self {
        case .observation(let o): o.provenance
        case .response(let r): r.provenance
        case .excerpt(let e): e.provenance
        }
    }

    /// The kind as a lower-case word, for messages and JSON lines.
    public var kind: String {
        switch self {
        case .observation: "observation"
        case .response: "response"
        case .excerpt: "excerpt"
        }
    }
}

/// Why a value is absent. Missing is never zero: the reason travels to the dashboard.
public enum MissingReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Withheld to protect confidentiality or because numbers are too small (`c`, `[c]`, `*`).
    case suppressed
    /// Not collected or not available (`x`, `..`, `:`, `NaN`, empty).
    case notAvailable = "not_available"
    /// Does not apply to this area or period (`z`, `-`).
    case notApplicable = "not_applicable"
    /// Confidential under the publisher's rules.
    case confidential
    /// Below the publisher's threshold for reliable figures (`u`, `[u]`).
    case lowReliability = "low_reliability"
    /// The respondent left the question blank.
    case blank
    /// A figure that exists but is below the rounding: not 0, shown as 0 when rounded (the GSS
    /// symbol `[low]`, DfE's `low` and its older `k`). Not a zero, and not unreliable: the exact
    /// value is not published. (Not always more than 0: DfE's progress scores, which may be
    /// negative, write `k` for a score between -0.005 and 0.005.) Since schema 1.12.
    case roundsToZero = "rounds_to_zero"

    /// Why the value is missing, in words for a brief: `not available`, `too unreliable to publish`,
    /// `below the rounding: rounds to 0 but is not 0`.
    public var words: String {
        switch self {
        case .lowReliability: "too unreliable to publish"
        case .roundsToZero: "below the rounding: rounds to 0 but is not 0"
        default: rawValue.split(separator: "_").joined(separator: " ")
        }
    }
}

/// A numeric value or the reason it is missing.
public enum Value: Sendable, Hashable {
    /// A number, in the indicator's unit.
    case number(Double)
    /// No number, and why.
    case missing(MissingReason)

    /// The number, if there is one.
    public var number: Double? {
        if case .number(let v) = self { return v }
        return nil
    }
}

/// A statistic for one area, period and indicator.
///
/// Optional fields are spelled `Optional<T>`, not `T?`: a stored `var x: T?` is set to `nil`
/// before the initializer runs, so the initializer's assignments replace values rather than
/// initialize them, and the optimizer then builds the observation in a temporary and copies it
/// out (a retain and a release per field, for each of a file's million observations).
/// `Optional<T>` has no such default. (`Provenance` is spelled the same way.)
public struct Observation: Sendable {
    /// The area code (a GSS code such as `E07999001`) or the publisher's area id.
    public var area: String
    /// The area's name where the input gives one.
    public var areaName: Optional<String>
    /// The period as published (`2024`, `2024-25`, `2024-Q1`…).
    public var period: String
    /// The indicator id, stable across years.
    public var indicator: String
    /// The value or why it is missing.
    public var value: Value
    /// The unit as published (`%`, `per 1,000`, `count`…).
    public var unit: Optional<String>
    /// The numerator, where published.
    public var count: Optional<Double>
    /// The denominator, where published.
    public var denominator: Optional<Double>
    /// A published lower confidence limit.
    public var lower: Optional<Double>
    /// A published upper confidence limit.
    public var upper: Optional<Double>
    /// Further attributes (status flags, series attributes), by name.
    public var attributes: [String: String]
    /// Where it came from.
    public var provenance: Provenance

    /// Makes an observation. (Inlinable, so that a reader builds it in place, in the record's box.)
    @inlinable
    public init(area: String, areaName: String? = nil, period: String, indicator: String, value: Value,
                unit: String? = nil, count: Double? = nil, denominator: Double? = nil,
                lower: Double? = nil, upper: Double? = nil, attributes: [String: String] = [:],
                provenance: Provenance) {
        self.area = area
        self.areaName = areaName
        self.period = period
        self.indicator = indicator
        self.value = value
        self.unit = unit
        self.count = count
        self.denominator = denominator
        self.lower = lower
        self.upper = upper
        self.attributes = attributes
        self.provenance = provenance
    }
}

/// One respondent's answers, laid out by the `SurveyDefinition` the source declares.
///
/// `answers[i]` answers `survey.questions[i]`; `groups[j]` is the respondent's value of
/// `survey.groupings[j]`. Keeping answers positional (not keyed by question text) keeps a
/// million rows cheap.
///
/// A response either holds its fields or is a row of a `ResponseBlock` (see there): then it is
/// the block and the row's number, and each field is read from the block when asked for (a
/// stage that reads every response's fields should read the block instead, as
/// `survey-aggregate` does). Setting a field of a row gives the response fields of its own;
/// the block and its other rows are unchanged.
public struct Response: Sendable {
    @usableFromInline
    enum Storage: Sendable {
        indirect case fields(Fields)
        case row(ResponseBlock, Int)
    }

    @usableFromInline
    struct Fields: Sendable {
        var survey: SurveyDefinition
        var respondent: String?
        var groups: [String]
        var answers: [Answer]
        var weight: Double?
        var provenance: Provenance
    }

    @usableFromInline
    var storage: Storage

    /// Makes a response.
    public init(survey: SurveyDefinition, respondent: String? = nil, groups: [String], answers: [Answer],
                weight: Double? = nil, provenance: Provenance) {
        storage = .fields(Fields(survey: survey, respondent: respondent, groups: groups, answers: answers, weight: weight,
                                 provenance: provenance))
    }

    /// The response that is row `row` of `block`.
    public init(block: ResponseBlock, row: Int) {
        precondition(row >= 0 && row < block.count, "row \(row) of a block of \(block.count) responses")
        storage = .row(block, row)
    }

    /// The block and row number, when the response is a row of a block.
    @inlinable
    public var blockRow: (block: ResponseBlock, row: Int)? {
        if case .row(let block, let row) = storage { return (block, row) }
        return nil
    }

    /// The fields, read from the block for a row.
    private var fields: Fields {
        switch storage {
        case .fields(let fields): fields
        case .row(let block, let row):
            Fields(survey: block.survey, respondent: nil, groups: block.groups(of: row), answers: block.answers(of: row),
                   weight: block.weight(of: row), provenance: block.provenance(of: row))
        }
    }

    /// Changes one field, giving a row fields of its own first.
    private mutating func change(_ body: (inout Fields) -> Void) {
        var fields = (consume self).fields
        body(&fields)
        self = Response(storage: .fields(fields))
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// The questions and groupings these answers are laid out by.
    public var survey: SurveyDefinition {
        get {
            switch storage {
            case .fields(let fields): fields.survey
            case .row(let block, _): block.survey
            }
        }
        set { change { $0.survey = newValue } }
    }

    /// The respondent id from the export. Used for de-duplication only: it never reaches an output.
    public var respondent: String? {
        get {
            switch storage {
            case .fields(let fields): fields.respondent
            case .row: nil
            }
        }
        set { change { $0.respondent = newValue } }
    }

    /// The respondent's group values, aligned with `survey.groupings` (empty string when blank).
    public var groups: [String] {
        get {
            switch storage {
            case .fields(let fields): fields.groups
            case .row(let block, let row): block.groups(of: row)
            }
        }
        set { change { $0.groups = newValue } }
    }

    /// The answers, aligned with `survey.questions`.
    public var answers: [Answer] {
        get {
            switch storage {
            case .fields(let fields): fields.answers
            case .row(let block, let row): block.answers(of: row)
            }
        }
        set { change { $0.answers = newValue } }
    }

    /// A survey weight, where the export has one.
    public var weight: Double? {
        get {
            switch storage {
            case .fields(let fields): fields.weight
            case .row(let block, let row): block.weight(of: row)
            }
        }
        set { change { $0.weight = newValue } }
    }

    /// Where it came from.
    public var provenance: Provenance {
        get {
            switch storage {
            case .fields(let fields): fields.provenance
            case .row(let block, let row): block.provenance(of: row)
            }
        }
        set { change { $0.provenance = newValue } }
    }
}

/// One answer to one question.
public enum Answer: Sendable, Hashable {
    /// Left blank.
    case blank
    /// A point on the question's scale: the index into `Scale.points`.
    case point(Int)
    /// An answer counted separately and kept out of the denominator ("Don't know", "N/A"):
    /// the index into `Scale.excluded`.
    case excluded(Int)
    /// Free text.
    case text(String)
    /// The options ticked in a multi-select question: indices into `Scale.points`, ascending,
    /// at least one (none ticked is `.blank`).
    case selected([Int])
}

/// A passage of text — a paragraph of notes or a free-text survey answer.
public struct Excerpt: Sendable {
    /// The document it came from (a notes file, or the survey source and question).
    public var document: String
    /// What kind of material (interview, workshop, focus group, survey comment…).
    public var kind: String
    /// The period the material belongs to.
    public var period: String?
    /// Who spoke, where known: role, organisation, speaker label, and survey groups.
    public var attributes: [String: String]
    /// The heading the passage sits under (often the workshop question).
    public var heading: String?
    /// The text itself.
    public var text: String
    /// Theme ids it is coded to.
    public var themes: [String]
    /// Where it came from.
    public var provenance: Provenance

    /// Makes an excerpt.
    public init(document: String, kind: String, period: String? = nil, attributes: [String: String] = [:],
                heading: String? = nil, text: String, themes: [String] = [], provenance: Provenance) {
        self.document = document
        self.kind = kind
        self.period = period
        self.attributes = attributes
        self.heading = heading
        self.text = text
        self.themes = themes
        self.provenance = provenance
    }
}
