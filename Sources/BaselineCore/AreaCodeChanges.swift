/// Area code changes, old code → new code, as a `join` stage applies them, the `indicators`
/// stage reads figures published under a place's previous code, and `baseline diff` matches
/// areas through them.
public enum AreaCodeChanges {
    /// One area's code replaced by exactly one new code for the same area, after a minor
    /// boundary change: the figures published under the old code are that area's.
    public struct Succession: Sendable, Hashable {
        /// The code no longer in use.
        public var old: String
        /// The code that replaced it.
        public var new: String
        /// The area's name.
        public var name: String
        /// The year from which the old code is no longer in use, as the publisher states it.
        public var since: Int

        /// Makes a succession.
        public init(old: String, new: String, name: String, since: Int) {
            self.old = old
            self.new = new
            self.name = name
            self.since = since
        }
    }

    /// The successions the tool knows without being told: every one a single code replaced by a
    /// single code of the same area, as ONS's Explore Local Statistics files state them in their
    /// `notes` column ("Obsolete code since 2025 (replaced by E08000038 Barnsley)",
    /// ONSdigital/explore-local-statistics-data, snapshot 4972c588, checked against the
    /// files' rows: each old code names one new code of the same name, and no other old code
    /// names it — but for 5 rows of the 2018 change of Perth and Kinross, where the energy
    /// files name North Lanarkshire's code, which the file's other rows of it do not: a
    /// publisher's note alone is not enough to map figures by). Mergers of several areas into one (Buckinghamshire 2020, the
    /// Northamptonshires 2021, Cumberland, Westmorland and Furness, North Yorkshire and
    /// Somerset 2023, Dorset and BCP 2019, the combined authorities) are not here: their figures
    /// are not the new area's. Listed in Sources/Stages/Indicators/README.md.
    public static let successions: [Succession] = [
        Succession(old: "E06000048", new: "E06000057", name: "Northumberland", since: 2013),
        Succession(old: "E07000097", new: "E07000242", name: "East Hertfordshire", since: 2013),
        Succession(old: "E07000100", new: "E07000240", name: "St Albans", since: 2012),
        Succession(old: "E07000101", new: "E07000243", name: "Stevenage", since: 2013),
        Succession(old: "E07000104", new: "E07000241", name: "Welwyn Hatfield", since: 2012),
        Succession(old: "E08000016", new: "E08000038", name: "Barnsley", since: 2025),
        Succession(old: "E08000019", new: "E08000039", name: "Sheffield", since: 2025),
        Succession(old: "E08000020", new: "E08000037", name: "Gateshead", since: 2013),
        Succession(old: "E11000004", new: "E11000007", name: "Tyne and Wear", since: 2013),
        Succession(old: "S12000015", new: "S12000047", name: "Fife", since: 2018),
        Succession(old: "S12000024", new: "S12000048", name: "Perth and Kinross", since: 2018),
        Succession(old: "S12000044", new: "S12000050", name: "North Lanarkshire", since: 2019),
        Succession(old: "S12000046", new: "S12000049", name: "Glasgow City", since: 2019),
    ]

    /// `successions` as a table, old code → new code.
    public static let builtIn: [String: String] = Dictionary(uniqueKeysWithValues: successions.map { ($0.old, $0.new) })

    /// The table with every chain followed to its end: with `A → B` and `B → C` (a code changed
    /// twice, or tables from two years merged), `A` maps to `C`. A cycle (`A → B → A`) stops
    /// where it would come back round.
    public static func resolved(_ table: [String: String]) -> [String: String] {
        var out = [String: String]()
        for (old, new) in table {
            var seen: Set<String> = [old]
            var last = new
            while let next = table[last], !seen.contains(last) {
                seen.insert(last)
                last = next
            }
            out[old] = last
        }
        return out
    }
}
