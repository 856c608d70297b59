import BaselineCore
import BaselineDigest
import BaselineHandoff
import BaselineText
import CLibXML2
import Foundation

/// An element or attribute name, interned: two names are equal exactly when their pointers
/// are, so matching a name costs one comparison.
struct XMLName: Hashable {
    fileprivate let pointer: UnsafeRawPointer?

    /// No name (a node that has none).
    static var none: XMLName { XMLName(pointer: nil) }
}

/// Text read from the file: valid until the reader moves to another node.
struct XMLText {
    /// The bytes (UTF-8), without the terminating NUL that follows them.
    let bytes: UnsafeBufferPointer<UInt8>

    /// The text as a `String`.
    var string: String { String(decoding: bytes, as: UTF8.self) }
}

/// libxml2's streaming reader (`xmlTextReader`) over one file, set up so that a hostile file can
/// do no harm, with every libxml2 error turned into a `BaselineError` at the file's line and
/// column. This is the only file of the adapter that touches libxml2.
///
/// ```
///  parsing thread:  xmlTextReaderRead ─▶ checks ─▶ events (name, depth, line, attributes)
///                                                      │ chunks of ≈256 KiB, at most 3 in flight
///  caller's thread: read() / name / forEachAttribute ◀─┘
/// ```
///
/// libxml2 parses on a thread of its own and hands the nodes over in chunks, so that parsing
/// and turning nodes into records run on two cores at once; memory stays bounded by the chunks
/// in flight. Names are libxml2's dictionary pointers, so the caller compares them without
/// touching the dictionary; `intern` is for before the first `read()`.
///
/// Safety:
/// - the network is off (`XML_PARSE_NONET`) and the external entity loader refuses everything;
/// - no DTD is loaded (`XML_PARSE_DTDLOAD`, `DTDATTR`, `DTDVALID` off) and no entity is
///   substituted (`XML_PARSE_NOENT` off); a DOCTYPE that declares entities, or a reference to
///   one, stops the read with a located error before any entity is used;
/// - libxml2's default size limits stay (no `XML_PARSE_HUGE`).
///
/// Lines: libxml2 keeps an element's line in 16 bits. Past line 65,535 the reader takes the
/// line of the text just before the element (kept in full with `XML_PARSE_BIG_LINES`), which is
/// exact for files that put whitespace or text between tags — every published layout we know.
final class XMLStreamReader {
    /// The kind of node the reader is on.
    enum Kind {
        /// A start tag (or an empty element).
        case element
        /// An end tag.
        case endElement
        /// Text, CDATA or whitespace (only when the reader was made with `text: true`).
        case text
        /// Nothing yet.
        case other
    }

    /// The file as messages name it.
    let displayPath: String
    private let parser: Parser
    private var started = false
    private var interned = [String: XMLName]()
    private var ownNames = [UnsafeMutablePointer<CChar>]()
    private var names = [XMLName: String]()

    // The chunk being read and the current event in it. Touched for every node by this class
    // alone, on one thread: the dynamic exclusivity checks Swift would add are left out.
    @exclusivity(unchecked) private var chunk: Chunk?
    @exclusivity(unchecked) private var offset = 0
    @exclusivity(unchecked) private var attributesOffset = 0
    @exclusivity(unchecked) private var attributeCount = 0
    @exclusivity(unchecked) private var textOffset = 0
    @exclusivity(unchecked) private var textLength = 0
    @exclusivity(unchecked) private var rootNamespace: String?

    /// The kind of the current node.
    @exclusivity(unchecked) private(set) var kind = Kind.other
    /// The local name of the current element or end tag (`XMLName.none` for text).
    @exclusivity(unchecked) private(set) var name = XMLName.none
    /// The line of the current element, or of the end of the current text.
    @exclusivity(unchecked) private(set) var line = 1
    /// The depth of the current node (the root element is 0).
    @exclusivity(unchecked) private(set) var depth = 0
    /// Whether the current element is empty (`<Obs/>`): no end tag follows.
    @exclusivity(unchecked) private(set) var isEmptyElement = false
    /// The number of the current element, or of the last one before the current node, in
    /// document order (1 for the root): what `start(ofElement:line:)` takes.
    @exclusivity(unchecked) private(set) var element = 0
    /// Finds an element's column when a message needs it (libxml2 keeps none).
    private let locator: XMLElementLocator

    /// Opens `path` for reading; `displayPath` is how messages name it. With `text: false`
    /// text nodes are not handed over (for layouts that read attributes only).
    init(path: String, displayPath: String, text: Bool) throws {
        self.displayPath = displayPath
        locator = XMLElementLocator(path: path)
        parser = try Parser(path: path, displayPath: displayPath, wantsText: text)
    }

    deinit {
        parser.stop()
        for pointer in ownNames { free(pointer) }
    }

    /// The SHA-256 and size of the file, hashed as libxml2 read it, once the document has been
    /// read to its end (the last node taken); before that, or after an error, `nil`.
    var inputDigest: InputDigest? {
        parser.digest
    }

    // MARK: - Moving

    /// Moves to the next node; `false` at the end of the document. Throws a located
    /// `BaselineError` when the file is not well-formed, is cut short, or uses entities.
    func read() throws -> Bool {
        if !started {
            started = true
            parser.start()
        }
        while true {
            if let chunk, offset < chunk.used {
                decode(chunk)
                return true
            }
            if let finished = chunk {
                if let error = finished.error { throw error }
                if finished.isLast { return false }
                parser.recycle(finished)
            }
            guard let filled = try parser.next() else { return false }
            chunk = filled
            offset = 0
        }
    }

    private func decode(_ chunk: Chunk) {
        let base = UnsafeRawPointer(chunk.base)
        let tag = base.load(fromByteOffset: offset, as: UInt8.self)
        offset += 1
        switch tag {
        case Chunk.element:
            kind = .element
            element &+= 1
            name = XMLName(pointer: base.loadUnaligned(fromByteOffset: offset, as: UnsafeRawPointer?.self))
            depth = Int(base.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self))
            line = base.loadUnaligned(fromByteOffset: offset + 12, as: Int.self)
            isEmptyElement = base.load(fromByteOffset: offset + 20, as: UInt8.self) != 0
            attributeCount = Int(base.loadUnaligned(fromByteOffset: offset + 21, as: UInt16.self))
            offset += 23
            if depth == 0 {
                let length = Int(base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                rootNamespace = length == 0 ? nil : String(decoding: UnsafeRawBufferPointer(start: base + offset + 4, count: length - 1), as: UTF8.self)
                offset += 4 + length
            }
            attributesOffset = offset
            for _ in 0..<attributeCount {
                offset += 13 + Int(base.loadUnaligned(fromByteOffset: offset + 9, as: UInt32.self))
            }
        case Chunk.endElement:
            kind = .endElement
            name = XMLName(pointer: base.loadUnaligned(fromByteOffset: offset, as: UnsafeRawPointer?.self))
            depth = Int(base.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self))
            offset += 12
        default:
            kind = .text
            name = .none
            line = base.loadUnaligned(fromByteOffset: offset, as: Int.self)
            depth = Int(base.loadUnaligned(fromByteOffset: offset + 8, as: Int32.self))
            textLength = Int(base.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)) - 1
            textOffset = offset + 16
            offset += 16 + textLength + 1
        }
    }

    // MARK: - The current node

    /// The namespace URI of the current element, for the root element (`nil` for others).
    var namespaceURI: String? { depth == 0 && kind == .element ? rootNamespace : nil }

    /// The text of the current text node.
    var text: XMLText {
        guard kind == .text, let chunk else { return XMLText(bytes: .init(start: nil, count: 0)) }
        return XMLText(bytes: UnsafeBufferPointer(start: chunk.base.advanced(by: textOffset).assumingMemoryBound(to: UInt8.self),
                                                  count: textLength))
    }

    /// Calls `body` with each attribute of the current element that is not a namespace
    /// declaration: its local name, its value, and whether it has a namespace prefix.
    func forEachAttribute(_ body: (XMLName, XMLText, Bool) throws -> Void) rethrows {
        guard kind == .element, let chunk else { return }
        let base = UnsafeRawPointer(chunk.base)
        var position = attributesOffset
        for _ in 0..<attributeCount {
            let name = XMLName(pointer: base.loadUnaligned(fromByteOffset: position, as: UnsafeRawPointer?.self))
            let qualified = base.load(fromByteOffset: position + 8, as: UInt8.self) != 0
            let length = Int(base.loadUnaligned(fromByteOffset: position + 9, as: UInt32.self)) - 1
            let value = UnsafeBufferPointer(start: (base + position + 13).assumingMemoryBound(to: UInt8.self), count: length)
            try body(name, XMLText(bytes: value), qualified)
            position += 13 + length + 1
        }
    }

    // MARK: - Where an element starts

    /// Where element number `element` (`self.element` when the reader was on it), which the
    /// reader gave the line `line`, starts: the line and column of its `<`. The file is read
    /// again to find it (see `XMLElementLocator`), so this is for messages, not for every node.
    /// The line alone when the element cannot be found where libxml2 put it.
    func start(ofElement element: Int, line: Int) -> (line: Int, column: Int?) {
        guard let start = locator.start(ofElement: element), start.endLine == line || line >= 65_535 else { return (line, nil) }
        return (start.line, start.column)
    }

    /// An error at the start of element number `element`, which the reader gave the line `line`:
    /// `file:line:column`.
    func error(atElement element: Int, line: Int, _ message: String, hint: String?) -> BaselineError {
        let start = start(ofElement: element, line: line)
        return BaselineError(file: displayPath, line: start.line, column: start.column, message, hint: hint)
    }

    /// An error at the start of the current element: `file:line:column`.
    func errorAtElement(_ message: String, hint: String?) -> BaselineError {
        error(atElement: element, line: line, message, hint: hint)
    }

    // MARK: - Names

    /// The name for `text`, to compare with `name` and attribute names. Names interned before
    /// the first `read()` are libxml2's own; later ones are the reader's, equal only to each other.
    func intern(_ text: String) -> XMLName {
        if let known = interned[text] { return known }
        let name: XMLName
        if started {
            let copy = strdup(text)!
            ownNames.append(copy)
            name = XMLName(pointer: UnsafeRawPointer(copy))
        } else {
            name = parser.intern(text)
        }
        interned[text] = name
        return name
    }

    /// A name as a `String` (kept, so each name is converted once).
    func string(_ name: XMLName) -> String {
        if let known = names[name] { return known }
        let text = name.pointer.map { String(cString: $0.assumingMemoryBound(to: CChar.self)) } ?? ""
        names[name] = text
        return text
    }
}

// MARK: - Chunks

/// A run of encoded nodes handed from the parsing thread to the reader.
///
/// Element: tag, name pointer (8), depth (Int32), line (Int), empty (UInt8), attribute count
/// (UInt16); for the root, its namespace (UInt32 length with NUL, bytes, NUL); then per
/// attribute: name pointer (8), prefixed (UInt8), value length with NUL (UInt32), bytes, NUL.
/// End tag: tag, name pointer, depth. Text: tag, line, depth, length with NUL, bytes, NUL.
private final class Chunk {
    static let element: UInt8 = 1
    static let endElement: UInt8 = 2
    static let text: UInt8 = 3
    static let target = 1 << 18

    private(set) var base: UnsafeMutableRawPointer
    private var capacity: Int
    var used = 0
    var isLast = false
    var error: BaselineError?

    init() {
        capacity = Self.target + (1 << 12)
        base = .allocate(byteCount: capacity, alignment: 16)
    }

    deinit {
        base.deallocate()
    }

    func reset() {
        used = 0
        isLast = false
        error = nil
    }

    var isFull: Bool { used >= Self.target }

    func reserve(_ bytes: Int) {
        guard used + bytes > capacity else { return }
        while used + bytes > capacity { capacity *= 2 }
        let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        grown.copyMemory(from: base, byteCount: used)
        base.deallocate()
        base = grown
    }

    func put<T>(_ value: T) {
        base.storeBytes(of: value, toByteOffset: used, as: T.self)
        used += MemoryLayout<T>.size
    }

    /// Length (with the NUL) as UInt32, then the bytes and a NUL.
    func putText(_ text: UnsafePointer<UInt8>?, _ length: Int) {
        reserve(length + 5)
        put(UInt32(length + 1))
        if let text, length > 0 { (base + used).copyMemory(from: text, byteCount: length) }
        used += length
        put(UInt8(0))
    }
}

// MARK: - The parsing thread

/// Owns the libxml2 reader and runs it on a thread of its own, filling chunks.
private final class Parser: @unchecked Sendable {
    private let displayPath: String
    private let reader: xmlTextReaderPtr
    private let descriptor: Int32
    private let fileSize: Int
    private let wantsText: Bool
    /// What libxml2 reads through: the file in large blocks, hashed as they are read.
    private let input: HashingInput
    /// `input`, watched for start tags of too many attributes (see `StartTagGuard`).
    private let tagGuard: StartTagGuard
    /// The file's digest, set on the parsing thread once the document has ended well (before
    /// the last chunk is handed over, so the caller reads it after taking that chunk).
    private(set) var digest: InputDigest?

    // Parsing-thread state.
    // (Only this thread touches them: no run-time exclusivity check on the per-node path.)
    @exclusivity(unchecked) private var pendingError: ErrorSnapshot?
    @exclusivity(unchecked) private var lastTextLine = 1
    @exclusivity(unchecked) private var openElements = [(name: UnsafePointer<xmlChar>?, line: Int)]()

    /// The hand-over to the reader: three chunks, filled here and recycled there.
    private var handoff: Handoff<Chunk>?

    init(path: String, displayPath: String, wantsText: Bool) throws {
        _ = Self.setUp
        self.displayPath = displayPath
        self.wantsText = wantsText
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw BaselineError(file: displayPath, "cannot open the file", hint: "check it exists and is readable")
        }
        var status = stat()
        fstat(descriptor, &status)
        fileSize = Int(status.st_size)
        guard fileSize > 0 else {
            close(descriptor)
            throw BaselineError(file: displayPath, line: 1, column: 1, "the file is empty", hint: "download or export it again")
        }
        input = HashingInput(descriptor: descriptor)
        tagGuard = StartTagGuard(input: input)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)
        // Through callbacks rather than `xmlReaderForFd`: libxml2 would read the descriptor
        // 4,000 bytes a call, and the manifest read the whole file a second time to hash it.
        guard let reader = xmlReaderForIO({ context, buffer, length in
            guard let context, let buffer, length > 0 else { return 0 }
            return Int32(Unmanaged<StartTagGuard>.fromOpaque(context).takeUnretainedValue().read(into: buffer, count: Int(length)))
        }, { _ in 0 }, Unmanaged.passUnretained(tagGuard).toOpaque(), displayPath, nil, options) else {
            close(descriptor)
            throw BaselineError(file: displayPath, "libxml2 could not start reading the file (out of memory?)")
        }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            Unmanaged<Parser>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit {
        xmlFreeTextReader(reader)
        close(descriptor)
    }

    /// Once per process: libxml2 initialised, and an entity loader that refuses everything.
    private static let setUp: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    func intern(_ text: String) -> XMLName {
        XMLName(pointer: xmlTextReaderConstString(reader, text))
    }

    // MARK: Hand-over

    func start() {
        handoff = Handoff(name: "libxml2 reader", capacity: Self.chunksInFlight,
                          spares: (0..<Self.chunksInFlight).map { _ in Chunk() }) { [self] producer in
            run(producer)
        }
    }

    /// Chunks filled, being filled or being read at once: bounds the memory a file takes.
    private static let chunksInFlight = 3

    /// The next filled chunk (waits for the parsing thread); `nil` only after `stop()`.
    func next() throws -> Chunk? {
        try handoff?.next()
    }

    /// Gives a read chunk back to be filled again.
    func recycle(_ chunk: Chunk) {
        handoff?.recycle(chunk)
    }

    /// Stops the parsing thread (if it runs) and waits for it.
    func stop() {
        handoff?.stop()
    }

    // MARK: Parsing

    private func run(_ producer: HandoffProducer<Chunk>) {
        // Errors libxml2 raises outside the parser (a byte the declared encoding cannot convert,
        // the I/O error that follows) go to this thread's handler, not the reader's: taken here,
        // they are the run's one located message rather than lines libxml2 prints to stderr.
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(self).toOpaque()) { context, error in
            guard let context, let error else { return }
            Unmanaged<Parser>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        guard var chunk = producer.spare() else { return }
        chunk.reset()
        while true {
            do {
                guard try readNode(into: chunk) else {
                    digest = input.finish()
                    chunk.isLast = true
                    producer.put(chunk)
                    return
                }
            } catch {
                chunk.error = error as? BaselineError ?? BaselineError(file: displayPath, "\(error)")
                chunk.isLast = true
                producer.put(chunk)
                return
            }
            if chunk.isFull {
                guard producer.put(chunk), let next = producer.spare() else { return }
                next.reset()
                chunk = next
            }
        }
    }

    /// Reads one node and encodes it if the reader's caller wants it; `false` at the end.
    private func readNode(into chunk: Chunk) throws -> Bool {
        let result = xmlTextReaderRead(reader)
        // A read that failed or was refused by the guard hands libxml2 no more bytes: it goes on
        // with the bytes it has, then reports an error or stops, and only then is the cause
        // looked up (the guard and the input are other objects: asking them at every node
        // cost a run-time exclusivity check a node on this, the bounding, thread).
        if result != 1 || pendingError != nil {
            if let start = tagGuard.tripped {
                throw BaselineError(file: displayPath, line: StartTagGuard.line(at: start, in: descriptor),
                                    "an element here has more than \(ThousandsSeparators.grouped(tagGuard.limit)) attributes (or as many '=' with no '<' between): "
                                        + "no data file has so many, and reading them would take minutes",
                                    hint: "check the file is the data you meant; a real element with this many attributes cannot be read")
            }
            if let failure = input.failure {
                throw BaselineError(file: displayPath, line: lastTextLine, "cannot read the file: \(String(cString: strerror(failure)))",
                                    hint: "check the disk and the file's permissions, then run again")
            }
            if let error = pendingError { throw describe(error) }
            if result == 0 { return false }
            throw BaselineError(file: displayPath, line: lastTextLine, "libxml2 stopped reading the file without saying why",
                                hint: "check the file is complete XML")
        }
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue):
            encodeElement(into: chunk)
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
            if !openElements.isEmpty { openElements.removeLast() }
            chunk.reserve(13)
            chunk.put(Chunk.endElement)
            chunk.put(UnsafeRawPointer(xmlTextReaderConstLocalName(reader)))
            chunk.put(Int32(xmlTextReaderDepth(reader)))
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
             Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
            let node = xmlTextReaderCurrentNode(reader)!.pointee
            lastTextLine = node.line < 65535 ? Int(node.line) : Int(bitPattern: node.psvi)
            if wantsText {
                let value = xmlTextReaderConstValue(reader)
                chunk.reserve(13)
                chunk.put(Chunk.text)
                chunk.put(lastTextLine)
                chunk.put(Int32(xmlTextReaderDepth(reader)))
                chunk.putText(value, value.map { strlen($0) } ?? 0)
            }
        case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
            try refuseEntityDeclarations()
        case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
            let entity = String(cString: xmlTextReaderConstName(reader))
            throw BaselineError(file: displayPath, line: openElements.last?.line ?? lastTextLine,
                                "the text refers to the entity '&\(entity);', which is not expanded: entities are refused",
                                hint: "statistical data needs no entities; ask the publisher for the file without them")
        default:
            break
        }
        return true
    }

    private func encodeElement(into chunk: Chunk) {
        let local = xmlTextReaderConstLocalName(reader)
        let node = xmlTextReaderCurrentNode(reader)!
        let stored = Int(node.pointee.line)
        let line = stored < 65535 ? stored : max(lastTextLine, 65535)
        let depth = xmlTextReaderDepth(reader)
        let empty = xmlTextReaderIsEmptyElement(reader) == 1
        if !empty { openElements.append((local, line)) }
        chunk.reserve(24)
        chunk.put(Chunk.element)
        chunk.put(UnsafeRawPointer(local))
        chunk.put(Int32(depth))
        chunk.put(line)
        chunk.put(UInt8(empty ? 1 : 0))
        let countOffset = chunk.used
        chunk.put(UInt16(0))
        if depth == 0 {
            if let namespace = xmlTextReaderConstNamespaceUri(reader) {
                chunk.putText(namespace, strlen(namespace))
            } else {
                chunk.put(UInt32(0))
            }
        }
        var count: UInt16 = 0
        if Self.attributesAreText(node) {
            // Read from the element's own attribute list: what the reader's attribute calls
            // below give, without six calls an attribute on the thread that bounds a large
            // file's time (namespace declarations are not in the list).
            var attribute = node.pointee.properties
            while let current = attribute {
                let text = current.pointee.children?.pointee.content
                chunk.reserve(9)
                chunk.put(UnsafeRawPointer(current.pointee.name!))
                chunk.put(UInt8(current.pointee.ns?.pointee.prefix != nil ? 1 : 0))
                chunk.putText(text, text.map { strlen($0) } ?? 0)   // no child: "", as the reader gives it
                count &+= 1
                attribute = current.pointee.next
            }
        } else if xmlTextReaderMoveToFirstAttribute(reader) == 1 {
            repeat {
                if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
                guard let value = xmlTextReaderConstValue(reader) else { continue }
                chunk.reserve(9)
                chunk.put(UnsafeRawPointer(xmlTextReaderConstLocalName(reader)))
                chunk.put(UInt8(xmlTextReaderConstPrefix(reader) != nil ? 1 : 0))
                chunk.putText(value, strlen(value))
                count &+= 1
            } while xmlTextReaderMoveToNextAttribute(reader) == 1
            xmlTextReaderMoveToElement(reader)
        }
        chunk.base.storeBytes(of: count, toByteOffset: countOffset, as: UInt16.self)
    }

    /// Whether each attribute of `node` is its text as it stands: no child (an empty value)
    /// or one text node, whose content is what `xmlTextReaderConstValue` gives. (Else, e.g. a
    /// value with an entity reference, the reader's calls put the value together.)
    private static func attributesAreText(_ node: xmlNodePtr) -> Bool {
        var attribute = node.pointee.properties
        while let current = attribute {
            if let child = current.pointee.children, child.pointee.type != XML_TEXT_NODE || child.pointee.next != nil { return false }
            if current.pointee.name == nil { return false }
            attribute = current.pointee.next
        }
        return true
    }

    // MARK: Errors

    /// The part of a libxml2 error a message needs, copied out of libxml2's storage.
    private struct ErrorSnapshot {
        var line: Int
        var column: Int
        var code: Int32
        var domain: Int32
        var message: String
        var inDocument: Bool
    }

    private func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let inDocument = error.file != nil
        if let pending = pendingError, pending.inDocument || !inDocument { return }
        // One line: libxml2 puts some details on a line of their own ("…encoding !\nBytes: 0xE9…").
        let message = (error.message.map { String(cString: $0) } ?? "unknown error")
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        // libxml2 gives the line, and the column as `int2`, for errors of the parser; for the
        // rest (an encoding error) the parser is still where it stopped (asked on the error alone).
        let line = error.line > 0 ? Int(error.line) : Int(xmlTextReaderGetParserLineNumber(reader))
        let column = error.int2 > 0 ? Int(error.int2) : Int(xmlTextReaderGetParserColumnNumber(reader))
        pendingError = ErrorSnapshot(line: line, column: column, code: Int32(error.code), domain: Int32(error.domain),
                                     message: message, inDocument: inDocument)
    }

    private func describe(_ error: ErrorSnapshot) -> BaselineError {
        let line = error.line > 0 ? error.line : nil
        let column = error.column > 0 ? error.column : nil
        if error.code == Int32(XML_ERR_ENTITY_LOOP.rawValue) || error.code == Int32(XML_ERR_ENTITY_BOUNDARY.rawValue)
            || error.message.localizedCaseInsensitiveContains("entity") {
            return BaselineError(file: displayPath, line: line, column: column, "the file uses entities (\(error.message)): entities are refused",
                                 hint: "statistical data needs no entities; ask the publisher for the file without them")
        }
        // A namespace error (a prefix never declared) is about what is there, wherever it is: in a
        // file small enough to be read whole at once, the parser has consumed it all by then.
        if error.domain == Int32(XML_FROM_NAMESPACE.rawValue) {
            return BaselineError(file: displayPath, line: line, column: column, "the XML's namespaces are wrong: \(error.message)",
                                 hint: "declare the prefix (xmlns:prefix=\"…\") on the element or an ancestor, or export the file again")
        }
        if endsAtTruncation() {
            guard let root = openElements.first else {
                return BaselineError(file: displayPath, line: line, column: column, "the file ends before its first element: it holds no data",
                                     hint: "download or export the file again")
            }
            let element = root.name.map { String(cString: $0) } ?? "?"
            return BaselineError(file: displayPath, line: line, column: column,
                                 "the file ends before its first element '\(element)' (line \(root.line)) is closed: it looks cut short (libxml2: \(error.message))",
                                 hint: "download or export the file again; a complete file ends by closing its first element")
        }
        if error.domain == Int32(XML_FROM_I18N.rawValue), error.message.hasPrefix("input conversion failed") {
            // "…input error, bytes 0x81 0x62 0x22 0x2F": the bytes libxml2 could not convert, and
            // the three after. libxml2 converts ahead of the parser, so its position is not the
            // byte's: the first place those bytes stand in the file is.
            let listed = error.message.range(of: "bytes ").map { error.message[$0.upperBound...] } ?? ""
            let bytes = listed.split(separator: " ").compactMap { $0.hasPrefix("0x") ? UInt8($0.dropFirst(2), radix: 16) : nil }
            let byte = listed.split(separator: " ").first.map(String.init) ?? "?"
            let encoding = xmlTextReaderConstEncoding(reader).map { String(cString: $0) } ?? "the declared encoding"
            let (line, column) = locate(bytes) ?? (line, column)
            return BaselineError(file: displayPath, line: line, column: column,
                                 "the file is not \(encoding) here (byte \(byte)), though its XML declaration says it is",
                                 hint: "save it in the encoding it declares, or declare the encoding it is in (UTF-8 for most files)")
        }
        if error.message.hasPrefix("Input is not proper UTF-8") {
            let byte = error.message.range(of: "Bytes: ").map { String(error.message[$0.upperBound...].prefix(4)) } ?? "?"
            return BaselineError(file: displayPath, line: line, column: column,
                                 "the file is not UTF-8 here (byte \(byte)), and its XML declaration names no other encoding",
                                 hint: "save it as UTF-8, or declare the encoding it is in, e.g. <?xml version=\"1.0\" encoding=\"windows-1252\"?>")
        }
        return BaselineError(file: displayPath, line: line, column: column, "the XML is not well-formed: \(error.message)",
                             hint: "check the file at this position, or download or export it again")
    }

    /// Whether libxml2 stopped at the end of the file (nothing but whitespace after where it stopped).
    private func endsAtTruncation() -> Bool {
        let consumed = Int(xmlTextReaderByteConsumed(reader))
        guard consumed >= 0, fileSize - consumed <= 4096 else { return false }
        guard consumed < fileSize else { return true }
        var tail = [UInt8](repeating: 0, count: fileSize - consumed)
        let got = tail.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(consumed)) }
        return got == tail.count && tail.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// Stops at a DOCTYPE that declares entities, naming the first and where it is declared.
    private func refuseEntityDeclarations() throws {
        guard let node = xmlTextReaderCurrentNode(reader) else { return }
        let dtd = UnsafeMutableRawPointer(node).assumingMemoryBound(to: xmlDtd.self).pointee
        guard dtd.entities != nil || dtd.pentities != nil else { return }
        var entity = "?"
        var child = dtd.children
        while let current = child {
            if current.pointee.type == XML_ENTITY_DECL, let entityName = current.pointee.name {
                entity = String(cString: entityName)
                break
            }
            child = current.pointee.next
        }
        let (line, column) = locateDeclaration()
        throw BaselineError(file: displayPath, line: line, column: column,
                            "the DOCTYPE declares the entity '\(entity)': entity declarations are refused, as they are how a hostile file reads local files (XXE) or exhausts memory (billion laughs)",
                            hint: "statistical data needs no entities; ask the publisher for the file without a DOCTYPE")
    }

    /// The line and column (in bytes: a byte is a character in the single-byte encodings whose
    /// conversion fails) of the first place `bytes` stand in the file, read in blocks.
    private func locate(_ bytes: [UInt8]) -> (Int?, Int?)? {
        guard let first = bytes.first else { return nil }
        var block = [UInt8](repeating: 0, count: 1 << 16)
        var offset = 0, line = 1, column = 1, afterCR = false
        while true {
            let got = block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
            guard got > 0 else { return nil }
            // A match that runs past the block's end is looked for again at the next block's start.
            let usable = got < block.count ? got : got - bytes.count + 1
            for index in 0..<usable {
                let byte = block[index]
                if byte == first, index + bytes.count <= got, block[index..<index + bytes.count].elementsEqual(bytes) {
                    return (line, column)
                }
                if byte == 0x0A {
                    if !afterCR { line += 1 }
                    column = 1
                    afterCR = false
                } else if byte == 0x0D {
                    line += 1
                    column = 1
                    afterCR = true
                } else {
                    column += 1
                    afterCR = false
                }
            }
            offset += usable
        }
    }

    /// The line and column of the first `<!ENTITY` in the first 1 MiB of the file.
    private func locateDeclaration() -> (Int?, Int?) {
        var head = [UInt8](repeating: 0, count: min(fileSize, 1 << 20))
        let got = head.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard got > 0 else { return (nil, nil) }
        let marker = Array("<!ENTITY".utf8)
        var line = 1
        var lineStart = 0
        var index = 0
        while index + marker.count <= got {
            if head[index] == 0x0A {
                line += 1
                lineStart = index + 1
            } else if head[index] == 0x3C, Array(head[index..<index + marker.count]) == marker {
                return (line, index - lineStart + 1)
            }
            index += 1
        }
        return (nil, nil)
    }
}

// MARK: - Version

extension XMLStreamReader {
    /// The libxml2 the tool runs with: the loaded library's `xmlParserVersion` (`20914`) written
    /// dotted (`2.9.14`), followed by `(built with …)` when the headers the tool was built
    /// against (`LIBXML_DOTTED_VERSION`) name another version.
    static var libraryVersion: LibraryVersion {
        let built = LIBXML_DOTTED_VERSION
        var version = built
        if let runtime = __xmlParserVersion()?.pointee, let code = Int(String(cString: runtime).prefix { $0.isNumber }) {
            version = "\(code / 10000).\(code / 100 % 100).\(code % 100)"
        }
        return LibraryVersion(name: "libxml2", version: version == built ? version : "\(version) (built with \(built))", source: .runTime)
    }
}
