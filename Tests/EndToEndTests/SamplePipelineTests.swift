import BaselineSchema
import Foundation
import Testing

/// The real binary on the Millbrook sample: figures checked against Python's own reading of
/// the same CSV (`expected_survey.py`), the output against the JSON Schema, and the run
/// against itself for byte-identical output.
@Suite(.serialized) struct SamplePipelineTests {
    static let pipeline = "pipelines/millbrook-2025.yaml"
    static let survey = "samples/millbrook/staff-survey-2025.csv"
    static let questions: [(id: String, column: String, reverse: Bool)] = [
        ("shared_vision", "I understand the shared vision for Millbrook", false),
        ("partners_trust", "Partners here trust each other", false),
        ("voice_heard", "My voice is heard when services are planned", false),
        ("data_shared", "Data is shared well between partners", false),
        ("silos", "We work in silos", true),
        ("coping", "I feel able to cope with the demands of my job", false),
    ]

    func runSample(into output: String) throws -> [String: Any] {
        let outcome = try baseline("run", Self.pipeline, "--output", output)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: output + "/millbrook/2025/baseline.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func expected() throws -> [String: Any] {
        let spec: [String: Any] = [
            "groups": ["Organisation", "Role"], "min_group_size": 10,
            "questions": Self.questions.map { ["id": $0.id, "column": $0.column, "reverse": $0.reverse] },
        ]
        let specText = String(decoding: try JSONSerialization.data(withJSONObject: spec), as: UTF8.self)
        let outcome = try run("python3", [Package.tests.appendingPathComponent("expected_survey.py").path, Self.survey, specText])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    }

    @Test func figuresMatchAnIndependentReading() throws {
        let scratch = try Scratch()
        let document = try runSample(into: scratch.path)
        let expected = try expected()
        let survey = try #require(document["survey"] as? [[String: Any]])
        #expect(survey.map { $0["id"] as? String } == Self.questions.map(\.id))
        let wanted = try #require(expected["questions"] as? [String: [String: Any]])
        var comparedGroups = 0
        for question in survey {
            let id = question["id"] as! String
            let want = try #require(wanted[id])
            try compare(question["overall"], want["overall"], "\(id) overall")
            let groups = try #require(question["groups"] as? [String: [[String: Any]]])
            let wantGroups = try #require(want["groups"] as? [String: [String: Any]])
            #expect(Set(groups.keys) == Set(wantGroups.keys))
            for (grouping, rows) in groups {
                let wantRows = try #require(wantGroups[grouping])
                #expect(rows.map { $0["group"] as! String } == wantRows.keys.sorted(), "\(id) \(grouping) group order")
                for row in rows {
                    let value = row["group"] as! String
                    try compare(row["figures"], wantRows[value], "\(id) \(grouping)=\(value)")
                    comparedGroups += 1
                }
            }
        }
        #expect(comparedGroups == 6 * (6 + 4))
    }

    private func compare(_ actual: Any?, _ expected: Any?, _ what: String) throws {
        let got = try #require(actual as? [String: Any], "\(what): no figures")
        let want = try #require(expected as? [String: Any], "\(what): not expected")
        if want["suppressed"] as? Bool == true {
            #expect(got["suppressed"] is String, "\(what) should be suppressed")
            #expect(got["percent_positive"] == nil && (got["distribution"] as? [String: Any])?.isEmpty == true, "\(what) leaks figures")
            return
        }
        #expect(got["suppressed"] == nil, "\(what) should be shown")
        #expect(got["responses"] as? Int == want["responses"] as? Int, "\(what) responses")
        #expect(got["blank"] as? Int == want["blank"] as? Int, "\(what) blank")
        #expect(got["excluded"] as? [String: Int] == want["excluded"] as? [String: Int], "\(what) excluded")
        #expect(got["percent_positive"] as? Double == want["percent_positive"] as? Double, "\(what) % positive")
        #expect(got["mean_score"] as? Double == want["mean"] as? Double, "\(what) mean")
        let ci = got["ci95"] as? [String: Double]
        #expect(ci?["lower"] == want["lower"] as? Double && ci?["upper"] == want["upper"] as? Double, "\(what) interval")
        let distribution = got["distribution"] as? [String: Int] ?? [:]
        #expect(distribution.values.reduce(0, +) == want["responses"] as? Int, "\(what) distribution sums to responses")
    }

    @Test func countsReconcileAndRaggedRowsAreQuarantinedWithTheirLines() throws {
        let scratch = try Scratch()
        let document = try runSample(into: scratch.path)
        let expected = try expected()
        let manifest = try #require(document["manifest"] as? [String: Any])
        let source = try #require((manifest["sources"] as? [[String: Any]])?.first)
        let read = source["read"] as! Int, passed = source["passed_on"] as! Int, quarantined = source["quarantined"] as! Int
        #expect(read == expected["read"] as? Int)
        #expect(read == passed + quarantined + (source["skipped"] as! Int))
        let lines = try #require(expected["rejected_lines"] as? [Int])
        #expect(quarantined == lines.count && !lines.isEmpty)
        let rejects = try String(contentsOfFile: scratch.path + "/millbrook/2025/rejects/staff-survey.csv", encoding: .utf8)
        let rows = rejects.split(separator: "\n").dropFirst()
        #expect(rows.map { Int($0.split(separator: ",")[1]) } == lines)
        #expect(rows.contains { $0.contains("ragged row: 6 fields where the header has 11") })
        let input = try #require((manifest["inputs"] as? [[String: Any]])?.first)
        let sha = try run("sha256sum", [Self.survey]).stdout.split(separator: " ").first.map(String.init)
        #expect(input["sha256"] as? String == sha)
        #expect(input["path"] as? String == "../" + Self.survey)
    }

    @Test func csvTablesCarryTheSameFigures() throws {
        let scratch = try Scratch()
        let document = try runSample(into: scratch.path)
        let table = try String(contentsOfFile: scratch.path + "/millbrook/2025/tables/survey.csv", encoding: .utf8)
        let rows = table.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 1 + Self.questions.count * (1 + 6 + 4))
        for question in try #require(document["survey"] as? [[String: Any]]) {
            let overall = try #require(question["overall"] as? [String: Any])
            let row = try #require(rows.first { $0[0] == question["id"] as! Substring.StringLiteralType && $0[4] == "(everyone)" })
            #expect(Double(row[6]) == overall["percent_positive"] as? Double)
            #expect(Int(row[5]) == overall["responses"] as? Int)
            #expect(row[13] == "agree5" && row[14] == ((question["reverse"] as? Bool) == true ? "true" : "false"))
        }
        // Themes name their parent; indicators their area's name, the publisher's flag, count and denominator.
        let themes = try String(contentsOfFile: scratch.path + "/millbrook/2025/tables/themes.csv", encoding: .utf8)
        let silos = try #require((document["themes"] as? [[String: Any]])?.first { $0["id"] as? String == "silos" })
        #expect(themes.hasPrefix("theme_id,theme,mentions,sources,parent\r\n")
                && themes.contains("\r\nsilos,Silos,\(silos["mentions"] as? Int ?? -1),\(silos["sources"] as? Int ?? -1),ways-of-working\r\n"))
        let indicators = try String(contentsOfFile: scratch.path + "/millbrook/2025/tables/indicators.csv", encoding: .utf8)
        #expect(indicators.contains(",schools-indicators,../samples/millbrook/indicators-dfe.xml,518,Millbrook,provisional,33,64\r\n"))
    }

    @Test func outputValidatesAgainstTheSchema() throws {
        let scratch = try Scratch()
        _ = try runSample(into: scratch.path)
        let outcome = try validateJSON(scratch.path + "/millbrook/2025/baseline.json", against: "baseline.schema.json")
        #expect(outcome.status == 0 && outcome.stdout == "valid\n", "\(outcome.stderr)")
    }

    @Test func aSecondRunIsByteIdentical() throws {
        let first = try Scratch(), second = try Scratch()
        _ = try runSample(into: first.path)
        _ = try runSample(into: second.path)
        let a = try Scratch.files(under: first.path), b = try Scratch.files(under: second.path)
        #expect(a.keys.sorted() == ["millbrook/2025/baseline.json", "millbrook/2025/baseline.xlsx", "millbrook/2025/dashboard.html",
                                    "millbrook/2025/rejects/notes.csv",
                                    "millbrook/2025/rejects/place-indicators.csv", "millbrook/2025/rejects/schools-indicators.csv",
                                    "millbrook/2025/rejects/staff-survey.csv",
                                    "millbrook/2025/report.md", "millbrook/2025/report.txt", "millbrook/2025/tables/indicators.csv",
                                    "millbrook/2025/tables/survey-options.csv", "millbrook/2025/tables/survey.csv",
                                    "millbrook/2025/tables/themes.csv"])
        #expect(a == b)
    }

    @Test func aBrokenInputFailsAndLeavesThePreviousBaselineUntouched() throws {
        let scratch = try Scratch()
        let fm = FileManager.default
        try fm.createDirectory(atPath: scratch.path + "/pipelines", withIntermediateDirectories: true)
        try fm.copyItem(atPath: Package.root.path + "/" + Self.pipeline, toPath: scratch.path + "/" + Self.pipeline)
        try fm.copyItem(atPath: Package.root.path + "/samples", toPath: scratch.path + "/samples")
        let good = try baseline("run", Self.pipeline, "-q", in: scratch.url)
        #expect(good.status == 0 && good.stderr.isEmpty, "\(good.stderr)")
        let before = try Scratch.files(under: scratch.path + "/output")
        #expect(before.count == 13)

        var text = try String(contentsOfFile: scratch.path + "/" + Self.survey, encoding: .utf8)
        text += "\r\n2999,2025-03-30 09:00,Vale Police,Frontline,\"Agree,Agree,Agree,Agree,Agree,Agree,never closed\r\n"
        try text.write(toFile: scratch.path + "/" + Self.survey, atomically: true, encoding: .utf8)
        let lines = text.utf8.filter { $0 == 0x0A }.count
        let broken = try baseline("run", Self.pipeline, in: scratch.url)
        #expect(broken.status == 1)
        // Named from where the command ran (the pipeline itself says ../samples/…).
        #expect(broken.stderr == "\(Self.survey):\(lines):5: error: a quoted field that starts on this line is never closed — "
                + "close the quote (\"), or double any quote inside a quoted field (\"\")\n")
        #expect(try Scratch.files(under: scratch.path + "/output") == before)
    }
}
