import BaselineConfig
import BaselineCSV
import BaselineCore
import BaselineIndicators
import BaselineText

/// `csv-indicators`: indicator tables in CSV as public-health and local-statistics portals
/// publish them — long format, one row per indicator × area × period — read with libcsv, one
/// observation per row.
///
/// OHID Fingertips data downloads, ONS local statistics files (Explore Local Statistics and the
/// older one-indicator files), Nomis API downloads and Nomis bulk CSVs (`NomisBulkColumns`) are
/// recognised from their header, and Nomis web tables from their title block (`NomisTable`);
/// other publishers' files are read
/// by naming their columns. Rows broken down by sex, age or category keep those as attributes; the
/// `indicators` stage picks the headline series by rule and keeps the rest as breakdowns. A suppressed or missing
/// value becomes a typed missing value (never zero) with its reason, from the value's marker
/// (`[c]`, `x`, `..`) or the publisher's value note.
public final class CSVIndicatorsAdapter: InitializedSource {
    public typealias Configuration = CSVIndicatorsConfiguration

    public static let kind = "csv-indicators"
    public static let records: Set<RecordKind> = [.observation]
    public static let summary = "Indicator tables in CSV (Fingertips, ONS local statistics, Nomis downloads, or named columns): one observation per figure"
    public static let options: [OptionDoc] = [
        OptionDoc("path", "path", "The CSV file, relative to the pipeline file."),
        OptionDoc("layout", "auto | fingertips | ons | nomis | nomis-table | nomis-bulk | custom", default: "auto",
                  "Whose column names to expect; `auto` recognises a Fingertips download (`Indicator ID`, `Area Code`, `Time period`, `Value`), an ONS file (`areacd`, `period`, `observation`, in any case, or the wide layout of 2023–2025: one column per indicator, `employment_rate` with `employment_rate_lower_confidence_interval_95`…), a Nomis API download (`GEOGRAPHY_CODE`, `OBS_VALUE`) or a Nomis bulk CSV (`date`, `geography code`, `…; measures: Value` columns) from the header, and a Nomis web table (\"Download data\": a title block with `Date :` over an area column and one column per category, each an indicator) from its title block."),
        OptionDoc("columns", "mapping", default: "{}",
                  "Header names that differ from the layout's, by field: indicator, indicator_name, area, area_name, area_type, parent_code, period, time_identifier, value, lower, upper, count, denominator, unit, value_note, status, sex, age, category_type, category, trend, polarity (a column named `time_identifier`, as DfE's Explore Education Statistics files have, is read in every layout: it says how to read the period, `202425` with `Academic year` as `2024-25`); e.g. `columns: {value: Rate, period: Year}`. With `layout: custom` name at least `area`, `period` and `value` (and `indicator`; or use the `indicator` and `period` options). A column named here must be in the file."),
        OptionDoc("indicator", "string", default: "from the file",
                  "The indicator id of every row, for files without an indicator column (an ONS file holds one indicator); overrides the column."),
        OptionDoc("period", "string", default: "from the file",
                  "The period of every row, for files without a period column (an ONS Census 2021 custom dataset: `period: 2021`); overrides the column. With `layout: custom` the period column is then not needed."),
        OptionDoc("unit", "string", default: "none", "The unit of the values as published (`%`, `per 100,000`)."),
        OptionDoc("confidence", "95 | 99.8", default: "95", "Which published confidence interval to keep as lower and upper (Fingertips gives both)."),
        OptionDoc("indicators", "list of ids", default: "[] (all)",
                  "Indicators to keep, as the file names them or in the same words (`cigarette_smokers` keeps `Cigarette smokers`, as the catalogue matches names); rows of others are passed over (not counted as read). A list that keeps none of the file stops the run at its line, naming the file's indicators; `baseline validate` says so too, before a run."),
        OptionDoc("areas", "list of area codes", default: "[] (all)", "Area codes to keep (the place and its benchmarks), and the previous codes of theirs in the built-in table of 1:1 code changes (Barnsley's E08000016 with E08000038); rows of others are passed over, and counted in a data-quality note."),
        OptionDoc("include_categories", "boolean", default: "true",
                  "Keep rows broken down by a category (deprivation decile, ethnic group) as breakdowns of their indicator; `false` passes them over (counted in a data-quality note)."),
        OptionDoc("headline_sex", "string", default: "by rule",
                  "The sex of the headline series (`Persons`); other sexes become breakdowns. By default: the only sex there is, else `Persons` (Nomis: `Total`)."),
        OptionDoc("headline_age", "string", default: "by rule",
                  "The age band of the headline series (`18+ yrs`); other ages become breakdowns. By default: the only age there is, else `All ages` (Nomis: `total (all ages)`), else the age with the most rows."),
        OptionDoc("delimiter", "auto | one character", default: "auto", "The field delimiter: `auto` (sniffed from the first lines: comma, semicolon or tab), one character, or `comma`, `semicolon`, `tab`. A first line `sep=;`, as a European Excel writes, names it instead and is no row."),
        OptionDoc("decimal_mark", "auto | point | comma", default: "auto", "How the numbers write decimals: `auto` reads a comma (`22,6262`, with `.` grouping thousands: `1.234,5`) in a file separated by semicolons, as a spreadsheet in a European language saves it, and a point otherwise; `comma` or `point` say so outright."),
        OptionDoc("max_field_bytes", "integer", default: "1048576", "The longest field accepted; a longer one stops the run (usually a quote never closed)."),
        .onError,
        .maxRejected,
    ]
    public static let sampleConfiguration = """
        id: health-indicators
        adapter: csv-indicators
        path: ../samples/millbrook/fingertips-extract.csv
        layout: fingertips
        areas: [E07999001, E12000004, E92000001]
        """

    // MARK: - Runtime

    public let inputs: [InputFile]
    private let configuration: CSVIndicatorsConfiguration
    private let context: SourceContext
    private let reader: CSVReader
    /// The `indicators:` filter, by the words of each entry (`IndicatorCatalogue.slug`).
    private let indicators: Set<String>
    /// The filter's verdict on each indicator seen, and the indicators it passed over (in the
    /// order first seen), for the error when it keeps none.
    private var kept = [String: Bool]()
    private var passedOverNames = [String]()
    private let areas: Set<String>
    private var columns: IndicatorColumns?
    /// The title block and columns of a Nomis web table, once its first row has opened one.
    private var table: NomisTable?
    /// The columns of a Nomis bulk CSV, once its header is read.
    private var bulk: NomisBulkColumns?
    /// The columns of an ONS file of the wide layout, once its header is read.
    private var wide: ONSWideColumns?
    /// Numbers and missing-value markers, read the way every indicator adapter reads them.
    private let values = ValueReader()
    private var pending = [Record]()
    private var rejects = [Reject]()
    private var exhausted = false
    /// The row just read, when it was set aside as ragged with fewer fields than the header: if
    /// it is the file's last and no line break follows it, the file was cut short (`cutShort`).
    private var lastRowShort: (line: Int, fields: Int, width: Int)?
    /// The line of the row just read…
    private var lastLine = 0
    /// …and, once the file is read, that line when no line break follows it (`noLineBreakNote`).
    private var endsUnbroken: Int?
    /// Whether the file's end has been looked at (once, when it is read).
    private var endChecked = false
    /// Rows left out on purpose, by the option that left them out: said in data quality, never silent.
    private var passedOver = (categories: 0, indicators: 0, areas: 0)
    /// The pipeline's benchmark areas, and those whose rows `areas:` passed over (said in the
    /// note, so that the stage finding no figures for one does not suspect its code).
    private let benchmarkCodes: Set<String>
    private var passedOverBenchmarks = Set<String>()
    /// Rows whose value was kept without its interval, because a confidence limit was neither a
    /// number nor a marker, and where the first such limit was: said in data quality.
    private var intervalsLeftOut = (rows: 0, first: "")

    /// Opens the input; a file that cannot be read stops the run here, at set-up.
    public init(configuration: CSVIndicatorsConfiguration, context: SourceContext) throws {
        self.configuration = configuration
        self.context = context
        self.inputs = [configuration.path]
        indicators = Set(configuration.indicators.map(IndicatorCatalogue.slug))
        // An area's rows under its previous code, where it had a built-in 1:1 code change
        // (ONS files Barnsley under E08000016 still): the `indicators` stage uses them for it.
        let listed = Set(configuration.areas)
        areas = listed.union(AreaCodeChanges.builtIn.filter { listed.contains($0.value) }.keys)
        benchmarkCodes = Set(context.pipeline.benchmarks.map(\.code))
        reader = try CSVReader(path: configuration.path.resolved, displayPath: configuration.path.path,
                               delimiter: configuration.delimiter, maxFieldBytes: configuration.maxFieldBytes,
                               readAhead: true, hashing: true)
        decimalComma = configuration.decimalMark == .comma || (configuration.decimalMark == .auto && reader.delimiter == UInt8(ascii: ";"))
        guessedComma = decimalComma && configuration.decimalMark == .auto
    }

    /// Whether numbers are written with a decimal comma (`decimal_mark`).
    private let decimalComma: Bool
    /// Whether that was guessed from the semicolons (`decimal_mark: auto`): then the numbers are
    /// watched for a point used as the decimal mark (`22.6`), which would make the guess wrong
    /// for the numbers a comma and a point read differently (`1.234`, `1,234`).
    private let guessedComma: Bool
    /// The first line of each: a number only a point reads, one only a comma reads, and one both
    /// read differently (read with the comma).
    private var decimalEvidence: (point: Evidence?, comma: Evidence?, either: Evidence?)

    /// A number that says how the file writes its decimals, where it is.
    private struct Evidence {
        var line: Int
        var column: Int
        var text: String
        /// `'63,02' (line 2, column 5)`.
        var described: String { "'\(text)' (line \(line), column \(column))" }
    }

    /// A cell's value on `line`: a number (with a decimal comma where the file writes one) or a marker.
    @inline(__always)
    private func readValue(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, column: Int) -> ValueReader.Reading? {
        guard decimalComma else { return values.read(bytes: bytes) }
        return ValueReader.withPointForm(ofDecimalComma: bytes) { comma in
            if guessedComma, bytes.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ".") }) {
                let point = ValueReader.number(bytes.trimmingSpaces())
                func seen() -> Evidence { Evidence(line: line, column: column + 1, text: String(decoding: bytes.trimmingSpaces(), as: UTF8.self)) }
                switch (comma.flatMap(ValueReader.number), point) {
                case (.some, nil): if decimalEvidence.comma == nil { decimalEvidence.comma = seen() }
                case (nil, .some): if decimalEvidence.point == nil { decimalEvidence.point = seen() }
                case (.some(let a), .some(let b)) where a != b: if decimalEvidence.either == nil { decimalEvidence.either = seen() }
                default: break
                }
            }
            return values.read(bytes: comma ?? bytes)
        }
    }


    /// Stops the run when the decimal comma guessed from the semicolons may have read a number
    /// wrongly: the file also writes a number with a decimal point, or it holds numbers a comma and
    /// a point read differently (`1.234`) and none that only one of them reads.
    private func checkGuessedDecimalMark() throws {
        let hint = "set `decimal_mark: point` or `decimal_mark: comma` to say how the file writes its numbers"
        if let point = decimalEvidence.point, let other = decimalEvidence.either ?? decimalEvidence.comma {
            throw BaselineError(file: configuration.path.path, line: point.line, column: point.column,
                                "'\(point.text)' is written with a decimal point, but the file is separated by semicolons, so its numbers were read "
                                    + "with a decimal comma, as \(other.described) "
                                    + (decimalEvidence.either != nil ? "needs: it reads differently with a point" : "is written"),
                                hint: hint)
        }
        if decimalEvidence.comma == nil, decimalEvidence.point == nil, let either = decimalEvidence.either {
            throw BaselineError(file: configuration.path.path, line: either.line, column: either.column,
                                "'\(either.text)' reads differently with a decimal comma and a decimal point (the file is separated by semicolons, "
                                    + "as with a decimal comma), and no number in the file settles which it uses",
                                hint: hint)
        }
    }

    /// Why a cell is not a value (`what`: "value", "lower confidence limit"…; `of`: the
    /// indicator of a table's column), with a word on a decimal comma in a file read with points.
    private func notAValue(_ what: String, _ bytes: UnsafeBufferPointer<UInt8>, of indicator: String? = nil) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        let reason = "\(what) '\(text)'\(indicator.map { " of '\($0)'" } ?? "") is not a number or a missing-value marker"
        guard !decimalComma, bytes.contains(UInt8(ascii: ",")), ValueReader.withPointForm(ofDecimalComma: bytes, { $0 != nil }) else { return reason }
        return reason + " (it looks written with a decimal comma: set `decimal_mark: comma`)"
    }

    /// The bytes of `field`'s cell, empty where the row has none.
    private func cellBytes(_ field: CSVIndicatorsColumns.Field, _ row: CSVReader.Row, _ columns: IndicatorColumns) -> UnsafeBufferPointer<UInt8> {
        guard let index = columns.index[field], index < row.count else { return UnsafeBufferPointer(start: nil, count: 0) }
        return row.bytes(index)
    }

    /// The reader hashes the file as it reads it: a national file is then read once, not twice.
    public var hashesInputs: Bool { true }
    /// The file's digest once it is read to the end.
    public var inputDigests: [InputDigest?] { [reader.inputDigest] }

    public var notes: [String] {
        let file = configuration.path.path
        var notes = [String]()
        if let line = endsUnbroken { notes.append(CSVReader.noLineBreakNote(file: file, line: line)) }
        if passedOver.categories > 0 { notes.append("\(file): \(passedOver.categories) row(s) of categories (by sex, age, deprivation…) passed over; set `include_categories: true` to read them.") }
        if passedOver.indicators > 0 { notes.append("\(file): \(passedOver.indicators) figure(s) of indicators not listed in `indicators:` passed over.") }
        if passedOver.areas > 0 {
            let benchmarks = context.pipeline.benchmarks.filter { passedOverBenchmarks.contains($0.code) }
            notes.append(AreasFilterNote.text(file: file, rows: passedOver.areas, benchmarks: benchmarks))
        }
        if intervalsLeftOut.rows > 0 {
            notes.append("\(file): \(intervalsLeftOut.rows) value(s) kept without their confidence interval, a limit being neither a number nor a "
                         + "missing-value marker (the first at \(intervalsLeftOut.first)).")
        }
        // Quoted when YAML would read the name otherwise inside `{…}`.
        func written(_ header: String) -> String {
            header.contains { ",:{}[]#\"'".contains($0) } ? "\"" + header.replacingEvery("\"", with: "\\\"") + "\"" : header
        }
        let limits = columns?.unreadLimits ?? []
        for (header, field, figure) in limits where figure == nil {
            notes.append("\(file): column '\(header)' looks like a confidence limit but is not read; set `columns: {\(field.rawValue): \(written(header))}` to read it as the \(field == .lower ? "lower" : "upper") limit.")
        }
        // The limits of the file's other figures: read with those figures, never as the value's.
        let others = limits.filter { $0.figure != nil }
        if !others.isEmpty, let value = columns?.index[.value].flatMap({ columns?.header[$0] }) {
            var figures = [String]()
            for limit in others where limit.figure != "" && !figures.contains(limit.figure!) { figures.append(limit.figure!) }
            let named = others.map { "'\($0.header)'" }
            let shown = named.prefix(4).joined(separator: ", ") + (named.count > 4 ? " and \(named.count - 4) more" : "")
            var note = "\(file): \(others.count == 1 ? "column \(shown) looks like a confidence limit" : "columns \(shown) look like confidence limits") "
                + "of \(figures.isEmpty ? "another figure" : Self.inWords(figures.map { "'\($0)'" })), not of the value read ('\(value)'): not read"
            if let first = figures.first {
                let own = others.filter { $0.figure == first }
                let lower = own.first { $0.field == .lower }.map { ", lower: \(written($0.header))" } ?? ""
                let upper = own.first { $0.field == .upper }.map { ", upper: \(written($0.header))" } ?? ""
                note += "; a source reading \(figures.count == 1 ? "that figure" : "each of those figures") reads its limits with it (`columns: {value: \(written(first))\(lower)\(upper)}`)"
            }
            notes.append(note + ".")
        }
        return notes
    }

    public func next() throws -> RecordBatch? {
        while pending.count + rejects.count < RecordBatch.preferredSize, !exhausted {
            exhausted = try !reader.readPiece { row in try take(row) }
        }
        if exhausted, let table, table.step == .block {
            throw BaselineError(file: configuration.path.path, line: 1, "the Nomis title block is not followed by a table",
                                hint: "download the table from Nomis again, as CSV")
        }
        if exhausted, columns == nil, table == nil, bulk == nil, wide == nil { throw Self.emptyFile(configuration) }
        if exhausted { try checkGuessedDecimalMark() }
        if exhausted, !endChecked {
            endChecked = true
            if lastLine > 0, CSVReader.endsWithLineBreak(path: configuration.path.resolved) == false {
                if let short = lastRowShort {
                    throw CSVReader.cutShort(file: configuration.path.path, line: short.line, fields: short.fields, width: short.width)
                }
                endsUnbroken = lastLine
            }
        }
        if exhausted, !indicators.isEmpty, !kept.values.contains(true), let first = configuration.listed.first, !passedOverNames.isEmpty {
            throw filterKeptNothing(first)
        }
        guard !pending.isEmpty || !rejects.isEmpty else { return nil }
        defer {
            pending.removeAll(keepingCapacity: true)
            rejects.removeAll(keepingCapacity: true)
        }
        return RecordBatch(records: pending, rejects: rejects)
    }

    /// What a file's first row says it is: the title of a Nomis web table, or the header row of
    /// a Nomis bulk download or of the other layouts, with the columns found in it. Throws,
    /// located at the row, when it is none of these or lacks a column the pipeline needs (what
    /// `run` and `validate` both check).
    enum FirstRow {
        case nomisTable
        case nomisBulk(NomisBulkColumns)
        case onsWide(ONSWideColumns)
        case columns(IndicatorColumns)
    }

    static func readFirstRow(_ row: CSVReader.Row, configuration: CSVIndicatorsConfiguration) throws -> FirstRow {
        if NomisTable.opens(row), [.auto, .nomis, .nomisTable].contains(configuration.layout) { return .nomisTable }
        if configuration.layout == .nomisTable {
            throw BaselineError(file: configuration.path.path, line: row.line, "this is not a Nomis web table: its first row is not a title over a title block",
                                hint: "download the table from Nomis with \"Download data\" as CSV, or set the layout that fits the file")
        }
        let header = (0..<row.count).map { String(row.string($0).trimmingSpaces()) }
        if configuration.layout == .nomisBulk || (configuration.layout == .auto && NomisBulkColumns.recognises(header)) {
            return .nomisBulk(try NomisBulkColumns(header: header, line: row.line, file: configuration.path.path))
        }
        if [.auto, .ons].contains(configuration.layout), CSVIndicatorsColumns.Field.allCases.allSatisfy({ configuration.columns[$0] == nil }), ONSWideColumns.recognises(header) {
            return .onsWide(try ONSWideColumns(header: header, line: row.line, file: configuration.path.path))
        }
        return .columns(try IndicatorColumns(header: header, line: row.line, configuration: configuration))
    }

    /// A file with no rows at all.
    static func emptyFile(_ configuration: CSVIndicatorsConfiguration) -> BaselineError {
        BaselineError(file: configuration.path.path, line: 1, "the file is empty: there is no header row",
                      hint: "download the indicator table again, as CSV with its column headers")
    }

    private func take(_ row: CSVReader.Row) throws {
        lastRowShort = nil
        lastLine = row.line
        if table != nil { return try takeTableRow(row) }
        if let bulk { return takeBulkRow(row, bulk) }
        if let wide { return takeWideRow(row, wide) }
        guard let columns else {
            switch try Self.readFirstRow(row, configuration: configuration) {
            case .nomisTable:
                table = NomisTable()
                return try takeTableRow(row)
            case .nomisBulk(let columns): bulk = columns
            case .onsWide(let columns): wide = columns
            case .columns(let columns): self.columns = columns
            }
            return
        }
        let provenance = Provenance(source: context.id, file: configuration.path.path, line: row.line)
        // Fingertips leaves the trailing empty fields off its rows: a short row is read with the
        // fields it lacks blank, as long as it still has every column an observation needs.
        func cell(_ field: CSVIndicatorsColumns.Field) -> String? {
            columns.index[field].map { $0 < row.count ? String(row.string($0).trimmingSpaces()) : "" }
        }
        // The row's area: in a DfE EES file, from the column of its geographic level (`EESLevels`).
        let level = columns.levels.flatMap { $0.columns(of: row) }
        let area = level.map { $0.code < row.count ? String(row.string($0.code).trimmingSpaces()) : "" } ?? cell(.area) ?? ""
        /// The row's area code, for a reject (`Reject.area`).
        func rejectedArea() -> String? { area.isEmpty ? nil : area }
        guard row.count <= columns.width, row.count >= columns.minimumWidth else {
            if row.count < columns.width { lastRowShort = (row.line, row.count, columns.width) }
            rejects.append(Reject(provenance: provenance, reason: "ragged row: \(row.count) fields where the header has \(columns.width)",
                                  content: (0..<row.count).map { row.string($0) }.joined(separator: ","), area: rejectedArea()))
            return
        }
        func reject(_ field: CSVIndicatorsColumns.Field, _ reason: String) {
            var located = provenance
            located.column = columns.index[field].map { $0 + 1 }
            rejects.append(Reject(provenance: located, reason: reason, content: (0..<row.count).map { row.string($0) }.joined(separator: ","),
                                  area: rejectedArea()))
        }

        if !configuration.includeCategories, let type = cell(.categoryType), !type.isEmpty { return passedOver.categories += 1 }
        let indicator = configuration.indicator ?? cell(.indicator) ?? ""
        if !indicators.isEmpty, !keeps(indicator) { return passedOver.indicators += 1 }
        if !areas.isEmpty, !areas.contains(area) { return passOver(area) }
        guard !indicator.isEmpty else { return reject(.indicator, "no indicator id") }
        guard !area.isEmpty else {
            guard let levels = columns.levels else { return reject(.area, "no area code") }
            var located = provenance
            located.column = (level?.code ?? columns.index[.area]!) + 1
            let written = levels.level(of: row)
            let reason = level.map { "no area code in '\($0.codeHeader)', the column of its geographic level '\(written)'" }
                ?? "no area code in '\(configuration.columns[.area] ?? "")' (a row of the geographic level '\(written)', whose code column this tool does not know)"
            return rejects.append(Reject(provenance: located, reason: reason, content: (0..<row.count).map { row.string($0) }.joined(separator: ",")))
        }
        let published = configuration.period ?? cell(.period) ?? ""
        guard !published.isEmpty else { return reject(.period, "no time period") }
        let identifier = configuration.period == nil ? cell(.timeIdentifier) : nil
        let period: String
        switch normalised(published, identifier: identifier) {
        case .success(let read): period = read
        case .failure(.unread):
            return reject(.period, "time period '\(published)' is not one this tool reads (e.g. 2024, 2024/25, 2021 - 23, 2024 Q1)")
        case .failure(.notOfIdentifier):
            return reject(.period, "time period '\(published)' is not a period of its time identifier '\(identifier ?? "")'")
        case .failure(.identifierNotRead):
            return reject(.timeIdentifier, "time identifier '\(identifier ?? "")' is not one this tool reads as a period "
                          + "(it reads years, academic, financial and tax years, calendar and financial-year quarters, and months)")
        }

        // Numbers are read from the cells' bytes: a string is made only for a message.
        func number(_ field: CSVIndicatorsColumns.Field) -> (ValueReader.Reading?, empty: Bool)? {
            guard let index = columns.index[field] else { return nil }
            guard index < row.count else { return (values.read(""), true) }
            let bytes = row.bytes(index)
            return (readValue(bytes, line: row.line, column: index), bytes.trimmingSpaces().isEmpty)
        }
        let note = cell(.valueNote).flatMap { $0.isEmpty ? nil : $0 }
        let status = cell(.status).flatMap { $0.isEmpty ? nil : $0 }
        let (read, valueIsEmpty) = number(.value) ?? (values.read(""), true)
        guard let reading = read else {
            return reject(.value, notAValue("value", cellBytes(.value, row, columns)))
        }
        var value = reading.value
        // An empty cell, or a marker that says only "not available" (`na`, `x`), takes the
        // reason the note or status gives (ONS's weekly pay of 2025: `na` with status `u`).
        var unexplained = valueIsEmpty
        if case .missing(.notAvailable) = value { unexplained = true }
        if unexplained, let explained = note.flatMap(MissingMarkers.reason(forNote:)) ?? status.flatMap(MissingMarkers.reason(forNote:)) {
            value = .missing(explained)
        }

        var optional = [CSVIndicatorsColumns.Field: Double]()
        var badLimit: (field: CSVIndicatorsColumns.Field, name: String)?
        for (field, name) in Self.numberFields {
            guard let (limit, _) = number(field) else { continue }
            guard let limit else {
                // A limit that is no number leaves the interval out, not the value: the row is kept.
                if field == .lower || field == .upper {
                    if badLimit == nil { badLimit = (field, name) }
                    continue
                }
                return reject(field, notAValue(name, cellBytes(field, row, columns)))
            }
            optional[field] = limit.value.number
        }
        if let (field, name) = badLimit {
            optional[.lower] = nil
            optional[.upper] = nil
            leftOutInterval(line: row.line, column: columns.index[field]!, notAValue(name, cellBytes(field, row, columns)))
        }

        var attributes = [String: String]()
        for (field, name) in Self.attributeFields {
            if let text = cell(field), !text.isEmpty { attributes[name] = text }
        }
        if let note { attributes["value_note"] = note }
        if let status { attributes["observation_status"] = status }
        // A flag on a value that is there: after the number (`12.5 [u]`), or in the status
        // column (ONS's `u`, low reliability), which explains a value that is not there above.
        if let flag = reading.status ?? (value.number != nil ? status.flatMap(ValueReader.flag(forStatus:)) : nil) {
            attributes["status"] = flag.rawValue
        }
        for comparison in columns.comparisons where comparison.index < row.count {
            let verdict = String(row.string(comparison.index).trimmingSpaces())
            guard !verdict.isEmpty, verdict.lowercased() != "not compared" else { continue }
            let benchmark: String?
            switch comparison.benchmark {
            case .area(let code): benchmark = code
            case .parent: benchmark = cell(.parentCode).flatMap { $0.isEmpty ? nil : $0 }
            }
            if let benchmark, benchmark != area { attributes["published_comparison:" + benchmark] = verdict }
        }
        if configuration.headlineSex != nil || configuration.headlineAge != nil {
            let headline = (attributes["category_type"] ?? "").isEmpty
                && configuration.headlineSex.map { $0.lowercased() == (attributes["sex"] ?? "").lowercased() } ?? true
                && configuration.headlineAge.map { $0.lowercased() == (attributes["age"] ?? "").lowercased() } ?? true
            attributes["headline"] = headline ? "true" : "false"
        }
        let levelName = columns.levels?.namesByLevel == true ? level?.name.map { $0 < row.count ? String(row.string($0).trimmingSpaces()) : "" } : nil
        let areaName = (levelName ?? cell(.areaName)).flatMap { $0.isEmpty ? nil : $0 }
        let unit = configuration.unit ?? cell(.unit).flatMap { $0.isEmpty ? nil : $0 }
        pending.append(.observation(Observation(
            area: area, areaName: areaName, period: period, indicator: indicator, value: value, unit: unit,
            count: optional[.count], denominator: optional[.denominator], lower: optional[.lower], upper: optional[.upper],
            attributes: attributes, provenance: provenance)))
    }

    /// Reads a row of a Nomis web table: the title block and header set the table up; each row of
    /// the table gives one observation per column of figures, located at its column.
    private func takeTableRow(_ row: CSVReader.Row) throws {
        let file = configuration.path.path
        guard try table!.take(row, file: file), let table else { return }
        let provenance = Provenance(source: context.id, file: file, line: row.line)
        guard row.count <= table.width, row.count >= table.minimumWidth else {
            if row.count < table.width { lastRowShort = (row.line, row.count, table.width) }
            rejects.append(Reject(provenance: provenance, reason: "ragged row: \(row.count) fields where the header has \(table.width)",
                                  content: (0..<row.count).map { row.string($0) }.joined(separator: ",")))
            return
        }
        let (area, areaName) = table.area(of: row)
        if !areas.isEmpty, !areas.contains(area) { return passOver(area) }
        for column in table.columns {
            if !indicators.isEmpty, !keeps(column.indicator) {
                passedOver.indicators += 1
                continue
            }
            var located = provenance
            located.column = column.index + 1
            guard let reading = readValue(row.bytes(column.index), line: row.line, column: column.index) else {
                rejects.append(Reject(provenance: located, reason: notAValue("value", row.bytes(column.index), of: column.indicator),
                                      content: (0..<row.count).map { row.string($0) }.joined(separator: ","), area: area))
                continue
            }
            var attributes = [String: String]()
            if let flag = column.flag, flag < row.count {
                let marker = String(row.string(flag).trimmingSpaces())
                if !marker.isEmpty { attributes["footnote"] = marker }
            }
            if let flag = reading.status { attributes["status"] = flag.rawValue }
            pending.append(.observation(Observation(
                area: area, areaName: areaName, period: table.period, indicator: column.indicator, value: reading.value,
                unit: configuration.unit ?? column.unit ?? table.unit, attributes: attributes, provenance: located)))
        }
    }

    /// Reads a row of a Nomis bulk CSV: one observation per column of figures, located at its
    /// column; a dimension whose value is not `Total` makes the row a breakdown.
    private func takeBulkRow(_ row: CSVReader.Row, _ bulk: NomisBulkColumns) {
        let provenance = Provenance(source: context.id, file: configuration.path.path, line: row.line)
        let content = { (0..<row.count).map { row.string($0) }.joined(separator: ",") }
        func reject(_ index: Int, _ reason: String) {
            var located = provenance
            located.column = index + 1
            let area = String(row.string(bulk.area).trimmingSpaces())
            rejects.append(Reject(provenance: located, reason: reason, content: content(), area: area.isEmpty ? nil : area))
        }
        guard row.count == bulk.width else {
            if row.count < bulk.width { lastRowShort = (row.line, row.count, bulk.width) }
            return rejects.append(Reject(provenance: provenance, reason: "ragged row: \(row.count) fields where the header has \(bulk.width)", content: content()))
        }
        let area = String(row.string(bulk.area).trimmingSpaces())
        if !areas.isEmpty, !areas.contains(area) { return passOver(area) }
        guard !area.isEmpty else { return reject(bulk.area, "no area code") }
        let published = String(row.string(bulk.period).trimmingSpaces())
        guard !published.isEmpty else { return reject(bulk.period, "no time period") }
        guard let period = normalised(published) else {
            return reject(bulk.period, "time period '\(published)' is not one this tool reads (e.g. 2024, 2024/25, 2021 - 23, 2024 Q1)")
        }
        var breakdown = (types: [String](), categories: [String]())
        for dimension in bulk.dimensions {
            let value = String(row.string(dimension.index).trimmingSpaces())
            guard !value.isEmpty, value.lowercased() != "total" else { continue }
            breakdown.types.append(dimension.name)
            breakdown.categories.append(value)
        }
        if !configuration.includeCategories, !breakdown.types.isEmpty { return passedOver.categories += 1 }
        let areaName = bulk.areaName.map { String(row.string($0).trimmingSpaces()) }.flatMap { $0.isEmpty ? nil : $0 }
        for column in bulk.columns {
            if !indicators.isEmpty, !keeps(column.indicator) {
                passedOver.indicators += 1
                continue
            }
            guard let reading = readValue(row.bytes(column.index), line: row.line, column: column.index) else {
                reject(column.index, notAValue("value", row.bytes(column.index), of: column.indicator))
                continue
            }
            var located = provenance
            located.column = column.index + 1
            var attributes = [String: String]()
            if !breakdown.types.isEmpty {
                attributes["category_type"] = breakdown.types.joined(separator: " / ")
                attributes["category"] = breakdown.categories.joined(separator: " / ")
            }
            if let flag = reading.status { attributes["status"] = flag.rawValue }
            pending.append(.observation(Observation(
                area: area, areaName: areaName, period: period, indicator: column.indicator, value: reading.value,
                unit: configuration.unit ?? column.unit, attributes: attributes, provenance: located)))
        }
    }

    /// Reads a row of an ONS file of the wide layout: one observation per indicator, with its
    /// interval, count, denominator and status, located at its column of figures.
    private func takeWideRow(_ row: CSVReader.Row, _ wide: ONSWideColumns) {
        let provenance = Provenance(source: context.id, file: configuration.path.path, line: row.line)
        let content = { (0..<row.count).map { row.string($0) }.joined(separator: ",") }
        let area = wide.area < row.count ? String(row.string(wide.area).trimmingSpaces()) : ""
        func reject(_ index: Int?, _ reason: String) {
            var located = provenance
            located.column = index.map { $0 + 1 }
            rejects.append(Reject(provenance: located, reason: reason, content: content(), area: area.isEmpty ? nil : area))
        }
        guard row.count == wide.width else {
            if row.count < wide.width { lastRowShort = (row.line, row.count, wide.width) }
            return reject(nil, "ragged row: \(row.count) fields where the header has \(wide.width)")
        }
        if !areas.isEmpty, !areas.contains(area) { return passOver(area) }
        guard !area.isEmpty else { return reject(wide.area, "no area code") }
        let published = String(row.string(wide.period).trimmingSpaces())
        guard !published.isEmpty else { return reject(wide.period, "no time period") }
        guard let period = normalised(published) else {
            return reject(wide.period, "time period '\(published)' is not one this tool reads (e.g. 2024, 2024/25, 2021 - 23, 2024 Q1)")
        }
        let areaName = wide.areaName.map { String(row.string($0).trimmingSpaces()) }.flatMap { $0.isEmpty ? nil : $0 }
        let unit = configuration.unit ?? wide.unit.map { String(row.string($0).trimmingSpaces()) }.flatMap { $0.isEmpty ? nil : $0 }
        columns: for column in wide.columns {
            if !indicators.isEmpty, !keeps(column.indicator) {
                passedOver.indicators += 1
                continue
            }
            guard let reading = readValue(row.bytes(column.value), line: row.line, column: column.value) else {
                reject(column.value, notAValue("value", row.bytes(column.value), of: column.indicator))
                continue
            }
            var numbers = [Double?]()
            var badLimit: (index: Int, name: String)?
            for (index, name) in [(column.lower, "lower confidence limit"), (column.upper, "upper confidence limit"),
                                  (column.count, "count"), (column.denominator, "denominator")] {
                guard let index else { numbers.append(nil); continue }
                guard let limit = readValue(row.bytes(index), line: row.line, column: index) else {
                    // A limit that is no number leaves the interval out, not the value.
                    if numbers.count < 2 {
                        if badLimit == nil { badLimit = (index, name) }
                        numbers.append(nil)
                        continue
                    }
                    reject(index, notAValue(name, row.bytes(index), of: column.indicator))
                    continue columns
                }
                numbers.append(limit.value.number)
            }
            if let (index, name) = badLimit {
                numbers[0] = nil
                numbers[1] = nil
                leftOutInterval(line: row.line, column: index, notAValue(name, row.bytes(index), of: column.indicator))
            }
            var value = reading.value
            var attributes = [String: String]()
            let status = column.status.map { String(row.string($0).trimmingSpaces()) }.flatMap { $0.isEmpty ? nil : $0 }
            if let status {
                attributes["observation_status"] = status
                if case .missing(.notAvailable) = value, let explained = MissingMarkers.reason(forNote: status) { value = .missing(explained) }
            }
            if let flag = reading.status ?? (value.number != nil ? status.flatMap(ValueReader.flag(forStatus:)) : nil) {
                attributes["status"] = flag.rawValue
            }
            var located = provenance
            located.column = column.value + 1
            pending.append(.observation(Observation(
                area: area, areaName: areaName, period: period, indicator: column.indicator, value: value, unit: unit,
                count: numbers[2], denominator: numbers[3], lower: numbers[0], upper: numbers[1],
                attributes: attributes, provenance: located)))
        }
    }

    /// `'a'`, `'a' and 'b'`, `'a', 'b' and 'c'`.
    static func inWords(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// Passes over a row of an area `areas:` does not list, noting a benchmark's.
    private func passOver(_ area: String) {
        passedOver.areas += 1
        if benchmarkCodes.contains(area) { passedOverBenchmarks.insert(area) }
    }

    /// Counts a row kept without its interval, and says where the first was (`column`: 0-based).
    private func leftOutInterval(line: Int, column: Int, _ reason: String) {
        if intervalsLeftOut.rows == 0 { intervalsLeftOut.first = "\(configuration.path.path):\(line):\(column + 1): \(reason)" }
        intervalsLeftOut.rows += 1
    }

    /// Whether the `indicators:` filter keeps an indicator: one listed as the file names it or
    /// by the same words, as the catalogue matches names (`cigarette_smokers` keeps
    /// `Cigarette smokers`). Worked out once per indicator.
    private func keeps(_ indicator: String) -> Bool {
        if let known = kept[indicator] { return known }
        let keeps = indicators.contains(IndicatorCatalogue.slug(indicator))
        kept[indicator] = keeps
        if !keeps { passedOverNames.append(indicator) }
        return keeps
    }

    /// Whether the `indicators:` filter has kept an indicator of the rows read so far.
    var keepsAny: Bool { kept.values.contains(true) }

    /// The filter kept none of the file's indicators: said at the first entry of `indicators:`,
    /// with the names the file holds and the one nearest each entry.
    private func filterKeptNothing(_ first: Positioned<String>) -> BaselineError {
        let names = passedOverNames
        let shown = names.prefix(5).map { "'\($0)'" }.joined(separator: ", ") + (names.count > 5 ? " and \(names.count - 5) more" : "")
        let slugs = names.map(IndicatorCatalogue.slug)
        let guesses = configuration.listed.compactMap { entry -> String? in
            guard let near = closest(to: IndicatorCatalogue.slug(entry.value), in: slugs), let index = slugs.firstIndex(of: near) else { return nil }
            return "did you mean '\(names[index])' for '\(entry.value)'?"
        }
        let words = slugs[0].replacingEvery("-", with: "_")
        return BaselineError(file: first.file, line: first.line, column: first.column,
                             "none of the indicators listed in `indicators:` is in \(configuration.path.path), which holds \(shown)",
                             hint: (["list each as the file names it or in its words (`\(words)` keeps '\(names[0])'), or remove `indicators:` to keep all"] + guesses)
                                 .joined(separator: "; "))
    }

    /// The optional number columns, with the names messages give them.
    private static let numberFields: [(CSVIndicatorsColumns.Field, String)] = [
        (.lower, "lower confidence limit"), (.upper, "upper confidence limit"), (.count, "count"), (.denominator, "denominator"),
    ]
    /// The text columns kept as attributes (besides the note and status, read once above).
    private static let attributeFields: [(CSVIndicatorsColumns.Field, String)] = [
        (.indicatorName, "indicator_name"), (.areaType, "area_type"), (.sex, "sex"), (.age, "age"),
        (.categoryType, "category_type"), (.category, "category"), (.trend, "published_trend"), (.polarity, "published_polarity"),
    ]

    /// Periods written one way (`2024/25` → `2024-25`), as the XML adapter writes them, so
    /// that the same period from two publishers is one period; remembered per text.
    private var periods = [String: String?]()

    private func normalised(_ published: String) -> String? {
        if let known = periods[published] { return known }
        let written = Period(published)?.text
        periods[published] = written
        return written
    }

    /// A period with the time identifier beside it, if the file has one (EES's `202425` with
    /// `Academic year` is `2024-25`: `EESPeriod`); remembered per pair.
    private var identifiedPeriods = [String: [String: Result<String, EESPeriod.Failure>]]()

    private func normalised(_ published: String, identifier: String?) -> Result<String, EESPeriod.Failure> {
        if let known = identifiedPeriods[identifier ?? "", default: [:]][published] { return known }
        let read = EESPeriod.read(published, identifier: identifier)
        identifiedPeriods[identifier ?? "", default: [:]][published] = read
        return read
    }
}
