@testable import BaselinePipeline
import BaselineHandoff
import Foundation
import Synchronization
import Testing

/// The commit of a run's output: one exchange, leftovers of dead runs, the two-rename fallback.
@Suite struct StagingFolderTests {
    /// `<tmp>/out/town/2025` holding `old.txt`.
    func previousBaseline(in folder: TemporaryFolder) throws -> URL {
        let final = folder.url.appendingPathComponent("out/town/2025")
        try FileManager.default.createDirectory(at: final, withIntermediateDirectories: true)
        try "old".write(to: final.appendingPathComponent("old.txt"), atomically: false, encoding: .utf8)
        return final
    }

    func contents(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// The pid of a process that has ended (and been waited for).
    func deadPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test(arguments: [true, false])
    func commitPutsTheNewFolderInPlaceAndRemovesThePrevious(exchanges: Bool) throws {
        let folder = try TemporaryFolder()
        let final = try previousBaseline(in: folder)
        let staging = try StagingFolder(final: final)
        try "new".write(toFile: staging.path + "/new.txt", atomically: false, encoding: .utf8)
        // Without exchange (a file system that refuses RENAME_EXCHANGE), the two renames.
        try staging.commit(exchange: exchanges ? StagingFolder.exchange : { _, _ in EINVAL })
        #expect(contents(final.path) == ["new.txt"])
        #expect(contents(final.deletingLastPathComponent().path) == ["2025"])
        // And where there was no previous baseline.
        try FileManager.default.removeItem(at: final)
        let first = try StagingFolder(final: final)
        try first.commit(exchange: exchanges ? StagingFolder.exchange : { _, _ in EINVAL })
        #expect(contents(final.deletingLastPathComponent().path) == ["2025"])
    }

    @Test(arguments: [true, false])
    func aDurableCommitSyncsAndPutsTheNewFolderInPlace(exchanges: Bool) throws {
        let folder = try TemporaryFolder()
        let final = try previousBaseline(in: folder)
        let staging = try StagingFolder(final: final)
        try FileManager.default.createDirectory(atPath: staging.path + "/tables/inner", withIntermediateDirectories: true)
        try "new".write(toFile: staging.path + "/tables/inner/new.txt", atomically: false, encoding: .utf8)
        try staging.commit(durable: true, exchange: exchanges ? StagingFolder.exchange : { _, _ in EINVAL })
        #expect(contents(final.path) == ["tables"])
        #expect(try String(contentsOfFile: final.path + "/tables/inner/new.txt", encoding: .utf8) == "new")
        #expect(contents(final.deletingLastPathComponent().path) == ["2025"])
    }

    /// A failed run leaves no empty folders it made (`out/`, `out/town/`), and keeps those that
    /// were there before, and any another run has put something in.
    @Test func aDiscardRemovesTheEmptyFoldersTheRunMade() throws {
        let folder = try TemporaryFolder()
        let final = folder.url.appendingPathComponent("out/town/2025")
        let staging = try StagingFolder(final: final)
        #expect(staging.madeFolders == [folder.url.appendingPathComponent("out/town").path, folder.url.appendingPathComponent("out").path])
        staging.discard()
        #expect(contents(folder.url.path) == [])
        // A place folder there before (with another period) stays, and so does `out/`.
        let earlier = try previousBaseline(in: folder)
        let again = try StagingFolder(final: final.deletingLastPathComponent().appendingPathComponent("2026"))
        #expect(again.madeFolders == [])
        again.discard()
        #expect(contents(earlier.deletingLastPathComponent().path) == ["2025"])
        // Another place's folder made since keeps `out/`.
        let other = try StagingFolder(final: folder.url.appendingPathComponent("out/city/2025"))
        #expect(other.madeFolders == [folder.url.appendingPathComponent("out/city").path])
        other.discard()
        #expect(contents(folder.url.appendingPathComponent("out").path) == ["town"])
    }

    /// Another run's `discard` may remove `<output>/<place>/`, empty for a moment, between its
    /// making and the staging folder's: it is made again (found by review).
    @Test func aParentRemovedByAnotherRunIsMadeAgain() throws {
        let folder = try TemporaryFolder()
        let final = folder.url.appendingPathComponent("out/town/2025")
        var calls = 0
        let staging = try StagingFolder(final: final) { path in
            calls += 1
            if calls == 1 {
                // The other run's discard, just before this mkdir.
                #expect(rmdir(final.deletingLastPathComponent().path) == 0)
            }
            return mkdir(path, 0o777) == 0 ? 0 : errno
        }
        #expect(calls == 2)
        #expect(FileManager.default.fileExists(atPath: staging.path))
        staging.discard()
    }

    /// A kill can come before the exchange (the previous baseline in place, the new one in the
    /// staging folder) or after it (the new one in place, the previous one in the staging
    /// folder): either way there is a `2025/`, and the next run removes the dead run's folder.
    @Test func aKillBeforeOrAfterTheExchangeLeavesAPeriodFolder() throws {
        let folder = try TemporaryFolder()
        let final = try previousBaseline(in: folder)
        let dead = try deadPid()
        let staging = try StagingFolder(final: final, pid: dead)
        try "new".write(toFile: staging.path + "/new.txt", atomically: false, encoding: .utf8)
        #expect(contents(final.path) == ["old.txt"])
        #expect(StagingFolder.exchange(staging.path, final.path) == 0)
        #expect(contents(final.path) == ["new.txt"])
        #expect(contents(staging.path) == ["old.txt"])
        // The next run of the place and period.
        let next = try StagingFolder(final: final)
        #expect(contents(final.deletingLastPathComponent().path) == ["\(URL(fileURLWithPath: next.path).lastPathComponent)", "2025"])
        #expect(contents(final.path) == ["new.txt"])
        next.discard()
    }

    /// The two-rename fallback killed between its renames: the previous baseline is aside and
    /// `2025/` is missing; the next run puts it back and removes the dead run's staging folder.
    @Test func theNextRunRestoresAPreviousBaselineLeftAsideAndRemovesDeadRunsFolders() throws {
        let folder = try TemporaryFolder()
        let final = try previousBaseline(in: folder)
        let dead = try deadPid()
        let parent = final.deletingLastPathComponent().path
        try FileManager.default.moveItem(atPath: final.path, toPath: StagingFolder.sibling(of: final, "previous", dead))
        try FileManager.default.createDirectory(atPath: StagingFolder.sibling(of: final, "partial", dead) + "/tables", withIntermediateDirectories: true)
        // A live process's staging folder (pid 1) and another period's are not touched.
        try FileManager.default.createDirectory(atPath: StagingFolder.sibling(of: final, "partial", 1), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: parent + "/.2024.partial-\(dead)", withIntermediateDirectories: true)
        StagingFolder.removeLeftovers(of: final)
        #expect(contents(parent) == [".2024.partial-\(dead)", ".2025.partial-1", "2025"])
        #expect(contents(final.path) == ["old.txt"])
    }

    /// Runs of the same place and period committing at the same moment all succeed; the last
    /// one's output stays and nothing is left beside it.
    @Test(arguments: [true, false])
    func runsCommittingAtOnceAllSucceed(exchanges: Bool) throws {
        let folder = try TemporaryFolder()
        let final = try previousBaseline(in: folder)
        // Named after live processes, or the next run would remove them as leftovers.
        let pids = [getpid(), getppid(), 1]
        for _ in 0..<10 {
            let stagings = try pids.indices.map { index in
                let staging = try StagingFolder(final: final, pid: pids[index])
                try "\(index)".write(toFile: staging.path + "/run.txt", atomically: false, encoding: .utf8)
                return staging
            }
            let failures = Locked([String]())
            let ready = Atomic(0)
            let threads = stagings.map { staging in
                Thread {
                    // All at once: each waits for the others to be ready.
                    ready.add(1, ordering: .relaxed)
                    while ready.load(ordering: .relaxed) < stagings.count { sched_yield() }
                    do {
                        try staging.commit(exchange: exchanges ? StagingFolder.exchange : { _, _ in EINVAL })
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                    ready.add(1, ordering: .relaxed)
                }
            }
            threads.forEach { $0.start() }
            while ready.load(ordering: .relaxed) < 2 * stagings.count { usleep(100) }
            #expect(failures.withLock { $0 } == [])
            #expect(contents(final.path) == ["run.txt"])
            #expect(contents(final.deletingLastPathComponent().path) == ["2025"])
        }
    }
}
