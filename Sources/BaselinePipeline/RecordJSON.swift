import BaselineCore
import BaselineSchema
import Foundation

/// A JSON value, for printing records and plugin descriptions as JSON.
public enum JSONValue: Encodable, Equatable, Sendable {
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let v): try container.encode(v)
        case .number(let v): try container.encode(v)
        case .integer(let v): try container.encode(v)
        case .bool(let v): try container.encode(v)
        case .null: try container.encodeNil()
        case .array(let v): try container.encode(v)
        case .object(let v): try container.encode(v)
        }
    }

    /// Compact JSON with sorted keys: one line.
    public var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }
}

extension Record {
    /// The record as JSON, for `baseline inspect`. A response's respondent id is left out.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["kind": .string(kind), "provenance": provenance.json]
        switch self {
        case .observation(let o):
            object["area"] = .string(o.area)
            object["area_name"] = o.areaName.map(JSONValue.string) ?? .null
            object["period"] = .string(o.period)
            object["indicator"] = .string(o.indicator)
            switch o.value {
            case .number(let v): object["value"] = .number(v)
            case .missing(let reason):
                object["value"] = .null
                object["missing"] = .string(reason.rawValue)
            }
            if let unit = o.unit { object["unit"] = .string(unit) }
            if let count = o.count { object["count"] = .number(count) }
            if let denominator = o.denominator { object["denominator"] = .number(denominator) }
            if let lower = o.lower { object["lower"] = .number(lower) }
            if let upper = o.upper { object["upper"] = .number(upper) }
            if !o.attributes.isEmpty { object["attributes"] = .object(o.attributes.mapValues(JSONValue.string)) }
        case .response(let r):
            // Read once: a row of a response block makes these arrays each time they are read.
            let (values, given) = (r.groups, r.answers)
            var groups = [String: JSONValue]()
            for (index, name) in r.survey.groupings.enumerated() where index < values.count {
                groups[name] = .string(values[index])
            }
            object["groups"] = .object(groups)
            var answers = [String: JSONValue]()
            for (index, question) in r.survey.questions.enumerated() where index < given.count {
                switch given[index] {
                case .blank: answers[question.id] = .null
                case .point(let p): answers[question.id] = .string(question.scale?.points[p].label ?? "")
                case .excluded(let e): answers[question.id] = .string(question.scale?.excluded[e] ?? "")
                case .text(let text): answers[question.id] = .string(text)
                case .selected(let options): answers[question.id] = .array(options.map { .string(question.scale?.points[$0].label ?? "") })
                }
            }
            object["answers"] = .object(answers)
            if let weight = r.weight { object["weight"] = .number(weight) }
        case .excerpt(let e):
            object["document"] = .string(e.document)
            object["excerpt_kind"] = .string(e.kind)
            object["text"] = .string(e.text)
            object["themes"] = .array(e.themes.map(JSONValue.string))
            object["attributes"] = .object(e.attributes.mapValues(JSONValue.string))
            if let heading = e.heading { object["heading"] = .string(heading) }
            if let period = e.period { object["period"] = .string(period) }
        }
        return .object(object)
    }
}

extension Provenance {
    var json: JSONValue {
        var object: [String: JSONValue] = ["source": .string(source), "file": .string(file)]
        if let line { object["line"] = .integer(line) }
        if let column { object["column"] = .integer(column) }
        if let path { object["path"] = .string(path) }
        return .object(object)
    }
}
