import Foundation
import Testing

/// The real binary on two months of Essex Police's street-level crime files as data.police.uk
/// published them (`Fixtures/real/police-uk/download/`, cut to the LSOAs of Basildon's MSOAs
/// 001–004; origin in `Fixtures/real/SOURCES.md`), with the pipeline a community safety
/// partnership would write: `police-uk` by month, `join` adding up the place's 20 LSOAs,
/// `indicators`. The counts are checked against Python's `csv` module (`expected_police.py`) and
/// the totals by hand.
@Suite(.serialized) struct PoliceUKRealTests {
    static let fixtures = Package.tests.appendingPathComponent("Fixtures/real/police-uk")

    struct Expected: Decodable {
        var rows: Int
        var no_location: Int
        var duplicates: Int
        /// Month → crime type (and "All crime") → count, for the place.
        var place: [String: [String: Int]]
        /// LSOA → month → crime type → count.
        var lsoa: [String: [String: [String: Int]]]
    }

    static func expected() throws -> Expected {
        let script = Package.tests.appendingPathComponent("Fixtures/real/expected_police.py").path
        let outcome = try run("python3", [script, fixtures.appendingPathComponent("download").path,
                                          fixtures.appendingPathComponent("lookup.csv").path, "E07000066"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return try JSONDecoder().decode(Expected.self, from: Data(outcome.stdout.utf8))
    }

    /// The crime type an indicator id counts, as the file names it.
    static let types = ["Anti-social behaviour", "Bicycle theft", "Burglary", "Criminal damage and arson", "Drugs", "Other crime",
                        "Other theft", "Possession of weapons", "Public order", "Robbery", "Shoplifting", "Theft from the person",
                        "Vehicle crime", "Violence and sexual offences"]
    static func id(_ type: String) -> String {
        type == "All crime" ? "crime-all" : "crime-" + type.lowercased().replacingOccurrences(of: " ", with: "-")
    }

    @Test("Essex street-level files: the place's crimes by month and type, its LSOAs' counts, and the rows reconciled, as Python counts them")
    func essexByMonth() throws {
        let expected = try Self.expected()
        // By hand: 170 rows in January (2 of them with no location), 146 in February.
        #expect(expected.rows == 316 && expected.no_location == 2 && expected.duplicates == 0)
        #expect(expected.place["2018-01"]?["All crime"] == 130 && expected.place["2018-02"]?["All crime"] == 116)

        let scratch = try Scratch()
        let outcome = try baseline("run", Self.fixtures.appendingPathComponent("basildon.yaml").path, "--output", scratch.path)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        // Counted in rows, as Python counts them: 316 crimes read, the 2 with no location skipped,
        // and the 314 others counted into 560 figures: 20 LSOAs × 2 months × 14 indicators (13
        // crime types in the files and crime-all; no bicycle theft in these LSOAs). The line
        // said "read 562, passed on 560": figures and rows added together.
        #expect(outcome.stderr.contains("street-crime (police-uk): read 316 rows, passed on 314 (counted into 560 figures), quarantined 0, skipped 2\n"), "\(outcome.stderr)")
        let folder = scratch.path + "/basildon/2018"
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/baseline.json"))) as? [String: Any])
        let valid = try validateJSON(folder + "/baseline.json", against: "baseline.schema.json")
        #expect(valid.stdout.contains("valid"), "\(valid.stderr)")
        let counts = ((document["manifest"] as? [String: Any])?["sources"] as? [[String: Any]])?.first
        #expect(counts?["read"] as? Int == expected.rows && counts?["passed_on"] as? Int == expected.rows - expected.no_location
                    && counts?["quarantined"] as? Int == 0 && counts?["skipped"] as? Int == expected.no_location
                    && counts?["figures"] as? Int == 560 && counts?["figures_set_aside"] == nil, "\(String(describing: counts))")
        let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        #expect(report.contains("- `street-crime`: 316 rows read, 314 used (counted into 560 figures), 2 skipped"), "\(report)")

        let indicators = document["indicators"] as? [[String: Any]] ?? []
        var checked = 0
        for month in ["2018-01", "2018-02"] {
            for type in Self.types + ["All crime"] {
                let entry = indicators.first { $0["id"] as? String == Self.id(type) && $0["area"] as? String == "E07000066" && $0["period"] as? String == month }
                if type == "Bicycle theft" {
                    #expect(entry == nil, "no file holds a bicycle theft: no count, not zero")
                    continue
                }
                let count = expected.place[month]?[type] ?? 0
                #expect(entry?["value"] as? Double == Double(count), "\(type) \(month)")
                // The count of events too, added up by join: what `baseline diff` tests counts with.
                #expect(entry?["count"] as? Double == Double(count), "\(type) \(month): count")
                checked += 1
            }
        }
        #expect(checked == 28)

        // The place's LSOAs in the latest month, zero where Python found no crime of the type.
        let small = (document["small_areas"] as? [[String: Any]] ?? []).filter { $0["indicator"] as? String == "crime-all" }
        #expect(small.count == 20)
        for entry in small {
            let area = try #require(entry["area"] as? String)
            #expect(entry["period"] as? String == "2018-02")
            #expect(entry["value"] as? Double == Double(expected.lsoa[area]?["2018-02"]?["All crime"] ?? 0), "\(area)")
        }
        #expect(small.contains { $0["area"] as? String == "E01021256" && $0["value"] as? Double == 0 }, "Basildon 004D: crimes in January only")

        let notes = (document["data_quality"] as? [String: Any])?["notes"] as? [String] ?? []
        #expect(notes.contains("download: 316 crimes read from 2 files: 314 counted in an area, 2 with no location (no LSOA code), counted in no area."), "\(notes)")
        let rejects = ((document["data_quality"] as? [String: Any])?["rejects"] as? [String: [String: Int]])?["street-crime"]
        #expect(rejects == ["no location": 2], "\(String(describing: rejects))")
    }

    @Test("The sample pipeline runs: Millbrook's crimes of 2025 added up from its LSOAs")
    func samplePipeline() throws {
        let scratch = try Scratch()
        let outcome = try baseline("run", "pipelines/community-safety-2025.yaml", "--output", scratch.path)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path + "/millbrook/2025/baseline.json"))) as? [String: Any])
        let indicators = document["indicators"] as? [[String: Any]] ?? []
        func value(_ id: String) -> Double? {
            indicators.first { $0["id"] as? String == id && $0["area"] as? String == "E07999001" && $0["period"] as? String == "2025-01-01/P2M" }?["value"] as? Double
        }
        // January and February of 2025 only: the period is those two months, not the year.
        // By hand from samples/millbrook/police: January 14 located crimes and incidents (3
        // anti-social behaviour) and 1 with no location; February 11 (3 anti-social behaviour).
        #expect(value("crime-all") == 19)
        #expect(value("crime-anti-social-behaviour") == 6)
        #expect(value("crime-violence-and-sexual-offences") == 9)
        #expect(value("crime-public-order") == nil, "the one public order crime had no location")
    }

    /// Bad rows are a share of the rows read, not of the counts made of them: 3 bad rows among
    /// 100 crimes, counted into 2 figures, were "3 of 5 records, 60%" and failed the run.
    @Test("max_rejected is measured against the rows read: 3 bad rows of 103 pass, 3 of 6 fail")
    func rejectShareOfRows() throws {
        let scratch = try Scratch()
        let header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"
        func write(good: Int) throws {
            try FileManager.default.createDirectory(atPath: scratch.path + "/police/2025-01", withIntermediateDirectories: true)
            var text = header
            for index in 0..<good { text += "c\(index),2025-01,Vale Police,Vale Police,-1.0,52.0,On or near X,E01999001,Vale 001A,Burglary,Under investigation,\n" }
            for index in 0..<3 { text += "bad\(index),2025-13,Vale Police,Vale Police,-1.0,52.0,On or near X,E01999001,Vale 001A,Burglary,Under investigation,\n" }
            try text.write(toFile: scratch.path + "/police/2025-01/2025-01-vale-street.csv", atomically: true, encoding: .utf8)
        }
        try """
            place: { name: Vale, code: E01999001 }
            period: 2025
            sources:
              - { id: crime, adapter: police-uk, path: police, period: month }
            transforms:
              - { stage: indicators, catalogue: \(Package.root.path)/samples/millbrook/crime-indicators.yaml }
            sinks:
              - sink: dashboard-json
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        try write(good: 100)
        let passed = try baseline("run", scratch.path + "/p.yaml", "--output", scratch.path + "/out", "-q")
        #expect(passed.status == 0, "\(passed.stderr)")
        try write(good: 3)
        let failed = try baseline("run", scratch.path + "/p.yaml", "--output", scratch.path + "/out", "-q")
        #expect(failed.status == 1 && failed.stderr.contains("source 'crime' set aside 3 of its 6 rows (50%), more than its max_rejected of 5%"), "\(failed.stderr)")
    }

    /// In a programme the file is read once for every place (`SharedSource`), and its rows read
    /// were not passed on: 3 bad rows among 103 crimes, counted into 4 figures, were "3 of 7
    /// records, 43%", and every place failed where a one-place run of it passes.
    /// With `join` the file goes to every place whole; without, it is routed by area (each
    /// place given its own LSOA's figures: docs/scale.md).
    @Test("max_rejected is a share of the rows read in a programme too, and the counts are in rows, the same for each place",
          arguments: [true, false])
    func rejectShareOfRowsInAProgramme(joined: Bool) throws {
        let scratch = try Scratch()
        let header = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n"
        var text = header
        for index in 0..<100 {
            let (lsoa, name) = index % 2 == 0 ? ("E01999001", "Vale 001A") : ("E01999002", "Wold 001A")
            text += "c\(index),2025-01,Vale Police,Vale Police,-1.0,52.0,On or near X,\(lsoa),\(name),Burglary,Under investigation,\n"
        }
        for index in 0..<3 { text += "bad\(index),2025-13,Vale Police,Vale Police,-1.0,52.0,On or near X,E01999001,Vale 001A,Burglary,Under investigation,\n" }
        try FileManager.default.createDirectory(atPath: scratch.path + "/police/2025-01", withIntermediateDirectories: true)
        try text.write(toFile: scratch.path + "/police/2025-01/2025-01-vale-street.csv", atomically: true, encoding: .utf8)
        try "LSOA21CD,LSOA21NM,LAD23CD,LAD23NM\nE01999001,Vale 001A,E07999001,Vale\nE01999002,Wold 001A,E07999002,Wold\n"
            .write(toFile: scratch.path + "/lookup.csv", atomically: true, encoding: .utf8)
        let places = joined ? [("vale", "E07999001"), ("wold", "E07999002")] : [("vale", "E01999001"), ("wold", "E01999002")]
        try ("code,name,slug\n" + places.map { "\($0.1),\($0.0.capitalized),\($0.0)\n" }.joined())
            .write(toFile: scratch.path + "/places.csv", atomically: true, encoding: .utf8)
        let join = "  - { stage: join, lookup: lookup.csv, from: LSOA21CD, to: LAD23CD, catalogue: \(Package.root.path)/samples/millbrook/crime-indicators.yaml }\n"
        try """
            places: places.csv
            period: 2025
            sources:
              - { id: crime, adapter: police-uk, path: police, period: month }
            transforms:
            \(joined ? join : "")  - { stage: indicators, catalogue: \(Package.root.path)/samples/millbrook/crime-indicators.yaml }
            sinks:
              - sink: dashboard-json
            """.write(toFile: scratch.path + "/programme.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", scratch.path + "/programme.yaml", "--output", scratch.path + "/out")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        // 2 LSOAs × 1 month × 2 indicators (burglary, crime-all): 4 figures of the 100 good rows.
        #expect(outcome.stderr.contains("crime (police-uk): read 103 rows, passed on 100 (counted into 4 figures), quarantined 3 — the same for each of the 2 places"),
                "\(outcome.stderr)")
        for (slug, code) in places {
            let data = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/out/\(slug)/2025/baseline.json"))
            let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let burglary = (document["indicators"] as? [[String: Any]] ?? []).first { $0["id"] as? String == "crime-burglary" && $0["area"] as? String == code }
            #expect(burglary?["value"] as? Double == 50, "\(slug): \(String(describing: burglary))")
        }
    }
}
