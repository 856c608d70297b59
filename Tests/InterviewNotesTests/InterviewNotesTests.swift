import BaselineConfig
import BaselineCore
import BaselinePipeline
import BaselineTestKit
import Foundation
import InterviewNotes
import Testing
import Yams

/// The `interview-notes` adapter on the fixtures under `Fixtures/<case>/`.
struct InterviewNotesTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.path

    /// Reads notes with a configuration written as pipeline YAML, paths relative to `base`.
    func read(_ yaml: String, base: String = fixtures) throws -> RecordBatch {
        let configuration = try NodeDecoder(file: "pipeline.yaml", userInfo: [.baseDirectory: base])
            .decode(InterviewNotesConfiguration.self, from: try Yams.compose(yaml: yaml)!)
        let context = SourceContext(id: "notes", pipeline: PipelineContext(placeName: "Millbrook", placeCode: "E07999001",
                                                                            period: "2025", baseDirectory: base))
        return try drain(InterviewNotesAdapter.makeSource(configuration: configuration, context: context))
    }

    /// The source over `yaml`'s notes, read to its end: the batch and the source (for its notes).
    func readSource(_ yaml: String, base: String = fixtures) throws -> (RecordBatch, any RecordSource) {
        let configuration = try NodeDecoder(file: "pipeline.yaml", userInfo: [.baseDirectory: base])
            .decode(InterviewNotesConfiguration.self, from: try Yams.compose(yaml: yaml)!)
        let source = try InterviewNotesAdapter.makeSource(configuration: configuration, context: SourceContext(
            id: "notes", pipeline: PipelineContext(placeName: "Millbrook", placeCode: "E07999001", period: "2025", baseDirectory: base)))
        return (try drain(source), source)
    }

    func excerpts(_ batch: RecordBatch) -> [Excerpt] {
        batch.records.compactMap { if case .excerpt(let excerpt) = $0 { excerpt } else { nil } }
    }

    // MARK: - Splitting

    @Test("paragraphs, bullets, headings, lead-in lines and quotes become passages with their lines")
    func splitting() throws {
        let found = excerpts(try read("path: splitting/workshop.md"))
        let lead = "Eastfield workshop > Table 1: families > What would make the biggest difference"
        let expected: [(Int, String, String?, String?)] = [
            (3, "Written up from the flip charts by the programme team.", "Eastfield workshop", "Eastfield workshop"),
            (10, "Nursery places near home.", "What would make the biggest difference", lead),
            (11, "Help with speech and language before school, not a waiting list.", "What would make the biggest difference", lead),
            (13, "A health visitor who knows you.", "What would make the biggest difference", lead),
            (14, "One front door.", "What would make the biggest difference", lead),
            (15, "A key worker.", "What would make the biggest difference", lead),
            (17, "People said the buses stop too early.", "Table 1: families", "Eastfield workshop > Table 1: families"),
            (23, "Plain text notes under a setext heading.", "Table 2", "Eastfield workshop > Table 2"),
            (25, "After a rule.", "Table 2", "Eastfield workshop > Table 2"),
            (29, "Last paragraph, no blank line at the end.", "Deeper", "Eastfield workshop > Table 2 > Deeper"),
        ]
        #expect(found.count == expected.count)
        for (excerpt, (line, text, heading, path)) in zip(found, expected) {
            #expect(excerpt.provenance.line == line)
            #expect(excerpt.text == text)
            #expect(excerpt.heading == heading)
            #expect(excerpt.provenance.path == path)
            #expect(excerpt.provenance.file == "splitting/workshop.md")
            #expect(excerpt.provenance.source == "notes")
            #expect(excerpt.document == "splitting/workshop.md")
            #expect(excerpt.period == "2025")
        }
    }

    @Test("a file without a final line break, and a lead-in line that no list follows")
    func edges() throws {
        let found = excerpts(try read("path: splitting/no-newline.txt"))
        #expect(found.map(\.text) == ["First paragraph of a file with no heading."])
        #expect(found.first?.kind == "notes")
        #expect(found.first?.heading == nil)
    }

    // MARK: - Front matter

    @Test("plain front matter sets kind and attributes of every excerpt")
    func plainFrontMatter() throws {
        let excerpt = try #require(excerpts(try read("path: front-matter/plain.md")).first)
        #expect(excerpt.kind == "interview")
        #expect(excerpt.attributes == ["date": "2025-02-11", "role": "Chief Executive", "organisation": "Millbrook District Council",
                                       "area": "Millbrook", "participants": "2", "title": "Leadership interview 1"])
        #expect(excerpt.provenance.line == 11)
    }

    @Test("front matter with quotes, comments and a list goes through YAML")
    func yamlFrontMatter() throws {
        let excerpt = try #require(excerpts(try read("path: front-matter/yaml.md")).first)
        #expect(excerpt.kind == "focus group")
        #expect(excerpt.attributes == ["role": "Care leaver", "participants": "six young people, two youth workers"])
        #expect(excerpt.text == "A passage straight after the front matter.")
        #expect(excerpt.provenance.line == 8)
    }

    /// Each case: the file, the line the bad record must be at, and words of its reason. One
    /// note's wrong front matter stopped the whole run (a try-out); now the note is set aside.
    @Test("bad front matter makes the note a bad record at its line", arguments: [
        ("unknown-key.md", 3, "unknown key 'organization'"),
        ("list.md", 2, "'key: value' lines"),
        ("nested.md", 4, "expected a text value"),
        ("control-character.md", 3, "control characters are not allowed (U+0001)"),
        ("duplicate-key.md", 2, "'kind' appears twice"),  // at the first of the two
        ("not-yaml.md", nil, "not valid YAML"),
    ])
    func badFrontMatter(file: String, line: Int?, words: String) throws {
        let batch = try read("path: bad-front-matter/\(file)")
        #expect(batch.records.isEmpty, "\(file): its passages are not read")
        try #require(batch.rejects.count == 1, "\(batch.rejects)")
        let reject = batch.rejects[0]
        #expect(reject.provenance.file == "bad-front-matter/\(file)")
        if let line { #expect(reject.provenance.line == line) } else { #expect((2...4).contains(reject.provenance.line ?? 0)) }
        #expect(reject.reason.contains("front matter") && reject.reason.contains(words), "\(reject.reason)")
        if file == "unknown-key.md" { #expect(reject.reason.hasSuffix(" — did you mean 'organisation'?"), "\(reject.reason)") }
    }

    /// A try-out's Obsidian note (`attendees:`, `tags:`) was quarantined whole for its
    /// everyday keys. They are read past now, and listed with where they are first.
    @Test("everyday keys (attendees, tags, aliases, created…) are read past, listed in the source's notes with where")
    func everydayFrontMatterKeys() throws {
        let (batch, source) = try readSource("path: front-matter/obsidian.md")
        #expect(batch.rejects.isEmpty, "\(batch.rejects)")
        let excerpt = try #require(excerpts(batch).first)
        #expect(excerpt.kind == "workshop")
        #expect(excerpt.attributes == ["date": "2025-03-07", "title": "Ward walkabout debrief"])
        #expect(excerpt.text == "Residents raised evictions from private rented housing.")
        #expect(source.notes == ["front-matter/obsidian.md: front-matter keys read past, not used: 'attendees' (1 note, first at front-matter/obsidian.md:4), "
                                 + "'tags' (1 note, first at front-matter/obsidian.md:5), 'aliases' (1 note, first at front-matter/obsidian.md:8), "
                                 + "'created' (1 note, first at front-matter/obsidian.md:9) — notes are described by kind, date, role, organisation, "
                                 + "area, participants, title (see the interview-notes README)."])
        // Keys a loose match took for typos of the keys read are everyday keys too.
        let folder = try temporaryFolder(["a.md": "---\ntime: 10:00\nname: Ward walk\nnote: typed up later\nsite: Eastfield\nlink: x\nkind: workshop\n---\nText.\n",
                                          "b.md": "---\ntime: 11:00\n---\nMore.\n"])
        let (everyday, counted) = try readSource("path: .", base: folder)
        #expect(everyday.rejects.isEmpty && excerpts(everyday).map(\.text) == ["Text.", "More."], "\(everyday.rejects)")
        #expect(counted.notes.first?.contains("'time' (2 notes, first at ./a.md:2), 'name' (1 note, first at ./a.md:3)") == true, "\(counted.notes)")
    }

    /// Typos of the keys read still set the note aside (its quotes would be attributed to
    /// nobody), and so do keys about whether the note may be used, which the adapter cannot act
    /// on — unless their value clears the note.
    @Test("typos of the keys read, and keys about the note's use, set the note aside at their line", arguments: [
        ("titel: Ward walk", "unknown key 'titel' — did you mean 'title'?"),
        ("Role: Chair", "unknown key 'Role' — did you mean 'role'?"),
        ("participant: 3", "unknown key 'participant' — did you mean 'participants'?"),
        ("consent: withdrawn", "'consent' may limit how this note is used, which the notes adapter cannot act on: the note is not read — take the note out of the folder if it may not be quoted; if it may, write 'consent: yes' or remove the key"),
        ("consent:", "'consent' may limit"),
        ("confidential: true", "if it may, write 'confidential: no' or remove the key"),
        ("do_not_quote: yes", "'do_not_quote' may limit"),
        ("publish: false", "'publish' may limit"),
        ("redact: [Jo Bloggs]", "if it may, write 'redact: no' or remove the key (names to redact are listed in the pipeline's privacy: names or names_file)"),
        ("consent_form: signed 3 March", "if it may, remove the key"),
        ("GDPR basis: public task", "'GDPR basis' may limit"),
        // A re-check try-out's notes, quoted in the brief before: permission refused, or a restriction.
        ("quote: no", "if it may, write 'quote: yes' or remove the key"),
        ("on_record: false", "if it may, write 'on_record: yes' or remove the key"),
        ("share: no", "'share' may limit"),
        ("data_protection: restricted", "if it may, remove the key"),
        ("nda: true", "if it may, write 'nda: no' or remove the key"),
        ("Do not share: yes", "'Do not share' may limit"),
        // The same keys in other case and separator styles, and their kin: read by their words.
        ("Quote: No", "write 'Quote: yes'"),
        ("OnRecord: false", "write 'OnRecord: yes'"),
        ("off_the_record: yes", "write 'off_the_record: no'"),
        ("Off-The-Record: true", "write 'Off-The-Record: no'"),
        ("record: off", "write 'record: yes'"),
        ("sharing: internal only", "write 'sharing: yes'"),
        ("OK to share: maybe", "write 'OK to share: yes'"),
        ("dontShare: true", "write 'dontShare: no'"),
        ("may_be_quoted: no", "write 'may_be_quoted: yes'"),
        ("not_for_publication: true", "write 'not_for_publication: no'"),
        ("publication: internal", "write 'publication: yes'"),
        ("Data-Protection: restricted", "if it may, remove the key"),
        ("DATA_PROTECTION: none", "if it may, remove the key"),
        ("NDA: TRUE", "write 'NDA: no'"),
        ("nda_signed: yes", "write 'nda_signed: no'"),
        ("restricted: yes", "write 'restricted: no'"),
        ("private: yes", "write 'private: no'"),
        ("attribution: none", "write 'attribution: yes'"),
        ("anonymise: yes", "write 'anonymise: no'"),
        ("Consent revoked: no", "if it may, remove the key"),
        ("gdpr_consent: withdrawn", "write 'gdpr_consent: yes'"),
        ("embargo_until: 2026-01-01", "if it may, remove the key"),
        ("permission_to_quote: pending", "write 'permission_to_quote: yes'"),
    ])
    func frontMatterKeysThatMatter(line: String, words: String) throws {
        let folder = try temporaryFolder(["a.md": "---\nkind: interview\n\(line)\n---\nHousing is the worry.\n"])
        let batch = try read("path: .", base: folder)
        #expect(batch.records.isEmpty, "\(line): the note is not read")
        try #require(batch.rejects.count == 1, "\(batch.rejects)")
        #expect(batch.rejects[0].provenance.line == 3)
        #expect(batch.rejects[0].reason.hasPrefix("front matter: ") && batch.rejects[0].reason.contains(words), "\(batch.rejects[0].reason)")
        #expect(!batch.rejects[0].reason.contains("Jo Bloggs") && !batch.rejects[0].reason.contains("withdrawn"), "no value of the note in the reason")
    }

    @Test("a key about the note's use whose value clears the note is read past", arguments: [
        "consent: yes", "consent: Given", "quotable: true", "confidential: no", "do_not_quote: false", "publish: true", "anonymous: none",
        "quote: yes", "on_record: true", "nda: no", "agenda: budget", "shareholders: none",
        "Quote: Yes", "OnRecord: true", "off_the_record: no", "share: public", "NDA: false", "restricted: no",
        "gdpr_consent: yes", "attribution: granted", "permission_to_quote: OK", "publishDate: 2025-01-01", "secretary: Jo",
        "quotes: [a, b]", "record_count: 3",
    ])
    func clearedUseKeys(line: String) throws {
        let folder = try temporaryFolder(["a.md": "---\nkind: interview\n\(line)\n---\nHousing is the worry.\n"])
        let batch = try read("path: .", base: folder)
        #expect(batch.rejects.isEmpty, "\(batch.rejects)")
        #expect(excerpts(batch).map(\.text) == ["Housing is the worry."])
    }

    @Test("front matter never closed stops the run at line 1")
    func unclosedFrontMatter() throws {
        do {
            _ = try read("path: bad-front-matter/unclosed.md")
            Issue.record("read")
        } catch let error as BaselineError {
            #expect(error.file == "bad-front-matter/unclosed.md" && error.line == 1)
            #expect(error.message.contains("never closed"))
        }
    }

    // MARK: - Speakers

    @Test("speaker turns: Q/A, names, bold labels, persistence, and lines that only look like turns")
    func speakers() throws {
        let found = excerpts(try read("path: speakers/focus-group.md"))
        let expected: [(Int, String, String?, String?)] = [
            (7, "What was it like finding somewhere to live?", "Facilitator", "question"),
            (9, "I was in a B&B for four months.", "Jordan", "answer"),
            (10, "Mine was alright but there was no furniture. It took weeks to sort.", "Amira", "answer"),
            (13, "Still Amira, a second paragraph.", "Amira", "answer"),
            (15, "Sofa surfing, mostly.", "Participant 3", "answer"),
            (17, "Note: this line labels a note, not a speaker.", "Participant 3", "answer"),
            (19, "Housing and health: a topic, not a person.", "Participant 3", "answer"),
            (23, "What would help?", "Q", "question"),
            (25, "One person who stays.", "A", "answer"),
            (27, "And the second question?", "Q1", "question"),
            (29, "a bullet with a speaker.", "Kayden", "answer"),
        ]
        #expect(found.count == expected.count)
        for (excerpt, (line, text, speaker, turn)) in zip(found, expected) {
            #expect(excerpt.provenance.line == line)
            #expect(excerpt.text == text)
            #expect(excerpt.attributes["speaker"] == speaker)
            #expect(excerpt.attributes["turn"] == turn)
            #expect(excerpt.kind == "focus group")
        }
        #expect(found[7].heading == "Interview part")
    }

    /// The title above the speaker line and the `Date:` line below it (the README's example) are
    /// the note's header, not a passage: a try-out's "Interview notes, housing Date: 4 March 2025"
    /// was coded as a housing mention and quoted. A line said in the same block is kept.
    @Test("a plain-text note's speaker line says who the note is from: role and organisation, the speaker outside turns; its header block is no passage")
    func speakerLine() throws {
        let folder = try temporaryFolder([
            "a.txt": "Interview notes, Millbrook housing\nInterviewee: Jo Bloggs (Head of Housing, Millbrook Council)\nDate: 4 March 2025\n\nThe waiting list is the worst it has been.\n\nQ: What would help?\n\nA: More social rent.\n",
            "g.txt": "Interviewee: Ann Ray\nLocation: Millbrook library\nNotes: rents are the worry here.\n",
            "b.txt": "Speaker: Millbrook Youth Trust\n\nYoung people cannot get to college.\n",
            "c.txt": "---\nrole: Chair\n---\nRespondent: Sam Lee (Treasurer, Eastfield Residents)\n\nThe hall needs a roof.\n",
            "d.txt": "Participant: I think the buses are poor\n",
            "e.txt": "Speaker: We need more buses.\n",
            "f.txt": "Title\n\n\n\n\n\n\n\n\n\n\nSpeaker: Too late (Nobody)\n",
        ])
        let found = excerpts(try read("path: \(folder)"))
        let rows = found.map { [$0.provenance.file.split(separator: "/").last.map(String.init) ?? "", "\($0.provenance.line ?? 0)", $0.text,
                                $0.attributes["speaker"] ?? "-", $0.attributes["role"] ?? "-", $0.attributes["organisation"] ?? "-"] }
        #expect(rows == [
            ["a.txt", "5", "The waiting list is the worst it has been.", "Jo Bloggs", "Head of Housing", "Millbrook Council"],
            ["a.txt", "7", "What would help?", "Q", "Head of Housing", "Millbrook Council"],
            ["a.txt", "9", "More social rent.", "A", "Head of Housing", "Millbrook Council"],
            ["b.txt", "3", "Young people cannot get to college.", "Millbrook Youth Trust", "-", "-"],
            ["c.txt", "6", "The hall needs a roof.", "Sam Lee", "Chair", "Eastfield Residents"],
            ["d.txt", "1", "I think the buses are poor", "Participant", "-", "-"],
            ["e.txt", "1", "We need more buses.", "Speaker", "-", "-"],
            ["f.txt", "1", "Title", "-", "-", "-"],
            ["f.txt", "12", "Too late (Nobody)", "Speaker", "-", "-"],
            ["g.txt", "3", "Notes: rents are the worry here.", "Ann Ray", "-", "-"],
        ])
    }

    // MARK: - Encodings and bad files

    @Test("UTF-8 with a byte order mark and CRLF line ends")
    func byteOrderMark() throws {
        let found = excerpts(try read("path: encodings/bom.md"))
        #expect(found.map(\.text) == ["A note saved by Notepad — with a BOM and CRLF.", "Second passage."])
        #expect(found.map(\.kind) == ["interview", "interview"])
        #expect(found.map { $0.provenance.line ?? 0 } == [5, 7])
    }

    @Test("Windows-1252 is read as such under auto and windows-1252")
    func windows1252() throws {
        for encoding in ["auto", "windows-1252"] {
            let found = excerpts(try read("path: encodings/windows.txt\nencoding: \(encoding)"))
            #expect(found.map(\.text) == ["Riverside Housing – notes", "“We find out from the police,” she said. Rent arrears over £2,000; café."])
        }
    }

    @Test("auto decides passage by passage; utf-8 rejects a passage that is not UTF-8, at its line")
    func mixedEncodings() throws {
        #expect(excerpts(try read("path: encodings/mixed.md")).map(\.text) == ["Valid UTF-8 here: café.", "Not UTF-8 here: café."])
        let strict = try read("path: encodings/mixed.md\nencoding: utf-8")
        #expect(excerpts(strict).map(\.text) == ["Valid UTF-8 here: café."])
        #expect(strict.rejects.map { $0.provenance.location } == ["encodings/mixed.md:5"])
        #expect(strict.rejects.first?.reason.hasSuffix("save the file as UTF-8, or set `encoding: auto` to read such passages as Windows-1252") == true)
    }

    @Test("binary, UTF-16 and empty files are bad records naming the file; the rest is read; a photo is not a note")
    func badFiles() throws {
        let batch = try read("path: bad-files")
        #expect(excerpts(batch).map(\.text) == ["Readable notes."])
        let rejects = batch.rejects.map { ($0.provenance.file, $0.reason) }
        #expect(rejects.map(\.0) == ["bad-files/empty.md", "bad-files/front-matter-only.md", "bad-files/unicode.txt"])
        #expect(rejects[0].1.hasPrefix("no text"))
        #expect(rejects[1].1.hasPrefix("no text"))
        #expect(rejects[2].1.contains("UTF-16"))
        #expect(batch.rejects.allSatisfy { $0.content.isEmpty })
        // A binary file named as a note, and a photo named by `path:` itself, are read and set aside.
        let folder = try temporaryFolder(["scan.md": "PNG\u{0}\u{0}\u{1}", "ok.md": "Fine.\n"])
        let binary = try read("path: .", base: folder)
        #expect(excerpts(binary).map(\.text) == ["Fine."])
        #expect(binary.rejects.map(\.reason).first?.hasPrefix("not a text file") == true)
        let photo = try read("path: bad-files/photo.png")
        #expect(photo.rejects.map(\.reason).first?.hasPrefix("not a text file") == true, "one file named is read whatever its name")
    }

    /// A try-out kept `codebook.yaml` and `names-to-redact.txt` beside the notes: both were read as
    /// notes, the codebook's phrases counted as mentions of every theme and were quoted as
    /// evidence. Only `.md`, `.markdown`, `.txt` and `.vtt` (a Teams or Zoom transcript) files are
    /// notes, and not a file the pipeline names for itself.
    @Test("in a folder only .md, .markdown, .txt and .vtt are notes; other files and the pipeline's own are left out, with why")
    func onlyNotesAreRead() throws {
        let folder = try temporaryFolder([
            "a.md": "A.\n", "b.markdown": "B.\n", "c.TXT": "C.\n", "sub/d.Md": "D.\n",
            "codebook.yaml": "themes:\n  - id: trust\n    phrases: [trust]\n", "survey.csv": "a,b\n1,2\n", "data.json": "{}\n",
            "photo.jpg": "\u{FF}\u{D8}", "README": "Read me.\n", "names-to-redact.txt": "Sarah Okafor\n",
            "interview.docx": "PK\u{3}\u{4}\u{0}", "interview.rtf": "{\\rtf1 notes}\n",
            "teams.VTT": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Jo>E.</v>\n", "captions.srt": "1\n00:00:01,000 --> 00:00:02,000\nF.\n",
        ])
        let configuration = try NodeDecoder(file: "pipeline.yaml", userInfo: [.baseDirectory: folder])
            .decode(InterviewNotesConfiguration.self, from: try Yams.compose(yaml: "path: .")!)
        let context = SourceContext(id: "notes", pipeline: PipelineContext(placeName: "M", placeCode: "E", period: "2025", baseDirectory: folder),
                                    namedFiles: [folder + "/names-to-redact.txt": "names_file", "/elsewhere/codebook.yaml": "codebook"])
        let source = try InterviewNotesAdapter.makeSource(configuration: configuration, context: context)
        let batch = try drain(source)
        #expect(excerpts(batch).map(\.text) == ["A.", "B.", "C.", "D.", "E."])
        #expect(source.inputs.map(\.path) == ["./a.md", "./b.markdown", "./c.TXT", "./interview.docx",
                                               "./interview.rtf", "./sub/d.Md", "./teams.VTT"])
        #expect(source.leftOut == [
            LeftOutInput(path: "./README", reason: "no extension: notes are .md, .markdown, .txt or .vtt files"),
            LeftOutInput(path: "./captions.srt", reason: "a .srt file: notes are .md, .markdown, .txt or .vtt files"),
            LeftOutInput(path: "./codebook.yaml", reason: "a .yaml file: notes are .md, .markdown, .txt or .vtt files"),
            LeftOutInput(path: "./data.json", reason: "a .json file: notes are .md, .markdown, .txt or .vtt files"),
            LeftOutInput(path: "./names-to-redact.txt", reason: "the pipeline's `names_file:`, not a note"),
            LeftOutInput(path: "./photo.jpg", reason: "a .jpg file: notes are .md, .markdown, .txt or .vtt files"),
            LeftOutInput(path: "./survey.csv", reason: "a .csv file: notes are .md, .markdown, .txt or .vtt files"),
        ])
        #expect(try InterviewNotesAdapter.leftOut(configuration: configuration, context: context) == source.leftOut, "validate says what run does")
        // A word processor's documents are notes in a form that is not read: bad records saying what to do.
        #expect(batch.rejects.map(\.provenance.file) == ["./interview.docx", "./interview.rtf"])
        #expect(batch.rejects.first?.reason == "a Word document (.docx): notes are read from Markdown or plain text — save it as .txt or .md, or take it out of the folder")
        #expect(LeftOutInput.warning(Array(source.leftOut.prefix(2)), source: "notes")
                == "notes: 2 files found are left out, not read: ./README (no extension: notes are .md, .markdown, .txt or .vtt files), "
                   + "./captions.srt (a .srt file: notes are .md, .markdown, .txt or .vtt files)")
    }

    @Test("a glob reads only notes too, and leaves out the pipeline's files; one file named is read whatever its name")
    func globsAndOneFile() throws {
        let folder = try temporaryFolder(["a.md": "A.\n", "names.txt": "Sarah Okafor\n", "codebook.yaml": "themes: []\n"])
        let context = SourceContext(id: "notes", pipeline: PipelineContext(placeName: "M", placeCode: "E", period: "2025", baseDirectory: folder),
                                    namedFiles: [folder + "/names.txt": "names_file", folder + "/codebook.yaml": "codebook"])
        func source(_ yaml: String) throws -> any RecordSource {
            let configuration = try NodeDecoder(file: "pipeline.yaml", userInfo: [.baseDirectory: folder])
                .decode(InterviewNotesConfiguration.self, from: try Yams.compose(yaml: yaml)!)
            return try InterviewNotesAdapter.makeSource(configuration: configuration, context: context)
        }
        let glob = try source("path: ./*")
        #expect(glob.inputs.map(\.path) == ["./a.md"])
        #expect(glob.leftOut.map(\.reason) == ["the pipeline's `codebook:`, not a note", "the pipeline's `names_file:`, not a note"])
        let one = try source("path: codebook.yaml")
        #expect(one.inputs.map(\.path) == ["codebook.yaml"] && one.leftOut.isEmpty)
    }

    @Test("the pipeline's own files are found in the folder through a link in the path on either side")
    func namedFilesThroughLinks() throws {
        let folder = try temporaryFolder(["notes/a.md": "A.\n", "notes/names.txt": "Sarah Okafor\n"])
        #expect(symlink(folder + "/notes", folder + "/linked") == 0)
        let configuration = try NodeDecoder(file: "pipeline.yaml", userInfo: [.baseDirectory: folder])
            .decode(InterviewNotesConfiguration.self, from: try Yams.compose(yaml: "path: linked")!)
        let source = try InterviewNotesAdapter.makeSource(configuration: configuration, context: SourceContext(
            id: "notes", pipeline: PipelineContext(placeName: "M", placeCode: "E", period: "2025", baseDirectory: folder),
            namedFiles: [folder + "/notes/names.txt": "names_file"]))
        #expect(source.inputs.map(\.path) == ["linked/a.md"])
        #expect(source.leftOut.map(\.path) == ["linked/names.txt"])
    }

    @Test("the digests of the files read whole match sha256sum; a file set aside unread has none (the runner hashes it)")
    func digests() throws {
        let configuration = try NodeDecoder(file: "pipeline.yaml", userInfo: [.baseDirectory: Self.fixtures])
            .decode(InterviewNotesConfiguration.self, from: try Yams.compose(yaml: "path: bad-files")!)
        let context = SourceContext(id: "notes", pipeline: PipelineContext(placeName: "Millbrook", placeCode: "E07999001",
                                                                            period: "2025", baseDirectory: Self.fixtures))
        let source = try InterviewNotesAdapter.makeSource(configuration: configuration, context: context)
        #expect(source.hashesInputs && source.readsAhead)
        _ = try drain(source)
        let digests = source.inputDigests
        let unread = ["bad-files/unicode.txt"]
        for (index, input) in source.inputs.enumerated() {
            guard !unread.contains(input.path) else {
                #expect(index >= digests.count || digests[index] == nil, "\(input.path)")
                continue
            }
            let digest = try #require(index < digests.count ? digests[index] : nil, "\(input.path)")
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sha256sum", input.resolved]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").first
            #expect(digest.sha256 == expected.map(String.init), "\(input.path)")
            #expect(digest.bytes == (try FileManager.default.attributesOfItem(atPath: input.resolved)[.size] as? Int), "\(input.path)")
        }
        #expect(digests.compactMap { $0 }.count == source.inputs.count - unread.count)
    }

    @Test("an unreadable file is a bad record, not a crash", .enabled(if: getuid() != 0, "root reads any file"))
    func unreadable() throws {
        let folder = try temporaryFolder(["locked.md": "Secret.\n", "open.md": "Open.\n"])
        chmod(folder + "/locked.md", 0)
        let batch = try read("path: .", base: folder)
        #expect(excerpts(batch).map(\.text) == ["Open."])
        #expect(batch.rejects.first?.reason.hasPrefix("cannot read the file") == true)
    }

    // MARK: - Metadata from file names

    @Test("front matter, then the file name, then defaults")
    func fileNames() throws {
        let found = excerpts(try read("""
            path: filenames
            filename_pattern: "{date}_{kind}_{organisation}"
            defaults: { kind: notes, area: Millbrook }
            """))
        #expect(found.count == 3)
        #expect(found[0].kind == "interview")
        #expect(found[0].attributes == ["date": "2025-03-01", "organisation": "Riverside Housing", "area": "Millbrook"])
        #expect(found[1].kind == "workshop")
        #expect(found[1].attributes == ["date": "2025-03-05", "organisation": "eastfield", "area": "Millbrook"])
        #expect(found[2].kind == "notes")
        #expect(found[2].attributes == ["area": "Millbrook"])
    }

    @Test("a bad file-name pattern is an error in the pipeline", arguments: [
        ("{date}{kind}", "side by side"), ("{dates}_{kind}", "did you mean '{date}'?"), ("notes", "no placeholder"), ("{date", "never closed"),
    ])
    func badPatterns(pattern: String, words: String) throws {
        do {
            _ = try read("path: filenames\nfilename_pattern: \"\(pattern)\"")
            Issue.record("accepted \(pattern)")
        } catch let error as BaselineError {
            #expect(error.file == "pipeline.yaml")
            #expect(error.line == 2)
            #expect(error.message.contains(words), "\(error)")
        }
    }

    // MARK: - Folders and globs

    @Test("a folder is read with its sub-folders, hidden files skipped, in path order; a glob reads one folder")
    func folders() throws {
        let folder = try temporaryFolder(["b.md": "B.\n", "a.txt": "A.\n", "sub/c.md": "C.\n", ".hidden.md": "H.\n",
                                          ".git/d.md": "D.\n", "sub/e.MD": "E.\n"])
        let all = excerpts(try read("path: .", base: folder))
        #expect(all.map(\.document) == ["./a.txt", "./b.md", "./sub/c.md", "./sub/e.MD"])
        let markdown = excerpts(try read("path: ./*.md", base: folder))
        #expect(markdown.map(\.text) == ["B."])
    }

    @Test("a folder that is not there, or a pattern before the last part, is an error in the pipeline")
    func badPaths() throws {
        #expect(throws: BaselineError.self) { try read("path: no-such-folder") }
        #expect(throws: BaselineError.self) { try read("path: bad-*/ok.md") }
    }

    @Test("many files make batches of about the adapter's batch size, and every record is counted")
    func batches() throws {
        var files = [String: String]()
        for index in 0..<300 {
            files[String(format: "note-%03d.md", index)] = (0..<20).map { "Paragraph \($0) of note \(index)." }.joined(separator: "\n\n")
        }
        let folder = try temporaryFolder(files)
        let configuration = try NodeDecoder(file: "pipeline.yaml", userInfo: [.baseDirectory: folder])
            .decode(InterviewNotesConfiguration.self, from: try Yams.compose(yaml: "path: .")!)
        let source = try InterviewNotesAdapter.makeSource(configuration: configuration, context: SourceContext(
            id: "notes", pipeline: PipelineContext(placeName: "M", placeCode: "E", period: "2025", baseDirectory: folder)))
        var sizes = [Int]()
        while let batch = try source.next() { sizes.append(batch.records.count) }
        #expect(sizes.reduce(0, +) == 6000)
        #expect(sizes.dropLast().allSatisfy { $0 >= InterviewNotesAdapter.batchSize && $0 < InterviewNotesAdapter.batchSize + 20 })
        #expect(sizes.count > 2)
        #expect(source.inputs.count == 300)
    }

    /// Councils name an interview's notes after the person: the name is redacted wherever the
    /// file is shown (a try-out's `…_interview_Tom Reeves.txt` reached the manifest, the evidence
    /// table and every quote's provenance), and the file is still read.
    @Test("a file named after a listed person is shown with the name redacted, in inputs and provenance")
    func fileNamesAreRedacted() throws {
        let folder = try temporaryFolder(["2025-03-04_interview_Tom Reeves.txt": "Housing is the worry.\n", "Tom_Reeves-followup.md": "More on housing.\n",
                                          "2025-03-05_interview_housing.txt": "Rents are up.\n", "2025-03-04_interview_Ann Lee.txt": "Buses stop at six.\n"])
        let configuration = try NodeDecoder(file: "pipeline.yaml", userInfo: [.baseDirectory: folder])
            .decode(InterviewNotesConfiguration.self, from: try Yams.compose(yaml: "path: .")!)
        let source = try InterviewNotesAdapter.makeSource(configuration: configuration, context: SourceContext(
            id: "notes", pipeline: PipelineContext(placeName: "M", placeCode: "E", period: "2025", baseDirectory: folder, benchmarks: [],
                                                   privacy: PrivacySettings(names: ["Tom Reeves", "Ann Lee"]))))
        let batch = try drain(source)
        let shown = source.inputs.map(\.path) + excerpts(batch).map(\.provenance.file) + excerpts(batch).map(\.document)
        #expect(!shown.contains { $0.contains("Tom") || $0.contains("Reeves") || $0.contains("Ann") }, "\(shown)")
        // Two interviews whose names redact alike stay two notes: the second is numbered.
        #expect(Set(source.inputs.map { URL(fileURLWithPath: $0.path).lastPathComponent })
                == ["2025-03-04_interview_[name].txt", "2025-03-04_interview_[name] (2).txt", "[name]-followup.md", "2025-03-05_interview_housing.txt"])
        #expect(Set(excerpts(batch).map(\.document)).count == 4)
        #expect(excerpts(batch).map(\.text).sorted() == ["Buses stop at six.", "Housing is the worry.", "More on housing.", "Rents are up."])
    }

    @Test("files opened ahead are read in order; one gone before it is read is a bad record naming it")
    func prefetchedFiles() throws {
        var files = [String: String]()
        for index in 0..<(InterviewNotesAdapter.prefetchDistance * 2) { files[String(format: "note-%03d.md", index)] = "Note \(index).\n" }
        let folder = try temporaryFolder(files)
        let configuration = try NodeDecoder(file: "pipeline.yaml", userInfo: [.baseDirectory: folder])
            .decode(InterviewNotesConfiguration.self, from: try Yams.compose(yaml: "path: .")!)
        let source = try InterviewNotesAdapter.makeSource(configuration: configuration, context: SourceContext(
            id: "notes", pipeline: PipelineContext(placeName: "M", placeCode: "E", period: "2025", baseDirectory: folder)))
        try FileManager.default.removeItem(atPath: folder + "/note-040.md")
        let batch = try drain(source)
        let expected = (0..<(InterviewNotesAdapter.prefetchDistance * 2)).filter { $0 != 40 }.map { "Note \($0)." }
        #expect(excerpts(batch).map(\.text) == expected)
        #expect(batch.rejects.map { $0.provenance.file } == ["./note-040.md"] || batch.rejects.map { $0.provenance.file } == ["note-040.md"])
        #expect(batch.rejects.first?.reason.hasPrefix("cannot read the file") == true)
    }

    @Test("the sample configuration decodes and is the same as sample.yaml")
    func sample() throws {
        let pipelines = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("pipelines").path
        try Pipeline.decodeSample(of: InterviewNotesAdapter.self, base: pipelines)
        let file = URL(fileURLWithPath: pipelines).deletingLastPathComponent().appendingPathComponent("Sources/Adapters/InterviewNotes/sample.yaml")
        #expect(try String(contentsOf: file, encoding: .utf8) == InterviewNotesAdapter.sampleConfiguration + "\n")
    }

    // MARK: - Helpers

    /// A new temporary folder holding `files` (relative path → text).
    func temporaryFolder(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("notes-\(UUID().uuidString)")
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return folder.path
    }
}
