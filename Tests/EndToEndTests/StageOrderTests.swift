import Foundation
import Testing

/// Issue 17: the order of `transforms:` is checked against the stages' contracts, by the real
/// binary, at the offending line — and the sample pipelines, in the right order, still pass.
@Suite struct StageOrderTests {
    /// The sample pipeline with its stage entries reordered by `edit`, written to a scratch
    /// folder with the sample paths made absolute; returns the file and its text.
    func sample(_ edit: (String) -> String, in scratch: Scratch) throws -> (file: String, text: String) {
        var text = try String(contentsOfFile: Package.root.path + "/pipelines/millbrook-2025.yaml", encoding: .utf8)
        text = edit(text).replacingOccurrences(of: "../samples", with: Package.root.path + "/samples")
        let file = scratch.path + "/p.yaml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return (file, text)
    }

    func line(of entry: String, in text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == entry }! + 1
    }

    @Test("benchmark before indicators: validate and run refuse it at benchmark's line, exit 1")
    func benchmarkBeforeIndicators() throws {
        let scratch = try Scratch()
        let benchmark = "  - stage: benchmark\n    level_998: true\n"
        let (file, text) = try sample({ text in
            text.replacingOccurrences(of: benchmark, with: "")
                .replacingOccurrences(of: "  - stage: join\n", with: benchmark + "  - stage: join\n")
        }, in: scratch)
        let expected = "\(file):\(line(of: "  - stage: benchmark", in: text)):5: error: benchmark needs the indicators that "
            + "`- stage: indicators` (line \(line(of: "  - stage: indicators", in: text))) provides, but comes before it — put it after that stage\n"
        for command in ["validate", "run"] {
            let outcome = command == "run" ? try baseline(command, file, "--output", scratch.path + "/out") : try baseline(command, file)
            #expect(outcome.status == 1, "\(command)")
            #expect(outcome.stderr == expected, "\(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out"))
    }

    @Test("benchmark with no indicators stage: validate says which stage to add")
    func benchmarkWithoutIndicators() throws {
        let scratch = try Scratch()
        let (file, text) = try sample({ text in
            text.replacingOccurrences(of: "  - stage: indicators\n    catalogue: ../samples/millbrook/indicators.yaml\n", with: "")
        }, in: scratch)
        let outcome = try baseline("validate", file)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "\(file):\(line(of: "  - stage: benchmark", in: text)):5: error: benchmark needs the indicators, "
            + "and no stage before it provides them — add `- stage: indicators` before it\n")
    }

    @Test("code-themes before survey-aggregate (whose suppression it follows): refused at its line")
    func themesBeforeSurvey() throws {
        let scratch = try Scratch()
        let survey = "  - stage: survey-aggregate\n    min_group_size: 10\n"
        let (file, text) = try sample({ text in
            text.replacingOccurrences(of: survey, with: "")
                .replacingOccurrences(of: "  - stage: priorities\n", with: survey + "  - stage: priorities\n")
        }, in: scratch)
        let outcome = try baseline("validate", file)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "\(file):\(line(of: "  - stage: code-themes", in: text)):5: error: code-themes reads the survey results that "
            + "`- stage: survey-aggregate` (line \(line(of: "  - stage: survey-aggregate", in: text))) provides, but comes before it"
            + " — put it after that stage\n")
    }

    @Test("a survey stage with no survey source: a warning at its line, and the pipeline still validates")
    func surveyStageWithoutSurvey() throws {
        let scratch = try Scratch()
        let (file, text) = try sample({ text in
            guard let start = text.range(of: "  - id: staff-survey\n"), let end = text.range(of: "  - id: ", range: start.upperBound..<text.endIndex) else {
                return text
            }
            return text.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "")
        }, in: scratch)
        #expect(!text.contains("adapter: csv-survey"), "the sample has one survey source")
        let outcome = try baseline("validate", file)
        #expect(outcome.status == 0)
        #expect(outcome.stderr.hasPrefix("\(file):\(line(of: "  - stage: survey-aggregate", in: text)):5: warning: survey-aggregate works on "
            + "survey responses, and no source gives any: it adds nothing — add a source that does (csv-survey), or remove the stage\n"),
                "\(outcome.stderr)")
    }

    @Test("every sample pipeline, in the right order, validates without a warning", arguments: ["2024", "2025", "2026"])
    func samplesValidate(year: String) throws {
        let outcome = try baseline("validate", "pipelines/millbrook-\(year).yaml")
        #expect(outcome.status == 0)
        #expect(outcome.stderr.hasPrefix("pipelines/millbrook-\(year).yaml: ok — ") && !outcome.stderr.contains("warning"), "\(outcome.stderr)")
    }
}
