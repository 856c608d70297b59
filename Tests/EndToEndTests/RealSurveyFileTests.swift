import Foundation
import Testing

/// Survey exports as real survey tools wrote them (`Fixtures/real/<tool>/`, sources in
/// `Fixtures/real/SOURCES.md`), each run through the real binary with the pipeline beside it —
/// the one a user would write — and its figures checked against `real_surveys.py`, which
/// reads the same file with Python's csv module alone.
@Suite(.serialized) struct RealSurveyFileTests {
    /// Runs `Fixtures/real/<pipeline>.yaml`; returns the baseline and its folder.
    func runPipeline(_ pipeline: String, scratch: Scratch) throws -> (document: [String: Any], folder: String) {
        let outcome = try baseline("run", "Tests/EndToEndTests/Fixtures/real/\(pipeline).yaml", "--output", scratch.path)
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let folder = try #require(FileManager.default.enumerator(atPath: scratch.path)?.compactMap { $0 as? String }
            .first { $0.hasSuffix("baseline.json") }).replacingOccurrences(of: "/baseline.json", with: "")
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(scratch.path)/\(folder)/baseline.json"))
        return (try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]), "\(scratch.path)/\(folder)")
    }

    /// What Python reads from the file.
    func expected(_ name: String) throws -> [String: Any] {
        let outcome = try run("python3", [Package.tests.appendingPathComponent("real_surveys.py").path, name])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    }

    /// Checks the source's counts, each question's responses and % positive, and each
    /// multi-select option's count; returns the questions by id.
    @discardableResult
    func compare(_ document: [String: Any], _ expected: [String: Any]) throws -> [String: [String: Any]] {
        let sources = try #require((document["manifest"] as? [String: Any])?["sources"] as? [[String: Any]])
        let counts = try #require(expected["counts"] as? [String: Int])
        for key in ["read", "passed_on", "quarantined", "skipped"] {
            #expect(sources.first?[key] as? Int == counts[key], "counts: \(key)")
        }
        let survey = try #require(document["survey"] as? [[String: Any]])
        let questions = Dictionary(uniqueKeysWithValues: survey.map { ($0["id"] as! String, $0) })
        for (id, want) in try #require(expected["questions"] as? [String: [String: Any]]) {
            let overall = try #require(questions[id]?["overall"] as? [String: Any], "question \(id)")
            #expect(overall["responses"] as? Int == want["responses"] as? Int, "\(id): responses")
            let got = try #require(overall["percent_positive"] as? Double, "\(id): percent_positive")
            #expect(abs(got - (want["percent_positive"] as! Double)) < 0.006, "\(id): \(got)% positive")
        }
        for (id, want) in expected["options"] as? [String: [String: Int]] ?? [:] {
            let options = try #require((questions[id]?["overall"] as? [String: Any])?["options"] as? [String: [String: Any]], "\(id): options")
            #expect(options.mapValues { $0["count"] as? Int } == want.mapValues { Optional($0) }, "\(id): option counts")
        }
        return questions
    }

    /// Google Forms joins a multi-select's answers with ", ", and an option here holds commas
    /// ("Mixed (conferences, workshops, Software Carpentry style events, etc.)"): issue 21's
    /// case, where such rows were set aside as `unknown option`. The custom scales keep their
    /// own order in baseline.json and in the dashboard, not the alphabet's.
    @Test func googleFormsExportWithCommasInsideOptions() throws {
        let scratch = try Scratch()
        let (document, folder) = try runPipeline("googleforms/jupyter-education-2016", scratch: scratch)
        let questions = try compare(document, try expected("googleforms"))
        #expect(questions["class_size"]?["points"] as? [String]
            == ["Less than 10", "10 - 25", "25 - 50", "50 - 100", "100 - 250", "250 - 500", "More than 500"])
        let dashboard = try String(contentsOfFile: folder + "/dashboard.html", encoding: .utf8)
        #expect(dashboard.contains("Less than 10 9, 10 - 25 50, 25 - 50 35, 50 - 100 13, 100 - 250 5, 250 - 500 7, More than 500 6"))
        #expect(dashboard.contains("Complete novice (no experience) 53, Novice (~1 semester of experience) 36, Intermediate (a year of experience) 30"))
        #expect(try validateJSON(folder + "/baseline.json", against: "baseline.schema.json").stdout.contains("valid"))
    }

    /// Alchemer (SurveyGizmo) marks unfinished responses `Status` = `Partial`: 229 of the 500
    /// rows, left out by `partial: exclude` and counted as skipped, not quarantined.
    @Test func alchemerExportSkipsPartialResponses() throws {
        let scratch = try Scratch()
        let (document, folder) = try runPipeline("alchemer/jupyter-notebook-ux-2015", scratch: scratch)
        try compare(document, try expected("alchemer"))
        let rejects = (try? String(contentsOfFile: folder + "/rejects/notebook-users.csv", encoding: .utf8)) ?? ""
        #expect(!rejects.contains("partial response"))
    }

    /// A real SurveyMonkey export whose collector and personal columns were taken out before it
    /// was published: no `Collector ID`, so it was read as a one-row generic file and a
    /// statement (`Contribute code upstream`) could not be named. Recognised now by the second
    /// row's `Response`; a question repeated under itself in that row is no option.
    @Test func surveyMonkeyExportWithoutCollectorColumns() throws {
        let scratch = try Scratch()
        let (document, folder) = try runPipeline("surveymonkey/osposurvey-2018", scratch: scratch)
        let questions = try compare(document, try expected("surveymonkey"))
        // By hand, off the file: 28 Frequently + 25 Sometimes of the 95 who did not answer
        // "Don't know" = 55.79%; 68 Yes + 3 planning one of 100 = 71%.
        #expect(questions["contribute_upstream"]?["text"] as? String == "How often does your company do the following activities? - Contribute code upstream")
        #expect(questions["program"]?["text"] as? String == "Does your company have an open source program (either formal or informal) or management initiative?")
        let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        #expect(report.contains("| How often does your company do the following activities? - Contribute code upstream | 95 | 55.8% |"), "\(report)")
        #expect(report.contains("| Does your company have an open source program (either formal or informal) or management initiative? | 100 | 71.0% |"))
        // Company sizes in size order, not as text (which read 1,000-10,000 | 2-50 | 251-1,000 | 51-250…);
        // SurveyMonkey writes "Greater than 10,000" with a no-break space.
        #expect(report.contains("| Question | 2-50 | 51-250 | 251-1,000 | 1,000-10,000 | Greater than\u{A0}10,000 | Don't know | Self-employed or not working |"),
                "\(report)")
    }

    /// Qualtrics' three header rows (column ids, question text in German, ImportId JSON) and a
    /// numeric-values export, read by column id.
    @Test func qualtricsNumericExportWithImportIdRow() throws {
        try checkQualtrics("qualtrics-numeric-sample", expected: "qualtrics")
    }

    /// Qualtrics' legacy export (before 2017): `V1`, `V2`… over `ResponseID`, `Status`…, with
    /// a byte-order mark.
    @Test func qualtricsLegacyExport() throws {
        try checkQualtrics("qualtrics-legacy-sample", expected: "qualtrics-legacy")
    }

    /// The 2016–17 "Insights" export writes its third header row in single quotes,
    /// `{'ImportId': 'QID1'}`: it was read as a respondent (16 read where the file has 15; with a
    /// scale question, a failed run blaming the scale). Its option columns `Q2_-1` and `Q2_-2`
    /// (negative codes: "No basis for evaluation", "I've never had squash") were left out, giving
    /// 9/10/9 of 13; every option is counted now, 9/10/9/10/8 of 15, labelled with its own text
    /// under the question's ("Check all statements you agree with"), not "question-option".
    @Test func qualtricsInsightsExportWithSingleQuotedImportIdRow() throws {
        let scratch = try Scratch()
        let (document, _) = try runPipeline("qualtrics/no-basis-insights-2016", scratch: scratch)
        let questions = try compare(document, try expected("qualtrics-no-basis"))
        let statements = try #require(questions["agree_statements"])
        #expect(statements["text"] as? String == "Check all statements you agree with")
        let options = try #require((statements["overall"] as? [String: Any])?["options"] as? [String: [String: Any]])
        #expect(options.mapValues { $0["percent"] as? Double } == ["Squash are great": 60, "Squash are tolerable": 66.67, "Squash cause me anguish": 60,
                                                                  "No basis for evaluation": 66.67, "I've never had squash": 53.33])
        #expect(statements["points"] as? [String]
            == ["Squash are great", "Squash are tolerable", "Squash cause me anguish", "No basis for evaluation", "I've never had squash"])
    }

    /// The same survey in the legacy export (two header rows, options `Q2_1`…`Q2_5`) gives the
    /// same figures and labels as the Insights export: the layouts agree.
    @Test func qualtricsLegacyAndInsightsExportsOfOneSurveyAgree() throws {
        let scratch = try Scratch(), legacyScratch = try Scratch()
        let (insights, _) = try runPipeline("qualtrics/no-basis-insights-2016", scratch: scratch)
        let (legacy, _) = try runPipeline("qualtrics/no-basis-legacy-2016", scratch: legacyScratch)
        try compare(legacy, try expected("qualtrics-no-basis-legacy"))
        let survey = { (document: [String: Any]) in
            ((document["survey"] as? [[String: Any]]) ?? []).map { NSDictionary(dictionary: $0.filter { $0.key != "provenance" }) }
        }
        #expect(survey(insights) == survey(legacy))
    }

    /// Every row of the export is a test response Qualtrics generated (Status 2): under the
    /// default `test_responses: exclude` the run fails, and says that the 15 were skipped as
    /// test responses and how to count them (it said "passed on none of its 16 records:
    /// 1 × unknown answer", the misread ImportId row, and nothing of the 15).
    @Test func qualtricsExportOfTestResponsesOnlySaysTheyWereSkipped() throws {
        let scratch = try Scratch()
        let pipeline = try String(contentsOfFile: Package.root.appendingPathComponent("Tests/EndToEndTests/Fixtures/real/qualtrics/no-basis-insights-2016.yaml").path,
                                  encoding: .utf8)
        let folder = Package.root.appendingPathComponent("Tests/EndToEndTests/Fixtures/real/qualtrics").path
        let file = scratch.path + "/tests-left-out.yaml"
        try pipeline.replacingOccurrences(of: "    test_responses: include\n", with: "")
            .replacingOccurrences(of: "path: no-basis", with: "path: \(folder)/no-basis")
            .write(toFile: file, atomically: true, encoding: .utf8)
        let outcome = try baseline("run", file, "--output", scratch.path + "/out")
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("error: source 'squash' passed on none of its 15 records: all 15 skipped by the source's own rules: 15 × test response "
                                        + "(first at \(folder)/no-basis-insights-2016.csv:4:11: test response (Status '2'), left out by `test_responses: exclude`)"),
                "\(outcome.stderr)")
        #expect(outcome.stderr.contains("to count the 15 skipped, set `test_responses: include` on the source"), "\(outcome.stderr)")
    }

    func checkQualtrics(_ file: String, expected name: String) throws {
        let scratch = try Scratch()
        let (document, _) = try runPipeline("qualtrics/\(file)", scratch: scratch)
        let wanted = try expected(name)
        let questions = try compare(document, wanted)
        let want = try #require((wanted["distribution"] as? [String: [String: Int]])?["multiple_choice"])
        #expect((questions["multiple_choice"]?["overall"] as? [String: Any])?["distribution"] as? [String: Int] == want)
        #expect(questions["multiple_choice"]?["text"] as? String == "This is a multiple choice question.")
    }
}
