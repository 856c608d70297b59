// Fuzzes the interview-notes adapter: front matter, speaker turns, paragraphs and bullets,
// encodings, and the metadata taken from the file name.
import FuzzSupport

private let workspace = FuzzWorkspace(name: "notes")
private let notes = workspace.subfolder("notes")

private let entry = """
    path: notes
    on_error: quarantine
    filename_pattern: "{date}_{kind}_{_}"
    defaults: { kind: notes }
    encoding: auto
    """

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNotes(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = notes
    workspace.write(data, size, to: "notes/2025-02-11_interview_fuzz.md")
    workspace.readBuiltinSource(kind: "interview-notes", entry: entry)
    return 0
}
