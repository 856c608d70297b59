import BaselineCSV
import BaselineConfig
import BaselineCore
import Foundation
import Yams

/// The indicators a pipeline knows, by id: what each measures, its unit, kind of figure,
/// multiplier, polarity and theme. Named by the pipeline; read once, before any data.
///
/// Two forms, chosen by the file's extension. YAML (`.yaml`, `.yml`):
///
/// ```yaml
/// indicators:
///   - id: homelessness_duty_rate
///     name: Households owed a homelessness duty
///     unit: per 1,000 households
///     value_type: rate          # proportion, rate, count, score, mean
///     multiplier: 1000          # required for a rate; proportion 100, others 1 by default
///     polarity: low_is_good     # high_is_good, low_is_good, no_judgement
///     theme: housing
/// ```
///
/// or CSV (`.csv`) with a header row naming the same fields: `id,name,unit,value_type,
/// multiplier,polarity,theme` (`id`, `name`, `value_type` and `polarity` required).
/// Every problem is a `BaselineError` at the catalogue's line and column.
public struct IndicatorCatalogue: Sendable {
    /// The catalogue file as the pipeline names it, for messages.
    public let file: String
    /// Every definition, sorted by id.
    public let indicators: [IndicatorDefinition]
    private let byId: [String: IndicatorDefinition]
    /// Definitions by the slug of their id and of their name, for files that name an indicator
    /// in words (ONS Explore Local Statistics: `Cigarette smokers`) or by a slug.
    private let bySlug: [String: IndicatorDefinition]

    /// Makes a catalogue from definitions; ids must be unique.
    public init(indicators: [IndicatorDefinition], file: String = "catalogue") throws {
        var byId = [String: IndicatorDefinition]()
        for definition in indicators {
            guard byId.updateValue(definition, forKey: definition.id) == nil else {
                throw BaselineError(file: file, "the indicator id '\(definition.id)' is defined twice", hint: "keep one definition per id")
            }
        }
        self.file = file
        self.byId = byId
        self.indicators = indicators.sorted { $0.id < $1.id }
        var bySlug = [String: IndicatorDefinition]()
        for definition in self.indicators {
            bySlug[Self.slug(definition.name)] = bySlug[Self.slug(definition.name)] ?? definition
        }
        for definition in self.indicators {
            bySlug[Self.slug(definition.id)] = definition
        }
        // Another name names one indicator only, and never another's id or name.
        for definition in self.indicators {
            for other in definition.alsoNamed {
                let slug = Self.slug(other)
                if let taken = bySlug[slug], taken.id != definition.id {
                    throw BaselineError(file: file, "'\(other)', another name of '\(definition.id)', already names '\(taken.id)'",
                                        hint: "give each name to one indicator only")
                }
                bySlug[slug] = definition
            }
        }
        self.bySlug = bySlug
    }

    /// The definition of an indicator id, if the catalogue has one.
    public subscript(id: String) -> IndicatorDefinition? {
        byId[id]
    }

    /// The definition an observation's indicator names: by id, else by the same words as an id or
    /// a name, ignoring case, spaces and punctuation (`Cigarette smokers`, `cigarette-smokers` and
    /// `cigarette_smokers` all name `cigarette_smokers`).
    public func resolve(_ indicator: String) -> IndicatorDefinition? {
        byId[indicator] ?? bySlug[Self.slug(indicator)]
    }

    /// The catalogue id nearest to an indicator that is not in it, for a did-you-mean: a name a
    /// few letters off, else one whose words begin or end the indicator's or the other way round
    /// (`One person household` for Nomis' `Household Type: One person household`; a name ending
    /// in the bulk CSV's `; measures: Value`), the longest such.
    ///
    /// None for an id of digits alone (Fingertips' `11501`): two numbers a digit or two apart
    /// are no nearer in meaning than any two others, and a profile's download holds dozens of
    /// indicators the catalogue rightly leaves out, so "did you mean '10101'?" only misled. (Not
    /// even for two digits swapped: among five-digit ids that is as often another real indicator
    /// as a typo.)
    public func suggestion(for indicator: String) -> String? {
        let trimmed = indicator.trimmingCharacters(in: .whitespaces)
        if !trimmed.isEmpty, trimmed.utf8.allSatisfy({ $0 &- 0x30 < 10 }) { return nil }
        let slug = Self.slug(indicator)
        var best: (id: String, distance: Int)?
        for definition in indicators {
            for written in [definition.id, definition.name] {
                let distance = editDistance(slug, Self.slug(written))
                if distance < best?.distance ?? Int.max { best = (definition.id, distance) }
            }
        }
        if let best, best.distance <= max(2, slug.count / 4) { return best.id }
        var part: (id: String, length: Int)?
        for definition in indicators {
            for written in [definition.id, definition.name] {
                let other = Self.slug(written)
                let (short, long) = other.count < slug.count ? (other, slug) : (slug, other)
                guard !short.isEmpty, long.hasPrefix(short + "-") || long.hasSuffix("-" + short),
                      short.count > part?.length ?? 0 else { continue }
                part = (definition.id, short.count)
            }
        }
        return part?.id
    }

    /// Lower-case letters and digits, runs of anything else as one `-`, none at the ends: the
    /// words of an id or a name, as `resolve` compares them (a source's `indicators:` filter too).
    public static func slug(_ text: String) -> String {
        var slug = ""
        var gap = false
        // ASCII by its bytes: `CharacterSet.alphanumerics` is looked up afresh at each use.
        let alphanumerics = CharacterSet.alphanumerics
        for scalar in text.lowercased().unicodeScalars {
            let kept = scalar.isASCII ? (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)) : alphanumerics.contains(scalar)
            if kept {
                if gap, !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(scalar)
                gap = false
            } else {
                gap = true
            }
        }
        return slug
    }

    /// Reads a catalogue file: CSV when the name ends in `.csv`, YAML otherwise.
    public static func load(_ input: InputFile) throws -> IndicatorCatalogue {
        if input.path.lowercased().hasSuffix(".csv") {
            return try loadCSV(path: input.resolved, file: input.path)
        }
        let text = try TextFile.read(input.resolved, path: input.path, what: "the indicator catalogue")
        return try recent.value(file: input.path, text: text) { try IndicatorCatalogue(yaml: text, file: input.path) }
    }

    /// The catalogues read last: `join` and `indicators` name the same one.
    private static let recent = RecentlyRead<IndicatorCatalogue>()

    // MARK: - YAML

    /// Reads the YAML form from text; `file` names it in messages.
    public init(yaml text: String, file: String) throws {
        guard let root = try YAMLText.compose(text, file: file, what: "the catalogue", hint: "check indentation and quoting on this line") else {
            throw BaselineError(file: file, line: 1, column: 1, "the indicator catalogue is empty",
                                hint: "list the indicators under `indicators:`")
        }
        guard case .mapping(let mapping) = root else {
            throw BaselineError(file: file, line: root.mark?.line, column: root.mark?.column,
                                "expected a mapping with the key `indicators:` at the top of the catalogue")
        }
        for (key, _) in mapping where key.string != "indicators" {
            let name = key.string ?? ""
            throw BaselineError(file: file, line: key.mark?.line, column: key.mark?.column, "unknown key '\(name)' in the catalogue",
                                hint: closest(to: name, in: ["indicators"]).map { "did you mean '\($0)'?" } ?? "the catalogue has one key, `indicators:`")
        }
        guard let list = mapping.value(forKey: "indicators"), case .sequence(let items) = list else {
            throw BaselineError(file: file, line: root.mark?.line, column: root.mark?.column,
                                "the catalogue needs `indicators:`, a list of indicators", hint: "start each indicator with '- id: …'")
        }
        let decoder = NodeDecoder(file: file)
        var definitions = [IndicatorDefinition]()
        var seen = [String: Int]()
        for (index, item) in items.enumerated() {
            let spec = try decoder.decode(IndicatorSpec.self, from: item, codingPath: [PathKey("indicators"), PathKey(index)])
            if let first = seen[spec.definition.id] {
                throw BaselineError(file: file, line: item.mark?.line, column: item.mark?.column,
                                    "the indicator id '\(spec.definition.id)' is defined twice (first at line \(first))",
                                    hint: "keep one definition per id")
            }
            seen[spec.definition.id] = item.mark?.line ?? 0
            definitions.append(spec.definition)
        }
        try self.init(indicators: definitions, file: file)
    }

    // MARK: - CSV

    private static let csvColumns = ["id", "name", "unit", "value_type", "multiplier", "polarity", "theme", "also_named"]

    private static func loadCSV(path: String, file: String) throws -> IndicatorCatalogue {
        let reader = try CSVReader(path: path, displayPath: file, delimiter: UInt8(ascii: ","), maxFieldBytes: 1 << 16)
        var columns: [String: Int]?
        var definitions = [IndicatorDefinition]()
        var seen = [String: Int]()
        while try reader.readPiece({ row in
            guard let header = columns else {
                columns = try header(row, file: file)
                return
            }
            func field(_ name: String) -> String? {
                guard let index = header[name], index < row.count else { return nil }
                let text = row.string(index).trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            let result = IndicatorSpec.validate(id: field("id"), name: field("name"), unit: field("unit"), valueType: field("value_type"),
                                                multiplier: field("multiplier"), polarity: field("polarity"), theme: field("theme"),
                                                alsoNamed: field("also_named").map { $0.split(separator: "|").map(String.init) } ?? [])
            switch result {
            case .failure(let problem):
                throw BaselineError(file: file, line: row.line, column: header[problem.field].map { $0 + 1 }, problem.message, hint: problem.hint)
            case .success(let definition):
                if let first = seen[definition.id] {
                    throw BaselineError(file: file, line: row.line, column: (header["id"] ?? 0) + 1,
                                        "the indicator id '\(definition.id)' is defined twice (first at line \(first))", hint: "keep one row per id")
                }
                seen[definition.id] = row.line
                definitions.append(definition)
            }
        }) {}
        guard columns != nil else {
            throw BaselineError(file: file, line: 1, "the catalogue is empty: there is no header row",
                                hint: "start with the header: \(csvColumns.joined(separator: ","))")
        }
        return try IndicatorCatalogue(indicators: definitions, file: file)
    }

    private static func header(_ row: CSVReader.Row, file: String) throws -> [String: Int] {
        var columns = [String: Int]()
        for index in 0..<row.count {
            let name = row.string(index).trimmingCharacters(in: .whitespaces).lowercased()
            guard csvColumns.contains(name) else {
                throw BaselineError(file: file, line: row.line, column: index + 1, "unknown column '\(name)' in the catalogue",
                                    hint: closest(to: name, in: csvColumns).map { "did you mean '\($0)'?" }
                                        ?? "known columns: \(csvColumns.joined(separator: ", "))")
            }
            guard columns.updateValue(index, forKey: name) == nil else {
                throw BaselineError(file: file, line: row.line, column: index + 1, "the column '\(name)' appears twice", hint: "keep one")
            }
        }
        for required in ["id", "name", "value_type", "polarity"] where columns[required] == nil {
            throw BaselineError(file: file, line: row.line, "the catalogue has no '\(required)' column",
                                hint: "the header needs at least: id,name,value_type,polarity")
        }
        return columns
    }
}

/// A coding-path key: a name, or the n-th item of a list.
struct PathKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ name: String) { stringValue = name }
    init(_ index: Int) {
        stringValue = String(index)
        intValue = index
    }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { self.init(intValue) }
}
