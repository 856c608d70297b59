import Foundation
import Testing
@testable import XMLDataset

/// `XMLElementLocator` counts start tags as libxml2's reader hands elements over, and gives the
/// line and column of each one's `<`.
@Suite struct XMLElementLocatorTests {
    /// A locator over `bytes`, written to a temporary file (removed with the returned folder's value).
    final class File {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xml-locator-\(UUID().uuidString)")
        let locator: XMLElementLocator

        init(_ bytes: [UInt8]) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(bytes).write(to: folder.appendingPathComponent("f.xml"))
            locator = XMLElementLocator(path: folder.appendingPathComponent("f.xml").path)
        }

        convenience init(_ text: String) throws {
            try self.init(Array(text.utf8))
        }

        deinit {
            try? FileManager.default.removeItem(at: folder)
        }

        func start(_ element: Int) -> XMLElementLocator.Start? {
            locator.start(ofElement: element)
        }
    }

    @Test("Comments, CDATA, processing instructions, a DOCTYPE, end tags and quoted '>' hold no element")
    func countsOnlyStartTags() throws {
        let file = try File("""
            <?xml version="1.0"?>
            <!DOCTYPE root [ <!ELEMENT root ANY> ]>
            <!-- <fake> --><root a="1>2" b='<'>
              <?pi <fake>?><one/><![CDATA[<fake/> ]] ]]>
              <two
                x="y"/></root>
            """)
        #expect(file.start(1) == .init(line: 3, column: 16, endLine: 3))
        #expect(file.start(2) == .init(line: 4, column: 16, endLine: 4))
        #expect(file.start(3) == .init(line: 5, column: 3, endLine: 6))
        #expect(file.start(4) == nil)
    }

    @Test("An element before the last one asked for is found again from the top")
    func rewinds() throws {
        let file = try File("<r><a/><b/><c/></r>\n")
        #expect(file.start(4)?.column == 12)
        #expect(file.start(2)?.column == 4)
        #expect(file.start(2)?.column == 4)
        #expect(file.start(3)?.column == 8)
    }

    @Test("Lines end at LF, CR LF and CR; columns count UTF-8 characters, after a byte order mark")
    func linesAndCharacters() throws {
        let file = try File([0xEF, 0xBB, 0xBF] + Array("<r>\r\n<a/>\r<b/>\n<c t=\"é€\"/><d/></r>".utf8))
        #expect(file.start(1) == .init(line: 1, column: 1, endLine: 1))
        #expect(file.start(2) == .init(line: 2, column: 1, endLine: 2))
        #expect(file.start(3) == .init(line: 3, column: 1, endLine: 3))
        #expect(file.start(5) == .init(line: 4, column: 12, endLine: 4))
    }

    @Test("A file that declares a single-byte encoding has its columns counted in bytes")
    func declaredEncoding() throws {
        let file = try File(Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<r t=\"".utf8) + [0xE9, 0xA3] + Array("\"><a/></r>".utf8))
        #expect(file.start(2) == .init(line: 2, column: 11, endLine: 2))
    }

    @Test("A UTF-16 file gives no place")
    func utf16() throws {
        let file = try File([0xFF, 0xFE] + "<r><a/></r>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(file.start(1) == nil)
    }

    @Test("Elements past the first block of the read are found, a start tag across two blocks among them")
    func acrossBlocks() throws {
        var text = "<r>\n"
        var lines = 1
        while text.utf8.count < 3 * (1 << 16) {
            text += "  <row value=\"\(lines)\"/>\n"
            lines += 1
        }
        text += "</r>\n"
        let file = try File(text)
        // The elements are the root, then a row a line.
        for row in stride(from: 1, to: lines, by: 997) {
            #expect(file.start(row + 1) == .init(line: row + 1, column: 3, endLine: row + 1))
        }
        #expect(file.start(lines) == .init(line: lines, column: 3, endLine: lines))
        #expect(file.start(lines + 1) == nil)
    }
}
