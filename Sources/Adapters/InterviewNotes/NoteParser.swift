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
///   passage, and is not a passage itself.
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

    /// Starts a new file, keeping the buffers' capacity.
    mutating func reset() {
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
