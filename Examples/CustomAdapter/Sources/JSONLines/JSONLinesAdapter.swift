import BaselineCore
import BaselineIndicators
import Foundation

/// `json-lines`: a JSON-lines dump (one JSON object per line), as case-management systems and
/// APIs export, one observation per line.
///
/// ```
/// {"area": "E07999001", "period": "2024-25", "indicator": "households-in-temporary-accommodation", "value": 212}
/// ```
///
/// Values and periods are read as the built-in indicator adapters read them (`ValueReader`,
/// `BaselineIndicators`, and `BaselineCore`'s `Period`): `"12.5 [p]"` is 12.5, provisional; `"[c]"` is
/// suppressed; `2024/25` is the period `2024-25`. A line that is not an object, or lacks an
/// area or period, or whose value is neither a number, `null`, a flagged number nor a
/// missing-value marker, is a bad record; an empty file or a whole JSON array (not lines) stops
/// the run.
public final class JSONLinesAdapter: InitializedSource {
    public typealias Configuration = JSONLinesConfiguration

    public static let kind = "json-lines"
    public static let records: Set<RecordKind> = [.observation]
    public static let summary = "JSON-lines dumps (one object per line): one observation per line"
    public static let options: [OptionDoc] = [
        OptionDoc("path", "path", "The JSON-lines file, relative to the pipeline file."),
        OptionDoc("indicator", "string", default: "from each line", "The indicator id of every line, when lines have no indicator field."),
        OptionDoc("area_field", "field name", default: "area", "The field holding the area code."),
        OptionDoc("period_field", "field name", default: "period", "The field holding the period."),
        OptionDoc("indicator_field", "field name", default: "indicator", "The field holding the indicator id."),
        OptionDoc("value_field", "field name", default: "value", "The field holding the value: a number, null, a number with a publisher's flag such as \"12.5 [p]\", or a missing-value marker such as \"[c]\"."),
        .onError,
        .maxRejected,
    ]
    public static let sampleConfiguration = """
        id: housing-cases
        adapter: json-lines
        path: ../samples/housing-2025.jsonl
        """

    // MARK: - Runtime

    public let inputs: [InputFile]
    private let configuration: JSONLinesConfiguration
    private let context: SourceContext
    private let handle: FileHandle
    private var buffer = Data()
    private var line = 0
    private var sawContent = false
    private var finished = false

    /// Opens the input; a file that cannot be read stops the run here, at set-up.
    public init(configuration: JSONLinesConfiguration, context: SourceContext) throws {
        self.configuration = configuration
        self.context = context
        inputs = [configuration.path]
        guard let handle = FileHandle(forReadingAtPath: configuration.path.resolved) else {
            throw BaselineError(file: configuration.path.path, "cannot open the file", hint: "check it exists and is readable")
        }
        self.handle = handle
    }

    deinit {
        try? handle.close()
    }

    public func next() throws -> RecordBatch? {
        var batch = RecordBatch()
        while batch.records.count + batch.rejects.count < RecordBatch.preferredSize, !finished {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let text = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                try take(text, into: &batch)
                continue
            }
            let chunk = try handle.read(upToCount: 1 << 16) ?? Data()
            if chunk.isEmpty {
                finished = true
                if !buffer.isEmpty { try take(buffer, into: &batch) }
                if !sawContent {
                    throw BaselineError(file: configuration.path.path, line: 1, "the file is empty", hint: "export the data again, one JSON object per line")
                }
            } else {
                buffer.append(chunk)
            }
        }
        return batch.isEmpty ? nil : batch
    }

    private func take(_ bytes: Data, into batch: inout RecordBatch) throws {
        line += 1
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return }
        if !sawContent, text.hasPrefix("[") {
            throw BaselineError(file: configuration.path.path, line: line, column: 1, "the file is a JSON array, not JSON lines",
                                hint: "write one object per line, e.g. with `jq -c '.[]'`")
        }
        sawContent = true
        let provenance = Provenance(source: context.id, file: configuration.path.path, line: line)
        func reject(_ reason: String) {
            batch.rejects.append(Reject(provenance: provenance, reason: reason, content: text))
        }
        guard let object = try? JSONDecoder().decode([String: JSONScalar].self, from: Data(text.utf8)) else {
            return reject("not a JSON object")
        }
        guard let area = object[configuration.areaField]?.text, !area.isEmpty else {
            return reject("no area code in field '\(configuration.areaField)'")
        }
        guard let published = object[configuration.periodField]?.text, !published.isEmpty else {
            return reject("no period in field '\(configuration.periodField)'")
        }
        guard let period = Period(published)?.text else {
            return reject("period '\(published)' is not one this tool reads (e.g. 2024, 2024/25, 2024 Q1)")
        }
        guard let indicator = configuration.indicator ?? object[configuration.indicatorField]?.text, !indicator.isEmpty else {
            return reject("no indicator in field '\(configuration.indicatorField)'")
        }
        let reading: ValueReader.Reading
        switch object[configuration.valueField] ?? .null {
        case .null:
            reading = ValueReader.Reading(value: .missing(.notAvailable))
        case .number(let number):
            reading = ValueReader.Reading(value: .number(number))
        case .string(let written):
            guard let read = Self.values.read(written) else {
                return reject("value '\(written)' is not a number or a missing-value marker")
            }
            reading = read
        case .bool, .other:
            return reject("value in field '\(configuration.valueField)' is not a number")
        }
        var observation = Observation(area: area, period: period, indicator: indicator, value: reading.value, provenance: provenance)
        if let status = reading.status { observation.attributes["status"] = status.rawValue }
        batch.records.append(.observation(observation))
    }

    /// Reads values as the built-in indicator adapters do: numbers (`1,234.5`), a publisher's
    /// flag after one (`12.5 [p]`), and the shared missing-value markers.
    private static let values = ValueReader()
}

/// One field of a line: the scalars JSON has, and anything else (an array, an object).
enum JSONScalar: Decodable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case other

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else {
            self = .other
        }
    }

    /// A string, or a number written as JSON writes it (`2024`, `12.5`).
    var text: String? {
        switch self {
        case .string(let text): text
        case .number(let number): number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
        default: nil
        }
    }
}
