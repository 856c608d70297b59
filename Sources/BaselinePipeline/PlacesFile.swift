import BaselineCSV
import BaselineCore
import BaselineText
import Foundation

/// The places a programme pipeline names (`places: ../samples/programme/places.csv`): one row a
/// place, read whole (a list of places is small) and checked before anything runs.
///
/// ```csv
/// code,name,slug,region,neighbours,survey
/// E07999001,Millbrook,millbrook,E12999001,E07999002;E07999003,staff-survey-2025.csv
/// ```
///
/// `code` and `name` are required; `slug` (the output folder, by default the one a one-place
/// pipeline makes from the name), `region` (an area code) and `neighbours` (area codes separated
/// by `;`) are optional, and any other column is there for the pipeline's paths
/// (`{survey}`). Every problem is an error at the file, line and column of its cell.
public struct PlacesFile: Sendable {
    /// One row of the file.
    public struct Place: Sendable, Equatable {
        /// The area code (`E07999001`).
        public var code: String
        /// The name (`Millbrook`).
        public var name: String
        /// The folder under the output root (`millbrook`).
        public var slug: String
        /// The region's area code, if the row names one.
        public var region: String?
        /// The neighbours' area codes, in the row's order.
        public var neighbours: [String]
        /// Every cell by column name (the placeholders of the pipeline's paths), with `slug` as used.
        public var columns: [String: String]
        /// The row's line in the file.
        public var line: Int
    }

    /// The file as the pipeline names it (relative to the pipeline's folder), for messages.
    public let path: String
    /// The places, in the file's order.
    public let places: [Place]
    /// The columns of the header, in order.
    public let header: [String]

    /// Reads and checks the file at `resolved` (named `path` in messages).
    public init(path: String, resolved: String) throws {
        self.path = path
        var header = [String]()
        var rows = [(line: Int, cells: [String])]()
        let lines = Self.lines(of: resolved)
        func column(_ line: Int, _ field: Int) -> Int {
            line - 1 < lines.count ? Self.column(ofField: field, in: lines[line - 1]) : 1
        }
        do {
            header = try CSVTable.read(path: resolved, displayPath: path) { _, line, cells in
                rows.append((line, cells))
            }
        } catch let error as BaselineError where error.message == "the table is empty" {
            throw BaselineError(file: path, line: 1, column: 1, "the places file is empty",
                                hint: "give a header row `code,name` (optional: slug, region, neighbours) and a row per place")
        } catch var error as BaselineError {
            // The table counts fields (a row too short or too long); this file's messages count characters.
            if let line = error.line, let field = error.column { error.column = column(line, field - 1) }
            throw error
        }
        for required in ["code", "name"] where !header.contains(required) {
            // `Code`, ` code`: the column is there under another spelling; say which to rename.
            if let near = header.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == required }) {
                throw BaselineError(file: path, line: 1, column: column(1, near), "the places file has no '\(required)' column, but has '\(header[near])'",
                                    hint: "rename it '\(required)' (column names are lower case, as the pipeline's placeholders `{\(required)}` are)")
            }
            throw BaselineError(file: path, line: 1, column: 1, "the places file has no '\(required)' column (its header: \(header.joined(separator: ",")))",
                                hint: "add a '\(required)' column: every place needs its area code and name (header `code,name`, optional slug, region, neighbours)")
        }
        if rows.isEmpty {
            throw BaselineError(file: path, line: 2, column: 1, "the places file has a header but no places", hint: "add a row per place: code,name")
        }
        if let repeated = header.enumerated().first(where: { header[..<$0.offset].contains($0.element) }) {
            throw BaselineError(file: path, line: 1, column: column(1, repeated.offset), "the column '\(repeated.element)' is in the header twice",
                                hint: "give each column its own name")
        }
        self.header = header
        let index = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($0.element, $0.offset) })
        var places = [Place]()
        var codes = [String: Int]()
        var slugs = [String: Int]()
        var foldedSlugs = [String: (slug: String, line: Int)]()
        for (line, cells) in rows {
            func cell(_ name: String) -> String? {
                index[name].map { cells[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            }
            func at(_ name: String) -> Int { column(line, index[name] ?? 0) }
            guard let code = cell("code") else {
                throw BaselineError(file: path, line: line, column: at("code"), "the place on this line has no code", hint: "give its area code, e.g. E07999001")
            }
            if let upper = Pipeline.capitalisedAreaCode(code) {
                throw BaselineError(file: path, line: line, column: at("code"),
                                    "the code '\(code)' is in lower case, and area codes are written in capitals: no file would match it",
                                    hint: "did you mean \(upper)?")
            }
            guard let name = cell("name") else {
                throw BaselineError(file: path, line: line, column: at("name"), "the place '\(code)' has no name", hint: "give the name people know it by")
            }
            let slug = cell("slug").map(Pipeline.composed) ?? Pipeline.slug(name)
            guard Pipeline.isFolderSafe(slug) else {
                throw BaselineError(file: path, line: line, column: at(cell("slug") == nil ? "name" : "slug"),
                                    cell("slug") == nil ? "the name '\(PeopleText.line(name))' gives no folder name"
                                        : Pipeline.isWindowsDevice(slug) ? "slug '\(PeopleText.line(slug))' is not a folder name Windows can open"
                                        : "slug '\(PeopleText.line(slug))' is not a folder name: it would write outside output/<slug>/",
                                    hint: Pipeline.folderHint(slug, "set the slug column to letters, digits, '-' or '_' (e.g. millbrook)"))
            }
            if let first = codes[code] {
                throw BaselineError(file: path, line: line, column: at("code"), "the code '\(code)' is here twice (first at line \(first))",
                                    hint: "list each place once")
            }
            if let first = slugs[slug] {
                throw BaselineError(file: path, line: line, column: at(cell("slug") == nil ? "name" : "slug"),
                                    "the slug '\(slug)' is here twice (first at line \(first)): both places would write output/\(slug)/",
                                    hint: "give one of them its own slug in a 'slug' column")
            }
            // Windows and macOS fold case (and macOS Unicode forms) in folder names: 'X' and 'x' are one folder there.
            let folded = slug.precomposedStringWithCanonicalMapping.lowercased()
            if let first = foldedSlugs[folded] {
                throw BaselineError(file: path, line: line, column: at(cell("slug") == nil ? "name" : "slug"),
                                    "the slug '\(slug)' differs from '\(first.slug)' (line \(first.line)) only in case: on Windows and macOS both places would write the same folder",
                                    hint: "give one of them a slug that differs in more than case")
            }
            codes[code] = line
            slugs[slug] = line
            foldedSlugs[folded] = (slug, line)
            var columns = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($0.element, cells[$0.offset]) })
            columns["slug"] = slug
            let neighbours = (cell("neighbours") ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            places.append(Place(code: code, name: name, slug: slug, region: cell("region"), neighbours: neighbours, columns: columns, line: line))
        }
        self.places = places
    }

    /// The column (1-based, in characters) where the line's field `field` (0-based) starts.
    static func column(ofField field: Int, in line: Substring) -> Int {
        var current = 0, quoted = false, column = 1
        for character in line {
            if current == field { return column }
            if character == "\"" { quoted.toggle() } else if character == ",", !quoted { current += 1 }
            column += 1
        }
        // The last field, or one the line does not have (a short row's first missing one): just
        // past the line's end.
        return column
    }

    /// The file's lines, to give a cell's column (the CSV reader gives lines only).
    private static func lines(of resolved: String) -> [Substring] {
        guard let data = FileManager.default.contents(atPath: resolved) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }
}
