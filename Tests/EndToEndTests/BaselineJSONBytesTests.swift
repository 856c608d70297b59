import BaselineSchema
import Foundation
import Testing

/// `baseline.json` is written by the sink's own encoder (`SortedJSONEncoder`), which must give
/// the bytes `JSONEncoder` gives with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]`:
/// the Millbrook sample's file, read back, is encoded again by `JSONEncoder` and compared.
@Suite(.serialized) struct BaselineJSONBytesTests {
    @Test func theSampleBaselineIsWhatJSONEncoderWrites() throws {
        let scratch = try Scratch()
        // 2024 first, as `make run` does: the 2025 baseline then has a progress section too.
        for year in ["2024", "2025"] {
            let outcome = try baseline("run", "pipelines/millbrook-\(year).yaml", "--output", scratch.path, "-q")
            #expect(outcome.status == 0, "\(outcome.stderr)")
        }
        let written = try Data(contentsOf: URL(fileURLWithPath: scratch.path + "/millbrook/2025/baseline.json"))
        let document = try JSONDecoder().decode(BaselineDocument.self, from: written)
        #expect(document.progress != nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var expected = try encoder.encode(document)
        expected.append(0x0A)
        if written != expected {
            let a = String(decoding: written, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let b = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record("baseline.json differs from JSONEncoder's at line \(line + 1):\n  written:     \(line < a.count ? a[line] : "<end>")\n  JSONEncoder: \(line < b.count ? b[line] : "<end>")")
        }
    }
}
