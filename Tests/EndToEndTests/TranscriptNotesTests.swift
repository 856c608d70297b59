import Foundation
import Testing

/// Meeting transcripts and Obsidian notes through the real binary (a try-out's `notes*.yaml`):
/// Teams and Zoom `.vtt` files were left out, or, copied to `.txt`, quoted in the brief with
/// their timing lines and the speaker's name; Otter's interviewer's "And housing?" was counted as
/// a mention of housing; a note with `attendees:` and `tags:` was quarantined whole.
struct TranscriptNotesTests {
    /// The BUILT transcripts of the adapter's tests (see their README) and an Obsidian note.
    static let fixtures = Package.root.appendingPathComponent("Tests/InterviewNotesTests/Fixtures").path
    static let files = ["transcripts/teams.vtt", "transcripts/zoom.vtt", "transcripts/otter.txt", "front-matter/obsidian.md"]

    static let codebook = """
        themes:
          - { id: housing, name: Housing, phrases: [housing, affordable homes, temporary accommodation] }
          - { id: homelessness, name: Homelessness, phrases: [homelessness, night shelter, hostel] }
          - { id: care-leavers, name: Care leavers, phrases: [care leaver] }
          - { id: transport, name: Transport, phrases: [buses] }
        """

    /// The notes folder and a pipeline over it (`interviewers` added to the source when given).
    func setUp(in scratch: Scratch, interviewers: String? = nil) throws {
        try FileManager.default.createDirectory(atPath: scratch.path + "/notes", withIntermediateDirectories: true)
        for file in Self.files {
            try FileManager.default.copyItem(atPath: Self.fixtures + "/" + file,
                                             toPath: scratch.path + "/notes/" + URL(fileURLWithPath: file).lastPathComponent)
        }
        try Self.codebook.write(toFile: scratch.path + "/codebook.yaml", atomically: true, encoding: .utf8)
        try """
            place: { name: Millbrook, code: E07999001 }
            period: 2025
            sources:
              - id: notes
                adapter: interview-notes
                path: notes\(interviewers.map { "\n    interviewers: \($0)" } ?? "")
            transforms:
              - stage: redact
              - stage: code-themes
                codebook: codebook.yaml
                quotes_per_theme: 10
            sinks:
              - sink: dashboard-json
              - sink: text-report
              - sink: html-dashboard
              - sink: csv-tables
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
    }

    func document(_ scratch: Scratch) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/out/millbrook/2025/baseline.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func mentions(_ document: [String: Any]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (document["themes"] as? [[String: Any]] ?? []).compactMap { theme in
            (theme["id"] as? String).map { ($0, theme["mentions"] as? Int ?? -1) }
        })
    }

    /// Counted by hand from the fixtures: housing in Sam Patel's merged Teams turn, Jo Bloggs'
    /// Zoom turn ("affordable homes"), Otter's "And housing?" and the Obsidian note; Zoom's
    /// `Interviewer:` question is a question.
    @Test func transcriptsAreReadAsTurnsAndNoSpeakerOrTimingLineReachesAnOutput() throws {
        let scratch = try Scratch()
        try setUp(in: scratch)
        let run = try baseline("run", "p.yaml", "--output", "out", in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("notes (interview-notes): read 17, passed on 17, quarantined 0"), "\(run.stderr)")
        let document = try document(scratch)
        #expect(mentions(document) == ["housing": 4, "homelessness": 2, "care-leavers": 1, "transport": 2], "\(mentions(document))")
        let notes = (document["data_quality"] as? [String: Any])?["notes"] as? [String] ?? []
        #expect(notes.contains("notes: 2 transcripts name their speakers but mark none as the interviewer (notes/otter.txt, notes/teams.vtt): "
                               + "every turn is coded as what people said, the questions too — list the interviewer under the source's `interviewers:`."), "\(notes)")
        #expect(notes.contains { $0.hasPrefix("notes: front-matter keys read past, not used: 'attendees' (1 note, first at notes/obsidian.md:4)") }, "\(notes)")
        for (path, data) in try Scratch.files(under: scratch.path + "/out/millbrook/2025") {
            let text = String(decoding: data, as: UTF8.self)
            for leak in ["Sam Patel", "Patel", "Alex Jones", "Jo Bloggs", "Renée", "Dubois", "Priya", "Zoë", "Cllr Smith",
                         "-->", "WEBVTT", "<v ", "</v>", "3f1c2a4e", "00:00:05.100"] {
                #expect(!text.contains(leak), "\(leak) in \(path)")
            }
        }
    }

    @Test func theInterviewersTurnsAreNotCoded() throws {
        let scratch = try Scratch()
        try setUp(in: scratch, interviewers: "[Alex Jones, Speaker 1]")
        let run = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        let document = try document(scratch)
        #expect(mentions(document) == ["housing": 3, "homelessness": 2, "care-leavers": 1, "transport": 2], "\(mentions(document))")
        let notes = (document["data_quality"] as? [String: Any])?["notes"] as? [String] ?? []
        #expect(!notes.contains { $0.contains("interviewer") && $0.contains("transcript") }, "\(notes)")
        let report = try String(contentsOfFile: scratch.path + "/out/millbrook/2025/report.md", encoding: .utf8)
        #expect(!report.contains("And housing?") && report.contains("More affordable homes"), "\(report)")
    }
}
