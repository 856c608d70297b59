import BaselineCore
import CLibXML2
import Foundation

/// An element or attribute name, interned in the reader's dictionary: two names are equal
/// exactly when their pointers are, so matching a name costs one comparison.
struct XMLName: Hashable {
    fileprivate let pointer: UnsafeRawPointer?

    /// No name (a node that has none).
    static var none: XMLName { XMLName(pointer: nil) }
}

/// Text owned by libxml2: valid until the reader moves to another node.
struct XMLText {
    /// The bytes (UTF-8), without the terminating NUL.
    let bytes: UnsafeBufferPointer<UInt8>
    /// Whether the bytes are followed by a NUL (they are when they come straight from libxml2).
    let terminated: Bool

    /// The text as a `String`.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Whether the text is exactly `other`.
    func equals(_ other: StaticString) -> Bool {
        guard bytes.count == other.utf8CodeUnitCount else { return false }
        return bytes.count == 0 || memcmp(bytes.baseAddress!, other.utf8Start, bytes.count) == 0
    }
}

/// libxml2's streaming reader (`xmlTextReader`) over one file, set up so that a hostile file can
/// do no harm, with every libxml2 error turned into a `BaselineError` at the file's line and column.
///
/// This is the only file of the adapter that touches libxml2. Safety:
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
        /// Text, CDATA or whitespace.
        case text
        /// A comment, processing instruction or other node of no interest.
        case other
    }

    /// The file as messages name it.
    let displayPath: String
    private let path: String
    private let reader: xmlTextReaderPtr
    private let descriptor: Int32
    private let fileSize: Int
    // Touched for every node by this class alone, on one thread: the dynamic exclusivity
    // checks Swift would add to each access are left out.
    @exclusivity(unchecked) private var pendingError: ErrorSnapshot?
    @exclusivity(unchecked) private var names = [XMLName: String]()
    @exclusivity(unchecked) private var lastTextLine = 1
    @exclusivity(unchecked) private var open = [(name: XMLName, line: Int)]()

    /// The kind of the current node.
    @exclusivity(unchecked) private(set) var kind = Kind.other
    /// The local name of the current element (`XMLName.none` for other nodes).
    @exclusivity(unchecked) private(set) var name = XMLName.none
    /// The line of the current element, or of the end of the current text.
    @exclusivity(unchecked) private(set) var line = 1

    /// Opens `path` for reading; `displayPath` is how messages name it.
    init(path: String, displayPath: String) throws {
        _ = Self.setUp
        self.path = path
        self.displayPath = displayPath
        descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw BaselineError(file: displayPath, "cannot open the file", hint: "check it exists and is readable")
        }
        var status = stat()
        fstat(descriptor, &status)
        fileSize = Int(status.st_size)
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOCDATA.rawValue)
        guard let reader = xmlReaderForFd(descriptor, displayPath, nil, options) else {
            close(descriptor)
            throw BaselineError(file: displayPath, "libxml2 could not start reading the file (out of memory?)")
        }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            Unmanaged<XMLStreamReader>.fromOpaque(context).takeUnretainedValue().record(error.pointee)
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

    // MARK: - Moving

    /// Moves to the next node; `false` at the end of the document. Throws a located
    /// `BaselineError` when the file is not well-formed, is cut short, or uses entities.
    func read() throws -> Bool {
        let result = xmlTextReaderRead(reader)
        if let error = pendingError { throw describe(error) }
        if result == 0 { return false }
        guard result == 1 else {
            throw BaselineError(file: displayPath, line: line, "libxml2 stopped reading the file without saying why",
                                hint: "check the file is complete XML")
        }
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue):
            kind = .element
            name = XMLName(pointer: xmlTextReaderConstLocalName(reader))
            let stored = Int(xmlTextReaderCurrentNode(reader)!.pointee.line)
            line = stored < 65535 ? stored : max(lastTextLine, 65535)
            if xmlTextReaderIsEmptyElement(reader) != 1 { open.append((name, line)) }
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
            kind = .endElement
            name = XMLName(pointer: xmlTextReaderConstLocalName(reader))
            if !open.isEmpty { open.removeLast() }
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
             Int32(XML_READER_TYPE_WHITESPACE.rawValue), Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
            kind = .text
            name = .none
            let node = xmlTextReaderCurrentNode(reader)!.pointee
            lastTextLine = node.line < 65535 ? Int(node.line) : Int(bitPattern: node.psvi)
            line = lastTextLine
        case Int32(XML_READER_TYPE_DOCUMENT_TYPE.rawValue):
            try refuseEntityDeclarations()
            kind = .other
        case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
            let entity = String(cString: xmlTextReaderConstName(reader))
            throw BaselineError(file: displayPath, line: open.last?.line ?? line,
                                "the text refers to the entity '&\(entity);', which is not expanded: entities are refused",
                                hint: "statistical data needs no entities; ask the publisher for the file without them")
        default:
            kind = .other
            name = .none
        }
        return true
    }

    // MARK: - The current node

    /// The depth of the current node (the root element is 0).
    var depth: Int { Int(xmlTextReaderDepth(reader)) }

    /// Whether the current element is empty (`<Obs/>`): no end tag follows.
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The namespace URI of the current element, if it has one.
    var namespaceURI: String? {
        xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) }
    }

    /// The text of the current text node.
    var text: XMLText {
        guard let value = xmlTextReaderConstValue(reader) else { return XMLText(bytes: .init(start: nil, count: 0), terminated: false) }
        return XMLText(bytes: UnsafeBufferPointer(start: value, count: strlen(value)), terminated: true)
    }

    /// Calls `body` with each attribute of the current element that is not a namespace
    /// declaration: its local name, its value, and whether it has a namespace prefix.
    func forEachAttribute(_ body: (XMLName, XMLText, Bool) throws -> Void) rethrows {
        guard xmlTextReaderMoveToFirstAttribute(reader) == 1 else { return }
        defer { xmlTextReaderMoveToElement(reader) }
        repeat {
            if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
            let local = XMLName(pointer: xmlTextReaderConstLocalName(reader))
            let qualified = xmlTextReaderConstPrefix(reader) != nil
            guard let value = xmlTextReaderConstValue(reader) else { continue }
            try body(local, XMLText(bytes: UnsafeBufferPointer(start: value, count: strlen(value)), terminated: true), qualified)
        } while xmlTextReaderMoveToNextAttribute(reader) == 1
    }

    // MARK: - Names

    /// The interned name for `text`, to compare with `name` and attribute names.
    func intern(_ text: String) -> XMLName {
        XMLName(pointer: xmlTextReaderConstString(reader, text))
    }

    /// A name as a `String` (kept, so each name is converted once).
    func string(_ name: XMLName) -> String {
        if let known = names[name] { return known }
        let text = name.pointer.map { String(cString: $0.assumingMemoryBound(to: UInt8.self)) } ?? ""
        names[name] = text
        return text
    }

    // MARK: - Errors

    /// The part of a libxml2 error a message needs, copied out of libxml2's storage.
    private struct ErrorSnapshot {
        var line: Int
        var column: Int
        var code: Int32
        var message: String
        var inDocument: Bool
    }

    private func record(_ error: xmlError) {
        guard error.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
        let inDocument = error.file != nil
        if let pending = pendingError, pending.inDocument || !inDocument { return }
        var message = error.message.map { String(cString: $0) } ?? "unknown error"
        while message.last?.isWhitespace == true { message.removeLast() }
        pendingError = ErrorSnapshot(line: Int(error.line), column: Int(error.int2), code: Int32(error.code),
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
        if endsAtTruncation(), let innermost = open.last {
            return BaselineError(file: displayPath, line: line, column: column,
                                 "the file ends inside the element '\(string(innermost.name))' opened at line \(innermost.line): it looks cut short (\(error.message))",
                                 hint: "download or export the file again; a complete file ends by closing its first element")
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
