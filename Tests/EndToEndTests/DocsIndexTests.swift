import Foundation
import Testing

/// `docs/index.md` is what a newcomer opens first in `docs/`: the table of contents. A try-out
/// found the cross-place index's page there instead (now `docs/place-index.md`).
struct DocsIndexTests {
    /// The relative Markdown links of `text`, without their `#fragment`.
    func links(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"\]\(([^)#\s]+)(#[^)]*)?\)"#)
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }.filter { !$0.contains("://") }
    }

    @Test func docsIndexIsATableOfContentsOfEveryPage() throws {
        let docs = Package.root.appendingPathComponent("docs")
        let index = try String(contentsOf: docs.appendingPathComponent("index.md"), encoding: .utf8)
        let linked = Set(links(in: index).map { docs.appendingPathComponent($0).standardizedFileURL.path })
        for link in linked {
            #expect(FileManager.default.fileExists(atPath: link), "docs/index.md links \(link), which is not there")
        }
        let pages = try #require(FileManager.default.enumerator(atPath: docs.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".md") && $0 != "index.md" }
        #expect(pages.count > 5)
        for page in pages {
            #expect(linked.contains(docs.appendingPathComponent(page).standardizedFileURL.path), "docs/index.md does not list docs/\(page)")
        }
        let readme = try String(contentsOf: Package.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(links(in: readme).contains("docs/index.md"), "the README points to the table of contents")
        #expect(links(in: readme).contains("docs/place-index.md"), "`baseline index` is documented in docs/place-index.md")
    }
}
