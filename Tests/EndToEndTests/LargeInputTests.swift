import Foundation
import Testing

/// Inputs larger than one read piece (256 KiB): rows cut across pieces must come out whole,
/// with the right line numbers, and every figure must still add up.
@Suite struct LargeInputTests {
    @Test func rowsAcrossReadPiecesStayWhole() throws {
        let scratch = try Scratch()
        let labels = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree", "", "Don't know"]
        var csv = "id,org,q1,q2,comment\n"
        var expectedAgree = 0, expectedAnswered = 0
        let rows = 40_000
        for i in 0..<rows {
            let q1 = labels[(i * 7 + i / 3) % labels.count], q2 = labels[(i * 5 + 1) % labels.count]
            if q1 == "Agree" || q1 == "Strongly agree" { expectedAgree += 1 }
            if labels.firstIndex(of: q1)! < 5 { expectedAnswered += 1 }
            let comment = i % 11 == 0 ? "\"line one,\nline \"\"two\"\"\"" : "plain \(i)"
            csv += "\(i),Org \(i % 4),\(q1),\(q2),\(comment)\n"
        }
        csv += "99999,Org 1,Agree\n"
        try csv.write(toFile: scratch.path + "/big.csv", atomically: true, encoding: .utf8)
        try """
            place: { name: Big Town, code: E07000002 }
            period: 2025
            sources:
              - id: big
                adapter: csv-survey
                path: big.csv
                groups: [org]
                questions: [q1, q2]
                free_text: [comment]
            transforms:
              - stage: survey-aggregate
            sinks:
              - sink: dashboard-json
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", scratch.path + "/p.yaml", "--output", scratch.path + "/out")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/out/big-town/2025/baseline.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let source = try #require(((document["manifest"] as? [String: Any])?["sources"] as? [[String: Any]])?.first)
        #expect(source["read"] as? Int == rows + 1)
        #expect(source["quarantined"] as? Int == 1)
        let q1 = try #require((document["survey"] as? [[String: Any]])?.first?["overall"] as? [String: Any])
        #expect(q1["responses"] as? Int == expectedAnswered)
        #expect(q1["percent_positive"] as? Double == (10_000 * Double(expectedAgree) / Double(expectedAnswered)).rounded() / 100)
        let rejects = try String(contentsOfFile: scratch.path + "/out/big-town/2025/rejects/big.csv", encoding: .utf8)
        let lastLine = 1 + rows + rows / 11 + (rows % 11 == 0 ? 0 : 1) + 1
        #expect(rejects.contains("big.csv,\(lastLine),,ragged row: 3 fields where the header has 5"), "\(rejects)")
    }
}
