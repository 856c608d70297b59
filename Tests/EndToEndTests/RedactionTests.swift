import Foundation
import Testing

/// The `redact` stage through the real binary, on interview notes as new users wrote them: street
/// addresses and a listed person's first name or surname alone reached the workshop brief.
struct RedactionTests {
    static let notes = [
        "2025-03-04_interview_Margaret.md": """
            ---
            kind: interview
            date: 2025-03-04
            role: Resident
            organisation: Residents
            ---

            # Getting about

            Margaret Ring said the bus to the surgery stopped running last spring and she feels lonely.

            Later Margaret told us she lives at 14 Acacia Avenue and the bus stop is a mile away.

            Ms Ring’s neighbour at Flat 3, 22 Mill Lane drives her when he can, but he is lonely too.
            """,
        "2025-03-05_workshop_eastfield.md": """
            ---
            kind: workshop
            date: 2025-03-05
            role: Community group
            organisation: Eastfield CVS
            ---

            # Table 1

            Siobhán from the youth club said young people wait an hour for a bus.

            Siobhán Ní Bhriain and Ring both named 7 Upper Church Hill Close, where nobody is safe. In 2023 Road safety was the theme; 3 Road Safety officers came once.

            Nobody during the winter felt less lonely; the Ringway bus was cut.
            """,
    ]

    /// Runs the notes through `redact` (when `redacting`) and `code-themes`, and returns the
    /// output folder's files and `baseline.json`.
    func run(redacting: Bool, in scratch: Scratch) throws -> (files: [String: Data], json: [String: Any]) {
        try FileManager.default.createDirectory(atPath: scratch.path + "/notes", withIntermediateDirectories: true)
        for (name, text) in Self.notes {
            try text.write(toFile: scratch.path + "/notes/" + name, atomically: true, encoding: .utf8)
        }
        try "themes:\n  - id: transport\n    name: Transport\n    phrases: [bus]\n  - id: loneliness\n    name: Loneliness\n    phrases: [lonely]\n"
            .write(toFile: scratch.path + "/codebook.yaml", atomically: true, encoding: .utf8)
        try """
            place: { name: Test Town, code: E07000001 }
            period: 2025
            \(redacting ? "privacy:\n  names: [Margaret Ring, Siobhán Ní Bhriain]" : "")
            sources:
              - id: notes
                adapter: interview-notes
                path: notes
            transforms:
            \(redacting ? "  - stage: redact" : "")
              - stage: code-themes
                codebook: codebook.yaml
            sinks:
              - sink: dashboard-json
              - sink: text-report
              - sink: html-dashboard
              - sink: csv-tables
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let folder = scratch.path + "/out/test-town/2025"
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/baseline.json")))
        return (try Scratch.files(under: folder), try #require(json as? [String: Any]))
    }

    /// Mentions by theme id.
    func mentions(_ json: [String: Any]) -> [String: Int] {
        let themes = json["themes"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: themes.compactMap { theme in
            (theme["id"] as? String).map { ($0, theme["mentions"] as? Int ?? -1) }
        })
    }

    @Test func addressesAndLoneNamesLeaveEveryOutputWhileThemesCountAsBefore() throws {
        let redacted = try run(redacting: true, in: Scratch())
        let plain = try run(redacting: false, in: Scratch())
        #expect(!redacted.files.isEmpty)
        for (path, data) in redacted.files {
            let text = String(decoding: data, as: UTF8.self)
            for leak in ["Acacia", "Mill Lane", "Flat 3", "Church Hill", "Margaret", "Siobhán", "Bhriain"] {
                #expect(!text.contains(leak), "\(leak) in \(path)")
            }
            #expect(text.range(of: "\\bRing\\b", options: .regularExpression) == nil, "Ring in \(path)")
        }
        let report = String(decoding: try #require(redacted.files["report.md"]), as: UTF8.self)
        #expect(report.contains("Redacted from quotes and answers: 3 street addresses and 6 names."), "\(report)")
        let quality = try #require(redacted.json["data_quality"] as? [String: Any])
        #expect(quality["redactions"] as? [String: Int] == ["address": 3, "name": 6, "email": 0, "phone": 0, "nhs-number": 0, "postcode": 0])
        // Look-alikes stay as they were written, and words around a name keep their letters.
        let quotes = String(decoding: try #require(redacted.files["baseline.json"]), as: UTF8.self)
        #expect(quotes.contains("Ringway bus") && quotes.contains("during the winter"))
        #expect(quotes.contains("[address]"))
        #expect(mentions(redacted.json) == ["transport": 4, "loneliness": 3])
        #expect(mentions(redacted.json) == mentions(plain.json))
        let manifest = String(decoding: try #require(plain.files["baseline.json"]), as: UTF8.self)
        #expect(manifest.contains("interview_Margaret.md"), "the plain run shows the file's name as it is")
    }
}
