@testable import BaselineConfig
import Foundation
import Testing

/// The texts `YAMLText.compose` keeps are kept per thread (Yams's nodes are not `Sendable`):
/// each thread has its own, for as long as the thread lives.
struct RecentNodesTests {
    @Test("a thread keeps one set of recent texts; another thread has its own, released when it ends")
    func perThreadAndReleased() async throws {
        let mine = ObjectIdentifier(YAMLText.recent)
        #expect(mine == ObjectIdentifier(YAMLText.recent))
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            weak var other: YAMLText.RecentNodes?
            var same = true
            var done = false
        }
        let seen = Seen()
        let thread = Thread {
            let other = YAMLText.recent
            seen.lock.withLock {
                seen.other = other
                seen.same = ObjectIdentifier(other) == mine || other !== YAMLText.recent
                seen.done = true
            }
        }
        thread.start()
        // The thread's set is released by the thread-specific key's destructor, as the thread exits.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, seen.lock.withLock({ !seen.done || seen.other != nil }) {
            try await Task.sleep(nanoseconds: 5_000_000)
        }
        seen.lock.withLock {
            #expect(seen.done)
            #expect(!seen.same)
            #expect(seen.other == nil)
        }
    }
}
