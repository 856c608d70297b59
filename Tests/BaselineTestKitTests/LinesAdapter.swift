import BaselineCore
import Foundation

/// Ways the test adapter can be made to break a rule, one at a time, to show each check fails.
enum Flaw: Sendable {
    case recordsWithoutLine
    case wrongSourceId
    case absolutePathInProvenance
    case dropsBadLines
    case unlocatedError
    case errorWithoutHint
    case nondeterministic
    case acceptsUnknownKeys
    case undocumentedSeparator
    case neverReadsSeparator
}

/// The flaw in force; tests that set it run serialized.
nonisolated(unsafe) var currentFlaw: Flaw?
/// Increases on every record under `.nondeterministic`.
nonisolated(unsafe) var runCounter = 0

/// The options of the test adapter.
struct LinesConfiguration: Decodable {
    var path: InputFile
    var separator: String

    enum CodingKeys: String, CodingKey { case path, separator }

    init(from decoder: Decoder) throws {
        if currentFlaw == .acceptsUnknownKeys {
            let loose = try decoder.singleValueContainer().decode([String: String].self)
            path = InputFile(path: loose["path"] ?? "", relativeTo: decoder.userInfo[.baseDirectory] as? String ?? "/")
            separator = loose["separator"] ?? ","
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        path = try c.decode(InputFile.self, forKey: .path)
        if currentFlaw == .neverReadsSeparator {
            separator = ","
        } else {
            separator = try c.decodeIfPresent(String.self, forKey: .separator) ?? ","
        }
    }
}

/// A small, correct adapter (unless a flaw is set): each line `area,value` is an observation.
final class LinesAdapter: SourcePlugin, RecordSource {
    typealias Configuration = LinesConfiguration

    static let kind = "lines"
    static let summary = "Test lines: area,value"
    static let version = "1.0.0"
    static var options: [OptionDoc] {
        [OptionDoc("path", "path", "The file."), OptionDoc("separator", "character", default: ",", "Between area and value."), .onError, .maxRejected]
            .filter { currentFlaw != .undocumentedSeparator || $0.name != "separator" }
    }
    static let sampleConfiguration = """
        id: test-lines
        adapter: lines
        path: lines/good.txt
        """

    static func makeSource(configuration: Configuration, context: SourceContext) throws -> any RecordSource {
        try LinesAdapter(configuration: configuration, context: context)
    }

    let inputs: [InputFile]
    private var lines: [Substring]
    private let configuration: Configuration
    private let context: SourceContext
    private var done = false

    init(configuration: Configuration, context: SourceContext) throws {
        self.configuration = configuration
        self.context = context
        inputs = [configuration.path]
        let text = try String(contentsOfFile: configuration.path.resolved, encoding: .utf8)
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if text.isEmpty {
            throw BaselineError(file: configuration.path.path, line: 1, "the file is empty", hint: "write some lines")
        }
    }

    func next() throws -> RecordBatch? {
        guard !done else { return nil }
        done = true
        var batch = RecordBatch()
        for (index, line) in lines.enumerated() where !line.isEmpty {
            let number = index + 1
            if line == "BROKEN" {
                if currentFlaw == .unlocatedError { throw CocoaError(.fileReadCorruptFile) }
                throw BaselineError(file: configuration.path.path, line: number, "a broken line",
                                    hint: currentFlaw == .errorWithoutHint ? nil : "fix the line")
            }
            var provenance = Provenance(source: currentFlaw == .wrongSourceId ? Self.kind : context.id,
                                        file: currentFlaw == .absolutePathInProvenance ? configuration.path.resolved : configuration.path.path,
                                        line: currentFlaw == .recordsWithoutLine ? nil : number)
            let parts = line.split(separator: Character(configuration.separator), omittingEmptySubsequences: false)
            guard parts.count == 2, let value = Double(parts[1]) else {
                if currentFlaw != .dropsBadLines {
                    provenance.line = number
                    batch.rejects.append(Reject(provenance: provenance, reason: "not area,value", content: String(line)))
                }
                continue
            }
            var attributes = [String: String]()
            if currentFlaw == .nondeterministic {
                runCounter += 1
                attributes["run"] = String(runCounter)
            }
            batch.records.append(.observation(Observation(area: String(parts[0]), period: "2025", indicator: "lines", value: .number(value),
                                                          attributes: attributes, provenance: provenance)))
        }
        return batch
    }
}
