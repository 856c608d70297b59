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
        /// The definition's id.
        let id: String?
        /// The id each of the tally's `AreaRanges` knows the indicator by, for a known one.
        let rangeIDs: [Int32]
        /// The first of `rangeIDs` (read for every observation, without the array).
        let firstRangeID: Int32
        /// (Read for every observation by the tally alone, on one thread: no dynamic exclusivity checks.)
        @exclusivity(unchecked) var periods = [(period: String, slot: Int)]()
        /// Whether the catalogue has the indicator (read for every observation, without copying
        /// the definition).
        let known: Bool

        init(definition: IndicatorDefinition?, ranges: [AreaRanges]) {
            self.definition = definition
            id = definition?.id
            rangeIDs = id.map { id in ranges.map { $0.indicatorID(of: id) } } ?? []
            firstRangeID = rangeIDs.first ?? 0
            known = definition != nil
        }
    }

    /// Old code → current code: an area's previous codes, whose figures are the area's.
    private let successors: [String: String]
    private let catalogue: IndicatorCatalogue
    private let aggregate: IndicatorsConfiguration.Aggregate
    /// Each class of place code (`AreaRanges.codeClass(of:)`) with its ranges.
    private let ranges: [(codeClass: String?, ranges: AreaRanges)]
    /// `ranges`' tallies alone, for the loop over every observation: the first (a `let` of
    /// its own, which a call reads in place, where an array's element is retained and released
    /// around each call) and the others.
    private let firstRanges: AreaRanges?
    private let otherRanges: ArraySlice<AreaRanges>
    /// Observations of a known indicator with an area already in the mean of their indicator and period.
    private(set) var repeatedInMeans = 0
    /// Observations by indicator id outside the catalogue.
    private(set) var uncatalogued = [String: Int]()
    /// The `indicator_name` of the first observation of each uncatalogued id that has one: a
    /// file whose indicator and name columns are swapped has the catalogue's names there.
    private(set) var uncataloguedNames = [String: String]()
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
    /// The last observation's indicator, and its bytes (compared with the next one's first).
    @exclusivity(unchecked) private var lastIndicator = ""
    @exclusivity(unchecked) private var lastIndicatorBytes = ValueBytes("")
    @exclusivity(unchecked) private var lastSlots = Slots(definition: nil, ranges: [])
    /// `slots`' entries looked up last (a file's indicators come in turn).
    @exclusivity(unchecked) private var recentSlots = RecentTexts<Slots>(capacity: 16)
    /// The last observation's area, and its bytes (compared with the next one's first).
    @exclusivity(unchecked) private var lastArea = ""
    @exclusivity(unchecked) private var lastAreaBytes = ValueBytes("")
    /// Every area with an observation of a catalogued indicator, with the name its file gives
    /// it (`""` when none), and the files they came from in the order first met: what a
    /// benchmark's code found in none of them is checked against. Filled at a change of area.
    @exclusivity(unchecked) private(set) var areasSeen = [String: String]()
    @exclusivity(unchecked) private(set) var files = [String]()
    /// Small ids for the areas seen, for the means' bit sets (only with `aggregate`).
    /// (`""`, the area before the first, has id 0, like `lastAreaID`.)
    @exclusivity(unchecked) private var areaIDs: [String: Int32] = ["": 0]
    @exclusivity(unchecked) private var lastAreaID: Int32 = 0
    /// The attributes of the last observation (kept, so that its storage is neither changed in place nor freed and reused: see `Dictionary.sharesStorage(with:)`), and
    /// whether they have no category.
    @exclusivity(unchecked) private var lastAttributes = [String: String]()
    @exclusivity(unchecked) private var lastAttributesBytes = ValueBytes([:])
    @exclusivity(unchecked) private var lastUncategorised = true

    /// Starts empty, with ranges for the places with the area codes `places`, keeping the
    /// observations of the areas `keeping`, the ranges reading areas' figures under their
    /// previous codes `successors` (old code → current code).
    init(catalogue: IndicatorCatalogue, aggregate: IndicatorsConfiguration.Aggregate, places: [String], keeping: Set<String> = [],
         successors: [String: String] = [:]) {
        self.catalogue = catalogue
        self.aggregate = aggregate
        self.keeping = keeping
        var classes = [String?]()
        for place in places {
            let codeClass = AreaRanges.codeClass(of: place)
            if !classes.contains(codeClass) { classes.append(codeClass) }
        }
        ranges = classes.map { ($0, AreaRanges(codeClass: $0, successors: successors)) }
        self.successors = successors
        firstRanges = ranges.first?.ranges
        otherRanges = ranges.map(\.ranges).dropFirst()
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
    /// binds fields only, compares the indicator and the area with the last by their bytes
    /// (`ValueBytes`), hands `AreaRanges` the fields and the indicator's id, and gives the rare
    /// paths that keep something the record (one reference), so that no field is copied — a
    /// retain and a release each — for every observation.
    func add(_ records: UnsafeBufferPointer<Record>) {
        for index in records.indices {
            guard case .observation(let read) = records[index] else { continue }
            // The bytes are taken before any call (a field read after one is copied where the
            // observation is bound), and the observation bound again after the changes.
            let indicator = ValueBytes(read.indicator), area = ValueBytes(read.area)
            if indicator != lastIndicatorBytes { switchIndicator(records[index]) }
            guard lastSlots.known else {
                countUncatalogued(records[index])
                continue
            }
            if area != lastAreaBytes { switchArea(records[index]) }
            guard case .observation(let observation) = records[index] else { continue }
            guard case .number(let value) = observation.value else {
                if lastAreaKept { keep(records[index]) }
                continue
            }
            if aggregate == .meanByIndicatorPeriod, uncategorised(observation.attributes),
               !addToMean(value, period: observation.period) {
                startMean(value, records[index])
            }
            firstRanges?.add(indicatorID: lastSlots.firstRangeID, value: value, area: observation.area,
                             period: observation.period, attributes: observation.attributes)
            if !otherRanges.isEmpty {
                addToOtherRanges(value, area: observation.area, period: observation.period, attributes: observation.attributes)
            }
            if lastAreaKept { keep(records[index]) }
        }
    }

    // The paths below are taken at a change of indicator or area, or rarely: kept out of line,
    // so that the loop, where they would be inlined, does not copy the fields they store (for
    // every observation, as the copies are made where the observation is bound).

    @inline(never)
    private func countUncatalogued(_ record: Record) {
        guard case .observation(let observation) = record else { return }
        uncatalogued[observation.indicator, default: 0] += 1
        if uncataloguedNames[observation.indicator] == nil, let name = observation.attributes["indicator_name"] {
            uncataloguedNames[observation.indicator] = name
        }
    }

    /// Adds a number to `otherRanges` (in a programme of places with codes of more than one class).
    @inline(never)
    private func addToOtherRanges(_ value: Double, area: String, period: String, attributes: [String: String]) {
        for (offset, tally) in otherRanges.enumerated() {
            tally.add(indicatorID: lastSlots.rangeIDs[offset + 1], value: value, area: area, period: period, attributes: attributes)
        }
    }

    /// Keeps `record`, an observation of the current (known) indicator.
    @inline(never)
    private func keep(_ record: Record) {
        guard let id = lastSlots.id else { return }
        kept.keep(record, indicator: id)
    }

    /// Whether `attributes` has no `category_type` (or an empty one): worked out once for each
    /// dictionary, as readers hand the same one to a run of observations (see `AreaRanges`).
    private func uncategorised(_ attributes: [String: String]) -> Bool {
        if ValueBytes(attributes) != lastAttributesBytes { switchAttributes(to: attributes) }
        return lastUncategorised
    }

    @inline(never)
    private func switchAttributes(to attributes: [String: String]) {
        lastAttributes = attributes
        lastAttributesBytes = ValueBytes(lastAttributes)
        lastUncategorised = (attributes["category_type"] ?? "").isEmpty
    }

    @inline(never)
    private func switchIndicator(_ record: Record) {
        guard case .observation(let observation) = record else { return }
        let indicator = observation.indicator
        lastIndicator = indicator
        lastIndicatorBytes = ValueBytes(lastIndicator)
        if let recent = recentSlots.value(for: indicator) {
            lastSlots = recent
            return
        }
        if let known = slots[indicator] {
            lastSlots = known
        } else {
            lastSlots = Slots(definition: catalogue.resolve(indicator), ranges: firstRanges.map { [$0] + otherRanges } ?? [])
            slots[indicator] = lastSlots
        }
        recentSlots.remember(indicator, lastSlots)
    }

    @inline(never)
    private func switchArea(_ record: Record) {
        guard case .observation(let observation) = record else { return }
        lastArea = observation.area
        lastAreaBytes = ValueBytes(lastArea)
        lastAreaKept = keeping.contains(lastArea)
        if areasSeen[lastArea] == nil { areasSeen[lastArea] = observation.areaName ?? "" }
        if files.last != observation.provenance.file, !files.contains(observation.provenance.file) { files.append(observation.provenance.file) }
        // An area's figure under its previous code is the area's: counted once in a mean, as
        // in its range (Sheffield under E08000019 and E08000039 was two areas of the mean).
        if aggregate == .meanByIndicatorPeriod { lastAreaID = areaID(successors[lastArea] ?? lastArea) }
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
        // By index: binding each entry copied its period (a retain and a release).
        let periods = lastSlots.periods
        for index in periods.indices where periods[index].period == period {
            let slot = periods[index].slot
            if means[slot].enter(lastAreaID) {
                means[slot].sum += value
                means[slot].values += 1
            } else {
                repeatedInMeans += 1
            }
            return true
        }
        return false
    }

    @inline(never)
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
