import BaselineText
import Foundation

/// A small text file the tool is configured with — a pipeline, codebook, catalogue, names list or
/// report template — read whole as UTF-8. Each mistake is a `BaselineError` naming the file and,
/// for a byte that is not UTF-8, its line and column, so that one reader says the same thing for
/// every such file. (Data files — CSV, XML, notes — have their own streaming readers.)
public enum TextFile {
    /// The text of the file at `resolved`, named `path` in messages; `what` names it in them too
    /// ("the codebook"). A UTF-8 byte-order mark is dropped.
    public static func read(_ resolved: String, path: String, what: String,
                            missingHint: String = "check the path (a relative path starts at the pipeline file's folder)") throws -> String {
        if let kind = RegularFile.kind(of: resolved) {
            throw BaselineError(file: path, "\(what) is \(kind), not a regular file", hint: RegularFile.hint)
        }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            var isFolder: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder)
            throw BaselineError(file: path, exists && isFolder.boolValue ? "\(what) is a folder, not a file" : "cannot read \(what)",
                                hint: exists ? "name a file, and check it is readable" : nearName(of: resolved, path: path) ?? missingHint)
        }
        return try decode(data, path: path, what: what)
    }

    /// For a file that is not there: "did you mean …?" with a file of its folder whose name is
    /// close (another case — names are case-sensitive here —, a letter, `.yml` for `.yaml`),
    /// written as `path` was; `nil` when none is.
    static func nearName(of resolved: String, path: String) -> String? {
        let url = URL(fileURLWithPath: resolved)
        let name = url.lastPathComponent
        let folder = url.deletingLastPathComponent().path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        let files = names.filter { candidate in
            var isFolder: ObjCBool = false
            return !candidate.hasPrefix(".") && FileManager.default.fileExists(atPath: folder + "/" + candidate, isDirectory: &isFolder) && !isFolder.boolValue
        }
        guard let guess = closest(to: name, in: files), guess != name else { return nil }
        let shown = path.hasSuffix(name) ? String(path.dropLast(name.count)) + guess : guess
        return "did you mean '\(shown)'?" + (guess.lowercased() == name.lowercased() ? " (names of files are case-sensitive)" : "")
    }

    /// `data` as UTF-8 text, or a located error at its first byte that is not.
    public static func decode(_ data: Data, path: String, what: String) throws -> String {
        try data.withUnsafeBytes { raw in
            var bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
            if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
                throw BaselineError(file: path, line: 1, column: 1, "\(what) is UTF-16 text", hint: "save it as UTF-8")
            }
            let (valid, failure) = UTF8Validation.check(bytes)
            guard failure != nil else { return String(decoding: bytes, as: UTF8.self) }
            let (line, column) = TextPosition.of(byteOffset: valid, in: bytes)
            let byte = String(bytes[valid], radix: 16, uppercase: true)
            throw BaselineError(file: path, line: line, column: column,
                                "\(what) is not UTF-8 text: byte 0x\(byte.count == 1 ? "0" + byte : byte) here is not part of a UTF-8 character",
                                hint: "save the file as UTF-8 (it may be Windows-1252 or Latin-1 from an older editor)")
        }
    }
}
