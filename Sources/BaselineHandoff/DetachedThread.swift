import Foundation

/// Starts the threads PlaceBaseline runs work on, and says when one cannot start.
///
/// Foundation's `Thread.start()` does not: when `pthread_create` fails (the system's limit on
/// threads or processes reached, `ulimit -u`, or no memory for a stack), the thread simply never
/// runs, and whoever waits for it waits for ever. Every thread is started here instead, and
/// each caller decides what a thread that did not start means: its work done on the calling
/// thread (`SideBySide`), an error in its place (`Handoff`), or nothing (a progress helper).
public enum DetachedThread {
    /// Starts a detached thread named `name` (cut to the system's 15 bytes) that runs `body`,
    /// with `stackSize` bytes of stack, or the system's default for 0. Throws
    /// `ThreadStartError` when the system will not start it; `body` is then released unrun.
    public static func start(name: String, stackSize: Int = 0, _ body: @escaping @Sendable () -> Void) throws {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        if stackSize > 0 {
            let set = pthread_attr_setstacksize(&attributes, stackSize)
            guard set == 0 else { throw ThreadStartError(name: name, code: set) }
        }
        _ = try create(name: name, attributes: &attributes, body)
    }

    /// Starts a joinable thread named `name` that runs `body`, for a caller that waits for it
    /// with `pthread_join`. Throws `ThreadStartError` as `start` does (the test hook included).
    public static func startJoinable(name: String, _ body: @escaping @Sendable () -> Void) throws -> pthread_t {
        try create(name: name, attributes: nil, body)
    }

    /// `pthread_create` with `attributes` (or the defaults), the body handed over as `Started`
    /// and released unrun when the thread does not start.
    private static func create(name: String, attributes: UnsafePointer<pthread_attr_t>?, _ body: @escaping @Sendable () -> Void) throws -> pthread_t {
        if let refused = refusing, refused(name) {
            throw ThreadStartError(name: name, code: EAGAIN)
        }
        let context = Unmanaged.passRetained(Started(name: name, body: body)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, attributes, { context in
            let started = Unmanaged<Started>.fromOpaque(context!).takeRetainedValue()
            started.run()
            return nil
        }, context)
        guard created == 0 else {
            Unmanaged<Started>.fromOpaque(context).release()
            throw ThreadStartError(name: name, code: created)
        }
        return thread
    }

    /// For tests: while set (with `$refusing.withValue`), a start from this task whose name it
    /// answers `true` for fails as if the system had refused it (`EAGAIN`).
    @TaskLocal static var refusing: (@Sendable (String) -> Bool)?
}

/// A thread's name and body, handed to it.
private final class Started: @unchecked Sendable {
    /// `pthread_setname_np`, looked up in the C library at run time: Swift's Glibc module does
    /// not declare it (it is a GNU extension), and the name shows in debuggers and in
    /// ThreadSanitizer's reports.
    private static let setName: (@convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pthread_setname_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32).self)
    }()

    let name: String
    private var body: (@Sendable () -> Void)?

    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }

    /// Names the thread, then runs and releases the body.
    func run() {
        if let setName = Self.setName {
            // Linux takes 15 bytes and a NUL, or refuses the name: cut between characters.
            var shown = ""
            for character in name {
                guard shown.utf8.count + character.utf8.count <= 15 else { break }
                shown.append(character)
            }
            _ = setName(pthread_self(), shown)
        }
        let body = self.body
        self.body = nil
        body?()
    }
}

/// A thread the system would not start.
public struct ThreadStartError: Error, CustomStringConvertible, Sendable {
    /// The thread's name (`input hashes`, `sinks 1`).
    public let name: String
    /// The `errno` value `pthread_create` returned (`EAGAIN`: a limit on threads or processes).
    public let code: Int32

    /// Makes the error.
    public init(name: String, code: Int32) {
        self.name = name
        self.code = code
    }

    /// "cannot start a thread (input hashes): Resource temporarily unavailable".
    public var description: String {
        "cannot start a thread (\(name)): \(String(cString: strerror(code)))"
    }
}
