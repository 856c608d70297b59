import BaselineCLI
import BaselineCore
import BaselinePipeline
import BaselineTestKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The folder one fuzzer process writes its inputs to: `/dev/shm/placebaseline-fuzz-<name>-<pid>`
/// (the system's temporary folder where there is no `/dev/shm`), emptied when it starts and
/// removed when the process exits normally. A crash leaves it behind, with the last input in it.
public struct FuzzWorkspace: Sendable {
    /// The folder's path.
    public let folder: String

    /// Makes the folder for the fuzzer `name`.
    public init(name: String) {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        folder = "\(base)/placebaseline-fuzz-\(name)-\(getpid())"
        try? FileManager.default.removeItem(atPath: folder)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            fatalError("cannot make the fuzzing folder \(folder): \(error)")
        }
        removedAtExit = folder
        atexit { if let folder = removedAtExit { try? FileManager.default.removeItem(atPath: folder) } }
    }

    /// Writes `size` bytes at `data` to `name` inside the folder (replacing what was there) and returns its path.
    @discardableResult
    public func write(_ data: UnsafePointer<UInt8>, _ size: Int, to name: String) -> String {
        let path = "\(folder)/\(name)"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { fatalError("cannot write \(path): errno \(errno)") }
        var written = 0
        while written < size {
            let count = Glibc.write(fd, data + written, size - written)
            guard count > 0 else { fatalError("cannot write \(path): errno \(errno)") }
            written += count
        }
        close(fd)
        return path
    }

    /// Makes the folder `name` inside the workspace and returns its path.
    public func subfolder(_ name: String) -> String {
        let path = "\(folder)/\(name)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Builds the built-in source `kind` from `entry` (its pipeline entry, paths relative to the
    /// workspace) and reads it to the end, the way `baseline run` does (see `expectingLocatedErrors`).
    public func readBuiltinSource(kind: String, entry: String) {
        guard let plugin = BuiltinPlugins.registry.sources.first(where: { $0.kind == kind }) else {
            fatalError("no built-in source '\(kind)'")
        }
        expectingLocatedErrors { _ = try readSource(plugin, entry: entry, base: folder) }
    }
}

/// Runs `body`, dropping the error it throws: a located error is the right answer to most
/// mutated inputs, and only a crash, a hang or a sanitizer report counts. With
/// `FUZZ_LOCATED_ERRORS=1` in the environment, an error that is not a `BaselineError` naming a
/// file stops the fuzzer like a crash: the CLI would print it raw and exit 2, which is for usage errors.
public func expectingLocatedErrors(_ body: () throws -> Void) {
    do {
        try body()
    } catch let error as BaselineError where error.file != nil {
        return
    } catch {
        if locatedErrorsRequired { fatalError("an error without a file: \(String(reflecting: error))") }
    }
}

/// Whether `FUZZ_LOCATED_ERRORS=1` is set.
private let locatedErrorsRequired = ProcessInfo.processInfo.environment["FUZZ_LOCATED_ERRORS"] == "1"

/// The folder the `atexit` handler removes (a C function pointer cannot capture it).
nonisolated(unsafe) private var removedAtExit: String?
