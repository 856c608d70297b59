import BaselineCore
import Foundation

/// The options of the `html-dashboard` sink.
public struct HTMLDashboardConfiguration: Decodable, Sendable {
    /// The file name inside the output folder (checked to stay inside it).
    public var file: String = "dashboard.html"
    /// The dashboard's title; defaults to "<place> baseline, <period>".
    public var title: String?
    /// A map of small areas shaded by an indicator, when the pipeline gives a boundary file.
    public var map: MapConfiguration?

    enum CodingKeys: String, OptionKey { case file, title, map }

    /// Decodes the options, with defaults.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        file = try c.decodeOutputName(forKey: .file) ?? "dashboard.html"
        title = try c.decodeIfPresent(String.self, forKey: .title)
        map = try c.decodeIfPresent(MapConfiguration.self, forKey: .map)
    }

    /// The defaults.
    public init() {}
}

/// The `map:` option: a boundary file (GeoJSON) and the indicator that shades its areas. The
/// file is read while the pipeline is checked, so a file that is not GeoJSON is an error at its line.
public struct MapConfiguration: Decodable, Sendable {
    /// The GeoJSON file, relative to the pipeline file.
    public var boundaries: InputFile
    /// The indicator id whose latest value shades each area; one the pipeline's indicator
    /// catalogues do not define is an error while the pipeline is checked.
    public var indicator: String
    /// The feature property holding the area code (default: the first ending in `CD`, else `code`).
    public var codeProperty: String?
    /// The feature property holding the area name (default: the first ending in `NM`, else `name`).
    public var nameProperty: String?
    /// The areas read from the file.
    let areas: SmallAreaMap

    enum CodingKeys: String, OptionKey { case boundaries, indicator, codeProperty, nameProperty }

    /// Decodes the option and reads the boundary file.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        boundaries = try c.decode(InputFile.self, forKey: .boundaries)
        // Checked against the pipeline's indicator catalogues: a typo is an error at its line.
        indicator = try c.decode(IndicatorReference.self, forKey: .indicator).id
        codeProperty = try c.decodeIfPresent(String.self, forKey: .codeProperty)
        nameProperty = try c.decodeIfPresent(String.self, forKey: .nameProperty)
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: boundaries.resolved))
            areas = try SmallAreaMap(geoJSON: data, codeProperty: codeProperty, nameProperty: nameProperty)
        } catch let problem as SmallAreaMap.Problem {
            throw DecodingError.dataCorruptedError(forKey: .boundaries, in: c, debugDescription:
                "\(boundaries.path): \(problem.message) — give a GeoJSON FeatureCollection of Polygon or MultiPolygon areas (as the ONS Open Geography Portal downloads them)")
        }
    }
}
