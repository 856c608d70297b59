import Foundation
import Testing

/// Where the package is, and the `baseline` binary `make test` builds before the tests.
enum Package {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let binary = root.appendingPathComponent(".build/debug/baseline").path
    static let tests = root.appendingPathComponent("Tests/EndToEndTests")
}

/// The outcome of running a command.
struct Outcome {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs a program and waits for it.
@discardableResult
func run(_ executable: String, _ arguments: [String], in directory: URL = Package.root) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
    process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
    process.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes at once: a program that fills one while the other is being read would wait forever.
    final class Box: @unchecked Sendable { var data = Data() }
    let errors = Box(), reading = DispatchGroup()
    DispatchQueue.global().async(group: reading) { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    reading.wait()
    let stderr = errors.data
    process.waitUntilExit()
    return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
}

/// Runs the real `baseline` binary.
func baseline(_ arguments: String..., in directory: URL = Package.root) throws -> Outcome {
    guard FileManager.default.isExecutableFile(atPath: Package.binary) else {
        Issue.record("no binary at \(Package.binary): run `swift build` (or `make test`) first")
        return Outcome(status: -1, stdout: "", stderr: "")
    }
    return try run(Package.binary, arguments, in: directory)
}

/// Validates a JSON file against one of the repository's JSON Schemas with Python's
/// `jsonschema` (a real validator, independent of the code that wrote the file).
func validateJSON(_ file: String, against schema: String) throws -> Outcome {
    let check = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        jsonschema.Draft202012Validator(schema).validate(json.load(open(sys.argv[2])))
        print("valid")
        """
    return try run("python3", ["-c", check, "schema/" + schema, file])
}

/// A temporary folder removed when the value goes away.
final class Scratch {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("baseline-e2e-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    var path: String { url.path }

    /// Every file below `folder`, relative path → bytes.
    static func files(under folder: String) throws -> [String: Data] {
        var result = [String: Data]()
        let base = URL(fileURLWithPath: folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in walker where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            result[String(url.path.dropFirst(base.path.count + 1))] = try Data(contentsOf: url)
        }
        return result
    }
}
