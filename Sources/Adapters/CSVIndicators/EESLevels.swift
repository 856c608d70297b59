import BaselineCSV
import BaselineCore

/// The geographic levels of a DfE Explore Education Statistics (EES) file: one file holds
/// England's row, its regions' and its local authorities' (and sometimes districts',
/// constituencies'…), and each row writes its area code in the column of its level, named by its
/// `geographic_level` — `country_code` for National, `region_code` for Regional, `new_la_code` for
/// Local authority. A local authority's row also carries its country's and region's codes, so no
/// one column is the area of every row: read as `area: new_la_code`, England and the regions had
/// no area code and were set aside, and the place could be compared with neither.
///
/// When the file has a `geographic_level` column and the pipeline's `area:` (or `area_name:`)
/// names one of the levels' code (or name) columns, each row's area is read from the column of
/// its own level; a row of a level not listed here is read from the named column.
struct EESLevels {
    /// A level's code and name columns, as EES names them.
    struct Level {
        let name: String
        let code: String
        let areaName: String
    }

    /// The levels EES publishes with an area code (its data standards' geography columns).
    static let known: [Level] = [
        Level(name: "National", code: "country_code", areaName: "country_name"),
        Level(name: "Regional", code: "region_code", areaName: "region_name"),
        Level(name: "Local authority", code: "new_la_code", areaName: "la_name"),
        Level(name: "Local authority district", code: "lad_code", areaName: "lad_name"),
        Level(name: "Parliamentary constituency", code: "pcon_code", areaName: "pcon_name"),
        Level(name: "Local skills improvement plan area", code: "lsip_code", areaName: "lsip_name"),
        Level(name: "Local enterprise partnership", code: "local_enterprise_partnership_code", areaName: "local_enterprise_partnership_name"),
        Level(name: "Mayoral combined authority", code: "mayoral_combined_authority_code", areaName: "mayoral_combined_authority_name"),
        Level(name: "English devolved area", code: "english_devolved_area_code", areaName: "english_devolved_area_name"),
        Level(name: "Opportunity area", code: "opportunity_area_code", areaName: "opportunity_area_name"),
        Level(name: "Ward", code: "ward_code", areaName: "ward_name"),
    ]

    /// A level's code and name columns in this file (field indexes).
    struct Columns {
        let code: Int
        let codeHeader: String
        let name: Int?
    }

    /// The field index of `geographic_level`.
    let level: Int
    /// The columns of each level the file has, by the level in lower case.
    let columns: [String: Columns]
    /// Whether the area's name is read by level too (`area_name:` names one of the levels' name columns).
    let namesByLevel: Bool

    /// The levels of `header`, when it has a `geographic_level` column and the area is read from
    /// one of the levels' code columns (`area` is its field index); `nil` otherwise.
    init?(header: [String], area: Int?, areaName: Int?) {
        let lowered = header.map { $0.lowercased() }
        guard let area, let level = lowered.firstIndex(of: "geographic_level"),
              Self.known.contains(where: { $0.code == lowered[area] }) else { return nil }
        var columns = [String: Columns]()
        for known in Self.known {
            guard let code = lowered.firstIndex(of: known.code) else { continue }
            columns[known.name.lowercased()] = Columns(code: code, codeHeader: header[code], name: lowered.firstIndex(of: known.areaName))
        }
        self.level = level
        self.columns = columns
        namesByLevel = areaName.map { index in Self.known.contains { $0.areaName == lowered[index] } } ?? false
    }

    /// The columns of the row's level, or `nil` when its level is none of the known ones (or
    /// the file has no column for it): the row is then read from the column named.
    func columns(of row: CSVReader.Row) -> Columns? {
        guard level < row.count else { return nil }
        return columns[String(row.string(level).trimmingSpaces()).lowercased()]
    }

    /// The row's geographic level as written, for a message.
    func level(of row: CSVReader.Row) -> String {
        level < row.count ? String(row.string(level).trimmingSpaces()) : ""
    }
}
