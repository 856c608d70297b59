import BaselineCore
import BaselineSchema
@testable import DashboardJSON
import Foundation
import Testing

/// `baseline.json` writes a long list of manifest inputs itself: it must be byte for byte what
/// `JSONEncoder` writes, whatever the paths hold.
@Suite struct DashboardJSONEncodingTests {
    static func plain(_ document: BaselineDocument) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(document)
        data.append(0x0A)
        return data
    }

    static func document(inputs count: Int) -> BaselineDocument {
        var document = BaselineDocument(place: Place(name: "Millbrook", code: "E07999001"), period: "2025")
        let awkward = ["notes/a \"quoted\" name.md", "notes\\back\\slash.md", "notes/tab\there.md", "notes/line\nbreak.md",
                       "notes/bell\u{07}.md", "notes/unit\u{1F}sep.md", "notes/café – “curly”.md", "notes/emoji 📝.md",
                       "notes/delete\u{7F}.md", "/absolute/path/with/slashes.md", ""]
        document.manifest.inputs = (0..<count).map { index in
            ManifestInput(path: index < awkward.count ? awkward[index] : "notes/note-\(index).md",
                          source: index % 3 == 0 ? "notes" : "workshop \"b\"", bytes: index * 37,
                          sha256: String(repeating: "0123456789abcdef", count: 4))
        }
        document.manifest.sources = [SourceCounts(id: "notes", adapter: "interview-notes", version: "1.0.0", onError: .quarantine)]
        document.manifest.toolVersion = "1.0.0"
        document.manifest.libraries = [LibraryVersion(name: "libcsv", version: "3.0.3", source: .buildTime)]
        document.dataQuality.notes = ["\"inputs\" : [ in a note does not confuse it"]
        return document
    }

    @Test(arguments: [0, 1, 63, 64, 65, 500])
    func theSameBytesAsJSONEncoder(inputs: Int) throws {
        let document = Self.document(inputs: inputs)
        let written = try DashboardJSONSink.encode(document)
        let expected = try Self.plain(document)
        #expect(written == expected, "\(String(decoding: written.prefix(600), as: UTF8.self))")
    }

    @Test func theEmptyListItReplacesIsWhereJSONEncoderPutsIt() throws {
        // Otherwise `encode` falls back to JSONEncoder for everything, and the test above
        // would pass without testing the direct writing.
        var document = Self.document(inputs: 100)
        document.manifest.inputs = []
        let plain = try Self.plain(document)
        let empty = Data(ManifestInputsJSON.emptyList.utf8)
        let found = try #require(plain.range(of: empty))
        #expect(plain.range(of: empty, in: found.upperBound..<plain.endIndex) == nil)
    }
}
