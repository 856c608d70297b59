import BaselineConfig
import BaselineCSV
import BaselineCore

/// The options of a `csv-survey` source, as written in a pipeline file.
///
/// Every key is documented in `README.md` beside this file and in `CSVSurveyAdapter.options`.
public struct CSVSurveyConfiguration: Decodable, Sendable {
    /// The CSV export, relative to the pipeline file.
    public var path: InputFile
    /// The survey tool that wrote the export; `auto` detects it from the header rows.
    public var layout: SurveyLayout
    /// The file's character encoding; `auto` detects it.
    public var encoding: CSVEncoding
    /// The field delimiter; `auto` sniffs comma, semicolon or tab from the first lines.
    public var delimiter: CSVReader.Delimiter
    /// The column holding the respondent id (used to find duplicates, never output); defaults to
    /// the layout's own (`Respondent ID`, `ResponseId`, `ID`).
    public var respondentId: ColumnRef?
    /// The column holding when a response was completed, to keep the latest of duplicates;
    /// defaults to the layout's own (`End Date`, `EndDate`, `Completion time`).
    public var completedAt: ColumnRef?
    /// How dates written with slashes are read: month first (`mdy`) or day first (`dmy`).
    public var dateOrder: DateOrder
    /// What to do with responses the tool marks as not finished (Qualtrics `Finished`,
    /// LimeSurvey `submitdate`…).
    public var partial: PartialPolicy
    /// `partial:` as the pipeline writes it, with where, when it does: an explicit `exclude`
    /// on a file with no column marking unfinished responses is an error there.
    public var partialSetting: Positioned<String>?
    /// What to do with previews, tests and spam the tool marks as such (Qualtrics `Status`).
    public var testResponses: PartialPolicy
    /// A column of survey weights: shares become weighted, with an effective sample size.
    public var weight: ColumnRef?
    /// Columns to break results down by (organisation, role…).
    public var groups: [ColumnRef]
    /// The scale of questions that name none (a built-in name or one under `scales`).
    public var scale: String
    /// Scales defined by the pipeline, by name.
    public var scales: [String: ScaleSpec]
    /// The questions to score (and multi-select questions to count).
    public var questions: [QuestionSpec]
    /// Free-text columns: answers kept as text for theme coding.
    public var freeText: [FreeTextSpec]
    /// The longest field accepted, in bytes; a longer one stops the run (usually a quote never closed).
    public var maxFieldBytes: Int

    enum CodingKeys: String, OptionKey {
        case path, layout, encoding, delimiter, partial, weight, groups, scale, scales, questions, respondentId
        case completedAt, dateOrder, testResponses, freeText, maxFieldBytes
    }

    /// Decodes the options, with defaults for the optional ones.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(InputFile.self, forKey: .path)
        layout = try Self.choice(SurveyLayout.self, c, .layout) ?? .auto
        dateOrder = try Self.choice(DateOrder.self, c, .dateOrder) ?? .mdy
        partialSetting = try c.decodeIfPresent(Positioned<String>.self, forKey: .partial)
        partial = try Self.choice(PartialPolicy.self, c, .partial) ?? .exclude
        testResponses = try Self.choice(PartialPolicy.self, c, .testResponses) ?? .exclude
        if let name = try c.decodeIfPresent(String.self, forKey: .encoding) {
            guard let encoding = CSVEncoding(name: name) else {
                throw DecodingError.dataCorruptedError(forKey: .encoding, in: c, debugDescription:
                    "unknown encoding '\(name)' — use one of: auto, utf-8, utf-16, utf-16le, utf-16be, windows-1252")
            }
            self.encoding = encoding
        } else {
            encoding = .auto
        }
        delimiter = try Self.delimiter(c)
        respondentId = try c.decodeIfPresent(ColumnRef.self, forKey: .respondentId)
        completedAt = try c.decodeIfPresent(ColumnRef.self, forKey: .completedAt)
        weight = try c.decodeIfPresent(ColumnRef.self, forKey: .weight)
        groups = try c.decodeIfPresent([ColumnRef].self, forKey: .groups) ?? []
        scale = try c.decodeIfPresent(String.self, forKey: .scale) ?? "agree5"
        scales = try c.decodeIfPresent([String: ScaleSpec].self, forKey: .scales) ?? [:]
        questions = try c.decodeIfPresent([QuestionSpec].self, forKey: .questions) ?? []
        freeText = try c.decodeIfPresent([FreeTextSpec].self, forKey: .freeText) ?? []
        maxFieldBytes = try c.decodeIfPresent(Int.self, forKey: .maxFieldBytes) ?? 1 << 20
        guard maxFieldBytes > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .maxFieldBytes, in: c, debugDescription: "max_field_bytes must be positive")
        }
        guard !questions.isEmpty || !freeText.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .questions, in: c,
                                                   debugDescription: "name at least one question (or a free_text column) to read")
        }
        for name in Set(questions.filter { !$0.multiSelect }.compactMap(\.scale) + [scale])
        where BuiltinScales.all[name] == nil && scales[name] == nil {
            let known = (Array(BuiltinScales.all.keys) + Array(scales.keys)).sorted().joined(separator: ", ")
            throw DecodingError.dataCorruptedError(forKey: .scale, in: c, debugDescription: "unknown scale '\(name)' — use one of: \(known)")
        }
    }

    /// The scale called `name`: the pipeline's own first, then the built-ins.
    func resolveScale(_ name: String) -> Scale {
        if let spec = scales[name] { return spec.scale(named: name) }
        return BuiltinScales.all[name]!
    }

    private static func choice<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ c: KeyedDecodingContainer<CodingKeys>,
                                                                    _ key: CodingKeys) throws -> T? where T.RawValue == String {
        guard let text = try c.decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let value = T(rawValue: text.lowercased()) else {
            let names = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "unknown \(key.stringValue) '\(text)' — use one of: \(names)")
        }
        return value
    }

    private static func delimiter(_ c: KeyedDecodingContainer<CodingKeys>) throws -> CSVReader.Delimiter {
        guard let text = try c.decodeIfPresent(String.self, forKey: .delimiter) else { return .auto }
        guard let delimiter = CSVReader.Delimiter(name: text) else {
            throw DecodingError.dataCorruptedError(forKey: .delimiter, in: c, debugDescription: "delimiter must be \(CSVReader.Delimiter.accepted)")
        }
        return delimiter
    }
}

/// How dates written with slashes (`03/04/2025`) are read.
public enum DateOrder: String, Sendable, CaseIterable {
    /// Month first, as SurveyMonkey and US-English Microsoft Forms write them.
    case mdy
    /// Day first, as UK-English tools write them.
    case dmy
}

/// What to do with a response the survey tool marks as not finished, or as a preview, a test
/// or spam.
public enum PartialPolicy: String, Sendable, CaseIterable {
    /// Leave it out, as a counted record with the reason ("partial response", "preview
    /// response"…); the default.
    case exclude
    /// Count its answers like any other response.
    case include
}

/// A column named in the pipeline: by its header (question text or column id), or by position.
public struct ColumnRef: Decodable, Sendable, Hashable {
    /// The header text or column id (`Q2_1`).
    public var column: String?
    /// The 1-based column number.
    public var position: Int?
    /// What outputs call it (for a group: the grouping's name); defaults to the header.
    public var name: String?

    enum CodingKeys: String, OptionKey { case column, position, name }

    /// A column named by header.
    public init(column: String) {
        self.column = column
    }

    /// Decodes a bare header (`- Organisation`) or a mapping with `column` or `position` and `name`.
    public init(from decoder: Decoder) throws {
        if let header = try? decoder.singleValueContainer().decode(String.self) {
            column = header
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        column = try c.decodeIfPresent(String.self, forKey: .column)
        position = try c.decodeIfPresent(Int.self, forKey: .position)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        try Self.checkOne(column: column, position: position, c, key: .column)
    }

    /// How messages name it.
    var label: String {
        column.map { "'\($0)'" } ?? "position \(position ?? 0)"
    }

    static func checkOne<K: CodingKey>(column: String?, position: Int?, _ c: KeyedDecodingContainer<K>, key: K) throws {
        guard (column == nil) != (position == nil) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "give either `column` (a header or column id) or `position` (a column number)")
        }
        if let position, position < 1 {
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "`position` counts columns from 1")
        }
    }
}

/// A question: where its answers are and how to read them.
public struct QuestionSpec: Decodable, Sendable {
    /// The column: its header (question text, or for matrix rows the statement), or its id (`Q2_1`).
    public var column: String?
    /// The column by number (from 1), where headers do not tell columns apart.
    public var position: Int?
    /// Columns of one multi-select question, one per option: a header or id, or a mapping with
    /// `column` or `position` and `name`, the option's label (where the header holds a code,
    /// LimeSurvey's `G01Q03[SQ001]`).
    public var columns: [ColumnRef]?
    /// A stable id; defaults to the header made lower-case with underscores.
    public var id: String?
    /// The question as asked, for reports; defaults to the header.
    public var text: String?
    /// The scale, if not the source's default.
    public var scale: String?
    /// True for a negatively worded item, scored in reverse.
    public var reverse: Bool
    /// True for a question where people tick any number of options.
    public var multiSelect: Bool
    /// For a multi-select question in one cell: the character between the options (default `;`).
    public var separator: String?
    /// For a multi-select question in one cell: the options, as the export writes them.
    public var options: [String]?
    /// For a multi-select question in one cell: count entries that are not among `options` as
    /// "Other" (a write-in answer) rather than setting the response aside.
    public var other: Bool
    /// For a multi-select question with one column per option: values that mean the option was
    /// not ticked, besides a blank cell and the built-in negatives (`0`, `false`, `no`,
    /// `Unchecked`…).
    public var unticked: [String]?

    enum CodingKeys: String, OptionKey {
        case column, position, columns, id, text, scale, reverse, separator, options, other, multiSelect, unticked
    }

    /// A question named by header, with the source's scale.
    public init(column: String, id: String? = nil) {
        self.column = column
        self.id = id
        reverse = false
        multiSelect = false
        other = false
    }

    /// Decodes either a bare header (`- q1_trust`) or a mapping with `column` and more.
    public init(from decoder: Decoder) throws {
        if let header = try? decoder.singleValueContainer().decode(String.self) {
            column = header
            reverse = false
            multiSelect = false
            other = false
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        column = try c.decodeIfPresent(String.self, forKey: .column)
        position = try c.decodeIfPresent(Int.self, forKey: .position)
        columns = try c.decodeIfPresent([ColumnRef].self, forKey: .columns)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        scale = try c.decodeIfPresent(String.self, forKey: .scale)
        reverse = try c.decodeIfPresent(Bool.self, forKey: .reverse) ?? false
        multiSelect = try c.decodeIfPresent(Bool.self, forKey: .multiSelect) ?? false
        separator = try c.decodeIfPresent(String.self, forKey: .separator)
        options = try c.decodeIfPresent([String].self, forKey: .options)
        other = try c.decodeIfPresent(Bool.self, forKey: .other) ?? false
        unticked = try c.decodeIfPresent([String].self, forKey: .unticked)
        if let unticked {
            if unticked.isEmpty || unticked.contains(where: { $0.trimmingSpaces().isEmpty }) {
                throw DecodingError.dataCorruptedError(forKey: .unticked, in: c, debugDescription:
                    "`unticked` lists the values that mean an option was not ticked, and a blank cell is one already: "
                    + "an empty list or an empty value says nothing — list the values (`unticked: [\"2\"]`) or remove `unticked`")
            }
            if let tick = unticked.first(where: { TickGuard.plainTicks.contains(TickGuard.key($0.utf8)) }) {
                throw DecodingError.dataCorruptedError(forKey: .unticked, in: c, debugDescription:
                    "`unticked` lists '\(tick)', which marks a tick: every option would read as not ticked — list only the values that mean not ticked")
            }
        }
        if let columns {
            guard multiSelect, column == nil, position == nil else {
                throw DecodingError.dataCorruptedError(forKey: .columns, in: c, debugDescription:
                    "`columns` lists the option columns of a multi-select question: use it with `multi_select: true` and without `column` or `position`")
            }
            guard !columns.isEmpty else {
                throw DecodingError.dataCorruptedError(forKey: .columns, in: c, debugDescription:
                    "`columns` lists no column: list the question's option columns (`columns: [GP, Library]`), or name its one column with `column`")
            }
        } else {
            try ColumnRef.checkOne(column: column, position: position, c, key: .column)
        }
        if multiSelect {
            guard scale == nil, !reverse else {
                throw DecodingError.dataCorruptedError(forKey: .scale, in: c, debugDescription: "a multi-select question has options, not a scale: remove `scale` and `reverse`")
            }
            if let name = separator {
                guard let byte = CSVReader.Delimiter.byte(named: name) else {
                    throw DecodingError.dataCorruptedError(forKey: .separator, in: c, debugDescription:
                        "separator must be one character other than a quote or a line break, such as ';' or ',', or one of space, comma, semicolon, tab, pipe")
                }
                separator = String(UnicodeScalar(byte))
            }
        } else if separator != nil || options != nil || other || unticked != nil {
            throw DecodingError.dataCorruptedError(forKey: unticked != nil ? .unticked : .options, in: c, debugDescription:
                "`separator`, `options`, `other` and `unticked` belong to multi-select questions: add `multi_select: true`")
        }
    }

    /// The id used when the pipeline gives none: the header made lower-case with underscores.
    static func id(from header: String) -> String {
        let mapped = header.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
        return String(mapped).split(separator: "_").joined(separator: "_")
    }
}

/// A free-text column: its answers are kept as text for theme coding.
public struct FreeTextSpec: Decodable, Sendable {
    /// The column's header or id.
    public var column: String?
    /// The column by number (from 1).
    public var position: Int?
    /// A stable id; defaults to the header made lower-case with underscores.
    public var id: String?
    /// The question as asked; defaults to the header.
    public var text: String?

    enum CodingKeys: String, OptionKey { case column, position, id, text }

    /// Decodes a bare header or a mapping with `column` or `position`, and `id` and `text`.
    public init(from decoder: Decoder) throws {
        if let header = try? decoder.singleValueContainer().decode(String.self) {
            column = header
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        column = try c.decodeIfPresent(String.self, forKey: .column)
        position = try c.decodeIfPresent(Int.self, forKey: .position)
        id = try c.decodeIfPresent(String.self, forKey: .id)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        try ColumnRef.checkOne(column: column, position: position, c, key: .column)
    }
}

/// A scale defined in the pipeline.
public struct ScaleSpec: Decodable, Sendable {
    /// The labels from lowest to highest.
    public var points: [String]
    /// The labels that count as positive.
    public var positive: [String]
    /// Labels counted apart and kept out of the denominator; defaults to the usual "Don't know" set.
    public var excluded: [String]?
    /// The score of the lowest point (then +1 for each point); default 1.
    public var firstScore: Double?

    enum CodingKeys: String, OptionKey { case points, positive, excluded, firstScore }

    /// Decodes a scale and checks that its positive labels are among its points.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        points = try c.decode([String].self, forKey: .points)
        positive = try c.decode([String].self, forKey: .positive)
        excluded = try c.decodeIfPresent([String].self, forKey: .excluded)
        firstScore = try c.decodeIfPresent(Double.self, forKey: .firstScore)
        guard !points.isEmpty else {
            throw DecodingError.dataCorruptedError(forKey: .points, in: c, debugDescription: "a scale needs at least one point")
        }
        if let stray = positive.first(where: { !points.contains($0) }) {
            throw DecodingError.dataCorruptedError(forKey: .positive, in: c, debugDescription: "positive label '\(stray)' is not one of the scale's points")
        }
    }

    func scale(named name: String) -> Scale {
        let start = firstScore ?? 1
        return Scale(name: name, points: points.enumerated().map { index, label in
            Scale.Point(label: label, score: start + Double(index), positive: positive.contains(label))
        }, excluded: excluded ?? BuiltinScales.excluded)
    }
}
