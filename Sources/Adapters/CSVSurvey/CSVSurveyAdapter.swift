import BaselineCSV
import BaselineCore

/// `csv-survey`: staff and resident survey exports in CSV, read with libcsv, one response record
/// per respondent.
///
/// The first row is the header. Questions, groups and free-text columns are found by header;
/// a row with the wrong number of fields or an answer not on its question's scale is a bad
/// record (rejected with its line and the reason); a file that cannot be parsed stops the run.
public final class CSVSurveyAdapter: SourcePlugin, RecordSource {
    public typealias Configuration = CSVSurveyConfiguration

    public static let kind = "csv-survey"
    public static let summary = "Staff and resident survey exports in CSV (libcsv): one response per respondent"
    public static let version = "1.0.0"
    public static let options: [OptionDoc] = [
        OptionDoc("path", "path", "The CSV export, relative to the pipeline file."),
        OptionDoc("questions", "list", "The questions to score: a column header, or a mapping with `column`, and optionally `id`, `text`, `scale`, `reverse`."),
        OptionDoc("groups", "list of headers", default: "[]", "Columns to break results down by (organisation, role…)."),
        OptionDoc("free_text", "list of headers", default: "[]", "Free-text columns: kept as text answers for theme coding."),
        OptionDoc("respondent_id", "header", default: "none", "The respondent id column; read for de-duplication, never written out."),
        OptionDoc("scale", "scale name", default: "agree5", "The scale of questions that name none: agree5, agree4, frequency5, satisfaction5, yesno, scale0to10, or one under `scales`."),
        OptionDoc("scales", "mapping", default: "{}", "Custom scales by name: `points` (lowest first), `positive`, optional `excluded` and `first_score`."),
        OptionDoc("delimiter", "character", default: ",", "The field delimiter."),
        OptionDoc("max_field_bytes", "integer", default: "1048576", "The longest field accepted; a longer one stops the run (usually a quote never closed)."),
        OptionDoc("on_error", "quarantine | skip | fail", default: "quarantine", "What to do with a bad row (common to every source)."),
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

    public static func makeSource(configuration: Configuration, context: SourceContext) throws -> any RecordSource {
        try CSVSurveyAdapter(configuration: configuration, context: context)
    }

    // MARK: - Runtime

    public let inputs: [InputFile]
    private let configuration: Configuration
    private let context: SourceContext
    private let reader: CSVReader
    private var layout: Layout?
    private var pending = [Record]()
    private var rejects = [Reject]()
    private var exhausted = false

    /// The columns each part of a response comes from, found from the header.
    private struct Layout {
        let survey: SurveyDefinition
        let width: Int
        let respondent: Int?
        let groups: [Int]
        /// Per question: its column and, for scored questions, the matcher.
        let questions: [(column: Int, matcher: AnswerMatcher?)]
    }

    init(configuration: Configuration, context: SourceContext) throws {
        self.configuration = configuration
        self.context = context
        self.inputs = [configuration.path]
        reader = try CSVReader(path: configuration.path.resolved, displayPath: configuration.path.path,
                               delimiter: configuration.delimiter.utf8.first!, maxFieldBytes: configuration.maxFieldBytes)
    }

    public func next() throws -> RecordBatch? {
        while pending.count + rejects.count < RecordBatch.preferredSize, !exhausted {
            exhausted = try !reader.readPiece { row in try take(row) }
        }
        if exhausted, layout == nil {
            throw BaselineError(file: configuration.path.path, line: 1, "the file is empty: there is no header row",
                                hint: "export the survey again, with column headers")
        }
        guard !pending.isEmpty || !rejects.isEmpty else { return nil }
        defer {
            pending.removeAll(keepingCapacity: true)
            rejects.removeAll(keepingCapacity: true)
        }
        return RecordBatch(records: pending, rejects: rejects)
    }

    private func take(_ row: CSVReader.Row) throws {
        guard let layout else {
            layout = try makeLayout(header: row)
            return
        }
        let provenance = Provenance(source: context.id, file: configuration.path.path, line: row.line)
        guard row.count == layout.width else {
            rejects.append(Reject(provenance: provenance,
                                  reason: "ragged row: \(row.count) fields where the header has \(layout.width)"))
            return
        }
        var answers = [Answer]()
        answers.reserveCapacity(layout.questions.count)
        for (index, question) in layout.questions.enumerated() {
            let cell = row.bytes(question.column)
            if let matcher = question.matcher {
                guard let answer = matcher.match(cell) else {
                    var rejected = provenance
                    rejected.column = question.column + 1
                    rejects.append(Reject(provenance: rejected, reason: "unknown answer '\(row.string(question.column))' to question '\(layout.survey.questions[index].id)' (scale \(layout.survey.questions[index].scale!.name))"))
                    return
                }
                answers.append(answer)
            } else {
                let text = row.string(question.column).trimmingWhitespace()
                answers.append(text.isEmpty ? .blank : .text(text))
            }
        }
        let groups = layout.groups.map { row.string($0).trimmingWhitespace() }
        let respondent = layout.respondent.map { row.string($0) }
        pending.append(.response(Response(survey: layout.survey, respondent: respondent, groups: groups,
                                          answers: answers, provenance: provenance)))
    }

    private func makeLayout(header row: CSVReader.Row) throws -> Layout {
        let headers = (0..<row.count).map { row.string($0).trimmingWhitespace() }
        var positions = [String: Int]()
        for (index, header) in headers.enumerated() {
            if let first = positions[header] {
                if configuration.questions.contains(where: { $0.column == header }) || configuration.groups.contains(header)
                    || configuration.freeText.contains(header) {
                    throw BaselineError(file: configuration.path.path, line: row.line, column: index + 1,
                                        "the header '\(header)' appears twice (columns \(first + 1) and \(index + 1))",
                                        hint: "rename one of the columns in the file")
                }
                continue
            }
            positions[header] = index
        }
        func column(_ header: String, _ what: String) throws -> Int {
            guard let index = positions[header] else {
                let guess = closestHeader(header, in: headers).map { "did you mean '\($0)'?" } ?? "check the pipeline against the file's first row"
                throw BaselineError(file: configuration.path.path, line: row.line,
                                    "no column '\(header)' (named as \(what) in the pipeline)", hint: guess)
            }
            return index
        }
        var questions = [Question]()
        var columns = [(column: Int, matcher: AnswerMatcher?)]()
        for spec in configuration.questions {
            let scale = configuration.resolveScale(spec.scale ?? configuration.scale)
            questions.append(Question(id: spec.id, text: spec.text ?? spec.column, scale: scale, reverse: spec.reverse))
            columns.append((try column(spec.column, "a question"), AnswerMatcher(scale: scale)))
        }
        for header in configuration.freeText {
            questions.append(Question(id: QuestionSpec.id(from: header), text: header, scale: nil))
            columns.append((try column(header, "free text"), nil))
        }
        let groups = try configuration.groups.map { try column($0, "a group") }
        let respondent = try configuration.respondentId.map { try column($0, "respondent_id") }
        let survey = SurveyDefinition(source: context.id, questions: questions, groupings: configuration.groups)
        return Layout(survey: survey, width: headers.count, respondent: respondent, groups: groups, questions: columns)
    }

    private func closestHeader(_ header: String, in headers: [String]) -> String? {
        let lowered = header.lowercased()
        return headers.first { $0.lowercased() == lowered } ?? headers.first { $0.lowercased().hasPrefix(lowered.prefix(12)) }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return view.count == count ? self : String(view)
    }
}
