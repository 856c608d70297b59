import BaselineCore
import BaselinePipeline
import BaselineTestKit
import Foundation
import Testing

/// The README's options table and `sample.yaml` are made from the declarations: the check finds
/// either out of date, with the command that refreshes them, and refreshing touches only the
/// generated part.
@Suite(.serialized) struct PluginConformanceTests {
    /// A copy of the `lines` adapter's folder, changed by `change`, checked, then removed.
    static func documentationIssues(_ change: (String) throws -> Void) throws -> [String] {
        let source = try #require(Bundle.module.resourcePath) + "/Fixtures/Lines"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lines-docs-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: source, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try change(folder)
        var conformance = PluginConformance(LinesAdapter.self, sampleBase: source + "/..", pluginFolder: folder)
        conformance.refreshCommand = "refresh-docs"
        return conformance.run(.documentation)
    }

    @Test("Up-to-date README and sample pass")
    func upToDate() throws {
        #expect(try Self.documentationIssues { _ in }.isEmpty)
    }

    @Test("An options table that differs from `options` fails, naming the refresh command")
    func staleTable() throws {
        let issues = try Self.documentationIssues { folder in
            let readme = try String(contentsOfFile: folder + "/README.md", encoding: .utf8)
            try readme.replacingOccurrences(of: "Between area and value.", with: "The separator.")
                .write(toFile: folder + "/README.md", atomically: true, encoding: .utf8)
        }
        #expect(issues == ["README.md's options table differs from `options`: edit `options` (the one place options are documented), then run `refresh-docs`"])
    }

    @Test("A README without the markers fails, saying where to put them")
    func noMarkers() throws {
        let issues = try Self.documentationIssues { folder in
            try "# lines\n\n| option |\n".write(toFile: folder + "/README.md", atomically: true, encoding: .utf8)
        }
        #expect(issues == ["README.md has no options table to generate: under its `## Options` heading put the lines `<!-- generated: options -->` and `<!-- end generated -->`, then run `refresh-docs`"])
    }

    @Test("A sample.yaml that differs from sampleConfiguration fails")
    func staleSample() throws {
        let issues = try Self.documentationIssues { folder in
            try "id: test-lines\nadapter: lines\npath: other.txt\n".write(toFile: folder + "/sample.yaml", atomically: true, encoding: .utf8)
        }
        #expect(issues == ["sample.yaml differs from `sampleConfiguration` (or is missing): run `refresh-docs`"])
    }

    @Test("Refreshing replaces only the text between the markers")
    func refreshKeepsTheRest() throws {
        let readme = "# lines\n\nIntro.\n\n<!-- generated: options -->\nold table\n<!-- end generated -->\n\nAfter.\n"
        let refreshed = try #require(PluginDocumentation.refreshed(readme: readme, of: LinesAdapter.self))
        #expect(refreshed == """
            # lines

            Intro.

            <!-- generated: options -->
            | option | type | default | what it does |
            |---|---|---|---|
            | `path` | path | required | The file. |
            | `separator` | character | `,` | Between area and value. |
            \(PluginDocumentation.optionsTable([.onError, .maxRejected]).split(separator: "\n").dropFirst(2).joined(separator: "\n"))
            <!-- end generated -->

            After.

            """)
        #expect(PluginDocumentation.refreshed(readme: "# lines\n", of: LinesAdapter.self) == nil)
    }

    @Test("Writing refreshes the README and sample.yaml in place")
    func write() throws {
        let source = try #require(Bundle.module.resourcePath) + "/Fixtures/Lines"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lines-write-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: source, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let expected = try String(contentsOfFile: folder + "/README.md", encoding: .utf8)
        try expected.replacingOccurrences(of: "Between area and value.", with: "Stale.").write(toFile: folder + "/README.md", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: folder + "/sample.yaml")
        #expect(PluginDocumentation.problems(of: LinesAdapter.self, folder: folder, refresh: "", write: true).isEmpty)
        #expect(try String(contentsOfFile: folder + "/README.md", encoding: .utf8) == expected)
        #expect(try String(contentsOfFile: folder + "/sample.yaml", encoding: .utf8) == "id: test-lines\nadapter: lines\npath: lines/good.txt\n")
    }
}
