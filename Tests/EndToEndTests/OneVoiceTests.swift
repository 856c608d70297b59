import Foundation
import Testing

/// One voice for figures: the brief, the dashboard, `baseline.json`'s reasons and the CSV tables
/// of one run, read side by side — the same figure reads the same for people everywhere, and the
/// machine-readable outputs keep it at full precision.
@Suite struct OneVoiceTests {
    struct Run {
        let scratch: Scratch
        let document: [String: Any]
        let report: String, text: String, dashboard: String, indicators: String

        init() throws {
            scratch = try Scratch()
            let outcome = try baseline("run", "pipelines/millbrook-2025.yaml", "--output", scratch.path, "--quiet")
            #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
            let folder = scratch.path + "/millbrook/2025/"
            document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "baseline.json")))
                as? [String: Any])
            report = try String(contentsOfFile: folder + "report.md", encoding: .utf8)
            text = try String(contentsOfFile: folder + "report.txt", encoding: .utf8)
            dashboard = try String(contentsOfFile: folder + "dashboard.html", encoding: .utf8)
            indicators = try String(contentsOfFile: folder + "tables/indicators.csv", encoding: .utf8)
        }
    }

    /// `priorities` keeps the evidence as data; the reason `baseline.json` still carries for
    /// earlier readers is the brief's sentence, word for word and figure for figure.
    @Test func prioritiesKeepDataAndEverySinkWordsItAlike() throws {
        let run = try Run()
        let priorities = try #require(run.document["candidate_priorities"] as? [[String: Any]])
        #expect(!priorities.isEmpty)
        for priority in priorities {
            let evidence = try #require(priority["evidence"] as? [String: Any], "\(priority["id"] ?? "?") has no evidence")
            #expect(evidence["worse"] is [Any] && evidence["concerns"] is [Any] && evidence["indicators_not_worse"] is Bool)
            let reason = try #require(priority["reason"] as? String)
            #expect(run.report.contains(reason), "the brief words \(priority["id"] ?? "?") otherwise than baseline.json: \(reason)")
        }
        // The evidence holds the figure at full precision, as the indicator has it; the words round it.
        let school = try #require(priorities.first { $0["id"] as? String == "school-readiness" })
        let worse = try #require(((school["evidence"] as? [String: Any])?["worse"] as? [[String: Any]])?.first)
        #expect(worse["value"] as? Double == 59.283388 && worse["unit"] as? String == "%")
        #expect((school["reason"] as? String)?.contains("(59.3%, 2024-25)") == true)
        let homelessness = try #require(priorities.first { $0["id"] as? String == "homelessness" })
        #expect((homelessness["reason"] as? String)?.contains("(19.0 per 1,000 households, 2024-25)") == true)
    }

    /// A rate reads with the same decimals and separators in the brief, its plain-text twin and
    /// the dashboard; the CSV table keeps every digit as a number.
    @Test func aFigureReadsTheSameInEverySinkAndTheTablesKeepItWhole() throws {
        let run = try Run()
        for (name, output) in [("report.md", run.report), ("report.txt", run.text), ("dashboard.html", run.dashboard)] {
            #expect(output.contains("2,605.6 per 100,000 aged 65+"), "\(name)")
            #expect(!output.contains("2605.6 per"), "\(name) shows the rate without its thousands separator")
            #expect(output.contains("19.0 per 1,000 households"), "\(name)")
        }
        #expect(run.indicators.contains(",2024-25,59.283388,,%,"), "the CSV table rounds the value")
        #expect(run.indicators.contains(",2222.697,2619.3551,"), "the CSV table rounds the interval")
    }

    /// A survey share is rounded once, from the whole answers behind it, on the dashboard as in
    /// the brief: 12 of 26 senior leaders is 46.15…%, stored 46.15, shown 46.2 in both.
    @Test func surveySharesAreRoundedOnceOnTheDashboardAsInTheBrief() throws {
        let run = try Run()
        #expect(run.report.contains("| Partners here trust each other | 41.2% | 45.7% | 46.2% | 50.6% |"))
        #expect(run.dashboard.contains("Role: Senior leader</th><td>26</td><td>46.2</td>"))
        #expect(!run.dashboard.contains("Role: Senior leader</th><td>26</td><td>46.1</td>"))
    }
}
