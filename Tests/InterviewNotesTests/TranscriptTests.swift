import BaselineConfig
import BaselineCore
import BaselinePipeline
import BaselineTestKit
import Foundation
import InterviewNotes
import Testing
import Yams

/// Meeting transcripts as notes: WebVTT from Teams and Zoom, Otter.ai's text export (the
/// fixtures under `Fixtures/transcripts/` are BUILT to the tools' documented layouts; see the
/// README there). A try-out left the `.vtt` files out with a warning that said not what to do;
/// copied to `.txt`, every cue identifier and timing line became a passage, Teams' voice tags
/// reached the brief with the speaker's name in them, and Otter's `Speaker 1  1:05` lines were
/// no turns, so the interviewer's "And housing?" was coded as a mention of housing.
extension InterviewNotesTests {
    /// Each excerpt as [line, text, speaker, turn] ("-" for none).
    func turns(_ batch: RecordBatch) -> [[String]] {
        excerpts(batch).map { ["\($0.provenance.line ?? 0)", $0.text, $0.attributes["speaker"] ?? "-", $0.attributes["turn"] ?? "-"] }
    }

    @Test("a Teams transcript: no identifiers or timing lines, the speaker from the voice tag, one speaker's cues one turn")
    func teamsTranscript() throws {
        let batch = try read("path: transcripts/teams.vtt")
        #expect(batch.rejects.isEmpty, "\(batch.rejects)")
        #expect(turns(batch) == [
            ["5", "Thanks for making the time. What gets in the way?", "Alex Jones", "answer"],
            ["9", "The biggest problem is housing. We have families in temporary accommodation for months. And the buses to the hospital stop at six.",
             "Sam Patel", "answer"],
            ["18", "And for young people?", "Alex Jones", "answer"],
            ["22", "Somewhere safe to go at night for care leavers & a key worker.", "Sam Patel", "answer"],
            ["26", "Thank you both.", "Renée Dubois", "answer"],
        ])
        for text in excerpts(batch).map(\.text) {
            for junk in ["-->", "<v", "</v>", "3f1c2a4e", "WEBVTT", "&amp;"] { #expect(!text.contains(junk), "\(text)") }
        }
    }

    @Test("a Zoom transcript: the speaker from a leading 'Name:', Interviewer's turns are questions, a cue with no speaker is a passage of its own")
    func zoomTranscript() throws {
        let batch = try read("path: transcripts/zoom.vtt")
        #expect(batch.rejects.isEmpty, "\(batch.rejects)")
        #expect(turns(batch) == [
            ["5", "What would make the biggest difference to housing?", "Interviewer", "question"],
            ["9", "More affordable homes, and a night shelter in the town centre. The hostel is always full.", "Jo Bloggs", "answer"],
            ["17", "(inaudible) the buses stop at six.", "-", "-"],
            ["21", "We share data now: it helps.", "Patel, Sam (Tryton Council)", "answer"],
        ])
    }

    @Test("WebVTT as the specification writes it: header lines, NOTE, STYLE and REGION blocks, cue settings, classes, tags and references")
    func webVTTFeatures() throws {
        let batch = try read("path: transcripts/features.vtt")
        #expect(batch.rejects.isEmpty, "\(batch.rejects)")
        #expect(turns(batch) == [
            ["17", "We need one front door, not five. Still Priya.", "Priya", "answer"],
            ["20", "Thank you. And the hub?", "Facilitator", "question"],
            ["23", "It's under one roof now <finally>. Second line of Ann's cue. A cue straight after, with no blank line.", "Ann", "answer"],
            ["29", "Nobody named says x < y here.", "-", "-"],
        ])
    }

    @Test("an Otter.ai text export: 'Speaker 1  0:00' lines start turns that run to the next one")
    func otterTranscript() throws {
        let batch = try read("path: transcripts/otter.txt")
        #expect(turns(batch) == [
            ["1", "Otter export - GP clinical director interview", "-", "-"],
            ["4", "Thanks for joining. What gets in the way of working together?", "Speaker 1", "answer"],
            ["7", "Honestly, discharge. Frail older people wait days for a care package.", "Dr Priya Shah", "answer"],
            ["10", "And housing?", "Speaker 1", "answer"],
            ["13", "We see homelessness in the surgery every week.", "Dr Priya Shah", "answer"],
            ["15", "A second paragraph of the same turn.", "Dr Priya Shah", "answer"],
            ["18", "A name beyond ASCII, after a tab.", "Zoë Brown", "answer"],
        ])
    }

    /// Otter's line is a name, two spaces and a time, alone at the start of a paragraph, with the
    /// turn's text on the next line: anything less is notes, read as before.
    @Test("lines that only look like Otter's speaker lines stay text")
    func notOtterLines() throws {
        let folder = try temporaryFolder([
            "a.md": "Lunch 12:30\nTalks resume after.\n",
            "b.md": "Lunch  12:30\n\nAfter a blank line.\n",
            "c.md": "Welcome  10:00\nPresentations  10:15\n",
            "d.md": "Note  10:00\nSomething noted.\n",
            "e.md": "We met them at  10:30\nand talked.\n",
            "f.md": "A paragraph first.\nSpeaker 1  0:00\nStill the paragraph.\n",
            "g.md": "Speaker 1  0:00",
        ])
        let found = excerpts(try read("path: .", base: folder)).map { [$0.document.split(separator: "/").last.map(String.init) ?? "", $0.text, $0.attributes["speaker"] ?? "-"] }
        #expect(found == [
            ["a.md", "Lunch 12:30 Talks resume after.", "-"],
            ["b.md", "Lunch  12:30", "-"],
            ["b.md", "After a blank line.", "-"],
            ["c.md", "Welcome  10:00 Presentations  10:15", "-"],
            ["d.md", "Note  10:00 Something noted.", "-"],
            ["e.md", "We met them at  10:30 and talked.", "-"],
            ["f.md", "A paragraph first. Speaker 1  0:00 Still the paragraph.", "-"],
            ["g.md", "Speaker 1  0:00", "-"],
        ])
    }

    /// A transcript names people, not roles: `interviewers:` says whose turns are the questions,
    /// which `code-themes` leaves uncoded; without it the run says which transcripts have none.
    @Test("interviewers: names the speakers whose turns are questions; transcripts with none are noted")
    func interviewers() throws {
        // `*t`: the .vtt and .txt files, not the README beside them.
        let (plain, unmarked) = try readSource("path: transcripts/*t")
        #expect(excerpts(plain).filter { $0.attributes["turn"] == "question" }.map(\.text)
                == ["Thank you. And the hub?", "What would make the biggest difference to housing?"])
        #expect(unmarked.notes == ["transcripts/*t: 2 transcripts name their speakers but mark none as the interviewer "
                                   + "(transcripts/otter.txt, transcripts/teams.vtt): every turn is coded as what people said, "
                                   + "the questions too — list the interviewer under the source's `interviewers:`."])
        let (marked, source) = try readSource("path: transcripts/*t\ninterviewers: [alex  JONES, Speaker 1]")
        #expect(excerpts(marked).filter { $0.attributes["turn"] == "question" }.map(\.text) == [
            "Thank you. And the hub?", "Thanks for joining. What gets in the way of working together?", "And housing?",
            "Thanks for making the time. What gets in the way?", "And for young people?",
            "What would make the biggest difference to housing?",
        ])
        #expect(source.notes.isEmpty, "\(source.notes)")
        // In notes too: a named turn of a listed speaker is a question.
        let folder = try temporaryFolder(["a.md": "Alex Jones: What about housing?\n\nJo: Housing is the worry.\n"])
        #expect(turns(try read("path: .\ninterviewers: [Alex Jones]", base: folder)) == [
            ["1", "What about housing?", "Alex Jones", "question"], ["3", "Housing is the worry.", "Jo", "answer"],
        ])
        #expect(throws: BaselineError.self) { try read("path: .\ninterviewers: [' ']", base: folder) }
    }

    /// A `.txt` copy of a transcript (the try-out's workaround) is read as the transcript it is.
    @Test("a file of any extension whose first line is WEBVTT is read as WebVTT")
    func webVTTByItsFirstLine() throws {
        let teams = try String(contentsOfFile: Self.fixtures + "/transcripts/teams.vtt", encoding: .utf8)
        let folder = try temporaryFolder(["teams.txt": "\u{FEFF}" + teams, "notes.md": "WEBVTTish is no header.\n"])
        let found = excerpts(try read("path: .", base: folder))
        #expect(found.filter { $0.document.hasSuffix("teams.txt") }.map { [$0.text, $0.attributes["speaker"] ?? "-"] } == [
            ["Thanks for making the time. What gets in the way?", "Alex Jones"],
            ["The biggest problem is housing. We have families in temporary accommodation for months. And the buses to the hospital stop at six.", "Sam Patel"],
            ["And for young people?", "Alex Jones"],
            ["Somewhere safe to go at night for care leavers & a key worker.", "Sam Patel"],
            ["Thank you both.", "Renée Dubois"],
        ])
        #expect(found.filter { $0.document.hasSuffix("notes.md") }.map(\.text) == ["WEBVTTish is no header."])
    }

    /// A re-check try-out's transcript of 300 cues naming no speaker was one passage: every
    /// theme one mention. Cues with no speaker are passages of their own; one speaker's
    /// consecutive cues still make one turn.
    @Test("cues with no speaker are passages of their own")
    func speakerlessCues() throws {
        let vtt = "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nHousing is the worry.\n\n2\n00:00:02.000 --> 00:00:03.000\n"
            + "Care leavers need a key worker.\n\n00:00:03.000 --> 00:00:04.000\n<v Sam>Frail older people.</v>\n\n"
            + "00:00:04.000 --> 00:00:05.000\n<v Sam>And the buses.</v>\n\n00:00:05.000 --> 00:00:06.000\nThe night shelter.\n"
        let folder = try temporaryFolder(["call.vtt": vtt])
        #expect(excerpts(try read("path: .", base: folder)).map { [$0.text, $0.attributes["speaker"] ?? "-"] } == [
            ["Housing is the worry.", "-"], ["Care leavers need a key worker.", "-"],
            ["Frail older people. And the buses.", "Sam"], ["The night shelter.", "-"],
        ])
        // `-->` in a cue's text is text, not a bad timing line (a re-check try-out's cue was set aside).
        let arrows = try temporaryFolder(["call.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>Prices --> up,\nhousing --> worse.</v>\n"])
        let batch = try read("path: .", base: arrows)
        #expect(batch.rejects.isEmpty, "\(batch.rejects.map(\.reason))")
        #expect(excerpts(batch).map(\.text) == ["Prices --> up, housing --> worse."])
    }

    /// A re-check try-out's transcripts: `-->` in a cue's text, a timing line inside a cue,
    /// times out of range, cues naming no one, and a voice tag holding tags.
    @Test("a timing line starts with a time and '-->', minutes and seconds below 60; cues with no speaker are passages; a malformed voice tag leaves no tag text")
    func timingLinesAndVoiceTags() throws {
        let vtt = """
            WEBVTT

            1
            00:00:01.000 --> 00:00:02.000
            Ann: prices --> up, housing --> worse

            2
            00:00:02.000 --> 00:00:03.000
            Bob: then this line
            00:00:05.000 --> 00:00:06.000
            after an embedded timing line about hostel

            3
            00:00:03.000 --> garbage
            Ann: bad timing about homelessness

            Ann: no timing --> line
            Ann: text

            -->
            Ann: just arrow timing

            4
            99:99:99.999 --> 00:00:00.000 align:start
            Ann: odd times about tenancy

            00:59.000 --> 01:00.000
            <v <script>alert(1)</script>>We need more affordable homes.</v>

            00:00:07.000 --> 00:00:08.000
            housing is bad

            00:00:08.000 --> 00:00:09.000
            the night shelter is full
            00:00:09.000 --> 00:00:10.000
            we need a hostel
            00:00:10.000 --> 00:00:11.000
            00:60.000 --> 00:61.000
            not read

            00:00:12.000 --> 00:00:13.000
            <v>
            < & &bogus; &#0; &#x110000; &#xZZ; <c.x

            """
        let batch = try read("path: .", base: try temporaryFolder(["call.vtt": vtt]))
        #expect(turns(batch) == [
            ["5", "prices --> up, housing --> worse", "Ann", "answer"],
            ["9", "then this line", "Bob", "answer"],
            ["11", "after an embedded timing line about hostel", "-", "-"],
            ["28", "We need more affordable homes.", "-", "-"],
            ["31", "housing is bad", "-", "-"],
            ["34", "the night shelter is full", "-", "-"],
            ["36", "we need a hostel", "-", "-"],
            // What a bad-transcripts fixture's unclosed voice tag had run into (that cue is now set aside).
            ["43", "< & &bogus; &#0; &#x110000; &#xZZ; <c.x", "-", "-"],
        ])
        #expect(batch.rejects.map { "\($0.provenance.line ?? 0): \($0.reason.prefix(30))" } == [
            "14: a cue timing line that is not ",
            "17: a line with '-->' where a cue'",
            "20: a cue timing line that is not ",
            "24: a cue timing line that is not ",
            "38: a cue timing line that is not ",
        ])
        #expect(batch.rejects.allSatisfy { $0.reason.contains(" — ") && !$0.reason.contains("Ann") }, "each says what to do")
    }

    /// Malformed WebVTT is a bad record at its line, with what to do; the cues around it are
    /// read; nothing of its text is in the reason. Never a crash or a hang (the files are seeds
    /// of the notes fuzzer too).
    @Test("malformed WebVTT: bad records at their lines, the rest read")
    func malformedWebVTT() throws {
        let batch = try read("path: bad-transcripts")
        #expect(turns(batch) == [
            ["5", "Housing first.", "Jo", "answer"],
            ["14", "Housing last.", "Jo", "answer"],
            ["7", "Read: short times are times.", "Ann", "answer"],
            ["6", "Read.", "Jo", "answer"],
        ])
        let rejects = batch.rejects.map { "\($0.provenance.file.split(separator: "/").last!):\($0.provenance.line ?? 0): \($0.reason.prefix(40))" }
        #expect(rejects == [
            "a-no-header.vtt:1: not a WebVTT transcript: a .vtt file sta",
            "b-no-timing.vtt:7: a block of the transcript with no timing",
            "b-no-timing.vtt:10: a block of the transcript with no timing",
            "c-bad-timing.vtt:3: a cue timing line that is not 'start -->",
            "c-bad-timing.vtt:9: a cue timing line that is not 'start -->",
            "d-empty.vtt:1: no text in the file: nothing to read as ",
            "e-identifier-then-blank.vtt:3: a block of the transcript with no timing",
            // A voice tag never closed: who speaks and what is said cannot be told apart (the
            // tag's text, a name, was quoted before).
            "f-unclosed.vtt:4: a voice tag with no closing '>' (such as",
        ])
        #expect(batch.rejects.allSatisfy { $0.content.isEmpty && !$0.reason.contains("Jo") && !$0.reason.contains("Housing") })
        #expect(batch.rejects.filter { !$0.reason.hasPrefix("no text") }.allSatisfy { $0.reason.contains(" — ") }, "each says what to do")
    }

    @Test("a transcript's passages stay within max_passage_bytes: one speaker's long run of cues is cut between cues")
    func longTurns() throws {
        let cue = String(repeating: "word ", count: 9) + "end."  // 49 bytes
        let vtt = "WEBVTT\n\n" + (0..<6).map { "00:00:0\($0).000 --> 00:00:0\($0).500\n<v Jo>\(cue)</v>\n" }.joined(separator: "\n")
            + "\n00:00:09.000 --> 00:00:09.500\n<v Jo>" + String(repeating: "x", count: 150) + "</v>\n"
        let folder = try temporaryFolder(["long.vtt": vtt])
        let batch = try read("path: .\nmax_passage_bytes: 120", base: folder)
        #expect(turns(batch).map { [$0[0], $0[2]] } == [["4", "Jo"], ["10", "Jo"], ["16", "Jo"]])
        #expect(excerpts(batch).allSatisfy { $0.text.utf8.count <= 120 && $0.text.hasSuffix("end.") })
        #expect(batch.rejects.map { $0.provenance.line ?? 0 } == [22])
        #expect(batch.rejects.first?.reason.hasPrefix("a passage longer than 120 bytes") == true)
    }
}
