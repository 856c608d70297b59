import BaselineCore
import BaselineText
import Foundation

/// Which of the files an `interview-notes` source finds are notes.
///
/// In a folder (or through a glob) only Markdown and plain-text files, and WebVTT transcripts,
/// are notes: `.md`, `.markdown`, `.txt` and `.vtt`, in any case. Anything else kept beside
/// them — a `codebook.yaml`, a spreadsheet, a photo — is left out, with why, and so is a file the pipeline names for itself
/// (the `privacy:` names list, a codebook) even when it ends in `.txt`: read as a note, a
/// codebook's phrases counted as mentions of every theme and were quoted as evidence.
///
/// A document saved by a word processor (`.docx`, `.doc`, `.odt`, `.rtf`, `.pdf`, `.pages`) is
/// not left out but read as a bad record: it holds notes, written up in a form this adapter
/// cannot read, and a baseline without them must not pass for a whole one.
///
/// One file named by `path:` is read whatever its name: it was chosen.
enum NoteFiles {
    /// The extensions of notes, lower-cased: `.vtt` is a Teams or Zoom transcript (WebVTT).
    static let extensions: Set<String> = ["md", "markdown", "txt", "vtt"]

    /// Word processors' documents, by extension: notes in a form that is not read, each a bad
    /// record saying what to do.
    static let documents: [String: String] = [
        "docx": "a Word document", "doc": "a Word document", "odt": "an OpenDocument text", "rtf": "a Rich Text document",
        "pdf": "a PDF", "pages": "a Pages document",
    ]

    /// The files to read and those left out, with their paths as the outputs show them (see
    /// `shown`).
    static func select(_ path: InputFolder, namedFiles: [String: String], redactor: Redactor) throws
        -> (notes: [InputFile], leftOut: [LeftOutInput]) {
        let found = try path.files()
        var isFolder: ObjCBool = false
        let chosen = path.pattern == nil && FileManager.default.fileExists(atPath: path.resolved, isDirectory: &isFolder) && !isFolder.boolValue
        let named = chosen ? [:] : namedInside(path, namedFiles)
        var notes = [InputFile](), leftOut = [(file: InputFile, reason: String)]()
        for file in found {
            if let key = named[file.resolved] {
                leftOut.append((file, "the pipeline's `\(key):`, not a note"))
                continue
            }
            let kind = fileExtension(file.resolved)
            if chosen || extensions.contains(kind) || documents[kind] != nil {
                notes.append(file)
            } else {
                leftOut.append((file, (kind.isEmpty ? "no extension" : "a .\(kind) file") + ": notes are .md, .markdown, .txt or .vtt files"))
            }
        }
        let shown = shown(notes.map(\.path) + leftOut.map(\.file.path), redactor: redactor)
        return (zip(notes, shown).map { file, path in
                    var file = file
                    file.path = path
                    return file
                },
                zip(leftOut, shown.dropFirst(notes.count)).map { LeftOutInput(path: $1, reason: $0.reason) })
    }

    /// A document's kind and what to do, when `path` is a word processor's document.
    static func document(_ path: String) -> String? {
        let kind = fileExtension(path)
        return documents[kind].map {
            "\($0) (.\(kind)): notes are read from Markdown or plain text — save it as .txt or .md, or take it out of the folder"
        }
    }

    /// The extension of the file's name, lower-cased; empty when it has none (`README`, `.profile`).
    static func fileExtension(_ path: String) -> String {
        // In bytes: a folder of 10,000 notes asks this of every file.
        let utf8 = path.utf8
        let nameStart = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        guard let dot = utf8[nameStart...].lastIndex(of: UInt8(ascii: ".")), dot > nameStart else { return "" }
        return path[utf8.index(after: dot)...].lowercased()
    }

    /// The files of `namedFiles` that sit in the folder, by the path its listing gives them
    /// (the folder's path joined with theirs inside it), with the key that names each. Matched
    /// by their real paths too, so a link in the path on either side makes no difference.
    private static func namedInside(_ path: InputFolder, _ namedFiles: [String: String]) -> [String: String] {
        guard !namedFiles.isEmpty else { return [:] }
        var inside = namedFiles
        guard let root = RealPath.of(path.resolved) else { return inside }
        for (file, key) in namedFiles {
            guard let real = RealPath.of(file), real.hasPrefix(root + "/") else { continue }
            inside[path.resolved + "/" + real.dropFirst(root.count + 1)] = key
        }
        return inside
    }

    /// The paths as the outputs show them: a file named after the person interviewed
    /// (`…_interview_Tom Reeves.txt`) is shown in the manifest, the evidence table and each
    /// quote's provenance, so its name is redacted as the notes are, wherever it is shown (the
    /// file itself is read where it is). Each keeps a name of its own (a note is counted by it):
    /// two that redact alike are numbered, `…_interview_[name].txt` and `…_interview_[name] (2).txt`.
    private static func shown(_ paths: [String], redactor: Redactor) -> [String] {
        var shownSoFar = [String: Int]()
        return paths.map { path in
            var shown = redactor.redactingPath(path)
            if shown != path {
                let seen = shownSoFar[shown, default: 0] + 1
                shownSoFar[shown] = seen
                if seen > 1 {
                    let url = URL(fileURLWithPath: shown)
                    let name = url.deletingPathExtension().lastPathComponent + " (\(seen))" + (url.pathExtension.isEmpty ? "" : "." + url.pathExtension)
                    shown = String(shown.dropLast(url.lastPathComponent.count)) + name
                }
            }
            return shown
        }
    }
}
