import Foundation
import Testing

/// A new user's notes folder through the real binary (a try-out's `notes-pii` pipelines): the
/// codebook and the names list kept beside the notes, and personal details typed in a hurry.
struct NotesFolderTests {
    /// The try-out's interview note, as written.
    static let note = """
        ---
        kind: interview
        date: 2025-04-02
        role: Housing officer
        organisation: Riverside Housing
        ---
        # Interview with Sarah Okafor about homelessness

        Q: What gets in the way?

        A: Honestly the homelessness route is broken. Ring me on 07700 900123 if you need the figures.

        Mrs okafor said the hostel at ng7 2rd was full; Dev's team couldn't help. Dr. o'neill and Mrs smith-jones agreed.

        - Jordan (care leaver) was sofa surfing, phone 07700900125.

        Maureen said people sleeping rough need a night shelter.
        """

    static let codebook = """
        # Phrases match whole words; see the code-themes README.
        themes:
          - id: homelessness
            name: Homelessness
            phrases: [homelessness, hostel, sleeping rough, sofa surfing, night shelter]
          - id: ways-of-working
            name: Ways of working
            phrases: [ways of working, co-location, shared vision, partnership working]
          - id: care-leavers
            name: Care leavers
            phrases: [care leaver]
        """

    static let names = "# Names to redact, one a line.\nSarah Okafor\nDev Patel\nMaureen\nJordan\n"

    /// Writes the note, the codebook and the names list — in the notes folder when `inFolder`,
    /// else beside it — and a pipeline naming them; returns the pipeline's path.
    func setUp(in scratch: Scratch, inFolder: Bool) throws -> String {
        let notes = scratch.path + "/notes", config = inFolder ? notes : scratch.path + "/config"
        for folder in [notes, config] { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try Self.note.write(toFile: notes + "/2025-04-02_interview_Sarah Okafor.md", atomically: true, encoding: .utf8)
        try Self.codebook.write(toFile: config + "/codebook.yaml", atomically: true, encoding: .utf8)
        try Self.names.write(toFile: config + "/names-to-redact.txt", atomically: true, encoding: .utf8)
        let where_ = inFolder ? "notes" : "config"
        try """
            place: { name: Millbrook, code: E07999001 }
            period: 2025
            privacy:
              names_file: \(where_)/names-to-redact.txt
            sources:
              - id: notes
                adapter: interview-notes
                path: notes
                filename_pattern: "{date}_{kind}_{_}"
            transforms:
              - stage: redact
              - stage: code-themes
                codebook: \(where_)/codebook.yaml
                quotes_per_theme: 10
              - stage: priorities
            sinks:
              - sink: dashboard-json
              - sink: text-report
              - sink: html-dashboard
              - sink: csv-tables
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        return "p.yaml"
    }

    func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    func mentions(_ baseline: [String: Any]) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (baseline["themes"] as? [[String: Any]] ?? []).compactMap { theme in
            (theme["id"] as? String).map { ($0, theme["mentions"] as? Int ?? -1) }
        })
    }

    /// The try-out: with `codebook.yaml` and `names-to-redact.txt` in the notes folder, "Ways of
    /// working" came top with 9 mentions (the notes have none) and the codebook was quoted as
    /// evidence, exit 0. They are left out now, said on standard error and in the manifest, and
    /// the figures are those of the same files kept outside the folder.
    @Test func aCodebookAndNamesListInTheNotesFolderAreNotNotes() throws {
        let inside = try Scratch(), outside = try Scratch()
        let run = try baseline("run", try setUp(in: inside, inFolder: true), "--output", "out", in: inside.url)
        #expect(run.status == 0, "\(run.stderr)")
        // At the source's `path:` (line 8, column 11), as `validate` says it below.
        let leftOutWarning = "p.yaml:8:11: warning: notes: 2 files found are left out, not read: "
            + "notes/codebook.yaml (the pipeline's `codebook:`, not a note), "
            + "notes/names-to-redact.txt (the pipeline's `names_file:`, not a note)\n"
        #expect(run.stderr.contains(leftOutWarning), "\(run.stderr)")
        #expect(run.stderr.contains("notes (interview-notes): read 5, passed on 5, quarantined 0"), "\(run.stderr)")
        let folder = inside.path + "/out/millbrook/2025"
        let document = try json(folder + "/baseline.json")
        // The figures are those of the same files kept outside the folder: the codebook's phrases are no mentions.
        #expect(mentions(document)["ways-of-working"] == 0)
        _ = try setUp(in: outside, inFolder: false)
        let apart = try baseline("run", "p.yaml", "--output", "out", "-q", in: outside.url)
        #expect(apart.status == 0 && apart.stderr.isEmpty, "\(apart.stderr)")
        #expect(mentions(document) == mentions(try json(outside.path + "/out/millbrook/2025/baseline.json")))
        let manifest = try #require(document["manifest"] as? [String: Any])
        #expect((manifest["inputs"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == ["notes/2025-04-02_interview_[name].md"])
        let leftOut = try #require(manifest["left_out"] as? [[String: String]])
        #expect(leftOut == [
            ["path": "notes/codebook.yaml", "source": "notes", "reason": "the pipeline's `codebook:`, not a note"],
            ["path": "notes/names-to-redact.txt", "source": "notes", "reason": "the pipeline's `names_file:`, not a note"],
        ])
        #expect(try validateJSON(folder + "/baseline.json", against: "baseline.schema.json").stdout.contains("valid"))
        let report = try String(contentsOfFile: folder + "/report.md", encoding: .utf8)
        for codebookText in ["Phrases match", "partnership working", "co-location", "Names to redact"] {
            #expect(!report.contains(codebookText), "\(codebookText)")
        }
        #expect(report.contains("- notes: 2 files found are left out, not read: notes/codebook.yaml"), "the brief's gaps say so")
        // `validate` says it before any run.
        let validate = try baseline("validate", "p.yaml", in: inside.url)
        #expect(validate.status == 0)
        #expect(validate.stderr.contains(leftOutWarning), "\(validate.stderr)")
    }

    /// A Word document saved in the notes folder is a bad record: with one note of 5 passages
    /// beside it, 1 of 6 records, over the 5% `max_rejected`, so `run` fails. `validate` said
    /// "ok" for the same folder; it now names the file with what to do, and stops as `run` does.
    @Test func aWordDocumentInASmallNotesFolderFailsValidateAsItFailsRun() throws {
        let scratch = try Scratch()
        let pipeline = try setUp(in: scratch, inFolder: false)
        try Data("PK\u{3}\u{4}not really a document".utf8).write(to: URL(fileURLWithPath: scratch.path + "/notes/2025-04-03_interview_ward.docx"))
        let run = try baseline("run", pipeline, "--output", "out", in: scratch.url)
        #expect(run.status == 1, "\(run.stderr)")
        let runError = try #require(run.stderr.split(separator: "\n").first { $0.contains(": error: ") }.map(String.init), "\(run.stderr)")
        #expect(runError.hasPrefix("p.yaml:6:5: error: source 'notes' set aside 1 of its 6 records (16.7%), more than its max_rejected of 5%"), "\(runError)")
        let validate = try baseline("validate", pipeline, in: scratch.url)
        #expect(validate.status == 1, "\(validate.stderr)")
        #expect(validate.stderr.contains("p.yaml:8:11: warning: notes: 1 file found is set aside as a bad record, not read: "
                                         + "notes/2025-04-03_interview_ward.docx (a Word document (.docx): notes are read from Markdown or plain text — "
                                         + "save it as .txt or .md, or take it out of the folder)\n"), "\(validate.stderr)")
        #expect(validate.stderr.contains(runError.replacingOccurrences(of: ": error: ", with: ": error: `run` would stop: ") + "\n"), "\(validate.stderr)")
        #expect(!validate.stderr.contains("ok"), "\(validate.stderr)")
        // `--no-inputs` reads no note, so it cannot weigh them: it names the file and goes on.
        let unread = try baseline("validate", pipeline, "--no-inputs", in: scratch.url)
        #expect(unread.status == 0 && unread.stderr.contains("warning: notes: 1 file found is set aside as a bad record"), "\(unread.stderr)")
    }

    /// Among enough notes a PDF is within the 5%: `run` quarantines it and goes on, and
    /// `validate` names it with what to do, and says ok.
    @Test func aPDFAmongManyNotesIsAWarningAsRunAcceptsIt() throws {
        let scratch = try Scratch()
        let pipeline = try setUp(in: scratch, inFolder: false)
        for day in 10...15 {
            try Self.note.write(toFile: scratch.path + "/notes/2025-04-\(day)_interview_x.md", atomically: true, encoding: .utf8)
        }
        try Data("%PDF-1.7\n%\u{E2}\u{E3}".utf8).write(to: URL(fileURLWithPath: scratch.path + "/notes/2025-04-20_workshop_notes.pdf"))
        let run = try baseline("run", pipeline, "--output", "out", in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("notes (interview-notes): read 36, passed on 35, quarantined 1"), "\(run.stderr)")
        let validate = try baseline("validate", pipeline, in: scratch.url)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stderr.contains("p.yaml:8:11: warning: notes: 1 file found is set aside as a bad record, not read: "
                                         + "notes/2025-04-20_workshop_notes.pdf (a PDF (.pdf): notes are read from Markdown or plain text — "
                                         + "save it as .txt or .md, or take it out of the folder)\n"), "\(validate.stderr)")
        #expect(validate.stderr.hasSuffix("p.yaml: ok — 1 source, 3 stages, 4 sinks\n"), "\(validate.stderr)")
    }

    /// The try-out: "Mrs okafor said…" with `Sarah Okafor` listed reached report.md, report.txt,
    /// baseline.json and dashboard.html. After a title the next word is a name, listed or not.
    @Test func aLowerCaseSurnameAfterATitleIsRedactedEverywhere() throws {
        let scratch = try Scratch()
        let run = try baseline("run", try setUp(in: scratch, inFolder: false), "--output", "out", "-q", in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        let folder = scratch.path + "/out/millbrook/2025"
        let files = try Scratch.files(under: folder)
        #expect(files.keys.contains("report.md") && files.keys.contains("dashboard.html") && files.keys.contains("report.txt"))
        for (path, data) in files {
            let text = String(decoding: data, as: UTF8.self).lowercased()
            for leak in ["okafor", "o'neill", "smith-jones", "smith", "neill"] {
                #expect(!text.contains(leak), "\(leak) in \(path)")
            }
        }
        let document = try json(folder + "/baseline.json")
        let redactions = try #require((document["data_quality"] as? [String: Any])?["redactions"] as? [String: Int])
        // Maureen, Jordan, Dev (Dev's), Mrs okafor, Dr. o'neill, Mrs smith-jones: six names in the passages' text.
        #expect(redactions["name"] == 6, "\(redactions)")
        let quotes = String(decoding: try #require(files["baseline.json"]), as: UTF8.self)
        #expect(quotes.contains("Mrs [name] said the hostel at [postcode] was full; [name]'s team couldn't help. Dr. [name] and Mrs [name] agreed."), "\(quotes)")
    }
}
