import BaselineCore

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
    /// Why the recent trend cannot be calculated, in words (`there is no value for 2020-21: not
    /// available`), when `trend` says it cannot (since 1.10).
    public var trendReason: String?
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
        case trendReason = "trend_reason"
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
