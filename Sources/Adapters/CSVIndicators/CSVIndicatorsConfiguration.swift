import BaselineConfig
import BaselineCore
import BaselineCSV

/// The options of a `csv-indicators` source, as written in a pipeline file.
///
/// Every key is documented in `README.md` beside this file and in `CSVIndicatorsAdapter.options`.
public struct CSVIndicatorsConfiguration: Decodable, Sendable {
    /// The publisher whose column names to expect.
    public enum Layout: String, Sendable, CaseIterable {
        /// Recognise the layout from the header row.
        case auto
        /// An OHID Fingertips data download (`Indicator ID`, `Area Code`, `Time period`, `Value`…).
        case fingertips
        /// An ONS local statistics file: Explore Local Statistics (`areacd`, `areanm`, `indicator`,
        /// `period`, `observation`, `lci_95`…) or the older one-indicator files (`AREACD`, `Period`…).
        case ons
        /// An ONS Nomis API CSV download (`DATE`, `GEOGRAPHY_CODE`, `OBS_VALUE`, `OBS_STATUS`…);
        /// the indicator is the dataset's own dimension, named under `columns:` or given by `indicator:`.
        case nomis
        /// A Nomis web table ("Download data" from a query): a title block (`Date :`, `Units :`)
        /// over an area column and one column per category, each an indicator. See `NomisTable`.
        case nomisTable = "nomis-table"
        /// A Nomis bulk CSV (a census table's "Download the entire table for all areas", the API's
        /// `.bulk.csv`): `date`, `geography`, `geography code`, then one `…; measures: Value` column
        /// per category, each an indicator. See `NomisBulkColumns`.
        case nomisBulk = "nomis-bulk"
        /// Only the columns named under `columns`.
        case custom
    }

    /// The CSV file, relative to the pipeline file.
    public var path: InputFile
    /// Where the pipeline names the file (its `path:` value), for what is about the file as a
    /// whole: a header whose layout cannot be told is said there, the file as the pipeline names it.
    var pathAt: Positioned<String>
    /// The publisher's layout, or `auto`.
    public var layout: Layout
    /// Column names that differ from the layout's (every column, for `custom`).
    public var columns: CSVIndicatorsColumns
    /// The indicator id of every row: for files without an indicator column (ONS files hold one
    /// indicator each); overrides the column when both are there.
    public var indicator: String?
    /// The period of every row, written one way (`2021`; `2024/25` → `2024-25`): for files without
    /// a period column (an ONS Census 2021 custom dataset); overrides the column when both are there.
    public var period: String?
    /// The unit of the values (`%`, `per 100,000`), as the publisher states it.
    public var unit: String?
    /// Which published confidence interval to keep, `95` or `99.8` (Fingertips gives both).
    public var confidence: String
    /// Indicators to keep, as the file names them or by the same words (`cigarette_smokers`
    /// keeps `Cigarette smokers`, as the catalogue matches names); empty keeps all.
    public var indicators: [String] { listed.map(\.value) }
    /// `indicators` with where the pipeline writes each, for the error when none is in the file.
    var listed: [Positioned<String>]
    /// Area codes to keep; empty keeps all.
    public var areas: [String]
    /// Keep rows broken down by a category (deprivation decile, ethnic group), which become
    /// breakdowns of the indicator; `false` passes them over.
    public var includeCategories: Bool
    /// The sex of the headline series (Fingertips shows `Persons` by default); `nil`: by rule.
    public var headlineSex: String?
    /// The age band of the headline series (the indicator's own age); `nil`: by rule.
    public var headlineAge: String?
    /// The field delimiter: sniffed (comma, semicolon or tab) unless the pipeline names one.
    public var delimiter: CSVReader.Delimiter
    /// How numbers write their decimals: `auto` is a comma in a file separated by semicolons (a
    /// spreadsheet in a European language writes both: `22,6262`), a point otherwise.
    public var decimalMark: DecimalMark

    /// How numbers write their decimals.
    public enum DecimalMark: String, Sendable, CaseIterable {
        case auto, point, comma
    }
    /// The longest field accepted, in bytes; a longer one stops the run (usually a quote never closed).
    public var maxFieldBytes: Int

    enum CodingKeys: String, OptionKey {
        case path, layout, columns, indicator, period, unit, confidence, indicators, areas, delimiter, includeCategories
        case headlineSex, headlineAge, maxFieldBytes, decimalMark
    }

    /// Decodes the options, with defaults for the optional ones, and checks they fit together.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(InputFile.self, forKey: .path)
        pathAt = try c.decode(Positioned<String>.self, forKey: .path)
        let layoutName = try c.decodeIfPresent(String.self, forKey: .layout) ?? Layout.auto.rawValue
        columns = try c.decodeIfPresent(CSVIndicatorsColumns.self, forKey: .columns) ?? CSVIndicatorsColumns()
        indicator = try c.decodeIfPresent(String.self, forKey: .indicator)
        if let written = try c.decodeIfPresent(String.self, forKey: .period) {
            guard let read = Period(written) else {
                throw DecodingError.dataCorruptedError(forKey: .period, in: c,
                                                       debugDescription: "period '\(written)' is not one this tool reads (e.g. 2021, 2024/25, 2021 - 23, 2024 Q1)")
            }
            period = read.text
        }
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        confidence = try c.decodeIfPresent(String.self, forKey: .confidence) ?? "95"
        listed = try c.decodeIfPresent([Positioned<String>].self, forKey: .indicators) ?? []
        areas = try c.decodeIfPresent([String].self, forKey: .areas) ?? []
        includeCategories = try c.decodeIfPresent(Bool.self, forKey: .includeCategories) ?? true
        headlineSex = try c.decodeIfPresent(String.self, forKey: .headlineSex)
        headlineAge = try c.decodeIfPresent(String.self, forKey: .headlineAge)
        let delimiterName = try c.decodeIfPresent(String.self, forKey: .delimiter) ?? "auto"
        let decimalName = try c.decodeIfPresent(String.self, forKey: .decimalMark) ?? "auto"
        guard let decimalMark = DecimalMark(rawValue: decimalName) else {
            throw DecodingError.dataCorruptedError(forKey: .decimalMark, in: c,
                                                   debugDescription: "decimal_mark must be auto, point or comma, not '\(decimalName)'")
        }
        self.decimalMark = decimalMark
        maxFieldBytes = try c.decodeIfPresent(Int.self, forKey: .maxFieldBytes) ?? 1 << 20

        guard let layout = Layout(rawValue: layoutName) else {
            let names = Layout.allCases.map(\.rawValue)
            throw DecodingError.dataCorruptedError(forKey: .layout, in: c,
                                                   debugDescription: "unknown layout '\(layoutName)' — use one of: \(names.joined(separator: ", "))")
        }
        self.layout = layout
        guard ["95", "99.8"].contains(confidence) else {
            throw DecodingError.dataCorruptedError(forKey: .confidence, in: c,
                                                   debugDescription: "confidence must be 95 or 99.8 (the intervals Fingertips publishes), not \(confidence)")
        }
        guard let delimiter = CSVReader.Delimiter(name: delimiterName) else {
            throw DecodingError.dataCorruptedError(forKey: .delimiter, in: c, debugDescription: "delimiter must be \(CSVReader.Delimiter.accepted)")
        }
        self.delimiter = delimiter
        guard maxFieldBytes > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .maxFieldBytes, in: c, debugDescription: "max_field_bytes must be positive")
        }
        if indicator?.isEmpty == true {
            throw DecodingError.dataCorruptedError(forKey: .indicator, in: c, debugDescription: "indicator must not be empty")
        }
        if layout == .custom {
            let missing = (columns[.area] == nil ? ["area"] : [])
                + (columns[.period] == nil && period == nil ? ["period (or the option `period:` when every row is of one period, as in a Census 2021 table: `period: 2021`)"] : [])
                + (columns[.value] == nil ? ["value"] : [])
                + (columns[.indicator] == nil && indicator == nil ? ["indicator (or the option `indicator:`)"] : [])
            if !missing.isEmpty {
                throw DecodingError.dataCorruptedError(forKey: .columns, in: c,
                                                       debugDescription: "layout: custom needs these under `columns:`: \(missing.joined(separator: ", "))")
            }
        }
    }
}

/// Header names for the parts of an observation, under `columns:`. Each one left out takes the
/// layout's name for it (`layout: fingertips` or `ons`) or is not read (`custom`).
public struct CSVIndicatorsColumns: Decodable, Sendable, Equatable {
    /// A part of an observation that comes from a column; the raw value is its key under `columns:`.
    public enum Field: String, CodingKey, CaseIterable, Sendable {
        /// The indicator id.
        case indicator
        /// The indicator's name, kept as the attribute `indicator_name`.
        case indicatorName = "indicator_name"
        /// The area code.
        case area
        /// The area name.
        case areaName = "area_name"
        /// The area type, kept as the attribute `area_type`.
        case areaType = "area_type"
        /// The code of the area's parent (Fingertips `Parent Code`): the area the publisher's
        /// `Compared to Region…` / `Compared to parent…` column compares with.
        case parentCode = "parent_code"
        /// The time period.
        case period
        /// What the period is (DfE's Explore Education Statistics `time_identifier`: `Academic
        /// year`, `Financial year`, `Calendar year Q1`, `January`…), which says how to read it
        /// (`202425` with `Academic year` is `2024-25`). A column named `time_identifier` is read
        /// as this in every layout.
        case timeIdentifier = "time_identifier"
        /// The value.
        case value
        /// The lower confidence limit.
        case lower
        /// The upper confidence limit.
        case upper
        /// The count (numerator).
        case count
        /// The denominator.
        case denominator
        /// The unit of the value (ONS `unit`), used where the pipeline gives no `unit:`.
        case unit
        /// A note on the value, kept as the attribute `value_note`; explains a missing value.
        case valueNote = "value_note"
        /// An observation status or flag, kept as the attribute `observation_status`.
        case status
        /// Sex, kept as the attribute `sex`.
        case sex
        /// Age band, kept as the attribute `age`.
        case age
        /// The kind of breakdown (deprivation deciles, ethnic groups), kept as the attribute `category_type`.
        case categoryType = "category_type"
        /// The breakdown's category, kept as the attribute `category`.
        case category
        /// The publisher's own recent trend (Fingertips `Recent Trend`), kept as the attribute
        /// `published_trend` for the benchmark stage to check.
        case trend
        /// The publisher's polarity (ONS `Polarity` of 2023–2025: -1 where lower is better, 1
        /// where higher is), kept as the attribute `published_polarity` for the indicators stage
        /// to check against the catalogue's.
        case polarity
    }

    /// The header named for each field given.
    public var names: [Field: String]

    /// No names: every column from the layout.
    public init(names: [Field: String] = [:]) {
        self.names = names
    }

    /// Decodes the names given; a key that is not a field is an unknown key.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Field.self)
        names = [:]
        for field in Field.allCases {
            if let header = try c.decodeIfPresent(String.self, forKey: field) {
                names[field] = header
            }
        }
    }

    /// The header named for `field`, if any.
    public subscript(field: Field) -> String? { names[field] }
}
