/// Splits the lines of one notes file into passages: paragraphs, bullets and speaker turns,
/// each with the heading it sits under and the speaker where a turn is marked.
///
/// It reads Markdown as note-takers write it, plain text included:
///
/// - front matter between `---` lines at the very top is handed back whole;
/// - a blank line ends a passage; lines in between are joined with a space;
/// - `#`…`######` headings, and a line underlined with `===` or `---`, set the heading; a line
///   ending in `:` directly followed by a list (`What works well:`) heads that list;
/// - each bullet (`-`, `*`, `+`, `1.`, `1)`) is a passage of its own, with its indented or
///   following lines;
/// - a turn (`Q:`, `A:`, `Sarah:`, `**Participant 3:**`) starts a passage and sets the speaker
///   for what follows, until the next turn, heading or rule (`---`);
/// - `>` quote markers are dropped;
/// - a speaker line in the note's opening lines (`Interviewee: Head of Housing (Millbrook
///   Council)`) says who the whole note is from: it is handed back as `speakerLine`, before any
///   passage, and is not a passage itself;
/// - an Otter.ai speaker line (`Speaker 1  0:03`: a name, two spaces and a time, alone at the
///   start of a paragraph and followed by text) starts a turn as `Speaker 1:` would.
///
/// A WebVTT transcript (Teams, Zoom: a `.vtt` file, or any file whose first line is `WEBVTT`)
/// is read as cues instead: see `feedCue`.
struct NoteParser {
    /// What the parser found.
    enum Event {
        /// The front matter's text; its first line is line 2 of the file.
        case frontMatter(String)
        /// The value of the note's speaker line (`Speaker: Jo Bloggs (Millbrook Council)`),
        /// given before any passage of the file.
        case speakerLine(String)
        /// A passage of text.
        case passage(Passage)
        /// A passage whose bytes could not be decoded (the `utf-8` encoding only).
        case undecodable(line: Int)
        /// Front matter longer than `frontMatterLimit`.
        case frontMatterTooLong
        /// A passage longer than the parser's `passageLimit`, which starts on `line`: its text
        /// is not kept past the limit.
        case passageTooLong(line: Int)
        /// Lines of a transcript that cannot be read (a WebVTT cue with no timing line), from
        /// `line`, with why and what to do; the reason holds none of the file's text.
        case malformed(line: Int, reason: String)
    }

    /// A passage of a notes file.
    struct Passage: Equatable {
        /// The line it starts on.
        var line: Int
        /// The text, lines joined with a space.
        var text: String
        /// The innermost heading it sits under.
        var heading: String?
        /// Every heading it sits under, outermost first, joined with ` > `.
        var headingPath: String?
        /// The speaker label of the turn it belongs to (`Q`, `A`, `Sarah`).
        var speaker: String?
        /// `question` for an interviewer's or facilitator's turn, `answer` for anyone else's.
        var turn: String?
    }

    private enum Kind { case text, bullet, turn }

    /// What the lines fed so far produced; the caller empties it.
    var events = [Event]()
    /// Turns bytes into text; `nil` when they cannot be decoded.
    private let decode: (UnsafeBufferPointer<UInt8>) -> String?
    private var inFrontMatter = false
    private var frontMatter = [UInt8]()
    private var headings = [(level: Int, text: String)]()
    /// `headings` joined with ` > `, kept ready for every passage under them.
    private var headingPath: String?
    private var speaker: (label: String, turn: String)?
    /// Still in the note's opening lines, where a speaker line may stand: passages are held in
    /// `held` until it ends, so that the speaker line comes before all of them.
    private var inOpening = true
    private var openingLines = 0
    private var held = [Passage]()
    private var paragraph = [UInt8]()
    private var paragraphLine = 0
    private var paragraphLines = 0
    private var paragraphKind = Kind.text
    /// A one-line paragraph ending in `:`, held at a blank line in case a list follows.
    private var leadIn: (bytes: [UInt8], line: Int)?
    /// The paragraph has outgrown `passageLimit`: its bytes are no longer gathered.
    private var paragraphTooLong = false
    /// In the note's header block (the paragraph of its speaker line): its title and its
    /// `Date:`, `Location:`… lines are not passages.
    private var inHeaderBlock = false
    /// The most bytes of text one passage may have; a longer one is reported, not kept, so a
    /// note of hundreds of megabytes with no blank line is read in bounded memory.
    let passageLimit: Int
    /// The file is a `.vtt`: its first line must say `WEBVTT`.
    private var expectsWebVTT = false
    /// The file is read as a WebVTT transcript.
    private var isWebVTT = false
    /// Where in a WebVTT transcript the lines are.
    private var cueState = CueState.header
    /// The voice of the cue being read (`<v Sam Patel>`, Zoom's `Sam Patel:`).
    private var cueVoice: String?
    /// The next line of the cue is its first.
    private var cueFirstLine = false
    /// An Otter speaker line (`Speaker 1  0:03`), held until the next line shows whether text
    /// follows it (else it is read as the text it is).
    private var heldLabel: (label: String, bytes: [UInt8], number: Int)?
    /// Whether the file is a transcript: WebVTT, or notes with Otter's speaker lines.
    private(set) var isTranscript = false

    /// The largest front matter accepted: a note's header is a few lines, so anything bigger is
    /// a `---` rule at the top of a note without one.
    static let frontMatterLimit = 64 * 1024

    /// A parser for passages of at most `passageLimit` bytes; `reset()` readies it for each file.
    init(passageLimit: Int = 1 << 20, decode: @escaping (UnsafeBufferPointer<UInt8>) -> String?) {
        self.passageLimit = passageLimit
        self.decode = decode
    }

    /// Whether the file's front matter is still open (at the end: it was never closed).
    var frontMatterOpen: Bool { inFrontMatter }

    // MARK: - Lines

    /// Takes the next line (without its line break); `cut` when the reader kept only its start,
    /// the line being longer than any passage may be.
    mutating func feed(_ line: UnsafeBufferPointer<UInt8>, number: Int, cut: Bool = false) {
        feed(line, number: number)
        if cut, !paragraph.isEmpty { paragraphTooLong = true }
    }

    private mutating func feed(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        let trimmed = Self.trim(line)
        if number == 1, expectsWebVTT || Self.isWebVTTHeader(trimmed) {
            startWebVTT(header: trimmed)
            return
        }
        if isWebVTT {
            feedCue(trimmed, number: number)
            return
        }
        if number == 1, Self.isFence(trimmed, 0x2D) {
            inFrontMatter = true
            return
        }
        if inFrontMatter {
            if Self.isFence(trimmed, 0x2D) || Self.isFence(trimmed, 0x2E) {
                inFrontMatter = false
                events.append(frontMatter.count > Self.frontMatterLimit ? .frontMatterTooLong : .frontMatter(decodeLossy(frontMatter)))
            } else if frontMatter.count <= Self.frontMatterLimit {
                frontMatter.append(contentsOf: line)
                frontMatter.append(0x0A)
            }
            return
        }
        if inOpening {
            openingLines += 1
            if openingLines > Self.openingLineLimit { endOpening() }
        }
        if let held = heldLabel {
            heldLabel = nil
            if Self.startsText(trimmed) {
                endOpening()
                flush()
                speaker = (held.label, Self.turnKind(of: held.label))
                paragraphKind = .turn
                isTranscript = true
            } else {
                held.bytes.withUnsafeBufferPointer { feedText($0, Self.trim($0), number: held.number, labels: false) }
            }
        }
        feedText(line, trimmed, number: number, labels: true)
    }

    /// Takes a line of notes (after any front matter), and the line `trimmed`; `labels`: it may
    /// be an Otter speaker line.
    private mutating func feedText(_ line: UnsafeBufferPointer<UInt8>, _ trimmed: Bytes, number: Int, labels: Bool) {
        if trimmed.isEmpty {
            flush()
            return
        }
        let indented = trimmed.baseAddress! - line.baseAddress! >= 4
        var content = trimmed
        while content.first == 0x3E {
            content = Self.trim(UnsafeBufferPointer(rebasing: content.dropFirst()))
        }
        let bullet = Self.bulletContent(content)
        resolveLeadIn(beforeList: bullet != nil)
        if !indented, let (level, text) = Self.atxHeading(trimmed) {
            flush()
            setHeading(level, decodeLossy(Array(text)))
            return
        }
        if !indented, let rule = Self.rule(trimmed) {
            if paragraphKind == .text, !paragraph.isEmpty, !paragraphTooLong, rule == 0x3D || rule == 0x2D {
                setHeading(rule == 0x3D ? 1 : 2, decodeLossy(paragraph))
                paragraph.removeAll(keepingCapacity: true)
                paragraphLines = 0
            } else if rule != 0x3D {
                flush()
                speaker = nil
            } else {
                addLine(trimmed, number: number)
            }
            return
        }
        if let item = bullet {
            if paragraphKind == .text, paragraphLines == 1, paragraph.last == 0x3A, !paragraphTooLong {
                paragraph.removeLast()
                setHeading(7, decodeLossy(paragraph))
                paragraph.removeAll(keepingCapacity: true)
                paragraphLines = 0
            }
            flush()
            paragraphKind = .bullet
            if let (label, turn, rest) = Self.turn(item) {
                speaker = (label, turn)
                addLine(rest, number: number)
            } else {
                addLine(item, number: number)
            }
            return
        }
        if headings.last?.level == 7, paragraph.isEmpty {
            headings.removeLast()
            headingPath = headings.isEmpty ? nil : headings.map(\.text).joined(separator: " > ")
        }
        if labels, !indented, paragraph.isEmpty, let label = Self.otterLabel(content) {
            heldLabel = (label, Array(line), number)
            return
        }
        if !indented, let (label, turn, rest) = Self.turn(content) {
            if inOpening, Self.speakerLineLabels.contains(label.lowercased()), rest.count <= 120,
               let last = rest.last, last != 0x2E, last != 0x3F, last != 0x21 {
                events.append(.speakerLine(decodeLossy(Array(rest))))
                // The lines above it in its paragraph are the note's title ("Interview notes,
                // housing"), the ones below its date and place: none is something said.
                paragraph.removeAll(keepingCapacity: true)
                paragraphLines = 0
                paragraphTooLong = false
                inHeaderBlock = true
                return
            }
            endOpening()
            flush()
            speaker = (label, turn)
            paragraphKind = .turn
            addLine(rest, number: number)
            return
        }
        if inHeaderBlock, Self.isHeaderLine(content) { return }
        addLine(content, number: number)
    }

    /// Ends the file: emits the last passage.
    mutating func finish() {
        if let held = heldLabel {
            heldLabel = nil
            held.bytes.withUnsafeBufferPointer { feedText($0, Self.trim($0), number: held.number, labels: false) }
        }
        flush()
        resolveLeadIn(beforeList: false)
        endOpening()
    }

    /// Ends the note's opening lines: the passages held there follow.
    private mutating func endOpening() {
        guard inOpening else { return }
        inOpening = false
        for passage in held { events.append(.passage(passage)) }
        held.removeAll(keepingCapacity: true)
    }

    /// Starts a new file, keeping the buffers' capacity; `webVTT` for a `.vtt` file.
    mutating func reset(webVTT: Bool = false) {
        expectsWebVTT = webVTT
        isWebVTT = false
        cueState = .header
        cueVoice = nil
        cueFirstLine = false
        heldLabel = nil
        isTranscript = false
        inFrontMatter = false
        frontMatter.removeAll(keepingCapacity: true)
        headings.removeAll(keepingCapacity: true)
        headingPath = nil
        speaker = nil
        paragraph.removeAll(keepingCapacity: true)
        paragraphLines = 0
        paragraphKind = .text
        paragraphTooLong = false
        inHeaderBlock = false
        events.removeAll(keepingCapacity: true)
        leadIn = nil
        inOpening = true
        openingLines = 0
        held.removeAll(keepingCapacity: true)
    }

    /// A lead-in line (`What works well:`) held back at a blank line becomes the heading of the
    /// list that follows it, or else the passage it is.
    private mutating func resolveLeadIn(beforeList: Bool) {
        guard let held = leadIn else { return }
        leadIn = nil
        if beforeList {
            setHeading(7, decodeLossy(Array(held.bytes.dropLast())))
        } else {
            emit(held.bytes, line: held.line)
        }
    }

    // MARK: - WebVTT transcripts

    /// Where the lines of a WebVTT transcript are.
    private enum CueState {
        /// The `WEBVTT` line and the header lines under it, up to the first blank line.
        case header
        /// Between blocks: the next line starts a cue, a `NOTE`, `STYLE` or `REGION` block.
        case between
        /// After a cue's identifier (`1`, `5b7b0a9e-…/11-0`), first line `line`: its timing line comes next.
        case identifier(line: Int)
        /// In a cue's text.
        case payload
        /// In a block not read (a `NOTE`, a `STYLE`, a block set aside as a bad record), to its end.
        case skipping
        /// A `.vtt` file without the `WEBVTT` line: set aside whole.
        case notWebVTT
    }

    /// Starts reading the file as WebVTT at its first line, `header`: set aside whole when that
    /// is not `WEBVTT`.
    private mutating func startWebVTT(header: Bytes) {
        isWebVTT = true
        isTranscript = true
        endOpening()
        guard Self.isWebVTTHeader(header) else {
            cueState = .notWebVTT
            events.append(.malformed(line: 1, reason: Self.notWebVTTReason))
            return
        }
        cueState = .header
    }

    /// Takes a (trimmed) line of a WebVTT transcript. The header, `NOTE`, `STYLE` and `REGION`
    /// blocks, cue identifiers and timing lines are not text; a cue's lines are, without their
    /// tags. The speaker comes from a voice tag (`<v Sam Patel>`, as Teams writes) or a leading
    /// `Name:` (as Zoom does), and consecutive cues of one speaker make one passage (a turn), as
    /// long as it stays within `passageLimit`; cues with no speaker make passages of their own.
    /// A block that is no cue (text with no timing line) or a timing line that is not
    /// `start --> end` is a bad record at its line, its text not read.
    private mutating func feedCue(_ line: Bytes, number: Int) {
        switch cueState {
        case .notWebVTT:
            return
        case .header, .skipping:
            if line.isEmpty { cueState = .between }
        case .between:
            if line.isEmpty { return }
            if Self.isCueComment(line) {
                cueState = .skipping
            } else if Self.hasArrow(line) {
                startCue(timing: line, number: number)
            } else {
                cueState = .identifier(line: number)
            }
        case .identifier(let first):
            guard !line.isEmpty, Self.hasArrow(line) else {
                setAsideBlock(at: first, Self.noTimingReason)
                cueState = line.isEmpty ? .between : .skipping
                return
            }
            startCue(timing: line, number: number)
        case .payload:
            if line.isEmpty {
                cueState = .between
            } else if Self.startsWithTiming(line) {
                // A timing line straight after a cue's text starts the next cue, as players read
                // it (one with times out of range is set aside, not read as text); other text
                // with `-->` in it (`prices --> up`) is the cue's text.
                startCue(timing: line, number: number)
            } else {
                addCueLine(line, number: number)
            }
        }
    }

    private mutating func startCue(timing: Bytes, number: Int) {
        guard Self.isTimingLine(timing) else {
            setAsideBlock(at: number, Self.hasWordBeforeArrow(timing) ? Self.arrowInTextReason : Self.badTimingReason)
            cueState = .skipping
            return
        }
        cueState = .payload
        // Cues with no speaker are passages of their own: only one speaker's cues make a turn.
        // (A 300-cue transcript naming no one was one passage, each theme one mention.)
        if speaker == nil { flush() }
        cueVoice = nil
        cueFirstLine = true
    }

    /// Ends the passage before a block set aside, so the events keep the file's order.
    private mutating func setAsideBlock(at line: Int, _ reason: String) {
        flush()
        events.append(.malformed(line: line, reason: reason))
    }

    /// Adds a line of a cue's text to the speaker's passage, starting a new passage where the
    /// speaker changes (or the passage would outgrow `passageLimit`).
    private mutating func addCueLine(_ line: Bytes, number: Int) {
        if Self.hasUnclosedVoiceTag(line) {
            setAsideBlock(at: number, Self.unclosedVoiceReason)
            cueState = .skipping
            return
        }
        var segments = Self.cueSegments(line)
        if cueFirstLine {
            cueFirstLine = false
            if segments[0].voice == nil, let (label, rest) = Self.cueLabel(segments[0].text) {
                segments[0] = (label, rest)
            }
        }
        for segment in segments {
            if let voice = segment.voice { cueVoice = voice.isEmpty ? nil : decodeLossy(voice) }
            segment.text.withUnsafeBufferPointer { bytes in
                let text = Self.trim(bytes)
                guard !text.isEmpty else { return }
                if speaker?.label != cueVoice || (!paragraph.isEmpty && paragraph.count + 1 + text.count > passageLimit) {
                    flush()
                    speaker = cueVoice.map { ($0, Self.turnKind(of: $0)) }
                }
                // A turn, never a list's lead-in line held back.
                paragraphKind = .turn
                addLine(text, number: number)
            }
        }
    }

    // MARK: - Passages

    private mutating func addLine(_ content: UnsafeBufferPointer<UInt8>, number: Int) {
        if paragraphLines == 0 {
            paragraphLine = number
        }
        paragraphLines += 1
        let space = paragraphLines > 1 && !content.isEmpty && !paragraph.isEmpty ? 1 : 0
        guard !paragraphTooLong, paragraph.count + space + content.count <= passageLimit else {
            paragraphTooLong = true
            return
        }
        if space == 1 { paragraph.append(0x20) }
        paragraph.append(contentsOf: content)
    }

    private mutating func flush() {
        defer {
            // A passage at the limit leaves a buffer that large: let it go.
            paragraph.removeAll(keepingCapacity: paragraph.count < 1 << 16)
            paragraphLines = 0
            paragraphKind = .text
            paragraphTooLong = false
            inHeaderBlock = false
        }
        if paragraphTooLong {
            events.append(.passageTooLong(line: paragraphLine))
            return
        }
        guard !paragraph.isEmpty else { return }
        if paragraphKind == .text, paragraphLines == 1, paragraph.last == 0x3A, speaker == nil {
            leadIn = (paragraph, paragraphLine)
            return
        }
        emit(paragraph, line: paragraphLine)
    }

    private mutating func emit(_ bytes: [UInt8], line: Int) {
        guard let text = bytes.withUnsafeBufferPointer(decode) else {
            events.append(.undecodable(line: line))
            return
        }
        let passage = Passage(line: line, text: text, heading: headings.last?.text, headingPath: headingPath,
                              speaker: speaker?.label, turn: speaker?.turn)
        if inOpening {
            held.append(passage)
        } else {
            events.append(.passage(passage))
        }
    }

    private func decodeLossy(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { decode($0) ?? String(decoding: $0, as: UTF8.self) }
    }

    /// Sets the heading at `level` (7 for a list's lead-in line) and ends the current turn.
    private mutating func setHeading(_ level: Int, _ text: String) {
        headings.removeAll { $0.level >= level }
        headings.append((level, text))
        headingPath = headings.map(\.text).joined(separator: " > ")
        speaker = nil
    }
}
