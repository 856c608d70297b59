import BaselineCore
import BaselineText
import Foundation

/// Reads XML that is not SDMX: every element at the `record` path is one observation, and each
/// field comes from a child element's text or an attribute, as `MappedOptions` says.
///
/// The reader keeps the names of the open elements (interned pointers) to match paths, and
/// the fields of the record being read; nothing else, whatever the size of the file.
final class MappedXMLReader: LayoutReader {
    /// One field to fill: its element path below the record (`nil` steps match any element)
    /// and, for an attribute, the attribute's name.
    private struct Field {
        let name: String
        let steps: [XMLName?]
        let attribute: XMLName?
    }

    /// The fields every observation has, in the order of `fields`.
    enum Slot: Int, CaseIterable {
        case area, areaName, period, indicator, value, unit, count, denominator, lower, upper, status

        /// The case's name (`areaName`), as a reject's record names the field: written out, as
        /// `"\(slot)"` found it by reflection (a tenth of a millisecond of every run reading XML).
        var name: String {
            switch self {
            case .area: "area"
            case .areaName: "areaName"
            case .period: "period"
            case .indicator: "indicator"
            case .value: "value"
            case .unit: "unit"
            case .count: "count"
            case .denominator: "denominator"
            case .lower: "lower"
            case .upper: "upper"
            case .status: "status"
            }
        }
    }

    private let xml: XMLStreamReader
    private let builder: ObservationBuilder
    private let options: MappedOptions
    private let recordSteps: [XMLName?]
    /// The fields by slot (`nil` where the options name no path), then the extra attributes.
    private let fields: [Field?]
    private let attributeFields: Range<Int>

    private var stack = [XMLName]()
    private var inRecord = false
    private var recordLine = 1
    private var recordElement = 0
    private var recordCount = 0
    private var values: [String?]
    private var captures = [(field: Int, depth: Int, text: String)]()
    private var root: (name: XMLName, line: Int, element: Int)?

    init(xml: XMLStreamReader, builder: ObservationBuilder, options: MappedOptions) {
        self.xml = xml
        self.builder = builder
        self.options = options
        func steps(_ names: [String]) -> [XMLName?] { names.map { $0 == "*" ? nil : xml.intern($0) } }
        recordSteps = steps(options.record.steps)
        var fields = [Field?]()
        let slots: [(Slot, FieldPath?)] = [(.area, options.area), (.areaName, options.areaName), (.period, options.period),
                                           (.indicator, options.indicator), (.value, options.value), (.unit, options.unit),
                                           (.count, options.count), (.denominator, options.denominator), (.lower, options.lower),
                                           (.upper, options.upper), (.status, options.status)]
        for (slot, path) in slots {
            fields.append(path.map { Field(name: slot.name, steps: steps($0.steps), attribute: $0.attribute.map(xml.intern)) })
        }
        let extra = options.attributes.sorted { $0.key < $1.key }
        for (name, path) in extra {
            fields.append(Field(name: name, steps: steps(path.steps), attribute: path.attribute.map(xml.intern)))
        }
        attributeFields = Slot.allCases.count..<fields.count
        self.fields = fields
        values = Array(repeating: nil, count: fields.count)
    }

    // MARK: - Reading

    func fill() throws -> Bool {
        while builder.pending < RecordBatch.preferredSize {
            guard try xml.read() else {
                guard let root else {
                    throw BaselineError(file: xml.displayPath, "the file has no root element", hint: "check it is XML")
                }
                if recordCount == 0 {
                    throw xml.error(atElement: root.element, line: root.line,
                                    "no element is at the record path \(options.record): the file's root element is '\(xml.string(root.name))'",
                                    hint: "set `mapped.record` to the path of the element that holds one record, starting at the root")
                }
                return false
            }
            switch xml.kind {
            case .element: startElement()
            case .endElement: endElement()
            case .text:
                guard inRecord, !captures.isEmpty else { continue }
                let text = xml.text.string
                for index in captures.indices { captures[index].text += text }
            case .other: continue
            }
        }
        return true
    }

    private func startElement() {
        let depth = xml.depth
        if root == nil { root = (xml.name, xml.line, xml.element) }
        if stack.count > depth { stack.removeSubrange(depth...) }
        stack.append(xml.name)
        let empty = xml.isEmptyElement
        if !inRecord {
            guard depth == recordSteps.count - 1, Self.matches(recordSteps, stack[...]) else { return }
            inRecord = true
            recordLine = xml.line
            recordElement = xml.element
            recordCount += 1
            for index in values.indices { values[index] = nil }
            captures.removeAll(keepingCapacity: true)
        }
        let below = stack[(recordSteps.count)...]
        var wanted = [(field: Int, attribute: XMLName)]()
        for (index, field) in fields.enumerated() {
            guard let field, values[index] == nil, Self.matches(field.steps, below) else { continue }
            if let attribute = field.attribute {
                wanted.append((index, attribute))
            } else if !captures.contains(where: { $0.field == index }) {
                captures.append((index, depth, ""))
            }
        }
        if !wanted.isEmpty {
            xml.forEachAttribute { name, text, _ in
                for (field, attribute) in wanted where attribute == name && values[field] == nil {
                    values[field] = text.string
                }
            }
        }
        if empty { endElement(depth: depth) }
    }

    private func endElement() {
        endElement(depth: xml.depth)
    }

    private func endElement(depth: Int) {
        guard inRecord else { return }
        captures.removeAll { capture in
            guard capture.depth == depth else { return false }
            if values[capture.field] == nil { values[capture.field] = capture.text }
            return true
        }
        if depth == recordSteps.count - 1 { finishRecord() }
    }

    private static func matches(_ steps: [XMLName?], _ names: ArraySlice<XMLName>) -> Bool {
        guard steps.count == names.count else { return false }
        return zip(steps, names).allSatisfy { step, name in step == nil || step == name }
    }

    // MARK: - Observations

    private func finishRecord() {
        inRecord = false
        func value(_ slot: Slot) -> String? {
            values[slot.rawValue].map { $0.trimmingWhitespace(andNewlines: true) }
        }
        func given(_ slot: Slot) -> String? {
            value(slot).flatMap { $0.isEmpty ? nil : $0 }
        }
        let status = given(.status)
        var attributes = [String: String]()
        if let status { attributes["status_code"] = status }
        for index in attributeFields {
            if let text = values[index], let field = fields[index] {
                attributes[field.name] = text.trimmingWhitespace(andNewlines: true)
            }
        }
        builder.add(area: value(.area), areaName: given(.areaName), period: value(.period), indicator: options.indicatorId ?? value(.indicator),
                    reading: nil, value: values[Slot.value.rawValue], unit: given(.unit), count: given(.count),
                    denominator: given(.denominator), lower: given(.lower), upper: given(.upper), status: status,
                    confidentiality: nil, attributes: attributes, line: recordLine, element: recordElement, path: "\(options.record)[\(recordCount)]",
                    content: self.describeRecord())
    }

    /// The record's fields as `name=value` pairs, for the quarantine file.
    private func describeRecord() -> String {
        fields.indices.compactMap { index in
            guard let field = fields[index], let text = values[index] else { return nil }
            return "\(field.name)=\(text.trimmingWhitespace(andNewlines: true))"
        }.joined(separator: " ")
    }
}
