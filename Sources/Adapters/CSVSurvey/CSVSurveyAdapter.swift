import BaselineCSV
import BaselineCore

/// `csv-survey`: staff and resident survey exports in CSV — generic, SurveyMonkey, Qualtrics,
/// Microsoft Forms, Google Forms, Smart Survey, Alchemer, LimeSurvey, Typeform, REDCap or KoboToolbox —
/// read with libcsv, one response record per respondent row.
///
/// ```
///  export ──CSVReader──▶ header rows ──▶ SurveyHeader ──▶ ReadPlan (columns, scales, groups)
///    │      (encoding,                (layout detected)        │
///    │       delimiter)                                        ▼
///    ├──first pass (respondent ids) ─▶ DuplicateFinder ─▶ rows to drop
///    └──rows ─▶ ragged? partial? preview? duplicate? weight? answers on their scales? ─▶ Response
///                 └──────────── no: a Reject with line, column and reason ──────┘
/// ```
///
/// A row is one record: passed on as a `Response` (free-text answers inside it as
/// `Answer.text`), or set aside as a `Reject` with its reason. The responses of a batch are
/// the rows of one `ResponseBlock`, filled column by column as rows are read: a record costs no
/// arrays of its own (see docs/performance.md). So records read = passed on +
/// quarantined (or skipped), row for row. Personal-data columns are never read, the respondent
/// id only by the duplicate check: neither is in any record. A file that cannot be parsed stops
/// the run with a located error.
public final class CSVSurveyAdapter: InitializedSource {
    public typealias Configuration = CSVSurveyConfiguration

    public static let kind = "csv-survey"
    public static let records: Set<RecordKind> = [.response]
    public static let summary = "Staff and resident survey exports in CSV (SurveyMonkey, Qualtrics, Microsoft Forms, Google Forms, Smart Survey, Alchemer, LimeSurvey, Typeform, REDCap, KoboToolbox, or any spreadsheet): one response per respondent"
    public static let version = "1.2.0"
    public static let options: [OptionDoc] = [
        OptionDoc("path", "path", "The CSV export, relative to the pipeline file."),
        OptionDoc("questions", "list", "The questions: a column header or id, or a mapping with `column` or `position`, and optionally `id`, `text`, `scale`, `reverse`; multi-select questions add `multi_select: true` (and `columns` and `unticked`, or `separator`, `options`, `other` for one cell); see [Questions](#questions). Required unless `free_text` is given."),
        OptionDoc("groups", "list of columns", default: "[]", "Columns to break results down by (organisation, role…): a header or column id, or a mapping with `column` or `position` and `name` (what outputs call the grouping; default the header)."),
        OptionDoc("free_text", "list of columns", default: "[]", "Free-text columns: a header or id, or a mapping with `column` or `position`, `id` and `text`. Kept as text answers for theme coding (see [Free text](#free-text))."),
        OptionDoc("layout", "auto | generic | surveymonkey | qualtrics | msforms | googleforms | smartsurvey | alchemer | limesurvey | typeform | redcap | kobo", default: "auto",
                  "The tool that wrote the export; `auto` detects it from the header rows (see [Layouts](#layouts))."),
        OptionDoc("encoding", "auto | utf-8 | utf-16 | windows-1252", default: "auto", "The character encoding (see [Encodings](#encodings-and-delimiters)). Also `utf-16le`, `utf-16be`, and the spellings `utf8`, `cp1252`, `latin-1`."),
        OptionDoc("delimiter", "auto | one character", default: "auto", "The field delimiter; `auto` sniffs comma, semicolon or tab, or takes the one Excel names in a first line `sep=;` (a line that is then no row). `comma`, `semicolon` and `tab` are accepted by name."),
        OptionDoc("respondent_id", "column", default: "the layout's", "The respondent id, used only to find duplicates (see [Duplicates](#duplicate-respondents)); never in a record. Defaults to `Respondent ID` (SurveyMonkey), `ResponseId` (Qualtrics), `ID` (Microsoft Forms), `UserID` (Smart Survey), `Response ID` (Alchemer), `id` (LimeSurvey), `#` (Typeform), `_uuid` (KoboToolbox); none for Google Forms, REDCap (a longitudinal project repeats a record id once per event) and generic files."),
        OptionDoc("completed_at", "column", default: "the layout's", "When each response was completed, to tell which of two duplicates is the latest: `End Date`, `EndDate`, `Completion time`, `Timestamp`, `Ended`, `Date Submitted`, `submitdate`, `Submit Date (UTC)`, `Survey Timestamp`, `_submission_time`."),
        OptionDoc("date_order", "mdy | dmy", default: "mdy", "How `completed_at` dates written with slashes are read: month first (SurveyMonkey, US Forms) or day first. ISO dates (`2025-03-04 10:34`) need no setting. A date that reads only the other way round (`13/03/2025` month first) stops the run, naming the order to set."),
        OptionDoc("partial", "exclude | include", default: "exclude", "Responses the tool marks as not finished (Qualtrics `Finished` = False or 0, Alchemer `Status` = Partial, LimeSurvey `submitdate` empty, Typeform `Response Type` = partial, REDCap's status of a form holding the questions other than Complete; see [Unfinished responses](#unfinished-responses)): left out and counted as *skipped* (not quarantined: the rule is yours, the rows are not bad), or counted like the rest, with a data-quality note saying how many. `partial: exclude` written on a file with none of these columns is an error at its line."),
        OptionDoc("test_responses", "exclude | include", default: "exclude", "Responses the tool marks as the author's previews or tests, or as spam (Qualtrics `Status`: `Survey Preview`, `Survey Test`, `Spam`, `Survey Preview Spam`, `Imported Spam`, `EX Spam`, `Offline Survey Preview`, or the codes 1, 2, 8, 9, 12, 17, 40 of a numeric export; or `DistributionChannel` `preview` or `test`): left out and counted as *skipped* (\"preview response\", \"test response\" or \"spam response\"), and never kept as a respondent's response when ids repeat; or counted like the rest. `IP Address`, `Imported`, `Offline`, `EX`, `EX Offline` (0, 4, 16, 32, 48) and any other value are respondents."),
        OptionDoc("weight", "column", default: "none", "A column of survey weights (numbers ≥ 0; `.` or `,` as decimal mark). Shares and means become weighted, and the interval uses Kish's effective sample size. A row whose weight is not a number is set aside."),
        OptionDoc("scale", "scale name", default: "agree5", "The scale of questions that name none: `agree5`, `agree4`, `frequency5`, `satisfaction5`, `yesno`, `scale0to10` (positive: 7–10, not the NPS promoters' 9–10), or one under `scales`; see [Built-in scales](#built-in-scales) for each one's points and positive answers."),
        OptionDoc("scales", "mapping", default: "{}", "Scales of the pipeline's own, by name: `points` (lowest first — the order `baseline.json` lists as the question's `points` and the dashboard draws in), `positive` (labels that count as positive), optional `excluded` (default: the usual \"Don't know\" set) and `first_score` (default 1). A Qualtrics numeric-values export needs a scale of its codes (`points: [\"1\", \"2\", \"3\", \"4\", \"5\"]`)."),
        OptionDoc("max_field_bytes", "integer", default: "1048576", "The longest field accepted. A longer one stops the run — usually a quote that is never closed."),
        .audience,
        .onError,
        .maxRejected,
    ]
    public static let sampleConfiguration = """
        id: staff-survey
        adapter: csv-survey
        path: ../samples/millbrook/staff-survey-2025.csv
        respondent_id: Respondent ID
        groups: [Organisation, Role]
        questions:
          - column: I understand the shared vision for Millbrook
            id: shared_vision
          - column: Partners here trust each other
            id: trust
          - column: We work in silos
            id: silos
            reverse: true
        free_text: [What one thing would make the biggest difference?]
        """

    // MARK: - Runtime

    public let inputs: [InputFile]
    /// The reader hashes the file as it parses it: the manifest's SHA-256 then costs no second
    /// reading of the file, nor a third busy thread (see docs/performance.md).
    public var hashesInputs: Bool { true }
    /// The file's digest once it is read to the end (the runner hashes it itself otherwise).
    public var inputDigests: [InputDigest?] { [reader.inputDigest] }
    /// Data-quality notes: an encoding that had to be guessed, a file with no responses.
    public private(set) var notes = [String]()
    private let configuration: CSVSurveyConfiguration
    private let reader: CSVReader
    private let plan: ReadPlan
    /// Rows to drop as duplicates (by line), with the line of the row kept.
    private let dropped: [Int: Int]
    private let provenance: Provenance
    /// The line the last header row starts on: rows from later lines are data.
    private let lastHeaderLine: Int
    private var sawData = false
    // Touched for every row by this class alone, on one thread: the dynamic exclusivity
    // checks Swift would add to each access are left out.
    /// Per group column, its distinct values.
    @exclusivity(unchecked) private var groupValues: [ValueInterner]
    /// Per question read from option columns, the values that ticked its options.
    @exclusivity(unchecked) private var tickGuards: [TickGuard]
    /// The batch's responses, column by column: each record passed on is a row of it.
    @exclusivity(unchecked) private var block: ResponseBlock.Builder
    /// The row being read: its answer codes, then its group codes (rows set aside never reach `block`).
    private let rowAnswers: UnsafeMutableBufferPointer<AnswerCode>
    private let rowGroups: UnsafeMutableBufferPointer<UInt32>
    private var rejects = [Reject]()
    private var exhausted = false
    /// The row just read, when it was set aside as ragged with fewer fields than the header: if
    /// it is the file's last and no line break follows it, the export was cut short.
    private var lastRowShort: (line: Int, fields: Int)?
    /// The line of the data row just read.
    private var lastLine = 0
    /// The export's layout (Google Forms ends its file with no line break).
    private let layout: SurveyLayout
    /// Rows read with empty fields beyond the header's columns: how many, the most such fields
    /// in one row, and the first row's line (0 for none), for the data-quality note.
    private var emptyFieldsBeyond = (rows: 0, most: 0, first: 0)
    /// Responses passed on that the export marks unfinished (under `partial: include`), and
    /// the column of the first, for the data-quality note.
    private var partialsCounted = (rows: 0, column: 0)

    /// Opens the input; a file that cannot be read stops the run here, at set-up.
    public init(configuration: CSVSurveyConfiguration, context: SourceContext) throws {
        self.configuration = configuration
        inputs = [configuration.path]
        let file = configuration.path.path
        let (probe, first) = try Self.headerRows(configuration)
        guard !first.isEmpty else { throw Self.emptyFile(file) }
        let layout = configuration.layout == .auto ? SurveyLayout.detect(first.map(\.fields)) : configuration.layout
        let headerRows = min(layout.headerRowCount(first.map(\.fields)), first.count)
        let header = SurveyHeader(rows: Array(first.prefix(headerRows)), layout: layout, file: file)
        self.layout = layout
        plan = try ReadPlan(configuration: configuration, header: header, source: context.id)
        let open = { (hashing: Bool) in
            try CSVReader(path: configuration.path.resolved, displayPath: file, delimiter: .byte(probe.delimiter),
                          encoding: probe.encoding, maxFieldBytes: configuration.maxFieldBytes, readAhead: true, hashing: hashing)
        }
        if let respondent = plan.respondent {
            let columns = DuplicateFinder.Columns(width: plan.width, respondent: respondent, completedAt: plan.completedAt,
                                                  finished: plan.finished, excludePartial: configuration.partial == .exclude,
                                                  excludedStatus: configuration.testResponses == .exclude ? plan.status : nil,
                                                  excludedChannel: configuration.testResponses == .exclude ? plan.channel : nil,
                                                  dateOrder: configuration.dateOrder)
            dropped = try DuplicateFinder.dropped(try open(false), lastHeaderLine: first[headerRows - 1].line, columns: columns)
        } else {
            dropped = [:]
        }
        reader = try open(true)
        lastHeaderLine = first[headerRows - 1].line
        let storage = plan.storage
        groupValues = plan.groups.map { _ in ValueInterner(memo: CellMemo(storage: storage)) }
        tickGuards = plan.tickGuards
        provenance = Provenance(source: context.id, file: file)
        block = ResponseBlock.Builder(survey: plan.survey, source: context.id, file: file)
        rowAnswers = .allocate(capacity: plan.survey.questions.count)
        rowGroups = .allocate(capacity: plan.groups.count)
        if let tags = layout.hxlRow(first.map(\.fields)) {
            notes.append(SurveyLayout.hxlNote(source: context.id, file: file, line: first[headerRows - 1].line, tags: tags))
        }
        if configuration.encoding == .auto, !probe.hasByteOrderMark, probe.encoding != .utf8 {
            notes.append("\(context.id): \(file) was read as \(probe.encoding.displayName) (detected); set `encoding:` if its text looks wrong.")
        }
    }

    deinit {
        rowAnswers.deallocate()
        rowGroups.deallocate()
    }

    public func next() throws -> RecordBatch? {
        while block.count + rejects.count < RecordBatch.preferredSize, !exhausted {
            exhausted = try !reader.readPiece { row in
                if row.line > lastHeaderLine { try read(row) }
            }
            sawData = sawData || block.count > 0 || !rejects.isEmpty
            if exhausted, !sawData {
                notes.append("\(provenance.source): \(provenance.file) has a header but no responses.")
            }
            if exhausted {
                for tickGuard in tickGuards {
                    if let problem = tickGuard.finish() {
                        throw BaselineError(file: provenance.file, line: problem.line, column: problem.column + 1, problem.message, hint: problem.hint)
                    }
                }
            }
            if exhausted, partialsCounted.rows > 0 {
                let rows = partialsCounted.rows
                notes.append("\(provenance.source): \(rows) response\(rows == 1 ? "" : "s") counted \(rows == 1 ? "is" : "are") marked unfinished in \(provenance.file) "
                             + "(`\(plan.finishedNames[partialsCounted.column]!)`), counted under `partial: include`.")
            }
            if exhausted, emptyFieldsBeyond.rows > 0 {
                notes.append(Self.emptyFieldsNote(source: provenance.source, file: provenance.file, rows: emptyFieldsBeyond.rows,
                                                  most: emptyFieldsBeyond.most, first: emptyFieldsBeyond.first, width: plan.width))
            }
            if exhausted, lastLine > lastHeaderLine, CSVReader.endsWithLineBreak(path: configuration.path.resolved) == false {
                if let short = lastRowShort {
                    throw CSVReader.cutShort(file: provenance.file, line: short.line, fields: short.fields, width: plan.width)
                }
                // Google Forms writes no line break after its last row: there it says nothing.
                if layout != .googleforms { notes.append(CSVReader.noLineBreakNote(file: provenance.file, line: lastLine)) }
            }
        }
        let built = block.build()
        guard built != nil || !rejects.isEmpty else { return nil }
        defer { rejects.removeAll(keepingCapacity: true) }
        // The responses go on as the block's rows: a stage that reads blocks makes no record.
        guard let built else { return RecordBatch(rejects: rejects) }
        return RecordBatch(responses: built, rejects: rejects)
    }

    // MARK: - One row

    /// Adds the data row to the batch's block of responses, or sets it aside in `rejects`.
    private func read(_ row: CSVReader.Row) throws {
        lastRowShort = nil
        lastLine = row.line
        // A row of commas alone (Excel writes them for rows it once held) is no respondent.
        // (The first cell is usually filled: one look.)
        if (0..<row.count).allSatisfy({ row.bytes($0).trimmingSpaces().isEmpty }) {
            return reject(row, column: nil, "empty row: every cell is blank", byRule: true)
        }
        guard row.count == plan.width else {
            if row.count < plan.width { lastRowShort = (row.line, row.count) }
            // A delimiter at the end of the row (Microsoft Forms exports re-saved by a
            // spreadsheet): the content lines up with the header, and the empty fields after it
            // hold nothing to lose. Noted once, with the count, when the file is read.
            guard Self.fitsHeader(row, width: plan.width) else {
                return reject(row, column: nil, "ragged row: \(row.count) fields where the header has \(plan.width)")
            }
            emptyFieldsBeyond.rows += 1
            emptyFieldsBeyond.most = max(emptyFieldsBeyond.most, row.count - plan.width)
            if emptyFieldsBeyond.first == 0 { emptyFieldsBeyond.first = row.line }
            return try readFields(of: row)
        }
        try readFields(of: row)
    }

    /// Reads a row whose first `plan.width` fields are the header's columns.
    private func readFields(of row: CSVReader.Row) throws {
        if !plan.finished.isEmpty, let (unfinished, state) = CompletionColumn.unfinished(plan.finished, in: row.bytes) {
            if state == .invalid {
                return reject(row, column: unfinished.column,
                              CompletionColumn.invalidStatusReason(row.string(unfinished.column), column: plan.finishedNames[unfinished.column]!))
            }
            if configuration.partial == .exclude {
                let value = row.string(unfinished.column).trimmingWhitespace()
                return reject(row, column: unfinished.column,
                              "partial response (\(plan.finishedNames[unfinished.column]!) \(value.isEmpty ? "empty" : "'\(value)'")), left out by `partial: exclude`",
                              byRule: true)
            }
            if partialsCounted.rows == 0 { partialsCounted.column = unfinished.column }
            partialsCounted.rows += 1
        }
        if configuration.testResponses == .exclude {
            if let status = plan.status, let kind = SurveyLayout.notARespondent(status: row.bytes(status)) {
                return reject(row, column: status, "\(kind) response (Status '\(row.string(status))'), left out by `test_responses: exclude`",
                              byRule: true)
            }
            if let channel = plan.channel, let kind = SurveyLayout.notARespondent(channel: row.bytes(channel)) {
                return reject(row, column: channel,
                              "\(kind) response (DistributionChannel '\(row.string(channel))'), left out by `test_responses: exclude`",
                              byRule: true)
            }
        }
        if !dropped.isEmpty, let kept = dropped[row.line] {
            return reject(row, column: plan.respondent, "duplicate respondent: the response on line \(kept) is kept (the latest completed)")
        }
        var weight: Double?
        if let column = plan.weight {
            guard let value = Self.weight(row.bytes(column)) else {
                return reject(row, column: column, "invalid weight '\(row.string(column))': expected a number of 0 or more")
            }
            weight = value
        }
        for (index, reading) in plan.readings.enumerated() {
            switch reading {
            case .scale(let column, let matcher):
                guard let answer = matcher.match(row.bytes(column)) else {
                    let question = plan.survey.questions[index]
                    return reject(row, column: column,
                                  "unknown answer '\(row.string(column))' to question '\(question.id)' (scale \(question.scale!.name))")
                }
                rowAnswers[index] = answer
            case .text(let column):
                let text = row.bytes(column).trimmingSpaces()
                rowAnswers[index] = text.isEmpty ? .blank : block.code(text: String(decoding: text, as: UTF8.self))
            case .optionColumns(let columns, let ticks, let guardIndex):
                var ticked = [Int]()
                for option in columns.indices {
                    let cell = row.bytes(columns[option])
                    guard ticks.isTicked(cell) else { continue }
                    if TickReader.startsWithNegative(cell), !tickGuards[guardIndex].isOther(option),
                       !tickGuards[guardIndex].isOwnLabel(cell, option: option) { continue }
                    ticked.append(option)
                    if tickGuards[guardIndex].memos[option].recall(cell) == nil,
                       let problem = tickGuards[guardIndex].learn(cell, option: option, line: row.line) {
                        throw BaselineError(file: provenance.file, line: problem.line, column: problem.column + 1, problem.message, hint: problem.hint)
                    }
                }
                rowAnswers[index] = ticked.isEmpty ? .blank : block.code(selected: ticked)
            case .optionCell(let column, let splitter, let other):
                var ticked = Set<Int>()
                for piece in splitter.split(row.bytes(column)) {
                    switch piece {
                    case .option(let option): ticked.insert(option)
                    case .unknown(let label):
                        guard let other else {
                            let separator = splitter.separatorReadingWhole(row.bytes(column)).map { byte in
                                " (the cell reads as options joined by '\(Character(UnicodeScalar(byte)))': set `separator: \(byte == 0x20 ? "space" : "\"\(Character(UnicodeScalar(byte)))\"")` on the question)"
                            } ?? ""
                            return reject(row, column: column, "unknown option '\(label)' to question '\(plan.survey.questions[index].id)'" + separator)
                        }
                        ticked.insert(other)
                    }
                }
                rowAnswers[index] = ticked.isEmpty ? .blank : block.code(selected: ticked.sorted())
            }
        }
        readGroups(of: row)
        block.append(line: row.line, groups: UnsafeBufferPointer(rowGroups), answers: UnsafeBufferPointer(rowAnswers), weight: weight)
    }

    /// Puts the row's group codes in `rowGroups`: each value is compared as bytes with the
    /// values seen before (one `String` is made per distinct value, shared by every block).
    private func readGroups(of row: CSVReader.Row) {
        for (index, column) in plan.groups.enumerated() {
            let value = groupValues[index].number(ofCell: row.bytes(column))
            rowGroups[index] = block.code(grouping: index, value: value) { groupValues[index].strings[value] }
        }
    }

    /// Sets the row aside; `byRule` when a rule the user chose leaves it out (counted as
    /// skipped, not quarantined).
    private func reject(_ row: CSVReader.Row, column: Int?, _ reason: String, byRule: Bool = false) {
        var place = provenance
        place.line = row.line
        place.column = column.map { $0 + 1 }
        rejects.append(Reject(provenance: place, reason: reason, leftOutByRule: byRule))
    }

    /// A survey weight: a number of 0 or more, with `.` or `,` as the decimal mark.
    static func weight(_ cell: UnsafeBufferPointer<UInt8>) -> Double? {
        var text = String(decoding: cell.trimmingSpaces(), as: UTF8.self)
        if !text.contains("."), text.filter({ $0 == "," }).count == 1 {
            text = String(text.map { $0 == "," ? "." : $0 })
        }
        guard let value = Double(text), value.isFinite, value >= 0 else { return nil }
        return value
    }

    /// Whether a row lines up with a header of `width` columns: as many fields, or more whose
    /// extra fields are all empty (a delimiter at the end of the row).
    static func fitsHeader(_ row: CSVReader.Row, width: Int) -> Bool {
        row.count == width || row.count > width && (width..<row.count).allSatisfy { row.bytes($0).trimmingSpaces().isEmpty }
    }

    /// The data-quality note for rows read with empty fields beyond the header's columns.
    static func emptyFieldsNote(source: String, file: String, rows: Int, most: Int, first: Int, width: Int) -> String {
        let fields = most == 1 ? "an empty field" : "up to \(most) empty fields"
        return "\(source): \(rows) row\(rows == 1 ? "" : "s") of \(file) (the first on line \(first)) end\(rows == 1 ? "s" : "") with \(fields) beyond "
            + "the header's \(width) columns (a delimiter at the end of the row): read, since the answers line up with the header."
    }
}
