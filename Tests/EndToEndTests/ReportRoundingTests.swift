import Foundation
import Testing

/// The workshop brief's survey figures are rounded once, from the exact share and interval,
/// never from the two-decimal figures in baseline.json: Python's reading of the same CSV
/// (`expected_survey.py`) gives the expected text. In the 2025 sample 12 of 26 senior leaders
/// (46.153846…%, stored 46.15) is 46.2%, 137 of 236 (58.05) 58.1% and 31 of 83 (37.35) 37.3%.
@Suite(.serialized) struct ReportRoundingTests {
    @Test func surveyFiguresInReportAreRoundedOnce() throws {
        let scratch = try Scratch()
        let outcome = try baseline("run", SamplePipelineTests.pipeline, "--output", scratch.path, "-q")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let report = try String(contentsOfFile: scratch.path + "/millbrook/2025/report.md", encoding: .utf8)
        let expected = try SamplePipelineTests().expected()
        let wanted = try #require(expected["questions"] as? [String: [String: Any]])
        var checked = 0
        for question in SamplePipelineTests.questions {
            let want = try #require(wanted[question.id])
            let overall = try #require(want["overall"] as? [String: Any])
            let text = question.column + (question.reverse ? " (reverse-scored)" : "")
            let line = "| \(text) | \(overall["responses"] as! Int) | \(overall["shown_percent"] as! String) | \(overall["shown_range"] as! String) |"
            #expect(report.contains(line), "missing: \(line)")
            let groups = try #require(want["groups"] as? [String: [String: [String: Any]]])
            for grouping in ["Organisation", "Role"] {
                let cells = try #require(groups[grouping]).sorted { $0.key < $1.key }.map { $0.value["shown_percent"] as? String ?? "suppressed" }
                let row = "| " + ([text] + cells).joined(separator: " | ") + " |"
                #expect(report.contains(row), "missing: \(row)")
                checked += cells.count
            }
        }
        #expect(checked == 6 * (6 + 4))
        #expect(report.contains("| Partners here trust each other | 41.2% | 45.7% | 46.2% | 50.6% |"))
    }
}
