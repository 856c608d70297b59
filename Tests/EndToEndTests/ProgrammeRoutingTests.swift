import Foundation
import Testing

/// A programme whose national file is routed by area (each place given its own areas'
/// observations, what it takes from the others worked out once) writes the same bytes as one
/// whose places are each given every record (`BASELINE_ROUTING=broadcast`), on a file where
/// the other areas matter: ranges across areas (by code class and by `Area Type`), indicators
/// not in the catalogue, the mean over areas and its repeated area, rejects.
@Suite(.timeLimit(.minutes(3))) struct ProgrammeRoutingTests {
    static let header = "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,Count,Denominator"

    /// 12 districts and a unitary authority of one region, the region and England; two
    /// catalogue indicators and one not; Persons and Male, two years; a row repeated, a row
    /// whose value is not a number, a category row. The districts of one indicator name their
    /// area type, the other's do not (so their class comes from the code).
    static func national() -> String {
        var rows = [header]
        let districts = (1...12).map { String(format: "E07000%03d", $0) } + ["E06000001"]
        let areas = districts.map { ($0, "Area \($0)", "E12000001") } + [("E12000001", "Region", "E92000001"), ("E92000001", "England", "")]
        for (i, indicator) in ["IND1", "IND2", "XTRA"].enumerated() {
            for (a, (code, name, parent)) in areas.enumerated() {
                let type = indicator == "IND1" ? (code.hasPrefix("E0") ? "Districts & UAs" : code.hasPrefix("E12") ? "Region" : "England") : ""
                for sex in ["Persons", "Male"] {
                    for year in ["2023", "2024"] {
                        let value = Double(10 + i * 7 + (a * 13) % 29) + (sex == "Male" ? 1.5 : 0) + (year == "2024" ? 0.25 : 0)
                        rows.append("\(indicator),Indicator \(indicator),\(parent),P,\(code),\(name),\(type),\(sex),All ages,,,\(year),\(value),\(value - 1),\(value + 1),\(Int(value * 10)),1000")
                    }
                }
            }
        }
        rows.append("IND2,Indicator IND2,E12000001,P,E07000005,Area E07000005,,Persons,All ages,,,2024,99.5,98,101,995,1000")
        rows.append("IND2,Indicator IND2,E12000001,P,E07000006,Area E07000006,,Persons,All ages,,,2024,not a number,,,,1000")
        rows.append("IND1,Indicator IND1,E12000001,P,E07000007,Area E07000007,Districts & UAs,Persons,All ages,Deprivation,Most deprived,2024,40,39,41,400,1000")
        return rows.joined(separator: "\n") + "\n"
    }

    static func workspace() throws -> Scratch {
        let scratch = try Scratch()
        let files = [
            "national.csv": national(),
            "catalogue.yaml": """
                indicators:
                  - { id: IND1, name: First, unit: "%", value_type: proportion, polarity: high_is_good, theme: test }
                  - { id: IND2, name: Second, unit: "%", value_type: proportion, polarity: low_is_good, theme: test }

                """,
            "places.csv": """
                code,name,slug,region,neighbours
                E07000001,One,one,E12000001,E07000002;E07000003
                E07000002,Two,two,E12000001,E07000001
                E07000009,Nine,nine,E12000001,E06000001
                E06000001,Unitary,unitary,E12000001,E07000012

                """,
            "programme.yaml": """
                places: places.csv
                period: "2024"
                benchmarks:
                  - { code: E92000001, name: England, role: england }
                  - { code: E12000001, name: The region, role: region }
                  - { code: E07000003, name: Three, role: neighbour }
                  - { code: E07000012, name: Twelve, role: neighbour }
                sources:
                  - id: national
                    adapter: csv-indicators
                    path: national.csv
                    layout: fingertips
                    max_rejected: 10%
                transforms:
                  - stage: indicators
                    catalogue: catalogue.yaml
                    aggregate: mean_by_indicator_period
                  - stage: benchmark
                sinks:
                  - sink: dashboard-json
                  - sink: text-report
                  - sink: csv-tables

                """,
        ]
        for (name, text) in files { try Data(text.utf8).write(to: scratch.url.appendingPathComponent(name)) }
        return scratch
    }

    /// A fatal error in the file every place shares stops every place at the same line: said
    /// once, not once a place, with its line in the file (read ahead in slices: over one 512 KiB piece, the error past it).
    @Test(arguments: [1, 2])
    func anErrorInTheSharedFileIsSaidOnce(jobs: Int) throws {
        let scratch = try Self.workspace()
        var lines = Self.national().split(separator: "\n").map(String.init)
        lines += (0..<6000).map { "XTRA,Indicator XTRA,E12000001,P,E07000001,Area E07000001,,Persons,All ages,,,\(1000 + $0),1,0,2,10,1000" }
        lines.insert("IND1,Indicator IND1,E12000001,P,E07000002,Area\u{0}Two,,Persons,All ages,,,2024,1,0,2,10,1000", at: 5600)
        let bytes = Data((lines.joined(separator: "\n") + "\n").utf8)
        #expect(bytes.count > 512 << 10)
        #expect(Data(lines[..<5600].joined(separator: "\n").utf8).count > 512 << 10)
        try bytes.write(to: scratch.url.appendingPathComponent("national.csv"))
        let run = try runBaseline(["run", "programme.yaml", "--jobs", "\(jobs)", "-o", "out"], environment: [:], in: scratch.url)
        #expect(run.status == 1)
        let errors = run.stderr.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors.count == 2, "\(run.stderr)")
        #expect(errors.first?.hasPrefix("national.csv:5601: error: every place (4): NUL byte at byte offset") == true, "\(run.stderr)")
        #expect(errors.last?.hasPrefix("error: 4 of 4 places failed") == true, "\(run.stderr)")
    }

    @Test(arguments: [1, 2])
    func aRoutedProgrammeWritesWhatABroadcastOneWrites(jobs: Int) throws {
        let scratch = try Self.workspace()
        let routed = try runBaseline(["run", "-q", "programme.yaml", "--jobs", "\(jobs)", "-o", "routed"], environment: [:], in: scratch.url)
        #expect(routed.status == 0, "\(routed.stderr)")
        let broadcast = try runBaseline(["run", "-q", "programme.yaml", "--jobs", "\(jobs)", "-o", "broadcast"],
                                        environment: ["BASELINE_ROUTING": "broadcast"], in: scratch.url)
        #expect(broadcast.status == 0, "\(broadcast.stderr)")
        let expected = try Scratch.files(under: scratch.url.appendingPathComponent("broadcast").path)
        let got = try Scratch.files(under: scratch.url.appendingPathComponent("routed").path)
        #expect(expected.keys.filter { $0.hasSuffix("/baseline.json") }.count == 4)
        #expect(Set(got.keys) == Set(expected.keys))
        for (path, bytes) in expected { #expect(got[path] == bytes, "\(path) differs between the routed and the broadcast run") }

        // What the fixture is for: each of these depends on other areas' rows.
        let one = String(decoding: got["one/2024/baseline.json"] ?? Data(), as: UTF8.self)
        #expect(one.contains("\"range_across_areas\""))
        #expect(one.contains("Districts & UAs") && one.contains("E06–E09 (local authorities, lower tier or unitary)"))
        #expect(one.contains("\"uncatalogued_indicators\""))
        #expect(one.contains("\"area\" : \"*\"") || one.contains("\"area\":\"*\""))
        #expect(one.contains("repeated an area already in the mean"))
        #expect(one.contains("\"quarantined\" : 1") || one.contains("\"quarantined\":1"))
        let rejects = String(decoding: got["one/2024/rejects/national.csv"] ?? Data(), as: UTF8.self)
        #expect(rejects.contains("not a number"), "\(rejects)")
    }

    /// A programme of Barnsley and Sheffield by their current codes over a real ONS file that
    /// gives both only under the codes replaced in 2025: routed, each place's shared pass keeps
    /// its previous code's rows too, and writes what a broadcast run writes.
    @Test func aRoutedProgrammeReadsThePlacesPreviousCodes() throws {
        let scratch = try Scratch()
        let real = Package.tests.appendingPathComponent("Fixtures/real/ons")
        for name in ["obesity-south-yorkshire.csv", "south-yorkshire-catalogue.yaml"] {
            try FileManager.default.copyItem(at: real.appendingPathComponent(name), to: scratch.url.appendingPathComponent(name))
        }
        try Data("""
            code,name,slug
            E08000038,Barnsley,barnsley
            E08000039,Sheffield,sheffield

            """.utf8).write(to: scratch.url.appendingPathComponent("places.csv"))
        try Data("""
            places: places.csv
            period: "2025"
            benchmarks:
              - { code: E92000001, name: England, role: england }
            sources:
              - { id: obesity, adapter: csv-indicators, path: obesity-south-yorkshire.csv }
            transforms:
              - { stage: indicators, catalogue: south-yorkshire-catalogue.yaml }
              - stage: benchmark
            sinks:
              - sink: dashboard-json

            """.utf8).write(to: scratch.url.appendingPathComponent("programme.yaml"))
        let routed = try runBaseline(["run", "-q", "programme.yaml", "-o", "routed"], environment: [:], in: scratch.url)
        #expect(routed.status == 0, "\(routed.stderr)")
        let broadcast = try runBaseline(["run", "-q", "programme.yaml", "-o", "broadcast"], environment: ["BASELINE_ROUTING": "broadcast"], in: scratch.url)
        #expect(broadcast.status == 0, "\(broadcast.stderr)")
        let expected = try Scratch.files(under: scratch.url.appendingPathComponent("broadcast").path)
        let got = try Scratch.files(under: scratch.url.appendingPathComponent("routed").path)
        #expect(Set(got.keys) == Set(expected.keys))
        for (path, bytes) in expected { #expect(got[path] == bytes, "\(path) differs between the routed and the broadcast run") }
        for (slug, code) in [("barnsley", "E08000038"), ("sheffield", "E08000039")] {
            let data = try #require(got["\(slug)/2025/baseline.json"])
            let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let indicators = try #require(document["indicators"] as? [[String: Any]])
            #expect(indicators.filter { $0["area"] as? String == code }.count == 10, "\(slug)")
        }
    }
}
