/// The kinds of record a source yields and a stage works on (the cases of `Record`).
public enum RecordKind: String, Sendable, Codable, CaseIterable {
    /// Statistics: area × period × indicator → value.
    case observation
    /// Survey answers: one respondent's row.
    case response
    /// Notes: who said what.
    case excerpt

    /// The kind in words, plural, for messages ("survey responses").
    public var described: String {
        switch self {
        case .observation: "statistics (observations)"
        case .response: "survey responses"
        case .excerpt: "note excerpts"
        }
    }
}

/// Something one stage leaves for later ones: a section of the baseline its `finish` fills in
/// (`indicators`), or records it puts right for the stages after it (observations on today's
/// geography). A third-party stage may name its own.
public struct StageProduct: Sendable, Hashable {
    /// The short name shown in `baseline adapters` (`indicators`).
    public var name: String
    /// What it is, in words for messages ("the indicators").
    public var what: String

    /// Names a product.
    public init(_ name: String, what: String) {
        self.name = name
        self.what = what
    }

    /// The `indicators` section: a value per indicator, area and period (the `indicators` stage).
    public static let indicators = StageProduct("indicators", what: "the indicators")
    /// Intervals, comparisons with the benchmark areas and recent trends on the indicators (the `benchmark` stage).
    public static let comparisons = StageProduct("comparisons", what: "the benchmark comparisons and trends")
    /// The `survey` section: results per question and group, small groups suppressed (the `survey-aggregate` stage).
    public static let survey = StageProduct("survey", what: "the survey results")
    /// The `themes` section: mentions, who raised them and quotes (the `code-themes` stage).
    public static let themes = StageProduct("themes", what: "the themes")
    /// The `candidate_priorities` section (the `priorities` stage).
    public static let priorities = StageProduct("priorities", what: "the candidate priorities")
    /// `data_quality.redactions`: how many identifiers were replaced (the `redact` stage).
    public static let redactions = StageProduct("redactions", what: "the redaction counts")
    /// Observations with their areas as today's codes and small areas rolled up (the `join` stage).
    public static let placedObservations = StageProduct("placed-observations", what: "the observations on today's geography")
}

/// What a stage needs from the sources and the stages before it, and what it leaves for the
/// stages after it. `Pipeline` checks the order of `transforms:` against it, so `baseline
/// validate` refuses a stage placed before the stage it needs, at the offending line.
public struct StageContract: Sendable, Hashable {
    /// The kinds of record it works on; empty for a stage that works on the baseline alone
    /// (a `DocumentStage`). When no source yields any of them, the stage has nothing to do:
    /// the pipeline warns.
    public var records: Set<RecordKind>
    /// What an earlier stage must provide: without it the stage cannot work.
    public var requires: [StageProduct]
    /// What it reads when the pipeline has it: a stage that provides it must come earlier.
    public var uses: [StageProduct]
    /// What it leaves for the stages after it (and the sinks).
    public var provides: [StageProduct]

    /// Declares a contract.
    public init(records: Set<RecordKind> = [], requires: [StageProduct] = [], uses: [StageProduct] = [], provides: [StageProduct] = []) {
        self.records = records
        self.requires = requires
        self.uses = uses
        self.provides = provides
    }

    /// What a record stage that declares nothing is taken to be: it works on any record, needs
    /// nothing and provides nothing another stage can name.
    public static let anyRecords = StageContract(records: Set(RecordKind.allCases))
}
