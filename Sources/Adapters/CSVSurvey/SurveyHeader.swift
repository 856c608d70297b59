import BaselineCore

/// The header rows of an export, read into the names each column can be called by: its column
/// id (Qualtrics `Q2_1`), its question text, and its option or statement (SurveyMonkey's second
/// row; in Qualtrics, what follows the question in the text of columns sharing a stem, `Q2_1`,
/// `Q2_2`…, or else the part of the text after the last " - ").
struct SurveyHeader {
    /// One column of the header.
    struct Column {
        /// The 0-based index.
        let index: Int
        /// The column id (Qualtrics' first row).
        let id: String?
        /// The question text (SurveyMonkey's and Smart Survey's first row carried over the
        /// question's further columns; Qualtrics' second row; otherwise the header).
        let text: String
        /// The option or statement, for a question spread over several columns.
        let option: String?
        /// The question alone, without the option, where the header gives it: Qualtrics' text
        /// shared by the columns of one stem (`Check all statements you agree with` over
        /// `Check all statements you agree with-Squash are great`…).
        let question: String?
        /// `id`, `text` and `option` with their whitespace collapsed, as `columns(named:)`
        /// compares them: made once, not for every name looked up.
        let collapsedID: String?, collapsedText: String, collapsedOption: String?
        /// `question - option`, collapsed, where the header gives the question apart.
        let collapsedQuestionOption: String?

        init(index: Int, id: String?, text: String, option: String?, question: String? = nil) {
            self.index = index
            self.id = id
            self.text = text
            self.option = option
            self.question = question
            collapsedID = id?.collapsingWhitespace
            collapsedText = text.collapsingWhitespace
            collapsedOption = option?.collapsingWhitespace
            collapsedQuestionOption = question.flatMap { question in option.map { "\(question) - \($0)".collapsingWhitespace } }
        }

        /// Every name, for the personal-data check and suggestions.
        var names: [String] {
            [id, text, option].compactMap { $0 }
        }

        /// How messages name it: "column 7 (Q2_1)".
        var described: String {
            "column \(index + 1)" + (id.map { " (\($0))" } ?? "")
        }
    }

    let layout: SurveyLayout
    let columns: [Column]
    /// The file, as messages name it.
    let file: String
    /// The line of the first header row.
    let line: Int

    /// Reads `rows` (the header rows, each with its line) under `layout`.
    init(rows: [(line: Int, fields: [String])], layout: SurveyLayout, file: String) {
        self.layout = layout
        self.file = file
        line = rows.first?.line ?? 1
        let first = rows.first?.fields.map { $0.trimmingWhitespace() } ?? []
        let second = rows.count > 1 ? rows[1].fields.map { $0.trimmingWhitespace() } : []
        var columns = [Column]()
        var carried = ""
        for (index, header) in first.enumerated() {
            let below = index < second.count ? second[index] : ""
            switch layout {
            case .surveymonkey, .smartsurvey:
                if !header.isEmpty { carried = header }
                // Some exports repeat a one-column question's text (and `Respondent ID`…) in the
                // second row instead of `Response`: that is no option either.
                let option = below.isEmpty || below == "Response" || below == "Open-Ended Response" || below == header ? nil : below
                columns.append(Column(index: index, id: nil, text: carried, option: option))
            case .qualtrics:
                let text = Self.withoutEntities(below.isEmpty ? header : below)
                let parts = text.split(separator: " - ", omittingEmptySubsequences: false)
                let option = header.contains("_") && parts.count > 1 ? String(parts.last!) : nil
                columns.append(Column(index: index, id: header, text: text, option: option))
            case .googleforms, .limesurvey:
                // A grid question's columns: `Rate these statements [Partners here trust each other]`;
                // LimeSurvey's sub-questions, `G01Q03[SQ001]`, or under full question texts
                // `Which services have you used? [GP surgery]`.
                let split = Self.bracketed(header)
                columns.append(Column(index: index, id: nil, text: header, option: split?.statement, question: split?.question))
            case .redcap:
                let split = Self.redcapChoice(header)
                columns.append(Column(index: index, id: nil, text: header, option: split?.choice, question: split?.question))
            default:
                columns.append(Column(index: index, id: nil, text: header, option: nil))
            }
        }
        switch layout {
        case .qualtrics: self.columns = Self.splittingStems(columns)
        case .kobo: self.columns = Self.splittingChoices(columns)
        default: self.columns = columns
        }
    }

    // MARK: - KoboToolbox's question and choice

    /// KoboToolbox writes a select_multiple question as one column of the choices ticked and,
    /// after it, one column per choice headed `question/choice` (`What kind of symmetry do you
    /// have?/Bilateral`). A column so headed, where `question` heads a column of its own, is
    /// that question's choice: its option is the choice. (A question in a group is headed
    /// `group/question` too, but no column is headed `group` alone.)
    static func splittingChoices(_ columns: [Column]) -> [Column] {
        let texts = Set(columns.map(\.text))
        return columns.map { column in
            guard let slash = column.text.lastIndex(of: "/") else { return column }
            let question = String(column.text[..<slash]), choice = String(column.text[column.text.index(after: slash)...]).trimmingWhitespace()
            guard texts.contains(question), !choice.isEmpty else { return column }
            return Column(index: column.index, id: column.id, text: column.text, option: choice, question: question)
        }
    }

    // MARK: - Qualtrics' question and option

    /// Qualtrics writes its question and option texts as HTML: `Chocolate with &gt;80% cocoa`.
    /// The character references are read (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`
    /// and numeric ones); anything else stays as written. Every output escapes the text again
    /// as its format needs.
    static func withoutEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let named: [Substring: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}"]
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let name = after[..<semi]
                var decoded = named[name]
                if decoded == nil, name.first == "#" {
                    let digits = name.dropFirst()
                    let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                    // Not NUL and not the C0 controls but tab and line ends: nothing a label holds.
                    if let value, value >= 0x20 || value == 0x09 || value == 0x0A || value == 0x0D, let scalar = Unicode.Scalar(value) {
                        decoded = String(Character(scalar))
                    }
                }
                if let decoded {
                    out += decoded
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }

    /// The stem of a Qualtrics column id whose last part is a choice or statement code: `Q2` of
    /// `Q2_1` and of `Q2_-1` (a negative code: "No basis for evaluation", "Not applicable"),
    /// `Q5_1` of `Q5_1_2`; none for `Q3_3_TEXT` or `Q1`.
    static func stem(ofQualtricsID id: String) -> Substring? {
        guard let cut = id.lastIndex(of: "_"), cut > id.startIndex else { return nil }
        return isChoiceCode(id[id.index(after: cut)...]) ? id[..<cut] : nil
    }

    /// Whether `code` is a Qualtrics choice code: digits, or `-` and digits — or `-` alone:
    /// Qualtrics cuts a long column id short, and `Q34_avocados_-2` comes out as
    /// `Q34_avocados_-` (a real export: left out, its ticks were counted as blanks).
    static func isChoiceCode(_ code: Substring) -> Bool {
        if code == "-" { return true }
        let digits = code.first == "-" ? code.dropFirst() : code
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Qualtrics writes an option column's text as the question, a dash and the option: `Check
    /// all statements you agree with-Squash are great` (the exports of 2016–17), or `Which of
    /// these have you used? - Selected Choice - GP`. Where two or more columns share a stem,
    /// the question is their common text up to its last dash, and each option what follows it
    /// (with " - Selected Choice" taken off the question); a question with a dash of its own
    /// (`self-help`) keeps it, since the options are cut at the last dash they share.
    static func splittingStems(_ columns: [Column]) -> [Column] {
        var byStem = [Substring: [Int]]()
        for column in columns {
            if let id = column.id, let stem = stem(ofQualtricsID: id) { byStem[stem, default: []].append(column.index) }
        }
        var split = columns
        for indices in byStem.values where indices.count > 1 {
            guard let (question, options) = questionAndOptions(indices.map { columns[$0].text }) else { continue }
            for (index, option) in zip(indices, options) {
                let column = columns[index]
                split[index] = Column(index: index, id: column.id, text: column.text, option: option, question: question)
            }
        }
        return split
    }

    /// The question the texts share and each one's option, cut at the last dash of their common
    /// start; `nil` when they share no dash, or the options would be empty or alike.
    static func questionAndOptions(_ texts: [String]) -> (String, [String])? {
        let characters = texts.map(Array.init)
        var common = characters[0].count
        for text in characters.dropFirst() {
            common = min(common, zip(characters[0], text).prefix { $0 == $1 }.count)
        }
        guard let dash = characters[0][..<common].lastIndex(of: "-") else { return nil }
        var question = String(characters[0][..<dash]).trimmingWhitespace()
        for suffix in [" - Selected Choice", "-Selected Choice"] where question.hasSuffix(suffix) {
            question = String(question.dropLast(suffix.count)).trimmingWhitespace()
        }
        let options = characters.map { String($0[(dash + 1)...]).trimmingWhitespace() }
        guard !question.isEmpty, !options.contains(where: \.isEmpty), Set(options).count == options.count else { return nil }
        return (question, options)
    }

    /// The question and statement of a Google Forms grid column, `Question [Statement]` (or a
    /// LimeSurvey sub-question, `G01Q03[SQ001]`): the text in the brackets that end the header,
    /// when there is a question before them.
    static func bracketed(_ header: String) -> (question: String, statement: String)? {
        guard header.hasSuffix("]"), let open = header.lastIndex(of: "["), open > header.startIndex else { return nil }
        let statement = String(header[header.index(after: open)..<header.index(before: header.endIndex)]).trimmingWhitespace()
        let question = String(header[..<open]).trimmingWhitespace()
        return statement.isEmpty || question.isEmpty ? nil : (question, statement)
    }

    /// The question and choice of a REDCap tick-box column: `Label (choice=Option)` in a labels
    /// export, `field___code` in a raw one.
    static func redcapChoice(_ header: String) -> (question: String, choice: String)? {
        if header.hasSuffix(")"), let open = header.range(of: " (choice=", options: .backwards) {
            let question = String(header[..<open.lowerBound]).trimmingWhitespace()
            let choice = String(header[open.upperBound..<header.index(before: header.endIndex)]).trimmingWhitespace()
            return question.isEmpty || choice.isEmpty ? nil : (question, choice)
        }
        guard let cut = header.range(of: "___", options: .backwards), cut.lowerBound > header.startIndex, cut.upperBound < header.endIndex,
              !header[cut.upperBound...].contains(" ") else { return nil }
        return (String(header[..<cut.lowerBound]), String(header[cut.upperBound...]))
    }

    // MARK: - Finding columns

    /// The columns called `name`: by column id first, then by question text, then by option
    /// (alone, or as "question text - option", or "question - option" where the question is
    /// known apart).
    func columns(named name: String) -> [Int] {
        let wanted = name.collapsingWhitespace
        let byId = columns.filter { $0.collapsedID == wanted }
        if !byId.isEmpty { return byId.map(\.index) }
        let byText = columns.filter { $0.collapsedText == wanted }
        if !byText.isEmpty { return byText.map(\.index) }
        let byOption = columns.filter { column in
            guard let option = column.collapsedOption else { return false }
            return option == wanted || "\(column.collapsedText) - \(option)" == wanted || column.collapsedQuestionOption == wanted
        }.map(\.index)
        if !byOption.isEmpty { return byOption }
        // SurveyMonkey's answer column, named as its second row calls it ("question - Response").
        for suffix in [" - Response", " - Open-Ended Response"] where wanted.hasSuffix(suffix) {
            let text = String(wanted.dropLast(suffix.count))
            return columns.filter { $0.collapsedText == text && $0.option == nil }.map(\.index)
        }
        return []
    }

    /// The one column a pipeline names (`what` says what for, in messages).
    func column(named name: String?, position: Int?, what: String) throws -> Int {
        if let position {
            guard position <= columns.count else {
                throw BaselineError(file: file, line: line, "\(what) is at position \(position), but the file has \(columns.count) columns",
                                    hint: "count columns from 1 in the file's first row")
            }
            return try checked(position - 1, what: what)
        }
        let name = name ?? ""
        let found = columns(named: name)
        switch found.count {
        case 0: throw notFound(name, what: what)
        case 1: return try checked(found[0], what: what)
        default:
            // SurveyMonkey puts "Other (please specify)" beside a question's "Response": the
            // question's text names its answer.
            let answers = found.filter { columns[$0].option == nil }
            if layout == .surveymonkey || layout == .smartsurvey, answers.count == 1,
               found.allSatisfy({ columns[$0].collapsedText == name.collapsingWhitespace }) {
                return try checked(answers[0], what: what)
            }
            throw ambiguous(name, found, what: what)
        }
    }

    /// The option columns of a multi-select question: those `name` names; or the columns whose
    /// question it is, where the header gives the question apart (REDCap's `Label
    /// (choice=Option)` and `field___code`, LimeSurvey's `Q[SQ001]`, KoboToolbox's
    /// `question/choice`); or for a Qualtrics column id such as `Q5`, the columns `Q5_1`,
    /// `Q5_2`… and those of negative codes, `Q5_-1` (not the `_TEXT` write-ins).
    func optionColumns(named name: String) -> [Int] {
        let direct = columns(named: name)
        if !direct.isEmpty { return direct }
        let wanted = name.collapsingWhitespace
        let asked = columns.filter { $0.option != nil && $0.question?.collapsingWhitespace == wanted }.map(\.index)
        if asked.count > 1 || layout != .qualtrics { return asked }
        return columns.filter { column in
            guard let id = column.id, id.hasPrefix(name + "_") else { return false }
            return Self.isChoiceCode(id.dropFirst(name.count + 1))
        }.map(\.index)
    }

    /// The column of a layout's metadata (respondent id, completion time, finished): the first
    /// of `names` the header has once; by its name in any case (Qualtrics' legacy export writes
    /// `ResponseID`).
    func metadataColumn(anyOf names: [String]) -> Int? {
        names.lazy.compactMap(metadataColumn).first
    }

    /// REDCap's form status columns, in the header's order: `<form>_complete` (raw) or
    /// `Complete?` (labels), each after its form's fields.
    func formStatusColumns() -> [Int] {
        columns.filter { column in
            let name = (column.id ?? column.text).lowercased()
            return name == "complete?" || name.hasSuffix("_complete")
        }.map(\.index)
    }

    private func metadataColumn(_ name: String) -> Int? {
        var found = columns(named: name)
        if found.isEmpty {
            let wanted = name.lowercased()
            found = columns.filter { $0.id?.lowercased() == wanted || $0.text.lowercased() == wanted }.map(\.index)
        }
        return found.count == 1 ? found[0] : nil
    }

    /// `index`, unless it holds personal data.
    func checked(_ index: Int, what: String) throws -> Int {
        let column = columns[index]
        if layout.isPersonal(column.names) {
            throw BaselineError(file: file, line: line, column: index + 1,
                                "\(column.described) '\(column.text)' holds personal data, which this adapter never reads (named as \(what))",
                                hint: "remove it from the pipeline; see the csv-survey README for the columns left out")
        }
        return index
    }

    // MARK: - Messages

    func notFound(_ name: String, what: String) -> BaselineError {
        let guess = closest(to: name, in: columns.flatMap(\.names))
        return BaselineError(file: file, line: line, "no column '\(name)' (named as \(what) in the pipeline)",
                             hint: stemHint(name) ?? guess.map { "did you mean '\($0)'?" }
                                ?? "name a column by its header text, its column id (such as Q2_1) or `position:`")
    }

    /// The ids of the columns a Qualtrics question named by its stem spans (`Q2` → `Q2_1`,
    /// `Q2_2`…: a matrix question's rows, or a multi-select's options; `Q5_1_1` too, not the
    /// `_TEXT` write-ins), in the header's order; empty when no column's id is so made.
    func stemColumns(_ name: String) -> [String] {
        let stem = name.collapsingWhitespace
        guard !stem.isEmpty else { return [] }
        return columns.compactMap { column in
            guard let id = column.id, id.hasPrefix(stem + "_") else { return nil }
            let codes = id.dropFirst(stem.count + 1).split(separator: "_", omittingEmptySubsequences: false)
            return codes.allSatisfy(Self.isChoiceCode) ? id : nil
        }
    }

    /// What to do when `name`, not a column, is the stem of several (`Q2` of a matrix question
    /// exported as `Q2_1`, `Q2_2`…): the columns there are, and how to name them; `nil` when it
    /// is not such a stem. `run` and `validate` both say it.
    func stemHint(_ name: String) -> String? {
        let ids = stemColumns(name)
        guard let first = ids.first else { return nil }
        let listed = ids.prefix(8).joined(separator: ", ") + (ids.count > 8 ? " and \(ids.count - 8) more" : "")
        return "'\(name)' is a question over several columns, one a row of a matrix question: \(listed) — name each row as a "
            + "question of its own (`- column: \(first)`), or, if they are the options of one tick-any-number question, add `multi_select: true`"
    }

    func ambiguous(_ name: String, _ found: [Int], what: String) -> BaselineError {
        // The first ten: a header of one name 100,000 times made a 1.38 MB line of them.
        func listed(_ items: [String]) -> String {
            items.prefix(10).joined(separator: ", ") + (items.count > 10 ? " and \(items.count - 10) more" : "")
        }
        let list = listed(found.map { "\($0 + 1)" })
        let ids = found.compactMap { columns[$0].id }
        let hint: String
        if ids.count == found.count, Set(ids).count == ids.count {
            hint = "name the one you mean by its column id (\(listed(ids))) or by `position:`"
        } else if layout == .surveymonkey, found.allSatisfy({ columns[$0].option != nil }) {
            hint = "name one statement ('\(columns[found[0]].text) - \(columns[found[0]].option!)') or use `position:`"
        } else {
            hint = "name the one you mean by `position:` (\(list)), or rename the columns in the file"
        }
        return BaselineError(file: file, line: line, column: found[1] + 1,
                             "'\(name)' (named as \(what)) heads \(found.count) columns: \(list)", hint: hint)
    }
}
