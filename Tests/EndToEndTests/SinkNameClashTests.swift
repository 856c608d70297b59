import Foundation
import Testing

/// Two sinks whose configurations name one file fail when the pipeline is read, before any
/// source is read: not after every source was read, only to stop at the sinks.
@Suite struct SinkNameClashTests {
    /// A scratch folder with `p.yaml`, whose one source is a CSV file that fails as soon as it is
    /// read (a header no layout fits), and whose sinks are `sinks`.
    func place(sinks: String) throws -> Scratch {
        let scratch = try Scratch()
        try "not,a,known,header\n1,2\n".write(toFile: scratch.path + "/broken.csv", atomically: true, encoding: .utf8)
        try """
            place: { name: Test Town, code: E07000001 }
            period: 2025
            sources:
              - { id: figures, adapter: csv-indicators, path: broken.csv }
            sinks:
            \(sinks)
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        return scratch
    }

    @Test("Two sinks writing one file: exit 1 with the located error, and the source is never read")
    func oneFileTwice() throws {
        let clash = "p.yaml:8:5: error: sink 'text-report' (line 6) and sink 'text-report' (line 8) both write 'report.md': the later would "
            + "overwrite the earlier — give one of them another name (its `file:`, `folder:` or `name:` option), or remove one\n"
        let scratch = try place(sinks: "  - sink: text-report\n  - sink: dashboard-json\n  - sink: text-report")
        let run = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(run.status == 1)
        // Reading the source would have failed on its header: its error is not there.
        #expect(run.stderr == clash, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out"), "nothing is made in the output folder")
        let validate = try baseline("validate", "p.yaml", "--no-inputs", in: scratch.url)
        #expect(validate.status == 1 && validate.stderr == clash, "\(validate.stderr)")

        // Without the clash, the same pipeline reads its source, and fails on it.
        let apart = try place(sinks: "  - sink: text-report\n  - sink: dashboard-json")
        let read = try baseline("run", "p.yaml", "--output", "out", "-q", in: apart.url)
        #expect(read.status == 1 && read.stderr.hasPrefix("p.yaml:4:51: error: cannot tell the layout of broken.csv"), "\(read.stderr)")
    }

    @Test("A sink's file where another writes a folder: exit 1 with the located error, and the source is never read")
    func fileOverAFolder() throws {
        let scratch = try place(sinks: "  - sink: csv-tables\n  - { sink: dashboard-json, file: tables }")
        let run = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(run.status == 1)
        #expect(run.stderr == "p.yaml:7:7: error: sink 'csv-tables' (line 6) and sink 'dashboard-json' (line 7) are in each other's way: "
            + "one writes the file 'tables', the other 'tables/indicators.csv' inside a folder of that name — give one of them another name "
            + "(its `file:`, `folder:` or `name:` option), or remove one\n", "\(run.stderr)")
    }
}
