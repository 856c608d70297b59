import Foundation

/// A set of input files named in a pipeline by a folder, a glob, or a single file: the path as
/// written (relative to the pipeline file) and where it resolves to.
///
/// - `notes` (a folder): every file in it and its sub-folders, except hidden ones (`.name`).
/// - `notes/*.md` (a glob in the last part of the path): the files directly in `notes` whose
///   names match, with `*`, `?` and `[…]` as in the shell.
/// - `notes/one.md` (a file): that file.
///
/// Decoding one checks that the folder (or file) exists, so a wrong path is reported at the line
/// and column of the pipeline that names it. `files()` lists the files sorted by path (by
/// Unicode scalar value, which for the usual ASCII names is byte order), so every run reads them
/// in the same order.
public struct InputFolder: Sendable, Hashable, Decodable {
    /// The path as written in the pipeline file, used in outputs and messages.
    public var path: String
    /// The absolute path of the folder (or file) it resolves to.
    public var resolved: String
    /// The file-name glob, when the path ends in one.
    public var pattern: String?

    /// Makes an input folder from a path as written and the folder it is relative to.
    public init(path: String, relativeTo base: String) {
        let (folder, pattern) = Self.split(path)
        self.path = path
        self.pattern = pattern
        self.resolved = InputFile(path: folder, relativeTo: base).resolved
    }

    /// Decodes a path string and checks that the folder or file exists.
    public init(from decoder: Decoder) throws {
        let (container, path, base) = try decoder.pipelinePath()
        self.init(path: path, relativeTo: base)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "no such folder: \(path) — the path is relative to the pipeline file's folder, \(base)")
        }
        if pattern != nil, !isDirectory.boolValue {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(path): the part before the pattern is not a folder — name a folder, then a pattern such as *.md")
        }
        if pattern != nil, Self.isGlob(Self.split(path).folder) {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(path): only the last part of the path may be a pattern — name the folder, then a pattern such as *.md")
        }
    }

    /// The files, sorted by path; each `InputFile.path` is this folder's path as written joined
    /// with the file's path inside it.
    public func files() throws -> [InputFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            throw BaselineError(file: path, "no such folder", hint: "check the path; it is relative to the pipeline file")
        }
        guard isDirectory.boolValue else {
            return [InputFile(path: path, resolved: resolved)]
        }
        let written = pattern == nil ? path : String(path.dropLast(pattern!.count))
        let prefix = written.isEmpty || written.hasSuffix("/") ? written : written + "/"
        var relative = [String]()
        try Self.list(folder: resolved, under: "", recursive: pattern == nil, into: &relative)
        if let pattern {
            relative = relative.filter { fnmatch(pattern, $0, 0) == 0 }
        }
        return relative.sorted().map {
            InputFile(path: prefix + $0, resolved: resolved + "/" + $0)
        }
    }

    /// Lists files (following symbolic links) with `opendir`, which is much faster than
    /// `FileManager`'s enumerator on folders of thousands of notes.
    private static func list(folder: String, under relative: String, recursive: Bool, into files: inout [String]) throws {
        guard let directory = opendir(folder) else {
            // The folder in full: `relative` is relative to the input folder, not to the pipeline.
            throw BaselineError(file: folder, "cannot read the folder: \(String(cString: strerror(errno)))",
                                hint: "check the folder's permissions")
        }
        defer { closedir(directory) }
        var folders = [String]()
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.baseAddress!.assumingMemoryBound(to: CChar.self)) }
            guard !name.hasPrefix(".") else { continue }
            var isFolder = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) || Int32(entry.pointee.d_type) == Int32(DT_LNK) {
                var info = stat()
                isFolder = stat(folder + "/" + name, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
            }
            if !isFolder {
                files.append(relative + name)
            } else if recursive {
                folders.append(name)
            }
        }
        for name in folders {
            try list(folder: folder + "/" + name, under: relative + name + "/", recursive: true, into: &files)
        }
    }

    /// Splits `notes/*.md` into the folder (`notes/`) and the pattern (`*.md`).
    private static func split(_ path: String) -> (folder: String, pattern: String?) {
        let last = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard isGlob(last) else { return (path, nil) }
        let folder = String(path.dropLast(last.count))
        return (folder.isEmpty ? "." : folder, last)
    }

    private static func isGlob(_ text: String) -> Bool {
        text.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }
}

extension InputFile {
    /// A file whose resolved path is already known.
    fileprivate init(path: String, resolved: String) {
        self.path = path
        self.resolved = resolved
    }
}
