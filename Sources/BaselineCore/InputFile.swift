import Foundation

/// An input file named in a pipeline: the path as written (relative to the pipeline file) and
/// where it resolves to.
///
/// Decoding one checks that the file exists and is a regular file (not a FIFO or a device, which
/// would hang the run: see `RegularFile`), so a wrong path is reported at the line and column
/// of the pipeline that names it — by `validate`, before any data is read.
public struct InputFile: Sendable, Hashable, Decodable {
    /// The path as written in the pipeline file, used in outputs and messages.
    public var path: String
    /// The absolute path it resolves to.
    public var resolved: String

    /// Makes an input file from a path as written and the folder it is relative to.
    public init(path: String, relativeTo base: String) {
        self.path = path
        self.resolved = path.hasPrefix("/") ? path : URL(fileURLWithPath: base).appendingPathComponent(path).standardizedFileURL.path
    }

    /// Decodes a path string and checks the file exists and is a regular file.
    public init(from decoder: Decoder) throws {
        let (container, path, base) = try decoder.pipelinePath()
        self.init(path: path, relativeTo: base)
        let isDirectory = try container.existingPath(resolved, as: path, kind: "file", base: base)
        if isDirectory, decoder.userInfo[.allowDirectories] as? Bool != true {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(path) is a folder, not a file — name a file")
        }
        if let kind = RegularFile.kind(of: resolved) {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(path) is \(kind), not a regular file — \(RegularFile.hint)")
        }
        (decoder.userInfo[.namedFiles] as? NamedFiles)?.add(resolved, key: decoder.codingPath.last?.stringValue ?? "path")
    }
}

/// The files a pipeline file names, gathered while its configuration is decoded (given to the
/// decoder as `CodingUserInfoKey.namedFiles`): every `InputFile`, with the key that names it.
/// A source that reads a folder leaves them out (`SourceContext.namedFiles`).
public final class NamedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var files = [String: String]()

    /// None yet.
    public init() {}

    /// Records `resolved`, named by `key` (the first key to name a file is kept).
    func add(_ resolved: String, key: String) {
        lock.withLock { if files[resolved] == nil { files[resolved] = key } }
    }

    /// The files named so far: resolved path → the key that names it.
    public var all: [String: String] {
        lock.withLock { files }
    }
}

extension Decoder {
    /// A path as a pipeline file writes it, and the folder it is relative to (the pipeline's).
    func pipelinePath() throws -> (SingleValueDecodingContainer, path: String, base: String) {
        let container = try singleValueContainer()
        let path = try container.decode(String.self)
        return (container, path, userInfo[.baseDirectory] as? String ?? FileManager.default.currentDirectoryPath)
    }
}

extension SingleValueDecodingContainer {
    /// Whether `resolved` (the path `written` in the pipeline) is a folder; an error at the
    /// path's line when nothing is there, naming the `kind` expected and the folder it is relative to.
    func existingPath(_ resolved: String, as written: String, kind: String, base: String) throws -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            let guess = Self.nearestPath(resolved, as: written).map { "did you mean '\($0)'? (" } ?? ""
            throw DecodingError.dataCorruptedError(
                in: self, debugDescription: "no such \(kind): \(written) — \(guess)the path is relative to the pipeline file's folder, \(base)\(guess.isEmpty ? "" : ")")")
        }
        return isDirectory.boolValue
    }

    /// The path as written with its last part replaced by the nearest name in its folder (a typo:
    /// `adult-obesity-prevalance.csv` for `adult-obesity-prevalence.csv`), when there is one.
    static func nearestPath(_ resolved: String, as written: String) -> String? {
        let url = URL(fileURLWithPath: resolved)
        let name = url.lastPathComponent
        guard !name.isEmpty, let names = try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path),
              let near = closest(to: name, in: names.filter { !$0.hasPrefix(".") }) else { return nil }
        let trimmed = written.hasSuffix("/") ? String(written.dropLast()) : written
        guard let slash = trimmed.lastIndex(of: "/") else { return near }
        return String(trimmed[...slash]) + near
    }
}

extension CodingUserInfoKey {
    /// The folder relative paths in a pipeline file are resolved against (a `String`).
    public static let baseDirectory = CodingUserInfoKey(rawValue: "placebaseline.baseDirectory")!
    /// Set to `true` where an `InputFile` may name a folder.
    public static let allowDirectories = CodingUserInfoKey(rawValue: "placebaseline.allowDirectories")!
    /// A `NamedFiles` that every `InputFile` decoded adds itself to.
    public static let namedFiles = CodingUserInfoKey(rawValue: "placebaseline.namedFiles")!
}
