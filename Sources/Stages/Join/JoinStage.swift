import BaselineCore
import BaselineFormat
import BaselineIndicators
import BaselineSchema
import BaselineStatistics
import Foundation

/// `join`: puts observations on today's geography. Area names become codes (through the
/// lookup's names and an alias table), old codes become their successors, malformed codes are
/// rejected, and small areas are rolled up to the areas that contain them: counts and
/// denominators summed, means and scores weighted by population — never a plain mean of rates.
///
/// Every observation is passed on (with its area put right). The rolled-up observations are held
/// until the sources are exhausted and then flushed to the later stages; where the input already
/// has a published value for the larger area, the published one is kept and the roll-up is only
/// a check, noted in data quality.
public final class JoinStage: StagePlugin, Stage {
    public typealias Configuration = JoinConfiguration

    public static let kind = "join"
    public static let summary = "Area names to codes, code changes, and small areas rolled up to the place (counts summed, means weighted)"
    public static let options: [OptionDoc] = [
        OptionDoc("lookup", "path", "The geography lookup as ONS publishes it: CSV with code and name column pairs (`LSOA21CD`, `LSOA21NM`, `LAD23CD`…)."),
        OptionDoc("from", "column", "The lookup column of the small areas to roll up (e.g. `LSOA21CD`)."),
        OptionDoc("to", "column", "The lookup column of the areas to roll up to (e.g. `LAD23CD`)."),
        OptionDoc("catalogue", "path", "The indicator catalogue: an indicator's value type decides how it rolls up."),
        OptionDoc("aliases", "path", default: "none", "A CSV of alias,code: other names areas go by (\"Bristol, City of\" → E06000023)."),
        OptionDoc("code_changes", "path", default: "none", "A CSV of `old code,new code` (more columns are ignored): areas whose code changed. A code that changed twice goes to its latest code. The table is recorded in `baseline.json` (`code_changes`), where `baseline diff` finds it: keep it to the codes that matter to the place and its benchmarks."),
        OptionDoc("population", "indicator id", default: "none", "The indicator holding each small area's population, to weight means and scores; without it, the denominator is used where there is one."),
        OptionDoc("built_in_code_changes", "bool", default: "true",
                  "Put the lookup's larger areas given under a code since replaced one for one on their current code, by the built-in table of 1:1 code changes after minor boundary changes (Barnsley E08000016 → E08000038, Sheffield E08000019 → E08000039…, the `indicators` stage's), as by the one-for-one rows of `code_changes`; `false` switches the built-in table off. Never through a merger."),
    ]
    public static let contract = StageContract(records: [.observation], provides: [.placedObservations])
    public static let sampleConfiguration = """
        stage: join
        lookup: ../samples/millbrook/area-lookup.csv
        from: LSOA21CD
        to: LAD23CD
        catalogue: ../samples/millbrook/indicators.yaml
        aliases: ../samples/millbrook/area-aliases.csv
        code_changes: ../samples/millbrook/code-changes.csv
        """

    public static func makeStage(configuration: Configuration, context: StageContext) throws -> any Stage {
        JoinStage(configuration: configuration, placeCode: context.pipeline.placeCode)
    }

    // MARK: - Runtime

    private struct Key: Hashable, Comparable {
        var area: String
        var indicator: String
        var period: String
        static func < (a: Key, b: Key) -> Bool { (a.indicator, a.period, a.area) < (b.indicator, b.period, b.area) }
    }

    /// What the small areas of one larger area contribute to one indicator and period.
    private struct RollUp {
        var areas = Set<String>()
        var count = 0.0, denominator = 0.0, sum = 0.0
        var withCounts = 0
        /// The counts of the small areas that have one, with or without a denominator (a count
        /// of events, `value_type: count`), and how many have one.
        var events = 0.0, withEvents = 0
        var values = [(area: String, value: Double, denominator: Double?)]()
        var missing: MissingReason?
        var provenance: Provenance
    }

    private let configuration: Configuration
    /// The place: its own small areas' values are kept for the baseline's `small_areas`.
    private let placeCode: String
    /// The place's small areas' values by catalogue id, period and area, the first of each.
    private var placeSmallAreas = [Key: SmallAreaValue]()
    private var rollUps = [Key: RollUp]()
    /// What the input publishes for the larger areas, missing values included.
    private var published = [Key: Value]()
    private var population = [Key: Double]()
    private var unmatched = [String: Int]()
    private var renamed = 0, recoded = 0, repeated = 0
    /// The lookup's larger areas under a code since replaced one for one whose small areas had
    /// observations, by old code (`AreaLookup.recodedAreas`), for the note that says so.
    private var recodedUsed = Set<String>()
    /// What `flush` wrote: roll-ups, and those of them left missing.
    private var flushed = (written: 0, missing: 0)
    /// The first roll-up left missing because small areas of the lookup had no figure: the
    /// larger area, what it is of, and those small areas (for the note: a lookup of another
    /// vintage than the file's small-area codes leaves every roll-up missing).
    private var firstAbsent: (area: String, what: String, absent: [String], of: Int)?

    /// Makes the stage for a place: the values of the place's own small areas (those the lookup
    /// rolls up to `placeCode`) are kept in the baseline.
    public init(configuration: Configuration, placeCode: String) {
        self.configuration = configuration
        self.placeCode = placeCode
    }

    public func process(_ batch: consuming RecordBatch) throws -> RecordBatch {
        var out = RecordBatch(records: [], rejects: batch.rejects)
        out.records.reserveCapacity(batch.records.count)
        let lookup = configuration.areas
        for record in batch.records {
            guard case .observation(var observation) = record else {
                out.records.append(record)
                continue
            }
            if !AreaCode.isGSS(observation.area) {
                if let code = lookup.code(forName: observation.area) {
                    observation.areaName = observation.areaName ?? observation.area
                    observation.area = code
                    renamed += 1
                } else if AreaLookup.looksLikeCode(observation.area) {
                    out.rejects.append(Reject(provenance: observation.provenance,
                                              reason: "'\(observation.area)' is not a GSS code (a letter E, K, N, S or W and 8 digits)"))
                    continue
                } else {
                    unmatched[observation.area, default: 0] += 1
                }
            }
            if let successor = lookup.successors[observation.area] {
                observation.attributes["previous_code"] = observation.area
                observation.area = successor
                recoded += 1
            }
            let key = Key(area: observation.area, indicator: observation.indicator, period: observation.period)
            if observation.indicator == configuration.population, let value = observation.value.number {
                population[key] = value
            }
            if let large = lookup.parent[observation.area] {
                add(observation, to: Key(area: large, indicator: observation.indicator, period: observation.period))
                if large == placeCode { keepSmallArea(observation) }
                if let previous = lookup.previousParent[observation.area] { recodedUsed.insert(previous) }
            } else if lookup.size[observation.area] != nil {
                published[key] = observation.value
            } else if let current = lookup.oneForOne[observation.area]?.new, lookup.size[current] != nil {
                // Published under the area's previous code (ONS files Barnsley's figures under
                // E08000016): the larger area's published value, unless its own code has one.
                let currentKey = Key(area: current, indicator: observation.indicator, period: observation.period)
                if published[currentKey] == nil { published[currentKey] = observation.value }
            }
            out.records.append(.observation(observation))
        }
        return out
    }

    private func add(_ observation: Observation, to key: Key) {
        var provenance = observation.provenance
        provenance.line = nil
        provenance.column = nil
        var rollUp = rollUps[key] ?? RollUp(provenance: provenance)
        guard rollUp.areas.insert(observation.area).inserted else {
            repeated += 1
            return
        }
        switch observation.value {
        case .missing(let reason):
            rollUp.missing = rollUp.missing ?? reason
        case .number(let value):
            rollUp.sum += value
            rollUp.values.append((observation.area, value, observation.denominator))
            if let count = observation.count {
                rollUp.events += count
                rollUp.withEvents += 1
            }
            if let count = observation.count, let denominator = observation.denominator {
                rollUp.count += count
                rollUp.denominator += denominator
                rollUp.withCounts += 1
            }
        }
        rollUps[key] = rollUp
    }

    /// Keeps a value of one of the place's small areas, under its catalogue id (the first of an
    /// indicator, period and area, as the roll-up does).
    private func keepSmallArea(_ observation: Observation) {
        guard let id = configuration.catalogue.resolve(observation.indicator)?.id else { return }
        let key = Key(area: observation.area, indicator: id, period: observation.period)
        guard placeSmallAreas[key] == nil else { return }
        var missing: MissingReason?
        if case .missing(let reason) = observation.value { missing = reason }
        placeSmallAreas[key] = SmallAreaValue(
            indicator: id, area: observation.area, name: observation.areaName ?? configuration.areas.smallAreaNames[observation.area],
            period: observation.period, value: observation.value.number, missing: missing,
            count: observation.count, denominator: observation.denominator, provenance: observation.provenance)
    }

    /// The roll-ups of larger areas the input has no published value for.
    public func flush() throws -> RecordBatch {
        var out = RecordBatch()
        for (key, rollUp) in rollUps.sorted(by: { $0.key < $1.key }) where published[key] == nil {
            guard let definition = configuration.catalogue.resolve(key.indicator) else { continue }
            var provenance = rollUp.provenance
            provenance.path = "rolled up from \(rollUp.areas.count) areas by \(configuration.lookupPath.path)"
            let (value, count, denominator) = rolledUp(rollUp, key: key, definition: definition)
            flushed.written += 1
            if value.number == nil {
                flushed.missing += 1
                let expected = configuration.areas.size[key.area] ?? rollUp.areas.count
                if firstAbsent == nil, rollUp.missing == nil, rollUp.areas.count < expected {
                    let absent = configuration.areas.parent.filter { $0.value == key.area && !rollUp.areas.contains($0.key) }.keys.sorted()
                    firstAbsent = (key.area, "\(key.indicator) for \(key.period)", absent, expected)
                }
            }
            out.records.append(.observation(Observation(area: key.area, period: key.period, indicator: key.indicator, value: value,
                                                        count: count, denominator: denominator,
                                                        attributes: ["rolled_up_from": String(rollUp.areas.count)], provenance: provenance)))
        }
        return out
    }

    /// The note for a larger area the lookup gives under `old`, a code since replaced one for one:
    /// the old and new codes, and where the stage knows the change from.
    private func recodedNote(_ old: String) -> String {
        let lookup = configuration.areas
        guard let (new, smallAreas) = lookup.recodedAreas[old], let origin = lookup.oneForOne[old]?.origin else { return "" }
        let named: String, change: String
        switch origin {
        case .builtIn(let name, let since):
            named = "\(old) (\(name))"
            change = "replaced by \(new) in \(since) after a boundary change (the built-in table of 1:1 code changes; `built_in_code_changes: false` leaves it out)"
        case .table(let path):
            named = old
            change = "replaced by \(new) (the stage's `code_changes` table \(path))"
        }
        return "\(configuration.lookupPath.path) gives \(Wording.count(smallAreas, "small area")) to \(named), a code \(change): "
            + "\(smallAreas == 1 ? "it is" : "they are") rolled up to \(new)."
    }

    /// The larger area's value: missing when any small area is missing or some are absent.
    private func rolledUp(_ rollUp: RollUp, key: Key, definition: IndicatorDefinition) -> (Value, Double?, Double?) {
        let expected = configuration.areas.size[key.area] ?? rollUp.areas.count
        if let reason = rollUp.missing { return (.missing(reason), nil, nil) }
        guard rollUp.areas.count == expected else { return (.missing(.notAvailable), nil, nil) }
        switch definition.valueType {
        case .proportion, .rate:
            guard rollUp.withCounts == rollUp.areas.count, rollUp.denominator > 0 else { return (.missing(.notAvailable), nil, nil) }
            return (.number(rounded(rollUp.count / rollUp.denominator * definition.multiplier, places: 6)), rollUp.count, rollUp.denominator)
        case .count:
            // The count of events too, when every small area has one (police-uk's crimes).
            return (.number(rollUp.sum), rollUp.withEvents == rollUp.areas.count ? rollUp.events : nil, nil)
        case .mean, .score:
            var weighted = 0.0, weights = 0.0
            for entry in rollUp.values {
                let weight = configuration.population.flatMap { population[Key(area: entry.area, indicator: $0, period: key.period)] }
                    ?? entry.denominator
                guard let weight, weight > 0 else { return (.missing(.notAvailable), nil, nil) }
                weighted += weight * entry.value
                weights += weight
            }
            return (.number(rounded(weighted / weights, places: 6)), nil, nil)
        }
    }

    public func finish(into document: inout BaselineDocument) throws {
        // Each indicator's latest period only: what a map of the place is shaded by.
        var latest = [String: String]()
        for key in placeSmallAreas.keys where latest[key.indicator].map({ Period.isBefore($0, key.period) }) ?? true {
            latest[key.indicator] = key.period
        }
        let kept = placeSmallAreas.filter { latest[$0.key.indicator] == $0.key.period }.sorted { $0.key < $1.key }.map(\.value)
        if !kept.isEmpty { document.smallAreas = (document.smallAreas ?? []) + kept }
        // The whole table, not only the codes this year's data used: it is there to match an
        // earlier baseline, whose areas may carry codes this year's data no longer does.
        let successors = configuration.areas.successors
        if !successors.isEmpty {
            document.codeChanges = (document.codeChanges ?? [:]).merging(successors) { _, new in new }
        }
        var notes = [String]()
        if flushed.written > flushed.missing {
            notes.append("\(Wording.count(flushed.written - flushed.missing, "value")) rolled up from small areas by \(configuration.lookupPath.path).")
        }
        if flushed.missing > 0 {
            var note = "\(Wording.count(flushed.missing, "roll-up")) left missing: a small area's value, count, denominator or weight was missing or absent (never computed from part of an area)."
            if let first = firstAbsent {
                let shown = first.absent.prefix(3).joined(separator: ", ") + (first.absent.count > 3 ? " and \(first.absent.count - 3) more" : "")
                note += " The first, \(first.area)'s \(first.what), has no figure for \(Wording.count(first.absent.count, "small area")) of the \(first.of) the lookup puts in it (\(shown)):"
                    + " check that the lookup's small-area codes are those of the file (LSOA 2011 and 2021 codes differ)."
            }
            notes.append(note)
        }
        if repeated > 0 {
            notes.append("\(Wording.count(repeated, "small-area observation")) repeated an indicator and period already seen for the area; the first was rolled up.")
        }
        // Where both exist, the roll-up checks the published value.
        var largest = 0.0, disagreeing = [String]()
        let checked = rollUps.filter { published[$0.key] != nil }
        for (key, rollUp) in checked.sorted(by: { $0.key < $1.key }) {
            guard let definition = configuration.catalogue.resolve(key.indicator), case .number(let mine) = rolledUp(rollUp, key: key, definition: definition).0,
                  let theirs = published[key]?.number, theirs != 0 else { continue }
            let difference = abs(mine - theirs) / abs(theirs)
            largest = max(largest, difference)
            if difference > 0.01 { disagreeing.append("\(key.indicator) \(key.period) \(key.area)") }
        }
        if !checked.isEmpty {
            notes.append("\(Wording.count(checked.count, "published value")) kept where small areas could also be rolled up; "
                         + (disagreeing.isEmpty ? "the roll-ups agree with them within \(String(format: "%.1f", 100 * largest))%."
                                                : "the roll-ups differ by more than 1% for " + disagreeing.prefix(5).joined(separator: ", ") + "."))
        }
        if renamed > 0 { notes.append("\(Wording.count(renamed, "observation")) named " + (renamed == 1 ? "its" : "their") + " area; matched to codes through the lookup and aliases.") }
        if recoded > 0 { notes.append("\(Wording.count(recoded, "observation")) used an old area code, mapped to its successor.") }
        notes += recodedUsed.sorted().map(recodedNote)
        if !unmatched.isEmpty {
            var names = document.dataQuality.unmatchedAreas ?? [:]
            names.merge(unmatched, uniquingKeysWith: +)
            document.dataQuality.unmatchedAreas = names
            notes.append("\(Wording.count(unmatched.count, "area name")) matched no code and were kept as written: "
                         + unmatched.keys.sorted().prefix(5).map { "'\($0)'" }.joined(separator: ", ") + " — add them to the alias table.")
        }
        document.dataQuality.notes += notes
    }
}
