import BaselineCore
import BaselineSchema
import BaselineStatistics

/// The values of every area of the place's type, per indicator, period and series (sex and
/// age), kept while observations stream past, for each indicator's range across areas
/// (Fingertips' spine chart: worst, 25th and 75th percentile, best).
///
/// Which areas are "of the place's type":
/// - when an observation carries the attribute `area_type` (Fingertips' `Area Type` column,
///   kept by `csv-indicators`), the areas with the same area type text as the place's own
///   observation — an area listed under two types (a unitary authority among both "Counties &
///   UAs" and "Districts & UAs") counts in each;
/// - otherwise the areas whose GSS code falls in the same class as the place's code (see
///   `AreaRanges.codeClass(of:)`): England's local authorities, E06–E10, are one class, of
///   which the tier the figures are for is chosen when the range is asked for (`LocalTier`):
///   unitary authorities, metropolitan districts and London boroughs (E06, E08, E09) with the
///   non-metropolitan districts (E07) — lower tier or unitary, Fingertips' "Districts & UAs" —
///   or with the counties (E10) — upper tier or unitary, "Counties & UAs": the counties for a
///   county, the districts for a district, and for a single-tier place the tier the series
///   holds (a DfE or social-care file publishes counties and no districts: its peers are the
///   upper tier's; a file of both, the districts'). Any other prefix is a class on its own (E12
///   regions, E92 England, W06 Welsh and S12 Scottish council areas…).
///
/// Only numbers without a category count; an area repeated in one series counts once, with its
/// first value. An area's figure under its previous code (`successors`: ONS's Barnsley under
/// E08000016, replaced by E08000038) counts as the area's where the area has none of its own
/// in the series; a row under a code no longer in use that is not in `successors` (a merged
/// area's: Allerdale's, now part of Cumberland) is passed over. Only series that can be the headline are kept (the `indicators` stage's rule):
/// rows a source marked as not the headline are passed over, and once an indicator has shown a
/// `Persons` row, its other sexes are dropped, and once it has shown `All ages` for that sex,
/// its other ages. State is one double per area per such series — never the rows.
public final class AreaRanges {
    /// One series of one indicator in one period among areas of one type, each part by its id
    /// in `texts` (hashing five small integers, not five strings, for every observation).
    private struct Key: Hashable {
        var indicator: Int32
        var period: Int32
        var sex: Int32
        var age: Int32
        var areaType: Int32
    }

    /// What an indicator has shown of its headline series so far.
    private struct Pinned {
        /// A `Persons` row was seen: the headline's sex is `Persons`.
        var sex = false
        /// An `All ages` row of the headline's sex was seen: the headline's age is `All ages`.
        var age = false
    }

    /// What `add` asks of an observation's attributes (five hashed look-ups), worked out once
    /// for each dictionary: readers hand the same dictionary to a run of observations.
    private struct AttributeFacts {
        /// A `category_type`, or a `headline` other than `true`: the row is not a headline.
        var passedOver: Bool
        /// A `value_note` saying the area's code is no longer in use.
        var obsolete: Bool
        /// The `area_type` attribute's id, when it is there and not empty.
        var areaType: Int32?
        var sex: Int32
        var age: Int32
    }

    private let placeClass: String?
    /// The texts of the keys' parts (indicators, periods, sexes, ages, area types), by id.
    private let texts: TextIDs
    /// `placeClass`' id in `texts`.
    private let placeClassID: Int32?
    // Touched for every observation by this class alone, on one thread: the dynamic
    // exclusivity checks Swift would add to each access are left out.
    /// By indicator id.
    @exclusivity(unchecked) private var pinned = [Pinned]()
    /// Each series' place in `series`. Observations come in runs of one indicator and area over
    /// a few periods, sexes and ages: a key among the indicator's last few is found without
    /// hashing it.
    @exclusivity(unchecked) private var slots = [Key: Int]()
    /// The series' values, by slot (a series dropped by the headline rule is left empty). A
    /// value under an area's previous code has the area's id `a` as `-a - 1`.
    @exclusivity(unchecked) private var series = [[(area: Int32, value: Double)]]()
    /// Old code → current code: the previous codes an area's figures are read under.
    private let successors: [String: String]
    /// By indicator id: its keys looked up last, with their slots; replaced in turn. (One list
    /// for all indicators would have to hold every indicator's periods of an area's run: a file
    /// of 8 indicators over 3 periods, area after area, missed a list of 16 at every look-up.)
    @exclusivity(unchecked) private var recentKeys = [[(key: Key, slot: Int)]]()
    @exclusivity(unchecked) private var nextRecentKey = [Int]()
    private static let recentKeyCount = 8
    /// The attributes of the last observation, kept so that their storage stays theirs alone:
    /// another dictionary with the same storage reference is then the same dictionary.
    @exclusivity(unchecked) private var lastAttributes = [String: String]()
    @exclusivity(unchecked) private var lastAttributesBytes = ValueBytes([:])
    @exclusivity(unchecked) private var lastFacts: AttributeFacts?
    @exclusivity(unchecked) private var areaIDs = [String: Int32]()
    @exclusivity(unchecked) private var lastArea = ""
    @exclusivity(unchecked) private var lastAreaID: Int32 = 0
    @exclusivity(unchecked) private var lastAreaClass: String?
    /// By area id: the tier of its code (`LocalTier`), so that a range can keep one tier.
    /// (`nil`: a code that is no English local authority's.)
    @exclusivity(unchecked) private var areaTiers = [LocalTier?]()
    /// Whether the last area is a previous code in `successors` (its id is its successor's).
    @exclusivity(unchecked) private var lastAreaIsPrevious = false
    @exclusivity(unchecked) private var lastIndicator = ""
    @exclusivity(unchecked) private var lastIndicatorID: Int32 = 0

    /// Starts empty, for the place with the area code `place`.
    public convenience init(place: String, successors: [String: String] = [:]) {
        self.init(codeClass: Self.codeClass(of: place), successors: successors)
    }

    /// Starts empty, for every place whose code is of the class `codeClass` (see
    /// `codeClass(of:)`; `nil`: a code of no class, so only areas named by an `area_type` count),
    /// reading an area's figures under its previous codes `successors` (old code → current code).
    public init(codeClass: String?, successors: [String: String] = [:]) {
        self.successors = successors
        let texts = TextIDs()
        self.texts = texts
        placeClass = codeClass
        placeClassID = codeClass.map(texts.id)
    }

    /// The class of a GSS area code (a letter, two digits, six digits) that areas are compared
    /// within when the source names no area type: `localAuthorities` for E06 to E10 (the tier is
    /// chosen when a range is asked for: `LocalTier`), else `<prefix> codes`; `nil` for any
    /// other code.
    public static func codeClass(of code: String) -> String? {
        let bytes = Array(code.utf8)
        guard bytes.count == 9, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[0]),
              bytes.dropFirst().allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        if LocalTier.tier(bytes) != nil { return localAuthorities }
        return "\(String(code.prefix(3))) codes"
    }

    /// The class of England's local authorities' codes, E06 to E10.
    public static let localAuthorities = "E06–E10 (local authorities)"
    /// The area type a range over lower-tier and single-tier authorities is labelled with.
    public static let lowerTierOrUnitary = "E06–E09 (local authorities, lower tier or unitary)"
    /// The area type a range over upper-tier and single-tier authorities is labelled with.
    public static let upperTierOrUnitary = "E06, E08–E10 (local authorities, upper tier or unitary)"

    /// Which tier of English local government an authority's code is of.
    enum LocalTier {
        /// Unitary authorities (E06), metropolitan districts (E08), London boroughs (E09): in
        /// both Fingertips' "Districts & UAs" and "Counties & UAs".
        case single
        /// Non-metropolitan districts (E07).
        case lower
        /// Counties (E10).
        case upper

        /// The tier of `code`, `nil` for a code that is not an English local authority's.
        init?(code: String) {
            // In bytes: asked at every change of area in a file of many areas.
            guard code.utf8.count == 9, let tier = Self.tier(code.utf8) else { return nil }
            self = tier
        }

        /// The tier of the code whose bytes `bytes` are (only its first three are looked at).
        static func tier(_ bytes: some Sequence<UInt8>) -> LocalTier? {
            var byte = bytes.makeIterator()
            guard byte.next() == UInt8(ascii: "E"), let tens = byte.next(), let units = byte.next() else { return nil }
            switch (tens, units) {
            case (UInt8(ascii: "0"), UInt8(ascii: "6")), (UInt8(ascii: "0"), UInt8(ascii: "8")), (UInt8(ascii: "0"), UInt8(ascii: "9")):
                return .single
            case (UInt8(ascii: "0"), UInt8(ascii: "7")): return .lower
            case (UInt8(ascii: "1"), UInt8(ascii: "0")): return .upper
            default: return nil
            }
        }
    }

    /// Takes one observation of the catalogue indicator `indicator` (its catalogue id).
    public func add(indicator: String, _ observation: Observation) {
        guard case .number(let value) = observation.value else { return }
        add(indicator: indicator, value: value, area: observation.area, period: observation.period,
            attributes: observation.attributes)
    }

    /// Takes the number `value` of an observation of the catalogue indicator `indicator`, given
    /// by its fields (so that a caller reading observations in place copies none).
    func add(indicator: String, value: Double, area: String, period: String, attributes: [String: String]) {
        if indicator != lastIndicator {
            lastIndicator = indicator
            lastIndicatorID = indicatorID(of: indicator)
        }
        add(indicatorID: lastIndicatorID, value: value, area: area, period: period, attributes: attributes)
    }

    /// The id `add(indicatorID:…)` knows the catalogue indicator `indicator` by.
    func indicatorID(of indicator: String) -> Int32 {
        let id = texts.id(of: indicator)
        while pinned.count <= Int(id) {
            pinned.append(Pinned())
            recentKeys.append([])
            nextRecentKey.append(0)
        }
        return id
    }

    /// `add(indicator:value:…)` for the indicator `indicatorID(of:)` gave `indicatorID` (a caller
    /// taking every observation of a file works the id out once an indicator, not once a run).
    func add(indicatorID: Int32, value: Double, area: String, period: String, attributes: [String: String]) {
        guard value.isFinite else { return }
        let facts = facts(of: attributes)
        if facts.passedOver { return }
        if area != lastArea { switchArea(to: area) }
        if facts.obsolete, !lastAreaIsPrevious { return }
        let areaType: Int32
        if let named = facts.areaType {
            areaType = named
        } else if let placeClassID, lastAreaClass == placeClass {
            areaType = placeClassID
        } else {
            return
        }
        let sex = facts.sex, age = facts.age
        let isPersons = texts.isPersons(sex), isAllAges = texts.isAllAges(age)
        var state = pinned[Int(indicatorID)]
        if state.sex, !isPersons { return }
        if state.age, !isAllAges { return }
        if isPersons, !state.sex {
            state.sex = true
            drop { $0.indicator == indicatorID && !texts.isPersons($0.sex) }
        }
        if isAllAges, !state.age, isPersons || texts.isEmpty(sex) {
            state.age = true
            drop { $0.indicator == indicatorID && !texts.isAllAges($0.age) }
        }
        pinned[Int(indicatorID)] = state
        let key = Key(indicator: indicatorID, period: texts.id(of: period), sex: sex, age: age, areaType: areaType)
        series[slot(of: key)].append((lastAreaIsPrevious ? -lastAreaID - 1 : lastAreaID, value))
    }

    @inline(never)
    private func switchArea(to area: String) {
        lastArea = area
        lastAreaClass = Self.codeClass(of: lastArea)
        let successor = successors[area]
        lastAreaIsPrevious = successor != nil
        let counted = successor ?? area
        if let id = areaIDs[counted] {
            lastAreaID = id
        } else {
            lastAreaID = Int32(areaIDs.count)
            areaIDs[counted] = lastAreaID
            areaTiers.append(LocalTier(code: counted) ?? LocalTier(code: area))
        }
    }

    /// The slot of the series `key`, made when it has none yet.
    private func slot(of key: Key) -> Int {
        let indicator = Int(key.indicator)
        for recent in recentKeys[indicator] where recent.key == key { return recent.slot }
        // Not `slots.id(for:)`: `drop` forgets slots, so the next one is `series.count`.
        let slot: Int
        if let known = slots[key] {
            slot = known
        } else {
            slot = series.count
            slots[key] = slot
            series.append([])
        }
        if recentKeys[indicator].count < Self.recentKeyCount {
            recentKeys[indicator].append((key, slot))
        } else {
            recentKeys[indicator][nextRecentKey[indicator]] = (key, slot)
            nextRecentKey[indicator] = (nextRecentKey[indicator] + 1) % Self.recentKeyCount
        }
        return slot
    }

    /// What `add` asks of `attributes`: the last dictionary's facts when `attributes` is that
    /// dictionary (the same storage), else worked out and remembered.
    private func facts(of attributes: [String: String]) -> AttributeFacts {
        if let lastFacts, ValueBytes(attributes) == lastAttributesBytes { return lastFacts }
        var facts = AttributeFacts(passedOver: false, obsolete: false, areaType: nil, sex: 0, age: 0)
        if let type = attributes["category_type"], !type.isEmpty { facts.passedOver = true }
        if let headline = attributes["headline"], headline != "true" { facts.passedOver = true }
        // An area under a code no longer in use is often also in the file under the code that
        // replaced it (ONS keeps Sheffield as E08000019 and E08000039): counted once, under the
        // new one, and only where the code changed 1:1 (`successors`).
        if let note = attributes["value_note"], IndicatorsStage.marksAnObsoleteCode(note) { facts.obsolete = true }
        if !facts.passedOver {
            if let named = attributes["area_type"], !named.isEmpty { facts.areaType = texts.id(of: named) }
            facts.sex = texts.id(of: attributes["sex"] ?? "")
            facts.age = texts.id(of: attributes["age"] ?? "")
        }
        lastAttributes = attributes
        lastAttributesBytes = ValueBytes(lastAttributes)
        lastFacts = facts
        return facts
    }

    /// Empties the series whose key `dropped` says, and forgets their slots.
    private func drop(_ dropped: (Key) -> Bool) {
        for (key, slot) in slots where dropped(key) {
            series[slot] = []
            slots[key] = nil
        }
        for indicator in recentKeys.indices {
            recentKeys[indicator].removeAll { dropped($0.key) }
            nextRecentKey[indicator] = 0
        }
    }

    /// The range across the areas of the same type as `observation` (the place's own, for the
    /// indicator `indicator`), in its series; `nil` when fewer than two areas had a value.
    public func range(indicator: String, for observation: Observation, polarity: Polarity) -> RangeAcrossAreas? {
        let attributes = observation.attributes
        var areaType: String
        let byCode: Bool
        if let named = attributes["area_type"], !named.isEmpty {
            areaType = named
            byCode = false
        } else if let placeClass {
            areaType = placeClass
            byCode = true
        } else {
            return nil
        }
        guard let indicatorID = texts.existing(indicator), let period = texts.existing(observation.period),
              let sex = texts.existing(attributes["sex"] ?? ""), let age = texts.existing(attributes["age"] ?? ""),
              let type = texts.existing(areaType),
              let slot = slots[Key(indicator: indicatorID, period: period, sex: sex, age: age, areaType: type)] else { return nil }
        var entries = series[slot]
        if byCode, areaType == Self.localAuthorities {
            let kept = keptTier(for: observation.area, among: entries)
            entries.removeAll { entry in
                let tier = areaTiers[Self.areaID(of: entry)]
                return tier != .single && tier != kept
            }
            areaType = kept == .upper ? Self.upperTierOrUnitary : Self.lowerTierOrUnitary
        }
        // Each area's first value under its own code, then the first under a previous code of
        // the areas with none: a bit per area id marks the areas taken.
        var seen = [UInt64](repeating: 0, count: areaIDs.count / 64 + 1)
        var firsts = [Double]()
        firsts.reserveCapacity(entries.count)
        for previous in [false, true] {
            for entry in entries where (entry.area < 0) == previous {
                let area = Self.areaID(of: entry)
                let word = Int(area) >> 6, bit = UInt64(1) << (UInt64(area) & 63)
                guard seen[word] & bit == 0 else { continue }
                seen[word] |= bit
                firsts.append(entry.value)
            }
        }
        guard firsts.count >= 2 else { return nil }
        let figures = SpineFigures(selecting: &firsts)
        let lowIsGood = polarity == .lowIsGood
        return RangeAcrossAreas(areas: firsts.count, worst: lowIsGood ? figures.highest : figures.lowest,
                                q25: rounded(figures.q25, places: 6), q75: rounded(figures.q75, places: 6),
                                best: lowIsGood ? figures.lowest : figures.highest, areaType: areaType)
    }
}

extension AreaRanges {
    /// The area id of a series entry (one under a previous code is kept as `-id - 1`).
    fileprivate static func areaID(of entry: (area: Int32, value: Double)) -> Int {
        Int(entry.area < 0 ? -entry.area - 1 : entry.area)
    }

    /// The tier whose authorities a range for the place `place` keeps beside the single-tier
    /// ones: the place's own, or for a single-tier place the counties where the series has
    /// counties and no districts (upper-tier figures), else the districts.
    fileprivate func keptTier(for place: String, among entries: [(area: Int32, value: Double)]) -> LocalTier {
        switch LocalTier(code: place) {
        case .lower: return .lower
        case .upper: return .upper
        case .single, nil:
            var counties = false, districts = false
            for entry in entries {
                switch areaTiers[Self.areaID(of: entry)] {
                case .upper: counties = true
                case .lower: districts = true
                case .single, nil: break
                }
            }
            return counties && !districts ? .upper : .lower
        }
    }
}

/// Small ids for the texts of `AreaRanges`' keys, with what the headline rule asks of each
/// (`Persons`, `All ages`, empty) worked out once a text.
///
/// A text the same as one of the last few looked up is found by comparing the 16 bytes of the
/// `String` value itself, before any hashing: a short text (15 UTF-8 bytes or fewer) is stored
/// in those bytes, so equal bytes are equal texts, and a longer one points to its storage, so
/// equal bytes are the same storage (kept alive here, so never reused for another text).
/// Observations come in runs of one indicator and area type over a handful of periods, sexes
/// and ages, so nearly every look-up ends there.
private final class TextIDs {
    // Touched for every observation, through the `AreaRanges` that owns it alone, on one
    // thread: the dynamic exclusivity checks Swift would add to each access are left out.
    @exclusivity(unchecked) private var ids = [String: Int32]()
    @exclusivity(unchecked) private var texts = [String]()
    @exclusivity(unchecked) private var persons = [Bool]()
    @exclusivity(unchecked) private var allAges = [Bool]()
    /// The texts looked up last, as their bytes, with their ids; replaced in turn.
    @exclusivity(unchecked) private var recent = [(low: UInt64, high: UInt64, text: String, id: Int32)]()
    @exclusivity(unchecked) private var nextRecent = 0
    private static let recentCount = 32

    /// The id of `text`, made when it has none yet.
    func id(of text: String) -> Int32 {
        let (low, high) = withUnsafeBytes(of: text) { ($0.load(as: UInt64.self), $0.load(fromByteOffset: 8, as: UInt64.self)) }
        for entry in recent where entry.low == low && entry.high == high { return entry.id }
        let id: Int32
        if let known = ids[text] {
            id = known
        } else {
            id = Int32(texts.count)
            ids[text] = id
            texts.append(text)
            persons.append(Self.equal(text, "persons"))
            allAges.append(Self.equal(text, "all ages"))
        }
        if recent.count < Self.recentCount {
            recent.append((low, high, text, id))
        } else {
            recent[nextRecent] = (low, high, text, id)
            nextRecent = (nextRecent + 1) % Self.recentCount
        }
        return id
    }

    /// Whether `text` is `lowercase` in any case (and as long).
    private static func equal(_ text: String, _ lowercase: String) -> Bool {
        text.utf8.count == lowercase.utf8.count && text.lowercased() == lowercase
    }

    /// The id of `text`, `nil` when it was never looked up with `id(of:)`.
    func existing(_ text: String) -> Int32? { ids[text] }

    /// Whether the text of `id` is `Persons`, in any case.
    func isPersons(_ id: Int32) -> Bool { persons[Int(id)] }
    /// Whether the text of `id` is `All ages`, in any case.
    func isAllAges(_ id: Int32) -> Bool { allAges[Int(id)] }
    /// Whether the text of `id` is empty.
    func isEmpty(_ id: Int32) -> Bool { texts[Int(id)].isEmpty }
}
