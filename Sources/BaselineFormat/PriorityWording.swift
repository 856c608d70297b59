import BaselineSchema

/// A candidate priority's reason in words, made from the evidence `priorities` keeps as data.
public enum PriorityWording {
    /// Why `priority` is a candidate, as one sentence: the evidence put into words, or, in a
    /// baseline written before 1.7 (no evidence), the reason it was written with. `names` turns
    /// benchmark area codes into names.
    public static func reason(_ priority: CandidatePriority, names: [String: String]) -> String {
        guard let evidence = priority.evidence else { return priority.reason }
        return reason(evidence, names: names)
    }

    /// The evidence as one sentence.
    public static func reason(_ evidence: PriorityEvidence, names: [String: String]) -> String {
        var parts = [String]()
        for indicator in evidence.worse {
            let value = indicator.value.map { Figure.value($0, unit: indicator.unit) } ?? "missing"
            parts.append("\(indicator.name) is worse than \(Wording.list(indicator.than.map { names[$0] ?? $0 })) (\(value), \(Figure.period(indicator.period)))"
                         + (indicator.trend.map { " and \($0)" } ?? ""))
        }
        if let share = evidence.mentions {
            if share.total == 1 {
                parts.append("the one theme mention in what we heard is about it")
            } else {
                let percent = Figure.percent(100 * Double(share.mentions) / Double(share.total))
                parts.append("\(Figure.count(share.mentions)) of the \(Figure.count(share.total)) theme mentions in what we heard (\(percent)) "
                             + (share.mentions == 1 ? "is" : "are") + " about it")
            }
        }
        for concern in evidence.concerns {
            let positive = Figure.percent(Figure.exactShare(concern.percentPositive, of: concern.responses, weighted: concern.weighted))
            // A reverse-scored statement ("We work in silos"): its positive answer is to disagree
            // (on an agree scale; on another, the low end of the scale).
            if concern.positiveIsDisagreeing {
                parts.append("only \(positive) disagreed with “\(concern.text)” (reverse-scored: disagreeing is the positive answer)")
            } else {
                parts.append("only \(positive) answered “\(concern.text)” positively"
                             + (concern.reverse ? " (reverse-scored: the low end of the scale is positive)" : ""))
            }
        }
        if evidence.indicatorsNotWorse { parts.append("but its indicators are not worse than the benchmarks") }
        return Wording.sentence(parts)
    }
}
