import BaselineCore
import BaselineIndicators

/// The counts of crimes by area, period and crime type, as the rows are read: its size is the
/// number of such groups (and eight bytes a crime ID), never the number of rows.
///
/// Once every file is read, `observations(from:count:)` gives one count for every area, period
/// and indicator seen — zero where no row fell in it, since a street-level file lists every
/// crime the force recorded: an area with none of a type in a month had none.
struct CrimeTally {
    /// The indicator of every crime but anti-social behaviour, which police.uk's own "all crime"
    /// includes and recorded-crime statistics do not.
    static let allCrime = "crime-all"
    /// The crime type that is not a crime: counted as its own indicator, outside `crime-all`.
    static let antiSocialBehaviour = "anti-social-behaviour"

    /// The indicator id of a crime type as published (`Violence and sexual offences` →
    /// `crime-violence-and-sexual-offences`).
    static func indicator(forCrimeType type: String) -> String {
        "crime-" + IndicatorCatalogue.slug(type)
    }

    private struct Key: Hashable {
        var indicator: Int32
        var period: Int32
        var area: Int32
    }

    /// A group's count, and where its first row is (file index, line).
    private struct Cell {
        var count: Int
        var file: Int
        var line: Int
    }

    private var cells = [Key: Cell]()
    private var areas = Interned()
    private var areaNames = [String]()
    private var indicators = Interned()
    private var indicatorNames = [String]()
    private var periods = Interned()
    /// Each period's first file, where a zero count is said to come from, and its months.
    private var periodFiles = [Int]()
    private var periodMonths = [Set<String>]()
    private var crimeIDs = Set<UInt64>()
    /// The forces (by the file names' force: `2025-01-essex-street.csv`), the months read of
    /// each, and by area its rows by force: an area's count for a period is given only where
    /// the files of its force — the one with most of its rows; a crime across a boundary may be
    /// in a neighbour's file — were read for every month of the period.
    private var forces = Interned()
    private var forceMonths = [Set<String>]()
    private var areaForces = [[Int32: Int]]()
    /// Each crime type as published: its indicator, and whether it counts in `crime-all`.
    private var types = [String: (Int32, isCrime: Bool)]()

    /// Rows counted into an area.
    private(set) var counted = 0

    /// Whether `id` was not seen before (and is now). Crime IDs are kept as 64-bit FNV-1a
    /// hashes: two different IDs among a million crimes share one with odds of about 1 in 36
    /// million.
    mutating func isNew(crimeID id: UnsafeBufferPointer<UInt8>) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in id {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return crimeIDs.insert(hash).inserted
    }

    /// The number of the force named `name`, for `count(…force:…)`: asked once a file.
    mutating func force(_ name: String) -> Int32 {
        let f = forces.index(name)
        if f == forceMonths.count { forceMonths.append([]) }
        return f
    }

    /// Counts one crime of `type` in `area` (named `name`), `period` (of `month`), read at
    /// `line` of the file numbered `file`, a file of the force numbered `f`.
    mutating func count(area: String, name: String, period: String, month: String, type: String, force f: Int32, file: Int, line: Int) {
        let a = areas.index(area)
        if a == areaNames.count {
            areaNames.append(name)
            areaForces.append([:])
        }
        forceMonths[Int(f)].insert(month)
        areaForces[Int(a)][f, default: 0] += 1
        let p = periods.index(period)
        if p == periodFiles.count {
            periodFiles.append(file)
            periodMonths.append([])
        }
        periodMonths[Int(p)].insert(month)
        let (i, isCrime) = indicator(of: type)
        add(Key(indicator: i, period: p, area: a), file: file, line: line)
        if isCrime {
            let all = indicators.index(Self.allCrime)
            if all == indicatorNames.count { indicatorNames.append("All crime (excluding anti-social behaviour)") }
            add(Key(indicator: all, period: p, area: a), file: file, line: line)
        }
        counted += 1
    }

    /// The indicator of a crime type as published, and whether it counts in `crime-all`; worked
    /// out once per type.
    private mutating func indicator(of type: String) -> (Int32, isCrime: Bool) {
        if let known = types[type] { return known }
        let id = Self.indicator(forCrimeType: type)
        let i = indicators.index(id)
        if i == indicatorNames.count { indicatorNames.append(type) }
        let known = (i, id != Self.indicator(forCrimeType: Self.antiSocialBehaviour))
        types[type] = known
        return known
    }

    private mutating func add(_ key: Key, file: Int, line: Int) {
        if cells[key] != nil {
            cells[key]!.count += 1
        } else {
            cells[key] = Cell(count: 1, file: file, line: line)
        }
    }

    /// How many observations `observations(from:count:)` gives in all: every area × period × indicator seen.
    var observationCount: Int { areas.names.count * periods.names.count * indicators.names.count }

    /// The periods seen that hold fewer months than they span (a year of which 3 months were
    /// read), with the months they hold, sorted.
    func partialPeriods(_ grain: PoliceUKConfiguration.Grain) -> [(period: String, shown: String, months: [String])] {
        guard grain != .month else { return [] }
        return periods.names.indices.compactMap { p in
            periodMonths[p].count < 12 ? (periods.names[p], shownPeriod(p, grain: grain), periodMonths[p].sorted()) : nil
        }.sorted { $0.period < $1.period }
    }

    /// The period observations of period number `p` carry: its name (`2018`, `2018-19`) when the
    /// files hold all its twelve months, else the months from its first read to its last, as an
    /// ISO 8601 interval (`2018-01-01/P7M`, shown as `Jan 2018 – Jul 2018`), or the one month
    /// (`2018-01`). Called `2018`,
    /// seven months' count looked like a year's, and `baseline diff` took four months against
    /// seven for a publisher's revision; now they are periods of different lengths.
    func shownPeriod(_ p: Int, grain: PoliceUKConfiguration.Grain) -> String {
        guard grain != .month, periodMonths[p].count < 12, let first = periodMonths[p].min(), let last = periodMonths[p].max(),
              let start = Self.monthNumber(first), let end = Self.monthNumber(last) else { return periods.names[p] }
        return first == last ? first : "\(first)-01/P\(end - start + 1)M"
    }

    /// Whether the months read of period `p` run without a gap (January, February and April
    /// do not): a period with a gap is not the span it would be named by.
    func isWhole(_ p: Int) -> Bool {
        guard let first = periodMonths[p].min().flatMap(Self.monthNumber), let last = periodMonths[p].max().flatMap(Self.monthNumber) else { return true }
        return last - first + 1 == periodMonths[p].count
    }

    /// Why area `a`'s count for period `p` is not given, or `nil` when it is: a gap in the
    /// period's months, or the area's force with a month of the period not read. (Zero was given for an area of one force in the months only
    /// another force's file was read: a review.)
    func notCovered(area a: Int, period p: Int, grain: PoliceUKConfiguration.Grain) -> String? {
        if grain != .month, !isWhole(p) { return "months missing inside \(periods.names[p]): not the whole span" }
        guard let f = areaForces[a].max(by: { ($0.value, forces.names[Int($1.key)]) < ($1.value, forces.names[Int($0.key)]) })?.key,
              !forceMonths[Int(f)].isSuperset(of: periodMonths[p]) else { return nil }
        let missing = periodMonths[p].subtracting(forceMonths[Int(f)]).sorted()
        return "no file of \(forces.names[Int(f)]) read for \(missing.prefix(3).joined(separator: ", "))\(missing.count > 3 ? "…" : "")"
    }

    /// What the observations need of every period and area, worked out once the files are
    /// read (`close(grain:)`), not once an observation: each period's name as given, and why
    /// each area's count of it is not given (`notCovered`), by `a * periods + p`.
    private var shown = [String]()
    private var uncoveredWhy = [String?]()

    /// Works out `shown` and `uncoveredWhy`; called once, when every file is read.
    mutating func close(grain: PoliceUKConfiguration.Grain) {
        shown = periods.names.indices.map { shownPeriod($0, grain: grain) }
        let periodCount = periods.names.count
        uncoveredWhy = (0..<(areas.names.count * periodCount)).map { notCovered(area: $0 / periodCount, period: $0 % periodCount, grain: grain) }
    }

    /// How many area and period pairs `notCovered` leaves without a count, and the first (once closed).
    func uncovered(grain: PoliceUKConfiguration.Grain) -> (count: Int, first: String?) {
        var count = 0, first: String?
        guard uncoveredWhy.count == areas.names.count * periods.names.count else { return (0, nil) }   // not closed: the run stopped early
        for a in areas.names.indices.sorted(by: { areas.names[$0] < areas.names[$1] }) {
            for p in periods.names.indices.sorted(by: { periods.names[$0] < periods.names[$1] }) {
                guard let why = uncoveredWhy[a * periods.names.count + p] else { continue }
                count += 1
                if first == nil { first = "\(areas.names[a]) in \(shown[p]): \(why)" }
            }
        }
        return (count, first)
    }

    /// A month `YYYY-MM` as a count of months since year 0.
    static func monthNumber(_ month: String) -> Int? {
        let parts = month.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let number = Int(parts[1]) else { return nil }
        return year * 12 + number - 1
    }

    /// Observations `start ..< start + count` of all of them, in `order` (by indicator, period
    /// and area). `files` are the files as written, by number; `source` the source's id.
    func observations(from start: Int, count: Int, order: Order, files: [String], source: String, grain: PoliceUKConfiguration.Grain) -> [Record] {
        let (areaCount, periodCount) = (order.areas.count, order.periods.count)
        guard areaCount > 0, periodCount > 0 else { return [] }
        var records = [Record]()
        records.reserveCapacity(count)
        for position in start..<min(start + count, observationCount) {
            let a = order.areas[position % areaCount]
            let p = order.periods[(position / areaCount) % periodCount]
            let i = order.indicators[position / (areaCount * periodCount)]
            let cell = cells[Key(indicator: Int32(i), period: Int32(p), area: Int32(a))]
            var provenance = Provenance(source: source, file: files[cell?.file ?? periodFiles[p]], line: cell?.line ?? 1)
            provenance.path = cell.map { $0.count == 1 ? "1 row" : "\($0.count) rows" } ?? "no row: none recorded"
            let uncovered = uncoveredWhy[a * periods.names.count + p]
            if let uncovered { provenance.path = uncovered }
            var attributes = ["indicator_name": indicatorNames[i]]
            if grain != .month { attributes["months"] = String(periodMonths[p].count) }
            // The value is a count of events, and says so (`count`): what `baseline diff` tests
            // two periods' counts with.
            let counted = uncovered == nil ? Double(cell?.count ?? 0) : nil
            records.append(.observation(Observation(
                area: areas.names[a], areaName: areaNames[a].isEmpty ? nil : areaNames[a], period: shown[p],
                indicator: indicators.names[i], value: counted.map { .number($0) } ?? .missing(.notAvailable), count: counted,
                attributes: attributes, provenance: provenance)))
        }
        return records
    }

    /// The areas, periods and indicators, each in sorted order (by index into their names).
    struct Order {
        var areas: [Int]
        var periods: [Int]
        var indicators: [Int]
    }

    /// The order the observations are given in, worked out once every file is read.
    var order: Order {
        func sorted(_ names: [String]) -> [Int] { names.indices.sorted { names[$0] < names[$1] } }
        return Order(areas: sorted(areas.names), periods: sorted(periods.names), indicators: sorted(indicators.names))
    }

    /// Strings numbered in the order first seen.
    private struct Interned {
        private(set) var names = [String]()
        private var numbers = [String: Int32]()

        /// The number of `name`, given it if new (then equal to the count before).
        mutating func index(_ name: String) -> Int32 {
            if let number = numbers[name] { return number }
            let number = Int32(names.count)
            numbers[name] = number
            names.append(name)
            return number
        }
    }
}
