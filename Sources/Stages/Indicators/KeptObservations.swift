import BaselineCore
import BaselineSchema

/// The observations the `indicators` stage keeps for the baseline, by area, then by indicator
/// (catalogue id) and period: the rows that may be the headline, in arrival order, and the
/// breakdowns by sex, age or category the baseline can show. An observation with the indicator,
/// period, area and breakdown of one already seen is counted as a duplicate (by area), not kept.
///
/// Memory is bounded by what the baseline shows, not by the input: an observation that can no
/// longer be its indicator's headline whatever comes later (`surelyBreakdown`) is kept only while
/// it is the newest period of its indicator, area and breakdown — the baseline shows breakdowns
/// for each indicator's latest period only — and each period counts the ones let go
/// (`Period.replaced`) for the stage's note. The headline rule is decided from counts of every
/// observation (`Series.counts`), so letting rows go changes no choice.
///
/// Kept by area so that a programme's shared pass can keep every place's areas once and each
/// place read its own (`of(_:)`) as if it had kept them itself.
struct KeptObservations {
    /// One indicator in one area.
    final class Series {
        /// Its periods, by the period as published.
        var periods = [String: Period]()
        /// The observations with no category, by breakdown id: what the headline is chosen from.
        var counts = [Int]()
        /// Whether an observation carried the attribute `headline` (the source chose).
        var marked = false
        /// The best (lowest) rank of the sexes of its observations with no category.
        var bestSexRank = Int.max
        /// By sex id: the best rank of the ages of its observations with no category and that sex.
        var bestAgeRank = [Int]()
        /// By breakdown id: the periods seen, a bit per period id below 64 (for duplicates)…
        var seen = [UInt64]()
        /// …and `breakdown << 32 | period` for the others.
        var seenLater = Set<Int>()
        /// By breakdown id: the period of the newest observation of that breakdown kept.
        var newest = [Int32: Period]()
    }

    /// One indicator, area and period.
    final class Period {
        /// Where the period falls in time: what "newest" is judged by.
        let position: BaselineCore.Period.Position
        /// The observations that may be the headline, in arrival order, and their breakdown ids.
        var candidates = [Observation]()
        var candidateIDs = [Int32]()
        /// The breakdowns that cannot be the headline, while they are the newest of theirs.
        var breakdowns = [HeldBreakdown]()
        /// Breakdowns that cannot be the headline, let go for a newer period of theirs.
        var replaced = 0

        init(position: BaselineCore.Period.Position) {
            self.position = position
        }
    }

    /// A breakdown that cannot be the headline, in a fifth of the room of the `Observation` it
    /// came from (on the 10 M-row national file, 300 places hold about a million): its sex, age
    /// and category by breakdown id, where it came from by provenance id and line.
    struct HeldBreakdown {
        var breakdown: Int32
        var provenance: Int32
        var line: Int
        var column: Int
        var value: Double
        var lower: Double
        var upper: Double
        var count: Double
        var denominator: Double
        /// Bit 0: `value` is there; 1: `lower` and `upper`; 2: `count`; 3: `denominator`.
        var present: UInt8
        /// The index of the missing reason in `MissingReason.allCases`, or `UInt8.max`.
        var missing: UInt8
    }

    /// What a breakdown id stands for.
    struct BreakdownInfo {
        var breakdown: IndicatorsStage.Breakdown
        var sexID: Int
        /// 0 for `Persons`, 1 for `Total`, 2 for any other sex (the headline rule's preference).
        var sexRank: Int
        /// 0 for `All ages`, 1 for `total (all ages)`, 2 for any other age.
        var ageRank: Int
    }

    private var byArea = [String: [String: Series]]()
    private var duplicates = [String: Int]()
    private(set) var breakdowns = [BreakdownInfo]()
    private var breakdownIDs = [IndicatorsStage.Breakdown: Int32]()
    private var sexIDs = [String?: Int]()
    private var periodIDs = [String: Int]()
    /// Where each period met falls in time, by the period as published (read once each).
    private var positions = [String: BaselineCore.Period.Position]()
    private var provenances = [Provenance]()
    private var provenanceIDs = [Provenance: Int32]()
    private var lastProvenance = Provenance(source: "", file: "")
    private var lastProvenanceID: Int32 = -1
    private var lastArea = "", lastIndicator = ""
    private var lastSeries = Series()

    /// Keeps `record`, an observation of the catalogue indicator `id`. (Given the record, not the
    /// observation, so that the caller binds no copy of it.)
    mutating func keep(_ record: Record, indicator id: String) {
        guard case .observation(let observation) = record else { return }
        if observation.area != lastArea || id != lastIndicator {
            lastArea = observation.area
            lastIndicator = id
            if let known = byArea[lastArea]?[id] {
                lastSeries = known
            } else {
                lastSeries = Series()
                byArea[lastArea, default: [:]][id] = lastSeries
            }
        }
        let series = lastSeries
        let breakdown = breakdownID(IndicatorsStage.Breakdown(observation))
        guard firstSight(of: breakdown, in: observation.period, series) else {
            duplicates[observation.area, default: 0] += 1
            noteConflict(observation, indicator: id, breakdown: breakdown, series)
            return
        }
        let info = breakdowns[Int(breakdown)]
        if observation.attributes["headline"] != nil { series.marked = true }
        if info.breakdown.categoryType == nil {
            let index = Int(breakdown)
            if index >= series.counts.count { series.counts += repeatElement(0, count: index + 1 - series.counts.count) }
            series.counts[index] += 1
            series.bestSexRank = min(series.bestSexRank, info.sexRank)
            if info.sexID >= series.bestAgeRank.count {
                series.bestAgeRank += repeatElement(Int.max, count: info.sexID + 1 - series.bestAgeRank.count)
            }
            series.bestAgeRank[info.sexID] = min(series.bestAgeRank[info.sexID], info.ageRank)
        }
        let period: Period
        if let known = series.periods[observation.period] {
            period = known
        } else {
            period = Period(position: position(of: observation.period))
            series.periods[observation.period] = period
        }
        let newest = series.newest[breakdown]
        let isNewest = newest.map { $0.position < period.position } ?? true
        if surelyBreakdown(observation, info, series) {
            guard isNewest else {
                period.replaced += 1
                return
            }
            period.breakdowns.append(held(observation, breakdown: breakdown))
        } else {
            period.candidates.append(observation)
            period.candidateIDs.append(breakdown)
            guard isNewest else { return }
        }
        series.newest[breakdown] = period
        if let newest { letGo(breakdown, of: newest, series) }
    }

    /// A repeat that gives another number than the first kept for its indicator, period, area and
    /// breakdown: the file holds more than one series under one indicator id (an `indicator:`
    /// given for every row of a file of several measures, a breakdown column not read), and
    /// keeping the first would show one series' figure under another's name.
    struct Conflict {
        var indicator: String
        var area: String
        var period: String
        var first: Double
        var firstLine: Int?
        var repeated: Double
        var provenance: Provenance
    }

    /// By area: the first conflicting repeat, and how many there were.
    private var conflicts = [String: (first: Conflict, count: Int)]()

    /// Counts `observation`, a repeat, as a conflict when the first kept for its breakdown and
    /// period is still held and holds another number (repeats are rare: this looks only then).
    private mutating func noteConflict(_ observation: Observation, indicator id: String, breakdown: Int32, _ series: Series) {
        guard let repeated = observation.value.number, let period = series.periods[observation.period] else { return }
        var first: (value: Double, line: Int?)?
        if let index = period.candidateIDs.firstIndex(of: breakdown), let value = period.candidates[index].value.number {
            first = (value, period.candidates[index].provenance.line)
        } else if let held = period.breakdowns.first(where: { $0.breakdown == breakdown }), held.present & 1 != 0 {
            first = (held.value, held.line < 0 ? nil : held.line)
        }
        guard let first, first.value != repeated else { return }
        if let known = conflicts[observation.area] {
            conflicts[observation.area] = (known.first, known.count + 1)
        } else {
            conflicts[observation.area] = (Conflict(indicator: id, area: observation.area, period: observation.period, first: first.value,
                                                    firstLine: first.line, repeated: repeated, provenance: observation.provenance), 1)
        }
    }

    /// Where the period written `text` falls in time, remembered.
    private mutating func position(of text: String) -> BaselineCore.Period.Position {
        if let known = positions[text] { return known }
        let position = BaselineCore.Period.position(text)
        positions[text] = position
        return position
    }

    /// Lets the observation of `breakdown` in `period` go if it can no longer be the headline
    /// (a newer period of that breakdown has come).
    private func letGo(_ breakdown: Int32, of period: Period, _ series: Series) {
        if let index = period.breakdowns.firstIndex(where: { $0.breakdown == breakdown }) {
            period.breakdowns.swapAt(index, period.breakdowns.count - 1)
            period.breakdowns.removeLast()
            period.replaced += 1
        } else if let index = period.candidateIDs.firstIndex(of: breakdown),
                  surelyBreakdown(period.candidates[index], breakdowns[Int(breakdown)], series) {
            period.candidates.remove(at: index)
            period.candidateIDs.remove(at: index)
            period.replaced += 1
        }
    }

    /// Whether `observation` (of `series`, with the breakdown `info`) is not its indicator's
    /// headline for any place whose areas include its area, whatever comes later: the headline
    /// rule (`IndicatorsStage.Headline`) is decided from every observation of the indicator in
    /// the place's areas, which include all of `series`' so far.
    /// - With the attribute `headline`, the source decides: any value but `true` is a breakdown.
    /// - Without it, once an observation of the series had it, the source decides and this is not
    ///   its choice; a row with a category is never the headline.
    /// - Else a sex (or, for the same sex, an age) the rule prefers to this one has been seen in
    ///   the series: `Persons` before `Total` before any other sex, `All ages` before
    ///   `total (all ages)` before any other age. The rule picks a preferred one whenever
    ///   several are there, so this row's sex (or age) is never picked.
    private func surelyBreakdown(_ observation: Observation, _ info: BreakdownInfo, _ series: Series) -> Bool {
        if let headline = observation.attributes["headline"] { return headline != "true" }
        if series.marked || info.breakdown.categoryType != nil { return true }
        if series.bestSexRank < info.sexRank { return true }
        return info.sexID < series.bestAgeRank.count && series.bestAgeRank[info.sexID] < info.ageRank
    }

    /// `observation` (of the breakdown id `breakdown`) in its held form.
    private mutating func held(_ observation: Observation, breakdown: Int32) -> HeldBreakdown {
        var source = observation.provenance
        source.line = nil
        source.column = nil
        if source != lastProvenance || lastProvenanceID < 0 {
            lastProvenance = source
            if let known = provenanceIDs[source] {
                lastProvenanceID = known
            } else {
                lastProvenanceID = Int32(provenances.count)
                provenanceIDs[source] = lastProvenanceID
                provenances.append(source)
            }
        }
        var present: UInt8 = 0
        var missing = UInt8.max
        switch observation.value {
        case .number: present |= 1
        case .missing(let reason): missing = UInt8(MissingReason.allCases.firstIndex(of: reason)!)
        }
        if observation.lower != nil, observation.upper != nil { present |= 2 }
        if observation.count != nil { present |= 4 }
        if observation.denominator != nil { present |= 8 }
        return HeldBreakdown(breakdown: breakdown, provenance: lastProvenanceID,
                             line: observation.provenance.line ?? -1,
                             column: observation.provenance.column ?? -1,
                             value: observation.value.number ?? 0, lower: observation.lower ?? 0, upper: observation.upper ?? 0,
                             count: observation.count ?? 0, denominator: observation.denominator ?? 0,
                             present: present, missing: missing)
    }

    /// The breakdown `held` stands for, as the baseline shows it.
    func breakdown(_ held: HeldBreakdown) -> IndicatorBreakdown {
        let parts = breakdowns[Int(held.breakdown)].breakdown
        var provenance = provenances[Int(held.provenance)]
        provenance.line = held.line < 0 ? nil : held.line
        provenance.column = held.column < 0 ? nil : held.column
        return IndicatorBreakdown(sex: parts.sex, age: parts.age, categoryType: parts.categoryType, category: parts.category,
                                  value: held.present & 1 != 0 ? held.value : nil,
                                  missing: held.missing == .max ? nil : MissingReason.allCases[Int(held.missing)],
                                  ci95: held.present & 2 != 0 ? Interval(lower: held.lower, upper: held.upper) : nil,
                                  count: held.present & 4 != 0 ? held.count : nil,
                                  denominator: held.present & 8 != 0 ? held.denominator : nil, provenance: provenance)
    }

    /// Marks `breakdown` as seen in `period`; `false` when it already was (a duplicate).
    private mutating func firstSight(of breakdown: Int32, in period: String, _ series: Series) -> Bool {
        let periodID = periodIDs.id(for: period).id
        guard periodID < 64 else { return series.seenLater.insert(Int(breakdown) << 32 | periodID).inserted }
        let index = Int(breakdown), bit = UInt64(1) << UInt64(periodID)
        if index >= series.seen.count { series.seen += repeatElement(0, count: index + 1 - series.seen.count) }
        guard series.seen[index] & bit == 0 else { return false }
        series.seen[index] |= bit
        return true
    }

    private mutating func breakdownID(_ breakdown: IndicatorsStage.Breakdown) -> Int32 {
        if let id = breakdownIDs[breakdown] { return id }
        let id = Int32(breakdowns.count)
        breakdownIDs[breakdown] = id
        let sexID = sexIDs.id(for: breakdown.sex).id
        func rank(_ value: String?, _ preferred: [String]) -> Int {
            value.flatMap { value in preferred.firstIndex(of: value.lowercased()) } ?? preferred.count
        }
        breakdowns.append(BreakdownInfo(breakdown: breakdown, sexID: sexID,
                                        sexRank: rank(breakdown.sex, ["persons", "total"]),
                                        ageRank: rank(breakdown.age, ["all ages", "total (all ages)"])))
        return id
    }

    /// How many observations are held: the rows that may be the headline and the breakdowns not let go.
    var held: Int {
        byArea.values.reduce(0) { total, area in
            area.values.reduce(total) { total, series in
                series.periods.values.reduce(total) { $0 + $1.candidates.count + $1.breakdowns.count }
            }
        }
    }

    /// The series kept of the areas `areas` (by indicator, then area), and how many of their
    /// observations repeated one seen.
    func of(_ areas: Set<String>) -> (series: [(indicator: String, area: String, series: Series)], duplicates: Int) {
        var found = [(indicator: String, area: String, series: Series)]()
        var repeated = 0
        for area in areas {
            for (indicator, series) in byArea[area] ?? [:] { found.append((indicator, area, series)) }
            repeated += duplicates[area] ?? 0
        }
        found.sort { ($0.indicator, $0.area) < ($1.indicator, $1.area) }
        return (found, repeated)
    }

    /// The conflicting repeats (see `Conflict`) in the areas `areas`: the first, by area code,
    /// and how many in all; `nil` when there were none.
    func conflicts(in areas: Set<String>) -> (first: Conflict, count: Int)? {
        let found = areas.sorted().compactMap { conflicts[$0] }
        guard let first = found.first else { return nil }
        return (first.first, found.reduce(0) { $0 + $1.count })
    }
}
