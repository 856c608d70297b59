import BaselineConfig
import BaselineCore
import BaselinePipeline
import BaselineSchema
import BaselineTestKit
import Foundation
import Redact
import Testing
import Yams

/// The `redact` stage on records, and its configuration.
struct RedactStageTests {
    /// The package root, found from this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func configuration(_ yaml: String) throws -> RedactConfiguration {
        try NodeDecoder(file: "pipeline.yaml", userInfo: [.baseDirectory: Self.root.appendingPathComponent("pipelines").path])
            .decode(RedactConfiguration.self, from: try Yams.compose(yaml: yaml)!)
    }

    /// The pipeline's `privacy:` block, decoded as the pipeline decodes it.
    func privacy(_ yaml: String) throws -> PrivacySettings {
        try NodeDecoder(file: "pipeline.yaml", userInfo: [.baseDirectory: Self.root.appendingPathComponent("pipelines").path])
            .decode(PrivacySettings.self, from: try Yams.compose(yaml: yaml)!)
    }

    @Test("every text of an excerpt is redacted; only the text's identifiers are counted")
    func excerpts() throws {
        let stage = RedactStage(names: ["Tom Reilly", "Jordan"])
        let excerpt = Excerpt(document: "notes/a.md", kind: "focus group", attributes: ["speaker": "Jordan", "role": "Care leaver"],
                              heading: "Table run by Tom Reilly", text: "Jordan: call me on 07700 900461 or jordan@example.org",
                              provenance: Provenance(source: "notes", file: "notes/a.md", line: 4, path: "Workshop > Table run by Tom Reilly"))
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let out = try runStage(stage, records: [.excerpt(excerpt), .excerpt(excerpt)], into: &document)
        for record in out.records {
            guard case .excerpt(let redacted) = record else { Issue.record("not an excerpt"); continue }
            #expect(redacted.text == "[name]: call me on [phone] or [email]")
            #expect(redacted.heading == "Table run by [name]")
            #expect(redacted.provenance.path == "Workshop > Table run by [name]")
            #expect(redacted.attributes == ["speaker": "[name]", "role": "Care leaver"])
            #expect(redacted.provenance.line == 4)
        }
        #expect(document.dataQuality.redactions == ["email": 2, "phone": 2, "name": 2, "nhs-number": 0, "postcode": 0, "address": 0])
    }

    @Test("free-text answers are redacted; scale answers and groups are left alone")
    func responses() throws {
        let survey = SurveyDefinition(source: "staff", questions: [
            Question(id: "trust", text: "Partners trust each other", scale: Scale(name: "yesno", points: [
                .init(label: "No", score: 0, positive: false), .init(label: "Yes", score: 1, positive: true)])),
            Question(id: "comment", text: "Anything else?", scale: nil),
        ], groupings: ["Organisation"])
        let response = Response(survey: survey, respondent: "R1", groups: ["Vale Police"],
                                answers: [.point(1), .text("Ring Dev Patel on 0161 496 0734, postcode MB4 7QT")],
                                provenance: Provenance(source: "staff", file: "staff.csv", line: 2))
        let stage = RedactStage(names: ["Dev Patel"])
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let out = try runStage(stage, records: [.response(response)], into: &document)
        guard case .response(let redacted) = out.records.first else { Issue.record("not a response"); return }
        #expect(redacted.answers == [.point(1), .text("Ring [name] on [phone], postcode [postcode]")])
        #expect(redacted.groups == ["Vale Police"])
        #expect(document.dataQuality.redactions == ["email": 0, "phone": 1, "name": 1, "nhs-number": 0, "postcode": 1, "address": 0])
    }

    @Test("a names file is read when the pipeline is: one name a line, comments skipped")
    func namesFile() throws {
        let privacy = try privacy("names: [Will]\nnames_file: ../samples/millbrook/names-to-redact.txt")
        #expect(privacy.allNames.first == "Will")
        #expect(privacy.allNames.contains("Maureen Hughes"))
        #expect(!privacy.allNames.contains { $0.hasPrefix("#") || $0.isEmpty })
    }

    /// A listed name's words alone, and street addresses, leave an excerpt's text and attributes;
    /// `privacy: { name_parts_kept }` keeps a common word, `name_parts: false` every word.
    @Test("name parts and addresses, with the privacy keys that keep name parts")
    func namePartsAndAddresses() throws {
        let excerpt = Excerpt(document: "notes/a.md", kind: "interview", attributes: ["speaker": "Margaret"], heading: nil,
                              text: "Margaret Ring lives at Flat 2, 14 Acacia Avenue. Will Margaret come? Ms Ring will.",
                              provenance: Provenance(source: "notes", file: "notes/a.md", line: 4))
        for (yaml, expected) in [
            ("names: [Margaret Ring]", "[name] lives at [address]. Will [name] come? Ms [name] will."),
            ("names: [Margaret Ring, Will Hughes]\nname_parts_kept: [Will]", "[name] lives at [address]. Will [name] come? Ms [name] will."),
            ("names: [Margaret Ring, Will Hughes]", "[name] lives at [address]. Will [name] come? Ms [name] will."),
            // A name after a title is found by its place, parts or not.
            ("names: [Margaret Ring]\nname_parts: false", "[name] lives at [address]. Will Margaret come? Ms [name] will."),
        ] {
            let privacy = try privacy(yaml)
            let stage = RedactStage(names: privacy.allNames, nameParts: privacy.nameParts, namePartsKept: privacy.namePartsKept)
            var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
            let out = try runStage(stage, records: [.excerpt(excerpt)], into: &document)
            guard case .excerpt(let redacted) = out.records.first else { Issue.record("not an excerpt"); continue }
            #expect(redacted.text == expected, "\(yaml)")
            #expect(redacted.attributes["speaker"] == (privacy.nameParts ? "[name]" : "Margaret"), "\(yaml)")
            #expect(document.dataQuality.redactions?["address"] == 1)
        }
        #expect(try privacy("names: [A B]").nameParts)
        #expect(throws: BaselineError.self) { try privacy("name_parts: maybe") }
    }

    /// Issue 16: names to redact are listed once, under the pipeline's `privacy:`; the stage's
    /// own `names` and `names_file` of earlier versions are an error at the key that says where
    /// to move them.
    @Test func namesListedOnTheStageSayWhereTheyMoved() throws {
        for key in ["names: [Will]", "names_file: ../samples/millbrook/names-to-redact.txt"] {
            do {
                _ = try configuration("\n" + key)
                Issue.record("\(key) was accepted on the stage")
            } catch let error as BaselineError {
                #expect(error.file == "pipeline.yaml" && error.line == 2)
                #expect(error.message.contains("listed once for the whole pipeline, under `privacy:`"))
                #expect(error.description.contains("move `\(key.prefix { $0 != ":" }):` there"))
            }
        }
    }

    @Test("a missing names file or a blank name is an error at its place in the pipeline")
    func badConfiguration() throws {
        #expect(throws: BaselineError.self) { try privacy("names_file: no-such-file.txt") }
        do {
            _ = try privacy("names:\n  - Sarah\n  - ''\n")
            Issue.record("a blank name was accepted")
        } catch let error as BaselineError {
            #expect(error.file == "pipeline.yaml")
            #expect(error.line == 3)
            #expect(error.message.contains("blank"))
        }
    }

    @Test("the sample configuration decodes and is the same as sample.yaml")
    func sample() throws {
        try Pipeline.decodeSample(of: RedactStage.self, base: Self.root.appendingPathComponent("pipelines").path)
        let file = Self.root.appendingPathComponent("Sources/Stages/Redact/sample.yaml")
        #expect(try String(contentsOf: file, encoding: .utf8) == RedactStage.sampleConfiguration + "\n")
    }
}
