import BaselineCore
import BaselineIndicators

/// The options of the `join` stage, as written in a pipeline file. The lookup, alias and
/// code-change tables and the catalogue are read while the pipeline is checked.
public struct JoinConfiguration: Decodable, Sendable {
    /// The geography lookup as ONS publishes it (CSV with `…CD` / `…NM` column pairs).
    public var lookupPath: InputFile
    /// The column of the small areas to roll up (`LSOA21CD`).
    public var from: String
    /// The column of the areas to roll up to (`LAD23CD`).
    public var to: String
    /// Area names → codes: the lookup's own name columns, plus the alias table.
    public var aliasesPath: InputFile?
    /// Old code → new code, for boundary and code changes.
    public var codeChangesPath: InputFile?
    /// The indicator catalogue: how each indicator rolls up (by its value type).
    public var catalogue: IndicatorCatalogue
    /// The indicator whose values are each small area's population, to weight means and scores.
    public var population: String?
    /// Whether the built-in 1:1 code changes (`AreaCodeChanges.successions`) put the lookup's
    /// larger areas on their current code.
    public var builtInCodeChanges: Bool
    /// The tables read from the files.
    public var areas: AreaLookup

    enum CodingKeys: String, OptionKey { case lookup, from, to, aliases, catalogue, population, codeChanges, builtInCodeChanges }

    /// Decodes the options and reads the tables.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        lookupPath = try c.decode(InputFile.self, forKey: .lookup)
        from = try c.decode(String.self, forKey: .from)
        to = try c.decode(String.self, forKey: .to)
        aliasesPath = try c.decodeIfPresent(InputFile.self, forKey: .aliases)
        codeChangesPath = try c.decodeIfPresent(InputFile.self, forKey: .codeChanges)
        catalogue = try IndicatorCatalogue.load(try c.decode(InputFile.self, forKey: .catalogue))
        population = try c.decodeIfPresent(String.self, forKey: .population)
        builtInCodeChanges = try c.decodeIfPresent(Bool.self, forKey: .builtInCodeChanges) ?? true
        areas = try AreaLookup(lookup: lookupPath, from: from, to: to, aliases: aliasesPath, codeChanges: codeChangesPath,
                               builtInCodeChanges: builtInCodeChanges)
    }
}
