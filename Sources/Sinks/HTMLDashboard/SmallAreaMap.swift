import BaselineCore
import BaselineFormat
import Foundation

/// The areas of a boundary file (GeoJSON, as the ONS Open Geography Portal gives it, in British
/// National Grid metres or WGS84 longitude and latitude), read once while the pipeline is
/// checked, and drawn by the sink as an inline SVG map shaded by an indicator's value.
struct SmallAreaMap: Sendable, Equatable {
    /// One area: its code, its name, and its outline as rings of projected points (x east, y north).
    struct Area: Sendable, Equatable {
        var code: String
        var name: String
        var rings: [[Point]]
    }

    struct Point: Sendable, Equatable {
        var x: Double
        var y: Double
    }

    /// What went wrong reading a boundary file, in words for the error at the pipeline's line.
    struct Problem: Error, Equatable {
        var message: String
    }

    var areas: [Area]
    /// `British National Grid` or `WGS84`, as found from the coordinates.
    var projection: String

    /// Reads a GeoJSON FeatureCollection of Polygon and MultiPolygon features; the code and name
    /// are the properties named, or else the first property ending in `CD` and in `NM` (ONS'
    /// `LSOA21CD`, `LSOA21NM`), or `code` and `name`.
    init(geoJSON data: Data, codeProperty: String?, nameProperty: String?) throws {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let features = root["features"] as? [[String: Any]] else {
            throw Problem(message: "not a GeoJSON FeatureCollection (no \"features\" list)")
        }
        var areas = [Area]()
        var raw = [(code: String, name: String, rings: [[[Double]]])]()
        for (index, feature) in features.enumerated() {
            let properties = feature["properties"] as? [String: Any] ?? [:]
            let keys = properties.keys.sorted()
            let codeKey = codeProperty ?? keys.first { $0.uppercased().hasSuffix("CD") } ?? "code"
            let nameKey = nameProperty ?? keys.first { $0.uppercased().hasSuffix("NM") } ?? "name"
            guard let code = properties[codeKey].map({ "\($0)" }) else {
                throw Problem(message: "feature \(index + 1) has no '\(codeKey)' property"
                    + (codeProperty == nil ? " (name the property holding the area code with code_property:)" : ""))
            }
            let name = properties[nameKey].map { "\($0)" } ?? code
            guard let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String else {
                throw Problem(message: "feature \(index + 1) (\(code)) has no geometry")
            }
            let coordinates = geometry["coordinates"]
            let rings: [[[Double]]]
            switch type {
            case "Polygon": rings = (coordinates as? [[[Double]]]) ?? []
            case "MultiPolygon": rings = ((coordinates as? [[[[Double]]]]) ?? []).flatMap { $0 }
            default: throw Problem(message: "feature \(index + 1) (\(code)) is a \(type), not a Polygon or MultiPolygon")
            }
            guard rings.contains(where: { $0.count >= 3 }) else {
                throw Problem(message: "feature \(index + 1) (\(code)) has no outline (its coordinates are not [[x, y], …] rings)")
            }
            raw.append((code, name, rings))
        }
        guard !raw.isEmpty else { throw Problem(message: "the FeatureCollection has no features") }
        let all = raw.flatMap { $0.rings.flatMap { $0 } }.filter { $0.count >= 2 }
        let degrees = all.allSatisfy { abs($0[0]) <= 180 && abs($0[1]) <= 90 }
        projection = degrees ? "WGS84" : "British National Grid"
        // Longitude shrinks with latitude: scaled by the cosine of the middle latitude, the map's
        // shapes are right for an area the size of a county.
        let latitudes = all.map { $0[1] }
        let shrink = degrees ? cos((latitudes.min()! + latitudes.max()!) / 2 * .pi / 180) : 1
        for area in raw {
            areas.append(Area(code: area.code, name: area.name, rings: area.rings.map { ring in
                ring.filter { $0.count >= 2 }.map { Point(x: $0[0] * shrink, y: $0[1]) }
            }))
        }
        self.areas = areas
    }

    /// Five sequential shades, lightest for the lowest values (swatches only: no text is drawn on them).
    static let shades = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]

    /// The map of `values` (by area code) for the indicator named, with a legend of its five
    /// classes (quintiles of the values shown) and "no value", and the table beside it; an area
    /// with no value says why where the baseline knows (`missing`, by area code: `suppressed`).
    func html(indicator: String, unit: String?, values: [String: Double], missing: [String: String] = [:], period: String) -> String {
        let said = { (code: String) in values[code].map { Figure.number($0) } ?? missing[code].map { "no value (\($0))" } ?? "no value" }
        let points = areas.flatMap { $0.rings.flatMap { $0 } }
        guard let minX = points.map(\.x).min(), let maxX = points.map(\.x).max(),
              let minY = points.map(\.y).min(), let maxY = points.map(\.y).max() else { return "" }
        let width = 600.0, scale = width / max(maxX - minX, maxY - minY, 1e-9)
        let height = max(60, (maxY - minY) * scale)
        let sorted = values.filter { code, _ in areas.contains { $0.code == code } }.map(\.value).sorted()
        // Class breaks at the quintiles of the values shown (fewer classes when values repeat).
        let breaks = sorted.isEmpty ? [] : Array(Set((1..<5).map { sorted[min(sorted.count - 1, $0 * sorted.count / 5)] })).sorted()
            .filter { $0 > sorted[0] }
        let classOf = { (v: Double) in breaks.filter { v >= $0 }.count }
        let name = HTML.escape(indicator)
        var svg = "<svg class=\"map\" viewBox=\"0 0 \(HTML.number(width)) \(HTML.number(height))\" width=\"\(HTML.number(width))\" "
            + "height=\"\(HTML.number(height))\" role=\"img\" aria-label=\"Map of \(name), \(HTML.escape(period)), by area: "
            + areas.map { "\(HTML.escape($0.name)) \(HTML.escape(said($0.code)))" }.joined(separator: "; ") + "\">"
        svg += "<defs><pattern id=\"novalue\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/>"
            + "<path d=\"M0 6L6 0\" stroke=\"#999\" stroke-width=\"1\"/></pattern></defs>"
        for area in areas {
            let d = area.rings.map { ring in
                "M" + ring.map { "\(HTML.number(($0.x - minX) * scale))," + HTML.number((maxY - $0.y) * scale) }.joined(separator: "L") + "Z"
            }.joined()
            let fill = values[area.code].map { "class=\"m\(classOf($0))\"" } ?? "fill=\"url(#novalue)\""
            svg += "<path \(fill) fill-rule=\"evenodd\" d=\"\(d)\"><title>\(HTML.escape(area.name)): \(HTML.escape(said(area.code)))</title></path>"
        }
        svg += "</svg>"
        // Class i holds the values from lows[i] up to the next class's low.
        let lows = sorted.isEmpty ? [] : [sorted[0]] + breaks
        let legend = "<p class=\"keys\">" + lows.indices.map { i in
            "<span class=\"nowrap\"><span class=\"key m\(i)\"></span>" + (i + 1 < lows.count
                ? "\(Figure.number(lows[i])) to under \(Figure.number(lows[i + 1]))"
                : lows[i] == sorted.last! ? Figure.number(lows[i]) : "\(Figure.number(lows[i])) to \(Figure.number(sorted.last!))") + "</span>"
        }.joined(separator: " ") + " <span class=\"nowrap\"><span class=\"key novalue\"></span>no value</span></p>"
        let table = "<details><summary>Table: \(name) by area</summary><table><thead><tr><th scope=\"col\">Area</th><th scope=\"col\">Code</th>"
            + "<th scope=\"col\">\(name)\(unit.map { " (\(HTML.escape($0)))" } ?? "")</th></tr></thead><tbody>"
            + areas.sorted { (values[$0.code] ?? -.infinity, $1.name) > (values[$1.code] ?? -.infinity, $0.name) }.map {
                "<tr><th scope=\"row\">\(HTML.escape($0.name))</th><td>\(HTML.escape($0.code))</td><td>\(HTML.escape(said($0.code)))</td></tr>"
            }.joined() + "</tbody></table></details>"
        return "<figure class=\"map\">\(svg)<figcaption>\(legend)</figcaption></figure>\n\(table)\n"
    }
}
