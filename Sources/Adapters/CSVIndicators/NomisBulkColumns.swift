import BaselineCore

/// Where each part is in a Nomis bulk CSV: the wide table Nomis writes for a census table's
/// "Download the entire table for all areas" and for the API's `…/NM_….bulk.csv`.
///
/// ```
/// "date","geography","geography code","Rural Urban","Tenure: All categories: Tenure; measures: Value","Tenure: Owned: Total; measures: Value",…
/// "2011","Manchester","E08000003","Total",204969,77395,…
/// ```
///
/// `geography code` is the area, `geography` its name, `date` the period. Each column named
/// `<category>; measures: <measure>` is an indicator named by the category (the measure `Value`
/// as it is, `Percent` as `<category> (%)` in `%`, another as `<category> (<measure>)`). Any other
/// column is a dimension of the query (`Rural Urban`): a row whose value there is not `Total` is a
/// breakdown, kept with the column as its category type.
struct NomisBulkColumns {
    /// A column of figures: the indicator it holds.
    struct Column {
        /// The field index of the figures.
        let index: Int
        /// The indicator: the category, with the measure unless it is `Value`.
        let indicator: String
        /// `%` for a `Percent` measure; `nil`: the pipeline's `unit:` or none.
        let unit: String?
    }

    /// The field index of the area code, its name, and the period.
    let area: Int, areaName: Int?, period: Int
    /// The query's other dimensions: their field indexes and names.
    let dimensions: [(index: Int, name: String)]
    /// The figure columns.
    let columns: [Column]
    /// The number of fields in the header.
    let width: Int

    /// The separator of a figure column's category and measure.
    private static let measures = "; measures: "

    /// Whether a header row is a Nomis bulk CSV's: `date`, `geography code`, and columns of
    /// `…; measures: …`.
    static func recognises(_ header: [String]) -> Bool {
        let names = Set(header.map { $0.lowercased() })
        return names.isSuperset(of: ["date", "geography code"]) && header.contains { $0.contains(measures) }
    }

    /// Finds the parts in the header row; throws, located at it, when the area, the period or any
    /// figure column is missing.
    init(header: [String], line: Int, file: String) throws {
        let lowered = header.map { $0.lowercased() }
        guard let area = lowered.firstIndex(of: "geography code"), let period = lowered.firstIndex(of: "date") else {
            throw BaselineError(file: file, line: line, "a Nomis bulk CSV needs its 'date' and 'geography code' columns, and this header lacks one",
                                hint: "download the table again from Nomis (\"Download the entire table for all areas\", or the API's .bulk.csv) without removing columns")
        }
        let areaName = lowered.firstIndex(of: "geography")
        var columns = [Column](), dimensions = [(index: Int, name: String)]()
        for (index, name) in header.enumerated() where ![area, period, areaName].contains(index) {
            guard let separator = name.range(of: Self.measures) else {
                dimensions.append((index, name))
                continue
            }
            let category = String(name[..<separator.lowerBound])
            let measure = String(name[separator.upperBound...])
            switch measure.lowercased() {
            case "value": columns.append(Column(index: index, indicator: category, unit: nil))
            case "percent": columns.append(Column(index: index, indicator: category + " (%)", unit: "%"))
            default: columns.append(Column(index: index, indicator: "\(category) (\(measure))", unit: nil))
            }
        }
        guard !columns.isEmpty else {
            throw BaselineError(file: file, line: line, "the Nomis bulk CSV has no columns of figures ('…; measures: Value')",
                                hint: "download the table again from Nomis without removing columns")
        }
        self.area = area
        self.areaName = areaName
        self.period = period
        self.dimensions = dimensions
        self.columns = columns
        self.width = header.count
    }
}
