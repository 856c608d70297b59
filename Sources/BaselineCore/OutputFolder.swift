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
    /// Where every name written is noted with `owner`, when writers share the folder (the
    /// runner's rejects and each sink): two that write the same name are then found.
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
        claims?.note(name, by: owner)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
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

    /// The same folder, its writes noted in `claims` as `owner`'s.
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

    /// Refuses a file whose folder, links followed, is not inside the folder (a sub-folder
    /// that is a link to elsewhere), or that is itself a link.
    private func checkNoLinkOut(from url: URL, name: String) throws {
        let root = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let folder = url.deletingLastPathComponent().resolvingSymlinksInPath().path
        let isLink = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) != nil
        guard folder == root || folder.hasPrefix(root + "/"), !isLink else {
            throw refusal(name)
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

/// The names written into one output folder, each with who wrote it: how the runner finds two
/// sinks (or a sink and the rejects) writing the same file, where one would silently overwrite
/// the other. Writers note names from any thread. (`OutputFolder.write` accepts one spelling
/// per file: no `a//b`, no `./a`.)
public final class OutputClaims: Sendable {
    /// Each name's writers, with when each first noted it.
    private let names = Locked((notes: 0, writers: [String: [(owner: Int, order: Int)]]()))

    /// An empty record.
    public init() {}

    /// Notes that `owner` writes `name` (a name written twice by one owner counts once).
    public func note(_ name: String, by owner: Int) {
        names.withLock { state in
            guard state.writers[name]?.contains(where: { $0.owner == owner }) != true else { return }
            state.notes += 1
            state.writers[name, default: []].append((owner, state.notes))
        }
    }

    /// The names two owners or more wrote, each with its owners in ascending order. They come
    /// in the order of their second owner (the writer that would have overwritten the first),
    /// then of when that owner wrote them: the same order however the writers' threads ran.
    public var clashes: [(name: String, owners: [Int])] {
        names.withLock { state in
            state.writers.filter { $0.value.count > 1 }
                .map { name, writers -> (name: String, owners: [Int], order: Int) in
                    let sorted = writers.sorted { $0.owner < $1.owner }
                    return (name, sorted.map(\.owner), sorted[1].order)
                }
                .sorted { ($0.owners[1], $0.order) < ($1.owners[1], $1.order) }
                .map { ($0.name, $0.owners) }
        }
    }
}
