import BaselineCore
import BaselineTestKit
import Foundation
import Testing
import TextReport

/// `text-report` names its files with `file:`, as the other sinks do, and still reads `name:`,
/// the spelling before 1.2, so that no pipeline breaks.
@Suite struct TextReportConfigurationTests {
    static func decode(_ entry: String) throws -> TextReportConfiguration {
        try decodeConfiguration(TextReportSink.self, entry: "sink: text-report\n" + entry, base: FileManager.default.temporaryDirectory.path)
    }

    @Test("file: names the two files; name: means the same; neither gives report")
    func fileOrName() throws {
        #expect(try Self.decode("file: brief").name == "brief")
        #expect(try Self.decode("name: brief").name == "brief")
        #expect(try Self.decode("").name == "report")
        #expect(TextReportSink.options.map(\.name) == ["file", "name", "template"])
    }

    @Test("file: and name: together are an error at name:'s value; a name leaving the folder at file:'s")
    func mistakes() throws {
        let both = #expect(throws: BaselineError.self) { try Self.decode("file: brief\nname: other") }
        #expect(both?.line == 3 && both?.column == 7, "\(String(describing: both))")
        #expect(both?.message.contains("keep `file`") == true, "\(String(describing: both))")
        let outside = #expect(throws: BaselineError.self) { try Self.decode("file: ../brief") }
        #expect(outside?.line == 2 && outside?.column == 7, "\(String(describing: outside))")
    }
}
