import Foundation
import Testing

/// The Millbrook sample notes carry planted identifiers. Running the real binary on the sample
/// pipeline must leave none of them anywhere in the output folder — baseline.json, the reports,
/// the rejects — while the placeholders show they were found, not merely missed.
struct PlantedIdentifiersTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every identifier planted in samples/millbrook/notes and notes-2024, as written there.
    static let planted = [
        "sarah.okafor@millbrook.gov.uk", "Sarah Okafor", "Okafor", "jordan.b@example.co.uk", "01632 960 118", "07700 900461",
        "+44 (0)1632 960 772", "1632 960 772", "943 476 5919", "MB4 7QT", "MB12 9HD", "Dev Patel", "Tom Reilly", "Maureen Hughes",
        "Maureen", "Bernadette", "Jordan", "Amira", "Kayden", "dev.patel@millbrook.gov.uk", "01632 960 471",
    ]

    /// The binary beside this test bundle (any build configuration), or the debug build.
    static var binary: String? {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("baseline").path
        return [beside, root.appendingPathComponent(".build/debug/baseline").path].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test("the planted identifiers are in the sample notes, so the test can fail")
    func plantedInInput() throws {
        var text = ""
        for folder in ["samples/millbrook/notes", "samples/millbrook/notes-2024"] {
            let notes = Self.root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: notes.path) {
                let data = try Data(contentsOf: notes.appendingPathComponent(name))
                text += String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) ?? ""
            }
        }
        for identifier in Self.planted {
            #expect(text.contains(identifier), "\(identifier) is no longer planted in the sample notes")
        }
    }

    @Test("no planted identifier reaches any file of the output")
    func noneInOutput() throws {
        guard let binary = Self.binary else {
            Issue.record("no baseline binary: run `swift build` first")
            return
        }
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("planted-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        for year in ["2024", "2025"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["run", "pipelines/millbrook-\(year).yaml", "--output", output.path, "--quiet"]
            process.currentDirectoryURL = Self.root
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }

        var files = [String: String]()
        let enumerator = FileManager.default.enumerator(at: output, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files[url.path] = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        }
        #expect(files.keys.contains { $0.hasSuffix("baseline.json") })
        #expect(files.keys.contains { $0.hasSuffix("report.md") })
        for (path, text) in files {
            for identifier in Self.planted {
                #expect(!text.contains(identifier), "\(identifier) appears in \(path)")
            }
        }
        let report = files.first { $0.key.hasSuffix("2025/report.md") }?.value ?? ""
        #expect(report.contains("## What we heard"))
        // (Brackets from the data are escaped in Markdown, so that no value can make a link.)
        #expect(report.contains("\\[phone\\]"), "a quote that held a phone number shows its placeholder")

        // The counts of the notes' planted identifiers, by hand: 2 e-mails, 3 phones, 1 NHS
        // number, 2 postcodes, and 6 names in passages of text (the focus group's speaker labels
        // are attributes, redacted but not counted).
        func redactions(_ year: String) throws -> [String: Int]? {
            let json = files.first { $0.key.hasSuffix("\(year)/baseline.json") }?.value ?? ""
            let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return (document?["data_quality"] as? [String: Any])?["redactions"] as? [String: Int]
        }
        #expect(try redactions("2025") == ["email": 2, "phone": 3, "nhs-number": 1, "postcode": 2, "name": 6, "address": 0])
        // 2024, by hand: one e-mail and one phone number, and three names in passages (Dev Patel,
        // Tom Reilly, Maureen Hughes); the focus group's speakers are attributes again.
        #expect(try redactions("2024") == ["email": 1, "phone": 1, "nhs-number": 0, "postcode": 0, "name": 3, "address": 0])
    }
}
