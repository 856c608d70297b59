import BaselineCore
import BaselineCSV
import BaselineDigest
import BaselinePipeline
import BaselineSchema
import BaselineTestKit
@testable import CSVSurvey
import Foundation
import SurveyAggregate
import Testing

/// A pipeline around one `csv-survey` source (`id: survey`) reading `input.csv`, in a folder of its own.
struct Scratch {
    let folder: URL

    /// `source` is the source entry's options, one per line, without `id`, `adapter` and `path`.
    init(_ input: [UInt8], source: String, minGroupSize: Int = 1) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("CSVSurveyTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(input).write(to: folder.appendingPathComponent("input.csv"))
        let options = source.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
        let yaml = """
            place: {name: Test, code: E00000001}
            period: test
            sources:
              - id: survey
                adapter: csv-survey
                path: input.csv
            \(options)
            transforms:
              - stage: survey-aggregate
                min_group_size: \(minGroupSize)

            """
        try yaml.write(to: folder.appendingPathComponent("pipeline.yaml"), atomically: true, encoding: .utf8)
    }

    init(_ text: String, source: String, minGroupSize: Int = 1) throws {
        try self.init(Array(text.utf8), source: source, minGroupSize: minGroupSize)
    }

    func pipeline() throws -> Pipeline {
        try Pipeline(file: folder.appendingPathComponent("pipeline.yaml").path, registry: FixtureTests.registry)
    }

    /// Every record and reject the source yields.
    func read() throws -> RecordBatch {
        try drain(try pipeline().sources[0].make())
    }

    /// The whole pipeline, written under the scratch folder.
    func run() throws -> PipelineRunner.Result {
        try PipelineRunner(pipeline: try pipeline(), options: .init(outputRoot: folder.appendingPathComponent("output").path)).run()
    }

    /// The responses read.
    func responses() throws -> [Response] {
        try read().records.compactMap { if case .response(let r) = $0 { r } else { nil } }
    }
}

@Suite struct CSVSurveyAdapterTests {
    static let basic = "id,Team,Q1\n1,A,Agree\n2,B,Disagree\n"

    // MARK: - The manifest

    @Test func theSourceHashesTheFileItReads() throws {
        let scratch = try Scratch(Self.basic, source: "questions: [Q1]\ngroups: [Team]")
        let source = try scratch.pipeline().sources[0].make()
        #expect(source.hashesInputs)
        _ = try drain(source)
        let expected = try SHA256.hexDigest(ofFile: scratch.folder.appendingPathComponent("input.csv").path)
        #expect(source.inputDigests == [InputDigest(sha256: expected.digest, bytes: expected.bytes)])
        let result = try scratch.run()
        #expect(result.document.manifest.inputs.map(\.sha256) == [expected.digest])
    }

    // MARK: - Bad input

    @Test("An export cut off in the middle of its last row stops the run at that row; a short last row with a line break, or a whole last row without one, does not")
    func cutShortExport() throws {
        let cut = try Scratch("id,Team,Q1\n1,A,Agree\n2,B,Disagree\n3,C", source: "questions: [Q1]\ngroups: [Team]")
        let error = try #require(throws: BaselineError.self) { try cut.read() }
        #expect(error.file == "input.csv" && error.line == 4)
        #expect(error.message.hasPrefix("the file ends in the middle of this row (2 of the header's 3 fields, and no line break after it)"))
        // A short row followed by a line break is a ragged row, set aside as before.
        let ragged = try Scratch("id,Team,Q1\n1,A,Agree\n3,C\n", source: "questions: [Q1]\ngroups: [Team]")
        #expect(try ragged.read().rejects.map(\.reason) == ["ragged row: 2 fields where the header has 3"])
        // A whole last row without a line break is read, with a note (a cut inside its last field
        // looks just like it)…
        let whole = try Scratch("id,Team,Q1\n1,A,Agree\n2,B,Disagree", source: "questions: [Q1]\ngroups: [Team]")
        #expect(try whole.responses().count == 2)
        #expect(try whole.run().document.dataQuality.notes.contains { $0.hasPrefix("input.csv does not end with a line break: its last row (line 3) was read whole") })
        // …but not for Google Forms, whose exports never end with one.
        let google = try Scratch("Timestamp,Team,Q1\n2024/01/02 10:00:00 AM GMT,A,Agree\n2024/01/02 11:00:00 AM GMT,B,Disagree",
                                 source: "questions: [Q1]\ngroups: [Team]")
        #expect(try google.responses().count == 2)
        #expect(!(try google.run().document.dataQuality.notes.contains { $0.contains("line break") }))
    }

    @Test func unterminatedQuoteNamesTheLineWhereItOpened() throws {
        let scratch = try Scratch("id,Team,Q1\n1,A,Agree\n2,\"B,Agree\n3,C,Agree\n4,D,Agree\n", source: "questions: [Q1]")
        let error = #expect(throws: BaselineError.self) { _ = try scratch.read() }
        #expect(error?.line == 3)
        #expect(error?.message.contains("never closed") == true)
        #expect(error?.file == "input.csv")
    }

    @Test func raggedRowsAreQuarantinedWithTheirLine() throws {
        let scratch = try Scratch("id,Team,Q1\n1,A,Agree\n2,B\n3,C,Agree,extra\n4,D,Agree\n", source: "questions: [Q1]\nmax_rejected: 50%")
        let result = try scratch.run()
        let counts = try #require(result.document.manifest.sources.first)
        #expect((counts.read, counts.passedOn, counts.quarantined) == (4, 2, 2))
        let rejects = try String(contentsOfFile: result.folder + "/rejects/survey.csv", encoding: .utf8)
        #expect(rejects.contains("input.csv,3,,ragged row: 2 fields where the header has 3"))
        #expect(rejects.contains("input.csv,4,,ragged row: 4 fields where the header has 3"))
        #expect(result.document.dataQuality.rejects["survey"]?["ragged row"] == 2)
    }

    /// A Microsoft Forms export re-saved by a spreadsheet ended 17 of its 20 rows with one
    /// delimiter more than the header, every one set aside as ragged. Rows whose extra fields are
    /// all empty line up with the header: they are read (and take part in the duplicate check),
    /// with one data-quality note giving the count; a row whose extra field holds text is still
    /// ragged.
    @Test func rowsEndingWithEmptyFieldsBeyondTheHeaderAreRead() throws {
        let text = "ID,Start time,Completion time,Email,Name,Q1\n"
            + "1,3/12/24 15:36:05,3/12/24 15:37:02,,,Agree,\n"
            + "2,3/12/24 15:37:05,3/12/24 15:38:02,,,Disagree, ,\n"
            + "3,3/12/24 15:38:05,3/12/24 15:39:02,,,Agree,Agree\n"
            + "4,3/12/24 15:39:05,3/12/24 15:40:02,,,Agree\n"
            + "1,3/12/24 16:00:00,3/12/24 16:01:00,,,Disagree,\n"
        let result = try Scratch(text, source: "questions: [Q1]\nmax_rejected: 50%").run()
        let counts = try #require(result.document.manifest.sources.first)
        #expect((counts.read, counts.passedOn, counts.quarantined, counts.skipped) == (5, 3, 2, 0))
        let rejects = try String(contentsOfFile: result.folder + "/rejects/survey.csv", encoding: .utf8)
        #expect(rejects.contains("input.csv,4,,ragged row: 7 fields where the header has 6"))
        #expect(rejects.contains("input.csv,2,1,duplicate respondent: the response on line 6 is kept"))
        let notes = result.document.dataQuality.notes.filter { $0.contains("beyond the header") }
        #expect(notes == ["survey: 3 rows of input.csv (the first on line 2) end with up to 2 empty fields beyond the header's 6 columns "
                          + "(a delimiter at the end of the row): read, since the answers line up with the header."])
    }

    @Test func nulBytesStopTheRunWithTheirLine() throws {
        let scratch = try Scratch(Array("id,Team,Q1\n1,A,Agree\n2,B,Ag".utf8) + [0] + Array("ree\n".utf8), source: "questions: [Q1]")
        let error = #expect(throws: BaselineError.self) { _ = try scratch.read() }
        #expect(error?.line == 3)
        #expect(error?.message.contains("NUL byte") == true)
    }

    @Test func fieldOverTheConfiguredLimitStopsTheRun() throws {
        let long = String(repeating: "words ", count: 40)
        let scratch = try Scratch("id,Team,Q1,Notes\n1,A,Agree,short\n2,B,Agree,\(long)\n", source: "questions: [Q1]\nmax_field_bytes: 100")
        let error = #expect(throws: BaselineError.self) { _ = try scratch.read() }
        #expect(error?.line == 3)
        #expect(error?.column == 4)
        #expect(error?.message.contains("more than the 100 allowed") == true)
    }

    @Test func emptyFileIsAClearError() throws {
        for bytes: [UInt8] in [[], [0xEF, 0xBB, 0xBF], Array("\r\n\n".utf8)] {
            let error = #expect(throws: BaselineError.self) { _ = try Scratch(bytes, source: "questions: [Q1]").read() }
            #expect(error?.message.contains("the file is empty") == true)
            #expect(error?.hint?.contains("headers") == true)
        }
    }

    @Test func headerOnlyFileFailsTheRunAtTheSource() throws {
        let generic = try Scratch("id,Team,Q1\r\n", source: "questions: [Q1]")
        let error = #expect(throws: BaselineError.self) { _ = try generic.run() }
        #expect(error?.message == "source 'survey' gave no records: its input holds none (survey: input.csv has a header but no responses.)")
        #expect(error?.line == 4)
        #expect(try generic.read().records.isEmpty)
        // SurveyMonkey's two header rows, and nothing after them.
        let monkey = try Scratch("Respondent ID,Collector ID,Q\n,,Response\n", source: "questions: [Q]")
        #expect(throws: BaselineError.self) { _ = try monkey.run() }
        #expect(try monkey.read().records.isEmpty)
    }

    /// A header of one name 100,000 times listed every column in a 1.38 MB error line (a
    /// try-out): the first ten are listed, and how many more.
    @Test func aNameOverManyColumnsListsTheFirstTen() throws {
        let scratch = try Scratch("id," + Array(repeating: "Q1", count: 1_000).joined(separator: ",") + "\n1,"
                                  + Array(repeating: "Agree", count: 1_000).joined(separator: ",") + "\n", source: "questions: [Q1]")
        let error = #expect(throws: BaselineError.self) { _ = try scratch.read() }
        #expect(error?.message == "'Q1' (named as a question) heads 1000 columns: 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 990 more", "\(String(describing: error))")
        #expect((error?.hint?.count ?? .max) < 300, "\(String(describing: error?.hint))")
    }

    @Test func duplicateQuestionHeadersSuggestPosition() throws {
        let scratch = try Scratch("id,Q1,Team,Q1\n1,Agree,A,Disagree\n", source: "questions: [Q1]")
        let error = #expect(throws: BaselineError.self) { _ = try scratch.read() }
        #expect(error?.message.contains("'Q1' (named as a question) heads 2 columns: 2, 4") == true)
        #expect(error?.hint?.contains("position:") == true)
        // Named by position, each column reads.
        let fixed = try Scratch("id,Q1,Team,Q1\n1,Agree,A,Disagree\n", source: "questions:\n  - position: 2\n    id: first\n  - position: 4\n    id: second")
        #expect(try fixed.responses().first?.answers == [.point(3), .point(1)])
    }

    @Test func duplicateQuestionTextInQualtricsSuggestsColumnIds() throws {
        let text = """
            ResponseId,Finished,Q1,Q2
            Response ID,Finished,Same question?,Same question?
            R_1,True,Agree,Agree

            """
        let error = #expect(throws: BaselineError.self) { _ = try Scratch(text, source: "questions: [Same question?]").read() }
        #expect(error?.hint?.contains("column id (Q1, Q2)") == true)
        let byId = try Scratch(text, source: "questions: [Q2]")
        #expect(try byId.responses().count == 1)
    }

    @Test(arguments: [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52] as [UInt8], "PNG image"),
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00] + Array("[Content_Types].xml".utf8), "Excel workbook (.xlsx)"),
    ])
    func notCSVAtAll(_ bytes: [UInt8], _ what: String) throws {
        let error = #expect(throws: BaselineError.self) { _ = try Scratch(bytes, source: "questions: [Q1]").read() }
        #expect(error?.message.contains(what) == true)
        #expect(error?.message.contains("not a CSV file") == true)
        #expect(error?.hint?.contains("CSV") == true)
    }

    @Test func unknownLabelIsQuarantinedWithLabelAndLine() throws {
        let batch = try Scratch("id,Team,Q1,Q2\n1,A,Agree,Agree\n2,A,Agree,Somewhat\n", source: "questions: [Q1, Q2]").read()
        #expect(batch.records.count == 1)
        let reject = try #require(batch.rejects.first)
        #expect(reject.provenance.line == 3)
        #expect(reject.provenance.column == 4)
        #expect(reject.reason == "unknown answer 'Somewhat' to question 'q2' (scale agree5)")
        #expect(reject.content.isEmpty)
    }

    @Test func cellsSpelledManyWaysAreReadAsTheFullMatchReadsThemRowAfterRow() throws {
        // Thousands of rows cycling through spellings of a few labels, unknown answers among them,
        // in two questions and a group: the memo of recent cells must answer as the full match
        // (per column), and unknown answers stay quarantined with their line and reason.
        let q1 = ["Agree", " agree", "AGREE", "Somewhat", "", "Strongly agree", "Don\u{2019}t know", "Agree "]
        let q2 = ["Disagree", "Strongly disagree", "disagree", "Neither agree nor disagree", "Agreed", ""]
        let teams = ["DWP", "ICB", " DWP", "NHS Trust", "ICB "]
        var text = "id,Team,Q1,Q2\n"
        var expected = [(line: Int, team: String, answers: [Answer])]()
        var unknown = [(line: Int, reason: String)]()
        let codes: [String: Answer] = [
            "agree": .point(3), "strongly agree": .point(4), "don't know": .excluded(0), "": .blank,
            "disagree": .point(1), "strongly disagree": .point(0), "neither agree nor disagree": .point(2),
        ]
        func code(_ cell: String) -> Answer? {
            codes[cell.replacingOccurrences(of: "\u{2019}", with: "'").trimmingCharacters(in: .whitespaces).lowercased()]
        }
        for row in 0..<3000 {
            let line = row + 2
            let (a, b, team) = (q1[row % q1.count], q2[row % q2.count], teams[row % teams.count])
            text += "\(row),\(team),\(a),\(b)\n"
            if code(a) == nil {
                unknown.append((line, "unknown answer '\(a)' to question 'q1' (scale agree5)"))
            } else if code(b) == nil {
                unknown.append((line, "unknown answer '\(b)' to question 'q2' (scale agree5)"))
            } else {
                expected.append((line, team.trimmingCharacters(in: .whitespaces), [code(a)!, code(b)!]))
            }
        }
        let batch = try Scratch(text, source: "questions: [Q1, Q2]\ngroups: [Team]\nmax_rejected: 50%").read()
        let responses = batch.records.compactMap { if case .response(let r) = $0 { r } else { nil } }
        #expect(responses.count == expected.count && batch.rejects.count == unknown.count)
        for (response, row) in zip(responses, expected) {
            #expect(response.provenance.line == row.line)
            #expect(response.groups == [row.team], "line \(row.line)")
            #expect(response.answers == row.answers, "line \(row.line)")
        }
        for (reject, row) in zip(batch.rejects, unknown) {
            #expect(reject.provenance.line == row.line && reject.reason == row.reason)
        }
    }

    @Test func unknownColumnSuggestsTheClosestHeader() throws {
        let error = #expect(throws: BaselineError.self) { _ = try Scratch(Self.basic, source: "questions: [q1]").read() }
        #expect(error?.message == "no column 'q1' (named as a question in the pipeline)")
        #expect(error?.hint == "did you mean 'Q1'?")
    }

    @Test func personalDataColumnsAreNeverRead() throws {
        let monkey = "Respondent ID,Collector ID,Email Address,IP Address,First Name,Custom Data 1,Q\n,,,,,,Response\n1,2,a@b.org,1.2.3.4,Sam,x,Agree\n"
        for column in ["Email Address", "IP Address", "First Name", "Custom Data 1"] {
            let error = #expect(throws: BaselineError.self) { _ = try Scratch(monkey, source: "questions: [Q]\ngroups: [\(column)]").read() }
            #expect(error?.message.contains("holds personal data") == true, "\(column)")
        }
        let qualtrics = "ResponseId,RecipientEmail,LocationLatitude,ExternalReference,Q1\nResponse ID,Recipient Email,Location Latitude,External Data Reference,Q\nR_1,a@b.org,51.5,x,Agree\n"
        for column in ["RecipientEmail", "LocationLatitude", "ExternalReference"] {
            let error = #expect(throws: BaselineError.self) { _ = try Scratch(qualtrics, source: "questions: [Q1]\nfree_text: [\(column)]").read() }
            #expect(error?.message.contains("holds personal data") == true, "\(column)")
        }
        let forms = "ID,Start time,Completion time,Email,Name,Q\n1,x,y,a@b.org,Sam,Agree\n"
        for column in ["Email", "Name"] {
            let error = #expect(throws: BaselineError.self) { _ = try Scratch(forms, source: "questions: [Q]\nrespondent_id: \(column)").read() }
            #expect(error?.message.contains("holds personal data") == true, "\(column)")
        }
        // Present in the file but not asked for: read without them, and nothing of them in the record.
        let response = try #require(try Scratch(monkey, source: "questions: [Q]").responses().first)
        #expect(response.answers == [.point(3)] && response.groups.isEmpty && response.respondent == nil)
    }

    // MARK: - Layouts

    @Test func layoutsAreDetected() {
        #expect(SurveyLayout.detect([["ID", "Start time", "Completion time", "Email", "Name", "Q"]]) == .msforms)
        #expect(SurveyLayout.detect([["Respondent ID", "Collector ID", "Q"], ["", "", "Response"]]) == .surveymonkey)
        #expect(SurveyLayout.detect([["StartDate", "Finished", "ResponseId", "Q1"], ["Start Date", "Finished", "Response ID", "Q"]]) == .qualtrics)
        #expect(SurveyLayout.detect([["Respondent ID", "Team", "Q"]]) == .generic)
        #expect(SurveyLayout.detect([["Timestamp", "Email Address", "Q"]]) == .googleforms)
        #expect(SurveyLayout.detect([["UserID", "Name", "Email", "IP Address", "Unique ID", "Started", "Ended", "Q"]]) == .smartsurvey)
        #expect(SurveyLayout.detect([["Response ID", "Time Started", "Date Submitted", "Status", "Q"]]) == .alchemer)
        #expect(SurveyLayout.detect([["V1", "V2", "Q1"], ["ResponseID", "ResponseSet", "How are you?"]]) == .qualtrics)
        #expect(SurveyLayout.detect([["id", "submitdate", "lastpage", "startlanguage", "seed", "q1[vis1]"]]) == .limesurvey)
        #expect(SurveyLayout.detect([["Response ID", "Date submitted", "Last page", "Start language", "Q"]]) == .limesurvey)
        #expect(SurveyLayout.detect([["#", "Q", "Response Type", "Start Date (UTC)", "Submit Date (UTC)", "Network ID"]]) == .typeform)
        #expect(SurveyLayout.detect([["record_id", "form_1_complete", "check_one___1"]]) == .redcap)
        #expect(SurveyLayout.detect([["study_id", "redcap_event_name", "q1", "baseline_complete"]]) == .redcap)
        #expect(SurveyLayout.detect([["Record ID", "Q", "Complete?"]]) == .redcap)
        #expect(SurveyLayout.detect([["id", "task_complete", "Q"]]) == .generic)
        #expect(SurveyLayout.detect([["#", "Q"]]) == .generic)
        #expect(SurveyLayout.detect([["start", "end", "Q", "_id", "_uuid", "_submission_time", "_index"], ["", "", "#q", "", "", "", ""]]) == .kobo)
    }

    @Test func googleFormsMultiSelectIsJoinedWithCommas() throws {
        let text = "Timestamp,Email Address,Which services?\n2025/03/04 10:00:00 AM GMT,a@example.org,\"GP, Housing advice, benefits\"\n"
            + "2025/03/04 10:05:00 AM GMT,b@example.org,\"Housing advice, benefits\"\n"
        let responses = try Scratch(text, source: "questions:\n  - column: Which services?\n    multi_select: true\n    options: [GP, \"Housing advice, benefits\"]").responses()
        #expect(responses.map(\.answers[0]) == [.selected([0, 1]), .selected([1])])
        let error = #expect(throws: BaselineError.self) { _ = try Scratch(text, source: "questions: [Email Address]").read() }
        #expect(error?.message.contains("personal data") == true)
    }

    @Test func smartSurveyOptionRowIsAHeaderOnlyWhenItsFirstCellIsEmpty() throws {
        let text = "UserID,Name,Email,IP Address,Unique ID,Started,Ended,1. Which services?,,2. I feel safe\n"
            + ",,,,,,,GP,Library,\n"
            + "101,,,,,04/03/2025 10:00,04/03/2025 10:04,GP,,Agree\n"
            + "102,,,,,04/03/2025 10:00,04/03/2025 10:06,GP,Library,Disagree\n"
        let responses = try Scratch(text, source: "date_order: dmy\nquestions:\n  - column: 1. Which services?\n    id: services\n    multi_select: true\n  - 2. I feel safe").responses()
        #expect(responses.map(\.answers) == [[.selected([0]), .point(3)], [.selected([0, 1]), .point(1)]])
        let flat = "UserID,Started,Ended,Q1\n101,04/03/2025 10:00,04/03/2025 10:04,Agree\n"
        #expect(try Scratch(flat, source: "questions: [Q1]").responses().count == 1)
    }

    @Test func previewsAndPartialsAreSkippedNotQuarantined() throws {
        let text = "ResponseId,Finished,Status,DistributionChannel,Q1\nResponse ID,Finished,Response Type,Distribution Channel,Q\n"
            + "R_1,True,IP Address,anonymous,Agree\nR_2,False,IP Address,anonymous,Agree\nR_3,True,Survey Preview,preview,Agree\n"
            + "R_4,True,IP Address,preview,Agree\nR_5,True,IP Address,email,Agreee\n"
        // One bad answer in two counted rows: over the 5% default, so the threshold is raised here.
        let result = try Scratch(text, source: "max_rejected: 50%\nquestions: [Q1]").run()
        let counts = try #require(result.document.manifest.sources.first)
        #expect((counts.read, counts.passedOn, counts.quarantined, counts.skipped) == (5, 1, 1, 3))
        let rejects = try String(contentsOfFile: result.folder + "/rejects/survey.csv", encoding: .utf8)
        #expect(!rejects.contains("partial") && !rejects.contains("preview") && rejects.contains("unknown answer 'Agreee'"))
        // `on_error: fail` stops at the bad row, not at the ones a rule left out.
        let error = #expect(throws: BaselineError.self) { _ = try Scratch(text, source: "questions: [Q1]\non_error: fail").run() }
        #expect(error?.line == 7)
    }

    /// KoboToolbox writes a row of HXL hashtags under its header by default (a file written to
    /// the bytes of the export kobotoolbox/kpi's own test asserts, with questions of our own:
    /// `Fixtures/kobo-hxl`): it was read as a respondent ("About 4 residents" for 3), and a
    /// question tagged `#visits` stopped the run as an answer off its scale.
    /// It is a header row: in no count, as Qualtrics' ImportId row is not.
    @Test func koboExportsHXLRowIsAHeaderRow() throws {
        let real = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/kobo-hxl/kobo-default-options-hxl.csv")
        let source = """
            scales:
              yn: {points: ["No", "Yes"], positive: ["Yes"]}
              seg: {points: ["1", "2", "3", "4", "5", "6"], positive: ["5", "6"]}
            questions:
              - {column: How many times did you visit this year?, id: visits, scale: seg}
              - {column: Do you feel listened to?, id: listened, scale: yn}
              - id: services
                multi_select: true
                columns: ["Which services have you used?/GP", "Which services have you used?/Library", "Which services have you used?/Leisure"]
            free_text: [What would make the most difference?]
            """
        let scratch = try Scratch(Array(try Data(contentsOf: real)), source: source)
        let result = try scratch.run()
        let counts = try #require(result.document.manifest.sources.first)
        #expect((counts.read, counts.passedOn, counts.quarantined, counts.skipped) == (3, 3, 0, 0))
        let responses = try scratch.responses()
        #expect(responses.map(\.provenance.line) == [3, 4, 5])
        #expect(responses.map(\.answers) == [
            [.point(5), .point(0), .selected([0, 1, 2]), .text("More evening opening, and some weekend hours")],
            [.point(2), .point(0), .selected([1]), .text("Yes")],
            [.point(1), .point(1), .selected([2]), .text("No / Unsure")],
        ])
        // The choices are labelled by themselves, the question once.
        let services = try #require(responses.first?.survey.questions[2])
        #expect(services.text == "Which services have you used?")
        #expect(services.scale?.points.map(\.label) == ["GP", "Library", "Leisure"])
        // `_submitted_by` is the account that sent the form: never read.
        let error = try #require(throws: BaselineError.self) { try Scratch(Array(try Data(contentsOf: real)), source: "questions: [_submitted_by]").read() }
        #expect(error.message.contains("personal data"), "\(error)")
    }

    @Test(arguments: [
        (["", "", "#symmetry", "", "#segments", "#affected+f+children", " #adm1 +code ", "#Org_Type"], true),
        (["", ""], false), (["#1", ""], false), (["#", "#a"], false), (["#tag", "Agree"], false), (["#tag+", ""], false),
        (["#a b"], false), (["#café"], false),
    ])
    func aRowOfHXLHashtagsIsKnown(row: [String], hxl: Bool) {
        #expect(SurveyLayout.isHXLRow(row) == hxl, "\(row)")
    }

    @Test func anHXLRowUnderAnyLayoutsHeaderIsAHeaderRow() throws {
        let generic = try Scratch("id,Team,Q1\n,#org,#opinion\n1,A,Agree\n2,B,Disagree\n", source: "groups: [Team]\nquestions: [Q1]")
        let batch = try generic.read()
        #expect(batch.rejects.isEmpty && batch.records.count == 2, "\(batch.rejects.map(\.reason))")
        // Never silent: the brief says which line was taken for hashtags.
        #expect(try generic.run().document.dataQuality.notes.contains("survey: input.csv line 2 read as an HXL hashtag row, not a response: #org, #opinion."))
        let surveyMonkey = try Scratch("Respondent ID,Collector ID,Q1\n,,Response\n,#org,#opinion\n1,2,Agree\n", source: "questions: [Q1]").read()
        #expect(surveyMonkey.rejects.isEmpty && surveyMonkey.records.count == 1, "\(surveyMonkey.rejects.map(\.reason))")
    }

    /// Try-out 11 (`hxl-generic.csv`): a generic spreadsheet whose first respondent answered only
    /// a comment, `#housing`, was taken for an HXL row and dropped without a word ("read 2" where
    /// pandas reads 3). Outside KoboToolbox an HXL row tags two columns or more; KoboToolbox's own
    /// row may tag one.
    @Test func aRespondentWhoseOnlyAnswerIsAHashtagIsARespondent() throws {
        let scratch = try Scratch("Trust,Vision,Comment\n,,#housing\nAgree,Agree,fine\nDisagree,Agree,\n", source: "questions: [Trust, Vision]\nfree_text: [Comment]")
        let responses = try scratch.responses()
        #expect(responses.map(\.provenance.line) == [2, 3, 4])
        #expect(responses.first?.answers == [.blank, .blank, .text("#housing")])
        let result = try scratch.run()
        #expect(result.document.manifest.sources.first?.read == 3)
        #expect(!result.document.dataQuality.notes.contains { $0.contains("HXL") })
        let kobo = try Scratch("Q1,_id,_uuid,_submission_time\n#opinion,,,\nAgree,1,u1,2024-01-01\nDisagree,2,u2,2024-01-02\n", source: "questions: [Q1]")
        #expect(try kobo.responses().map(\.provenance.line) == [3, 4])
        #expect(try kobo.run().document.dataQuality.notes.contains("survey: input.csv line 2 read as an HXL hashtag row, not a response: #opinion."))
    }

    @Test func qualtricsWithoutImportIdRowHasTwoHeaderRows() throws {
        let text = "ResponseId,Finished,Q1\nResponse ID,Finished,How are you?\nR_1,True,Agree\nR_2,True,Disagree\n"
        #expect(try Scratch(text, source: "questions: [Q1]").responses().count == 2)
    }

    /// Qualtrics' "Insights" exports of 2016–17 write the third header row as a Python
    /// dictionary, `{'ImportId': 'QID1'}`: it was read as a respondent (and, under a scale, set
    /// aside as an unknown answer). Today's form, with a time zone or a choice id beside the
    /// ImportId, and spaces inside the braces, are header rows too; a row that only mentions
    /// ImportId is data.
    @Test(arguments: ["{'ImportId': 'QID1'}", "{\"ImportId\":\"QID1\"}", "{\"ImportId\":\"startDate\",\"timeZone\":\"America/Denver\"}",
                      "{\"ImportId\":\"QID10_DO\",\"choiceId\":\"1\"}", " { 'ImportId' : 'QID1' } ", "{ \"ImportId\" : \"QID1\" }"])
    func qualtricsImportIdRowInEitherQuotesIsAHeaderRow(importId: String) throws {
        let quoted = "\"" + importId.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let text = "ResponseID,Finished,Q1\nResponseID,Finished,How are you?\n\(quoted),\(quoted),\(quoted)\nR_1,1,Agree\nR_2,1,Disagree\n"
        let batch = try Scratch(text, source: "questions: [Q1]").read()
        #expect(batch.rejects.isEmpty, "\(batch.rejects.map(\.reason))")
        #expect(batch.records.count == 2)
        for data in ["ImportId", "{ImportId: QID1}", "{'ImportIds': 'QID1'}", "[\"ImportId\"]"] {
            let row = "ResponseId,Q1\nResponse ID,How are you?\n\(data),Agree\nR_1,Agree\n"
            #expect(try Scratch(row, source: "questions: [Q1]").responses().count == 2, "\(data)")
        }
    }

    /// Option columns of negative codes (`Q2_-1` "No basis for evaluation", `Q2_-2`) were left
    /// out of `Q2` in the three-row layout while the legacy export, numbering them `Q2_4`, `Q2_5`,
    /// counted them. The question and options were also labelled "question-option" whole.
    @Test func qualtricsOptionColumnsOfNegativeCodesAreOptions() throws {
        let text = "ResponseId,Q2_1,Q2_2,Q2_-1,Q2_2_TEXT,Q2_-2\n"
            + "ResponseId,Agree with-Squash are great,Agree with-Squash are tolerable,Agree with-No basis for evaluation,Agree with-Squash are tolerable - Text,"
            + "Agree with-I've never had squash\n"
            + "\"{\"\"ImportId\"\":\"\"responseId\"\"}\",\"{\"\"ImportId\"\":\"\"QID2-1\"\"}\",,,,\n"
            + "R_1,1,,1,,\nR_2,,1,,why not,1\nR_3,,,,,\n"
        let responses = try Scratch(text, source: "questions:\n  - column: Q2\n    multi_select: true").responses()
        #expect(responses.map(\.answers[0]) == [.selected([0, 2]), .selected([1, 3]), .blank])
        let question = try #require(responses.first?.survey.questions.first)
        #expect(question.text == "Agree with")
        #expect(question.scale?.points.map(\.label) == ["Squash are great", "Squash are tolerable", "No basis for evaluation", "I've never had squash"])
        #expect(question.id == "q2")
    }

    /// Qualtrics writes its texts as HTML: a real export's option "Chocolate with &gt;80% cocoa"
    /// reached the brief and the dashboard as written.
    @Test(arguments: [
        ("Chocolate with &gt;80% cocoa", "Chocolate with >80% cocoa"), ("Fish &amp; chips", "Fish & chips"),
        ("&quot;Quoted&quot; &#39;too&#39; &#x2013; dash", "\"Quoted\" 'too' \u{2013} dash"), ("AT&T & co", "AT&T & co"),
        ("&unknown; &#0; &#xZZ; &", "&unknown; &#0; &#xZZ; &"), ("a&nbsp;b", "a\u{A0}b"), ("plain", "plain"),
    ])
    func qualtricsTextsAreReadWithoutTheirCharacterReferences(written: String, read: String) {
        #expect(SurveyHeader.withoutEntities(written) == read)
    }

    /// Qualtrics cuts a long column id short: in a real export `Q34_avocados_-2` is
    /// `Q34_avocados_-`, beside `Q34_avocados_1`. It was left out of the question, and its
    /// ticks counted as blank answers (16 responses where 21 answered).
    @Test func qualtricsOptionColumnWithItsIDCutShortIsAnOption() throws {
        let text = "ResponseId,Q34_avocados_1,Q34_avocados_-\n"
            + "ResponseId,Food-Food is for the weak,Food-I've evolved beyond food\n"
            + "R_1,1,\nR_2,,1\nR_3,,\n"
        let responses = try Scratch(text, source: "questions:\n  - column: Q34_avocados\n    multi_select: true").responses()
        #expect(responses.map(\.answers[0]) == [.selected([0]), .selected([1]), .blank])
        let question = try #require(responses.first?.survey.questions.first)
        #expect(question.scale?.points.map(\.label) == ["Food is for the weak", "I've evolved beyond food"])
    }

    /// Qualtrics writes an option column as question, dash, option: `-` in the 2016–17 exports,
    /// " - " (and " - Selected Choice - ") in today's. The question is cut at the last dash the
    /// option columns share, so a question with a dash of its own keeps it; one statement of a
    /// matrix is found by "question - statement" either way.
    @Test(arguments: [
        (["Which self-help tools-Leaflets", "Which self-help tools-Apps"], "Which self-help tools", ["Leaflets", "Apps"]),
        (["Services - which used? - Selected Choice - GP", "Services - which used? - Selected Choice - Food bank"],
         "Services - which used?", ["GP", "Food bank"]),
        (["Pick - A - one", "Pick - A - two"], "Pick - A", ["one", "two"]),
    ])
    func qualtricsQuestionAndOptionAreSplitAtTheLastSharedDash(texts: [String], question: String, options: [String]) throws {
        let quoted = texts.map { "\"\($0)\"" }.joined(separator: ",")
        let text = "ResponseId,Q5_1,Q5_2\nResponse ID,\(quoted)\nR_1,1,\nR_2,1,1\n"
        let asked = try #require(try Scratch(text, source: "questions:\n  - column: Q5\n    multi_select: true").responses().first?.survey.questions.first)
        #expect(asked.text == question)
        #expect(asked.scale?.points.map(\.label) == options)
        let named = "questions:\n  - columns: [\"\(question) - \(options[1])\", \"\(question) - \(options[0])\"]\n    id: named\n    multi_select: true"
        #expect(try Scratch(text, source: named).responses().map(\.answers[0]) == [.selected([1]), .selected([0, 1])])
    }

    @Test func explicitLayoutOverridesDetection() throws {
        // Looks like SurveyMonkey, but the pipeline says generic: the second row is data (and
        // "Response" is not an agree5 label).
        let text = "Respondent ID,Collector ID,Q\n,,Response\n1,2,Agree\n"
        let batch = try Scratch(text, source: "layout: generic\nquestions: [Q]").read()
        #expect(batch.records.count == 1)
        #expect(batch.rejects.first?.reason.hasPrefix("unknown answer 'Response'") == true)
    }

    @Test func partialResponsesCanBeIncluded() throws {
        let text = "ResponseId,Finished,Q1\nResponse ID,Finished,Q\nR_1,True,Agree\nR_2,False,Disagree\nR_3,0,Agree\n"
        #expect(try Scratch(text, source: "questions: [Q1]").responses().count == 1)
        #expect(try Scratch(text, source: "questions: [Q1]\npartial: include").responses().count == 3)
    }

    /// LimeSurvey (an empty `submitdate`), Typeform (`Response Type` partial) and REDCap (a
    /// form status other than Complete) mark unfinished responses too: they were all counted,
    /// and `partial: exclude` did nothing. They are skipped like Qualtrics' and Alchemer's.
    @Test(arguments: [
        ("id;submitdate;lastpage;startlanguage;seed;Q1\n1;2025-03-02 10:01:00;3;en;11;Agree\n2;;1;en;12;Disagree\n3;1980-01-01 00:00:00;3;en;13;Agree\n",
         SurveyLayout.limesurvey, [3], "partial response (submitdate empty), left out by `partial: exclude`"),
        ("Response ID,Date submitted,Last page,Start language,Q1\n1,,1,en,Disagree\n2,2025-03-02 10:01:00,3,en,Agree\n3,2025-03-02 10:05:00,3,en,Agree\n",
         .limesurvey, [2], "partial response (Date submitted empty), left out by `partial: exclude`"),
        ("#,Q1,Response Type,Start Date (UTC),Stage Date (UTC),Submit Date (UTC),Network ID,Tags,Ending\n"
            + "p8ix,Agree,completed,2025-02-01 09:00:11,,2025-02-01 09:03:11,f68d,,\nrpul,Disagree,partial,2025-02-04 09:03:11,2025-02-04 09:03:40,,bd9d,,\n"
            + "vbrk,Agree,completed,2025-02-02 09:01:11,,2025-02-02 09:04:11,9841,,\n",
         .typeform, [3], "partial response (Response Type 'partial'), left out by `partial: exclude`"),
        ("#,Q1,Start Date (UTC),Submit Date (UTC),Network ID\np8ix,Agree,2025-02-01 09:00:11,2025-02-01 09:03:11,f68d\n"
            + "rpul,Disagree,2025-02-04 09:03:11,,bd9d\nvbrk,Agree,2025-02-02 09:01:11,2025-02-02 09:04:11,9841\n",
         .typeform, [3], "partial response (Submit Date (UTC) empty), left out by `partial: exclude`"),
        ("Record ID,Survey Identifier,Survey Timestamp,Q1,Complete?\n1,,2025-02-02 11:01:05,Agree,Complete\n2,,[not completed],Disagree,Incomplete\n"
            + "3,,[not completed],Agree,Unverified\n4,,,Agree,\n",
         .redcap, [3, 4, 5], "partial response (Complete? 'Incomplete'), left out by `partial: exclude`"),
    ])
    func unfinishedResponsesOfMoreToolsAreSkipped(text: String, layout: SurveyLayout, skipped: [Int], reason: String) throws {
        #expect(SurveyLayout.detect(text.split(separator: "\n").prefix(3).map { $0.split(separator: text.contains(";") ? ";" : ",", omittingEmptySubsequences: false).map(String.init) }) == layout)
        let result = try Scratch(text, source: "questions: [Q1]").run()
        let counts = try #require(result.document.manifest.sources.first)
        #expect((counts.read, counts.passedOn, counts.quarantined, counts.skipped) == (3 + (skipped.count == 3 ? 1 : 0), 3 + (skipped.count == 3 ? 1 : 0) - skipped.count, 0, skipped.count))
        let batch = try Scratch(text, source: "questions: [Q1]").read()
        #expect(batch.rejects.map { $0.provenance.line! } == skipped)
        #expect(batch.rejects.first?.reason == reason)
        #expect(batch.rejects.allSatisfy { $0.leftOutByRule })
        // Under `partial: include` they are counted, and the data quality says so.
        let included = try Scratch(text, source: "questions: [Q1]\npartial: include").run()
        #expect(included.document.manifest.sources.first?.skipped == 0)
        #expect(included.document.dataQuality.notes.contains { $0.hasPrefix("survey: \(skipped.count) response\(skipped.count == 1 ? "" : "s") counted ") && $0.hasSuffix("counted under `partial: include`.") },
                "\(included.document.dataQuality.notes)")
    }

    /// REDCap writes a status after each form's fields: a response is unfinished when a form
    /// holding one of the questions is not Complete. REDCapR's real raw export: the tick boxes
    /// are on form 2 (`form_2_complete` 2, 0, 2, 0); form 1 holds the record id alone, its
    /// status 0 in every row, and is not looked at.
    @Test func redcapRowsAreUnfinishedByTheFormsTheirQuestionsAreOn() throws {
        let real = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/real/redcap/redcapr-checkboxes-1.csv")
        let questions = "questions:\n  - { id: check_one, multi_select: true, columns: [check_one___1, check_one___2, check_one___3, check_one___4] }\n"
            + "  - { id: check_two, multi_select: true, columns: [check_two___a, check_two___b, check_two___c, check_two___d, check_two___e] }"
        let batch = try Scratch(Array(try Data(contentsOf: real)), source: questions).read()
        #expect(batch.rejects.map { $0.provenance.line! } == [3, 5])
        #expect(batch.rejects.map(\.reason) == Array(repeating: "partial response (form_2_complete '0'), left out by `partial: exclude`", count: 2))
        let kept = batch.records.compactMap { if case .response(let r) = $0 { r.answers } else { nil } }
        #expect(kept == [[.selected([0]), .selected([0, 2])], [.selected([0, 1, 2, 3]), .blank]])
        let all = try Scratch(Array(try Data(contentsOf: real)), source: questions + "\npartial: include").responses()
        #expect(all.map(\.answers) == [[.selected([0]), .selected([0, 2])], [.blank, .selected([1, 3])], [.selected([0, 1, 2, 3]), .blank], [.blank, .blank]])
        // Questions on two forms: either form unfinished leaves the response out.
        let twoForms = "record_id,q1,form_1_complete,q2,form_2_complete\n1,Agree,2,Agree,2\n2,Agree,2,Agree,1\n3,Agree,0,Agree,2\n4,Agree,0,,\n"
        #expect(try Scratch(twoForms, source: "questions: [q1, q2]").read().rejects.map { $0.provenance.column } == [5, 3, 3])
        #expect(try Scratch(twoForms, source: "questions: [q2]").read().rejects.map { $0.provenance.line } == [3, 5])
    }

    /// Try-out 11 (`redcap-garbage.csv`, `redcap-raw-garbage.csv`): status values REDCap never
    /// writes (`Yes`, `Completed`, `2.0`, `Complete` and a no-break space; raw `2.0`, `x`) were
    /// skipped as "partial response", half the file gone with exit 0. Only REDCap's own values
    /// decide; any other is a bad record at its line and column, under either `partial:`.
    @Test func aREDCapStatusREDCapNeverWritesIsABadRecordNotAPartialResponse() throws {
        let text = "Record ID,Q1,Complete?\n1,Agree,Complete\n2,Agree, Complete \n3,Agree,COMPLETE\n4,Agree,2\n5,Agree,Unverified\n6,Agree,Incomplete\n"
            + "7,Agree,\n8,Agree,Yes\n9,Agree,Completed\n10,Agree,2.0\n11,Agree,Complete\u{00A0}\n12,Agree,1\n"
        for partial in ["", "\npartial: include"] {
            let batch = try Scratch(text, source: "questions: [Q1]" + partial).read()
            let bad = batch.rejects.filter { !$0.leftOutByRule }
            #expect(bad.map { $0.provenance.line! } == [9, 10, 11, 12])
            #expect(bad.allSatisfy { $0.provenance.column == 3 })
            #expect(bad.first?.reason == "form status 'Yes' in Complete? is not one REDCap writes: a labels export writes Complete, Unverified or Incomplete, "
                + "a raw export 2, 1 or 0, and an unsaved form nothing — correct the cell or export the file again from REDCap")
            #expect(bad.last?.reason == "form status 'Complete\\u{A0}' in Complete? is not one REDCap writes (it holds a character that does not show, written here as \\u{…}, "
                + "which REDCap never writes): a labels export writes Complete, Unverified or Incomplete, "
                + "a raw export 2, 1 or 0, and an unsaved form nothing — correct the cell or export the file again from REDCap",
                    "\(bad.last?.reason ?? "")")
            #expect(batch.records.count == (partial.isEmpty ? 4 : 8))
            #expect(batch.rejects.filter(\.leftOutByRule).count == (partial.isEmpty ? 4 : 0))
        }
        let raw = "record_id,q1,form_2_complete\n1,Agree,2\n2,Agree,2.0\n3,Agree,x\n4,Agree,\n"
        let batch = try Scratch(raw, source: "questions: [q1]").read()
        #expect(batch.records.count == 1)
        #expect(batch.rejects.map { "\($0.provenance.line!):\($0.provenance.column!) \($0.leftOutByRule)" } == ["3:3 false", "4:3 false", "5:3 true"])
    }

    /// Review finding: the reason escaped only the no-break space; a zero-width space or a
    /// byte-order mark in the cell did not show. Every invisible character is escaped.
    @Test func aREDCapStatusShowsEveryInvisibleCharacter() {
        #expect(CompletionColumn.invalidStatusReason(" \u{FEFF}Complete\u{200B}\t", column: "Complete?")
            .hasPrefix("form status '\\u{FEFF}Complete\\u{200B}' in Complete? is not one REDCap writes (it holds a character that does not show, written here as \\u{…}, "
                + "which REDCap never writes): "))
        #expect(CompletionColumn.invalidStatusReason("Yes ", column: "Complete?").hasPrefix("form status 'Yes' in Complete? is not one REDCap writes: "))
    }

    /// `partial: exclude` set on a file with no column marking unfinished responses did
    /// nothing, silently. Set by the pipeline, it is an error at its line, for `validate` and
    /// `run` alike; left at its default it is not.
    @Test func partialExcludeOnAFileThatMarksNoUnfinishedResponsesIsAnErrorAtItsLine() throws {
        let scratch = try Scratch(Self.basic, source: "questions: [Q1]\npartial: exclude")
        let line = try String(contentsOf: scratch.folder.appendingPathComponent("pipeline.yaml"), encoding: .utf8)
            .components(separatedBy: "\n").firstIndex { $0.contains("partial: exclude") }! + 1
        let validate = try #require(throws: BaselineError.self) { try scratch.pipeline().inputProblems() }
        let run = try #require(throws: BaselineError.self) { try scratch.run() }
        for error in [validate, run] {
            #expect(error.file?.hasSuffix("pipeline.yaml") == true && error.line == line && error.column == 14, "\(error)")
            #expect(error.message == "`partial: exclude` has nothing to go by: input.csv has no column marking a response as unfinished that the adapter knows (read as a generic export)")
            #expect(error.hint?.hasPrefix("the columns it knows: Qualtrics `Finished`, Alchemer `Status`, LimeSurvey `submitdate`, Typeform `Response Type`") == true)
        }
        #expect(try Scratch(Self.basic, source: "questions: [Q1]").responses().count == 2)
        #expect(try Scratch(Self.basic, source: "questions: [Q1]\npartial: include").responses().count == 2)
    }

    @Test func previewsTestsAndSpamAreLeftOutByStatusLabelOrCode() throws {
        let labels = "ResponseId,Status,Q1\nResponse ID,Response Type,Q\nR_1,IP Address,Agree\nR_2,Survey Preview,Agree\n"
            + "R_3,Survey Test,Agree\nR_4,Spam,Agree\nR_5,Imported,Agree\nR_6,Offline Survey Preview,Agree\n"
        let batch = try Scratch(labels, source: "questions: [Q1]").read()
        #expect(batch.records.count == 2)
        #expect(batch.rejects.map(\.reason) == [
            "preview response (Status 'Survey Preview'), left out by `test_responses: exclude`",
            "test response (Status 'Survey Test'), left out by `test_responses: exclude`",
            "spam response (Status 'Spam'), left out by `test_responses: exclude`",
            "preview response (Status 'Offline Survey Preview'), left out by `test_responses: exclude`",
        ])
        #expect(batch.rejects.map { $0.provenance.column } == [2, 2, 2, 2])
        #expect(try Scratch(labels, source: "questions: [Q1]\ntest_responses: include").responses().count == 6)
        let codes = "ResponseId,Status,Q1\nResponse ID,Response Type,Q\nR_1,0,Agree\nR_2,1,Agree\nR_3,2,Agree\nR_4,4,Agree\n"
            + "R_5,8,Agree\nR_6,16,Agree\nR_7,17,Agree\n"
        #expect(try Scratch(codes, source: "questions: [Q1]").responses().count == 3)
    }

    @Test func aLaterPreviewWithTheSameIdDoesNotPushTheRealResponseOut() throws {
        let text = """
            ResponseId,Staff number,EndDate,Status,Q1
            Response ID,Staff number,End Date,Response Type,Q
            R_1,S-7,2025-03-01 10:00:00,IP Address,Agree
            R_2,S-7,2025-03-09 10:00:00,Survey Preview,Disagree

            """
        let batch = try Scratch(text, source: "respondent_id: Staff number\nquestions: [Q1]").read()
        #expect(batch.records.count == 1)
        #expect(batch.rejects.map(\.reason) == ["preview response (Status 'Survey Preview'), left out by `test_responses: exclude`"])
    }

    @Test(arguments: [("GP", true), ("1", true), ("x", true), ("Yes", true), ("nope", true), ("00", true), ("Checked", true),
                      ("", false), ("  ", false), ("0", false), (" 0 ", false), ("false", false), ("FALSE", false),
                      ("No", false), ("no ", false), ("Unchecked", false), ("not checked", false), ("Not Selected", false),
                      ("Unselected", false), ("UNTICKED", false), ("Not ticked", false), ("Not\u{A0}checked", false)])
    func anOptionCellIsTickedUnlessBlankOrANegative(cell: String, ticked: Bool) {
        let storage = PlanStorage()
        let reader = TickReader(unticked: [], storage: storage)
        var text = cell
        withExtendedLifetime(storage) {
            #expect(text.withUTF8 { reader.isTicked($0) } == ticked, "'\(cell)'")
        }
    }

    /// A REDCap "CSV (labels)" export writes every tick box as `Checked` or `Unchecked`: each
    /// option came out at 100% ("40 people: … 100.0%"), and the run exited 0.
    @Test func redcapLabelsTickBoxesReadCheckedAndUnchecked() throws {
        let text = "Record ID,Which services have you used? (choice=GP surgery),Which services have you used? (choice=Library),Complete?\n"
            + "1,Checked,Unchecked,Complete\n2,Unchecked,Unchecked,Complete\n3,Checked,Checked,Complete\n4,Unchecked,Checked,Complete\n"
        let columns = "[\"Which services have you used? (choice=GP surgery)\", \"Which services have you used? (choice=Library)\"]"
        let responses = try Scratch(text, source: "questions:\n  - id: services\n    multi_select: true\n    columns: \(columns)").responses()
        #expect(responses.map(\.answers[0]) == [.selected([0]), .blank, .selected([0, 1]), .selected([1])])
    }

    /// Beyond the words known to mean "not ticked": option columns that write two states in
    /// words the adapter does not know (an SPSS-style `1` = yes, `2` = no; a French labels
    /// export) would count every respondent as ticking every option. The run stops at the cell
    /// where that shows, naming the values and the `unticked:` that reads them.
    @Test func optionColumnsWritingTwoStatesItCannotTellApartStopTheRun() throws {
        let spss = "id,GP,Library,Pool\n1,1,2,2\n2,2,2,1\n3,1,1,2\n"
        let question = "questions:\n  - id: used\n    multi_select: true\n    columns: [GP, Library, Pool]"
        let error = try #require(throws: BaselineError.self) { try Scratch(spss, source: question).read() }
        #expect(error.file == "input.csv" && error.line == 3 && error.column == 2, "\(error)")
        #expect(error.message.hasPrefix("question 'used' cannot tell a tick from no tick: its option column 'GP' holds '1' (first on line 2) and '2' (first on line 3)"),
                "\(error.message)")
        #expect(error.hint == "if '2' means the option was not ticked, add `unticked: [\"2\"]` to the question")
        let read = try Scratch(spss, source: question + "\n    unticked: [\"2\"]").responses()
        #expect(read.map(\.answers[0]) == [.selected([0]), .selected([2]), .selected([0, 1])])
        // The run stops as a whole: no baseline is written.
        let french = "id,GP,Library\n1,Coché,Non coché\n2,Non coché,Coché\n"
        let frenchError = try #require(throws: BaselineError.self) {
            try Scratch(french, source: "questions:\n  - id: used\n    multi_select: true\n    columns: [GP, Library]").run()
        }
        #expect(frenchError.line == 3 && frenchError.column == 2, "\(frenchError)")
        #expect(try Scratch(french, source: "questions:\n  - id: used\n    multi_select: true\n    columns: [GP, Library]\n    unticked: [NON coché]")
            .responses().map(\.answers[0]) == [.selected([0]), .selected([1])])
    }

    /// What the check must leave alone: columns that hold their option's own label (Typeform,
    /// SurveyMonkey), an "Other" column of write-ins (one of them another option's label), a
    /// spreadsheet's mix of plain ticks, one value ticking every column (Qualtrics' `1`).
    @Test(arguments: [
        "id,GP surgery,Library,Other\n1,GP surgery,,Library\n2,,Library,Parking\n3,GP surgery,Library,A bus pass\n4,,,Dentist\n",
        "id,GP surgery,Library,Other\n1,x,Yes,\n2,Yes,x,TRUE\n3,✓,,x\n",
        "id,GP surgery,Library,Other\n1,1,1,1\n2,,1,\n3,1,,1\n",
    ])
    func optionColumnsOfLabelsWriteInsOrPlainTicksAreRead(text: String) throws {
        let batch = try Scratch(text, source: "questions:\n  - id: used\n    multi_select: true\n    columns: [GP surgery, Library, Other]").read()
        #expect(batch.rejects.isEmpty && batch.records.count == text.split(separator: "\n").count - 1)
    }

    /// Review finding: an "Other" column's write-ins are distinct values at once, one of them a
    /// plain tick another column writes too; the check stopped the run asking for
    /// `unticked: ["bus"]`. An "Other" column is not checked for two states, as at the end.
    @Test func anOtherColumnsWriteInsBesideATickDoNotStopTheRun() throws {
        let text = "id,GP,Library,Other\n1,1,,Bus\n2,,1,1\n"
        let responses = try Scratch(text, source: "questions:\n  - id: used\n    multi_select: true\n    columns: [GP, Library, Other]").responses()
        #expect(responses.map(\.answers[0]) == [.selected([0, 2]), .selected([1, 2])])
    }

    @Test(arguments: [("Not GP", true), ("not\u{A0}library", true), ("NO car", true), ("Non-user", true), ("Un-ticked", true), ("un selected", true),
                      ("Unchecked GP", true), (" Not Leisure ", true),
                      ("Nothing", false), ("Nope", false), ("None", false), ("Non coché", false), ("Under 18", false), ("NHS", false), ("Not", false),
                      ("Ticked GP", false), ("1", false), ("Unticketed", false)])
    func aCellStartingWithANegativeIsKnown(cell: String, negative: Bool) {
        var text = cell
        #expect(text.withUTF8 { TickReader.startsWithNegative($0) } == negative, "'\(cell)'")
    }

    /// Try-out 11 (`percol.csv`): each column wrote its own pair, `Ticked GP`/`Not GP`, so no
    /// value was in two columns and the guard never fired: every option 100%. A cell starting
    /// with a negative is not ticked — unless it is the column's own label (a tool writing the
    /// label when ticked) or the column is an "Other" write-in.
    @Test func perColumnPairsWithANegativeReadNotTicked() throws {
        let text = "id,svc_GP,svc_Library,svc_Leisure\n1,Ticked GP,Not Library,Ticked Leisure\n2,Not GP,Not Library,Ticked Leisure\n"
            + "3,Not GP,Ticked Library,Not Leisure\n4,Not GP,Not Library,Not Leisure\n"
        let responses = try Scratch(text, source: "questions:\n  - id: svc\n    multi_select: true\n    columns: [svc_GP, svc_Library, svc_Leisure]").responses()
        #expect(responses.map(\.answers[0]) == [.selected([0, 2]), .selected([2]), .selected([1]), .blank])
        let labels = "id,No car,Library,Other\n1,No car,,No transport at all\n2,,Library,\n3,No car,Library,Not sure\n"
        let read = try Scratch(labels, source: "questions:\n  - id: used\n    multi_select: true\n    columns: [No car, Library, Other]").responses()
        #expect(read.map(\.answers[0]) == [.selected([0, 2]), .selected([1]), .selected([0, 1, 2])])
    }

    /// Try-out 11 (`allno.csv`): every option cell `2` (1 = yes, 2 = no; nobody ticked) had one
    /// value per column, so the guard could not fire: every option 100%. A column whose only
    /// ticking value is a number other than 1 stops the run at its first cell, with the
    /// `unticked:` to add; `1`, or a number that is the column's label, is read.
    @Test func aColumnWhoseOnlyValueIsANumberOtherThanOneStopsTheRun() throws {
        let text = "id,GP,Library,Pool\n1,2,2,2\n2,2,2,2\n3,2,2,\n"
        let question = "questions:\n  - id: used\n    multi_select: true\n    columns: [GP, Library, Pool]"
        let error = try #require(throws: BaselineError.self) { try Scratch(text, source: question).run() }
        #expect(error.file == "input.csv" && error.line == 2 && error.column == 2, "\(error)")
        #expect(error.message.hasPrefix("question 'used' cannot tell a tick from no tick: its option column 'GP' holds only '2' (first on line 2) besides blank cells"), "\(error.message)")
        #expect(error.hint == "if '2' means the option was not ticked (1 = yes, 2 = no), add `unticked: [\"2\"]` to the question")
        #expect(try Scratch(text, source: question + "\n    unticked: [\"2\"]").responses().map(\.answers[0]) == [.blank, .blank, .blank])
        #expect(try Scratch("id,1,2,Other\n1,1,2,5\n2,1,,\n", source: "questions:\n  - id: kids\n    multi_select: true\n    columns: [\"1\", \"2\", Other]")
            .responses().map(\.answers[0]) == [.selected([0, 1, 2]), .selected([0])])
    }

    @Test func aCompletedResponseBeatsALaterPartialOne() throws {
        let text = """
            ResponseId,EndDate,Finished,Q1
            Response ID,End Date,Finished,Q
            R_1,2025-03-01 10:00:00,True,Agree
            R_1,2025-03-09 10:00:00,False,Disagree

            """
        let batch = try Scratch(text, source: "questions: [Q1]\npartial: include").read()
        #expect(batch.records.count == 1)
        #expect(batch.rejects.map(\.reason) == ["duplicate respondent: the response on line 3 is kept (the latest completed)"])
    }

    /// A UK Excel re-save writes completion times day first: under the default month-first
    /// reading `13/03/2025` was no time at all, so a try-out's respondent kept the 2 March
    /// response as "the latest completed". Now the run stops, saying which order to set.
    @Test func aCompletionTimeThatReadsOnlyTheOtherWayRoundStopsTheRun() throws {
        let text = "Respondent ID,Completion time,Q1\n1,13/03/2025 10:05,Agree\n1,02/03/2025 09:00,Disagree\n2,01/03/2025 08:00,Agree\n"
        let error = #expect(throws: BaselineError.self) { _ = try Scratch(text, source: "respondent_id: Respondent ID\ncompleted_at: Completion time\nquestions: [Q1]").read() }
        #expect(error?.line == 2 && error?.column == 2, "\(String(describing: error))")
        #expect(error?.message.hasPrefix("the completion time '13/03/2025 10:05' cannot be read month first (`date_order: mdy`)") == true)
        #expect(error?.hint == "set `date_order: dmy` on the source: the file writes its dates day first")
        let batch = try Scratch(text, source: "respondent_id: Respondent ID\ncompleted_at: Completion time\ndate_order: dmy\nquestions: [Q1]").read()
        #expect(batch.records.count == 2)
        #expect(batch.rejects.map(\.reason) == ["duplicate respondent: the response on line 2 is kept (the latest completed)"])
    }

    /// Excel writes a row of commas for each row it once held: a try-out's 40 answers and 3 such
    /// rows were "about 43 staff". They are skipped and counted, not respondents.
    @Test func rowsOfCommasAreSkippedNotRespondents() throws {
        let text = "Team,Q1,Q2\nHousing,Agree,Disagree\nHealth,Agree,\n,,\n , ,\n,\n"
        let result = try Scratch(text, source: "groups: [Team]\nquestions: [Q1, Q2]").run()
        let counts = try #require(result.document.manifest.sources.first)
        #expect((counts.read, counts.passedOn, counts.quarantined, counts.skipped) == (5, 2, 0, 3), "\(counts)")
        #expect(result.document.surveyRespondents == 2)
    }

    /// Five respondents under a `min_group_size` of 10: every question is suppressed, and the
    /// brief said "About 0 residents answered the survey" (a try-out, real Qualtrics export).
    @Test func respondentsAreCountedWhenEveryQuestionIsSuppressed() throws {
        let text = "Team,Q1\n" + String(repeating: "Housing,Agree\n", count: 5)
        let result = try Scratch(text, source: "groups: [Team]\nquestions: [Q1]", minGroupSize: 10).run()
        #expect(result.document.survey.first?.overall.suppressed != nil)
        #expect(result.document.surveyRespondents == 5)
    }

    /// Alchemer marks a respondent the survey screened out `Disqualified`: a try-out's 4 such rows
    /// were counted. And its geolocation columns (Postal, Latitude, Longitude) are personal data.
    @Test func alchemerDisqualifiedAreSkippedAndItsGeolocationIsPersonal() throws {
        let text = "Response ID,Time Started,Date Submitted,Status,Postal,Latitude,Longitude,Q1\n"
            + "1,2025-03-04 10:00:00,2025-03-04 10:05:00,Complete,MB4 7QT,53.1,-1.2,Agree\n"
            + "2,2025-03-04 10:00:00,2025-03-04 10:01:00,Disqualified,MB4 7QU,53.2,-1.3,\n"
            + "3,2025-03-04 10:00:00,,Partial,MB4 7QV,53.3,-1.4,Agree\n"
        let result = try Scratch(text, source: "questions: [Q1]").run()
        let counts = try #require(result.document.manifest.sources.first)
        #expect((counts.read, counts.passedOn, counts.skipped) == (3, 1, 2), "\(counts)")
        #expect(try Scratch(text, source: "questions: [Q1]\ntest_responses: include").run().document.manifest.sources.first?.passedOn == 2)
        for column in ["Postal", "Latitude", "Longitude"] {
            let error = #expect(throws: BaselineError.self) { _ = try Scratch(text, source: "groups: [\(column)]\nquestions: [Q1]").read() }
            #expect(error?.message.contains("personal data") == true, "\(column): \(String(describing: error))")
        }
    }

    /// A European Excel writes `sep=;` above the header: a try-out's export was read with that
    /// line as its header ("did you mean ''?"). It says the delimiter, and is no row.
    @Test func excelsSeparatorLineSaysTheDelimiterAndIsNoRow() throws {
        for line in ["sep=;", "SEP=;"] {
            let text = "\(line)\r\nID;Start time;Completion time;Email;Name;Q\r\n1;3/4/25 10:00:00;3/4/25 10:05:00;anonymous;;Agree\r\n"
                + "1;3/4/25 10:00:00;3/5/25 10:05:00;anonymous;;Disagree\r\n2;3/4/25 11:00:00;3/4/25 11:05:00;anonymous;;Agree\r\n"
            let batch = try Scratch(text, source: "questions: [Q]").read()
            #expect(batch.records.count == 2, "\(line)")
            // Ids read from the data rows only: the later response of id 1 (line 4) is kept.
            #expect(batch.rejects.map(\.reason) == ["duplicate respondent: the response on line 4 is kept (the latest completed)"])
        }
    }

    @Test func freeTextCarriesGroupsButNeverTheRespondent() throws {
        let response = try #require(try Scratch("Respondent ID,Team,Q1,Comment\n77,Housing,Agree,\"  Fewer forms\n please \"\n",
                                                source: "respondent_id: Respondent ID\ngroups: [Team]\nquestions: [Q1]\nfree_text: [Comment]").responses().first)
        #expect(response.respondent == nil)
        #expect(response.groups == ["Housing"])
        #expect(response.answers == [.point(3), .text("Fewer forms\n please")])
        #expect(response.survey.questions.map(\.id) == ["q1", "comment"])
    }

    /// Each batch's responses are the rows of one `ResponseBlock`; read back as responses they
    /// hold what each row says, across blocks (group values first met in an earlier block too),
    /// and rows set aside after a multi-select answer was read leave the next rows right.
    @Test func aBatchsResponsesAreRowsOfOneBlock() throws {
        let labels = ["Disagree", "Agree", "Strongly agree", "Don't know", "Maybe"]
        var text = "id,Team,Role,Help,Q1,Weight,Comment\n"
        for i in 0..<15_000 {
            text += "\(i),Team \(i % 7),\(i % 5 == 0 ? "" : "Role \(i % 3)"),\(["Staff", "", "Staff;Training"][i % 3]),"
                + "\(labels[i % 5]),\(i % 4).5,\(i % 2 == 0 ? "note \(i)" : "")\n"
        }
        let scratch = try Scratch(text, source: """
            groups: [Team, Role]
            weight: Weight
            questions:
              - column: Help
                multi_select: true
                options: [Staff, Training]
              - column: Q1
                scale: agree
            scales:
              agree: {points: [Disagree, Agree, Strongly agree], positive: [Agree, Strongly agree]}
            free_text: [Comment]
            """)
        let source = try scratch.pipeline().sources[0].make()
        var blocks = [ResponseBlock](), responses = [Response](), rejected = [Int]()
        while let batch = try source.next() {
            let rows = batch.records.compactMap(\.responseRow)
            #expect(rows.count == batch.records.count)
            let block = try #require(rows.first?.block)
            #expect(rows.allSatisfy { $0.block === block } && rows.map(\.row) == Array(0..<block.count))
            blocks.append(block)
            responses += batch.records.compactMap { if case .response(let r) = $0 { r } else { nil } }
            rejected += batch.rejects.compactMap(\.provenance.line)
        }
        #expect(blocks.count >= 2)
        let kept = (0..<15_000).filter { labels[$0 % 5] != "Maybe" }
        #expect(rejected == (0..<15_000).filter { labels[$0 % 5] == "Maybe" }.map { $0 + 2 })
        #expect(responses.count == kept.count)
        for (response, i) in zip(responses, kept) {
            #expect(response.provenance == Provenance(source: "survey", file: "input.csv", line: i + 2))
            #expect(response.groups == ["Team \(i % 7)", i % 5 == 0 ? "" : "Role \(i % 3)"])
            let help: Answer = [.selected([0]), .blank, .selected([0, 1])][i % 3]
            let q1: Answer = i % 5 == 3 ? .excluded(0) : .point(i % 5)
            #expect(response.answers == [help, q1, i % 2 == 0 ? .text("note \(i)") : .blank])
            #expect(response.weight == Double(i % 4) + 0.5)
        }
    }

    // MARK: - Multi-select

    @Test func multiSelectInOneCellNeedsItsOptions() throws {
        let text = "ID,Start time,Completion time,Email,Name,Help\n1,a,b,,,\"x;y\"\n"
        let error = #expect(throws: BaselineError.self) { _ = try Scratch(text, source: "questions:\n  - column: Help\n    multi_select: true").read() }
        #expect(error?.message.contains("must list its options") == true)
    }

    @Test func multiSelectUnknownOptionIsQuarantinedUnlessOtherIsAllowed() throws {
        let text = "id,Help\n1,Staff;Parking\n2,staff ; Training;\n3,\n"
        let strict = try Scratch(text, source: "questions:\n  - column: Help\n    multi_select: true\n    options: [Staff, Training]").read()
        #expect(strict.rejects.map(\.reason) == ["unknown option 'Parking' to question 'help'"])
        let answers = strict.records.compactMap { if case .response(let r) = $0 { r.answers[0] } else { nil } }
        #expect(answers == [.selected([0, 1]), .blank])
        let lenient = try Scratch(text, source: "questions:\n  - column: Help\n    multi_select: true\n    options: [Staff, Training]\n    other: true").responses()
        #expect(lenient.map(\.answers[0]) == [.selected([0, 2]), .selected([0, 1]), .blank])
        #expect(lenient[0].survey.questions[0].scale?.points.map(\.label) == ["Staff", "Training", "Other"])
    }

    /// Issue 21: a Qualtrics multi-select whose options hold commas set 267 of 315 respondents
    /// aside as `unknown option 'Television'`; with `other: true` the figures were silently
    /// wrong. Cells are split on the known options, longest first.
    @Test func multiSelectOptionsHoldingTheSeparatorAreFoundWhole() throws {
        let tv = "Television, radio or print media (news channels, newspapers)"
        let text = "ResponseId,Finished,Q5\nResponse ID,Finished,Where do you get news?\n"
            + "R_1,True,\"\(tv),Social media\"\nR_2,True,Social media\nR_3,True,\"social media, \(tv.uppercased())\"\n"
            + "R_4,True,\"Friends, family\"\nR_5,True,\"Friends,Social media\"\nR_6,True,\n"
        let options = "options: [\"\(tv)\", Social media, \"Friends, family\", Friends]"
        let strict = try Scratch(text, source: "questions:\n  - column: Q5\n    multi_select: true\n    \(options)").read()
        #expect(strict.rejects.isEmpty)
        let answers = strict.records.compactMap { if case .response(let r) = $0 { r.answers[0] } else { nil } }
        #expect(answers == [.selected([0, 1]), .selected([1]), .selected([0, 1]), .selected([2]), .selected([1, 3]), .blank])
        // With write-ins allowed, the pieces of an option are not counted as "Other".
        let lenient = try Scratch(text + "R_7,True,\"Radio, mostly,\(tv)\"\n",
                                  source: "questions:\n  - column: Q5\n    multi_select: true\n    \(options)\n    other: true").responses()
        #expect(lenient.map(\.answers[0]) == [.selected([0, 1]), .selected([1]), .selected([0, 1]), .selected([2]), .selected([1, 3]), .blank,
                                              .selected([0, 4])])
    }

    @Test func optionSplitterTakesTheLongestOptionThatEndsAtASeparator() {
        let storage = PlanStorage()
        let splitter = OptionSplitter(options: ["Python", "Python 3", "R, or S", "Don\u{2019}t know"], separator: UInt8(ascii: ","), storage: storage)
        func split(_ text: String) -> [OptionSplitter.Piece] {
            Array(text.utf8).withUnsafeBufferPointer { splitter.split($0) }
        }
        #expect(split("Python 3, Python") == [.option(1), .option(0)])
        #expect(split("python,r, or s") == [.option(0), .option(2)])
        #expect(split("Python 2, R") == [.unknown("Python 2"), .unknown("R")])
        #expect(split(" Don't know ,") == [.option(3)])
        #expect(split("  ") == [])
        // A Qualtrics numeric-values export: choice codes, where "1" must not take the front of "10".
        let codes = OptionSplitter(options: (1...10).map(String.init), separator: UInt8(ascii: ","), storage: storage)
        #expect(Array("10,1,3".utf8).withUnsafeBufferPointer { codes.split($0) } == [.option(9), .option(0), .option(2)])
        #expect(Array("1,11".utf8).withUnsafeBufferPointer { codes.split($0) } == [.option(0), .unknown("11")])
    }

    /// KoboToolbox joins a select_multiple's choices with spaces (`Spherical Radial Bilateral`):
    /// `separator: " "` passed `validate` and every such cell was `unknown option 'Spherical'`
    /// at run time. A space separator is any run of white space; an option holding spaces is
    /// still found whole.
    @Test func optionsJoinedBySpacesAreSplit() {
        let storage = PlanStorage()
        let splitter = OptionSplitter(options: ["Spherical", "Radial", "Bilateral", "No / Unsure"], separator: UInt8(ascii: " "), storage: storage)
        func split(_ text: String) -> [OptionSplitter.Piece] {
            Array(text.utf8).withUnsafeBufferPointer { splitter.split($0) }
        }
        withExtendedLifetime(storage) {
            #expect(split("Spherical Radial Bilateral") == [.option(0), .option(1), .option(2)])
            #expect(split("  radial \t  SPHERICAL  ") == [.option(1), .option(0)])
            #expect(split("No / Unsure Radial") == [.option(3), .option(1)])
            #expect(split("Radial Ovoid Bilateralish") == [.option(1), .unknown("Ovoid"), .unknown("Bilateralish")])
            #expect(split("RadialBilateral") == [.unknown("RadialBilateral")])
        }
    }

    @Test(arguments: ["separator: \" \"", "separator: space", "separator: SPACE", ""])
    func koboSelectMultipleInOneCell(separator: String) throws {
        let real = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/kobo-hxl/kobo-default-options-hxl.csv")
        let question = "questions:\n  - column: Which services have you used?\n    id: services\n    multi_select: true\n"
            + "    options: [GP, Library, Leisure]" + (separator.isEmpty ? "" : "\n    \(separator)")
        let batch = try Scratch(Array(try Data(contentsOf: real)), source: question).read()
        #expect(batch.rejects.isEmpty, "\(batch.rejects.map(\.reason))")
        let answers = batch.records.compactMap { if case .response(let r) = $0 { r.answers[0] } else { nil } }
        #expect(answers == [.selected([0, 1, 2]), .selected([1]), .selected([2])])
    }

    /// A cell that other separator would read whole says which, where it is set aside.
    @Test func anUnknownOptionNamesTheSeparatorThatWouldReadTheCell() throws {
        let text = "id,Colour\n1,Red Blue\n2,Red|Blue\n3,Red;Mauve\n"
        let batch = try Scratch(text, source: "max_rejected: 100%\nquestions:\n  - column: Colour\n    multi_select: true\n    options: [Red, Blue]").read()
        #expect(batch.rejects.map(\.reason) == [
            "unknown option 'Red Blue' to question 'colour' (the cell reads as options joined by ' ': set `separator: space` on the question)",
            "unknown option 'Red|Blue' to question 'colour' (the cell reads as options joined by '|': set `separator: \"|\"` on the question)",
            "unknown option 'Mauve' to question 'colour'",
        ])
    }

    /// Some Microsoft Forms exports write a multi-select answer as a JSON array,
    /// `["White","Orange","Yellow"]`: every such row was set aside as an unknown option. Items are
    /// read whole, with JSON's escapes, so one holding a comma, the `;` separator or a quote is one
    /// option; an item not among the options is unknown (or "Other"); text that only starts like
    /// an array is split as before.
    @Test func multiSelectAnswersWrittenAsJSONArrays() throws {
        func field(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        let cells = [#"["White","Orange"]"#, #"[ "Red, or crimson" , "Say \"hi\"; wave" ]"#, "Blue;Green;", "[]",
                     #"["Caf\u00e9 cr\u00e8me","\ud83d\ude00 smile","back\\slash"]"#, #"["white", "WHITE "]"#, #"["Black","Mauve"]"#,
                     "[draft];Blue", #"["Blue","Green""#]
        let rows = cells.enumerated().map { "\($0.offset + 1),3/12/24 15:36:05,3/12/24 15:37:02,,,\(field($0.element))" }
        let text = "ID,Start time,Completion time,Email,Name,Colour\n" + rows.joined(separator: "\n") + "\n"
        let options = #"options: [White, Orange, "Red, or crimson", "Say \"hi\"; wave", Blue, Green, Black, "Café crème", "😀 smile", "back\\slash"]"#
        let strict = try Scratch(text, source: "max_rejected: 50%\nquestions:\n  - column: Colour\n    multi_select: true\n    \(options)").read()
        #expect(strict.rejects.map(\.reason) == ["unknown option 'Mauve' to question 'colour'", "unknown option '[draft]' to question 'colour'",
                                                 "unknown option '[\"Blue\",\"Green\"' to question 'colour'"])
        let answers = strict.records.compactMap { if case .response(let r) = $0 { r.answers[0] } else { nil } }
        #expect(answers == [.selected([0, 1]), .selected([2, 3]), .selected([4, 5]), .blank, .selected([7, 8, 9]), .selected([0])])
        let lenient = try Scratch(text, source: "questions:\n  - column: Colour\n    multi_select: true\n    \(options)\n    other: true").responses()
        #expect(lenient.map(\.answers[0]).suffix(3) == [.selected([6, 10]), .selected([4, 10]), .selected([10])])
    }

    /// A JSON array whose item escapes a control character (`\u0000`, `\b`) is not read as one:
    /// the NUL would have reached the rejects file. The cell is an unknown option as written.
    @Test func jsonArraysOfControlCharactersAreNotRead() throws {
        let text = "ID,Start time,Completion time,Email,Name,Colour\n" + #"1,3/12/24 15:36:05,3/12/24 15:37:02,,,"[""A\u0000B""]""# + "\n"
            + #"2,3/12/24 15:36:05,3/12/24 15:37:02,,,"[""A\bB""]""# + "\n" + #"3,3/12/24 15:36:05,3/12/24 15:37:02,,,"[""A\tB""]""# + "\n"
        let batch = try Scratch(text, source: "max_rejected: 90%\nquestions:\n  - column: Colour\n    multi_select: true\n    options: [A]").read()
        #expect(batch.rejects.map(\.reason) == [#"unknown option '["A\u0000B"]' to question 'colour'"#, #"unknown option '["A\bB"]' to question 'colour'"#,
                                                 "unknown option 'A\tB' to question 'colour'"])
        #expect(!batch.rejects.contains { $0.reason.unicodeScalars.contains { $0.value < 0x09 } })
    }

    @Test func multiSelectByListedColumns() throws {
        let text = "id,GP,Housing,Food bank\n1,1,0,\n2,,yes,x\n3,no,false,0\n"
        let responses = try Scratch(text, source: "questions:\n  - columns: [GP, Housing, Food bank]\n    id: used\n    multi_select: true").responses()
        #expect(responses.map(\.answers[0]) == [.selected([0]), .selected([1, 2]), .blank])
    }

    /// REDCap's labels export heads a tick box `Question (choice=Option)`, its raw export
    /// `field___code`; LimeSurvey `G01Q03[SQ001]` (or, under full question texts, `Question
    /// [Option]`). The brief showed each option as its whole header, and a `columns:` question
    /// without `text:` took its first option's header as the question. Each option is now
    /// labelled by its own part, the question by theirs, and the question names its columns.
    @Test func optionColumnsAreLabelledByTheirChoiceAndTheQuestionOnce() throws {
        func asked(_ text: String, _ source: String) throws -> (text: String, options: [String], answers: [Answer]) {
            let responses = try Scratch(text, source: source).responses()
            let question = try #require(responses.first?.survey.questions.first)
            return (question.text, question.scale?.points.map(\.label) ?? [], responses.map(\.answers[0]))
        }
        let labels = "Record ID,Which services have you used? (choice=GP surgery),Which services have you used? (choice=Library),Complete?\n"
            + "1,Checked,Unchecked,Complete\n2,Unchecked,Checked,Complete\n"
        let byColumns = try asked(labels, "questions:\n  - id: services\n    multi_select: true\n    columns: [\"Which services have you used? (choice=GP surgery)\", \"Which services have you used? (choice=Library)\"]")
        #expect(byColumns.text == "Which services have you used?" && byColumns.options == ["GP surgery", "Library"])
        let byQuestion = try asked(labels, "questions:\n  - column: Which services have you used?\n    multi_select: true")
        #expect(byQuestion.text == "Which services have you used?" && byQuestion.options == ["GP surgery", "Library"])
        #expect(byQuestion.answers == [.selected([0]), .selected([1])])
        let byOption = try asked(labels, "questions:\n  - id: used\n    multi_select: true\n    columns: [GP surgery, Library]")
        #expect(byOption.options == ["GP surgery", "Library"] && byOption.answers == [.selected([0]), .selected([1])])

        let real = Array(try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/real/redcap/redcapr-checkboxes-1.csv")))
        let raw = try Scratch(real, source: "questions:\n  - column: check_one\n    multi_select: true").responses()
        #expect(raw.first?.survey.questions.first?.text == "check_one")
        #expect(raw.first?.survey.questions.first?.scale?.points.map(\.label) == ["1", "2", "3", "4"])
        #expect(raw.map(\.answers[0]) == [.selected([0]), .selected([0, 1, 2, 3])])

        let lime = "id;submitdate;lastpage;startlanguage;G01Q03[SQ001];G01Q03[SQ002];G01Q03[other]\n1;2025-03-02 10:01:00;3;en;Y;;\n2;2025-03-02 10:02:00;3;en;;Y;Bus\n"
        let codes = try asked(lime, "questions:\n  - column: G01Q03\n    multi_select: true")
        // LimeSurvey's `[other]` column holds the write-in: it ticks "other", as SurveyMonkey's does.
        #expect(codes.text == "G01Q03" && codes.options == ["SQ001", "SQ002", "other"] && codes.answers == [.selected([0]), .selected([1, 2])])
        let named = try asked(lime, "questions:\n  - id: services\n    text: Which services have you used?\n    multi_select: true\n"
            + "    columns: [{column: \"G01Q03[SQ001]\", name: GP surgery}, {column: \"G01Q03[SQ002]\", name: Library}]")
        #expect(named.options == ["GP surgery", "Library"] && named.answers == [.selected([0]), .selected([1])])
        let fullTexts = "Response ID,Date submitted,Last page,Start language,Which services have you used? [GP surgery],Which services have you used? [Library]\n"
            + "1,2025-03-02 10:01:00,3,en,Yes,\n"
        let texts = try asked(fullTexts, "questions:\n  - column: Which services have you used?\n    multi_select: true")
        #expect(texts.text == "Which services have you used?" && texts.options == ["GP surgery", "Library"])

        // A spreadsheet: the start the headers share; with none, the id, or the options.
        let sheet = "id,Services - GP,Services - Library\n1,x,\n"
        #expect(try asked(sheet, "questions:\n  - columns: [Services - GP, Services - Library]\n    multi_select: true").text == "Services")
        let typeform = "id,GP surgery,Library\n1,GP surgery,\n"
        #expect(try asked(typeform, "questions:\n  - id: services\n    columns: [GP surgery, Library]\n    multi_select: true").text == "services")
        #expect(try asked(typeform, "questions:\n  - columns: [GP surgery, Library]\n    multi_select: true").text == "GP surgery / Library")
    }

    @Test(arguments: [
        (["check_one___1", "check_one___2"], "check_one"), (["G01Q03[SQ001]", "G01Q03[SQ002]"], "G01Q03"), (["Q5_1", "Q5_12"], "Q5"),
        (["Which services? (choice=GP)", "Which services? (choice=Library)"], "Which services?"), (["Kind?/Radial", "Kind?/Bilateral"], "Kind?"),
        (["self-help: Leaflets", "self-help: Apps"], "self-help"), (["Library", "Leisure centre"], nil), (["_a", "_b"], nil),
    ])
    func optionColumnsShareTheirQuestion(texts: [String], question: String?) {
        #expect(ReadPlan.sharedQuestion(texts) == question)
    }

    // MARK: - Dialects

    @Test func delimiterAndEncodingCanBeDeclared() throws {
        let bytes: [UInt8] = Array("id|Q1\n1|Don".utf8) + [0x92] + Array("t know\n".utf8)
        let responses = try Scratch(bytes, source: "delimiter: \"|\"\nencoding: cp1252\nquestions: [Q1]").responses()
        #expect(responses.first?.answers == [.excluded(0)])
    }

    /// Review finding: `separator:` and `delimiter:` read names from two tables (`pipe` and
    /// `space` were separators only) and a separator could be a quote or a line break. One
    /// table serves both; a quote or a line break is neither.
    @Test func delimiterAndSeparatorNameTheSameCharacters() throws {
        let named: [(String, UInt8)] = [("comma", 0x2C), ("Semicolon", 0x3B), ("TAB", 0x09), ("\\t", 0x09), ("space", 0x20), ("pipe", 0x7C), ("|", 0x7C), ("#", 0x23)]
        for (name, byte) in named {
            #expect(CSVReader.Delimiter(name: name) == .byte(byte), "\(name)")
            #expect(CSVReader.Delimiter.byte(named: name) == byte, "\(name)")
        }
        for name in ["\"", "\n", "\r", ";;", "", "é"] {
            #expect(CSVReader.Delimiter(name: name) == nil && CSVReader.Delimiter.byte(named: name) == nil, "\(name.debugDescription)")
        }
        #expect(try Scratch("id|Q1\n1|Agree\n", source: "delimiter: pipe\nquestions: [Q1]").responses().count == 1)
        for separator in ["'\"'", "\"\\n\"", "\"\\r\""] {
            let error = #expect(throws: BaselineError.self) {
                _ = try Scratch(Self.basic, source: "questions:\n  - column: Q1\n    multi_select: true\n    separator: \(separator)").pipeline()
            }
            #expect(error?.message.contains("separator must be one character other than a quote or a line break") == true, "\(separator) → \(String(describing: error))")
            #expect(error?.line != nil)
        }
    }

    @Test func invalidUTF8UnderDeclaredUTF8IsAnError() throws {
        let bytes: [UInt8] = Array("id,Q1\n1,Agree\n2,Don".utf8) + [0x92] + Array("t know\n".utf8)
        let error = #expect(throws: BaselineError.self) { _ = try Scratch(bytes, source: "encoding: utf-8\nquestions: [Q1]").read() }
        #expect(error?.line == 3)
        #expect(error?.message.contains("byte offset 19") == true)
    }

    // MARK: - Configuration

    @Test func sampleConfigurationDecodes() throws {
        let pipelines = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../pipelines").standardizedFileURL
        try Pipeline.decodeSample(of: CSVSurveyAdapter.self, base: pipelines.path)
        let sample = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/Adapters/CSVSurvey/sample.yaml"), encoding: .utf8)
        #expect(sample.trimmingCharacters(in: .whitespacesAndNewlines) == CSVSurveyAdapter.sampleConfiguration)
    }

    @Test func everyOptionIsInTheREADME() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/Adapters/CSVSurvey/README.md"), encoding: .utf8)
        for option in CSVSurveyAdapter.options {
            #expect(readme.contains("`\(option.name)`"), "README lacks `\(option.name)`")
        }
    }

    /// A try-out's 0–10 "how likely to recommend" question showed 40.91% positive, the share
    /// answering 7–10, where a reader expecting NPS promoters (9–10) would see 18.18%: the README
    /// named the scale only. It lists every built-in scale's positive points, as the code has them.
    @Test func theREADMEListsWhatIsPositiveOnEveryBuiltInScale() throws {
        let readme = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/Adapters/CSVSurvey/README.md"), encoding: .utf8)
        let rows = readme.components(separatedBy: "\n").filter { $0.hasPrefix("| `") }
        for (name, scale) in BuiltinScales.all {
            let row = try #require(rows.first { $0.hasPrefix("| `\(name)` |") }, "README lacks a row for \(name)")
            let positive = row.split(separator: "|").last.map { cell in
                cell.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            } ?? []
            #expect(positive == scale.points.filter(\.positive).map(\.label), "\(name): \(row)")
        }
        #expect(readme.contains("**`scale0to10` is not the Net Promoter Score.**"))
    }

    @Test func badOptionsAreLocatedErrors() throws {
        let cases: [(String, String)] = [
            ("questions: [Q1]\nlayout: spss", "unknown layout 'spss'"),
            ("questions: [Q1]\nencoding: ebcdic", "unknown encoding 'ebcdic'"),
            ("questions: [Q1]\ndelimiter: ';;'", "delimiter must be"),
            ("questions:\n  - column: Q1\n    position: 2", "either `column`"),
            ("questions:\n  - column: Q1\n    options: [a]", "belong to multi-select questions"),
            ("questions:\n  - column: Q1\n    unticked: [a]", "belong to multi-select questions"),
            ("questions:\n  - id: s\n    multi_select: true\n    columns: [Q1, Team]\n    unticked: []", "an empty list or an empty value says nothing"),
            ("questions:\n  - id: s\n    multi_select: true\n    columns: [Q1, Team]\n    unticked: [\"\"]", "an empty list or an empty value says nothing"),
            ("questions:\n  - id: s\n    multi_select: true\n    columns: [Q1, Team]\n    unticked: [\"1\", \"2\"]", "lists '1', which marks a tick"),
            ("questions:\n  - id: s\n    multi_select: true\n    columns: []", "`columns` lists no column"),
            ("questions:\n  - column: Q1\n    multi_select: true\n    separator: spaces", "or one of space, comma, semicolon, tab, pipe"),
            ("questions:\n  - column: Q1\n    multi_select: true\n    scale: agree5", "has options, not a scale"),
            ("questions: [Q1]\nscale: agree7", "unknown scale 'agree7'"),
            ("free_text: []", "name at least one question"),
        ]
        for (options, message) in cases {
            let error = #expect(throws: BaselineError.self) { _ = try Scratch(Self.basic, source: options).pipeline() }
            #expect(error?.message.contains(message) == true, "\(options) → \(String(describing: error))")
            #expect(error?.line != nil, "\(options): located")
        }
    }

    // MARK: - Completion times

    @Test func completionTimesOrderDuplicates() {
        func seconds(_ text: String, _ order: DateOrder = .mdy) -> UInt32? {
            Array(text.utf8).withUnsafeBufferPointer { CompletionTime.seconds($0, order: order) }
        }
        #expect(seconds("2000-01-01 00:00:00") == 0)
        #expect(seconds("2000-01-02T00:01") == 86_460)
        #expect(seconds("2025-03-04 10:34:12") == seconds("03/04/2025 10:34:12 AM"))
        #expect(seconds("03/04/2025 10:34:12 PM")! - seconds("03/04/2025 10:34:12 AM")! == 12 * 3_600)
        #expect(seconds("03/04/2025 12:00:00 AM") == seconds("2025-03-04 00:00:00"))
        #expect(seconds("3/4/25 9:05", .dmy) == seconds("2025-04-03 09:05:00"))
        #expect(seconds("2024-02-29 12:00:00")! + 86_400 == seconds("2024-03-01 12:00:00"))
        #expect(seconds("yesterday") == nil)
        #expect(seconds("13/31/2025 10:00") == nil)
    }

    @Test("A Qualtrics matrix question named by its stem: run and validate list its rows' column ids and say how to name them")
    func matrixQuestionNamedByItsStem() throws {
        // QualtricsTools' real "No Basis for Evaluation" export (Tests/EndToEndTests/Fixtures/real/SOURCES.md):
        // its matrix question Q3 is the columns Q3_1 … Q3_4.
        let real = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../EndToEndTests/Fixtures/real/qualtrics/no-basis-insights-2016.csv").standardizedFileURL
        let scratch = try Scratch(Array(try Data(contentsOf: real)), source: "test_responses: include\nquestions:\n  - column: Q3")
        let hint = "'Q3' is a question over several columns, one a row of a matrix question: Q3_1, Q3_2, Q3_3, Q3_4 — name each row as a "
            + "question of its own (`- column: Q3_1`), or, if they are the options of one tick-any-number question, add `multi_select: true`"
        // `validate` said "did you mean 'Q1'?"; `run` the same.
        let problems = try scratch.pipeline().inputProblems()
        #expect(problems.count == 1)
        #expect(problems.first?.message == "column 'Q3' is not in the header of input.csv", "\(problems)")
        #expect(problems.first?.hint == hint, "\(problems)")
        let error = try #require(throws: BaselineError.self) { try scratch.read() }
        #expect(error.message == "no column 'Q3' (named as a question in the pipeline)", "\(error)")
        #expect(error.hint == hint, "\(error)")
        // Named as its rows, it reads.
        let rows = try Scratch(Array(try Data(contentsOf: real)), source: "test_responses: include\nquestions: [Q3_1, Q3_2, Q3_3, Q3_4]")
        #expect(try rows.pipeline().inputProblems().isEmpty)
        _ = try rows.read()
    }
}
