import BaselineCore
import BaselineFormat
import BaselineSchema
import BaselineText
import Foundation

/// The draft `outcomes.yaml` that `baseline outcomes init` writes from one baseline: its
/// candidate priorities with their linked indicators, questions and themes, each metric with an
/// ambition to improve, and comments saying what the workshop fills in. The draft is a valid
/// outcomes file as it stands, so that `baseline progress` runs on it before it is finished
/// (warning of each `FILL IN` left: `OutcomesFile.unfinished`).
public enum OutcomesDraft {
    /// The draft for `baseline`.
    public static func yaml(for baseline: BaselineDocument) -> String {
        var out = """
            # Outcomes framework for \(line(baseline.place.name)), drafted from its \(line(baseline.period)) baseline by `baseline outcomes init`.
            # The workshop edits this file, then `baseline progress outcomes.yaml BASELINE_DIR…` reads it
            # (docs/outcomes.md). What to fill in:
            #   - vision: the shared vision, in a sentence;
            #   - keep the priorities the partnership agreed (delete the others), and for each say why
            #     it was chosen and which partners own it;
            #   - each metric's ambition, one of:
            #       { direction: improve }                 improve, increase, decrease or maintain: a direction alone;
            #       { target: 50, by: 2027 }               a value to reach by a baseline period (both needed);
            #       { close_gap: { to: england, percent: 50 }, by: 2027 }   part of the gap to a benchmark
            #                                              closed by a period (both needed; indicators only).
            #     A target or a gap may have a `direction:` too (improve, increase or decrease; not
            #     maintain); left out, it is improve, which an indicator with no polarity cannot
            #     have: give it increase or decrease. A question can be measured for one group
            #     with `group: Grouping=value`.

            vision: "FILL IN: the shared vision, in a sentence"
            baseline: \(quote(baseline.period))   # the baseline progress is measured from
            priorities:

            """
        let place = Dictionary(baseline.latestIndicators(for: baseline.place.code).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let questions = Dictionary(baseline.survey.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let themes = Set(baseline.themes.map(\.id))
        if baseline.candidatePriorities.isEmpty {
            out += "  # The baseline has no candidate priorities: write the agreed ones here, like\n"
            out += "  - id: FILL-IN\n    name: \"FILL IN\"\n    why: \"FILL IN\"\n    owners: [\"FILL IN\"]\n    metrics: []\n"
            return out
        }
        for (rank, priority) in baseline.candidatePriorities.enumerated() {
            out += "  # Candidate \(rank + 1): \(line(priority.reason))\n"
            out += "  - id: \(quote(priority.id))\n"
            out += "    name: \(quote(priority.name))\n"
            out += "    why: \"FILL IN: why the partnership chose it\"\n"
            out += "    owners: [\"FILL IN: the partners who own it\"]\n"
            var metrics = [String]()
            for id in priority.indicators {
                guard let result = place[id] else { continue }
                let polarity = Polarity(rawValue: result.polarity) ?? .noJudgement
                let now = result.value.map { Figure.value($0, unit: result.unit, valueType: result.valueType) } ?? Wording.missing(result.missing?.rawValue)
                let judged = Dictionary(grouping: result.comparisons.sorted { $0.key < $1.key }, by: \.value)
                let versus = judged.keys.sorted().map { (Wording.comparison($0) ?? Wording.plain($0) + " with") + " " + judged[$0]!.map { area(baseline, $0.key) }.joined(separator: ", ") }.joined(separator: "; ")
                metrics.append("      - indicator: \(quote(id))   # \(line(result.name)): \(line(now)) in \(line(result.period))\(versus.isEmpty ? "" : "; " + line(versus))\n"
                    + "        ambition: { direction: \(polarity == .noJudgement ? "increase }   # no polarity: choose increase or decrease" : "improve }")\n")
            }
            for id in priority.questions {
                guard let question = questions[id] else { continue }
                let now = question.overall.shownPositive.map { Figure.percent($0) + " positive" } ?? "no figure"
                metrics.append("      - question: \(quote(id))   # \(line(question.text)): \(now)\n"
                    + "        ambition: { direction: improve }\n")
            }
            out += metrics.isEmpty ? "    metrics: []   # none linked in the baseline: add the indicators or questions that measure it\n"
                : "    metrics:\n" + metrics.joined()
            let linked = priority.themes.filter(themes.contains)
            if !linked.isEmpty { out += "    themes: [\(linked.map(quote).joined(separator: ", "))]\n" }
        }
        return out
    }

    static func area(_ baseline: BaselineDocument, _ code: String) -> String {
        baseline.benchmarks.first { $0.code == code }?.name ?? code
    }

    static func line(_ text: String) -> String { PeopleText.line(text) }

    /// `text` as a YAML double-quoted scalar.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += String(format: "\\x%02X", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
