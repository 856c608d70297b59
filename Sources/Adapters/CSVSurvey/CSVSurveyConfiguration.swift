import BaselineCore

/// The options of a `csv-survey` source, as written in a pipeline file.
///
/// Every key is documented in `README.md` beside this file and in `CSVSurveyAdapter.options`.
public struct CSVSurveyConfiguration: Decodable, Sendable {
    /// The CSV export, relative to the pipeline file.
    public var path: InputFile
    /// The column holding the respondent id (used to spot duplicates, never output).
    public var respondentId: String?
    /// Columns to break results down by (organisation, role…), by header.
    public var groups: [String]
    /// The scale of questions that name none (a built-in name or one under `scales`).
    public var scale: String
    /// Scales defined by the pipeline, by name.
    public var scales: [String: ScaleSpec]
    /// The questions to score.
    public var questions: [QuestionSpec]
    /// Free-text columns, by header: answers kept for theme coding.
    public var freeText: [String]
    /// The field delimiter (one character).
    public var delimiter: String
    /// The longest field accepted, in bytes; a longer one stops the run (usually a quote never closed).
    public var maxFieldBytes: Int

    enum CodingKeys: String, CodingKey {
        case path, groups, scale, scales, questions, delimiter
        case respondentId = "respondent_id"
        case freeText = "free_text"
        case maxFieldBytes = "max_field_bytes"
    }

    /// Decodes the options, with defaults for the optional ones.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(InputFile.self, forKey: .path)
        respondentId = try c.decodeIfPresent(String.self, forKey: .respondentId)
        groups = try c.decodeIfPresent([String].self, forKey: .groups) ?? []
        scale = try c.decodeIfPresent(String.self, forKey: .scale) ?? "agree5"
        scales = try c.decodeIfPresent([String: ScaleSpec].self, forKey: .scales) ?? [:]
        questions = try c.decode([QuestionSpec].self, forKey: .questions)
        freeText = try c.decodeIfPresent([String].self, forKey: .freeText) ?? []
        delimiter = try c.decodeIfPresent(String.self, forKey: .delimiter) ?? ","
        maxFieldBytes = try c.decodeIfPresent(Int.self, forKey: .maxFieldBytes) ?? 1 << 20
        guard delimiter.utf8.count == 1 else {
            throw DecodingError.dataCorruptedError(forKey: .delimiter, in: c,
                                                   debugDescription: "delimiter must be one character, such as ',' ';' or a tab")
        }
        guard maxFieldBytes > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .maxFieldBytes, in: c, debugDescription: "max_field_bytes must be positive")
        }
        for name in Set(questions.compactMap(\.scale) + [scale]) where BuiltinScales.all[name] == nil && scales[name] == nil {
            let known = (Array(BuiltinScales.all.keys) + Array(scales.keys)).sorted().joined(separator: ", ")
            throw DecodingError.dataCorruptedError(forKey: .scale, in: c, debugDescription: "unknown scale '\(name)' — use one of: \(known)")
        }
    }

    /// The scale called `name`: the pipeline's own first, then the built-ins.
    func resolveScale(_ name: String) -> Scale {
        if let spec = scales[name] { return spec.scale(named: name) }
        return BuiltinScales.all[name]!
    }
}

/// A question: its column and how to read it.
public struct QuestionSpec: Decodable, Sendable {
    /// A stable id; defaults to the column header made lower-case with underscores.
    public var id: String
    /// The column header the answers are under.
    public var column: String
    /// The question as asked, for reports; defaults to the header.
    public var text: String?
    /// The scale, if not the source's default.
    public var scale: String?
    /// True for a negatively worded item, scored in reverse.
    public var reverse: Bool

    enum CodingKeys: String, CodingKey { case id, column, text, scale, reverse }

    /// Decodes either a bare header (`- q1_trust`) or a mapping with `column` and more.
    public init(from decoder: Decoder) throws {
        if let header = try? decoder.singleValueContainer().decode(String.self) {
            column = header
            id = Self.id(from: header)
            reverse = false
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        column = try c.decode(String.self, forKey: .column)
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? Self.id(from: column)
        text = try c.decodeIfPresent(String.self, forKey: .text)
        scale = try c.decodeIfPresent(String.self, forKey: .scale)
        reverse = try c.decodeIfPresent(Bool.self, forKey: .reverse) ?? false
    }

    static func id(from header: String) -> String {
        let mapped = header.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }
        return String(mapped).split(separator: "_").joined(separator: "_")
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

    enum CodingKeys: String, CodingKey {
        case points, positive, excluded
        case firstScore = "first_score"
    }

    func scale(named name: String) -> Scale {
        let start = firstScore ?? 1
        return Scale(name: name, points: points.enumerated().map { index, label in
            Scale.Point(label: label, score: start + Double(index), positive: positive.contains(label))
        }, excluded: excluded ?? BuiltinScales.excluded)
    }
}
