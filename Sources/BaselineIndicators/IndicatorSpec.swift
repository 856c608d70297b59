import BaselineCore
import Foundation

/// One catalogue entry as written (YAML mapping or CSV row), checked into an
/// `IndicatorDefinition`. Both forms go through `validate`, so they accept the same things.
struct IndicatorSpec: Decodable {
    let definition: IndicatorDefinition

    /// What is wrong with an entry, and in which field.
    struct Problem: Error {
        var field: String
        var message: String
        var hint: String?
    }

    /// The entry's keys as written, each optional: decoded first, so that an unknown key is
    /// reported (at its own line) before a missing or wrong value.
    struct Written: Decodable {
        var id, name, unit, valueType, polarity, theme: String?
        var multiplier: Double?
        var alsoNamed: [String]?

        enum CodingKeys: String, CodingKey {
            case id, name, unit, multiplier, polarity, theme
            case valueType = "value_type"
            case alsoNamed = "also_named"
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decodeIfPresent(String.self, forKey: .id)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            unit = try c.decodeIfPresent(String.self, forKey: .unit)
            valueType = try c.decodeIfPresent(String.self, forKey: .valueType)
            polarity = try c.decodeIfPresent(String.self, forKey: .polarity)
            theme = try c.decodeIfPresent(String.self, forKey: .theme)
            multiplier = try c.decodeIfPresent(Double.self, forKey: .multiplier)
            // One other name, or a list of them.
            if let one = try? c.decodeIfPresent(String.self, forKey: .alsoNamed) {
                alsoNamed = [one]
            } else {
                alsoNamed = try c.decodeIfPresent([String].self, forKey: .alsoNamed)
            }
        }
    }

    init(from decoder: Decoder) throws {
        let written = try decoder.singleValueContainer().decode(Written.self)
        let result = Self.validate(id: written.id, name: written.name, unit: written.unit, valueType: written.valueType,
                                   multiplier: written.multiplier.map { String($0) }, polarity: written.polarity, theme: written.theme,
                                   alsoNamed: written.alsoNamed ?? [])
        switch result {
        case .success(let definition):
            self.definition = definition
        case .failure(let problem):
            let hint = problem.hint.map { " — \($0)" } ?? ""
            // At the field's value when the entry has it (`NodeDecoder` follows the path), else at the entry.
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + [PathKey(problem.field)],
                                                    debugDescription: problem.message + hint))
        }
    }

    /// Checks the fields of an entry (each `nil` when absent or empty) and makes the definition.
    static func validate(id: String?, name: String?, unit: String?, valueType: String?, multiplier: String?,
                         polarity: String?, theme: String?, alsoNamed: [String] = []) -> Result<IndicatorDefinition, Problem> {
        guard let id, !id.isEmpty else {
            return .failure(Problem(field: "id", message: "an indicator has no id", hint: "add 'id:', the id observations use"))
        }
        guard let name, !name.isEmpty else {
            return .failure(Problem(field: "name", message: "indicator '\(id)' has no name", hint: "add 'name:', the name people see"))
        }
        let type: ValueType
        let judgement: Polarity
        let types: Result<ValueType, Problem> = choice(valueType, "value_type", of: id)
        let polarities: Result<Polarity, Problem> = choice(polarity, "polarity", of: id)
        switch (types, polarities) {
        case (.failure(let problem), _), (_, .failure(let problem)):
            return .failure(problem)
        case (.success(let chosenType), .success(let chosenPolarity)):
            type = chosenType
            judgement = chosenPolarity
        }
        let factor: Double
        if let multiplier {
            guard let value = Double(multiplier), value > 0, value.isFinite else {
                return .failure(Problem(field: "multiplier", message: "the multiplier of '\(id)' must be a positive number, found '\(multiplier)'"))
            }
            factor = value
        } else if let standard = type.defaultMultiplier {
            factor = standard
        } else {
            return .failure(Problem(field: "multiplier", message: "indicator '\(id)' is a rate but has no multiplier",
                                    hint: "add 'multiplier:' — 1000 for a rate per 1,000, 100000 for per 100,000"))
        }
        var definition = IndicatorDefinition(id: id, name: name, unit: unit ?? Self.defaultUnit(type, multiplier: factor),
                                             valueType: type, multiplier: factor, polarity: judgement, theme: theme)
        definition.unitGiven = unit != nil
        definition.alsoNamed = alsoNamed.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return .success(definition)
    }

    /// One of an enumeration's names, or what is wrong with `text`.
    private static func choice<E: RawRepresentable & CaseIterable>(_ text: String?, _ field: String, of id: String) -> Result<E, Problem>
        where E.RawValue == String {
        let names = E.allCases.map(\.rawValue)
        guard let text else {
            return .failure(Problem(field: field, message: "indicator '\(id)' has no \(field)", hint: "use one of: " + names.joined(separator: ", ")))
        }
        guard let value = E(rawValue: text) else {
            return .failure(Problem(field: field, message: "unknown \(field) '\(text)' for indicator '\(id)'", hint: suggestion(text, names)))
        }
        return .success(value)
    }

    /// The unit shown when the catalogue gives none.
    static func defaultUnit(_ type: ValueType, multiplier: Double) -> String {
        switch type {
        case .proportion: multiplier == 100 ? "%" : "per \(grouped(multiplier))"
        case .rate: "per \(grouped(multiplier))"
        case .count: "count"
        case .score: "score"
        case .mean: "mean"
        }
    }

    /// `1000` → `1,000`.
    static func grouped(_ value: Double) -> String {
        guard value == value.rounded(), abs(value) < 1e15 else { return String(value) }
        let digits = String(Int(value))
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }

    private static func suggestion(_ text: String, _ names: [String]) -> String {
        closest(to: text, in: names).map { "did you mean '\($0)'?" } ?? "use one of: " + names.joined(separator: ", ")
    }
}
