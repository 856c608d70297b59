import BaselineCore

/// The observations the `indicators` stage keeps for the baseline, by area, then by indicator
/// (catalogue id), period and area: the headline and its breakdowns by sex, age or category, in
/// arrival order. An observation with the indicator, period, area and breakdown of one already
/// kept is counted as a duplicate (by area), not kept.
///
/// Kept by area so that a programme's shared pass can keep every place's areas once and each
/// place read its own (`of(_:)`) as if it had kept them itself.
struct KeptObservations {
    private var byArea = [String: [IndicatorsStage.Key: [Observation]]]()
    private var duplicates = [String: Int]()

    /// Keeps `record`, an observation of the catalogue indicator `id`. (Given the record, not the
    /// observation, so that the caller binds no copy of it.)
    mutating func keep(_ record: Record, indicator id: String) {
        guard case .observation(let observation) = record else { return }
        let key = IndicatorsStage.Key(indicator: id, period: observation.period, area: observation.area)
        let breakdown = IndicatorsStage.Breakdown(observation)
        if byArea[observation.area]?[key]?.contains(where: { IndicatorsStage.Breakdown($0) == breakdown }) == true {
            duplicates[observation.area, default: 0] += 1
        } else {
            byArea[observation.area, default: [:]][key, default: []].append(observation)
        }
    }

    /// The observations kept of the areas `areas`, and how many of theirs repeated one kept.
    func of(_ areas: Set<String>) -> (kept: [IndicatorsStage.Key: [Observation]], duplicates: Int) {
        var kept = [IndicatorsStage.Key: [Observation]]()
        var repeated = 0
        for area in areas {
            if let observations = byArea[area] { kept.merge(observations) { first, _ in first } }
            repeated += duplicates[area] ?? 0
        }
        return (kept, repeated)
    }
}
