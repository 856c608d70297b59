import Foundation

/// A value shared between threads, reached only under its lock: `Mutex`'s shape, on a
/// `pthread` mutex (`NSLock`).
///
/// The standard library's `Synchronization.Mutex` on Linux waits on a futex directly, which
/// ThreadSanitizer cannot see: every access to a value it guards is reported as a race (it was,
/// from `make tsan`, on the staging folders' registry). A lock ThreadSanitizer understands keeps
/// its reports meaning something.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// A lock around `value`.
    public init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with the value, holding the lock.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
