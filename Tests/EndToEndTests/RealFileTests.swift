import Foundation
import Testing

/// The real binary on publishers' files as they publish them (`Fixtures/real/`, listed with
/// their origin in `Fixtures/real/SOURCES.md`), run with the pipeline a user would write. Every
/// figure checked is read from the same file by an independent route: Python's own `csv` module
/// (`Fixtures/real/expected_indicators.py`), or a hand calculation written out here.
@Suite(.serialized) struct RealFileTests {
    static let fixtures = Package.tests.appendingPathComponent("Fixtures")

    /// One row of a publisher's file as Python reads it.
    struct Row: Decodable {
        var area: String
        var indicator: String
        var period: String
        var value: Double?
        var lower: Double?
        var upper: Double?
        var Sex: String?
        var Age: String?
        var Category: String?
    }

    /// Runs `pipeline` (relative to `Fixtures/`) into a fresh folder; returns the baseline and the
    /// brief of `place` and the run's outcome.
    static func run(_ pipeline: String, place: String, in scratch: Scratch, from base: URL = fixtures) throws
        -> (document: [String: Any], report: String, outcome: Outcome) {
        let outcome = try baseline("run", base.appendingPathComponent(pipeline).path, "--output", scratch.path)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let folder = scratch.path + "/\(place)/2025"
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/baseline.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let valid = try validateJSON(folder + "/baseline.json", against: "baseline.schema.json")
        #expect(valid.stdout.contains("valid"), "\(valid.stderr)")
        let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        return (document, report, outcome)
    }

    /// The rows of `areas` in a publisher's file, read by Python.
    static func expected(_ file: String, layout: String, areas: [String]) throws -> [Row] {
        let script = fixtures.appendingPathComponent("real/expected_indicators.py").path
        let outcome = try RealFileTests.python([script, fixtures.appendingPathComponent(file).path, layout] + areas)
        return try JSONDecoder().decode([Row].self, from: Data(outcome.stdout.utf8))
    }

    static func python(_ arguments: [String]) throws -> Outcome {
        let outcome = try EndToEndTests.run("python3", arguments)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return outcome
    }

    /// The indicator entries of `area` for `id`, by period.
    static func entries(_ document: [String: Any], id: String, area: String) -> [String: [String: Any]] {
        let all = document["indicators"] as? [[String: Any]] ?? []
        var byPeriod = [String: [String: Any]]()
        for entry in all where entry["id"] as? String == id && entry["area"] as? String == area {
            byPeriod[entry["period"] as! String] = entry
        }
        return byPeriod
    }

    /// Whether a number read back from baseline.json is `expected`. Foundation's JSON reader on
    /// Linux can miss the last binary digit of a 17-digit number that the file holds exactly
    /// (`10.003556320471683` comes back as `…684`), so the two may differ by one part in 10^15.
    static func same(_ read: Any?, _ expected: Double?) -> Bool {
        guard let read = read as? Double, let expected else { return read == nil && expected == nil }
        return abs(read - expected) <= abs(expected) * 1e-15
    }

    static func interval(_ entry: [String: Any]?) -> [Double]? {
        (entry?["ci95"] as? [String: Double]).map { [$0["lower"]!, $0["upper"]!] }
    }

    /// Fingertips' comparison, worked out from Python's figures: England's value (taken as exact)
    /// inside the area's 95% interval is similar; a benchmark area with an interval of its own
    /// (`other`) is similar when the two intervals overlap; otherwise better or worse by
    /// polarity, higher or lower without one.
    static func comparison(_ row: Row, benchmark: Double, interval other: (lower: Double, upper: Double)? = nil, polarity: String) -> String {
        if let other {
            let apart = row.value! > benchmark ? row.lower! > other.upper : other.lower > row.upper!
            if !apart { return "similar" }
        } else if row.lower! <= benchmark, benchmark <= row.upper! {
            return "similar"
        }
        let higher = row.value! > benchmark
        switch polarity {
        case "low_is_good": return higher ? "worse" : "better"
        case "high_is_good": return higher ? "better" : "worse"
        default: return higher ? "higher" : "lower"
        }
    }

    // MARK: - ONS Explore Local Statistics

    static let manchester = ["E08000003", "E92000001", "E08000006"]

    @Test("ONS cigarette smokers: every Manchester value, interval and comparison as Python reads and works them out")
    func onsCigaretteSmokers() throws {
        let scratch = try Scratch()
        let (document, report, outcome) = try Self.run("real/ons/manchester.yaml", place: "manchester", in: scratch)
        #expect(outcome.stderr.contains("cigarette-smokers (csv-indicators): read 756, passed on 756, quarantined 0"))
        let rows = try Self.expected("real/ons/cigarette-smokers.csv", layout: "ons", areas: Self.manchester)
        let place = rows.filter { $0.area == "E08000003" }
        try #require(place.count == 2)
        let entries = Self.entries(document, id: "cigarette_smokers", area: "E08000003")
        #expect(Set(entries.keys) == Set(place.map(\.period)))
        #expect(Set(entries.keys) == ["2019 - 23", "2020 - 24"], "2019-01-01/P5Y is five calendar years, written as Fingertips writes pooled years")
        for row in place {
            let entry = entries[row.period]
            #expect(entry?["value"] as? Double == row.value, "\(row.period)")
            #expect(Self.interval(entry) == [row.lower!, row.upper!], "\(row.period)")
            let comparisons = entry?["comparisons"] as? [String: String]
            for benchmark in ["E92000001", "E08000006"] {
                let other = try #require(rows.first { $0.area == benchmark && $0.period == row.period })
                // England is taken as exact; Salford, with its own interval, interval with interval.
                let interval = benchmark == "E92000001" ? nil : (lower: other.lower!, upper: other.upper!)
                #expect(comparisons?[benchmark] == Self.comparison(row, benchmark: other.value!, interval: interval, polarity: "low_is_good"),
                        "\(row.period) \(benchmark)")
            }
        }
        // By hand: 15.6% (13.8–17.4) in 2020 - 24; England's 11.5 is below it (worse); Salford's
        // 13.3 (11.6–15.0) overlaps it (13.8 ≤ 15.0): similar.
        #expect(report.contains("| Cigarette smokers | 2020 - 24 | 15.6% | 13.8–17.4 | worse than England; similar to Salford |"))
    }

    @Test("ONS gigabit broadband: a one-day period shown readably; the place and both benchmarks as Python reads them")
    func onsGigabitBroadband() throws {
        let scratch = try Scratch()
        let (document, report, outcome) = try Self.run("real/ons/manchester.yaml", place: "manchester", in: scratch)
        #expect(outcome.stderr.contains("gigabit-broadband (csv-indicators): read 413, passed on 413, quarantined 0"))
        let rows = try Self.expected("real/ons/gigabit-capable-broadband.csv", layout: "ons", areas: Self.manchester)
        try #require(rows.count == 3)
        for row in rows {
            let entry = Self.entries(document, id: "gigabit_broadband", area: row.area)[row.period]
            #expect(entry?["value"] as? Double == row.value, "\(row.area)")
        }
        let place = try #require(Self.entries(document, id: "gigabit_broadband", area: "E08000003")["2026-01-01"])
        #expect(place["period_label"] as? String == "1 Jan 2026")
        #expect(place["unit"] as? String == "%" && place["comparisons"] as? [String: String] == ["E92000001": "not_compared", "E08000006": "not_compared"],
                "no interval is published: not compared, and said so")
        #expect(report.contains("| Gigabit capable broadband | 1 Jan 2026 | 90.0% | — | not compared |"))
    }

    @Test("ONS library walk: an indicator named in a long sentence is matched to the catalogue by its name")
    func onsLibraryWalk() throws {
        let scratch = try Scratch()
        let (document, report, outcome) = try Self.run("real/ons/manchester.yaml", place: "manchester", in: scratch)
        #expect(outcome.stderr.contains("library-walk (csv-indicators): read 362, passed on 362, quarantined 0"))
        let rows = try Self.expected("real/ons/library-walk.csv", layout: "ons", areas: Self.manchester)
        try #require(rows.count == 3)
        #expect(Set(rows.map(\.indicator)) == ["Residents within a 30 minute walk of their nearest library"])
        for row in rows {
            #expect(Self.entries(document, id: "library_access", area: row.area)[row.period]?["value"] as? Double == row.value, "\(row.area)")
        }
        #expect(report.contains("| Residents within a 30 minute walk of their nearest library | 15 May 2024 | 96.0% |"))
        #expect((document["data_quality"] as? [String: Any])?["uncatalogued_indicators"] == nil)
    }

    @Test("ONS homicide offences: nine three-year financial periods, each value as Python reads it, shown as 2022-23 to 2024-25")
    func onsHomicideOffences() throws {
        let scratch = try Scratch()
        let (document, report, outcome) = try Self.run("real/ons/greater-manchester-homicide.yaml", place: "greater-manchester", in: scratch)
        let all = try Self.expected("real/ons/homicide-offences.csv", layout: "ons",
                                    areas: ["E23000005", "K04000001", "E92000001", "W92000004"])
        #expect(outcome.stderr.contains("homicide (csv-indicators): read 504, passed on 504, quarantined 0"))
        let place = all.filter { $0.area == "E23000005" }
        try #require(place.count == 9)
        let entries = Self.entries(document, id: "homicide_offences", area: "E23000005")
        #expect(entries.count == 9)
        for row in place {
            #expect(Self.same(entries[row.period]?["value"], row.value), "\(row.period)")
        }
        #expect(entries["2014-04-01/P3Y"]?["period_label"] as? String == "2014-15 to 2016-17")
        let benchmark = Self.entries(document, id: "homicide_offences", area: "K04000001")
        #expect(Self.same(benchmark["2022-04-01/P3Y"]?["value"], all.first { $0.area == "K04000001" && $0.period == "2022-04-01/P3Y" }?.value))
        // By hand: the latest value 10.003556320471683 per million, shown to one decimal place.
        #expect(report.contains("| Homicide offences | 2022-23 to 2024-25 | 10.0 per 1,000,000 population |"), "\(report)")
    }

    @Test("ONS files still giving Barnsley and Sheffield under the codes replaced in 2025: their figures are the current codes', as Python reads them, and said so")
    func onsPreviousCodes() throws {
        let scratch = try Scratch()
        let (document, report, _) = try Self.run("real/ons/barnsley.yaml", place: "barnsley", in: scratch)
        let codes = ["E08000016", "E08000019", "E08000038", "E08000039"]
        let obesity = try Self.expected("real/ons/obesity-south-yorkshire.csv", layout: "ons", areas: codes)
        // The obesity file has no row under the current codes: every figure of the two is under the old ones.
        try #require(obesity.count == 20 && obesity.allSatisfy { $0.area == "E08000016" || $0.area == "E08000019" })
        for (old, new) in [("E08000016", "E08000038"), ("E08000019", "E08000039")] {
            let rows = obesity.filter { $0.area == old }
            let entries = Self.entries(document, id: "adult_obesity", area: new)
            #expect(Set(entries.keys) == Set(rows.map(\.period)), "\(new)")
            for row in rows {
                #expect(Self.same(entries[row.period]?["value"], row.value), "\(new) \(row.period)")
                #expect(Self.interval(entries[row.period]) == [row.lower!, row.upper!], "\(new) \(row.period)")
            }
            #expect(Self.entries(document, id: "adult_obesity", area: old).isEmpty, "no entry under the old code as another area")
        }
        // Compared with Sheffield under its current code too: 35.04764 (31.73971–38.37981) in the
        // latest year, Sheffield's figure (under E08000019) below the interval.
        let latest = try #require(obesity.filter { $0.area == "E08000016" }.max { $0.period < $1.period })
        let sheffield = try #require(obesity.first { $0.area == "E08000019" && $0.period == latest.period }?.value)
        let comparisons = Self.entries(document, id: "adult_obesity", area: "E08000038")[latest.period]?["comparisons"] as? [String: String]
        #expect(comparisons?["E08000039"] == Self.comparison(latest, benchmark: sheffield, polarity: "low_is_good"))
        // The range across areas counts both under their old codes (the source keeps only them and England).
        let range = Self.entries(document, id: "adult_obesity", area: "E08000038")[latest.period]?["range_across_areas"] as? [String: Any]
        #expect(range?["areas"] as? Int == 2 && range?["worst"] as? Double == max(latest.value!, sheffield)
                && range?["best"] as? Double == min(latest.value!, sheffield), "\(String(describing: range))")

        // Child poverty is under both codes for the same years: the current code's rows are used, once.
        let poverty = try Self.expected("real/ons/child-poverty-south-yorkshire.csv", layout: "ons", areas: codes)
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("real/ons/child-poverty-south-yorkshire.csv"), encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n")
        for (id, name) in [("child_poverty_before_housing_costs", "Children in relative poverty before housing costs"),
                           ("child_poverty_after_housing_costs", "Children in relative poverty after housing costs")] {
            let entries = Self.entries(document, id: id, area: "E08000038")
            let rows = poverty.filter { $0.area == "E08000038" && $0.indicator == name }
            #expect(!rows.isEmpty && Set(entries.keys) == Set(rows.map(\.period)), "\(id)")
            for (period, entry) in entries {
                let line = try #require((entry["provenance"] as? [String: Any])?["line"] as? Int)
                #expect(lines[line - 1].hasPrefix("E08000038,"), "\(id) \(period): line \(line) is \(lines[line - 1])")
            }
        }
        let both = poverty.filter { $0.area == "E08000016" }.count
        let notes = try #require((document["data_quality"] as? [String: Any])?["notes"] as? [String])
        let said = "Barnsley's figures for 1 indicator (Adult obesity prevalence) are published under its previous code E08000016, replaced by E08000038 in 2025 after a boundary change "
            + "(the stage's built-in table of 1:1 code changes; `built_in_code_changes: false` leaves them out): 10 values are used for E08000038. "
            + "For \(both) periods the files have figures under both codes: E08000038's own are used."
        #expect(notes.contains(said), "\(notes)")
        #expect(notes.contains { $0.hasPrefix("Sheffield's figures for 1 indicator (Adult obesity prevalence) are published under its previous code E08000019") })
        #expect(!notes.contains { $0.contains("none for the place") || $0.contains("no longer in use") })
        #expect(document["code_changes"] as? [String: String] == ["E08000016": "E08000038", "E08000019": "E08000039"])
        #expect(report.contains("| Adult obesity prevalence | 16 Nov 2024 – 15 Nov 2025 | 35.0% | 31.7–38.4 | worse than Sheffield and England |"))
    }

    @Test("An indicator with no judgement keeps its comparison in the brief: higher or lower, never dropped")
    func noJudgementInTheBrief() throws {
        let scratch = try Scratch()
        let copy = URL(fileURLWithPath: scratch.path + "/pipeline")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("real/ons"), to: copy)
        let catalogue = copy.appendingPathComponent("catalogue.yaml")
        let text = try String(contentsOf: catalogue, encoding: .utf8)
            .replacingOccurrences(of: "    polarity: low_is_good\n    theme: health", with: "    polarity: no_judgement\n    theme: health")
        try text.write(to: catalogue, atomically: true, encoding: .utf8)
        let (document, report, _) = try Self.run("manchester.yaml", place: "manchester", in: scratch, from: copy)
        #expect(Self.entries(document, id: "cigarette_smokers", area: "E08000003")["2020 - 24"]?["comparisons"] as? [String: String]
                    == ["E92000001": "higher", "E08000006": "similar"], "Salford's interval overlaps Manchester's")
        #expect(report.contains("| Cigarette smokers | 2020 - 24 | 15.6% | 13.8–17.4 | higher than England; similar to Salford |"))
    }

    // MARK: - Fingertips (published layout)

    static let fingertips = "published-shape/fingertips/physical-activity-by-indicator-id.csv"

    @Test("Fingertips' layout: rows without their trailing empty field read, breakdowns kept, the publisher's comparisons agree with ours")
    func fingertipsAsPublished() throws {
        let scratch = try Scratch()
        let (document, report, outcome) = try Self.run("published-shape/fingertips/millbrook.yaml", place: "millbrook", in: scratch)
        #expect(outcome.stderr.contains("fingertips (csv-indicators): read 16, passed on 16, quarantined 0"))
        let rows = try Self.expected(Self.fingertips, layout: "fingertips", areas: ["E07999001", "E92000001", "E12000004"])
        #expect(rows.count == 16)
        let headline = try #require(rows.first { $0.area == "E07999001" && $0.period == "2022-23" && $0.Sex == "Persons" && $0.Category == "" })
        let entry = try #require(Self.entries(document, id: "93014", area: "E07999001")["2022-23"])
        #expect(entry["value"] as? Double == headline.value && Self.interval(entry) == [headline.lower!, headline.upper!])
        let breakdowns = try #require(entry["breakdowns"] as? [[String: Any]])
        let others = rows.filter { $0.area == "E07999001" && $0.period == "2022-23" && $0.indicator == "93014" && !($0.Sex == "Persons" && $0.Category == "") }
        #expect(breakdowns.count == others.count)
        for row in others {
            let match = breakdowns.first { ($0["sex"] as? String) == row.Sex && ($0["category"] as? String ?? "") == row.Category }
            #expect(match?["value"] as? Double == row.value, "\(row.Sex ?? "") \(row.Category ?? "")")
        }
        // The publisher's own comparisons ('Worse' than England, 'Similar' to the region, read off
        // the file) agree with the benchmark stage's: 61.4 (56.8–65.8) against 67.1 and 65.6.
        let published = try #require(entry["published"] as? [String: Any])
        #expect(published["comparisons"] as? [String: String] == ["E92000001": "Worse", "E12000004": "Similar"])
        #expect(published["disagreements"] == nil)
        #expect(entry["comparisons"] as? [String: String] == ["E92000001": "worse", "E12000004": "similar"])
        let england = try #require(Self.entries(document, id: "93014", area: "E92000001")["2022-23"]?["breakdowns"] as? [[String: Any]])
        #expect(england.compactMap { $0["category"] as? String } == ["Least deprived decile (IMD2019)", "Most deprived decile (IMD2019)"])
        let suppressed = Self.entries(document, id: "20401", area: "E07999001")["2021"]
        #expect(suppressed?["missing"] as? String == "suppressed" && suppressed?["value"] == nil)
        #expect(report.contains("| Percentage of physically active adults | 2022-23 | 61.4% | 56.8–65.8 | worse than England; similar to East Midlands region |"),
                "\(report)")
        let dashboard = try String(contentsOfFile: scratch.path + "/millbrook/2025/dashboard.html", encoding: .utf8)
        // The breakdowns as charts with tables: by sex, and by the published category type.
        #expect(dashboard.contains("<figcaption><strong>Percentage of physically active adults by sex</strong></figcaption>"))
        #expect(dashboard.contains("<figcaption><strong>Percentage of physically active adults by Ethnic groups</strong></figcaption>"))
        #expect(dashboard.contains("<tr><th scope=\"row\">Female, 19+ yrs</th><td>58.4</td><td>52.1–64.5</td><td>142</td></tr>"))
        #expect(dashboard.contains("<tr><th scope=\"row\">White</th><td>62.0</td><td>57.0–66.8</td><td>253</td></tr>"))
    }

    @Test("Fingertips' layout sorted another way gives the same indicators (only the line numbers move)")
    func fingertipsRowOrderDoesNotMatter() throws {
        let scratch = try Scratch()
        let copy = URL(fileURLWithPath: scratch.path + "/pipeline")
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("published-shape/fingertips"), to: copy)
        let file = copy.appendingPathComponent("physical-activity-by-indicator-id.csv").path
        _ = try Self.python(["-c", """
            import csv, sys
            rows = list(csv.reader(open(sys.argv[1], newline="")))
            with open(sys.argv[1], "w", newline="") as out:
                csv.writer(out).writerows([rows[0]] + sorted(rows[1:], key=lambda r: (r[8], r[7], r[10], r[4]), reverse=True))
            """, file])
        func indicators(_ document: [String: Any]) throws -> Data {
            var entries = document["indicators"] as? [[String: Any]] ?? []
            for index in entries.indices {
                entries[index]["provenance"] = nil
                if var breakdowns = entries[index]["breakdowns"] as? [[String: Any]] {
                    for b in breakdowns.indices { breakdowns[b]["provenance"] = nil }
                    entries[index]["breakdowns"] = breakdowns
                }
            }
            return try JSONSerialization.data(withJSONObject: entries, options: [.sortedKeys])
        }
        let first = try Scratch(), second = try Scratch()
        let original = try Self.run("millbrook.yaml", place: "millbrook", in: first, from: Self.fixtures.appendingPathComponent("published-shape/fingertips"))
        let sorted = try Self.run("millbrook.yaml", place: "millbrook", in: second, from: copy)
        #expect((original.document["indicators"] as? [Any])?.count == 9, "2 areas' and England's values of two indicators and periods")
        #expect(try indicators(original.document) == indicators(sorted.document))
        // The brief's numbers too (its list of inputs gives each file's bytes and hash, which differ).
        func numbers(_ report: String) -> Substring? {
            // From the heading to the next one (the brief shows only the sections its evidence supports).
            guard let start = report.range(of: "## What the numbers say") else { return nil }
            let end = report.range(of: "\n## ", range: start.upperBound..<report.endIndex)?.lowerBound ?? report.endIndex
            return report[start.lowerBound..<end]
        }
        #expect(numbers(original.report) != nil && numbers(original.report) == numbers(sorted.report))
    }
}
