import Foundation

/// The one rule for what the tool reads as an input: a regular file (and, where a folder of
/// notes is named, a folder). A FIFO waits for a writer forever, and `/dev/zero` or
/// `/dev/urandom` never end, so each would hang a run; a socket or a device is no input either,
/// nor a file of `/proc` or `/sys`, which Linux calls regular (`/proc/kmsg` never ends).
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
        if let kind = kind(mode: info.st_mode) { return kind }
        return info.st_mode & S_IFMT == S_IFREG ? kernelFileSystem(device: info.st_dev) : nil
    }

    /// For a file of the kernel's `/proc` or `/sys` (on the device `device`), what it is; `nil`
    /// for any other. Linux reports their files as regular, but `/proc/kmsg` waits for messages
    /// forever and `/proc/self/mem` fails to read: none is an input. (Told by the device the
    /// two are mounted on: Swift's Glibc module has no `statfs` to read the file system's type.)
    static func kernelFileSystem(device: dev_t) -> String? {
        kernelDevices.first { $0.device == device }?.kind
    }

    /// The devices of `/proc` and `/sys`, looked at once (the run opens every note through here).
    private static let kernelDevices: [(device: dev_t, kind: String)] = {
        #if os(Linux)
        [("/proc", "a file of /proc (the kernel's view of its processes)"), ("/sys", "a file of /sys (the kernel's view of its devices)")]
            .compactMap { folder, kind in
                // Only when mounted: an empty /proc (a container without one) is on the root's device.
                var info = stat(), root = stat()
                return stat(folder, &info) == 0 && stat("/", &root) == 0 && info.st_dev != root.st_dev ? (info.st_dev, kind) : nil
            }
        #else
        []
        #endif
    }()

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
        if let kernel = kernelFileSystem(device: info.st_dev) {
            close(descriptor)
            return .failure(.notRegular(kernel))
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
    public static let hint = "name a regular file: a FIFO, a device, a socket or a file of /proc or /sys is never read as an input, as it may never end"
}
