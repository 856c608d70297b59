import BaselineCore
import BaselineFormat
import BaselineIndicators
import BaselineSchema
import BaselineStatistics

/// `indicators`: puts the place's observations into the baseline, named, united and given a
/// polarity by the indicator catalogue, with where each came from; reports observations of
/// indicators the catalogue does not know and missing values by reason.
///
/// State is bounded by the chosen areas' observations (a few hundred) and, with
/// `aggregate: mean_by_indicator_period`, by indicators × periods — never by the input's size.
/// Every batch is passed on unchanged, so a later stage (benchmarks) sees the same records.
public final class IndicatorsStage: StagePlugin, Stage {
    public typealias Configuration = IndicatorsConfiguration

    public static let kind = "indicators"
    public static let summary = "The place's indicator values from observations, named by a catalogue, with provenance and missing values by reason"
    public static let options: [OptionDoc] = [
        OptionDoc("catalogue", "path", "The indicator catalogue (YAML or CSV): id, name, unit, value_type, multiplier, polarity, theme, also_named."),
        OptionDoc("areas", "list of area codes", default: "the place and its benchmarks", "The areas whose observations go into the baseline."),
        OptionDoc("aggregate", "none | mean_by_indicator_period", default: "none",
                  "Also add, per indicator and period, the mean of every area's value (missing values left out), as area '*'."),
        OptionDoc("code_changes", "path", default: "none",
                  "A CSV of `old code,new code` (the `join` stage's table; more columns are ignored): an area's figures published under its old code are used for the new one. Added to the built-in table, and winning over it."),
        OptionDoc("built_in_code_changes", "bool", default: "true",
                  "Use the built-in table of 1:1 code changes after minor boundary changes (Barnsley E08000016 → E08000038, Sheffield E08000019 → E08000039…); `false` switches it off."),
    ]
    public static let contract = StageContract(records: [.observation], uses: [.placedObservations], provides: [.indicators])
    public static let sampleConfiguration = """
        stage: indicators
        catalogue: ../samples/millbrook/indicators.yaml
        areas: [E07999001]
        """

    public static func makeStage(configuration: Configuration, context: StageContext) throws -> any Stage {
        IndicatorsStage(configuration: configuration, placeCode: context.pipeline.placeCode,
                        benchmarks: context.pipeline.benchmarks.map(\.code))
    }

    // MARK: - Runtime

    /// One area's value for one indicator and period.
    struct Key: Hashable, Comparable {
        var indicator: String
        var period: String
        var area: String

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.indicator, lhs.period, lhs.area) < (rhs.indicator, rhs.period, rhs.area)
        }
    }

    private let catalogue: IndicatorCatalogue
    private let areas: Set<String>
    /// The earlier codes of `areas` (by area) whose figures are read as theirs.
    private let predecessors: [String: [String]]
    private let successions: AreaSuccessions
    /// `areas` and their earlier codes: the areas whose observations are kept.
    private let keptAreas: Set<String>
    private let placeCode: String
    private let aggregate: Configuration.Aggregate
    /// What the stage takes from every area (the ranges across areas of the place's type, the
    /// means, the uncatalogued): its own, filled as batches pass, or once routed
    /// (`useSharedPass`) the programme's shared pass.
    private var tally: AreaTally
    private var routed = false
    /// The chosen areas' observations (routed, the shared pass keeps them).
    @exclusivity(unchecked) private var kept = KeptObservations()
    // Touched for every observation by this class alone, on one thread: the dynamic
    // exclusivity checks Swift would add to each access are left out.
    /// By indicator id as read: its catalogue id, `nil` when not in the catalogue.
    @exclusivity(unchecked) private var catalogueIDs = [String: String?]()
    /// `catalogueIDs`' entries looked up last (a file's indicators come in turn).
    @exclusivity(unchecked) private var recentIDs = RecentTexts<String?>(capacity: 16)
    /// The last observation's indicator and area, with their bytes (compared with the next
    /// one's first).
    @exclusivity(unchecked) private var lastIndicator = ""
    @exclusivity(unchecked) private var lastIndicatorBytes = ValueBytes("")
    @exclusivity(unchecked) private var lastID: String?
    /// Whether `lastID` is not `nil` (read for every observation, without copying it).
    @exclusivity(unchecked) private var lastKnown = false
    @exclusivity(unchecked) private var lastArea = ""
    @exclusivity(unchecked) private var lastAreaBytes = ValueBytes("")
    @exclusivity(unchecked) private var lastAreaKept = false

    /// Makes the stage; the place and its benchmark areas are the areas kept when the
    /// configuration names none.
    public init(configuration: Configuration, placeCode: String, benchmarks: [String] = []) {
        catalogue = configuration.catalogue
        areas = Set(configuration.areas ?? [placeCode] + benchmarks)
        successions = configuration.successions
        predecessors = successions.predecessors(of: areas)
        keptAreas = areas.union(predecessors.values.joined())
        self.placeCode = placeCode
        aggregate = configuration.aggregate
        tally = AreaTally(catalogue: catalogue, aggregate: aggregate, places: [placeCode], successors: successions.successors)
    }

    public func process(_ batch: consuming RecordBatch) throws -> RecordBatch {
        // The loop compares each observation's indicator and area with the last one's by their
        // bytes (`ValueBytes`), copying no field; a change, and the rare paths that keep
        // something, get the record (one reference) and read it out of line.
        batch.records.withUnsafeBufferPointer { records in
            if !routed { tally.add(records) }
            for index in records.indices {
                guard case .observation(let observation) = records[index] else { continue }
                // Both taken before any call: a field read after one is copied where the observation is bound.
                let indicator = ValueBytes(observation.indicator), area = ValueBytes(observation.area)
                if indicator != lastIndicatorBytes { switchIndicator(records[index]) }
                guard lastKnown else { continue }
                if area != lastAreaBytes { switchArea(records[index]) }
                if lastAreaKept { keep(records[index]) }
            }
        }
        return batch
    }

    @inline(never)
    private func switchIndicator(_ record: Record) {
        guard case .observation(let observation) = record else { return }
        lastIndicator = observation.indicator
        lastIndicatorBytes = ValueBytes(lastIndicator)
        if let recent = recentIDs.value(for: lastIndicator) {
            lastID = recent
            lastKnown = lastID != nil
            return
        }
        if let known = catalogueIDs[lastIndicator] {
            lastID = known
        } else {
            lastID = catalogue.resolve(lastIndicator)?.id
            catalogueIDs[lastIndicator] = lastID
        }
        recentIDs.remember(lastIndicator, lastID)
        lastKnown = lastID != nil
    }

    @inline(never)
    private func switchArea(_ record: Record) {
        guard case .observation(let observation) = record else { return }
        lastArea = observation.area
        lastAreaBytes = ValueBytes(lastArea)
        lastAreaKept = keptAreas.contains(lastArea)
    }

    /// Keeps `record`, an observation of an area kept, of the current (known) indicator.
    @inline(never)
    private func keep(_ record: Record) {
        guard let id = lastID else { return }
        kept.keep(record, indicator: id)
    }

    public func finish(into document: inout BaselineDocument) throws {
        let store = routed ? tally.kept : self.kept
        if let (conflict, count) = store.conflicts(in: keptAreas) { throw Self.conflictError(conflict, count: count) }
        let (series, duplicates) = store.of(keptAreas)
        var results = [(Key, IndicatorResult)]()
        var byIndicator = [String: [KeptObservations.Series]]()
        for entry in series { byIndicator[entry.indicator, default: []].append(entry.series) }
        let (kept, borrowed) = withEarlierCodes(series)
        let shownUnits = publishedUnits(kept)
        let headlines = byIndicator.mapValues { all in
            Headline(marked: all.contains(where: \.marked), counts: all.flatMap { series in
                series.counts.indices.compactMap { id in series.counts[id] > 0 ? (store.breakdowns[id].breakdown, series.counts[id]) : nil }
            })
        }
        // Breakdowns are kept for the latest period of each indicator and area only: the page
        // and the brief show inequalities now, and earlier periods have their headline for the
        // trend. A national file's ten years of sex × age rows would otherwise make each
        // place's baseline hundreds of times the size of what it shows. (`KeptObservations`
        // lets the earlier ones go as it reads, and counts them.)
        var withoutHeadline = 0, earlierBreakdowns = 0
        // What a publisher says of the place's code when it is no longer in use ("Obsolete code
        // since 2025 (replaced by E08000039 Sheffield)"), first met.
        var obsoleteCode: String?
        // Indicators whose file says the other way is better than the catalogue does, first met.
        var againstThePublisher = [String: (said: Polarity, file: String)]()
        var time = Period.Ordering()
        for (indicator, area, periods) in kept {
            let definition = catalogue[indicator]!
            let headline = headlines[indicator]!
            let latest = periods.keys.max { time.isBefore($0, $1) }
            for (period, entry) in periods {
                guard let main = entry.candidates.first(where: headline.matches) else {
                    withoutHeadline += 1
                    continue
                }
                let key = Key(indicator: indicator, period: period, area: area)
                var result = result(for: main, definition: definition, unit: shownUnits[definition.id] ?? definition.unit)
                result.area = area
                let label = Period.readable(result.period)
                result.periodLabel = label == result.period ? nil : label
                let candidates = entry.candidates.filter { !headline.matches($0) }
                if period == latest {
                    let others = candidates.map(Self.breakdown) + entry.breakdowns.map(store.breakdown)
                    result.breakdowns = others.isEmpty ? nil : others.sorted {
                        ($0.categoryType ?? "", $0.category ?? "", $0.sex ?? "", $0.age ?? "") < ($1.categoryType ?? "", $1.category ?? "", $1.sex ?? "", $1.age ?? "")
                    }
                } else {
                    earlierBreakdowns += candidates.count + entry.breakdowns.count + entry.replaced
                }
                result.published = Self.published(main)
                if main.area == placeCode, obsoleteCode == nil, let note = main.attributes["value_note"], Self.marksAnObsoleteCode(note) {
                    obsoleteCode = note
                }
                if area == placeCode {
                    result.rangeAcrossAreas = tally.ranges(for: placeCode)?.range(indicator: indicator, for: main, polarity: definition.polarity)
                    if againstThePublisher[indicator] == nil, let said = Self.publishedPolarity(main), Self.opposite(said, definition.polarity) {
                        againstThePublisher[indicator] = (said, main.provenance.file)
                    }
                }
                results.append((key, result))
                if case .missing(let reason) = main.value {
                    document.dataQuality.missing[reason.rawValue, default: 0] += 1
                }
            }
        }
        for (indicator, published) in againstThePublisher.sorted(by: { $0.key < $1.key }) {
            let definition = catalogue[indicator]!
            func better(_ polarity: Polarity) -> String { polarity == .lowIsGood ? "lower" : "higher" }
            document.dataQuality.notes.append("The catalogue says '\(definition.name)' is better when \(better(definition.polarity)) (polarity: \(definition.polarity.rawValue)), "
                + "but \(published.file) says \(better(published.said)) is better (its Polarity column): every better and worse of it may be the wrong way round — check `polarity:` in \(catalogue.file).")
        }
        for (indicator, headline) in headlines.sorted(by: { $0.key < $1.key }) where headline.byRule {
            document.dataQuality.notes.append("The headline series of '\(indicator)' is \(headline.description), chosen by rule among several; the others are its breakdowns (set `headline_sex` / `headline_age` on the source to choose).")
        }
        if earlierBreakdowns > 0 {
            document.dataQuality.notes.append("\(Wording.count(earlierBreakdowns, "breakdown value")) of earlier periods (by sex, age or category) were left out: breakdowns are kept for each indicator's latest period, and earlier periods keep their headline value for the trend.")
        }
        if withoutHeadline > 0 {
            document.dataQuality.notes.append("\(Wording.count(withoutHeadline, "indicator value")) had breakdowns but no headline value (for its sex and age, with no category) for their area and period, and were left out.")
        }
        for (indicator, known) in tally.slots {
            guard let definition = known.definition else { continue }
            for (period, slot) in known.periods {
                let mean = tally.means[slot]
                var provenance = mean.provenance
                provenance.path = "mean of \(mean.values) area values"
                let key = Key(indicator: indicator, period: period, area: "*")
                results.append((key, IndicatorResult(
                    id: definition.id, name: definition.name, area: "*", period: period,
                    value: rounded(mean.sum / Double(mean.values), places: 6), missing: nil,
                    unit: shownUnits[definition.id] ?? definition.unit,
                    polarity: definition.polarity.rawValue, ci95: nil, comparisons: [:], provenance: provenance,
                    valueType: definition.valueType.rawValue, theme: definition.theme)))
            }
        }
        document.indicators += results.sorted { $0.0 < $1.0 }.map(\.1)
        let uncatalogued = tally.uncatalogued
        if !uncatalogued.isEmpty {
            var counts = document.dataQuality.uncataloguedIndicators ?? [:]
            counts.merge(uncatalogued, uniquingKeysWith: +)
            document.dataQuality.uncataloguedIndicators = counts
            let total = uncatalogued.values.reduce(0, +)
            // Near misses (with a did-you-mean) first, then the others, five at least.
            let guessed = uncatalogued.keys.sorted().map { ($0, catalogue.suggestion(for: $0)) }
            let ids = guessed.filter { $0.1 != nil } + guessed.filter { $0.1 == nil }
            let count = max(5, guessed.count { $0.1 != nil })
            // A file that swapped its indicator and name columns (ONS, October 2025) has the
            // catalogue's names in the other one: say so rather than guess at a near miss.
            func swapped(_ id: String) -> String? {
                guard let name = tally.uncataloguedNames[id], let definition = catalogue.resolve(name) else { return nil }
                return " (its rows' indicator_name '\(name)' is '\(definition.id)' in the catalogue: the file's indicator and name columns look swapped)"
            }
            let shown = ids.prefix(count).map { id, guess in "'\(id)'" + (swapped(id) ?? guess.map { " (did you mean '\($0)'?)" } ?? "") }
                .joined(separator: ", ") + (ids.count > count ? " and \(ids.count - count) more" : "")
            document.dataQuality.notes.append("\(Wording.count(total, "observation")) of \(Wording.count(ids.count, "indicator")) not in the catalogue \(catalogue.file) were left out: \(shown).")
        }
        if duplicates > 0 {
            document.dataQuality.notes.append("\(Wording.count(duplicates, "observation")) repeated an indicator, period and area (and breakdown) already seen; the first was kept.")
        }
        if tally.repeatedInMeans > 0 {
            document.dataQuality.notes.append("\(Wording.count(tally.repeatedInMeans, "observation")) repeated an area already in the mean over areas ('*') of their indicator and period; each area counts once, with its first value.")
        }
        if let note = Self.oldFigures(results.map(\.1), place: document.place.code, baseline: document.period) {
            document.dataQuality.notes.append(note)
        }
        if let note = Self.newerFigures(results.map(\.1), place: document.place.code, baseline: document.period) {
            document.dataQuality.notes.append(note)
        }
        if let note = Self.missingForThePlace(results.map(\.1), place: document.place.code) {
            document.dataQuality.notes.append(note)
        }
        document.dataQuality.notes += benchmarksWithoutFigures(results.map(\.1), benchmarks: document.benchmarks,
                                                               sourceNotes: document.dataQuality.notes)
        if let note = placeWithoutFigures(results.map(\.1), place: document.place) { document.dataQuality.notes.append(note) }
        for note in earlierCodeNotes(borrowed, place: document.place) { document.dataQuality.notes.append(note) }
        if !borrowed.isEmpty {
            let used = Dictionary(uniqueKeysWithValues: borrowed.map { ($0.old, $0.new) })
            document.codeChanges = (document.codeChanges ?? [:]).merging(used) { recorded, _ in recorded }
        }
        if let obsoleteCode {
            document.dataQuality.notes.append("The files say the place's code \(document.place.code) is no longer in use (\"\(obsoleteCode)\"): "
                                              + "its figures stop where the code did; set the place's code to the one that replaced it.")
        }
    }

    /// The run stops on rows that repeat an indicator, period, area and breakdown with another
    /// number: the first would be shown under the indicator's name whichever series it was.
    static func conflictError(_ conflict: KeptObservations.Conflict, count: Int) -> BaselineError {
        let others = count > 1 ? " (and \(Wording.count(count - 1, "other repeat")) like it)" : ""
        let first = conflict.firstLine.map { "line \($0)" } ?? "an earlier row"
        return BaselineError(
            file: conflict.provenance.file, line: conflict.provenance.line, column: conflict.provenance.column,
            "this row repeats indicator '\(conflict.indicator)' for \(conflict.area) in \(conflict.period) with another value: "
                + "\(Figure.plain(conflict.repeated, places: 6)) here, \(Figure.plain(conflict.first, places: 6)) at \(first)\(others); "
                + "the source holds more than one series under one indicator id, and the baseline cannot tell which one it is",
            hint: "if the file has a column that names its measures (ONS: `Measure`), name it with `columns: {indicator: …}` "
                + "instead of one `indicator:` for every row; if the rows differ by sex, age or a category, name those columns "
                + "under `columns:`; if they are revisions, keep only one")
    }

    // MARK: - Earlier codes

    /// What the stage read under an earlier code of a kept area, for the note that says so.
    struct Borrowed {
        var old: String
        var new: String
        /// The catalogue ids of the indicators read under `old`.
        var indicators = Set<String>()
        /// How many periods' values were read under `old`…
        var values = 0
        /// …and how many `old` had where `new` had its own, which were used instead.
        var both = 0
    }

    /// The kept series by indicator and area of `areas`, each with the periods of its earlier
    /// codes (`predecessors`) that it has no figure for: a period both have is the current
    /// code's. Also what was read under each earlier code, by old code.
    private func withEarlierCodes(_ series: [(indicator: String, area: String, series: KeptObservations.Series)])
        -> (series: [(indicator: String, area: String, periods: [String: KeptObservations.Period])], borrowed: [Borrowed]) {
        struct Pair: Hashable { var indicator, area: String }
        var merged = [Pair: [String: KeptObservations.Period]]()
        for (indicator, area, one) in series where areas.contains(area) { merged[Pair(indicator: indicator, area: area)] = one.periods }
        var borrowed = [String: Borrowed]()
        for (indicator, old, one) in series where !areas.contains(old) {
            guard let new = successions.successors[old] else { continue }
            let pair = Pair(indicator: indicator, area: new)
            var periods = merged[pair] ?? [:]
            var read = borrowed[old] ?? Borrowed(old: old, new: new)
            for (period, entry) in one.periods {
                if periods[period] == nil {
                    periods[period] = entry
                    read.values += 1
                    read.indicators.insert(indicator)
                } else {
                    read.both += 1
                }
            }
            merged[pair] = periods
            borrowed[old] = read
        }
        let sorted = merged.sorted { ($0.key.indicator, $0.key.area) < ($1.key.indicator, $1.key.area) }
        return (sorted.map { ($0.key.indicator, $0.key.area, $0.value) },
                borrowed.values.filter { $0.values + $0.both > 0 }.sorted { $0.old < $1.old })
    }

    /// A note for each earlier code figures were read under: whose, which indicators, the change
    /// and where the stage knows it from, and the periods both codes had.
    private func earlierCodeNotes(_ borrowed: [Borrowed], place: Place) -> [String] {
        borrowed.map { read in
            let name = successions.names[read.old] ?? (read.new == place.code ? place.name : read.new)
            let ids = read.indicators.sorted()
            let shown = ids.prefix(5).map { catalogue[$0]?.name ?? $0 }.joined(separator: ", ") + (ids.count > 5 ? " and \(ids.count - 5) more" : "")
            let change: String
            switch successions.origins[read.old] {
            case .builtIn(let since)?:
                change = "replaced by \(read.new) in \(since) after a boundary change (the stage's built-in table of 1:1 code changes; `built_in_code_changes: false` leaves them out)"
            case .table(let path)?:
                change = "replaced by \(read.new) (the stage's `code_changes` table \(path))"
            case nil:
                change = "replaced by \(read.new)"
            }
            var note = "\(name)'s figures"
            if read.values > 0 {
                note += " for \(Wording.count(ids.count, "indicator")) (\(shown)) are published under its previous code \(read.old), \(change): "
                    + "\(Wording.count(read.values, "value")) \(read.values == 1 ? "is" : "are") used for \(read.new)."
                if read.both > 0 {
                    note += " For \(Wording.count(read.both, "period")) the files have figures under both codes: \(read.new)'s own are used."
                }
            } else {
                note += " are also published under its previous code \(read.old), \(change), for \(Wording.count(read.both, "period")) \(read.new) has figures for: \(read.new)'s own are used."
            }
            return note
        }
    }

    /// Whether a publisher's note on a value says its area code is no longer in use (ONS:
    /// "Obsolete code since 2025 (replaced by E08000039 Sheffield)").
    static func marksAnObsoleteCode(_ note: String) -> Bool {
        note.range(of: "obsolete code", options: [.caseInsensitive, .anchored]) != nil
    }

    /// A note naming the indicators that have figures for other areas but none for `place`:
    /// a place code the files no longer use (ONS replaced Sheffield's E08000019 with E08000039
    /// in 2025) gave a baseline of 8 indicators of 11 without a word.
    static func missingForThePlace(_ results: [IndicatorResult], place: String) -> String? {
        var named = [String: String](), order = [String]()
        var placeHas = Set<String>()
        for result in results {
            if result.area == place { placeHas.insert(result.id) }
            if named[result.id] == nil {
                named[result.id] = result.name
                order.append(result.id)
            }
        }
        let missing = order.filter { !placeHas.contains($0) }
        guard !missing.isEmpty, !placeHas.isEmpty else { return nil }
        let shown = missing.prefix(5).map { named[$0]! }.joined(separator: ", ") + (missing.count > 5 ? " and \(missing.count - 5) more" : "")
        return "\(Wording.count(missing.count, "indicator")) \(missing.count == 1 ? "has" : "have") figures for other areas but none for the place (\(place)): "
            + "\(shown); check the place's code against the file (a code replaced since, after a boundary change, reads as another area: "
            + "give a 1:1 change in the stage's `code_changes` table)."
    }

    /// A note for each benchmark area with no figure of any of the catalogue's indicators, which
    /// is then compared with nothing: a code mistyped in `benchmarks:` (`E12000099` for the East
    /// Midlands' `E12000004`) or of another vintage left no trace but `not_compared`, while the
    /// brief spoke of comparisons with it. The note names the code and the files read and, when
    /// the files hold a likely code — one they give the benchmark's name, else the nearest code
    /// by edit distance — says which, with the name the files give it. A benchmark the stage's
    /// own `areas:` leaves out is said to be left out, and so is one whose rows a source's own
    /// `areas:` passed over (its note says so: `AreasFilterNote`, among `sourceNotes`) — the code
    /// is right and the rows are there. Nothing when no statistics were read.
    func benchmarksWithoutFigures(_ results: [IndicatorResult], benchmarks: [Area], sourceNotes: [String] = []) -> [String] {
        let files = tally.files
        guard !files.isEmpty else { return [] }
        let withFigures = Set(results.map(\.area))
        let seen = tally.areasSeen
        var notes = [String]()
        for benchmark in benchmarks where benchmark.code != placeCode && !withFigures.contains(benchmark.code) {
            let named = benchmark.name == benchmark.code ? benchmark.code : "\(benchmark.code) (\(benchmark.name))"
            guard areas.contains(benchmark.code) else {
                notes.append("The benchmark area \(named) is not among the `indicators` stage's `areas:`, so it has no figures and is compared with nothing: add it to `areas:` to compare the place with it.")
                continue
            }
            let shownFiles = files.prefix(3).joined(separator: ", ") + (files.count > 3 ? " and \(files.count - 3) more" : "")
            if sourceNotes.contains(where: { AreasFilterNote.passesOver(benchmark.code, in: $0) }) {
                notes.append("The benchmark area \(named) has no figures in the statistics read (\(shownFiles)): the place is compared with it on no indicator. "
                             + "Its rows are in the files, passed over by a source's `areas:`, which does not list it: add \(benchmark.code) to that list.")
                continue
            }
            let guess = Self.likelyCode(for: benchmark, among: seen, besides: areas).map { code in
                " — did you mean \(code)" + (seen[code].map { $0.isEmpty ? "" : ", which the files name \($0)" } ?? "") + "?"
            }
            notes.append("The benchmark area \(named) has no figures in the statistics read (\(shownFiles)): the place is compared with it on no indicator. "
                         + "Check its code in `benchmarks:`" + (guess ?? " (a typo, or a code of another year's boundaries)."))
        }
        return notes
    }

    /// A note when the place has no figure at all but other areas have: how many areas the files
    /// hold besides the place and its benchmarks, and the code it most likely meant (one the files
    /// give the place's name, else the nearest code), with the name the files give it. The run
    /// stops on a place without figures, with this as what to check (`W06000099` for Ynys Môn's
    /// `W06000001` said only which benchmarks had values).
    func placeWithoutFigures(_ results: [IndicatorResult], place: Place) -> String? {
        guard !results.isEmpty, !results.contains(where: { $0.area == place.code }), !tally.files.isEmpty else { return nil }
        let seen = tally.areasSeen
        let others = seen.keys.filter { !areas.contains($0) && $0 != "*" }.count
        let named = place.name == place.code ? place.code : "\(place.code) (\(place.name))"
        // The code the files give the place's name, else the nearest codes (up to three: a typo
        // in the last digits is as near to several).
        let candidates = seen.keys.filter { !areas.contains($0) && $0 != "*" }
        let byName = Self.likelyCode(for: Area(code: place.code, name: place.name, role: "place"), among: seen.filter { candidates.contains($0.key) }, besides: areas)
            .flatMap { code in seen[code].map { plainSpaced($0).trimmingCharacters(in: .whitespaces).lowercased() }
                == plainSpaced(place.name).trimmingCharacters(in: .whitespaces).lowercased() ? [code] : nil }
        let nearest = candidates.filter { Self.sameType($0, place.code) }.map { ($0, editDistance(place.code.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= max(2, place.code.count / 3) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
        let codes = byName ?? Array(nearest)
        let guess = codes.isEmpty ? nil : " — did you mean " + codes.map { code in
            code + (seen[code].map { $0.isEmpty ? "" : " (\($0))" } ?? "")
        }.joined(separator: ", ") + "?"
        return "The place's code \(named) has no figures in the statistics read, which hold \(Wording.count(others, "other area")) besides the benchmarks"
            + (guess ?? ": check the place's code against the area codes in the files (a typo, or a code of another year's boundaries).")
    }

    /// The code in `seen` (code → the name the files give it) a benchmark most likely meant: an
    /// area the files give the benchmark's name (the first by code), else the nearest code by edit distance
    /// (`closest`) among the codes of its type; codes already among `besides` (the place and the
    /// other benchmarks) are not guesses. `nil` when neither finds one.
    static func likelyCode(for benchmark: Area, among seen: [String: String], besides: Set<String>) -> String? {
        let candidates = seen.filter { !besides.contains($0.key) }
        let name = plainSpaced(benchmark.name).trimmingCharacters(in: .whitespaces).lowercased()
        let byName = candidates.filter { plainSpaced($0.value).trimmingCharacters(in: .whitespaces).lowercased() == name }.keys.sorted()
        if let named = byName.first { return named }
        return closest(to: benchmark.code, in: candidates.keys.filter { sameType($0, benchmark.code) }.sorted())
    }

    /// Whether a code may be a typo of `code`: GSS codes of the same type (their first three
    /// characters: `E92` England, `E12` a region, `E06` a unitary authority), any other code.
    /// England's E92000001 is two edits from Hartlepool's E06000001, and was offered as that.
    static func sameType(_ candidate: String, _ code: String) -> Bool {
        guard AreaCode.isGSS(code), AreaCode.isGSS(candidate) else { return true }
        return candidate.prefix(3) == code.prefix(3)
    }

    /// How many years before the baseline's period a place's latest figure may end before the
    /// brief says it is old.
    static let oldAfterYears = 5

    /// A note naming the indicators whose latest figure for `place` ends `oldAfterYears` or more
    /// years before the `baseline` period ends: a brief for 2025 that shows a 2016 figure beside
    /// this year's should say so. `nil` when none is, or the periods are not years one can count.
    static func oldFigures(_ results: [IndicatorResult], place: String, baseline: String) -> String? {
        guard let now = Period(baseline)?.endYear else { return nil }
        var latest = [String: (name: String, period: Period, end: Int)]()
        for result in results where result.area == place {
            guard let period = Period(result.period), let end = period.endYear else { continue }
            if let known = latest[result.id], known.end >= end { continue }
            latest[result.id] = (result.name, period, end)
        }
        let old = latest.values.filter { now - $0.end >= oldAfterYears }.map { (name: $0.name, period: $0.period, age: now - $0.end) }
            .sorted { $0.age != $1.age ? $0.age > $1.age : $0.name < $1.name }
        guard !old.isEmpty else { return nil }
        let shown = old.prefix(5).map { "\($0.name) (\($0.period.readable), \($0.age) years before)" }.joined(separator: ", ")
            + (old.count > 5 ? " and \(old.count - 5) more" : "")
        return (old.count == 1 ? "1 indicator's latest figure" : "\(old.count) indicators' latest figures")
            + " for the place \(old.count == 1 ? "is" : "are") \(oldAfterYears) or more years older than this baseline (\(baseline)): \(shown); check for a newer release."
    }

    /// A note when the place's latest figure of an indicator is for a period that starts after
    /// the baseline's ends (`period: 2015` over today's files): `period:` names the baseline, it
    /// does not choose the figures, and a "2015 baseline" of 2024's figures would mislead.
    static func newerFigures(_ results: [IndicatorResult], place: String, baseline: String) -> String? {
        guard let end = Period(baseline)?.endYear else { return nil }
        var newer = [String: (name: String, period: Period, start: Int)]()
        for result in results where result.area == place {
            guard let period = Period(result.period), let start = Int(period.text.prefix(4)), start > end else { continue }
            if let known = newer[result.id], known.period >= period { continue }
            newer[result.id] = (result.name, period, start)
        }
        guard !newer.isEmpty else { return nil }
        let sorted = newer.values.sorted { $0.start != $1.start ? $0.start > $1.start : $0.name < $1.name }
        let shown = sorted.prefix(5).map { "\($0.name) (\($0.period.readable))" }.joined(separator: ", ")
            + (sorted.count > 5 ? " and \(sorted.count - 5) more" : "")
        return (sorted.count == 1 ? "1 indicator's latest figure" : "\(sorted.count) indicators' latest figures")
            + " for the place \(sorted.count == 1 ? "is" : "are") for a period after this baseline's (\(baseline)): \(shown). "
            + "`period:` names the baseline and does not choose the figures, which are the newest the files hold: "
            + "check `period:`, or for an earlier year's baseline use the files as they were published then."
    }

    // MARK: - Headline and breakdowns

    /// What sets one breakdown of a value apart: its sex, age, category type and category.
    struct Breakdown: Hashable {
        var sex, age, categoryType, category: String?

        init(_ observation: Observation) {
            func attribute(_ name: String) -> String? {
                observation.attributes[name].flatMap { $0.isEmpty ? nil : $0 }
            }
            sex = attribute("sex")
            age = attribute("age")
            categoryType = attribute("category_type")
            category = attribute("category")
        }
    }

    /// The series an indicator is shown by, as Fingertips shows it by default: no category, the
    /// source's chosen sex and age if it marked them (`headline` attribute), else the only sex
    /// (or `Persons`, Nomis `Total`) and the only age (or `All ages`, Nomis `total (all ages)`, or the age with the most values). Chosen
    /// from all of the indicator's values at once, so the order of the rows never matters.
    private struct Headline: CustomStringConvertible {
        var marked = false
        var sex: String?
        var age: String?
        /// Whether several sexes or ages were there and one was chosen by rule.
        var byRule = false

        /// Chooses from every observation of the indicator in the place's areas: `marked` when one
        /// carried the attribute `headline`, else from `counts`, how many observations with no
        /// category there were of each breakdown.
        init(marked: Bool, counts: [(Breakdown, Int)]) {
            if marked {
                self.marked = true
                return
            }
            var sexes = [String?: Int]()
            for (breakdown, count) in counts { sexes[breakdown.sex, default: 0] += count }
            (sex, byRule) = Self.choose(sexes, preferring: ["persons", "total"])
            var ages = [String?: Int]()
            for (breakdown, count) in counts where breakdown.sex == sex { ages[breakdown.age, default: 0] += count }
            let (age, ageByRule) = Self.choose(ages, preferring: ["all ages", "total (all ages)"])
            self.age = age
            byRule = byRule || ageByRule
        }

        /// The only value, else a preferred one (the publishers' words for everyone: Fingertips
        /// `Persons`, Nomis `Total`), else the commonest (ties: the first in order), from how
        /// many observations had each value.
        static func choose(_ counts: [String?: Int], preferring preferred: [String]) -> (String?, Bool) {
            if counts.count <= 1 { return (counts.keys.first ?? nil, false) }
            for name in preferred {
                if let match = counts.keys.first(where: { $0?.lowercased() == name }) { return (match, false) }
            }
            let best = counts.max { ($0.value, $1.key ?? "") < ($1.value, $0.key ?? "") }
            return (best?.key ?? nil, true)
        }

        func matches(_ observation: Observation) -> Bool {
            if marked { return observation.attributes["headline"] == "true" }
            let breakdown = Breakdown(observation)
            return breakdown.categoryType == nil && breakdown.sex == sex && breakdown.age == age
        }

        var description: String {
            [sex, age].compactMap { $0 }.joined(separator: ", ")
        }
    }

    private static func breakdown(_ observation: Observation) -> IndicatorBreakdown {
        let parts = Breakdown(observation)
        var missing: MissingReason?
        if case .missing(let reason) = observation.value { missing = reason }
        var ci95: Interval?
        if let lower = observation.lower, let upper = observation.upper { ci95 = Interval(lower: lower, upper: upper) }
        return IndicatorBreakdown(sex: parts.sex, age: parts.age, categoryType: parts.categoryType, category: parts.category,
                                  value: observation.value.number, missing: missing, ci95: ci95, count: observation.count,
                                  denominator: observation.denominator, provenance: observation.provenance)
    }

    /// The polarity the publisher gives the figure (ONS `Polarity`: -1, lower is better; 1,
    /// higher is), where the source kept one.
    static func publishedPolarity(_ observation: Observation) -> Polarity? {
        switch observation.attributes["published_polarity"]?.trimmingCharacters(in: .whitespaces) {
        case "-1": .lowIsGood
        case "1", "+1": .highIsGood
        default: nil
        }
    }

    /// Whether two polarities make opposite judgements (one of them none is not opposite).
    static func opposite(_ one: Polarity, _ other: Polarity) -> Bool {
        (one == .lowIsGood && other == .highIsGood) || (one == .highIsGood && other == .lowIsGood)
    }

    /// The unit each indicator is shown in, by catalogue id, where its catalogue entry gives none:
    /// the unit published with its figures in words (ONS writes `£ million`, `Rate per 100,000
    /// population`, `%`), the one most of the kept figures carry (of two as common, the first
    /// in text order), so that an indicator's figures and its means have one unit whatever the
    /// order they were read in. An indicator missing here is shown in the catalogue's unit or
    /// its kind of figure's default. (Before, a figure of £53,154 million whose catalogue entry
    /// gave no unit was shown as 53,154 count.)
    private func publishedUnits(_ kept: [(indicator: String, area: String, periods: [String: KeptObservations.Period])]) -> [String: String] {
        var counts = [String: [String: Int]]()
        for (indicator, _, periods) in kept {
            guard let definition = catalogue[indicator], !definition.unitGiven else { continue }
            for entry in periods.values {
                for observation in entry.candidates {
                    if let unit = Self.shownUnit(observation.unit) { counts[definition.id, default: [:]][unit, default: 0] += 1 }
                }
            }
        }
        return counts.mapValues { units in units.min { ($1.value, $0.key) < ($0.value, $1.key) }!.key }
    }

    /// A published unit as people are shown it, or `nil` for none: `Percentage`, `percent` and
    /// `per cent` are `%`; `Rate per 100,000 population` is `per 100,000 population` (shown after
    /// a figure: "38.1 per 100,000 population", not "38.1 Rate per 100,000 population"); a bare
    /// code (capitals, digits and `_` only: SDMX's `PC`, `NUMBER`, INSEE's `SO` for "not
    /// applicable") is not shown.
    static func shownUnit(_ published: String?) -> String? {
        guard let unit = published?.trimmingCharacters(in: .whitespaces), !unit.isEmpty,
              !unit.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else { return nil }
        if ["percentage", "percent", "per cent"].contains(unit.lowercased()) { return "%" }
        if unit.lowercased().hasPrefix("rate per "), unit.count > "rate per ".count { return String(unit.dropFirst("rate ".count)) }
        return unit
    }

    /// The publisher's own trend and comparisons, from the attributes the source kept.
    private static func published(_ observation: Observation) -> PublishedJudgement? {
        var comparisons = [String: String]()
        for (name, verdict) in observation.attributes where name.hasPrefix("published_comparison:") {
            comparisons[String(name.dropFirst("published_comparison:".count))] = verdict
        }
        let trend = observation.attributes["published_trend"].flatMap { $0.isEmpty ? nil : $0 }
        guard trend != nil || !comparisons.isEmpty else { return nil }
        return PublishedJudgement(trend: trend, comparisons: comparisons)
    }

    private func result(for observation: Observation, definition: IndicatorDefinition, unit: String) -> IndicatorResult {
        var ci95: Interval?
        if let lower = observation.lower, let upper = observation.upper {
            ci95 = Interval(lower: lower, upper: upper)
        }
        var missing: MissingReason?
        if case .missing(let reason) = observation.value { missing = reason }
        return IndicatorResult(id: definition.id, name: definition.name, area: observation.area, period: observation.period,
                               value: observation.value.number, missing: missing, unit: unit,
                               polarity: definition.polarity.rawValue, ci95: ci95, comparisons: [:],
                               provenance: observation.provenance, valueType: definition.valueType.rawValue,
                               theme: definition.theme, count: observation.count, denominator: observation.denominator,
                               status: observation.attributes["status"], multiplier: definition.multiplier)
    }
}

// MARK: - Routed by area

extension IndicatorsStage: AreaRoutedStage {
    /// None: the shared pass keeps every place's areas' observations, once.
    public var routedAreas: Set<String> { [] }

    /// One tally, with the ranges of every class of the places' codes, keeping the observations
    /// of every place's areas.
    public func makeSharedPass(for stages: [any AreaRoutedStage]) -> any SharedAreaPass {
        let stages = stages.compactMap { $0 as? IndicatorsStage }
        return AreaTally(catalogue: catalogue, aggregate: aggregate, places: stages.map(\.placeCode),
                         keeping: stages.reduce(into: Set<String>()) { $0.formUnion($1.keptAreas) }, successors: successions.successors)
    }

    /// The tally `pass` (made by `makeSharedPass`) in place of the stage's own.
    public func useSharedPass(_ pass: any SharedAreaPass) {
        guard let pass = pass as? AreaTally else { return }
        tally = pass
        routed = true
    }
}
