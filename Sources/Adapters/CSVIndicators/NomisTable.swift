import BaselineCSV
import BaselineCore

/// A Nomis web table, as the "Download data" button of a Nomis query writes it: a title block
/// over one wide table, then notes.
///
/// ```
/// "Business Register and Employment Survey : open access"         ← title
/// "ONS Crown Copyright Reserved [from Nomis on 25 October 2021]"  ← copyright: says it is Nomis
/// "Date       :","2017"                                            ← facts: the date (the period),
/// "Units      :","Persons"                                           the units, the other dimensions
///
/// "Area","A : Agriculture…","","B : Mining…",""                   ← header: the area, then one
///                                                                     column per category (an empty-
/// "combauth:Greater Manchester",1250,,300,                            named column holds the footnote
/// "towncity:Barnsley",30,"*",10,                                      marker of the one before; `%`
///                                                                     its share of the total)
/// "*","These figures exclude farm agriculture…"                   ← notes, after a blank line
/// ```
///
/// Each category column is an indicator (named by its header, as the catalogue names it); the area
/// is the `mnemonic` column when the table has one (Nomis' "include area codes"), else the code
/// before ` : ` in the area label (`E02000001 : Test 001`), else the label itself. Blank lines are
/// seen as gaps in the rows' line numbers (the CSV reader passes no empty rows).
struct NomisTable {
    /// A column of figures: the indicator it holds and where its footnote marker is.
    struct Column {
        /// The field index of the figures.
        let index: Int
        /// The indicator: the column's header (`… (%)` for a share column).
        let indicator: String
        /// The unit of a share column (`%`); `nil`: the table's units.
        let unit: String?
        /// The field index of the empty-named column after it that holds its footnote markers.
        var flag: Int?
    }

    /// Where the reading is.
    enum Step {
        /// In the title block, before the header.
        case block
        /// In the table, after the header.
        case table
        /// After the blank line that ends the table: notes, passed over.
        case notes
    }

    /// Where the reading is.
    private(set) var step = Step.block
    /// The table's period, from `Date :` (written as every period is).
    private(set) var period = ""
    /// The table's units, from `Units :`.
    private(set) var unit: String?
    /// The figure columns.
    private(set) var columns = [Column]()
    /// The field index of the area codes (`mnemonic`), when there is one.
    private(set) var codeIndex: Int?
    /// The number of fields in the header; a row with more is ragged.
    private(set) var width = 0
    /// The fewest fields a row may have: one past the last column of figures. Nomis leaves off
    /// the empty footnote field after the last figure, as Fingertips leaves off its trailing field.
    private(set) var minimumWidth = 0
    /// The title block's facts (`Date`, `Units`…), by lower-case name, with their lines.
    private var facts = [String: (value: String, line: Int)]()
    /// Whether the block had Nomis' copyright line.
    private var copyright = false
    /// The line of the last row read, and whether a table row was read yet.
    private var lastLine = 0
    private var readRows = false

    /// Whether the first row of a file opens a Nomis title block: one field, the table's title.
    static func opens(_ row: CSVReader.Row) -> Bool { row.count == 1 }

    /// Reads one row; returns whether it is a row of the table, to read as observations. Throws,
    /// located, for a title block that is not Nomis', a table with no date, and a second table.
    mutating func take(_ row: CSVReader.Row, file: String) throws -> Bool {
        defer { lastLine = row.line }
        let first = String(row.string(0).trimmingSpaces())
        switch step {
        case .block:
            if row.count == 1 {
                let lowered = first.lowercased()
                if lowered.contains("copyright") || lowered.contains("nomis") { copyright = true }
                return false
            }
            if row.count == 2, first.hasSuffix(":") {
                let name = first.dropLast().trimmingSpaces().lowercased()
                facts[String(name)] = (String(row.string(1).trimmingSpaces()), row.line)
                return false
            }
            try readHeader(row, file: file)
            step = .table
            return false
        case .table:
            if readRows, row.line > lastLine + 1 {
                step = .notes
                return try take(row, file: file)
            }
            readRows = true
            return true
        case .notes:
            if row.count == 1, first.lowercased().contains("copyright") {
                throw BaselineError(file: file, line: row.line, "a second Nomis table starts here: this tool reads one table per download",
                                    hint: "download each table (each date, sex…) as its own file, or put the dimension that varies across the columns of one table")
            }
            return false
        }
    }

    /// The area code and name of a table row: the `mnemonic` column and the label, else the
    /// code before ` : ` in the label (`E02000001 : Test 001`), else the label itself, unnamed.
    func area(of row: CSVReader.Row) -> (code: String, name: String?) {
        let label = String(row.string(0).trimmingSpaces())
        if let codeIndex, codeIndex < row.count {
            return (String(row.string(codeIndex).trimmingSpaces()), label)
        }
        if let colon = label.range(of: " : ") {
            return (String(label[..<colon.lowerBound]), String(label[colon.upperBound...]))
        }
        return (label, nil)
    }

    /// Reads the header row under the title block: the area, the codes, the figure columns; and
    /// the period and units from the block.
    private mutating func readHeader(_ row: CSVReader.Row, file: String) throws {
        guard copyright else {
            throw BaselineError(file: file, line: row.line, "the rows above the header are not a Nomis title block (no 'ONS Crown Copyright Reserved [from Nomis on …]' line)",
                                hint: "download the table from Nomis again as CSV, or remove the rows above the header and set `layout:`")
        }
        width = row.count
        let names = (0..<row.count).map { String(row.string($0).trimmingSpaces()) }
        codeIndex = names.firstIndex { $0.lowercased() == "mnemonic" }
        for (index, name) in names.enumerated().dropFirst() where index != codeIndex {
            if name.isEmpty {
                if let last = columns.indices.last, columns[last].flag == nil, columns[last].index == index - 1 { columns[last].flag = index }
            } else if name == "%" {
                if let figures = columns.last(where: { $0.unit == nil }) {
                    columns.append(Column(index: index, indicator: figures.indicator + " (%)", unit: "%"))
                }
            } else {
                columns.append(Column(index: index, indicator: name, unit: nil))
            }
        }
        guard !columns.isEmpty else {
            throw BaselineError(file: file, line: row.line, "the Nomis table has no columns of figures after its area column",
                                hint: "in the Nomis query put a dimension (the categories) across the columns and download again")
        }
        guard let date = facts["date"] else {
            throw BaselineError(file: file, line: row.line, "the Nomis table's title block gives no date (no 'Date :' row above the header)",
                                hint: "a table with the dates across its columns or down its rows is not read: choose one date in the Nomis query (it then goes in the title block) and download each date as its own table")
        }
        guard let read = Self.datePeriod(date.value) else {
            throw BaselineError(file: file, line: date.line, "the date '\(date.value)' in the title block is not a period this tool reads "
                                    + "(a year 2017, a financial year 2017/18, a span of months Jan 2020-Dec 2020 or Oct 2019-Sep 2020, a month March 2021)",
                                hint: "choose one date of those forms in the Nomis query (one year, twelve-month period, quarter or month) and download again")
        }
        period = read.text
        minimumWidth = columns.map(\.index).max()! + 1
        unit = facts["units"].map(\.value).flatMap { $0.isEmpty ? nil : $0 }
    }

    // MARK: - Dates

    /// A title block's date as a period: as every period is written (`2017`, `2017/18`), or as
    /// Nomis writes months and spans of months. A span from the first of its first month to the
    /// end of its last is read as the ISO 8601 interval it is, which is that period when it is one
    /// (`Jan 2020-Dec 2020` → `2020`, `Apr 2020-Mar 2021` → the financial year `2020-21`,
    /// `Jan 2020-Mar 2020` → `2020-Q1`), else the interval (`Oct 2019-Sep 2020` →
    /// `2019-10-01/P1Y`); a month (`March 2021`, `Mar 2021`) is `2021-03`.
    static func datePeriod(_ date: String) -> Period? {
        if let period = Period(date) { return period }
        let halves = date.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        guard let (firstMonth, firstYear) = month(halves[0]) else { return nil }
        guard halves.count == 2 else {
            return Period("\(firstYear)-\(pad(firstMonth))")
        }
        guard let (lastMonth, lastYear) = month(halves[1]) else { return nil }
        let months = (lastYear - firstYear) * 12 + lastMonth - firstMonth + 1
        guard months >= 1 else { return nil }
        let duration = months % 12 == 0 ? "\(months / 12)Y" : "\(months)M"
        return Period("\(firstYear)-\(pad(firstMonth))-01/P\(duration)", style: .iso)
    }

    /// `March 2021` or `Mar 2021` as (3, 2021).
    private static func month(_ text: Substring) -> (month: Int, year: Int)? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 2, words[0].count >= 3, let year = Int(words[1]), words[1].count == 4 else { return nil }
        let name = words[0].lowercased()
        guard let index = monthNames.firstIndex(where: { $0.hasPrefix(name) }) else { return nil }
        return (index + 1, year)
    }

    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                                     "october", "november", "december"]

    private static func pad(_ month: Int) -> String { month < 10 ? "0\(month)" : String(month) }
}
