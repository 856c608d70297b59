import BaselineConfig
import BaselineCore
import BaselineSchema
import BaselineText
import Foundation
import Yams

/// `outcomes.yaml`: what a partnership agreed after its baseline workshop — a shared vision and a
/// few priorities, each with the metrics it is measured by, the baseline each is measured from,
/// an ambition and the partners who own it. Read with the located YAML decoding of pipelines, so
/// every mistake is `outcomes.yaml:LINE:COL: error: …`; `check(against:)` then checks every id
/// against what the baselines hold.
public struct OutcomesFile: Sendable {
    /// The shared vision, in a sentence.
    public var vision: String
    /// The period of the baseline progress is measured from (`2024`), unless a metric names its own.
    public var baseline: String
    /// Where `baseline:` is written.
    public var baselinePosition: TextPosition?
    /// The agreed priorities, in the order the partnership wrote them.
    public var priorities: [Priority]
    /// The file, for messages.
    public var file: String
    /// The placeholders of `baseline outcomes init`'s draft still in the file (`FILL IN…`,
    /// `FILL-IN`), each a located warning: the draft is a valid file, so `baseline progress`
    /// runs on it, and says what the workshop has still to fill in.
    public var unfinished: [BaselineError] = []

    /// One agreed priority.
    public struct Priority: Sendable {
        /// A short id (`homelessness`).
        public var id: String
        /// Its name for reports.
        public var name: String
        /// Why the partnership chose it.
        public var why: String
        /// The partners who own it.
        public var owners: [String]
        /// How progress on it is measured.
        public var metrics: [Metric]
        /// Note themes whose share of what people said is reported beside the numbers.
        public var themes: [Located<String>]
    }

    /// One measure of a priority: an indicator (the place's own value) or a survey question
    /// (overall, or one group).
    public struct Metric: Sendable {
        /// What is measured.
        public var subject: Subject
        /// `Grouping=value` for one group's answers to a question; `nil` for overall.
        public var group: Located<String>?
        /// The period of the baseline it is measured from, when not the file's.
        public var baseline: Located<String>?
        /// What the partnership aims for.
        public var ambition: Ambition
        /// Where its ambition is written.
        public var ambitionPosition: TextPosition?
        /// Where each value of the ambition is written: `target`, `by`, `close_gap.to`…
        public var ambitionValues: [String: TextPosition] = [:]
    }

    /// What a metric measures.
    public enum Subject: Sendable, Equatable {
        /// An indicator id.
        case indicator(Located<String>)
        /// A survey question id.
        case question(Located<String>)

        /// The id.
        public var id: Located<String> {
            switch self {
            case .indicator(let id), .question(let id): id
            }
        }
    }

    /// A line and column in the file.
    public struct TextPosition: Sendable, Equatable {
        /// 1-based line.
        public var line: Int
        /// 1-based column.
        public var column: Int

        /// Makes one.
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    /// A value with where it is written.
    public struct Located<Value: Sendable & Equatable>: Sendable, Equatable {
        /// The value.
        public var value: Value
        /// Where it is written.
        public var position: TextPosition?
    }

    // MARK: - Loading

    /// Reads and decodes `path`; a mistake in its shape is a located `BaselineError`.
    public static func load(_ path: String) throws -> OutcomesFile {
        let text = try TextFile.read(path, path: path, what: "the outcomes file", missingHint: "check the path; `baseline outcomes init BASELINE_DIR` writes a draft")
        return try parse(text, file: path)
    }

    /// Decodes the text of an outcomes file named `file` in messages.
    public static func parse(_ text: String, file: String) throws -> OutcomesFile {
        guard let root = try YAMLText.compose(text, file: file, what: "the outcomes file") else {
            throw BaselineError(file: file, line: 1, column: 1, "the outcomes file is empty", hint: "write 'vision:', 'baseline:' and 'priorities:'")
        }
        let spec = try NodeDecoder(file: file).decode(FileSpec.self, from: root)
        let priorityNodes = root.mapping?.value(forKey: "priorities")?.sequence.map(Array.init) ?? []
        var ids = Set<String>()
        var priorities = [Priority]()
        for (index, priority) in spec.priorities.enumerated() {
            let node = priorityNodes[index]
            guard ids.insert(priority.id).inserted else {
                throw error(file, "priority id '\(priority.id)' is used twice", at: node.mapping?.value(forKey: "id"), hint: "give each priority its own id")
            }
            let metricNodes = node.mapping?.value(forKey: "metrics")?.sequence.map(Array.init) ?? []
            var metrics = [Metric]()
            for (m, metric) in priority.metrics.enumerated() {
                let mn = metricNodes[m]
                let subject: Subject
                switch (metric.indicator, metric.question) {
                case let (indicator?, nil): subject = .indicator(Located(value: indicator, position: position(mn.mapping?.value(forKey: "indicator"))))
                case let (nil, question?): subject = .question(Located(value: question, position: position(mn.mapping?.value(forKey: "question"))))
                case (nil, nil):
                    throw error(file, "a metric names neither 'indicator:' nor 'question:'", at: mn, hint: "add 'indicator: ID' or 'question: ID'")
                default:
                    throw error(file, "a metric names both 'indicator:' and 'question:'", at: mn.mapping?.value(forKey: "question"), hint: "make them two metrics")
                }
                if metric.group != nil, case .indicator = subject {
                    throw error(file, "'group:' is for survey questions; an indicator is measured for the place", at: mn.mapping?.value(forKey: "group"), hint: "remove it")
                }
                if let group = metric.group, group.split(separator: "=").count != 2 {
                    throw error(file, "group '\(group)' should be Grouping=value", at: mn.mapping?.value(forKey: "group"), hint: "write it like 'Organisation=Council'")
                }
                let ambition = try Ambition(metric.ambition, node: mn.mapping?.value(forKey: "ambition"), file: file, isQuestion: { if case .question = subject { true } else { false } }())
                metrics.append(Metric(subject: subject, group: metric.group.map { Located(value: $0, position: position(mn.mapping?.value(forKey: "group"))) },
                                      baseline: metric.baseline.map { Located(value: $0, position: position(mn.mapping?.value(forKey: "baseline"))) },
                                      ambition: ambition, ambitionPosition: position(mn.mapping?.value(forKey: "ambition")),
                                      ambitionValues: Self.positions(of: mn.mapping?.value(forKey: "ambition"))))
            }
            let themeNodes = node.mapping?.value(forKey: "themes")?.sequence.map(Array.init) ?? []
            let themes = priority.themes.enumerated().map { Located(value: $1, position: position(themeNodes[$0])) }
            priorities.append(Priority(id: priority.id, name: priority.name, why: priority.why, owners: priority.owners,
                                       metrics: metrics, themes: themes))
        }
        guard !priorities.isEmpty else {
            throw error(file, "no priorities", at: root.mapping?.value(forKey: "priorities") ?? root, hint: "list the agreed priorities under 'priorities:'")
        }
        return OutcomesFile(vision: spec.vision, baseline: spec.baseline, baselinePosition: position(root.mapping?.value(forKey: "baseline")),
                            priorities: priorities, file: file, unfinished: placeholders(in: root, file: file))
    }

    /// The draft's placeholders under `node`, in the order they are written.
    static func placeholders(in node: Node, file: String, key: String = "") -> [BaselineError] {
        switch node {
        case .scalar(let scalar):
            guard scalar.string.contains("FILL IN") || scalar.string.contains("FILL-IN") else { return [] }
            return [error(file, "\(key.isEmpty ? "a value" : "'\(key)'") is still the draft's placeholder: \(PeopleText.line(scalar.string))", at: node,
                          hint: key == "vision" ? "write the vision the workshop agreed (docs/outcomes.md)"
                              : "write what the workshop agreed, or delete the priority (docs/outcomes.md)")]
        case .mapping(let mapping):
            return mapping.flatMap { pair in placeholders(in: pair.value, file: file, key: pair.key.string ?? key) }
        case .sequence(let sequence):
            return sequence.flatMap { placeholders(in: $0, file: file, key: key) }
        default:
            return []
        }
    }

    /// The position of each value below `node`, by dotted key (`close_gap.to`).
    static func positions(of node: Node?, prefix: String = "") -> [String: TextPosition] {
        // Not `node?.mapping ?? [:]`: an empty `Node.Mapping` literal is tagged with Yams's default
        // resolver, whose seven regular expressions `YAMLText.compose` no longer needs compiled.
        guard case .mapping(let mapping)? = node else { return [:] }
        var out = [String: TextPosition]()
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            out[prefix + name] = position(value)
            out.merge(positions(of: value, prefix: prefix + name + ".")) { a, _ in a }
        }
        return out
    }

    static func position(_ node: Node?) -> TextPosition? {
        node?.mark.map { TextPosition(line: $0.line, column: $0.column) }
    }

    static func error(_ file: String, _ message: String, at node: Node?, hint: String) -> BaselineError {
        BaselineError(file: file, line: node?.mark?.line, column: node?.mark?.column, message, hint: hint)
    }

    /// A located error at `position` of this file.
    func error(_ message: String, at position: TextPosition?, hint: String) -> BaselineError {
        BaselineError(file: file, line: position?.line, column: position?.column, message, hint: hint)
    }
}

// MARK: - The file as written

struct FileSpec: Decodable {
    var vision: String
    var baseline: String
    var priorities: [PrioritySpec]
}

struct PrioritySpec: Decodable {
    var id: String
    var name: String
    var why: String
    var owners: [String]
    var metrics: [MetricSpec]
    var themes: [String]

    enum CodingKeys: String, CodingKey { case id, name, why, owners, metrics, themes }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        why = try c.decode(String.self, forKey: .why)
        owners = try c.decode([String].self, forKey: .owners)
        metrics = try c.decodeIfPresent([MetricSpec].self, forKey: .metrics) ?? []
        themes = try c.decodeIfPresent([String].self, forKey: .themes) ?? []
        if owners.isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .owners, in: c, debugDescription: "priority '\(id)' has no owners — name the partners who own it")
        }
    }
}

struct MetricSpec: Decodable {
    var indicator: String?
    var question: String?
    var group: String?
    var baseline: String?
    var ambition: AmbitionSpec
}

struct AmbitionSpec: Decodable {
    /// `improve` when not written (see `Ambition.defaultDirection`).
    var direction: String?
    var target: Double?
    var by: String?
    var closeGap: CloseGapSpec?

    enum CodingKeys: String, CodingKey {
        case direction, target, by
        case closeGap = "close_gap"
    }
}

struct CloseGapSpec: Decodable {
    var to: String
    var percent: Double
}
