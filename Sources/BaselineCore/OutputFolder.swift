import BaselineHandoff
import BaselineText
import Foundation
import Glibc

/// The folder a sink writes into: a temporary folder that the runner renames into place once
/// every sink has succeeded.
///
/// Every name written into it stays inside it. Names that come from a pipeline (a sink's
/// `file:`, `name:` or `folder:`, a source id for `rejects/<id>.csv`) are checked with
/// `problem(withName:)` when the pipeline is read, at their line and column; `write` refuses,
/// as a last line of defence, any name that would land outside the folder all the same.
public struct OutputFolder: Sendable {
    /// The folder's absolute path.
    public let path: String
    /// Whether each file is flushed to the disk (`fsync`) before `write` returns: `baseline run
    /// --durable`. Off, a file is in the page cache when the run commits, which a failed run or a
    /// kill cannot lose but a power cut can (see docs/architecture.md, "The commit").
    public let durable: Bool
    /// Where every name written is claimed for `owner`, when writers share the folder (the
    /// runner's rejects and each sink): a write into another writer's file or folder is refused.
    public let claims: OutputClaims?
    /// Who writes through this value, for `claims`.
    public let owner: Int

    /// Wraps a folder path.
    public init(path: String, durable: Bool = false, claims: OutputClaims? = nil, owner: Int = 0) {
        self.path = path
        self.durable = durable
        self.claims = claims
        self.owner = owner
    }

    /// Writes `data` to `name` (which may contain sub-folders) inside the folder.
    public func write(_ data: Data, to name: String) throws {
        let url = try inside(name)
        try claims?.claim(name, by: owner)
        do {
            try makeSubfolders(of: name, at: url)
            try checkNoLinkOut(from: url, name: name)
        } catch let error as BaselineError {
            throw error
        } catch {
            throw cannotWrite(url.path, error.localizedDescription)
        }
        // Plain open, write, close: Foundation's `Data.write` also calls `fsync`, which was most
        // of a small run's wall time (13 files, 1–4 ms each).
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o666)
        guard descriptor >= 0 else { throw cannotWrite(url.path, String(cString: strerror(errno))) }
        var failure: Int32 = 0
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure == 0, durable, fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        if failure != 0 { throw cannotWrite(url.path, String(cString: strerror(failure))) }
    }

    /// The same folder, its writes claimed in `claims` for `owner`.
    public func claimed(in claims: OutputClaims, by owner: Int) -> OutputFolder {
        OutputFolder(path: path, durable: durable, claims: claims, owner: owner)
    }

    private func cannotWrite(_ file: String, _ reason: String) -> BaselineError {
        BaselineError(file: file, "cannot write output: \(reason)",
                      hint: "check the output folder is writable and the disk is not full")
    }

    /// Writes UTF-8 text to `name` inside the folder.
    public func write(_ text: String, to name: String) throws {
        try write(Data(text.utf8), to: name)
    }

    // MARK: - Names

    /// Why `name` cannot name a file or folder inside an output folder, or `nil` when it can.
    ///
    /// A name is relative, its parts separated by `/`, each part made of letters, digits, `-`,
    /// `_` and `.` and not starting with `.`: so never absolute, never `..`, never hidden, and
    /// free of NUL, control characters, spaces and backslashes.
    public static func problem(withName name: String) -> String? {
        let shown = PeopleText.line(name)
        if name.isEmpty { return "an empty name cannot name a file in the output folder" }
        if name.hasPrefix("/") { return "'\(shown)' is an absolute path: outputs are named inside the output folder" }
        for part in name.split(separator: "/", omittingEmptySubsequences: false) {
            if part == ".." { return "'\(shown)' climbs out of the output folder" }
            guard let first = part.first, first != ".",
                  part.allSatisfy({ ($0.isLetter || $0.isNumber) && !$0.unicodeScalars.contains(where: PeopleText.isUnsafe)
                                    || $0 == "-" || $0 == "_" || $0 == "." }) else {
                return "'\(shown)' is not a name the output folder can hold"
            }
        }
        return nil
    }

    /// What to do about a name `problem(withName:)` refuses.
    public static let nameHint = "use letters, digits, '-', '_' and '.', with '/' between folders (e.g. baseline.json or tables)"

    /// The file `name` names, or an error when it would not be inside the folder: an absolute
    /// name, a `..`, a `.`, a NUL or an empty part.
    private func inside(_ name: String) throws -> URL {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.hasPrefix("/"), !name.contains("\0"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            throw refusal(name)
        }
        return URL(fileURLWithPath: path).standardizedFileURL.appendingPathComponent(name)
    }

    /// Makes the sub-folders `name` passes through, one at a time below the folder, which must
    /// still be there: a write never makes the folder itself again. (A run stopped by a signal
    /// has its staging folder removed while its sinks may still be writing: a late write then
    /// fails, rather than leaving the folder behind after the process has gone.)
    private func makeSubfolders(of name: String, at url: URL) throws {
        let parts = name.split(separator: "/").dropLast()
        guard !parts.isEmpty else { return }
        var folder = URL(fileURLWithPath: path).standardizedFileURL.path
        for part in parts {
            folder += "/" + part
            if mkdir(folder, 0o777) != 0 {
                let failure = errno
                if failure != EEXIST { throw cannotWrite(url.path, String(cString: strerror(failure))) }
            }
        }
    }

    /// Refuses a file whose folder, links followed, is not inside the folder (a sub-folder
    /// that is a link to elsewhere), or that is itself a link.
    private func checkNoLinkOut(from url: URL, name: String) throws {
        let root = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath().path
        let shown = PeopleText.line(name)
        guard folder == root || folder.hasPrefix(root + "/") else {
            throw BaselineError(file: path, "refusing to write '\(shown)': its folder is a symbolic link to \(PeopleText.line(folder)), outside the output folder",
                                hint: "make it a real folder inside the output folder (remove the link)")
        }
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) {
            throw BaselineError(file: path, "refusing to write '\(shown)': it is a symbolic link (to \(PeopleText.line(target))), and the output is never written through one",
                                hint: "remove the link (or move it away) and run again")
        }
    }

    private func refusal(_ name: String) -> BaselineError {
        BaselineError(file: path, "refusing to write '\(PeopleText.line(name))': it is not inside the output folder",
                      hint: Self.nameHint)
    }
}

extension KeyedDecodingContainer {
    /// Decodes an option that names a file or folder inside the output folder (a sink's
    /// `file:`), refusing one that would not stay inside it; the error is located at the value.
    public func decodeOutputName(forKey key: Key) throws -> String? {
        guard let name = try decodeIfPresent(String.self, forKey: key) else { return nil }
        if let problem = OutputFolder.problem(withName: name) {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(problem) — \(OutputFolder.nameHint)")
        }
        return name
    }
}

/// The names written into one output folder, each with its writer: how the runner stops two
/// sinks (or a sink and the rejects) writing one file, where one would silently overwrite the
/// other, or one writing a file where another writes a folder. Writers claim names from any
/// thread, side by side; whichever of two comes second is refused, with an error that names
/// both in their order, so for two writers the error is the same whichever thread ran first
/// (with three writers of one name, which pair it names may depend on the order). (`OutputFolder`
/// accepts one spelling per file: no `a//b`, no `./a`.)
public final class OutputClaims: Sendable {
    /// Who an owner is, for the error: its description ("sink 'workbook' (line 102)") and its
    /// place in the pipeline file.
    public struct Owner: Sendable {
        /// The writer in words.
        public var description: String
        /// Where it is configured, when known.
        public var line: Int?
        public var column: Int?

        /// An owner.
        public init(_ description: String, line: Int? = nil, column: Int? = nil) {
            self.description = description
            self.line = line
            self.column = column
        }
    }

    private let file: String?
    private let owners: @Sendable (Int) -> Owner
    /// Each file claimed, with its owner; and each folder those files are in, with, for each
    /// owner writing in it, one of its files there (for the message).
    private let state = Locked((files: [String: Int](), folders: [String: [Int: String]]()))

    /// An empty record; errors are reported against `file` (the pipeline), at the later
    /// writer's place from `owners`.
    public init(file: String?, owners: @escaping @Sendable (Int) -> Owner) {
        self.file = file
        self.owners = owners
    }

    /// Claims `name` for `owner`; throws when another owner has claimed the same name, a
    /// folder above it, or a name inside it. Looks at `name` and the folders above it only.
    public func claim(_ name: String, by owner: Int) throws {
        let parts = name.split(separator: "/")
        let above = parts.indices.dropLast().map { parts[...$0].joined(separator: "/") }
        let clash: (name: String, owner: Int)? = state.withLock { state in
            if let other = state.files[name] {
                return other == owner ? nil : (name, other)
            }
            if let (other, inside) = state.folders[name]?.filter({ $0.key != owner }).min(by: { $0.key < $1.key }) { return (inside, other) }
            for folder in above {
                if let other = state.files[folder], other != owner { return (folder, other) }
            }
            state.files[name] = owner
            for folder in above where state.folders[folder]?[owner] == nil { state.folders[folder, default: [:]][owner] = name }
            return nil
        }
        guard let clash else { return }
        throw error(name, by: owner, against: clash.name, of: clash.owner)
    }

    /// The error for two writers, the same whichever claimed first.
    private func error(_ name: String, by owner: Int, against otherName: String, of other: Int) -> BaselineError {
        let (first, second) = owner < other ? ((owner, name), (other, otherName)) : ((other, otherName), (owner, name))
        let earlier = owners(first.0), later = owners(second.0)
        let message: String
        if first.1 == second.1 {
            message = "\(earlier.description) and \(later.description) both write '\(PeopleText.line(first.1))': the later would overwrite the earlier"
        } else {
            let (folder, inside) = first.1.count < second.1.count ? (first.1, second.1) : (second.1, first.1)
            message = "\(earlier.description) and \(later.description) are in each other's way: one writes the file '\(PeopleText.line(folder))', "
                + "the other '\(PeopleText.line(inside))' inside a folder of that name"
        }
        return BaselineError(file: file, line: later.line, column: later.column, message,
                             hint: "give one of them another name (its `file:`, `folder:` or `name:` option), or remove one")
    }
}
