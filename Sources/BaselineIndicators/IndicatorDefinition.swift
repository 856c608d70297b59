import BaselineCore

/// What an indicator measures and how to read it: one entry of an `IndicatorCatalogue`.
///
/// Observations carry only an indicator id; the catalogue gives it a name, a unit, the kind of
/// figure it is (which decides how intervals and comparisons are computed) and its polarity
/// (whether a higher value is better, which decides "better" or "worse" against a benchmark).
public struct IndicatorDefinition: Sendable, Hashable, Codable {
    /// The stable id observations use (`homelessness_duty_rate`).
    public var id: String
    /// The name shown to people ("Households owed a homelessness duty").
    public var name: String
    /// The unit as shown (`per 1,000 households`, `%`, `years`).
    public var unit: String
    /// Whether the catalogue gave `unit`; otherwise it is the kind of figure's default
    /// (`count`, `mean`…), and a unit the publisher gives with a figure (ONS's `unit` column,
    /// SDMX's `UNIT_MEASURE`) is shown in its place.
    public var unitGiven = true
    /// The kind of figure: proportion, rate, count, score or mean.
    public var valueType: ValueType
    /// What `count / denominator` is multiplied by to give the value (100 for a percentage,
    /// 1,000 for a rate per 1,000); 1 where there is no denominator.
    public var multiplier: Double
    /// Whether a higher value is better, worse, or neither.
    public var polarity: Polarity
    /// The theme the indicator belongs to (`housing`, `early years`), where one is given.
    public var theme: String?
    /// Other names the publishers give it (`also_named:`), matched as the name is: ONS renamed
    /// "Anxiety mean score (where 10 is 'completely anxious')" to "Anxiety" between two releases,
    /// and a catalogue that changed its `name:` to follow made `diff` call the two "not comparable".
    public var alsoNamed: [String] = []

    enum CodingKeys: String, CodingKey {
        case id, name, unit, multiplier, polarity, theme
        case valueType = "value_type"
    }

    /// Makes a definition.
    public init(id: String, name: String, unit: String, valueType: ValueType, multiplier: Double,
                polarity: Polarity, theme: String? = nil) {
        self.id = id
        self.name = name
        self.unit = unit
        self.valueType = valueType
        self.multiplier = multiplier
        self.polarity = polarity
        self.theme = theme
    }
}

/// The kind of figure an indicator is.
public enum ValueType: String, Sendable, Hashable, Codable, CaseIterable {
    /// A share of a denominator (`count / denominator × multiplier`, usually a percentage).
    case proportion
    /// Events per population (`count / denominator × multiplier`, e.g. per 1,000).
    case rate
    /// A number of things.
    case count
    /// A score on a scale (a deprivation score, a wellbeing score).
    case score
    /// An average of a quantity (life expectancy in years, mean attainment).
    case mean

    /// The multiplier assumed when the catalogue gives none; `nil` where one must be given.
    public var defaultMultiplier: Double? {
        switch self {
        case .proportion: 100
        case .rate: nil
        case .count, .score, .mean: 1
        }
    }
}
