import Foundation
import Testing

/// The real binary on a small-area indicator file (`Fixtures/small-area-map/`): four LSOAs of
/// Barking and Dagenham and one of the City of London, on real ONS LSOA boundaries in WGS84 and
/// in British National Grid. `baseline.json` keeps the place's own LSOAs' values, and the
/// dashboard's map is shaded by them — both checked against the input file read here on its own.
@Suite(.serialized) struct SmallAreaMapTests {
    static let fixtures = Package.tests.appendingPathComponent("Fixtures/small-area-map")
    static let place = ["E01000006", "E01000010", "E01000011", "E01000012"]

    /// The input's rows, read with nothing of the tool: line number → the row's fields by column name.
    static func input() throws -> [(line: Int, row: [String: String])] {
        let lines = try String(contentsOf: fixtures.appendingPathComponent("small-areas.csv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().enumerated().map { index, cells in (index + 2, Dictionary(uniqueKeysWithValues: zip(lines[0], cells))) }
    }

    /// Runs the pipeline for one boundary file; returns baseline.json and dashboard.html.
    static func run(_ boundaries: String, in scratch: Scratch) throws -> (document: [String: Any], html: String) {
        let outcome = try baseline("run", fixtures.appendingPathComponent("place-\(boundaries).yaml").path, "--output", scratch.path, "-q")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let folder = scratch.url.appendingPathComponent("barking-and-dagenham/2022")
        #expect(try validateJSON(folder.appendingPathComponent("baseline.json").path, against: "baseline.schema.json").stdout == "valid\n")
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("baseline.json"))) as! [String: Any]
        return (document, try String(contentsOf: folder.appendingPathComponent("dashboard.html"), encoding: .utf8))
    }

    /// Each drawn area's shade class (`m0`…`m4`, or `hatched`), its tooltip, and its outline's
    /// mean x (west to east), from the map's SVG paths.
    static func shading(_ html: String) throws -> [String: (shade: String, title: String, x: Double)] {
        let start = try #require(html.range(of: "<svg class=\"map\""))
        let rest = html[start.lowerBound...]
        let body = rest[..<(try #require(rest.range(of: "</svg>"))).upperBound]
        var areas = [String: (String, String, Double)]()
        let path = try Regex(#"<path (?:class="(m\d)"|fill="url\(#novalue\)") fill-rule="evenodd" d="([^"]+)"><title>([^:<]+): ([^<]+)</title></path>"#)
        for match in body.matches(of: path) {
            let name = String(match.output[3].substring!)
            let xs = String(match.output[2].substring!).split(whereSeparator: { "MLZ".contains($0) }).compactMap { Double($0.split(separator: ",")[0]) }
            areas[name] = (match.output[1].substring.map(String.init) ?? "hatched", String(match.output[4].substring!), xs.reduce(0, +) / Double(xs.count))
        }
        return areas
    }

    @Test("A small-area file on real ONS LSOA boundaries: the place's own LSOAs are kept in baseline.json and shade the map, in WGS84 and in British National Grid, with the values of the input")
    func theMapIsShadedBySmallAreas() throws {
        let input = try Self.input()
        var positions = [String: [String: Double]]()
        for (boundaries, indicator) in [("wgs84", "fuel_poverty"), ("bng", "reception_obesity")] {
            let scratch = try Scratch()
            let (document, html) = try Self.run(boundaries, in: scratch)
            #expect(document["schema_version"] as? String == "1.8")
            let rows = input.filter { $0.row["Indicator"] == indicator }
            let latest = rows.map { $0.row["Year"]! }.max()!
            let expected = rows.filter { $0.row["Year"] == latest && Self.place.contains($0.row["Area Code"]!) }
            #expect(expected.count == 4)

            // baseline.json: the place's LSOAs in the latest period, with the input's line; never City of London's.
            let kept = (document["small_areas"] as? [[String: Any]] ?? []).filter { $0["indicator"] as? String == indicator }
            #expect(kept.map { $0["area"] as! String } == expected.map { $0.row["Area Code"]! }.sorted())
            for entry in kept {
                let row = try #require(expected.first { $0.row["Area Code"] == entry["area"] as? String })
                #expect(entry["period"] as? String == latest && entry["name"] as? String == row.row["Area Name"])
                #expect((entry["provenance"] as? [String: Any])?["line"] as? Int == row.line)
                if let value = Double(row.row["Value"]!) {
                    #expect(entry["value"] as? Double == value && entry["count"] as? Double == Double(row.row["Count"]!))
                } else {
                    #expect(entry["value"] == nil && entry["missing"] as? String == "suppressed", "\(row.row)")
                }
            }

            // The map: every LSOA of the boundary file drawn, titled with the input's value (or why
            // it has none), and a darker class for a higher value; the suppressed one hatched.
            let shading = try Self.shading(html)
            #expect(shading.count == 4)
            var shades = [(value: Double, shade: Int)]()
            for row in expected {
                let area = try #require(shading[row.row["Area Name"]!], "\(row.row["Area Name"]!) drawn")
                if let value = Double(row.row["Value"]!) {
                    #expect(area.title == row.row["Value"]!, "\(row.row["Area Name"]!)")
                    #expect(html.contains("<tr><th scope=\"row\">\(row.row["Area Name"]!)</th><td>\(row.row["Area Code"]!)</td><td>\(row.row["Value"]!)</td></tr>"))
                    shades.append((value, Int(area.shade.dropFirst())!))
                } else {
                    #expect(area.shade == "hatched" && area.title == "no value (suppressed)")
                }
                positions[boundaries, default: [:]][row.row["Area Code"]!] = area.x
            }
            let ordered = shades.sorted { $0.value < $1.value }
            #expect(ordered.first?.shade == 0 && zip(ordered, ordered.dropFirst()).allSatisfy { $0.shade < $1.shade },
                    "each higher value a darker class: \(ordered)")
            #expect(html.contains("<span class=\"key m0\"></span>\(ordered[0].value) to under \(ordered[1].value)"), "the legend starts at the lowest value")
            #expect(html.contains(boundaries == "wgs84" ? "(WGS84)" : "(British National Grid)"))
            #expect(!html.contains("City of London"), "another place's LSOA is not shown")
        }
        // The two projections draw the areas in the same west-to-east order.
        let west = { (projection: String) in Self.place.sorted { positions[projection]![$0]! < positions[projection]![$1]! } }
        #expect(west("wgs84") == west("bng") && west("wgs84").first == "E01000012", "Barking and Dagenham 015D lies furthest west")
    }
}
