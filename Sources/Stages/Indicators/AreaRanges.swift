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
///   `AreaRanges.codeClass(of:)`): E06, E07, E08 and E09 together (unitary authorities,
///   non-metropolitan districts, metropolitan districts and London boroughs — every lower-tier
///   or unitary local authority); any other prefix on its own (E10 counties, E12 regions,
///   E92 England, W06 Welsh and S12 Scottish council areas…).
///
/// Only numbers without a category count; an area repeated in one series counts once, with its
/// first value. Only series that can be the headline are kept (the `indicators` stage's rule):
/// rows a source marked as not the headline are passed over, and once an indicator has shown a
/// `Persons` row, its other sexes are dropped, and once it has shown `All ages` for that sex,
/// its other ages. State is one double per area per such series — never the rows.
public final class AreaRanges {
    /// One series of one indicator in one period among areas of one type.
    private struct Key: Hashable {
        var indicator: String
        var period: String
        var sex: String
        var age: String
        var areaType: String
    }

    /// What an indicator has shown of its headline series so far.
    private struct Pinned {
        /// A `Persons` row was seen: the headline's sex is `Persons`.
        var sex = false
        /// An `All ages` row of the headline's sex was seen: the headline's age is `All ages`.
        var age = false
    }

    private let placeClass: String?
    private var pinned = [String: Pinned]()
    private var values = [Key: [(area: Int32, value: Double)]]()
    private var areaIDs = [String: Int32]()
    private var lastArea = ""
    private var lastAreaID: Int32 = 0
    private var lastAreaClass: String?

    /// Starts empty, for the place with the area code `place`.
    public init(place: String) {
        placeClass = Self.codeClass(of: place)
    }

    /// The class of a GSS area code (a letter, two digits, six digits) that areas are compared
    /// within when the source names no area type: `E06–E09 (local authorities, lower tier or
    /// unitary)` for E06, E07, E08 and E09, else `<prefix> codes`; `nil` for any other code.
    public static func codeClass(of code: String) -> String? {
        let bytes = Array(code.utf8)
        guard bytes.count == 9, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[0]),
              bytes.dropFirst().allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        let prefix = String(code.prefix(3))
        switch prefix {
        case "E06", "E07", "E08", "E09": return "E06–E09 (local authorities, lower tier or unitary)"
        default: return "\(prefix) codes"
        }
    }

    /// Takes one observation of the catalogue indicator `indicator` (its catalogue id).
    public func add(indicator: String, _ observation: Observation) {
        guard case .number(let value) = observation.value, value.isFinite else { return }
        let attributes = observation.attributes
        if let type = attributes["category_type"], !type.isEmpty { return }
        if observation.area != lastArea {
            lastArea = observation.area
            lastAreaClass = Self.codeClass(of: lastArea)
            if let id = areaIDs[lastArea] {
                lastAreaID = id
            } else {
                lastAreaID = Int32(areaIDs.count)
                areaIDs[lastArea] = lastAreaID
            }
        }
        let areaType: String
        if let named = attributes["area_type"], !named.isEmpty {
            areaType = named
        } else if let placeClass, lastAreaClass == placeClass {
            areaType = placeClass
        } else {
            return
        }
        if let headline = attributes["headline"], headline != "true" { return }
        let sex = attributes["sex"] ?? "", age = attributes["age"] ?? ""
        let isPersons = Self.equal(sex, "persons"), isAllAges = Self.equal(age, "all ages")
        var state = pinned[indicator] ?? Pinned()
        if state.sex, !isPersons { return }
        if state.age, !isAllAges { return }
        if isPersons, !state.sex {
            state.sex = true
            values = values.filter { $0.key.indicator != indicator || Self.equal($0.key.sex, "persons") }
        }
        if isAllAges, !state.age, isPersons || sex.isEmpty {
            state.age = true
            values = values.filter { $0.key.indicator != indicator || Self.equal($0.key.age, "all ages") }
        }
        pinned[indicator] = state
        let key = Key(indicator: indicator, period: observation.period, sex: sex, age: age, areaType: areaType)
        values[key, default: []].append((lastAreaID, value))
    }

    /// Whether `text` is `lowercase` in any case, without making a string for the common mismatch.
    private static func equal(_ text: String, _ lowercase: String) -> Bool {
        text.utf8.count == lowercase.utf8.count && text.lowercased() == lowercase
    }

    /// The range across the areas of the same type as `observation` (the place's own, for the
    /// indicator `indicator`), in its series; `nil` when fewer than two areas had a value.
    public func range(indicator: String, for observation: Observation, polarity: Polarity) -> RangeAcrossAreas? {
        let attributes = observation.attributes
        let areaType: String
        if let named = attributes["area_type"], !named.isEmpty {
            areaType = named
        } else if let placeClass {
            areaType = placeClass
        } else {
            return nil
        }
        let key = Key(indicator: indicator, period: observation.period, sex: attributes["sex"] ?? "",
                      age: attributes["age"] ?? "", areaType: areaType)
        guard let entries = values[key] else { return nil }
        var seen = Set<Int32>()
        let sorted = entries.filter { seen.insert($0.area).inserted }.map(\.value).sorted()
        guard sorted.count >= 2, let lowest = sorted.first, let highest = sorted.last else { return nil }
        let lowIsGood = polarity == .lowIsGood
        return RangeAcrossAreas(areas: sorted.count, worst: lowIsGood ? highest : lowest,
                                q25: rounded(quantile(sorted: sorted, 0.25), places: 6),
                                q75: rounded(quantile(sorted: sorted, 0.75), places: 6),
                                best: lowIsGood ? lowest : highest, areaType: areaType)
    }
}
