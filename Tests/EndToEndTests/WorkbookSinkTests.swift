import BaselineSchema
import Foundation
import Testing

/// The `workbook` sink on the Millbrook sample, read back with Python's `openpyxl` (a reader
/// independent of libxlsxwriter) and checked figure by figure against `baseline.json`.
@Suite(.serialized) struct WorkbookSinkTests {
    /// One cell as openpyxl reads it: its type (`n` number, `s` string, `f` formula), its value
    /// and its fill colour.
    struct Cell {
        var type: String
        var value: Any?
        var fill: String?

        var number: Double? { type == "n" ? (value as? NSNumber)?.doubleValue : nil }
        var text: String? { type == "s" ? value as? String : nil }
    }

    /// One sheet: its name, frozen panes, column widths and rows (the header first).
    struct Sheet {
        var name: String
        var freeze: String?
        var widths: [String: Double]
        var rows: [[Cell]]

        /// The column titled `title`.
        func column(_ title: String) throws -> Int {
            try #require(rows.first?.firstIndex { $0.text == title }, "\(name) has no column '\(title)'")
        }
    }

    static let dump = """
        import json, sys, openpyxl
        book = openpyxl.load_workbook(sys.argv[1])
        def cell(c):
            fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type else None
            return {"type": c.data_type, "value": c.value, "fill": fill}
        json.dump([{"name": s.title, "freeze": s.freeze_panes,
                    "widths": {k: d.width for k, d in s.column_dimensions.items()},
                    "rows": [[cell(c) for c in row] for row in s.iter_rows()]} for s in book.worksheets], sys.stdout)
        """

    /// Reads a workbook with openpyxl.
    static func read(_ file: String) throws -> [Sheet] {
        let outcome = try run("python3", ["-c", dump, file])
        #expect(outcome.status == 0, "openpyxl could not read \(file): \(outcome.stderr)")
        let sheets = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]])
        return sheets.map { sheet in
            let rows = (sheet["rows"] as? [[[String: Any]]] ?? []).map { row in
                row.map { Cell(type: $0["type"] as? String ?? "", value: $0["value"] is NSNull ? nil : $0["value"], fill: $0["fill"] as? String) }
            }
            return Sheet(name: sheet["name"] as? String ?? "", freeze: sheet["freeze"] as? String,
                         widths: (sheet["widths"] as? [String: Double]) ?? [:], rows: rows)
        }
    }

    /// Runs the sample pipeline (which has the workbook sink) into `folder`.
    static func runSample(into folder: String) throws -> String {
        let outcome = try baseline("run", "pipelines/millbrook-2025.yaml", "--output", folder, "-q")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return folder + "/millbrook/2025"
    }

    @Test func theSampleWorkbookHoldsTheBaselinesFigures() throws {
        let scratch = try Scratch()
        let folder = try Self.runSample(into: scratch.path)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/baseline.json"))) as? [String: Any])
        let sheets = try Self.read(folder + "/baseline.xlsx")
        #expect(sheets.map(\.name) == ["Indicators", "Survey", "Survey by group", "Themes", "Priorities", "Sources", "Inputs", "Data quality"])
        for sheet in sheets {
            #expect(sheet.freeze == "A2", "\(sheet.name): the header row stays in view")
            #expect(sheet.rows.first?.allSatisfy { $0.type == "s" } == true, "\(sheet.name): a header of text")
            #expect(sheet.rows.flatMap { $0 }.allSatisfy { $0.type != "f" }, "\(sheet.name): no formulas")
            #expect((sheet.widths["A"] ?? 0) >= 8 && sheet.widths.values.allSatisfy { $0 <= 61 }, "\(sheet.name): \(sheet.widths)")
        }
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: folder)).contains { $0.hasPrefix(".") }, "no temporary file is left")

        // Indicators: a row each, in the document's order; values and intervals are numbers, a
        // missing value is its reason in a grey cell.
        let indicators = try #require(document["indicators"] as? [[String: Any]])
        let sheet = sheets[0]
        let (id, area, value, lower, upper) = try (sheet.column("Indicator id"), sheet.column("Area"), sheet.column("Value"),
                                                   sheet.column("Lower 95%"), sheet.column("Upper 95%"))
        #expect(sheet.rows.count == indicators.count + 1)
        var checked = 0, missing = 0
        for (row, indicator) in zip(sheet.rows.dropFirst(), indicators) {
            #expect(row[id].text == indicator["id"] as? String && row[area].text == indicator["area"] as? String)
            if let expected = indicator["value"] as? Double {
                #expect(row[value].number == expected, "\(indicator["id"] ?? "")")
                let ci = indicator["ci95"] as? [String: Double]
                #expect(row[lower].number == ci?["lower"] && row[upper].number == ci?["upper"], "\(indicator["id"] ?? "")")
                if ci != nil { checked += 1 }
            } else {
                let reason = try #require(indicator["missing"] as? String)
                #expect(row[value].text == reason.replacingOccurrences(of: "_", with: " ") && row[value].fill == "FFC0C0C0")
                missing += 1
            }
        }
        #expect(checked > 100 && missing > 0, "\(checked) intervals and \(missing) missing values checked")
        let benchmarks = try #require(document["benchmarks"] as? [[String: Any]])
        let england = try sheet.column("Compared with " + (benchmarks.first { $0["code"] as? String == "E92000001" }?["name"] as? String ?? "England"))
        let first = try #require(indicators.first)
        #expect(sheet.rows[1][england].text == (first["comparisons"] as? [String: String])?["E92000001"])

        // The survey, overall: % positive and its interval for every question.
        let survey = try #require(document["survey"] as? [[String: Any]])
        let overall = sheets[1]
        let (positive, responses) = try (overall.column("% positive"), overall.column("Responses"))
        #expect(overall.rows.count == survey.count + 1)
        for (row, question) in zip(overall.rows.dropFirst(), survey) {
            let figures = try #require(question["overall"] as? [String: Any])
            #expect(row[positive].number == figures["percent_positive"] as? Double)
            #expect(row[responses].number == (figures["responses"] as? Int).map(Double.init))
        }

        // By group: a group's figures, and a suppressed group marked in every figure.
        let byGroup = sheets[2]
        let (group, groupPositive, because) = try (byGroup.column("Group"), byGroup.column("% positive"), byGroup.column("Suppressed because"))
        let question = try #require(survey.first)
        let groups = try #require(question["groups"] as? [String: [[String: Any]]])
        let shown = try #require(groups["Organisation"]?.first { ($0["figures"] as? [String: Any])?["suppressed"] == nil })
        let shownRow = try #require(byGroup.rows.first { $0[0].text == question["id"] as? String && $0[group].text == shown["group"] as? String })
        #expect(shownRow[groupPositive].number == (shown["figures"] as? [String: Any])?["percent_positive"] as? Double)
        let hidden = try #require(groups["Organisation"]?.first { ($0["figures"] as? [String: Any])?["suppressed"] != nil })
        let hiddenRow = try #require(byGroup.rows.first { $0[0].text == question["id"] as? String && $0[group].text == hidden["group"] as? String })
        for column in try ["Responses", "% positive", "Lower 95%", "Upper 95%", "Mean score"].map(byGroup.column) {
            #expect(hiddenRow[column].text == "suppressed" && hiddenRow[column].fill == "FFC0C0C0")
        }
        #expect(hiddenRow[because].text == (hidden["figures"] as? [String: Any])?["suppressed"] as? String)
        let numbers = byGroup.rows.dropFirst().map { $0[groupPositive] }
        #expect(numbers.allSatisfy { $0.type == "n" || $0.text == "suppressed" })

        // Themes: mentions as numbers.
        let themes = try #require(document["themes"] as? [[String: Any]])
        let themeSheet = sheets[3]
        let mentions = try themeSheet.column("Mentions")
        #expect(themeSheet.rows.count == themes.count + 1)
        for (row, theme) in zip(themeSheet.rows.dropFirst(), themes) {
            #expect(row[0].text == theme["id"] as? String && row[mentions].number == (theme["mentions"] as? Int).map(Double.init))
        }

        // Data quality: the suppressed cells counted.
        let quality = try #require(document["data_quality"] as? [String: Any])
        let suppressedRow = try #require(sheets[7].rows.first { $0[0].text == "suppressed survey cells" })
        #expect(suppressedRow[3].number == (quality["suppressed_cells"] as? Int).map(Double.init))
    }

    /// Two runs a second or more apart write the same bytes: the document's creation time is
    /// fixed, not the time of the run.
    @Test func twoRunsWriteByteIdenticalWorkbooks() throws {
        let first = try Scratch(), second = try Scratch()
        let file = try Self.runSample(into: first.path) + "/baseline.xlsx"
        let a = try Data(contentsOf: URL(fileURLWithPath: file))
        Thread.sleep(forTimeInterval: 1.1)
        let b = try Data(contentsOf: URL(fileURLWithPath: try Self.runSample(into: second.path) + "/baseline.xlsx"))
        #expect(!a.isEmpty && a == b)
        let core = try run("python3", ["-c", "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('docProps/core.xml').decode())", file])
        #expect(core.stdout.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">1980-01-01T00:00:00Z</dcterms:created>"), "\(core.stdout)")
    }

    @Test func aWorkbookNameThatIsNotXlsxIsAnErrorAtItsLine() throws {
        let scratch = try Scratch()
        let pipeline = try String(contentsOfFile: Package.root.path + "/pipelines/millbrook-2025.yaml", encoding: .utf8)
            .replacingOccurrences(of: "../samples", with: Package.root.path + "/samples")
            .replacingOccurrences(of: "  - sink: workbook\n", with: "  - sink: workbook\n    file: figures.csv\n")
        try pipeline.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let line = pipeline.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "    file: figures.csv" }! + 1
        let outcome = try baseline("validate", "p.yaml", "--no-inputs", in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "p.yaml:\(line):11: error: 'figures.csv' does not end in .xlsx — name the workbook e.g. baseline.xlsx, so spreadsheets open it\n")
    }

    @Test func aFolderInTheWayOfTheWorkbookFailsTheRunAndPutsNothingInPlace() throws {
        let scratch = try Scratch()
        let pipeline = try String(contentsOfFile: Package.root.path + "/pipelines/millbrook-2025.yaml", encoding: .utf8)
            .replacingOccurrences(of: "../samples", with: Package.root.path + "/samples")
            .replacingOccurrences(of: "  - sink: workbook\n", with: "  - sink: workbook\n    file: tables/x.xlsx\n")
            .replacingOccurrences(of: "  - sink: csv-tables\n", with: "  - sink: csv-tables\n    folder: tables/x.xlsx\n")
        try pipeline.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 1)
        // The two sinks write side by side: whichever writes second is refused, with one message.
        #expect(outcome.stderr.contains("p.yaml:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("sink 'csv-tables' (line 101) and sink 'workbook' (line 103) are in each other's way: "
                                        + "one writes the file 'tables/x.xlsx', the other 'tables/x.xlsx/"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out/millbrook/2025"), "nothing is put in place")
    }
}
