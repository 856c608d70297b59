import Foundation
import Testing

/// A hostile export: a survey CSV, interview notes and a place name that carry spreadsheet
/// formulas, HTML, Markdown links and images, table pipes, line breaks that start headings,
/// terminal escape sequences and a NUL. The fixture is written by `HostileExport.write(into:)`
/// (its bytes spelt out below, control characters included, rather than hidden in files).
enum HostileExport {
    /// An OSC sequence that would set a terminal's title.
    static let osc = "\u{1B}]0;title\u{07}"
    static let formula = "=cmd|' /C calc'!A0"
    static let script = "<script>alert(1)</script>"
    static let image = "<img src=x onerror=alert(1)>"
    static let link = "[x](javascript:alert(1))"
    static let remoteImage = "![](http://evil/x.png)"

    /// Writes `survey.csv`, `notes/`, `phrases.txt`, `2024.yaml` and `2025.yaml` into `folder`.
    static func write(into folder: URL) throws {
        let header = ["+grouping \(image)", formula, "\t=1+1", "-\(script) \(link)", "@Trust \(remoteImage) a | b\n# heading",
                      "Q \(osc) esc", "What would help?"]
        let groups = ["=HYPERLINK(\"http://evil\")", "-2+3", "@A1", "\t=1+1", "a | b\n# heading", script + osc]
        let answers = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]
        var rows = [header]
        for (g, group) in groups.enumerated() {
            for i in 0..<4 {
                rows.append([group] + (0..<5).map { answers[(g + i + $0) % 5] } + ["\(image) housing \(link) \(remoteImage) \(osc)"])
            }
        }
        rows.append([groups[0], formula, "Agree", "Agree", "Agree", "Agree", "housing"])
        rows.append([groups[1], script + osc, "Agree", "Agree", "Agree", "Agree", "housing"])
        let csv = rows.map { $0.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",") }
            .joined(separator: "\r\n") + "\r\n"
        try csv.write(to: folder.appendingPathComponent("survey.csv"), atomically: true, encoding: .utf8)
        let notes = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
        try """
            ---
            kind: interview
            role: "\(script)"
            organisation: "\(formula)"
            ---

            Housing is hard. \(script) \(image) \(link) \(remoteImage) a | b

            Housing again \(osc) with an escape and a C1 CSI \u{9B}31m.

            Housing, once more.

            """.write(to: notes.appendingPathComponent("2025-01-01_interview_x.md"), atomically: true, encoding: .utf8)
        try "Housing and a NUL \u{0} here.\n".write(to: notes.appendingPathComponent("2025-01-02_interview_nul.md"), atomically: true, encoding: .utf8)
        try "housing\n".write(to: folder.appendingPathComponent("phrases.txt"), atomically: true, encoding: .utf8)
        for period in ["2024", "2025"] {
            try """
                place: { name: "\(formula) \(script) \\e]0;title\\a", code: E07000001, slug: hostile }
                period: \(period)
                sources:
                  - id: survey
                    adapter: csv-survey
                    path: survey.csv
                    max_rejected: 50%       # the hostile rows are bad answers, set aside on purpose
                    layout: generic
                    groups: [{ position: 1 }]
                    questions:
                      - { position: 2, id: q1 }
                      - { position: 3, id: q2 }
                      - { position: 4, id: q3 }
                      - { position: 5, id: q4 }
                      - { position: 6, id: q5 }
                    free_text: [{ position: 7, id: help }]
                  - id: notes
                    adapter: interview-notes
                    path: notes
                    max_rejected: 50%       # the note with a NUL is set aside on purpose
                transforms:
                  - stage: survey-aggregate
                    min_group_size: 2
                  - stage: code-themes
                    phrases_file: phrases.txt
                sinks:
                  - sink: dashboard-json
                  - sink: text-report
                  - sink: html-dashboard
                  - sink: csv-tables

                """.write(to: folder.appendingPathComponent("\(period).yaml"), atomically: true, encoding: .utf8)
        }
    }
}

@Suite(.serialized) struct HostileExportTests {
    /// Runs both years, `inspect`, `validate` and `diff` on the hostile export, then reads every
    /// output for each injection.
    @Test func noOutputCarriesAnInjection() throws {
        let scratch = try Scratch()
        try HostileExport.write(into: scratch.url)
        var stderr = ""
        for period in ["2024", "2025"] {
            let outcome = try baseline("run", "\(period).yaml", "--output", "out", in: scratch.url)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            stderr += outcome.stderr
        }
        for source in ["survey", "notes"] {
            let outcome = try baseline("inspect", "2025.yaml", "--source", source, "--limit", "100", in: scratch.url)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            stderr += outcome.stderr
            #expect(Self.terminalControls(in: outcome.stdout, allowing: ["\n"]).isEmpty, "inspect \(source): \(Self.terminalControls(in: outcome.stdout))")
        }
        #expect(stderr.contains("unknown answer '<script>alert(1)</script>\\u{1B}]0;title\\u{7}'"), "\(stderr)")
        let badPipeline = try String(contentsOf: scratch.url.appendingPathComponent("2025.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "adapter: csv-survey", with: "adapter: \"csv\\e]0;title\\a\\0survey\\nnext line\"")
        try badPipeline.write(to: scratch.url.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)
        let refused = try baseline("validate", "bad.yaml", in: scratch.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.hasPrefix("bad.yaml:5:14: error: unknown adapter 'csv\\u{1B}]0;title\\u{7}\\u{0}survey next line'"), "\(refused.stderr)")
        stderr += refused.stderr
        #expect(Self.terminalControls(in: stderr, allowing: ["\n"]).isEmpty, "stderr: \(Self.terminalControls(in: stderr))")

        let out = scratch.path + "/out/hostile"
        let markdownDiff = try baseline("diff", out + "/2024", out + "/2025", "--format", "markdown")
        let textDiff = try baseline("diff", out + "/2024", out + "/2025")
        #expect(markdownDiff.status == 0 && textDiff.status == 0, "\(markdownDiff.stderr)\(textDiff.stderr)")
        #expect(Self.terminalControls(in: markdownDiff.stderr + textDiff.stderr, allowing: ["\n"]).isEmpty)
        #expect(Self.terminalControls(in: textDiff.stdout, allowing: ["\n"]).isEmpty, "diff text: \(Self.terminalControls(in: textDiff.stdout))")
        #expect(textDiff.stdout.contains("Q \\u{1B}]0;title\\u{7} esc"))
        Self.checkMarkdown(markdownDiff.stdout, "diff --format markdown")
        let jsonDiff = try baseline("diff", out + "/2024", out + "/2025", "--format", "json")
        #expect(jsonDiff.status == 0 && Self.terminalControls(in: jsonDiff.stdout, allowing: ["\n"]).isEmpty, "diff json: \(jsonDiff.stderr)")

        let folder = out + "/2025"
        let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        Self.checkMarkdown(report, "report.md")
        #expect(report.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && report.contains("\\[x\\](javascript:alert(1))"))
        let plain = try String(contentsOfFile: folder + "/report.txt", encoding: .utf8)
        #expect(Self.terminalControls(in: plain, allowing: ["\n"]).isEmpty, "report.txt: \(Self.terminalControls(in: plain))")
        #expect(!plain.split(separator: "\n").contains { $0.hasPrefix("# heading") || $0.hasPrefix("HEADING") })
        #expect(plain.contains("@Trust ![](http://evil/x.png) a | b # heading"), "report.txt reads the data as it was, on one line")

        let html = try String(contentsOfFile: folder + "/dashboard.html", encoding: .utf8).lowercased()
        #expect(!html.contains("<script") && !html.contains("<img"), "dashboard.html is HTML-escaped")

        var csvFiles = [String]()
        for sub in ["tables", "rejects"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder + "/" + sub).sorted() { csvFiles.append(sub + "/" + name) }
        }
        #expect(csvFiles.contains("rejects/survey.csv") && csvFiles.contains("tables/survey.csv"))
        var neutralised = 0
        for file in csvFiles {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for cell in Self.csvCells(text) {
                if cell.hasPrefix("'") { neutralised += 1 }
                guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { continue }
                #expect(Double(cell) != nil, "\(file): the cell \(cell.debugDescription) would be read as a formula")
            }
        }
        #expect(neutralised >= 36, "the hostile cells are there, neutralised")
        let survey = try String(contentsOfFile: folder + "/tables/survey.csv", encoding: .utf8)
        #expect(survey.contains("'=cmd|' /C calc'!A0,") && survey.contains(",'-2+3,") && survey.contains(",'@A1,"))
        let rejects = try String(contentsOfFile: folder + "/rejects/survey.csv", encoding: .utf8)
        #expect(rejects.contains("survey.csv,"), "a reject names its file and line, numbers as numbers: \(rejects)")
    }

    @Test(arguments: [
        ("dashboard-json", "file: ../2024/baseline.json", "'../2024/baseline.json' climbs out of the output folder"),
        ("text-report", "name: /tmp/report", "'/tmp/report' is an absolute path: outputs are named inside the output folder"),
        ("csv-tables", "folder: ../../tables", "'../../tables' climbs out of the output folder"),
        ("html-dashboard", "file: \"a/\\0b.html\"", "'a/\\u{0}b.html' is not a name the output folder can hold"),
    ])
    func aSinkOptionNamingAPathOutsideTheOutputFolderIsRefusedAtItsLine(sink: String, option: String, problem: String) throws {
        let scratch = try Scratch()
        try HostileExport.write(into: scratch.url)
        let pipeline = try String(contentsOf: scratch.url.appendingPathComponent("2025.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  - sink: \(sink)\n", with: "  - sink: \(sink)\n    \(option)\n")
        try pipeline.write(to: scratch.url.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let line = pipeline.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "    \(option)" }! + 1
        let column = 5 + option.distance(from: option.startIndex, to: option.firstIndex(of: " ")!) + 1
        for arguments in [["validate", "p.yaml"], ["run", "p.yaml", "--output", "out"]] {
            let outcome = try run(Package.binary, arguments, in: scratch.url)
            #expect(outcome.status == 1)
            #expect(outcome.stderr == "p.yaml:\(line):\(column): error: \(problem) — use letters, digits, '-', '_' and '.', with '/' between folders (e.g. baseline.json or tables)\n")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out"), "nothing was written")
    }

    @Test func aSourceIdThatClimbsOutIsRefusedAndTheEarlierBaselineIsUntouched() throws {
        let scratch = try Scratch()
        try HostileExport.write(into: scratch.url)
        #expect(try baseline("run", "2024.yaml", "--output", "out", "-q", in: scratch.url).status == 0)
        let before = try Scratch.files(under: scratch.path + "/out")
        let pipeline = try String(contentsOf: scratch.url.appendingPathComponent("2025.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  - id: survey\n", with: "  - id: ../../2024/baseline\n")
        try pipeline.write(to: scratch.url.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("p.yaml:4:9: error: source id '../../2024/baseline' is not a folder-safe name"), "\(outcome.stderr)")
        #expect(try Scratch.files(under: scratch.path + "/out") == before)
    }

    @Test func aTemplateTableRowWiderThanItsHeaderIsLaidOutInReportTxt() throws {
        let scratch = try Scratch()
        try HostileExport.write(into: scratch.url)
        try "| Question |\n| --- |\n{{#survey}}\n| {{text}} | {{positive}} |\n{{/survey}}\n"
            .write(to: scratch.url.appendingPathComponent("t.mustache"), atomically: true, encoding: .utf8)
        let pipeline = try String(contentsOf: scratch.url.appendingPathComponent("2025.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  - sink: text-report\n", with: "  - sink: text-report\n    template: t.mustache\n")
        try pipeline.write(to: scratch.url.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let plain = try String(contentsOfFile: scratch.path + "/out/hostile/2025/report.txt", encoding: .utf8)
        #expect(plain.hasPrefix("Question"))
        #expect(plain.contains("=1+1  "))
    }

    // MARK: - Reading the outputs

    /// The characters of `text` a terminal would act on (C0 but `allowing`, DEL, C1), as shown
    /// by Swift.
    static func terminalControls(in text: String, allowing allowed: Set<Unicode.Scalar> = []) -> [String] {
        text.unicodeScalars.filter { ($0.value < 0x20 || (0x7F...0x9F).contains($0.value)) && !allowed.contains($0) }
            .map { String($0).debugDescription }
    }

    /// Markdown with data in it, read for what the data could have done: no raw HTML (the
    /// template has no `<`), no link or image (`](` not escaped), no heading of the data's
    /// making, every table row with its header's number of cells, no control character.
    static func checkMarkdown(_ markdown: String, _ name: String) {
        #expect(!markdown.contains("<"), "\(name) holds raw HTML")
        #expect(markdown.range(of: #"(?<!\\)\]\("#, options: .regularExpression) == nil, "\(name) holds a link or image")
        #expect(terminalControls(in: markdown, allowing: ["\n"]).isEmpty, "\(name): \(terminalControls(in: markdown))")
        var columns: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            #expect(!(line.hasPrefix("#") && line.contains("heading")), "\(name): the data made a heading: \(line)")
            guard line.hasPrefix("|") else {
                columns = nil
                continue
            }
            let bars = line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count
            if columns == nil { columns = bars }
            #expect(bars == columns, "\(name): a table row with \(bars - 1) cells under a header of \(columns! - 1): \(line)")
        }
    }

    /// The cells of a CSV file (RFC 4180), unquoted.
    static func csvCells(_ text: String) -> [String] {
        var cells = [String](), cell = "", quoted = false, inQuotes = false
        var characters = text.unicodeScalars.makeIterator()
        var pending = characters.next()
        while let c = pending {
            pending = characters.next()
            if inQuotes {
                if c == "\"" {
                    if pending == "\"" {
                        cell.unicodeScalars.append("\"")
                        pending = characters.next()
                    } else {
                        inQuotes = false
                    }
                } else {
                    cell.unicodeScalars.append(c)
                }
            } else if c == "\"", cell.isEmpty, !quoted {
                inQuotes = true
                quoted = true
            } else if c == "," || c == "\n" || c == "\r" {
                if c == "\r", pending == "\n" { pending = characters.next() }
                cells.append(cell)
                cell = ""
                quoted = false
            } else {
                cell.unicodeScalars.append(c)
            }
        }
        return cells
    }
}
