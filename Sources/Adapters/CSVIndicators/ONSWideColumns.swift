import BaselineCore

/// Where each part is in an ONS Explore Local Statistics file of the wide layout some files had
/// in 2023 and 2024 (employment rate, early years): one column of figures per indicator, each
/// followed by its own interval, count, denominator and status.
///
/// ```
/// areacd,areanm,geography,period,unit,employment_rate,employment_rate_measure,employment_rate_numerator,
///   employment_rate_denominator,employment_rate_lower_confidence_interval_95,employment_rate_upper_confidence_interval_95,
///   employment_rate_observation_status,economic_activity_rate,…
/// ```
///
/// A column that is not the area, its name, the geography, the period or the unit, and does not
/// end in one of the suffixes below, opens an indicator named by its header; the suffixed columns
/// after it are that indicator's (the early-years file shortens the stem: `communication_and_language`
/// is followed by `communication_lower_confidence_interval_95`, so columns go by position, not name).
struct ONSWideColumns {
    /// One indicator's columns.
    struct Column {
        /// The indicator: the header of its column of figures.
        let indicator: String
        /// The field index of the figures, and of the parts that may follow them.
        let value: Int
        var lower: Int?, upper: Int?, count: Int?, denominator: Int?, status: Int?
    }

    /// The field index of the area code, its name, the period and the unit.
    let area: Int, areaName: Int?, period: Int, unit: Int?
    /// The indicators, in the header's order.
    let columns: [Column]
    /// The number of fields in the header.
    let width: Int

    /// The suffixes of the columns that belong to the indicator before them; `_measure` (the
    /// measure in words: `Percentage`) is not read.
    static let suffixes = ["_lower_confidence_interval_95", "_upper_confidence_interval_95", "_numerator", "_denominator",
                           "_observation_status", "_measure"]

    /// The columns every indicator shares.
    private static let shared: Set<String> = ["areacd", "areanm", "geography", "period", "unit"]

    /// Whether a header row is of this layout: `areacd` and `period`, no column of values
    /// (`observation`, `value`) and no `indicator` column, and a column ending in one of the
    /// suffixes of an indicator's interval or status.
    static func recognises(_ header: [String]) -> Bool {
        let names = Set(header.map { $0.lowercased() })
        return names.isSuperset(of: ["areacd", "period"]) && names.isDisjoint(with: ["observation", "value", "indicator"])
            && names.contains { $0.hasSuffix("_lower_confidence_interval_95") || $0.hasSuffix("_observation_status") }
    }

    /// Finds the parts in the header row; throws, located at it, when there is no column of figures.
    init(header: [String], line: Int, file: String) throws {
        let lowered = header.map { $0.lowercased() }
        area = lowered.firstIndex(of: "areacd")!
        period = lowered.firstIndex(of: "period")!
        areaName = lowered.firstIndex(of: "areanm")
        unit = lowered.firstIndex(of: "unit")
        var columns = [Column]()
        for (index, name) in lowered.enumerated() where !Self.shared.contains(name) {
            if let suffix = Self.suffixes.first(where: { name.hasSuffix($0) }), !columns.isEmpty {
                let last = columns.count - 1
                switch suffix {
                case "_lower_confidence_interval_95": columns[last].lower = index
                case "_upper_confidence_interval_95": columns[last].upper = index
                case "_numerator": columns[last].count = index
                case "_denominator": columns[last].denominator = index
                case "_observation_status": columns[last].status = index
                default: break
                }
                continue
            }
            columns.append(Column(indicator: header[index], value: index))
        }
        guard !columns.isEmpty else {
            throw BaselineError(file: file, line: line, "the file has no column of figures beside its interval and status columns",
                                hint: "download the indicator again from Explore Local Statistics, or name its columns with `layout: custom`")
        }
        self.columns = columns
        self.width = header.count
    }
}
