import Foundation

/// A set of input files named in a pipeline by a folder, a glob, or a single file: the path as
/// written (relative to the pipeline file) and where it resolves to.
///
/// - `notes` (a folder): every file in it and its sub-folders, except hidden ones (`.name`).
/// - `notes/*.md` (a glob in the last part of the path): the files directly in `notes` whose
///   names match, with `*`, `?` and `[…]` as in the shell.
/// - `notes/one.md` (a file): that file.
///
/// Only regular files are read. In a folder, a FIFO, a device or a socket (or a symbolic link to
/// one) is refused, as it could hang the run (see `RegularFile`); so is a symbolic link that
/// leads out of the folder, whose target would otherwise be read and its text published as if
/// it were a note, and a link back to a folder that holds it, which would be listed forever.
/// A file from elsewhere is copied into the folder, or named as a source of its own.
///
/// Decoding one (with `decode(_:forKey:holding:)`) checks that the folder (or file) exists and
/// lists it, so a wrong path, or a refused entry in the folder, is reported at the line and column of the pipeline that names
/// it. `files()` lists the files sorted by path (by Unicode scalar value, which for the usual
/// ASCII names is byte order), so every run reads them in the same order.
public struct InputFolder: Sendable, Hashable, Decodable {
    /// The path as written in the pipeline file, used in outputs and messages.
    public var path: String
    /// The absolute path of the folder (or file) it resolves to.
    public var resolved: String
    /// The file-name glob, when the path ends in one.
    public var pattern: String?
    /// What the files are, in the messages that refuse one ("notes", "police.uk files").
    public var holding = "input files"

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
        let isDirectory = try container.existingPath(resolved, as: path, kind: "folder", base: base)
        if pattern != nil, !isDirectory {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(path): the part before the pattern is not a folder — name a folder, then a pattern such as *.md")
        }
        if pattern != nil, Self.isGlob(Self.split(path).folder) {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(path): only the last part of the path may be a pattern — name the folder, then a pattern such as *.md")
        }
    }

    /// Decodes the folder at `key` and lists it, so that a refused entry is an error at the
    /// path's line; `holding` says what its files are in messages ("notes", "police.uk files").
    public static func decode<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, forKey key: Key, holding: String) throws -> InputFolder {
        var folder = try container.decode(InputFolder.self, forKey: key)
        folder.holding = holding
        do {
            _ = try folder.files()
        } catch let error as BaselineError {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: error.message + (error.hint.map { " — " + $0 } ?? ""))
        }
        return folder
    }

    /// The files, sorted by path; each `InputFile.path` is this folder's path as written joined
    /// with the file's path inside it.
    public func files() throws -> [InputFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) else {
            throw BaselineError(file: path, "no such folder", hint: "check the path; it is relative to the pipeline file")
        }
        guard isDirectory.boolValue else {
            if let kind = RegularFile.kind(of: resolved) {
                throw BaselineError(file: path, "\(path) is \(kind), not a regular file", hint: RegularFile.hint)
            }
            return [InputFile(path: path, resolved: resolved)]
        }
        let written = pattern == nil ? path : String(path.dropLast(pattern!.count))
        let prefix = written.isEmpty || written.hasSuffix("/") ? written : written + "/"
        var relative = [String]()
        let listing = Listing(root: RealPath.of(resolved) ?? resolved, pattern: pattern, written: prefix, holding: holding)
        try listing.list(folder: resolved, under: "", into: &relative)
        return relative.sorted().map {
            InputFile(path: prefix + $0, resolved: resolved + "/" + $0)
        }
    }

    /// Lists the files of a folder with `opendir`, which is much faster than `FileManager`'s
    /// enumerator on folders of thousands of notes, refusing what is not read (see the type's
    /// documentation).
    private struct Listing {
        /// The folder's real path (symbolic links resolved), which links must stay inside.
        var root: String
        /// The file-name glob: then only the folder itself is listed, and only matching names.
        var pattern: String?
        /// The folder as the pipeline writes it, with a trailing `/`, for messages.
        var written: String
        /// What the files are, for messages.
        var holding: String

        func list(folder: String, under relative: String, into files: inout [String]) throws {
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
                let type = Int32(entry.pointee.d_type)
                if type == Int32(DT_REG) {
                    if pattern.map({ fnmatch($0, name, 0) == 0 }) ?? true { files.append(relative + name) }
                    continue
                }
                if type == Int32(DT_DIR) {
                    if pattern == nil { folders.append(name) }
                    continue
                }
                let full = folder + "/" + name
                var info = stat(), link = stat()
                guard stat(full, &info) == 0 else {
                    // A dangling link: the notes reader reports the file it cannot open.
                    if pattern.map({ fnmatch($0, name, 0) == 0 }) ?? true { files.append(relative + name) }
                    continue
                }
                let isFolder = info.st_mode & S_IFMT == S_IFDIR
                guard isFolder ? pattern == nil : pattern.map({ fnmatch($0, name, 0) == 0 }) ?? true else { continue }
                if lstat(full, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                    try checkLink(full, named: written + relative + name, isFolder: isFolder, in: folder)
                }
                if isFolder {
                    folders.append(name)
                } else if let kind = RegularFile.kind(mode: info.st_mode) {
                    throw BaselineError(file: written + relative + name, "\(written + relative + name) is \(kind), not a regular file",
                                        hint: "take it out of the folder: a FIFO, a device or a socket is never read as \(holding), as it may never end")
                } else {
                    files.append(relative + name)
                }
            }
            for name in folders {
                try list(folder: folder + "/" + name, under: relative + name + "/", into: &files)
            }
        }

        /// Refuses a symbolic link whose target is outside the root folder, or (for a folder) one
        /// that holds the link itself.
        private func checkLink(_ full: String, named shown: String, isFolder: Bool, in folder: String) throws {
            guard let target = RealPath.of(full) else { return }
            if isFolder, let here = RealPath.of(folder), (here + "/").hasPrefix(target + "/") {
                throw BaselineError(file: shown, "\(shown) is a symbolic link to a folder that holds it, which would be listed forever",
                                    hint: "remove the link")
            }
            guard target.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
                throw BaselineError(file: shown, "\(shown) is a symbolic link to \(target), outside the folder \(written.isEmpty ? "." : written)",
                                    hint: "links out of the folder are not followed, so that no file from elsewhere is published as \(holding); copy the file into the folder instead")
            }
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
