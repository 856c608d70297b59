import Foundation
import Testing

/// The workshop brief and the dashboard of the Millbrook sample, compared whole with the files
/// in `Golden/millbrook-2025/`. A change to them is deliberate: re-make them with
/// `BASELINE_UPDATE_GOLDEN=1 swift test --filter GoldenTests` and review the diff in the commit.
@Suite(.serialized) struct GoldenTests {
    static let golden = Package.tests.appendingPathComponent("Golden/millbrook-2025")

    @Test(arguments: ["report.md", "report.txt", "dashboard.html"])
    func sampleOutputMatchesItsGoldenFile(_ name: String) throws {
        let scratch = try Scratch()
        // 2024 first, as `make run` does: the 2025 brief opens with progress measured from it.
        for year in ["2024", "2025"] {
            let outcome = try baseline("run", "pipelines/millbrook-\(year).yaml", "--output", scratch.path, "-q")
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
        let produced = try String(contentsOfFile: scratch.path + "/millbrook/2025/" + name, encoding: .utf8)
        let file = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["BASELINE_UPDATE_GOLDEN"] == "1" {
            try produced.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        if produced != expected {
            let a = produced.split(separator: "\n", omittingEmptySubsequences: false), b = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record("\(name) differs from its golden file at line \(line + 1):\n  produced: \(line < a.count ? a[line] : "<end>")\n  golden:   \(line < b.count ? b[line] : "<end>")")
        }
    }

    @Test func theSampleDashboardLoadsNothingFromOutside() throws {
        let html = try String(contentsOf: Self.golden.appendingPathComponent("dashboard.html"), encoding: .utf8).lowercased()
        for reference in ["http:", "https:", "//", "<script", "<link", "<img", "<iframe", "src=", "href=", "@import", "url(", "@font-face"] {
            #expect(!html.contains(reference), "dashboard.html contains \(reference)")
        }
    }

    @Test func theShippedTemplateIsTheBuiltInOne() throws {
        let shipped = try String(contentsOfFile: Package.root.path + "/templates/report.md.mustache", encoding: .utf8)
        let builtIn = try String(contentsOfFile: Package.root.path + "/Sources/Sinks/TextReport/DefaultReportTemplate.swift", encoding: .utf8)
        #expect(builtIn.contains("#\"\"\"\n" + shipped + "\"\"\"#"), "templates/report.md.mustache and DefaultReportTemplate.swift differ")
    }

    @Test func aTemplateErrorNamesTheTemplateLine() throws {
        let scratch = try Scratch()
        var template = try String(contentsOfFile: Package.root.path + "/templates/report.md.mustache", encoding: .utf8)
        template = template.replacingOccurrences(of: "# {{place.name}} baseline", with: "# {{plaec.name}} baseline")
        try template.write(toFile: scratch.path + "/brief.mustache", atomically: true, encoding: .utf8)
        var pipeline = try String(contentsOfFile: Package.root.path + "/pipelines/millbrook-2025.yaml", encoding: .utf8)
        pipeline = pipeline.replacingOccurrences(of: "../samples", with: Package.root.path + "/samples")
            .replacingOccurrences(of: "  - sink: text-report\n", with: "  - sink: text-report\n    template: brief.mustache\n")
        try pipeline.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("validate", scratch.path + "/p.yaml")
        #expect(outcome.status == 1)
        // The template is named from where the command ran (here, outside the pipeline's folder: in full).
        #expect(outcome.stderr == scratch.path + "/brief.mustache:3:3: error: unknown tag 'plaec.name' — did you mean 'place.name'?\n")
        // With the tag put right, the edited wording is what the brief says.
        try template.replacingOccurrences(of: "{{plaec.name}} baseline", with: "{{place.name}}: where we start")
            .write(toFile: scratch.path + "/brief.mustache", atomically: true, encoding: .utf8)
        #expect(try baseline("run", scratch.path + "/p.yaml", "--output", scratch.path + "/out", "-q").status == 0)
        let report = try String(contentsOfFile: scratch.path + "/out/millbrook/2025/report.md", encoding: .utf8)
        #expect(report.hasPrefix("# Millbrook: where we start, 2025\n"))
    }
}
