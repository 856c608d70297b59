import BaselineCore
import Foundation

/// Reads a `baseline.json` back for comparison: from the file or the folder that holds it,
/// refusing a schema version this build does not understand.
public enum BaselineFile {
    /// The major version of `baseline.json` this build reads (every 1.x).
    public static let readableMajor = 1

    /// Loads the baseline at `path` (a `baseline.json` or the folder holding one).
    public static func load(_ path: String) throws -> BaselineDocument {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BaselineError(file: path, "no such file or folder", hint: "name an output folder such as output/millbrook/2025, or its baseline.json")
        }
        let file = isDirectory.boolValue ? URL(fileURLWithPath: path).appendingPathComponent("baseline.json").path : path
        guard let data = FileManager.default.contents(atPath: file) else {
            throw BaselineError(file: file, "cannot read the baseline", hint: "run `baseline run` for this period first, or check the path")
        }
        let version: String
        do {
            let header = try JSONDecoder().decode(VersionHeader.self, from: data)
            version = header.schemaVersion
        } catch {
            throw BaselineError(file: file, "this is not a baseline.json (no schema_version)", hint: "name a file written by the dashboard-json sink")
        }
        guard let major = Int(version.split(separator: ".").first ?? ""), major == readableMajor else {
            throw BaselineError(file: file, "unknown schema_version \(version): this build reads \(readableMajor).x",
                                hint: "use the `baseline` version that wrote it, or re-run the pipeline with this one")
        }
        do {
            return try JSONDecoder().decode(BaselineDocument.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw BaselineError(file: file, "baseline.json is incomplete: no '\(key.stringValue)' at \(Self.path(context.codingPath))",
                                hint: "re-run the pipeline to write it again")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context), let DecodingError.valueNotFound(_, context) {
            throw BaselineError(file: file, "baseline.json does not match schema \(version) at \(Self.path(context.codingPath)): \(context.debugDescription)",
                                hint: "re-run the pipeline to write it again")
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "the top" : keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }

    private struct VersionHeader: Decodable {
        var schemaVersion: String
        enum CodingKeys: String, CodingKey { case schemaVersion = "schema_version" }
    }
}
