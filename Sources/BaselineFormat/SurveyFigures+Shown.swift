import BaselineSchema
import BaselineStatistics

extension SurveyFigures {
    /// % positive as people are shown it, rounded once: the exact share of whole answers behind
    /// the stored two-decimal figure (`Figure.exactShare`); a weighted share as stored; `nil`
    /// when there is none (suppressed, multi-select).
    public var shownPositive: Double? {
        percentPositive.map { Figure.exactShare($0, of: responses, weighted: effectiveSampleSize != nil) }
    }

    /// The Wilson interval of % positive as people are shown it: recomputed from the whole
    /// answers behind it so that it too is rounded once; the stored interval where the share is
    /// weighted or the recomputed one does not match it; `nil` when there is none.
    public var shownInterval: (lower: Double, upper: Double)? {
        guard let stored = ci95 else { return nil }
        guard effectiveSampleSize == nil, let positive = percentPositive, let share = Proportion.exactPercent(positive, of: responses),
              let ci = Proportion.wilson(successes: (share * Double(responses) / 100).rounded(), trials: Double(responses)),
              rounded(100 * ci.lower, places: 2) == stored.lower, rounded(100 * ci.upper, places: 2) == stored.upper
        else { return (stored.lower, stored.upper) }
        return (100 * ci.lower, 100 * ci.upper)
    }
}
