import BaselineCore
import BaselineText
import Foundation

/// `interview-notes`: interview, workshop and focus-group notes in Markdown or plain text, and
/// meeting transcripts (WebVTT from Teams or Zoom, Otter.ai's text export), one excerpt record
/// per paragraph, bullet or speaker turn.
///
/// Each file may open with YAML front matter (`kind`, `date`, `role`, `organisation`, `area`,
/// `participants`, `title`; other keys are read past and listed in `notes`, but for typos of
/// these and keys about the note's use: see `FrontMatter`); what it lacks comes from the file
/// name (`filename_pattern`) and then from `defaults`. Excerpts keep the heading they sit under
/// and the speaker of a marked turn; their provenance is the file and the line the passage
/// starts on. A WebVTT file is read cue by cue (see `NoteParser.feedCue`), and `interviewers:`
/// names the speakers whose turns are questions.
///
/// A file that is binary, UTF-16 or unreadable, or that holds no text, is a bad record naming
/// the file (quarantined by default), and so is a passage longer than `max_passage_bytes`, at
/// its line; a file whose front matter is not valid is one bad record at the front matter's
/// line, its passages not read; front matter never closed, or over 64 KiB, stops the run.
///
/// A file is read a batch at a time: a batch ends when it holds `batchSize` records or
/// `batchBytes` of text, in the middle of a file if need be, so that one note of hundreds of
/// megabytes is read in bounded memory.
public final class InterviewNotesAdapter: InitializedSource {
    public typealias Configuration = InterviewNotesConfiguration

    public static let kind = "interview-notes"
    public static let records: Set<RecordKind> = [.excerpt]
    public static let summary = "Interview, workshop and focus-group notes (Markdown or text): one excerpt per paragraph, bullet or turn"
    public static let options: [OptionDoc] = [
        OptionDoc("path", "path", "A folder of notes (read with its sub-folders; hidden files and folders skipped), a glob in the last part of the path (`notes/*.md`, that folder only), or one file. Relative to the pipeline file. Files are read in path order. In a folder or a glob only `.md`, `.markdown`, `.txt` and `.vtt` (a Teams or Zoom transcript) files are notes: other files, and files the pipeline names (a names list, a codebook), are left out with a warning; a `.docx`, `.odt`, `.rtf` or `.pdf` is a bad record. One file named here is read whatever its name."),
        OptionDoc("filename_pattern", "pattern", default: "none", "Metadata from file names: `{date}_{kind}_{organisation}` reads `2025-03-04_interview_Riverside Housing.md`. Placeholders: `{kind}` `{date}` `{role}` `{organisation}` `{area}` `{participants}` `{title}`, and `{_}` for a part to ignore. Each placeholder takes the text up to the literal that follows it; the extension is not matched. A name that does not match gives no metadata."),
        OptionDoc("defaults", "mapping", default: "{}", "Metadata for notes that give none in front matter or file name: kind, date, role, organisation, area, participants, title."),
        OptionDoc("encoding", "auto | utf-8 | windows-1252", default: "auto", "`auto` reads UTF-8 and falls back to Windows-1252 for a passage that is not valid UTF-8 (decided passage by passage, so a file is never held whole). `utf-8` makes such a passage a bad record at its line. A UTF-8 byte order mark is skipped; CRLF line ends are fine."),
        OptionDoc("max_passage_bytes", "bytes", default: "1048576", "The most bytes of text one passage (paragraph, bullet or turn) may have. A longer one is a bad record at the line it starts on, and the passages around it are read as usual: a file of hundreds of megabytes with no blank line cannot exhaust memory."),
        OptionDoc("interviewers", "list of strings", default: "[]", "Speakers whose turns are the interviewer's questions, as the notes or transcripts name them (`Alex Jones`, `Speaker 1`), matched ignoring case: their turns are `turn: question`, which `code-themes` leaves uncoded, as it does the turns labelled `Q`, `Interviewer`, `Facilitator` or `Moderator`. A generic label such as `Speaker 1` counts in every note of the source."),
        OptionDoc("on_error", "quarantine | skip | fail", default: "quarantine", "What to do with a bad record (common to every source)."),
        .maxRejected,
    ]
    public static let sampleConfiguration = """
        id: notes
        adapter: interview-notes
        path: ../samples/millbrook/notes
        filename_pattern: "{date}_{kind}_{_}"
        defaults:
          kind: notes
        encoding: auto
        """

    // MARK: - Runtime

    public let inputs: [InputFile]
    /// The files of the folder that are not notes (a codebook, a spreadsheet, the pipeline's
    /// names list kept beside the notes), with why: see `NoteFiles`.
    public let leftOut: [LeftOutInput]
    /// Whether each of `inputs` is a word processor's document (read as a bad record, unopened).
    private let isDocument: [Bool]
    /// Whether each of `inputs` is a WebVTT transcript (`.vtt`).
    private let isWebVTT: [Bool]
    /// `interviewers:`, as `spoken` keys.
    private let interviewers: Set<String>
    /// The front-matter keys read past, each with how many notes have it and where first.
    private var unreadKeys = [(key: String, notes: Int, first: String)]()
    /// Transcripts with named speakers and no turn of an interviewer.
    private var transcriptsWithoutQuestions = [String]()
    private let configuration: InterviewNotesConfiguration
    private let context: SourceContext
    private let reader: NoteReader
    // Touched for every line and passage by this source alone, on one thread: the dynamic
    // exclusivity checks Swift would add to each access are left out.
    @exclusivity(unchecked) private var parser: NoteParser
    private var nextFile = 0
    /// The files before this one have been opened ahead (see `NoteReader.prefetch`).
    private var prefetched = 0
    /// How many files ahead of the one being read are opened and read in by the kernel.
    public static let prefetchDistance = 32
    @exclusivity(unchecked) private var pending = [Record]()
    @exclusivity(unchecked) private var rejects = [Reject]()
    /// The bytes of text in `pending`.
    @exclusivity(unchecked) private var pendingBytes = 0
    /// The file being read, when a batch ended in the middle of it.
    private var current: OpenNote?
    /// The digests of the files read whole, aligned with `inputs`, for the manifest (see
    /// `RecordSource.hashesInputs`).
    public private(set) var inputDigests = [InputDigest?]()
    /// The reader hashes what it reads: ten thousand notes are not opened twice.
    public var hashesInputs: Bool { true }
    /// Reading and splitting the notes costs about what coding them does: done on a thread of
    /// its own, the two overlap.
    public var readsAhead: Bool { true }
    /// Excerpts per batch: a quarter of the usual, so the stages start on the first batch
    /// after about eighty files rather than three hundred (they wait for it on their own thread).
    public static let batchSize = RecordBatch.preferredSize / 4
    /// Text per batch at most (about): passages of up to `max_passage_bytes` each would
    /// otherwise make a batch of gigabytes.
    public static let batchBytes = 8 << 20

    /// Opens the input; a file that cannot be read stops the run here, at set-up.
    public init(configuration: InterviewNotesConfiguration, context: SourceContext) throws {
        self.configuration = configuration
        self.context = context
        // Only the notes of the folder (see `NoteFiles`), their names redacted as shown.
        let privacy = context.pipeline.privacy
        let redactor = Redactor(names: privacy.allNames, nameParts: privacy.nameParts, keptNameParts: privacy.namePartsKept)
        (self.inputs, self.leftOut) = try NoteFiles.select(configuration.path, namedFiles: context.namedFiles, redactor: redactor)
        // Each file's extension worked out once (a folder of 10,000 notes asks it of every file).
        let kinds = inputs.map { NoteFiles.fileExtension($0.resolved) }
        self.isDocument = kinds.map { NoteFiles.documents[$0] != nil }
        self.isWebVTT = kinds.map { $0 == "vtt" }
        self.interviewers = Set(configuration.interviewers.map(Self.spoken))
        self.parser = NoteParser(passageLimit: configuration.maxPassageBytes, decode: Self.decoder(for: configuration.encoding))
        // One byte over the limit is enough to tell a line is too long.
        self.reader = NoteReader(maxLineBytes: configuration.maxPassageBytes + 1)
    }

    /// The files `path:` holds that are not read as notes, for `baseline validate`.
    public static func leftOut(configuration: InterviewNotesConfiguration, context: SourceContext) throws -> [LeftOutInput] {
        let privacy = context.pipeline.privacy
        let redactor = Redactor(names: privacy.allNames, nameParts: privacy.nameParts, keptNameParts: privacy.namePartsKept)
        return try NoteFiles.select(configuration.path, namedFiles: context.namedFiles, redactor: redactor).leftOut
    }

    /// The word processors' documents `path:` holds, each a bad record unread, with its reason
    /// (see `NoteFiles.document`), for `baseline validate` to weigh as `run` would.
    public static func unreadable(configuration: InterviewNotesConfiguration, context: SourceContext) throws -> [LeftOutInput] {
        let privacy = context.pipeline.privacy
        let redactor = Redactor(names: privacy.allNames, nameParts: privacy.nameParts, keptNameParts: privacy.namePartsKept)
        return try NoteFiles.select(configuration.path, namedFiles: context.namedFiles, redactor: redactor).notes.compactMap { file in
            NoteFiles.document(file.resolved).map { LeftOutInput(path: file.path, reason: $0) }
        }
    }

    public func next() throws -> RecordBatch? {
        while !batchIsFull {
            if current == nil {
                guard nextFile < inputs.count else { break }
                while prefetched < min(nextFile + Self.prefetchDistance, inputs.count) {
                    // A word processor's document is a bad record unread (see `open`).
                    if !isDocument[prefetched] {
                        reader.prefetch(inputs[prefetched].resolved, as: prefetched)
                    }
                    prefetched += 1
                }
                open(inputs[nextFile], number: nextFile)
                nextFile += 1
            } else {
                try readCurrent()
            }
        }
        guard !pending.isEmpty || !rejects.isEmpty else { return nil }
        defer {
            pending.removeAll(keepingCapacity: true)
            rejects.removeAll(keepingCapacity: true)
            pendingBytes = 0
        }
        return RecordBatch(records: pending, rejects: rejects)
    }

    private var batchIsFull: Bool {
        pending.count + rejects.count >= Self.batchSize || pendingBytes >= Self.batchBytes
    }

    /// A file being read: what its passages share, and how many records it gave so far.
    private final class OpenNote {
        let file: InputFile
        let number: Int
        /// Where a problem with the whole file is reported: its first line.
        let provenance: Provenance
        /// The metadata from the file name.
        let named: NoteMetadata
        var template: ExcerptTemplate?
        /// The metadata from the front matter, once read.
        var frontMatter = NoteMetadata()
        var emitted = 0
        /// Set aside whole, as a bad record (its front matter is wrong): the rest is not read as notes.
        var setAside = false
        /// Passages in a speaker's turn, and those of them that are an interviewer's.
        var turns = 0, questions = 0

        init(file: InputFile, number: Int, provenance: Provenance, named: NoteMetadata) {
            self.file = file
            self.number = number
            self.provenance = provenance
            self.named = named
        }
    }

    /// Opens one file as `current`, or adds the reject that says why it cannot be read.
    private func open(_ file: InputFile, number: Int) {
        let provenance = Provenance(source: context.id, file: file.path, line: 1)
        if isDocument[number], let document = NoteFiles.document(file.resolved) {
            rejects.append(Reject(provenance: provenance, reason: document))
            return
        }
        if let problem = reader.open(file.resolved, number: number, displayPath: file.path) {
            rejects.append(Reject(provenance: provenance, reason: problem.reason))
            return
        }
        // Metadata from the file's own name (`filename_pattern`); the `redact` stage redacts it.
        current = OpenNote(file: file, number: number, provenance: provenance, named: metadata(fromName: file.resolved))
        parser.reset(webVTT: isWebVTT[number])
    }

    /// Reads `current` into `pending` and `rejects` until the batch is full or the file ends
    /// (then closes it).
    private func readCurrent() throws {
        guard let note = current else { return }
        while !batchIsFull {
            guard let line = try reader.nextLine() else {
                try finish(note)
                return
            }
            parser.feed(line, number: reader.lineNumber, cut: reader.lineWasCut)
            if !parser.events.isEmpty { try takeEvents(note) }
        }
    }

    /// Ends the file `note` once its last line is read.
    private func finish(_ note: OpenNote) throws {
        current = nil
        if parser.frontMatterOpen {
            throw BaselineError(file: note.file.path, line: 1, column: 1, "the front matter that opens here with '---' is never closed",
                                hint: "end it with a line of '---', or remove the first line if it is not front matter")
        }
        parser.finish()
        try takeEvents(note)
        if parser.isTranscript, note.turns > 0, note.questions == 0, !note.setAside {
            transcriptsWithoutQuestions.append(note.file.path)
        }
        if let digest = reader.digest {
            if inputDigests.count <= note.number { inputDigests += repeatElement(nil, count: note.number + 1 - inputDigests.count) }
            inputDigests[note.number] = digest
        }
        if note.emitted == 0 {
            rejects.append(Reject(provenance: note.provenance, reason: "no text in the file: nothing to read as notes"))
        }
    }

    private func takeEvents(_ note: OpenNote) throws {
        // Popped, so each passage's text moves into its record rather than being copied.
        if parser.events.count > 1 { parser.events.reverse() }
        while let event = parser.events.popLast() { try take(event, note) }
    }

    private func take(_ event: consuming NoteParser.Event, _ note: OpenNote) throws {
        let file = note.file
        if note.setAside { return }
        switch consume event {
        case .frontMatter(let text):
            do {
                let reading = try FrontMatter.parse(text, file: file.path)
                note.frontMatter = reading.metadata
                for (key, line) in reading.unread {
                    if let index = unreadKeys.firstIndex(where: { $0.key == key }) {
                        unreadKeys[index].notes += 1
                    } else {
                        unreadKeys.append((key, 1, "\(file.path):\(line)"))
                    }
                }
            } catch let error as BaselineError {
                // One note's wrong metadata sets that note aside, like any bad record (its
                // passages would be attributed wrongly), not the whole run.
                reject(note, line: error.line ?? 1, column: error.column, (error.message.contains("front matter") ? "" : "front matter: ") + error.message + (error.hint.map { " — " + $0 } ?? ""))
                note.setAside = true
                return
            }
            let metadata = note.frontMatter.filling(from: note.named)
            note.template = ExcerptTemplate(file: file, metadata: metadata, source: context.id, period: context.pipeline.period)
        case .speakerLine(let value):
            let line = SpeakerLine(value)
            let metadata = note.frontMatter.filling(from: line.metadata).filling(from: note.named)
            note.template = ExcerptTemplate(file: file, metadata: metadata, source: context.id, period: context.pipeline.period,
                                            speaker: line.speaker)
        case .passage(let passage):
            // Bound with `let`, and copied only for an interviewer's turn: a `var` binding copied
            // every passage (3% of the notes bench's instructions).
            var asked = false
            if let speaker = passage.speaker {
                asked = !interviewers.isEmpty && passage.turn != "question" && interviewers.contains(Self.spoken(speaker))
                note.turns += 1
                if asked || passage.turn == "question" { note.questions += 1 }
            }
            if note.template == nil {
                note.template = ExcerptTemplate(file: file, metadata: note.named, source: context.id, period: context.pipeline.period)
            }
            pendingBytes += passage.text.utf8.count
            if asked {
                var question = passage
                question.turn = "question"
                pending.append(note.template!.record(question))
            } else {
                pending.append(note.template!.record(passage))
            }
            note.emitted += 1
        case .undecodable(let line):
            reject(note, line: line, "a passage that is not valid UTF-8 (encoding: utf-8)"
                   + " — save the file as UTF-8, or set `encoding: auto` to read such passages as Windows-1252")
        case .malformed(let line, let reason):
            reject(note, line: line, reason)
        case .passageTooLong(let line):
            reject(note, line: line, "a passage longer than \(parser.passageLimit) bytes (max_passage_bytes)"
                   + " — end paragraphs with a blank line, or raise max_passage_bytes")
        case .frontMatterTooLong:
            throw BaselineError(file: file.path, line: 1, column: 1,
                                "the front matter that opens here is longer than \(NoteParser.frontMatterLimit / 1024) KiB",
                                hint: "front matter is a few 'key: value' lines; if the first line is a rule, not front matter, remove it")
        }
    }

    /// Sets aside a passage of `note` at `line` with `reason`; it counts as one the note gave.
    private func reject(_ note: OpenNote, line: Int, column: Int? = nil, _ reason: String) {
        var located = note.provenance
        located.line = line
        located.column = column
        rejects.append(Reject(provenance: located, reason: reason))
        note.emitted += 1
    }

    /// Metadata from the file name, with gaps filled from `defaults`.
    private func metadata(fromName path: String) -> NoteMetadata {
        guard let pattern = configuration.filenamePattern else { return configuration.defaults }
        var name = Substring(path)
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        if let dot = name.lastIndex(of: "."), dot > name.startIndex { name = name[..<dot] }
        return (pattern.match(String(name)) ?? NoteMetadata()).filling(from: configuration.defaults)
    }

    /// A speaker's label as `interviewers:` matches it: lower-cased, spaces collapsed.
    private static func spoken(_ label: String) -> String {
        label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// What the notes said that the brief's data-quality section should: the front-matter keys
    /// read past, and transcripts none of whose turns is marked as the interviewer's.
    public var notes: [String] {
        let path = configuration.path.path
        var notes = [String]()
        if !unreadKeys.isEmpty {
            let shown = unreadKeys.prefix(10).map { "'\($0.key)' (\($0.notes == 1 ? "1 note" : "\($0.notes) notes"), first at \($0.first))" }
            notes.append("\(path): front-matter keys read past, not used: " + shown.joined(separator: ", ")
                         + (unreadKeys.count > 10 ? " and \(unreadKeys.count - 10) more" : "")
                         + " — notes are described by \(NoteMetadata.fields.joined(separator: ", ")) (see the interview-notes README).")
        }
        if !transcriptsWithoutQuestions.isEmpty {
            let files = transcriptsWithoutQuestions
            let named = files.prefix(10).joined(separator: ", ") + (files.count > 10 ? " and \(files.count - 10) more" : "")
            notes.append("\(path): \(files.count == 1 ? "1 transcript names its speakers but marks" : "\(files.count) transcripts name their speakers but mark") none as the interviewer (\(named)):"
                         + " every turn is coded as what people said, the questions too — list the interviewer under the source's `interviewers:`.")
        }
        return notes
    }

    /// Bytes to text, by the configured encoding.
    private static func decoder(for encoding: NotesEncoding) -> (UnsafeBufferPointer<UInt8>) -> String? {
        switch encoding {
        case .auto: { String(validUTF8: $0) ?? Windows1252.decode($0) }
        case .utf8: { String(validUTF8: $0) }
        case .windows1252: { Windows1252.decode($0) }
        }
    }
}

extension NoteReader.Problem {
    /// The reason a bad record gives.
    var reason: String {
        switch self {
        case .unreadable(let why): "cannot read the file: \(why)"
        case .notRegular(let kind): "not a regular file (it is \(kind), which may never end): notes must be regular files"
        case .binary: "not a text file (it holds NUL bytes): notes must be Markdown or plain text"
        case .utf16: "the file is UTF-16, which notes are not read as: save it as UTF-8"
        }
    }
}

/// The part of an excerpt every passage of one file shares: document, kind, period, metadata.
/// Kept field by field: reading the fields of a stored `Excerpt` copied the whole of it, every
/// string retained and released, for each passage.
final class ExcerptTemplate {
    private let document: String
    private let kind: String
    private let period: String
    private let attributes: [String: String]
    private let source: String
    /// Who the note is from, by its speaker line, for the passages outside a marked turn.
    private let speaker: String?

    init(file: InputFile, metadata: NoteMetadata, source: String, period: String, speaker: String? = nil) {
        var attributes = [String: String]()
        for field in NoteMetadata.fields where field != "kind" {
            if let value = metadata[field], !value.isEmpty { attributes[field] = value }
        }
        document = file.path
        kind = metadata.kind ?? "notes"
        self.period = period
        self.attributes = attributes
        self.source = source
        self.speaker = speaker
    }

    /// The excerpt record of one passage.
    func record(_ passage: consuming NoteParser.Passage) -> Record {
        var attributes = attributes
        if let speaker = passage.speaker {
            attributes["speaker"] = speaker
            attributes["turn"] = passage.turn
        } else if let speaker {
            attributes["speaker"] = speaker
        }
        return .excerpt(Excerpt(document: document, kind: kind, period: period, attributes: attributes,
                                heading: passage.heading, text: passage.text,
                                provenance: Provenance(source: source, file: document, line: passage.line, path: passage.headingPath)))
    }
}

/// A note's speaker line read: `Jo Bloggs (Head of Housing, Millbrook Council)` is the speaker
/// Jo Bloggs with that role and organisation; `Jo Bloggs (Millbrook Council)` gives the
/// organisation only; `Head of Housing, Millbrook Council` a role and an organisation and no
/// speaker; `Jo Bloggs` alone only the speaker.
struct SpeakerLine {
    /// The person (or label) outside the brackets.
    var speaker: String?
    /// The role and organisation it gives.
    var metadata = NoteMetadata()

    init(_ value: String) {
        var outside = Substring(value)
        var detail: Substring?
        if value.hasSuffix(")"), let open = value.lastIndex(of: "(") {
            outside = value[..<open]
            detail = value[value.index(after: open)..<value.index(before: value.endIndex)]
        } else if value.contains(", ") {
            detail = outside
            outside = ""
        }
        let name = outside.trimmingCharacters(in: .whitespaces)
        speaker = name.isEmpty ? nil : name
        guard let detail else { return }
        let parts = detail.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if parts.count == 2 {
            metadata.role = parts[0]
            metadata.organisation = parts[1]
        } else if let only = parts.first {
            metadata.organisation = only
        }
    }
}
