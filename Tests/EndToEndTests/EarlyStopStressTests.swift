import Foundation
import Testing

/// A run that stops early — a structure message where data belongs, a ragged row under
/// `on_error: fail`, front matter never closed — stops a reader thread in the middle of its file.
/// The XML reader's hand-off used to free a semaphore still in use there, and the process died
/// with SIGILL (exit 132) in some runs, losing the error line. `scripts/stress-early-stops.sh`
/// runs such stops with both cores kept busy; `make stress` runs 500, this test a sample.
@Suite struct EarlyStopStressTests {
    @Test("runs that stop early, with both cores busy, each exit 1 with their located error")
    func earlyStopsExitCleanly() throws {
        let outcome = try run("bash", ["scripts/stress-early-stops.sh", "24", Package.binary])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        #expect(outcome.stdout.contains("stress: 24 passed, 0 failed"), "\(outcome.stdout)")
    }
}
