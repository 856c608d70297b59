import BaselineCore

/// Where each part of an observation is in a file: found from the header row, the layout's
/// column names and the pipeline's `columns:`.
struct IndicatorColumns {
    typealias Field = CSVIndicatorsColumns.Field

    /// The field index of each part found.
    let index: [Field: Int]
    /// The number of fields in the header; a row with another number is ragged.
    let width: Int

    /// The column names each publisher uses. The confidence-limit names depend on `confidence`.
    static func defaults(for layout: CSVIndicatorsConfiguration.Layout, confidence: String) -> [Field: String] {
        switch layout {
        case .fingertips:
            [.indicator: "Indicator ID", .indicatorName: "Indicator Name", .area: "Area Code", .areaName: "Area Name",
             .areaType: "Area Type", .period: "Time period", .value: "Value",
             .lower: "Lower CI \(confidence == "95" ? "95.0" : confidence) limit", .upper: "Upper CI \(confidence == "95" ? "95.0" : confidence) limit",
             .count: "Count", .denominator: "Denominator", .valueNote: "Value note", .sex: "Sex", .age: "Age",
             .categoryType: "Category Type", .category: "Category"]
        case .ons:
            [.area: "AREACD", .areaName: "AREANM", .period: "Period", .value: "Observation", .lower: "Lower CI",
             .upper: "Upper CI", .status: "Observation Status"]
        case .auto, .custom:
            [:]
        }
    }

    /// Finds the columns in the header row. Throws, located at the header, when the layout
    /// cannot be recognised or a column the pipeline needs is not there.
    init(header: [String], line: Int, configuration: CSVIndicatorsConfiguration) throws {
        let file = configuration.path.path
        var layout = configuration.layout
        if layout == .auto {
            let names = Set(header)
            if names.isSuperset(of: ["Indicator ID", "Area Code", "Time period", "Value"]) {
                layout = .fingertips
            } else if names.isSuperset(of: ["AREACD", "Period", "Observation"]) {
                layout = .ons
            } else {
                throw BaselineError(file: file, line: line, "cannot tell the layout from the header row (\(header.prefix(6).joined(separator: ", "))…)",
                                    hint: "set `layout: fingertips` or `ons` with `columns:` for the names that differ, or `layout: custom` and name every column under `columns:`")
            }
        }
        let defaults = Self.defaults(for: layout, confidence: configuration.confidence)
        var required: Set<Field> = [.area, .period, .value]
        if configuration.indicator == nil { required.insert(.indicator) }

        var positions = [String: Int]()
        for (index, name) in header.enumerated() where positions[name] == nil {
            positions[name] = index
        }
        var index = [Field: Int]()
        for field in Field.allCases {
            let named = configuration.columns[field]
            guard let name = named ?? defaults[field] else {
                if required.contains(field) {
                    throw BaselineError(file: file, line: line, "the file has no \(field.rawValue) column and the pipeline names none",
                                        hint: field == .indicator ? "set `indicator:` to the indicator id of every row, or name the column under `columns: {indicator: …}`"
                                            : "name the column under `columns: {\(field.rawValue): …}`")
                }
                continue
            }
            if let found = positions[name] ?? header.firstIndex(where: { $0.lowercased() == name.lowercased() }) {
                index[field] = found
            } else if named != nil || required.contains(field) {
                let guess = closest(to: name, in: header).map { "did you mean '\($0)'?" }
                    ?? "name the right column under `columns: {\(field.rawValue): …}`"
                throw BaselineError(file: file, line: line, "no column '\(name)' (the \(field.rawValue), \(named == nil ? "by layout \(layout.rawValue)" : "named under columns:")) in the header row",
                                    hint: guess)
            }
        }
        self.index = index
        self.width = header.count
    }
}
