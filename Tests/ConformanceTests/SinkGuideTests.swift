import BaselineTestKit
import Foundation
import Testing

/// docs/adding-a-sink.md is followed by a real sink and stage: its Swift blocks headed by a file's
/// path (`// Sources/Sinks/SummaryLine/SummaryLineSink.swift`) are the files of `SinkGuide/`,
/// which build and whose tests run here (less the import of the example's own module, which
/// a separate module needs), and the README and `sample.yaml` it shows pass the documentation
/// checks every built-in sink passes.
@Suite struct SinkGuideTests {
    static let guide = Repository.root + "/docs/adding-a-sink.md"
    static let example = Repository.root + "/Tests/ConformanceTests/SinkGuide/"

    /// The fenced blocks of the guide in `language`, each as its lines less the fence's
    /// indentation (a block in a list item is indented). A block may hold a shorter fence: a
    /// README's own sample is fenced by three backticks inside four.
    static func blocks(_ language: String) throws -> [[Substring]] {
        let lines = try String(contentsOfFile: guide, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var blocks = [[Substring]](), current: (fence: Substring, indent: Int, lines: [Substring])?
        for line in lines {
            let trimmed = line.drop { $0 == " " }
            let fence = trimmed.prefix { $0 == "`" }
            if current == nil, fence.count >= 3, trimmed.dropFirst(fence.count) == language {
                current = (fence, line.count - trimmed.count, [])
            } else if let open = current, trimmed == open.fence {
                blocks.append(open.lines)
                current = nil
            } else if let open = current {
                current?.lines.append(line.dropFirst(min(open.indent, line.prefix { $0 == " " }.count)))
            }
        }
        return blocks
    }

    /// The modules of the examples, which their tests import in the guide but not here.
    static let exampleImports: Set<Substring> = ["import SummaryLine", "import MinWords"]

    /// The guide's blocks whose first line is `<comment> <path> <end>`, by the path's file name,
    /// without that line.
    static func files(_ language: String, comment: String, end: String = "") throws -> [String: String] {
        var files = [String: String]()
        for block in try blocks(language) {
            guard let first = block.first, first.hasPrefix(comment + " Sources/") || first.hasPrefix(comment + " Tests/"),
                  first.hasSuffix(end) else { continue }
            let path = first.dropFirst(comment.count + 1).dropLast(end.count).trimmingCharacters(in: .whitespaces)
            files[String(path.split(separator: "/").last!)] = block.dropFirst().filter { !exampleImports.contains($0) }.joined(separator: "\n") + "\n"
        }
        return files
    }

    @Test("The guide's Swift files are the example's, which builds and passes its tests")
    func swiftBlocksAreTheExample() throws {
        let shown = try Self.files("swift", comment: "//")
        #expect(shown.keys.sorted() == ["MinWordsConfiguration.swift", "MinWordsStage.swift", "MinWordsTests.swift",
                                        "SummaryLineFile.swift", "SummaryLineSink.swift", "SummaryLineTests.swift"])
        for (name, text) in shown {
            let real = try String(contentsOfFile: Self.example + name, encoding: .utf8)
            #expect(text == real, "docs/adding-a-sink.md's \(name) differs from Tests/ConformanceTests/SinkGuide/\(name): make them the same")
        }
    }

    @Test("The guide's stage passes the checks of every plugin that need no README")
    func stagePasses() {
        let conformance = PluginConformance(MinWordsStage.self, sampleBase: Repository.root + "/pipelines", pluginFolder: nil)
        for check in [PluginConformance.Check.sampleDecodes, .optionsMatchConfiguration] {
            #expect(conformance.run(check).isEmpty, "\(check): \(conformance.run(check).joined(separator: "\n"))")
        }
    }

    @Test("The guide's README and sample.yaml pass the checks every sink passes")
    func documentationPasses() throws {
        let shown = try Self.files("markdown", comment: "<!--", end: "-->").merging(try Self.files("yaml", comment: "#")) { first, _ in first }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sink-guide-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["README.md", "sample.yaml"] {
            let text = try #require(shown[name], "docs/adding-a-sink.md shows no \(name)")
            try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        let conformance = PluginConformance(SummaryLineSink.self, sampleBase: Repository.root + "/pipelines", pluginFolder: folder)
        let issues = conformance.run()
        #expect(issues.isEmpty, "\(issues.joined(separator: "\n"))")
        // Under BASELINE_UPDATE_DOCS=1 the check rewrites the copies instead: they must be unchanged.
        for name in ["README.md", "sample.yaml"] {
            #expect(try String(contentsOfFile: folder + "/" + name, encoding: .utf8) == shown[name],
                    "docs/adding-a-sink.md's \(name) is not what the sink's declarations make")
        }
    }
}
