import Foundation

/// The one rule for what the tool reads as an input: a regular file (and, where a folder of
/// notes is named, a folder). A FIFO waits for a writer forever, and `/dev/zero` or
/// `/dev/urandom` never end, so each would hang a run; a socket or a device is no input either.
///
/// `validate` checks paths with `kind(of:)`; the run checks again on the opened descriptor with
/// `open(_:)` (the path may have changed in between), which opens without waiting for a FIFO's
/// writer.
public enum RegularFile {
    /// What a path names, when it is neither a regular file nor a folder: "a FIFO (named pipe)",
    /// "a character device"… Follows symbolic links. `nil` for a regular file, a folder, or a
    /// path that cannot be looked at (left for the reader to report).
    public static func kind(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return kind(mode: info.st_mode)
    }

    /// The name of a file type that is not read as an input, or `nil` for a regular file or a
    /// folder.
    public static func kind(mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG, S_IFDIR: nil
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }

    /// Opens `path` (relative to the folder open as `folder`, when given) read-only, checks on
    /// the descriptor that it is a regular file, and returns the descriptor. It is opened with
    /// `O_NONBLOCK`, so that a FIFO is refused rather than waited on.
    public static func open(_ path: String, in folder: Int32? = nil) -> Result<Int32, Refusal> {
        let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC
        var descriptor: Int32
        repeat {
            descriptor = folder.map { openat($0, path, flags) } ?? Foundation.open(path, flags)
        } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            let why = String(cString: strerror(errno))
            close(descriptor)
            return .failure(.unreadable(why))
        }
        if info.st_mode & S_IFMT != S_IFREG {
            close(descriptor)
            return .failure(.notRegular(kind(mode: info.st_mode) ?? "a folder"))
        }
        // `O_NONBLOCK` is left set: it changes nothing for a regular file's reads, and clearing
        // it would cost two more system calls per note.
        return .success(descriptor)
    }

    /// Why `open` gave no descriptor.
    public enum Refusal: Error, Equatable {
        /// The file could not be opened: the system's reason.
        case unreadable(String)
        /// It is not a regular file: what it is ("a FIFO (named pipe)").
        case notRegular(String)
    }

    /// The hint that goes with a refusal of something that is not a regular file.
    public static let hint = "name a regular file: a FIFO, a device or a socket is never read as an input, as it may never end"
}
