import BaselineCore

/// What to read from each row of an export, worked out once from its header and the pipeline:
/// the column and reading of each question, the group, weight and metadata columns.
///
/// The readings are plain values pointing into `storage`, so that the per-row loop copies
/// them without any reference counting.
struct ReadPlan {
    /// How one question's answer is read.
    enum Reading {
        /// A label on a scale, in one column.
        case scale(column: Int, matcher: AnswerMatcher)
        /// Free text, in one column.
        case text(column: Int)
        /// A multi-select question with one column per option: a cell ticks its option unless
        /// `ticks` reads it as not ticked. `guardIndex` is the question's `TickGuard` among
        /// the plan's `tickGuards`.
        case optionColumns(UnsafeBufferPointer<Int>, ticks: TickReader, guardIndex: Int)
        /// A multi-select question in one cell, options between separators, split on the known
        /// options (see `OptionSplitter`). `other` is the option index that write-ins count as,
        /// if they are allowed.
        case optionCell(column: Int, splitter: OptionSplitter, other: Int?)

        /// The first column the answer is read from.
        var column: Int {
            switch self {
            case .scale(let column, _), .text(let column), .optionCell(let column, _, _): column
            case .optionColumns(let columns, _, _): columns[0]
            }
        }
    }

    let survey: SurveyDefinition
    let width: Int
    /// One reading per question of `survey`, in order.
    let readings: UnsafeBufferPointer<Reading>
    /// Owns what `readings` point to.
    let storage = PlanStorage()
    let groups: [Int]
    let weight: Int?
    let respondent: Int?
    let completedAt: Int?
    /// The columns saying whether a response was finished (one, or REDCap's status of each
    /// form the questions are on), as plain values.
    let finished: UnsafeBufferPointer<CompletionColumn>
    /// The header of each of `finished`, for messages (`Finished`, `submitdate`, `form_2_complete`).
    let finishedNames: [Int: String]
    /// The layout's status column (Qualtrics `Status`), if present.
    let status: Int?
    /// The layout's distribution channel column (Qualtrics `DistributionChannel`), if present.
    let channel: Int?
    /// One per question read from option columns, in order: what its ticking cells have been.
    let tickGuards: [TickGuard]

    init(configuration: CSVSurveyConfiguration, header: SurveyHeader, source: String) throws {
        width = header.columns.count
        func text(of index: Int) -> String {
            let column = header.columns[index]
            if header.layout == .surveymonkey || header.layout == .smartsurvey, let option = column.option {
                return "\(column.text) - \(option)"
            }
            return column.text
        }
        var questions = [Question]()
        var readings = [Reading]()
        var tickGuards = [TickGuard]()
        for spec in configuration.questions {
            let what = "a question"
            if spec.multiSelect {
                let columns: [Int]
                if let listed = spec.columns {
                    columns = try listed.map { try header.column(named: $0.column, position: $0.position, what: what) }
                } else if let name = spec.column {
                    columns = header.optionColumns(named: name)
                    if columns.isEmpty { throw header.notFound(name, what: what) }
                    for index in columns { _ = try header.checked(index, what: what) }
                } else {
                    columns = [try header.column(named: nil, position: spec.position, what: what)]
                }
                var questionText = spec.text ?? text(of: columns[0])
                if spec.text == nil, columns.count > 1 {
                    // The text shared by the option columns: the question the header gives apart
                    // (Qualtrics' second row before the option, see `SurveyHeader.splittingStems`;
                    // REDCap's, LimeSurvey's, KoboToolbox's); SurveyMonkey's first row; for Qualtrics
                    // columns of several stems up to its first " - "; else the start the headers
                    // share, the question's id, or the options themselves — never one option's header.
                    let first = header.columns[columns[0]]
                    let texts = columns.map { header.columns[$0].text }
                    if let question = first.question, columns.allSatisfy({ header.columns[$0].question == question }) {
                        questionText = question
                    } else if header.layout == .qualtrics {
                        questionText = String(first.text.split(separator: " - ").first ?? Substring(first.text))
                    } else if texts.allSatisfy({ $0 == first.text }) {
                        questionText = first.text
                    } else {
                        questionText = Self.sharedQuestion(texts) ?? spec.id
                            ?? columns.map { header.columns[$0].option ?? header.columns[$0].text }.joined(separator: " / ")
                    }
                }
                let id = spec.id ?? QuestionSpec.id(from: spec.column ?? questionText)
                if columns.count > 1 {
                    if spec.options != nil || spec.separator != nil {
                        throw BaselineError(file: header.file, line: header.line, column: columns[0] + 1,
                                            "question '\(id)' has one column per option, so its options come from the header",
                                            hint: "remove `options` and `separator` from the question")
                    }
                    let labels = spec.columns?.map(\.name) ?? []
                    let options = columns.enumerated().map { index, column in
                        (index < labels.count ? labels[index] : nil) ?? header.columns[column].option ?? header.columns[column].text
                    }
                    questions.append(Question(id: id, text: questionText, scale: Self.optionScale(options), multiSelect: true))
                    readings.append(.optionColumns(UnsafeBufferPointer(start: storage.keep(columns), count: columns.count),
                                                   ticks: TickReader(unticked: spec.unticked ?? [], storage: storage), guardIndex: tickGuards.count))
                    tickGuards.append(TickGuard(question: id, columns: columns, headers: columns.map { header.columns[$0].text }, labels: options,
                                                storage: storage))
                } else {
                    if spec.unticked != nil {
                        throw BaselineError(file: header.file, line: header.line, column: columns[0] + 1,
                                            "question '\(id)' is one column, its options joined in the cell, so `unticked` (for one column per option) means nothing here",
                                            hint: "remove `unticked` from the question")
                    }
                    guard let options = spec.options, !options.isEmpty else {
                        throw BaselineError(file: header.file, line: header.line, column: columns[0] + 1,
                                            "multi-select question '\(id)' is one column, so the pipeline must list its options",
                                            hint: "add `options: [...]` with each option as the export writes it")
                    }
                    let labels = options + (spec.other ? ["Other"] : [])
                    let scale = Self.optionScale(labels)
                    questions.append(Question(id: id, text: questionText, scale: scale, multiSelect: true))
                    let separator = spec.separator?.utf8.first ?? header.layout.multiSelectSeparator
                    readings.append(.optionCell(column: columns[0],
                                                splitter: OptionSplitter(options: options, separator: separator, storage: storage),
                                                other: spec.other ? options.count : nil))
                }
            } else {
                let column = try header.column(named: spec.column, position: spec.position, what: what)
                let scale = configuration.resolveScale(spec.scale ?? configuration.scale)
                let questionText = spec.text ?? text(of: column)
                questions.append(Question(id: spec.id ?? QuestionSpec.id(from: spec.column ?? questionText), text: questionText,
                                          scale: scale, reverse: spec.reverse))
                readings.append(.scale(column: column, matcher: AnswerMatcher(scale: scale, storage: storage)))
            }
        }
        for spec in configuration.freeText {
            let column = try header.column(named: spec.column, position: spec.position, what: "free text")
            let questionText = spec.text ?? text(of: column)
            questions.append(Question(id: spec.id ?? QuestionSpec.id(from: spec.column ?? questionText), text: questionText, scale: nil))
            readings.append(.text(column: column))
        }
        var seen = [String: Int]()
        for question in questions {
            if let earlier = seen[question.id] {
                throw BaselineError(file: header.file, line: header.line,
                                    "two questions have the id '\(question.id)' (questions \(earlier + 1) and \(seen.count + 1) of the source)",
                                    hint: "give one of them its own `id:`")
            }
            seen[question.id] = seen.count
        }
        groups = try configuration.groups.map { try header.column(named: $0.column, position: $0.position, what: "a group") }
        let groupings = zip(configuration.groups, groups).map { ref, column in ref.name ?? ref.column ?? header.columns[column].text }
        weight = try configuration.weight.map { try header.column(named: $0.column, position: $0.position, what: "the weight") }
        respondent = try configuration.respondentId.map { try header.column(named: $0.column, position: $0.position, what: "respondent_id") }
            ?? header.metadataColumn(anyOf: header.layout.respondentColumns)
        completedAt = try configuration.completedAt.map { try header.column(named: $0.column, position: $0.position, what: "completed_at") }
            ?? header.metadataColumn(anyOf: header.layout.completedColumns)
        let finished = Self.completionColumns(header: header, answers: readings.map(\.column))
        if finished.isEmpty, configuration.partial == .exclude, let setting = configuration.partialSetting {
            throw BaselineError(file: setting.file ?? header.file, line: setting.line, column: setting.column,
                                "`partial: exclude` has nothing to go by: \(header.file) has no column marking a response as unfinished "
                                    + "that the adapter knows (read as a \(header.layout.rawValue) export)",
                                hint: "the columns it knows: \(SurveyLayout.completionColumnsNamed); if the file is such an export, set `layout:` to its tool, "
                                    + "else remove `partial: exclude` (every response in the file is then counted)")
        }
        self.finished = UnsafeBufferPointer(start: storage.keep(finished), count: finished.count)
        finishedNames = Dictionary(uniqueKeysWithValues: finished.map { ($0.column, header.columns[$0.column].id ?? header.columns[$0.column].text) })
        status = header.metadataColumn(anyOf: header.layout.statusColumn.map { [$0] } ?? [])
        channel = header.metadataColumn(anyOf: header.layout.channelColumn.map { [$0] } ?? [])
        self.tickGuards = tickGuards
        self.readings = UnsafeBufferPointer(start: storage.keep(readings), count: readings.count)
        survey = SurveyDefinition(source: source, questions: questions, groupings: groupings)
    }

    /// The columns that say whether a response was finished: the layout's one, or in a REDCap
    /// export the status column of each form holding one of `answers` (the first after it).
    static func completionColumns(header: SurveyHeader, answers: [Int]) -> [CompletionColumn] {
        if header.layout == .redcap {
            let statuses = header.formStatusColumns()
            let forms = Set(answers.compactMap { answer in statuses.first { $0 > answer } })
            return forms.sorted().map { CompletionColumn(column: $0, rule: .formStatus) }
        }
        for (name, rule) in header.layout.finishedColumns {
            if let column = header.metadataColumn(anyOf: [name]) { return [CompletionColumn(column: column, rule: rule)] }
        }
        return []
    }

    /// The question option columns' headers share (`check_one` of `check_one___1`,
    /// `check_one___2`; `G01Q03` of `G01Q03[SQ001]`, `G01Q03[SQ002]`; `Services` of `Services -
    /// GP`, `Services - Library`): their common start, cut at its last `[`, `(`, `/`, `-`, `_` or
    /// `:`, without the spaces and marks it ends with; `nil` when they share no such start.
    static func sharedQuestion(_ texts: [String]) -> String? {
        guard let first = texts.first.map(Array.init) else { return nil }
        var common = first.count
        for text in texts.dropFirst() {
            common = min(common, zip(first, text).prefix { $0 == $1 }.count)
        }
        let marks: Set<Character> = ["[", "(", "/", "-", "_", ":"]
        guard let cut = first[..<common].lastIndex(where: marks.contains) else { return nil }
        let question = String(first[..<cut]).trimmingWhitespace()
        let trimmed = String(question.reversed().drop { marks.contains($0) || $0.isWhitespace }.reversed())
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The options of a multi-select question, as a scale of unscored points.
    static func optionScale(_ options: [String]) -> Scale {
        Scale(name: "multi_select", points: options.map { Scale.Point(label: $0, score: 0, positive: false) })
    }
}

/// Owns the memory that a plan's matchers and column lists point into, for as long as the
/// adapter lives.
final class PlanStorage {
    private var blocks = [UnsafeMutableRawPointer]()

    /// A copy of `values` (plain values, with no references to count) that lives as long as the storage.
    func keep<T>(_ values: [T]) -> UnsafePointer<T> {
        precondition(_isPOD(T.self), "PlanStorage keeps plain values only")
        let block = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
        _ = UnsafeMutableBufferPointer(start: block, count: values.count).initialize(from: values)
        blocks.append(UnsafeMutableRawPointer(block))
        return UnsafePointer(block)
    }

    /// `bytes` zeroed bytes, aligned for any plain value, that live as long as the storage.
    func keepZeroed(bytes: Int) -> UnsafeMutableRawPointer {
        let block = UnsafeMutableRawPointer.allocate(byteCount: max(1, bytes), alignment: 64)
        block.initializeMemory(as: UInt8.self, repeating: 0, count: max(1, bytes))
        blocks.append(block)
        return block
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}
