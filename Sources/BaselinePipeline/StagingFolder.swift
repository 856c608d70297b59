import BaselineCore
import BaselineHandoff
import BaselineText
import Foundation

/// A run's output on its way into `<root>/<place>/<period>/`.
///
/// ```
///  <place>/.<period>.partial-<pid>/   sinks write here
///        │ commit: one exchange (renameat2 RENAME_EXCHANGE)
///        ▼
///  <place>/<period>/                  the new baseline; the previous one is now in the staging
///                                     folder's place, and is removed
/// ```
///
/// At every instant, a kill included, `<period>/` holds the previous baseline or the new one,
/// never nothing. Where the file system cannot exchange two folders (`ENOSYS`, `EINVAL`), the
/// previous folder is moved aside to `.<period>.previous-<pid>/` first, and a kill between the
/// two renames leaves it there: the next run of the place and period puts it back if `<period>/`
/// is missing, and removes every leftover of a process that is gone (`kill(pid, 0)` fails with
/// `ESRCH`). Two runs committing at once both succeed, the later one's output staying.
///
/// `removeOnSignals` makes SIGINT, SIGTERM and SIGHUP remove the staging folder, and the
/// folders above it that the run made and left empty, before the process exits (after letting
/// a commit under way finish); `discard` does the same after a failed run.
public struct StagingFolder: Sendable {
    /// The folder the baseline goes to.
    let final: URL
    /// The staging folder's path.
    let path: String
    /// The process it is named after (this one, but in tests).
    let pid: Int32
    /// The folders above the staging folder that this run made (the deepest first): a failed
    /// run removes those still empty, so that it leaves no empty `<place>/` behind.
    let madeFolders: [String]

    /// Makes the staging folder beside `final` (named after `pid`), first removing what dead
    /// runs of the same place and period left behind. `makeFolder` is `mkdir` but for tests.
    init(final: URL, root: String? = nil, pid: Int32 = getpid(), makeFolder: (String) -> Int32 = { mkdir($0, 0o777) == 0 ? 0 : errno }) throws {
        self.final = final
        self.pid = pid
        let parent = final.deletingLastPathComponent()
        if let root { try Self.checkInside(parent, root: root) }
        madeFolders = Self.missingFolders(upTo: parent.path)
        path = parent.appendingPathComponent(".\(final.lastPathComponent).partial-\(pid)").path
        // What dead runs of this place and period left behind goes first, outside the lock (it
        // may be a whole baseline).
        Self.removeLeftovers(of: final)
        try? FileManager.default.removeItem(atPath: path)
        // Known to the signal thread, and made, under its lock: a signal's sweep (which holds the
        // lock until the process exits) comes wholly before or wholly after, so it never misses
        // a folder made while it runs, nor the folders above it. None is made once a signal is
        // being handled.
        try Self.live.withLock { [madeFolders, path] live in
            guard !live.interrupted else { throw BaselineError(file: final.path, "the run was stopped by a signal") }
            live.folders[path] = LiveFolders.Staged(final: final.path, made: madeFolders)
            do {
                try Self.make(path, in: parent, makeFolder: makeFolder)
            } catch {
                live.folders.removeValue(forKey: path)
                throw error
            }
        }
    }

    /// Refuses a place folder that, links followed, is not inside the output folder `root` (a
    /// `<place>` that is a link to elsewhere): the run would write its baseline there, and remove
    /// the previous one there, outside the folder it was given. The output folder itself may be a
    /// link. Checked before anything is removed or made.
    static func checkInside(_ parent: URL, root: String) throws {
        let resolvedRoot = RealPath.ofDeepestExisting(URL(fileURLWithPath: root).standardizedFileURL.path)
        let resolved = RealPath.ofDeepestExisting(parent.standardizedFileURL.path)
        guard resolved != resolvedRoot, !resolved.hasPrefix(resolvedRoot + "/") else { return }
        throw BaselineError(file: parent.path, "this place's folder is a link to \(PeopleText.line(resolved)), outside the output folder \(PeopleText.line(root)): "
                                + "the baseline is not written through it",
                            hint: "remove the link (the output folder itself may be a link), or give --output the folder it points to")
    }

    /// Makes `parent` and the staging folder `path` in it. Another run that failed may remove
    /// `<output>/` or `<place>/` as it stood empty for a moment, between their making here and
    /// the staging folder's (`discard`): they are made again.
    private static func make(_ path: String, in parent: URL, makeFolder: (String) -> Int32) throws {
        for attempt in 1...8 {
            try makeFolders(parent.path)
            let failure = makeFolder(path)
            if failure == 0 { return }
            if failure == ENOENT, attempt < 8 { continue }
            throw BaselineError(file: parent.path, "cannot write in the output folder: \(String(cString: strerror(failure)))",
                                hint: "check the folder is writable, or give --output another folder")
        }
    }

    /// Makes `folder` and the folders above it that are missing, as `mkdir -p` does; an error
    /// names the first that is a file or cannot be made, with the system's reason.
    static func makeFolders(_ folder: String) throws {
        // Named as the user gave it where it is under the working folder (`data/report.csv`).
        let here = FileManager.default.currentDirectoryPath + "/"
        func shown(_ path: String) -> String { path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path }
        var current = folder.hasPrefix("/") ? "" : "."
        for part in folder.split(separator: "/") where part != "." {
            current = current == "." ? String(part) : current + "/" + part
            var status = stat()
            if stat(current, &status) == 0 {
                if status.st_mode & S_IFMT == S_IFDIR { continue }
                throw BaselineError(file: shown(current), "this is a file, not a folder, so the baseline cannot be written under it (in \(shown(folder)))",
                                    hint: "give --output a folder (it is made if missing), or move the file")
            }
            let failure = mkdir(current, 0o777) == 0 ? 0 : errno
            if failure == 0 || (failure == EEXIST && stat(current, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR) { continue }
            throw BaselineError(file: shown(current), "the output folder cannot be created: \(String(cString: strerror(failure)))",
                                hint: "check the path and its permissions, or give --output another folder")
        }
    }

    /// Swaps the staging folder into place and removes the previous baseline. On an error the
    /// previous baseline stays in place and the staging folder is left for `discard`.
    /// `durable` (`--durable`; the files were synced as they were written) syncs the staging
    /// folder's own entries first and the parent's after the swap, so that the new baseline is
    /// on the disk when this returns. `exchange` is `StagingFolder.exchange` but for tests.
    func commit(durable: Bool = false, exchange: (String, String) -> Int32 = StagingFolder.exchange) throws {
        if durable { try syncFolders(under: path) }
        // A signal being handled lets a commit under way finish, and no other start.
        let allowed = Self.live.withLock { live in
            guard !live.interrupted else { return false }
            live.committing += 1
            return true
        }
        guard allowed else { throw BaselineError(file: final.path, "the run was stopped by a signal") }
        do {
            try swap(exchange: exchange)
        } catch {
            Self.live.withLock { $0.committing -= 1 }
            throw error
        }
        Self.live.withLock { live in
            live.committing -= 1
            live.folders[path]?.committed = true
        }
        if durable { try sync(final.deletingLastPathComponent().path) }
        removeTree(path)
        Self.live.withLock { live in
            _ = live.folders.removeValue(forKey: path)
            live.committed += 1
            if live.announcesWritten { live.written.append(final.path) }
        }
    }

    /// Whether a run stopped by a signal says `wrote <folder>` for each baseline put in place
    /// whose line was not yet printed (`announced`): a programme prints its places' lines at
    /// its end, and a log of one stopped half way would not say which places are new.
    public static func announceWritten(_ on: Bool) {
        live.withLock { $0.announcesWritten = on }
    }

    /// `folder`'s `wrote` line has been printed: a signal need not print it again.
    public static func announced(_ folder: String) {
        live.withLock { live in live.written.removeAll { $0 == folder } }
    }

    /// Removes the staging folder (after a failed run), and the folders above it that the run
    /// made and nothing else has filled since (`rmdir` removes only an empty folder).
    func discard() {
        removeTree(path)
        Self.live.withLock { _ = $0.folders.removeValue(forKey: path) }
        for folder in madeFolders where rmdir(folder) != 0 { break }
    }

    /// `folder` and the folders above it that do not exist yet, the deepest first.
    static func missingFolders(upTo folder: String) -> [String] {
        var missing = [String]()
        var current = URL(fileURLWithPath: folder).standardizedFileURL.path
        while current != "/", !current.isEmpty, access(current, F_OK) != 0 {
            missing.append(current)
            current = URL(fileURLWithPath: current).deletingLastPathComponent().standardizedFileURL.path
        }
        return missing
    }

    // MARK: - Durability

    /// Syncs `folder` and every folder under it (their entries: the files' names).
    private func syncFolders(under folder: String) throws {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            var isFolder: ObjCBool = false
            let inner = folder + "/" + name
            if FileManager.default.fileExists(atPath: inner, isDirectory: &isFolder), isFolder.boolValue {
                try syncFolders(under: inner)
            }
        }
        try sync(folder)
    }

    /// `fsync` of a folder.
    private func sync(_ folder: String) throws {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0, fsync(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw BaselineError(file: folder, "cannot flush the output to the disk: \(reason)",
                                hint: "check the disk, or run without --durable")
        }
        close(descriptor)
    }

    // MARK: - The swap

    /// Exchanges the folders at `a` and `b` in one step; returns 0 or the `errno`.
    static func exchange(_ a: String, _ b: String) -> Int32 {
        guard let renameat2 else { return ENOSYS }
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 ? 0 : errno
    }

    /// `RENAME_EXCHANGE` from `<linux/fs.h>`.
    private static let renameExchange: UInt32 = 1 << 1

    /// Glibc's `renameat2` (2.28 and later), looked up at run time: Swift's Glibc module does
    /// not declare it, and `syscall` is variadic, which Swift cannot call.
    private static let renameat2: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32).self)
    }()

    /// Puts the staging folder at `final`; the previous baseline, if any, ends up at `path`.
    /// Another run of the same place and period may commit at the same moment: a rename that
    /// finds its folder there exchanges with it instead.
    private func swap(exchange: (String, String) -> Int32) throws {
        for _ in 0..<8 {
            switch exchange(path, final.path) {
            case 0:
                return
            case ENOENT where FileManager.default.fileExists(atPath: path):
                // No previous baseline: a plain rename, which fails if another run's folder has just arrived.
                if rename(path, final.path) == 0 { return }
                if errno == EEXIST || errno == ENOTEMPTY { continue }
                throw cannotCommit(errno)
            case ENOSYS, EINVAL:
                if try moveAsideAndRename() { return }
            case let code:
                throw cannotCommit(code)
            }
        }
        throw BaselineError(file: final.path, "another run of this place and period kept replacing the output while this one tried to commit",
                            hint: "run one at a time, then run again")
    }

    /// The two renames, where the file system cannot exchange: the previous baseline to
    /// `.<period>.previous-<pid>/`, the staging folder into place (the previous one put back if
    /// that fails). Returns false when another run's commit got in between, to try again.
    private func moveAsideAndRename() throws -> Bool {
        let previous = Self.sibling(of: final, "previous", pid)
        let hadPrevious = rename(final.path, previous) == 0
        guard hadPrevious || errno == ENOENT else { throw cannotCommit(errno) }
        guard rename(path, final.path) == 0 else {
            let code = errno
            guard hadPrevious else {
                if code == EEXIST || code == ENOTEMPTY { return false }
                throw cannotCommit(code)
            }
            // Put the previous baseline back, unless another run's new one is there by now (a
            // folder that cannot go back stays, for the next run to restore).
            if rename(previous, final.path) != 0, errno == EEXIST || errno == ENOTEMPTY { removeTree(previous) }
            if code == EEXIST || code == ENOTEMPTY { return false }
            throw cannotCommit(code)
        }
        // The staging folder is now free: the previous baseline goes there to be removed with it.
        if hadPrevious, rename(previous, path) != 0 { removeTree(previous) }
        return true
    }

    private func cannotCommit(_ code: Int32) -> BaselineError {
        BaselineError(file: final.path, "cannot move the new baseline into place: \(String(cString: strerror(code)))",
                      hint: "check the output folder is writable; the previous baseline is unchanged")
    }

    // MARK: - Leftovers

    /// `.<period>.<kind>-<pid>` beside `final`.
    static func sibling(of final: URL, _ kind: String, _ pid: Int32) -> String {
        final.deletingLastPathComponent().appendingPathComponent(".\(final.lastPathComponent).\(kind)-\(pid)").path
    }

    /// Removes the `.partial-<pid>` and `.previous-<pid>` folders of `final` whose process is
    /// gone, after putting a `.previous-` folder back when `final` is missing (a kill between
    /// the two renames of the fallback commit).
    static func removeLeftovers(of final: URL) {
        let parent = final.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        let prefix = ".\(final.lastPathComponent)."
        for name in names.sorted() where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            guard let dash = rest.lastIndex(of: "-"), ["partial", "previous"].contains(rest[..<dash]),
                  let pid = Int32(rest[rest.index(after: dash)...]), pid > 0, kill(pid, 0) != 0, errno == ESRCH else { continue }
            let leftover = parent.appendingPathComponent(name).path
            if rest[..<dash] == "previous", rename(leftover, final.path) == 0 { continue }
            removeTree(leftover)
        }
    }

    // MARK: - Signals

    /// The staging folders of this process and its commits under way, for the signal thread.
    private static let live = Locked(LiveFolders())

    struct LiveFolders: Sendable {
        /// A staging folder's final folder, and whether it has been swapped into place (the
        /// staging folder then holds the previous baseline, being removed).
        struct Staged: Sendable {
            var final: String
            /// The folders above the staging folder that its run made (`StagingFolder.madeFolders`).
            var made = [String]()
            var committed = false
        }

        /// By staging folder path.
        var folders = [String: Staged]()
        /// Commits under way.
        var committing = 0
        /// A signal is being handled.
        var interrupted = false
        /// Whether commits are listed in `written` (`announceWritten`).
        var announcesWritten = false
        /// The final folders put in place whose `wrote` line has not been printed.
        var written = [String]()
        /// How many baselines this process has put in place.
        var committed = 0
    }

    /// Makes SIGINT, SIGTERM and SIGHUP remove this process's staging folders, print one line
    /// and exit with 128 + the signal's number (130, 143, 129). A commit under way finishes
    /// first; none starts after. Call once, before a run. When the thread that handles them
    /// cannot start (a limit on threads reached), the signals are left to end the process as
    /// they would by default, leaving its staging folders to the next run's sweep, rather than
    /// be caught with no one to act on them.
    public static func removeOnSignals() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        let reader = ends[0]
        do {
            try DetachedThread.start(name: "signals") {
                var number: Int32 = 0
                while read(reader, &number, MemoryLayout<Int32>.size) != MemoryLayout<Int32>.size {}
                interrupted(by: number)
            }
        } catch {
            close(ends[0])
            close(ends[1])
            return
        }
        signalPipe = ends[1]
        // A parent may have started the process with them blocked (Foundation's `Process` does):
        // unblocked in this thread, they are delivered here, and the handler runs.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for number in [SIGINT, SIGTERM, SIGHUP] {
            sigaddset(&unblocked, number)
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                // Only what is safe in a signal handler: hand the number to the thread.
                var number = number
                _ = write(signalPipe, &number, MemoryLayout<Int32>.size)
            }
            sigaction(number, &action, nil)
        }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
    }

    private static func interrupted(by number: Int32) -> Never {
        live.withLock { $0.interrupted = true }
        while live.withLock({ $0.committing }) > 0 { usleep(1_000) }
        live.withLock { live -> Never in
            let name = number == SIGINT ? "SIGINT" : number == SIGTERM ? "SIGTERM" : number == SIGHUP ? "SIGHUP" : "signal \(number)"
            let folders = live.folders.sorted { $0.key < $1.key }
            for (path, _) in folders { removeTree(path) }
            // Then the folders the runs made, left empty (`rmdir` removes no other), the deepest first.
            let made = Set(folders.flatMap(\.value.made)).sorted { $0.count > $1.count }
            for folder in made { rmdir(folder) }
            let lost = folders.filter { !$0.value.committed }.map(\.value.final)
            let placed = folders.filter(\.value.committed).map(\.value.final)
            // The baselines already in place first, as a finished run would list them; then one
            // line a folder for a place or two being written (a programme's hundreds are counted).
            var lines = live.written.sorted().map { "wrote \($0)" }
            if lost.count == 1 {
                lines.append("\(lost[0]): error: the run was stopped by \(name) — nothing of it was kept, the previous baseline is unchanged; run again")
            } else if lost.count > 1 {
                lines.append("\(lost[0]): error: the run was stopped by \(name) — nothing of the \(lost.count) baselines being written "
                             + "(this one and \(lost.count - 1) more) was kept, their previous baselines are unchanged; run again")
            }
            if placed.count == 1 {
                lines.append("\(placed[0]): note: stopped by \(name) after the new baseline was in place")
            } else if placed.count > 1 {
                lines.append("\(placed[0]): note: stopped by \(name) after \(placed.count) new baselines (this one and \(placed.count - 1) more) were in place")
            }
            for line in lines { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            if live.folders.isEmpty, live.committed == 0 {
                FileHandle.standardError.write(Data("error: stopped by \(name) before writing anything — run again\n".utf8))
            } else if live.folders.isEmpty {
                FileHandle.standardError.write(Data("error: stopped by \(name) after \(live.committed) baseline\(live.committed == 1 ? " was" : "s were") written — run again for the rest\n".utf8))
            }
            // `_exit`, not `exit`: exit handlers would run beside threads still reading or hashing.
            _exit(128 + number)
        }
    }
}

/// The write end of the pipe the signal handler writes to (a global: a C function pointer
/// cannot reach a type's members).
nonisolated(unsafe) private var signalPipe: Int32 = -1

/// Removes a folder and everything in it; a file another thread adds meanwhile makes it try again.
private func removeTree(_ path: String) {
    for _ in 0..<3 {
        do {
            try FileManager.default.removeItem(atPath: path)
            return
        } catch {
            guard FileManager.default.fileExists(atPath: path) else { return }
        }
    }
}
