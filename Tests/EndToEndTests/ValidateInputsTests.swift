import Foundation
import Testing

/// `baseline validate` reads the header row of each input: a column the pipeline names that is
/// not there is an error at the pipeline's line, with a did-you-mean from the real header.
@Suite struct ValidateInputsTests {
    @Test("A misspelt survey column is an error at its line in the pipeline; --no-inputs skips the check")
    func surveyColumns() throws {
        let scratch = try Scratch()
        try "Respondent ID,Organisation,Partners here trust each other,Comments\n1,Council,Agree,\n"
            .write(toFile: scratch.path + "/survey.csv", atomically: true, encoding: .utf8)
        try """
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - id: survey
                adapter: csv-survey
                path: survey.csv
                groups: [Organisaton]
                questions:
                  - column: Partners here trust each other
                  - column: Data is shared well
                free_text: [Comments]
            sinks:
              - sink: text-report
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("validate", "p.yaml", in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == """
            p.yaml:7:14: error: column 'Organisaton' is not in the header of survey.csv — did you mean 'Organisation'?
            p.yaml:10:17: error: column 'Data is shared well' is not in the header of survey.csv — its header has: 'Respondent ID', 'Organisation', 'Partners here trust each other', 'Comments'

            """, "\(outcome.stderr)")
        let skipped = try baseline("validate", "--no-inputs", "p.yaml", in: scratch.url)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stderr == "p.yaml: ok — 1 source, 0 stages, 1 sink (inputs not read)\n", "\(skipped.stderr)")
        // `run` stops at the first, said as `validate` says it: at the pipeline's line, not at line 1 of the export.
        let ran = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(ran.status == 1)
        #expect(ran.stderr == "p.yaml:7:14: error: column 'Organisaton' is not in the header of survey.csv — did you mean 'Organisation'?\n",
                "\(ran.stderr)")
    }

    /// `p.yaml` in `scratch`: one csv-survey source, `survey.csv`, asking the trust question.
    static func writeTrustPipeline(in scratch: Scratch) throws {
        try """
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - id: survey
                adapter: csv-survey
                path: survey.csv
                questions:
                  - column: Partners here trust each other
            sinks:
              - sink: text-report
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
    }

    /// SurveyMonkey can put the survey's title on a line of its own above the header (a real
    /// 2019 export, in the second try-out): the hint names that line rather than listing it as the header.
    @Test("A title line above the header is named as one, by validate and run alike")
    func titleAboveTheHeader() throws {
        let scratch = try Scratch()
        try "OS_Program_Enterprise_2019_Data_PII_removed\nRespondent ID,Organisation,Partners here trust each other\n1,Council,Agree\n"
            .write(toFile: scratch.path + "/survey.csv", atomically: true, encoding: .utf8)
        try Self.writeTrustPipeline(in: scratch)
        let hint = "its first line has one field, 'OS_Program_Enterprise_2019_Data_PII_removed': if that is a title above the real header, delete that line, so that the header is the file's first line"
        for command in ["validate", "run"] {
            let outcome = try baseline(command, "p.yaml", in: scratch.url)
            #expect(outcome.status == 1 && outcome.stderr.contains("p.yaml:8:17: error: column 'Partners here trust each other' is not in the header of survey.csv — " + hint),
                    "\(command): \(outcome.stderr)")
        }
    }

    /// What `run` refuses at a file's first row `validate` refuses too, with the same message:
    /// it said "ok" for an empty export and for an ONS file without its `observation` column.
    @Test("validate refuses what run refuses at the header row: an empty file, a header of no layout, a layout's column missing")
    func headerRowsRunRefuses() throws {
        let scratch = try Scratch()
        try "".write(toFile: scratch.path + "/empty.csv", atomically: true, encoding: .utf8)
        try "areacd,areanm,geography,indicator,period,measure,unit\nE07000001,Test,LAD,x,2024,m,%\n"
            .write(toFile: scratch.path + "/noobs.csv", atomically: true, encoding: .utf8)
        try "areacd,period,observation\nE07000001,2024,5.5\n".write(toFile: scratch.path + "/ons.csv", atomically: true, encoding: .utf8)
        let cases: [(source: String, error: String)] = [
            ("{ id: s, adapter: csv-survey, path: empty.csv, questions: [{ column: Q1 }] }",
             "empty.csv:1: error: the file is empty: there is no header row — export the survey again, with column headers"),
            ("{ id: s, adapter: csv-indicators, path: empty.csv }",
             "empty.csv:1: error: the file is empty: there is no header row — download the indicator table again, as CSV with its column headers"),
            ("{ id: s, adapter: csv-indicators, path: noobs.csv }",
             // Said at the source's `path:`, the file as the pipeline names it (it was the file alone, absolute outside the folder run in).
             "p.yaml:4:45: error: cannot tell the layout of noobs.csv from its header row (line 1: areacd, areanm, geography, indicator, period, measure…)"),
        ]
        for (source, error) in cases {
            try "place: { name: Test Town, code: E07000001 }\nperiod: 2025\nsources:\n  - \(source)\nsinks:\n  - sink: text-report\n"
                .write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
            let validated = try baseline("validate", "p.yaml", in: scratch.url)
            #expect(validated.status == 1 && validated.stderr.hasPrefix(error), "\(source): \(validated.stderr)")
            let ran = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
            #expect(ran.status == 1 && ran.stderr.hasPrefix(error), "\(source): \(ran.stderr)")
        }
        // A file whose layout is told, with every column it needs, validates (its row whole: a
        // file whose first rows are all set aside, a short one here, is refused as `run` refuses it).
        try "place: { name: Test Town, code: E07000001 }\nperiod: 2025\nsources:\n  - { id: s, adapter: csv-indicators, path: ons.csv, indicator: x }\nsinks:\n  - sink: text-report\n"
            .write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let good = try baseline("validate", "p.yaml", in: scratch.url)
        #expect(good.status == 0, "\(good.stderr)")
    }

    /// A header with a zero-width space looks the same as the column typed without it (a
    /// no-break space is matched as a space): the did-you-mean shows the difference escaped,
    /// not the same text twice.
    @Test("A column that differs from the header only by an invisible character is shown escaped")
    func invisibleDifferenceInAColumn() throws {
        let scratch = try Scratch()
        try "Respondent ID,Organisation,Partners here\u{200B} trust each other\n1,Council,Agree\n"
            .write(toFile: scratch.path + "/survey.csv", atomically: true, encoding: .utf8)
        try Self.writeTrustPipeline(in: scratch)
        let outcome = try baseline("validate", "p.yaml", in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "p.yaml:8:17: error: column 'Partners here trust each other' is not in the header of survey.csv — did you mean 'Partners here\\u{200B} trust each other'? What is written, 'Partners here trust each other', differs from it only by characters that do not show\n", "\(outcome.stderr)")
    }

    @Test("A column under csv-indicators' `columns:` that the file lacks is an error at its line")
    func indicatorColumns() throws {
        let scratch = try Scratch()
        try "AREACD,AREANM,Period,Observation\nE07000001,Test,2024,1.5\n".write(toFile: scratch.path + "/ons.csv", atomically: true, encoding: .utf8)
        try """
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - id: ons
                adapter: csv-indicators
                path: ons.csv
                layout: ons
                indicator: x
                columns: { value: Observaton }
            sinks:
              - sink: text-report
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("validate", "p.yaml", in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "p.yaml:9:23: error: column 'Observaton' is not in the header of ons.csv — did you mean 'Observation'?\n",
                "\(outcome.stderr)")
        // Named right, the pipeline validates.
        try String(contentsOfFile: scratch.path + "/p.yaml", encoding: .utf8).replacingOccurrences(of: "Observaton", with: "Observation")
            .write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let fixed = try baseline("validate", "-q", "p.yaml", in: scratch.url)
        #expect(fixed.status == 0 && fixed.stderr.isEmpty, "\(fixed.stderr)")
    }
}
