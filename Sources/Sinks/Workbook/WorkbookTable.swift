/// One sheet of the workbook before it is written: a name, the column titles and the rows.
struct WorkbookTable: Equatable {
    /// The sheet's name (at most 31 characters, none of `[ ] : * ? / \`).
    var name: String
    /// The titles of the header row.
    var columns: [String]
    /// The rows below the header, one cell per column.
    var rows: [[WorkbookCell]] = []

    /// A sheet with its header and no rows yet.
    init(_ name: String, columns: [String]) {
        self.name = name
        self.columns = columns
    }

    /// Adds a row.
    mutating func add(_ cells: [WorkbookCell]) {
        rows.append(cells)
    }

    /// Each column's width in characters: its longest cell or title plus a margin, from 8 to 60.
    var widths: [Double] {
        columns.indices.map { column in
            let longest = rows.reduce(columns[column].count) { longest, row in
                column < row.count ? max(longest, row[column].shownLength) : longest
            }
            return Double(min(max(longest + 2, 8), 60))
        }
    }
}

/// One cell of a sheet.
enum WorkbookCell: Equatable {
    /// Text, written as a string (never a formula) and with a `'` in front when it starts as a
    /// formula would (see `CSVCell.neutralised`).
    case text(String)
    /// A number, written as a numeric cell.
    case number(Double)
    /// A value that is not there, written as the reason (`suppressed`, `not available`) in a grey cell.
    case missing(String)
    /// Nothing: a figure that does not apply to the row.
    case empty

    /// A number, or an empty cell for `nil`.
    static func value(_ value: Double?) -> WorkbookCell {
        value.map { .number($0) } ?? .empty
    }

    /// A whole number, or an empty cell for `nil`.
    static func count(_ value: Int?) -> WorkbookCell {
        value.map { .number(Double($0)) } ?? .empty
    }

    /// Text, or an empty cell for `nil` or empty text.
    static func label(_ text: String?) -> WorkbookCell {
        guard let text, !text.isEmpty else { return .empty }
        return .text(text)
    }

    /// About how many characters the cell shows, for the column width.
    var shownLength: Int {
        switch self {
        case .text(let text): text.count
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)).count : min(String(value).count, 12)
        case .missing(let reason): reason.count
        case .empty: 0
        }
    }
}
