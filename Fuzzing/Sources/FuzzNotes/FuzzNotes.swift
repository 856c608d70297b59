// Fuzzes the interview-notes adapter: front matter, speaker turns (Otter's speaker lines too),
// paragraphs and bullets, encodings, the metadata taken from the file name, and the same bytes
// as a WebVTT transcript (`.vtt`: cues, voice tags, timing lines).
import FuzzSupport

private let workspace = FuzzWorkspace(name: "notes")
private let notes = workspace.subfolder("notes")
private let transcripts = workspace.subfolder("transcripts")

private let entry = """
    path: notes
    on_error: quarantine
    filename_pattern: "{date}_{kind}_{_}"
    defaults: { kind: notes }
    encoding: auto
    interviewers: [Alex Jones, Speaker 1]
    """

private let transcriptEntry = """
    path: transcripts
    on_error: quarantine
    interviewers: [Alex Jones, Speaker 1]
    """

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNotes(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = (notes, transcripts)
    workspace.write(data, size, to: "notes/2025-02-11_interview_fuzz.md")
    workspace.readBuiltinSource(kind: "interview-notes", entry: entry)
    workspace.write(data, size, to: "transcripts/2025-02-11_interview_fuzz.vtt")
    workspace.readBuiltinSource(kind: "interview-notes", entry: transcriptEntry)
    return 0
}
