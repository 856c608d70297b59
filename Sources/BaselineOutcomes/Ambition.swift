import BaselineCore
import Foundation
import Yams

/// What a partnership aims for on one metric: a direction, and optionally a target value by a
/// period, or a share of the gap to a benchmark area to close by a period.
///
/// The direction may be left out: it is then `improve` — better by the indicator's own polarity,
/// a higher % positive for a question — which is what a target or a gap to close means unless
/// it says otherwise. An indicator with no polarity has no "better": it is an error then, at the
/// ambition, saying to write `increase` or `decrease` (`ProgressEngine.checkAmbition`).
public struct Ambition: Sendable, Equatable, Codable {
    /// The direction of an ambition that names none.
    public static let defaultDirection = Direction.improve

    /// Which way the metric should go.
    public var direction: Direction
    /// The value to reach, when the ambition names one.
    public var target: Double?
    /// The period (a baseline's period: `2027`) by which the target or the narrowed gap is due.
    public var by: String?
    /// The gap to close, when the ambition is relative to a benchmark area.
    public var closeGap: CloseGap?

    /// Which way a metric should go.
    public enum Direction: String, Sendable, Codable, CaseIterable {
        /// Better, by the indicator's polarity (a survey's % positive is better higher).
        case improve
        /// Higher.
        case increase
        /// Lower.
        case decrease
        /// No significant worsening.
        case maintain
    }

    /// "Close the gap to England by 50%": the benchmark area (by role — `england`, `region` — or
    /// code) and the share of the baseline's gap to close.
    public struct CloseGap: Sendable, Equatable, Codable {
        /// The benchmark's role or area code.
        public var to: String
        /// The share of the gap to close, in percent (0 < percent ≤ 100).
        public var percent: Double

        /// Makes one.
        public init(to: String, percent: Double) {
            self.to = to
            self.percent = percent
        }
    }

    enum CodingKeys: String, CodingKey {
        case direction, target, by
        case closeGap = "close_gap"
    }

    /// Makes an ambition.
    public init(direction: Direction, target: Double? = nil, by: String? = nil, closeGap: CloseGap? = nil) {
        self.direction = direction
        self.target = target
        self.by = by
        self.closeGap = closeGap
    }

    /// The ambition as written at `node`, checked for sense.
    init(_ spec: AmbitionSpec, node: Node?, file: String, isQuestion: Bool) throws {
        func child(_ key: String) -> Node? { node?.mapping?[key] }
        let written = spec.direction ?? Self.defaultDirection.rawValue
        guard let direction = Direction(rawValue: written) else {
            let known = Direction.allCases.map(\.rawValue)
            throw OutcomesFile.error(file, "unknown direction '\(written)'", at: child("direction"),
                                     hint: closest(to: written, in: known).map { "did you mean '\($0)'?" } ?? "write one of " + known.joined(separator: ", "))
        }
        self.init(direction: direction, target: spec.target, by: spec.by,
                  closeGap: spec.closeGap.map { CloseGap(to: $0.to, percent: $0.percent) })
        if target != nil, closeGap != nil {
            throw OutcomesFile.error(file, "an ambition has both 'target:' and 'close_gap:'", at: child("close_gap"), hint: "keep one")
        }
        if direction == .maintain, target != nil || closeGap != nil {
            throw OutcomesFile.error(file, "'maintain' takes no target or gap", at: child("target") ?? child("close_gap"),
                                     hint: "remove it, or choose improve, increase or decrease")
        }
        if (target != nil || closeGap != nil), by == nil {
            throw OutcomesFile.error(file, "a target needs the period it is due by", at: node, hint: "add 'by:' with a baseline period, such as 'by: 2027'")
        }
        if by != nil, target == nil, closeGap == nil {
            throw OutcomesFile.error(file, "'by:' without a target or a gap to close", at: child("by"), hint: "add 'target:' or 'close_gap:', or remove 'by:'")
        }
        if let gap = closeGap {
            if isQuestion {
                throw OutcomesFile.error(file, "a survey question has no benchmark area to close a gap to", at: child("close_gap"), hint: "give a 'target:' instead")
            }
            if !(gap.percent > 0 && gap.percent <= 100) {
                throw OutcomesFile.error(file, "close_gap percent must be more than 0 and at most 100, not \(ProgressEngine.number(gap.percent))",
                                         at: child("close_gap")?.mapping?["percent"], hint: "write the share of the gap to close, such as 50")
            }
        }
    }
}
