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
            #expect(document["schema_version"] as? String == "1.12")
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

    /// The wgs84 pipeline written into `scratch` with its files named by absolute path, the map's
    /// indicator `indicator` and the indicators stage's catalogue `catalogue`; returns the file
    /// name and the line and column of the map's indicator id.
    static func pipeline(indicator: String, catalogue: String, in scratch: Scratch) throws -> (file: String, line: Int, column: Int) {
        var text = try String(contentsOf: fixtures.appendingPathComponent("place-wgs84.yaml"), encoding: .utf8)
        for name in ["small-areas.csv", "lookup.csv", "lsoa-2011-wgs84.geojson"] {
            text = text.replacingOccurrences(of: ": \(name)", with: ": \(fixtures.appendingPathComponent(name).path)")
        }
        text = text.replacingOccurrences(of: "catalogue: catalogue.yaml", with: "catalogue: \(fixtures.appendingPathComponent("catalogue.yaml").path)")
            .replacingOccurrences(of: "  - stage: indicators\n    catalogue: \(fixtures.appendingPathComponent("catalogue.yaml").path)",
                                  with: "  - stage: indicators\n    catalogue: \(catalogue)")
            .replacingOccurrences(of: "indicator: fuel_poverty", with: "indicator: \(indicator)")
        try text.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(lines.firstIndex { $0.hasSuffix("indicator: \(indicator)") })
        return ("p.yaml", line + 1, lines[line].count - indicator.count + 1)
    }

    @Test("A map indicator the catalogue does not define is an error at its line, with a did-you-mean, from validate and run; nothing is written")
    func aMisspeltMapIndicatorIsAnError() throws {
        let scratch = try Scratch()
        let catalogue = Self.fixtures.appendingPathComponent("catalogue.yaml").path
        let (file, line, column) = try Self.pipeline(indicator: "fuel_povrety", catalogue: catalogue, in: scratch)
        let expected = "\(file):\(line):\(column): error: indicator 'fuel_povrety' is not in the indicator catalogue (\(catalogue)) — did you mean 'fuel_poverty'?\n"
        let validated = try baseline("validate", file, in: scratch.url)
        #expect(validated.status == 1)
        #expect(validated.stderr == expected, "\(validated.stderr)")
        let run = try baseline("run", file, "--output", "out", "-q", in: scratch.url)
        #expect(run.status == 1)
        #expect(run.stderr == expected, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out/barking-and-dagenham/2022"))
        // Nothing close: the catalogue's ids are listed.
        let far = try Self.pipeline(indicator: "rough_sleeping", catalogue: catalogue, in: scratch)
        let listed = try baseline("validate", far.file, in: scratch.url)
        #expect(listed.status == 1)
        #expect(listed.stderr == "\(far.file):\(far.line):\(far.column): error: indicator 'rough_sleeping' is not in the indicator catalogue (\(catalogue)) — "
                + "name one of its ids: 'fuel_poverty', 'reception_obesity'\n", "\(listed.stderr)")
    }

    @Test("A map indicator the catalogue defines but the data has no value of validates, and the page says the baseline has none")
    func aCataloguedIndicatorWithoutDataIsANoteOnThePage() throws {
        let scratch = try Scratch()
        let catalogue = try String(contentsOf: Self.fixtures.appendingPathComponent("catalogue.yaml"), encoding: .utf8) + """
              - id: child_poverty
                name: Children in low income families
                unit: "%"
                value_type: proportion
                multiplier: 100
                polarity: low_is_good
                theme: children

            """
        try catalogue.write(toFile: scratch.path + "/catalogue.yaml", atomically: true, encoding: .utf8)
        let (file, _, _) = try Self.pipeline(indicator: "child_poverty", catalogue: "catalogue.yaml", in: scratch)
        let validated = try baseline("validate", file, in: scratch.url)
        #expect(validated.status == 0, "\(validated.stderr)")
        let run = try baseline("run", file, "--output", "out", "-q", in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOfFile: scratch.path + "/out/barking-and-dagenham/2022/dashboard.html", encoding: .utf8)
        #expect(html.contains("<p class=\"empty\">The baseline has no value of child_poverty to shade the map of "
                              + "\(Self.fixtures.appendingPathComponent("lsoa-2011-wgs84.geojson").path) with.</p>"))
    }
}
