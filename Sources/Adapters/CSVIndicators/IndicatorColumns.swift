import BaselineCore

/// Where each part of an observation is in a file: found from the header row, the layout's
/// column names and the pipeline's `columns:`.
struct IndicatorColumns {
    typealias Field = CSVIndicatorsColumns.Field

    /// A publisher's own comparison column (Fingertips `Compared to England value or percentiles`):
    /// where it is and whom it compares with.
    struct Comparison {
        /// The benchmark the column compares with.
        enum Benchmark {
            /// A fixed area (England: `E92000001`).
            case area(String)
            /// The row's parent area (`Compared to Region…`, `Compared to parent…`, `Compared to CCGs…`).
            case parent
        }

        /// The field index of the column.
        let index: Int
        /// Whom it compares with.
        let benchmark: Benchmark
    }

    /// The field index of each part found.
    let index: [Field: Int]
    /// The header row, as read (trimmed).
    let header: [String]
    /// The number of fields in the header; a row with more is ragged, and so is a shorter one
    /// that lacks a column the observation needs.
    let width: Int
    /// The publisher's comparison columns, when the layout has them.
    let comparisons: [Comparison]
    /// The geographic levels of a DfE EES file, whose rows write their area code each in the
    /// column of its level; `nil` for any other file.
    let levels: EESLevels?
    /// The fewest fields a row may have: one past the last column read, not counting the notes,
    /// statuses, trends and comparisons that follow the figures. Fingertips leaves the trailing
    /// empty field off its rows, so a row that stops after its figures is read with the fields
    /// it lacks blank; one that stops before them is ragged.
    let minimumWidth: Int

    /// The column names each publisher uses, each field's accepted names in order (a header
    /// matches case-insensitively). The confidence-limit names depend on `confidence`.
    static func defaults(for layout: CSVIndicatorsConfiguration.Layout, confidence: String) -> [Field: [String]] {
        switch layout {
        case .fingertips:
            let level = confidence == "95" ? "95.0" : confidence
            return [.indicator: ["Indicator ID"], .indicatorName: ["Indicator Name"], .area: ["Area Code"], .areaName: ["Area Name"],
                    .areaType: ["Area Type"], .parentCode: ["Parent Code"], .period: ["Time period"], .value: ["Value"],
                    .lower: ["Lower CI \(level) limit"], .upper: ["Upper CI \(level) limit"],
                    .count: ["Count"], .denominator: ["Denominator"], .valueNote: ["Value note"], .sex: ["Sex"], .age: ["Age"],
                    .categoryType: ["Category Type"], .category: ["Category"], .trend: ["Recent Trend"]]
        case .ons:
            // Every spelling ONS has used (matched in any case; see docs/publishers/ons.md):
            // Explore Local Statistics since 2026 (`lci_95`, `status`), the 2023–2025 files
            // (`Lower Confidence Interval (95%)`, `Observation Status`, `Variable Name`; `Value`
            // before October 2023), the 2024–2025 snake-case ones (`lower_confidence_interval_95`,
            // `observation_status`) and the older one-indicator files (`Lower CI`). Its `geography`
            // is not read as the area type: it puts English, Scottish, Welsh and Northern Irish
            // districts in one "Local Authority District" and English unitaries with counties, so
            // a range across areas of that "type" mixed nations and split single-tier councils;
            // the area codes' classes (England's authorities within a tier) make the comparison instead.
            return [.indicator: ["indicator"], .indicatorName: ["Variable Name"], .area: ["areacd"], .areaName: ["areanm"],
                    .period: ["period"], .value: ["observation", "value"],
                    .lower: ["lci_95", "Lower Confidence Interval (95%)", "lower_confidence_interval_95", "Lower CI"],
                    .upper: ["uci_95", "Upper Confidence Interval (95%)", "upper_confidence_interval_95", "Upper CI"],
                    .status: ["status", "Observation Status", "observation_status"], .valueNote: ["notes"], .unit: ["unit"],
                    .polarity: ["polarity"]]
        case .nomis:
            // No indicator: each dataset has its own dimension (`CAUSE_OF_DEATH_NAME`, `CELL_NAME`…).
            return [.area: ["GEOGRAPHY_CODE"], .areaName: ["GEOGRAPHY_NAME"], .areaType: ["GEOGRAPHY_TYPE"],
                    .period: ["DATE", "DATE_CODE", "DATE_NAME"], .value: ["OBS_VALUE"], .status: ["OBS_STATUS"],
                    .valueNote: ["OBS_STATUS_NAME"], .sex: ["GENDER_NAME", "SEX_NAME", "C_SEX_NAME"], .age: ["AGE_NAME", "C_AGE_NAME"]]
        case .auto, .custom, .nomisTable, .nomisBulk:
            return [:]
        }
    }

    /// The columns whose header says they hold a confidence limit (`Lower Confidence Interval
    /// (95%)`, `lci_95`, `Upper CI`) that no field reads, with the field that would read each:
    /// said in data quality, never dropped silently. The other level of a layout that publishes
    /// two (Fingertips' 99.8% limits, chosen by `confidence`) is not one of them.
    ///
    /// `figure` is the column whose limit it is, when that is not the value read: a wide file's
    /// other figures (DfE's `avg_writta_progress_score_lower_CI` beside the
    /// `avg_read_progress_score` read), or `""` when the field already reads another column and
    /// no figure of the limit's name is there. Reading such a limit as the value's would give the
    /// value another figure's interval.
    let unreadLimits: [(header: String, field: Field, figure: String?)]

    /// The words of a header, lower case, without those that say it is a limit (`lower`, `ci`,
    /// `95`…): `avg_writta_progress_score_lower_CI` and `avg_writta_progress_score` share them.
    static func figureWords(_ header: String) -> [String] {
        let limitWords: Set<String> = ["lower", "upper", "low", "high", "lci", "uci", "lcl", "ucl", "ci", "confidence", "cl", "limit", "limits",
                                       "bound", "interval", "level", "95", "99", "8", "0", "percent"]
        return header.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { !limitWords.contains($0) }
    }

    /// The field a header names when it reads as a confidence limit: a word for lower or upper
    /// (`lower`, `low`, `upper`, `high`) with one for an interval or limit (`ci`, `confidence`,
    /// `cl`, `limit`, `bound`), or a short form (`lci`, `uci`, `lcl`, `ucl`, `lci_95`).
    static func confidenceLimit(_ header: String) -> Field? {
        let words = header.lowercased().split { !$0.isLetter }.map(String.init)
        let lower: Set<String> = ["lower", "low", "lci", "lcl"], upper: Set<String> = ["upper", "high", "uci", "ucl"]
        let interval: Set<String> = ["ci", "confidence", "cl", "limit", "bound"]
        let short = words.contains { ["lci", "uci", "lcl", "ucl"].contains($0) }
        guard short || words.contains(where: interval.contains) else { return nil }
        if words.contains(where: lower.contains) { return .lower }
        if words.contains(where: upper.contains) { return .upper }
        return nil
    }

    /// The layout a header row is in, or `nil` when it is neither publisher's.
    static func recognise(_ header: [String]) -> CSVIndicatorsConfiguration.Layout? {
        let names = Set(header.map { $0.lowercased() })
        if names.isSuperset(of: ["indicator id", "area code", "time period", "value"]) { return .fingertips }
        if names.isSuperset(of: ["areacd", "period"]), !names.isDisjoint(with: ["observation", "value"]) { return .ons }
        if names.isSuperset(of: ["geography_code", "obs_value"]), !names.isDisjoint(with: ["date", "date_code", "date_name"]) { return .nomis }
        return nil
    }

    /// A header of no layout this tool recognises, said at the source's `path:` in the pipeline
    /// (as a filter that keeps nothing is said at its entry), naming the file as the pipeline
    /// does and the header's line: before, the file alone, by its absolute path when it was
    /// outside the folder the command ran in. A DWP Stat-Xplore table (its periods across the
    /// columns, each with an `… - Annotations` column; its areas by name) is said to be one,
    /// since no `columns:` can read it.
    static func unknownLayout(_ header: [String], line: Int, configuration: CSVIndicatorsConfiguration) -> BaselineError {
        let file = configuration.path.path, at = configuration.pathAt
        func error(_ message: String, hint: String) -> BaselineError {
            guard let pipeline = at.file else { return BaselineError(file: file, line: line, message, hint: hint) }
            return BaselineError(file: pipeline, line: at.line, column: at.column, message, hint: hint)
        }
        let annotated = header.filter { $0.lowercased().hasSuffix(" - annotations") }
        if !annotated.isEmpty {
            let periods = header.dropFirst().filter { !$0.isEmpty && !$0.lowercased().hasSuffix(" - annotations") }
            let shown = periods.prefix(2).map { "'\($0)'" }.joined(separator: ", ")
            return error("\(file):\(line) looks like a DWP Stat-Xplore table: its periods run across the columns (\(shown)…, "
                         + "each with an '… - Annotations' column) and its rows are areas by name; csv-indicators reads a period on each row, "
                         + "so no layout or `columns:` reads this table as exported",
                         hint: "turn it into one row per area and period (docs/publishers/dwp.md shows how, in a few lines of Python) and read that with "
                            + "`layout: custom`, the `join` stage giving the area names their codes; or take the same statistics from a download with area codes")
        }
        let lowered = Set(header.map { $0.lowercased() })
        let ees = lowered.isSuperset(of: ["time_period", "geographic_level"])
        return error("cannot tell the layout of \(file) from its header row (line \(line): \(header.prefix(6).joined(separator: ", "))…)",
                     hint: ees ? "it is a DfE Explore Education Statistics file: set `layout: custom` and name its columns under `columns:` "
                                + "(`indicator:` a filter column, `area: new_la_code`, `period: time_period`, `value:` the figure; docs/publishers/dfe.md)"
                            : "set `layout: fingertips`, `ons` or `nomis` with `columns:` for the names that differ, or `layout: custom` and name every column under `columns:`")
    }

    /// The `…_NAME` columns of a Nomis header that are the dataset's own dimensions (not the date,
    /// area, sex, age, measures or status), the candidates for its indicator column.
    static func nomisDimensions(in header: [String]) -> [String] {
        let standard: Set<String> = ["date_name", "geography_name", "gender_name", "sex_name", "c_sex_name", "age_name", "c_age_name",
                                     "measures_name", "obs_status_name", "obs_conf_name"]
        return header.filter { $0.uppercased().hasSuffix("_NAME") && !standard.contains($0.lowercased()) }
    }

    /// What to do about a file with no indicator column. A column such as ONS's `Measure` names
    /// what each row measures, and often holds several (the wellbeing file's four scores): naming
    /// it is then the answer, and one `indicator:` for every row would put four series under one id.
    static func indicatorHint(_ header: [String]) -> String {
        let measureNames: Set<String> = ["measure", "measures", "measure name", "variable", "variable name", "variable_name",
                                         "indicator name", "indicator_name", "statistic", "series"]
        if let column = header.first(where: { measureNames.contains($0.lowercased().split(separator: " ").joined(separator: " ")) }) {
            return "the column '\(column)' looks like it names what each row measures: name it under `columns: {indicator: \(column)}`; "
                + "set `indicator:` to one id only when every row of the file is that one indicator"
        }
        return "if every row of the file is one indicator, set `indicator:` to its id; if a column names the indicators, name it under `columns: {indicator: …}`"
    }

    /// Finds the columns in the header row. Throws, located at the header, when the layout
    /// cannot be recognised or a column the pipeline needs is not there.
    init(header: [String], line: Int, configuration: CSVIndicatorsConfiguration) throws {
        let file = configuration.path.path
        var layout = configuration.layout
        if layout == .auto {
            guard let recognised = Self.recognise(header) else { throw Self.unknownLayout(header, line: line, configuration: configuration) }
            layout = recognised
        }
        var defaults = Self.defaults(for: layout, confidence: configuration.confidence)
        // EES names it so in every download: it says how to read the period (`EESPeriod`).
        defaults[.timeIdentifier] = defaults[.timeIdentifier] ?? ["time_identifier"]
        var required: Set<Field> = [.area, .value]
        if configuration.indicator == nil { required.insert(.indicator) }
        if configuration.period == nil { required.insert(.period) }

        var positions = [String: Int]()
        for (index, name) in header.enumerated() where positions[name.lowercased()] == nil {
            positions[name.lowercased()] = index
        }
        var index = [Field: Int]()
        for field in Field.allCases {
            let named = configuration.columns[field]
            let names = named.map { [$0] } ?? defaults[field] ?? []
            if let found = names.lazy.compactMap({ positions[$0.lowercased()] }).first {
                index[field] = found
            } else if named != nil || required.contains(field) {
                if field == .indicator, named == nil, layout == .nomis {
                    let dimensions = Self.nomisDimensions(in: header)
                    throw BaselineError(file: file, line: line, "a Nomis download has no indicator column: each dataset names its own dimension",
                                        hint: dimensions.isEmpty ? "set `indicator:` to the indicator id of every row"
                                            : "name the column that tells the indicators apart under `columns: {indicator: …}` (this file has \(dimensions.joined(separator: ", "))), or set `indicator:` to the indicator id of every row")
                }
                guard let name = names.first else {
                    throw BaselineError(file: file, line: line, "the file has no \(field.rawValue) column and the pipeline names none",
                                        hint: field == .indicator ? "set `indicator:` to the indicator id of every row, or name the column under `columns: {indicator: …}`"
                                            : field == .period ? "name the column under `columns: {period: …}`, or set `period:` to the period of every row (a Census 2021 table: `period: 2021`)"
                                            : "name the column under `columns: {\(field.rawValue): …}`")
                }
                if field == .indicator, named == nil {
                    throw BaselineError(file: file, line: line, "the file has no indicator column and the pipeline names none",
                                        hint: Self.indicatorHint(header))
                }
                let guess = closest(to: name, in: header).map { "did you mean '\($0)'?" }
                    ?? "name the right column under `columns: {\(field.rawValue): …}`"
                throw BaselineError(file: file, line: line, "no column '\(name)' (the \(field.rawValue), \(named == nil ? "by layout \(layout.rawValue)" : "named under columns:")) in the header row",
                                    hint: guess)
            }
        }
        var comparisons = [Comparison]()
        if layout == .fingertips {
            for (position, name) in header.enumerated() {
                let lowered = name.lowercased()
                guard lowered.hasPrefix("compared to "), !lowered.hasPrefix("compared to goal"), !lowered.hasPrefix("compared to percentiles") else { continue }
                if lowered.hasPrefix("compared to england") {
                    comparisons.append(Comparison(index: position, benchmark: .area("E92000001")))
                } else if index[.parentCode] != nil {
                    comparisons.append(Comparison(index: position, benchmark: .parent))
                }
            }
        }
        // The limits of the other level (Fingertips' 99.8% beside its 95%) are left by choice.
        func limits(_ level: String) -> Set<String> {
            let names = Self.defaults(for: layout, confidence: level)
            return Set(((names[.lower] ?? []) + (names[.upper] ?? [])).map { $0.lowercased() })
        }
        let otherLevel = limits(configuration.confidence == "95" ? "99.8" : "95").subtracting(limits(configuration.confidence))
        let read = Set(index.values)
        self.unreadLimits = header.enumerated().compactMap { position, name in
            guard !read.contains(position), !otherLevel.contains(name.lowercased()), let field = Self.confidenceLimit(name) else { return nil }
            let words = Self.figureWords(name)
            let figure = words.isEmpty ? nil : header.indices.first { $0 != position && Self.confidenceLimit(header[$0]) == nil && Self.figureWords(header[$0]) == words }
            if let figure, figure != index[.value] { return (name, field, header[figure]) }
            if figure == nil, index[field] != nil { return (name, field, "") }
            return (name, field, nil)
        }
        self.index = index
        self.levels = EESLevels(header: header, area: index[.area], areaName: index[.areaName])
        self.header = header
        self.width = header.count
        self.comparisons = comparisons
        let trailing: Set<Field> = [.valueNote, .status, .trend, .polarity]
        self.minimumWidth = index.filter { !trailing.contains($0.key) }.values.max().map { $0 + 1 } ?? 0
    }
}
