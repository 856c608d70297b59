import BaselineCore
import BaselineIndicators

/// The options of the `indicators` stage, as written in a pipeline file.
///
/// The catalogue is read while the pipeline is checked, so `baseline validate` reports a
/// problem in it at the catalogue's own line and column.
public struct IndicatorsConfiguration: Decodable, Sendable {
    /// The catalogue file, relative to the pipeline file.
    public var cataloguePath: InputFile
    /// The catalogue read from it.
    public var catalogue: IndicatorCatalogue
    /// The area codes whose observations go into the baseline; `nil`: the place's code and its benchmarks'.
    public var areas: [String]?
    /// What to add over all areas.
    public var aggregate: Aggregate
    /// The pipeline's own table of code changes (`old code,new code`), over the built-in one.
    public var codeChangesPath: InputFile?
    /// Whether the built-in 1:1 code changes (`AreaCodeChanges.successions`) are used.
    public var builtInCodeChanges: Bool
    /// The earlier codes whose figures are read as a kept area's: the two tables above.
    public var successions: AreaSuccessions

    /// Figures made over every area of the input.
    public enum Aggregate: String, Sendable, CaseIterable {
        /// None: the baseline holds the chosen areas' observations only.
        case none
        /// The mean of the values (missing ones left out) per indicator and period, as area `*`.
        case meanByIndicatorPeriod = "mean_by_indicator_period"
    }

    enum CodingKeys: String, OptionKey { case catalogue, areas, aggregate, codeChanges, builtInCodeChanges }

    /// Decodes the options and reads the catalogue.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cataloguePath = try c.decode(InputFile.self, forKey: .catalogue)
        areas = try c.decodeIfPresent([String].self, forKey: .areas)
        let aggregateName = try c.decodeIfPresent(String.self, forKey: .aggregate) ?? Aggregate.none.rawValue
        guard let aggregate = Aggregate(rawValue: aggregateName) else {
            throw DecodingError.dataCorruptedError(forKey: .aggregate, in: c, debugDescription:
                "unknown aggregate '\(aggregateName)' — use one of: \(Aggregate.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.aggregate = aggregate
        if areas?.isEmpty == true {
            throw DecodingError.dataCorruptedError(forKey: .areas, in: c, debugDescription: "areas is empty — list at least one area code, or leave it out for the place")
        }
        catalogue = try IndicatorCatalogue.load(cataloguePath)
        codeChangesPath = try c.decodeIfPresent(InputFile.self, forKey: .codeChanges)
        builtInCodeChanges = try c.decodeIfPresent(Bool.self, forKey: .builtInCodeChanges) ?? true
        successions = try AreaSuccessions(builtIn: builtInCodeChanges, file: codeChangesPath)
    }
}

extension IndicatorsConfiguration: DefinesIndicators {
    /// The catalogue's ids: a sink's option naming an indicator is checked against them.
    public var definedIndicators: DefinedIndicators {
        DefinedIndicators(file: cataloguePath.path, ids: catalogue.indicators.map(\.id))
    }
}
