import BaselineCore
import BaselineIndicators
import BaselineSchema

/// What the `indicators` stage works out over every area of its input, not only the place's:
/// observations of indicators outside the catalogue, the means over areas (`aggregate:`), and
/// the ranges across areas, one `AreaRanges` for each class of place code it is made for.
///
/// A one-place run's stage fills one of its own. In a routed programme (see `AreaRoutedStage`)
/// one is filled once, as the shared pass, from every observation of the shared file, and every
/// place's stage reads it when it finishes: the same figures, from the same observations in the
/// same order. The shared pass also keeps the observations of every place's areas (`kept`),
/// once: England's rows are then held once, not once a place, and a place is given none.
final class AreaTally: SharedAreaPass, @unchecked Sendable {
    /// A running mean over areas, with the areas in it (bit `i` for area id `i`), so that an
    /// area repeated in the input counts once.
    struct Mean {
        var sum = 0.0
        var values = 0
        var provenance: Provenance
        var areas = [UInt64]()

        /// Marks `area` as in the mean; `false` when it already was.
        mutating func enter(_ area: Int32) -> Bool {
            let word = Int(area) >> 6, bit = UInt64(1) << (UInt64(area) & 63)
            if word >= areas.count { areas += repeatElement(0, count: word + 1 - areas.count) }
            guard areas[word] & bit == 0 else { return false }
            areas[word] |= bit
            return true
        }
    }

    /// What the tally knows about one indicator id: its definition and, per period, where its
    /// running mean is. Observations come in runs of one indicator, so the last one is kept at hand.
    final class Slots {
        let definition: IndicatorDefinition?
        /// The definition's id (read for every observation, without copying the definition).
        let id: String?
        /// (Read for every observation by the tally alone, on one thread: no dynamic exclusivity checks.)
        @exclusivity(unchecked) var periods = [(period: String, slot: Int)]()
        var known: Bool { definition != nil }

        init(definition: IndicatorDefinition?) {
            self.definition = definition
            id = definition?.id
        }
    }

    private let catalogue: IndicatorCatalogue
    private let aggregate: IndicatorsConfiguration.Aggregate
    /// Each class of place code (`AreaRanges.codeClass(of:)`) with its ranges.
    private let ranges: [(codeClass: String?, ranges: AreaRanges)]
    /// `ranges`' tallies alone, for the loop over every observation.
    private let rangeTallies: [AreaRanges]
    /// Observations of a known indicator with an area already in the mean of their indicator and period.
    private(set) var repeatedInMeans = 0
    /// Observations by indicator id outside the catalogue.
    private(set) var uncatalogued = [String: Int]()
    /// Every indicator id seen.
    // Touched for every observation by this class alone, on one thread: the dynamic
    // exclusivity checks Swift would add to each access are left out.
    @exclusivity(unchecked) private(set) var slots = [String: Slots]()
    /// The means, as `slots`' periods point to them.
    @exclusivity(unchecked) private(set) var means = [Mean]()
    /// The observations of the areas `keeping` (none for a one-place stage's tally).
    @exclusivity(unchecked) private(set) var kept = KeptObservations()
    private let keeping: Set<String>
    @exclusivity(unchecked) private var lastAreaKept = false
    @exclusivity(unchecked) private var lastIndicator = ""
    @exclusivity(unchecked) private var lastSlots = Slots(definition: nil)
    @exclusivity(unchecked) private var lastArea = ""
    /// Small ids for the areas seen, for the means' bit sets (only with `aggregate`).
    /// (`""`, the area before the first, has id 0, like `lastAreaID`.)
    @exclusivity(unchecked) private var areaIDs: [String: Int32] = ["": 0]
    @exclusivity(unchecked) private var lastAreaID: Int32 = 0
    /// The attributes of the last observation (kept, so that its storage is neither changed in place nor freed and reused: see `Dictionary.sharesStorage(with:)`), and
    /// whether they have no category.
    @exclusivity(unchecked) private var lastAttributes = [String: String]()
    @exclusivity(unchecked) private var lastUncategorised = true

    /// Starts empty, with ranges for the places with the area codes `places`, keeping the
    /// observations of the areas `keeping`.
    init(catalogue: IndicatorCatalogue, aggregate: IndicatorsConfiguration.Aggregate, places: [String], keeping: Set<String> = []) {
        self.catalogue = catalogue
        self.aggregate = aggregate
        self.keeping = keeping
        var classes = [String?]()
        for place in places {
            let codeClass = AreaRanges.codeClass(of: place)
            if !classes.contains(codeClass) { classes.append(codeClass) }
        }
        ranges = classes.map { ($0, AreaRanges(codeClass: $0)) }
        rangeTallies = ranges.map(\.ranges)
    }

    /// The ranges across areas for the place with the area code `place` (one of those the tally
    /// was made for).
    func ranges(for place: String) -> AreaRanges? {
        let codeClass = AreaRanges.codeClass(of: place)
        return ranges.first { $0.codeClass == codeClass }?.ranges
    }

    func add(_ batch: RecordBatch) {
        batch.records.withUnsafeBufferPointer { add($0) }
    }

    /// Takes every observation of `records`, in order. Observations are read in place: the loop
    /// binds fields only (`AreaRanges` is given the fields, not the observation), and the rare
    /// paths that keep something get the record (one reference), so no observation is copied.
    func add(_ records: UnsafeBufferPointer<Record>) {
        for index in records.indices {
            guard case .observation(let observation) = records[index] else { continue }
            if observation.indicator != lastIndicator { switchIndicator(to: observation.indicator) }
            guard let id = lastSlots.id else {
                uncatalogued[observation.indicator, default: 0] += 1
                continue
            }
            if observation.area != lastArea {
                lastArea = observation.area
                lastAreaKept = keeping.contains(lastArea)
                if aggregate == .meanByIndicatorPeriod { lastAreaID = areaID(lastArea) }
            }
            guard case .number(let value) = observation.value else {
                if lastAreaKept { kept.keep(records[index], indicator: id) }
                continue
            }
            if aggregate == .meanByIndicatorPeriod, uncategorised(observation.attributes),
               !addToMean(value, period: observation.period) {
                startMean(value, records[index])
            }
            for tally in rangeTallies {
                tally.add(indicator: id, value: value, area: observation.area, period: observation.period,
                          attributes: observation.attributes)
            }
            if lastAreaKept { kept.keep(records[index], indicator: id) }
        }
    }

    /// Whether `attributes` has no `category_type` (or an empty one): worked out once for each
    /// dictionary, as readers hand the same one to a run of observations (see `AreaRanges`).
    private func uncategorised(_ attributes: [String: String]) -> Bool {
        if !attributes.sharesStorage(with: lastAttributes) {
            lastAttributes = attributes
            lastUncategorised = (attributes["category_type"] ?? "").isEmpty
        }
        return lastUncategorised
    }

    private func switchIndicator(to indicator: String) {
        lastIndicator = indicator
        if let known = slots[indicator] {
            lastSlots = known
        } else {
            lastSlots = Slots(definition: catalogue.resolve(indicator))
            slots[indicator] = lastSlots
        }
    }

    private func areaID(_ area: String) -> Int32 {
        if let id = areaIDs[area] { return id }
        let id = Int32(areaIDs.count)
        areaIDs[area] = id
        return id
    }

    /// Adds `value` to the running mean of the current indicator and `period` (once per area);
    /// `false` when there is none yet.
    private func addToMean(_ value: Double, period: String) -> Bool {
        for entry in lastSlots.periods where entry.period == period {
            if means[entry.slot].enter(lastAreaID) {
                means[entry.slot].sum += value
                means[entry.slot].values += 1
            } else {
                repeatedInMeans += 1
            }
            return true
        }
        return false
    }

    private func startMean(_ value: Double, _ record: Record) {
        guard case .observation(let observation) = record else { return }
        lastSlots.periods.append((observation.period, means.count))
        var source = observation.provenance
        source.line = nil
        source.column = nil
        source.path = nil
        var mean = Mean(sum: value, values: 1, provenance: source)
        _ = mean.enter(lastAreaID)
        means.append(mean)
    }
}
