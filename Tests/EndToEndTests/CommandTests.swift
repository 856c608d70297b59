import Foundation
import Testing

/// The commands as a user meets them: exit codes, messages, and what they print.
@Suite struct CommandTests {
    @Test func validateAcceptsTheSample() throws {
        let outcome = try baseline("validate", "pipelines/millbrook-2025.yaml")
        #expect(outcome.status == 0)
        #expect(outcome.stderr == "pipelines/millbrook-2025.yaml: ok — 4 sources, 7 stages, 5 sinks\n")
    }

    @Test func validateNamesLineAndColumnOfAnUnknownKeyAndExitsOne() throws {
        let scratch = try Scratch()
        var text = try String(contentsOfFile: Package.root.path + "/pipelines/millbrook-2025.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "    respondent_id: Respondent ID", with: "    respondent: Respondent ID")
        text = text.replacingOccurrences(of: "../samples", with: Package.root.path + "/samples")
        let file = scratch.path + "/p.yaml"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("respondent: ") }! + 1
        let outcome = try baseline("validate", file)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "\(file):\(line):5: error: unknown key 'respondent' in sources[0] — did you mean 'respondent_id'?\n")
    }

    /// `validate` said ok where `run` then stopped at set-up (a name that heads two columns):
    /// both now make the same read plan, so both refuse it with the same error.
    @Test func validateRefusesWhatRunRefusesAtSetUp() throws {
        let scratch = try Scratch()
        try "Respondent ID,Q1,Q1\n1,Agree,Agree\n".write(toFile: scratch.path + "/s.csv", atomically: true, encoding: .utf8)
        try "place: { name: T, code: E07000001 }\nperiod: 2025\nsources:\n  - id: s\n    adapter: csv-survey\n    path: s.csv\n    questions: [Q1]\nsinks:\n  - sink: dashboard-json\n"
            .write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let validate = try baseline("validate", "p.yaml", in: scratch.url)
        let run = try baseline("run", "p.yaml", "--output", "out", in: scratch.url)
        #expect(validate.status == 1 && run.status == 1, "\(validate.stderr)\(run.stderr)")
        #expect(validate.stderr.contains("s.csv:1:3: error: 'Q1' (named as a question) heads 2 columns: 2, 3"), "\(validate.stderr)")
        #expect(run.stderr.contains("s.csv:1:3: error: 'Q1' (named as a question) heads 2 columns: 2, 3"), "\(run.stderr)")
    }

    @Test func badArgumentsExitTwo() throws {
        #expect(try baseline("run").status == 2)
        #expect(try baseline("frobnicate").status == 2)
        #expect(try baseline("inspect", "pipelines/millbrook-2025.yaml", "--source", "staff-survey", "--limit", "0").status == 2)
    }

    @Test("a mistyped command is named with the closest one, not as unexpected arguments")
    func mistypedCommandSuggestsTheClosest() throws {
        let typo = try baseline("rnu", "p.yaml")
        #expect(typo.status == 2 && typo.stderr == "error: 'rnu' is not a baseline command — did you mean 'baseline run'?\n", "\(typo.stderr)")
        let far = try baseline("frobnicate")
        #expect(far.status == 2 && far.stderr.hasPrefix("error: 'frobnicate' is not a baseline command — the commands are run, validate, "), "\(far.stderr)")
        let option = try baseline("run", "--frobnicate")
        #expect(option.status == 2 && !option.stderr.contains("not a baseline command"), "\(option.stderr)")
    }

    @Test func helpExitsZero() throws {
        let outcome = try baseline("--help")
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("Exit codes: 0 ok, 1 data or validation error, 2 usage error."))
    }

    /// A run that fails at once used to exit while the thread hashing the inputs was still
    /// starting, and crashed in libcrypto's exit handlers about two times in three (a
    /// segmentation fault instead of exit 1). Ten runs: each must exit 1 with the one error line.
    @Test("a run that fails at once exits 1 with its error, every time (the hashing thread is stopped first)")
    func failingRunExitsCleanly() throws {
        let scratch = try Scratch()
        try "<?xml version=\"1.0\"?>\n<a><b></a>\n".write(toFile: scratch.path + "/broken.xml", atomically: true, encoding: .utf8)
        try "id,q\n1,Agree\n".write(toFile: scratch.path + "/survey.csv", atomically: true, encoding: .utf8)
        try """
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - { id: broken, adapter: xml-dataset, path: broken.xml, sdmx: { area: REF_AREA } }
              - { id: survey, adapter: csv-survey, path: survey.csv, questions: [{ column: q, id: q }] }
            sinks:
              - sink: dashboard-json
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        for _ in 0..<10 {
            let outcome = try baseline("run", "p.yaml", "--output", "out", in: scratch.url)
            #expect(outcome.status == 1, "\(outcome.stderr)")
            #expect(outcome.stderr.hasPrefix("broken.xml:2:") && !outcome.stderr.contains("Fatal error"), "\(outcome.stderr)")
            if outcome.status != 1 { break }
        }
    }

    /// libcrypto sets itself up on a thread of its own while the pipeline is read, and a
    /// pipeline refused at its first line fails while that is under way: the run waits for it
    /// before exiting. (Without the wait no crash was seen in 400 release runs either, so this
    /// checks the exit code and the message, not the wait.) Twenty runs: each must exit 1 with
    /// the one error line.
    @Test("a pipeline refused at once exits 1 with its error, every time (libcrypto's set-up is waited for)")
    func refusedPipelineExitsCleanly() throws {
        let scratch = try Scratch()
        try "place: [unclosed\n".write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        for _ in 0..<20 {
            let outcome = try baseline("run", "p.yaml", "--output", "out", in: scratch.url)
            #expect(outcome.status == 1, "\(outcome.stderr)")
            #expect(outcome.stderr.hasPrefix("p.yaml:") && !outcome.stderr.contains("Fatal error"), "\(outcome.stderr)")
            if outcome.status != 1 { break }
        }
    }

    @Test("statistics read but no indicators in the baseline: the run fails at the source, and the previous baseline stays")
    func observationsWithoutAnIndicatorsStageFail() throws {
        let scratch = try Scratch()
        try """
            <dataset><row indicator="x"><area code="E07000001">T</area><period>2024</period><value>1</value></row></dataset>
            """.write(toFile: scratch.path + "/stats.xml", atomically: true, encoding: .utf8)
        let pipeline = """
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - id: stats
                adapter: xml-dataset
                path: stats.xml
                mapped: { record: /dataset/row, area: area/@code, period: period, indicator: "@indicator", value: value }
            sinks:
              - sink: text-report
            """
        try pipeline.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "p.yaml:4:5: error: source 'stats' reads statistics, but the baseline holds none of them as indicators — "
                + "add `- stage: indicators` with a `catalogue:` that names them\n", "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out/test-town/2025"))
        // With the stage but a catalogue that does not name the indicator, the same error.
        try "indicators:\n  - { id: y, name: Y, value_type: count, polarity: no_judgement }\n".write(toFile: scratch.path + "/c.yaml", atomically: true, encoding: .utf8)
        try (pipeline.replacingOccurrences(of: "sinks:", with: "transforms:\n  - { stage: indicators, catalogue: c.yaml }\nsinks:"))
            .write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let unnamed = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(unnamed.status == 1 && unnamed.stderr.contains("error: source 'stats' reads statistics, but the baseline holds none"), "\(unnamed.stderr)")
        // …and it says which indicators the catalogue left out, since no baseline is written to say so.
        #expect(unnamed.stderr.contains("(1 observation of 1 indicator not in the catalogue c.yaml were left out: 'x'"), "\(unnamed.stderr)")
        // With the stage and a catalogue naming the indicator, no error.
        try "indicators:\n  - { id: x, name: X, value_type: count, polarity: no_judgement }\n".write(toFile: scratch.path + "/c.yaml", atomically: true, encoding: .utf8)
        try (pipeline.replacingOccurrences(of: "sinks:", with: "transforms:\n  - { stage: indicators, catalogue: c.yaml }\nsinks:"))
            .write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let staged = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(staged.status == 0 && staged.stderr.isEmpty, "\(staged.stderr)")
        // Two sources, neither named by the catalogue: the error names both, since its note
        // lists both sources' indicators (it named the first alone: the try-out's "source
        // 'obesity'" over the wellbeing file's indicators).
        try """
            <dataset><row indicator="z"><area code="E07000001">T</area><period>2024</period><value>2</value></row></dataset>
            """.write(toFile: scratch.path + "/more.xml", atomically: true, encoding: .utf8)
        try "indicators:\n  - { id: y, name: Y, value_type: count, polarity: no_judgement }\n".write(toFile: scratch.path + "/c.yaml", atomically: true, encoding: .utf8)
        try (pipeline.replacingOccurrences(of: "sinks:", with: "  - id: more\n    adapter: xml-dataset\n    path: more.xml\n"
            + "    mapped: { record: /dataset/row, area: area/@code, period: period, indicator: \"@indicator\", value: value }\n"
            + "transforms:\n  - { stage: indicators, catalogue: c.yaml }\nsinks:")).write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let both = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(both.status == 1 && both.stderr.contains("p.yaml:4:5: error: sources 'stats' and 'more' read statistics, but the baseline holds none of them as indicators"),
                "\(both.stderr)")
    }

    @Test("a source whose statistics are in no indicator fails the run, though another source's are")
    func oneSourceShownNowhereBesideAnotherFails() throws {
        let scratch = try Scratch()
        for (file, indicator) in [("used.xml", "x"), ("unused.xml", "claimants")] {
            try """
                <dataset><row indicator="\(indicator)"><area code="E07000001">T</area><period>2024</period><value>1</value></row></dataset>
                """.write(toFile: scratch.path + "/" + file, atomically: true, encoding: .utf8)
        }
        try "indicators:\n  - { id: x, name: X, value_type: count, polarity: no_judgement }\n"
            .write(toFile: scratch.path + "/c.yaml", atomically: true, encoding: .utf8)
        let mapped = "mapped: { record: /dataset/row, area: area/@code, period: period, indicator: \"@indicator\", value: value }"
        let pipeline = """
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - id: used
                adapter: xml-dataset
                path: used.xml
                \(mapped)
              - id: claimants
                adapter: xml-dataset
                path: unused.xml
                \(mapped)
            transforms:
              - { stage: indicators, catalogue: c.yaml }
            sinks:
              - sink: text-report
            """
        try pipeline.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("p.yaml:8:5: error: source 'claimants' reads statistics, but the baseline holds none of them as indicators "
                                         + "(1 observation of 1 indicator not in the catalogue c.yaml were left out: 'claimants'"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out/test-town/2025"))
        // Named in the catalogue, both sources are shown and the run passes.
        try "indicators:\n  - { id: x, name: X, value_type: count, polarity: no_judgement }\n  - { id: claimants, name: Claimants, value_type: count, polarity: no_judgement }\n"
            .write(toFile: scratch.path + "/c.yaml", atomically: true, encoding: .utf8)
        let named = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(named.status == 0 && named.stderr.isEmpty, "\(named.stderr)")
        // A source whose values all repeat another's (the first is kept) is no missing name:
        // a warning, not a failed run.
        try """
            <dataset><row indicator="x"><area code="E07000001">T</area><period>2024</period><value>1</value></row></dataset>
            """.write(toFile: scratch.path + "/unused.xml", atomically: true, encoding: .utf8)
        let repeated = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(repeated.status == 0, "\(repeated.stderr)")
        #expect(repeated.stderr.contains("warning: source 'claimants' reads statistics, but the baseline holds none of them as indicators"), "\(repeated.stderr)")
    }

    @Test func missingPipelineFileExitsOne() throws {
        let outcome = try baseline("run", "pipelines/nowhere.yaml")
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasPrefix("pipelines/nowhere.yaml: error: cannot read the pipeline file"))
    }

    @Test func inspectPrintsRecordsAsJSONLinesWithoutRespondentIds() throws {
        let outcome = try baseline("inspect", "pipelines/millbrook-2025.yaml", "--source", "staff-survey", "--limit", "5")
        #expect(outcome.status == 0)
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["kind"] as? String == "response")
        let provenance = try #require(first["provenance"] as? [String: Any])
        #expect(provenance["line"] as? Int == 2)
        let csv = try String(contentsOfFile: Package.root.path + "/samples/millbrook/staff-survey-2025.csv", encoding: .utf8)
        let firstId = csv.split(separator: "\r\n")[1].split(separator: ",")[0]
        #expect(!outcome.stdout.contains("\"\(firstId)\""))
        #expect(!outcome.stdout.contains("respondent"))
    }

    @Test func inspectShowsNotesThroughThePipelinesRedactStageUnlessRaw() throws {
        let redacted = try baseline("inspect", "pipelines/millbrook-2025.yaml", "--source", "notes", "--limit", "200")
        #expect(redacted.status == 0)
        #expect(redacted.stdout.contains("[email]"))
        #expect(!redacted.stdout.contains("sarah.okafor@millbrook.gov.uk"))
        #expect(!redacted.stderr.contains("before any redaction"))
        let raw = try baseline("inspect", "pipelines/millbrook-2025.yaml", "--source", "notes", "--limit", "200", "--raw")
        #expect(raw.status == 0)
        #expect(raw.stdout.contains("sarah.okafor@millbrook.gov.uk"))
        #expect(raw.stderr.contains("note: records are shown as the source reads them, before any redaction"))
    }

    @Test("inspect names a rejected record's file from where it runs, as errors do")
    func inspectRejectsAreNamedFromHere() throws {
        let outcome = try baseline("inspect", "pipelines/millbrook-2025.yaml", "--source", "staff-survey", "--limit", "300")
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("samples/millbrook/staff-survey-2025.csv:133: rejected: ragged row: 6 fields where the header has 11\n") && !outcome.stderr.contains("../samples"), "\(outcome.stderr)")
    }

    @Test func inspectSuggestsTheSourceId() throws {
        let outcome = try baseline("inspect", "pipelines/millbrook-2025.yaml", "--source", "staff-survy")
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("no source 'staff-survy' in the pipeline — did you mean 'staff-survey'?"))
    }

    @Test func adaptersListsEveryRegisteredPlugin() throws {
        let outcome = try baseline("adapters")
        #expect(outcome.status == 0)
        for kind in ["csv-survey", "survey-aggregate", "dashboard-json", "text-report"] {
            #expect(outcome.stdout.contains("  \(kind)  ") || outcome.stdout.contains("  \(kind) "), "\(kind) missing")
        }
        #expect(outcome.stdout.hasPrefix("sources:\n"))
    }
}
