import Foundation
import Testing

/// `baseline --version` and the manifest's `tool_version` and `libraries`, checked against
/// what the system's own tools say of the libraries (`xml2-config`, `csv.h`), not against the
/// code that reads them.
@Suite(.serialized) struct VersionTests {
    /// libxml2's version as `xml2-config` (or else `pkg-config`) reports it.
    func libxml2Version() throws -> String {
        var outcome = try run("xml2-config", ["--version"])
        if outcome.status != 0 { outcome = try run("pkg-config", ["--modversion", "libxml-2.0"]) }
        #expect(outcome.status == 0, "neither xml2-config nor pkg-config knows libxml2: \(outcome.stderr)")
        return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// libcsv's version from `CSV_MAJOR`, `CSV_MINOR` and `CSV_RELEASE` in `/usr/include/csv.h`.
    func libcsvVersion() throws -> String {
        let header = try String(contentsOfFile: "/usr/include/csv.h", encoding: .utf8)
        let parts = ["CSV_MAJOR", "CSV_MINOR", "CSV_RELEASE"].map { name in
            header.split(separator: "\n").first { $0.hasPrefix("#define \(name) ") }
                .map { String($0.split(separator: " ").last ?? "") } ?? "?"
        }
        return parts.joined(separator: ".")
    }

    @Test func versionNamesTheToolAndTheLibrariesItRunsWith() throws {
        let outcome = try baseline("--version")
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(outcome.stdout)")
        let tool = try #require(lines.first)
        #expect(tool.wholeMatch(of: /baseline [0-9]+\.[0-9]+\.[0-9]+/) != nil, "\(tool)")
        #expect(lines.contains("libxml2 \(try libxml2Version())"), "\(outcome.stdout)")
        #expect(lines.contains("libcsv \(try libcsvVersion()) (from its header at build time; it reports no version at run time)"),
                "\(outcome.stdout)")
        #expect(lines.contains { $0.hasPrefix("libcrypto OpenSSL ") }, "\(outcome.stdout)")
        #expect(lines.contains { $0.wholeMatch(of: /libxlsxwriter [0-9]+\.[0-9]+\.[0-9]+/) != nil }, "\(outcome.stdout)")
    }

    @Test func manifestRecordsWhatMadeTheBaseline() throws {
        let scratch = try Scratch()
        let outcome = try baseline("run", "pipelines/millbrook-2025.yaml", "--output", scratch.path, "--quiet")
        #expect(outcome.status == 0, "stderr: \(outcome.stderr)")
        let file = scratch.path + "/millbrook/2025/baseline.json"
        let valid = try validateJSON(file, against: "baseline.schema.json")
        #expect(valid.stdout.contains("valid"), "\(valid.stderr)")

        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        #expect(document["schema_version"] as? String == "1.12")
        let manifest = try #require(document["manifest"] as? [String: Any])
        let libraries = try #require(manifest["libraries"] as? [[String: String]])
        #expect(libraries.map { $0["name"] } == ["libcsv", "libxml2", "libcrypto", "libxlsxwriter"])
        #expect(libraries.first { $0["name"] == "libxml2" }?["version"] == (try libxml2Version()))
        #expect(libraries.first { $0["name"] == "libcsv" }?["version"] == (try libcsvVersion()))
        #expect(libraries.map { $0["source"] } == ["build_time", "run_time", "run_time", "run_time"])

        // The same as `baseline --version` says, line for line.
        let printed = try baseline("--version").stdout.split(separator: "\n").map(String.init)
        #expect(printed.first == "baseline \(manifest["tool_version"] as? String ?? "none")")
        for library in libraries {
            #expect(printed.contains { $0.hasPrefix("\(library["name"]!) \(library["version"]!)") }, "\(library)")
        }
    }
}
