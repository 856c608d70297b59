import Foundation
import Testing

/// How `run` puts its output in place, and what it does when it cannot or is stopped; errors
/// after the arguments are read exit 1 with a located message, never 2.
@Suite struct OutputCommitTests {
    /// A scratch folder with `p.yaml`: a survey of `rows` answers into `out/test-town/<period>/`.
    func place(rows: Int = 1, period: String = "2025") throws -> Scratch {
        let scratch = try Scratch()
        try survey(rows: rows, in: scratch)
        try """
            place: { name: Test Town, code: E07000001 }
            period: \(period)
            sources:
              - { id: survey, adapter: csv-survey, path: survey.csv, questions: [{ column: q, id: q }] }
            sinks:
              - sink: dashboard-json
            """.write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
        return scratch
    }

    func survey(rows: Int, in scratch: Scratch) throws {
        var csv = "id,q\n"
        csv.reserveCapacity(rows * 16)
        for i in 0..<rows { csv += "\(i),\(i % 3 == 0 ? "Disagree" : "Agree")\n" }
        try csv.write(toFile: scratch.path + "/survey.csv", atomically: true, encoding: .utf8)
    }

    func contents(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    /// The pid of a process that has ended.
    func deadPid() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test("a run removes the staging folders dead runs of the same place and period left behind")
    func leftoversOfDeadRunsAreRemoved() throws {
        let scratch = try place()
        #expect(try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url).status == 0)
        let dead = try deadPid()
        for name in [".2025.partial-\(dead)/tables", ".2025.previous-\(dead)"] {
            try FileManager.default.createDirectory(atPath: scratch.path + "/out/test-town/" + name, withIntermediateDirectories: true)
        }
        let outcome = try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(contents(scratch.path + "/out/test-town") == ["2025"])
    }

    @Test("SIGTERM during a run removes its staging folder, leaves the previous baseline as it was and exits 143")
    func sigtermRemovesTheStagingFolder() throws {
        let scratch = try place()
        #expect(try baseline("run", "p.yaml", "--output", "out", "-q", in: scratch.url).status == 0)
        let before = try Scratch.files(under: scratch.path + "/out/test-town/2025")
        try survey(rows: 400_000, in: scratch)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Package.binary)
        process.arguments = ["run", "p.yaml", "--output", "out", "-q"]
        process.currentDirectoryURL = scratch.url
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // As soon as the staging folder is there: the run then reads the survey (a fixed wait
        // outlasted the whole run once reading a survey got faster).
        for _ in 0..<1000 where !contents(scratch.path + "/out/test-town").contains(where: { $0.hasPrefix(".2025.partial-") }) {
            usleep(10_000)
        }
        #expect(process.isRunning, "the run should take longer than this")
        kill(process.processIdentifier, SIGTERM)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + SIGTERM, "\(process.terminationReason) \(process.terminationStatus)")
        #expect(stderr.hasSuffix("/out/test-town/2025: error: the run was stopped by SIGTERM — nothing of it was kept, the previous baseline is unchanged; run again\n"),
                "\(stderr)")
        #expect(contents(scratch.path + "/out/test-town") == ["2025"])
        #expect(try Scratch.files(under: scratch.path + "/out/test-town/2025") == before)
    }

    /// A programme prints its places' `wrote` lines at its end; stopped half way, a log said
    /// nothing of the places already swapped in (new-user try-out: 12 of 24 new, no line).
    /// Now the stop lists them, and only them.
    @Test("SIGTERM after some places are written: a wrote line for each baseline in place, none for the others")
    func sigtermListsThePlacesWritten() throws {
        let scratch = try Scratch()
        let made = try run("python3", ["bench/programme/make_national.py", scratch.path,
                                       "--authorities", "300", "--indicators", "10", "--years", "5", "--ages", "2"])
        try #require(made.status == 0, "\(made.stderr)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Package.binary)
        process.arguments = ["run", "pipeline.yaml", "--output", "out", "--jobs", "1"]
        process.currentDirectoryURL = scratch.url
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        func written() -> [String] {
            contents(scratch.path + "/out").filter { FileManager.default.fileExists(atPath: scratch.path + "/out/\($0)/2019/baseline.json") }
        }
        // Waits for the third place however loaded the machine is (the national file is read
        // first: over 10 s when other builds share the two cores), up to two minutes.
        for _ in 0..<4800 where written().count < 3 && process.isRunning { usleep(25_000) }
        #expect(process.isRunning, "the run should take longer than this")
        kill(process.processIdentifier, SIGTERM)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGTERM, "\(process.terminationStatus)")
        let listed = stderr.split(separator: "\n").filter { $0.hasPrefix("wrote ") }
            .map { String($0.dropFirst("wrote ".count).split(separator: "/").dropLast().last ?? "") }
        let inPlace = written()
        #expect(inPlace.count >= 3, "\(stderr)")
        #expect(Set(listed) == Set(inPlace) && listed.count == inPlace.count, "listed \(listed.count), in place \(inPlace.count): \(stderr.prefix(500))")
    }

    @Test("SIGTERM during a 300-place programme: one line for all the baselines being written, no staging folder left, exit 143")
    func sigtermDuringAProgrammeSaysItOnce() throws {
        let scratch = try Scratch()
        let made = try run("python3", ["bench/programme/make_national.py", scratch.path,
                                       "--authorities", "300", "--indicators", "10", "--years", "5", "--ages", "2"])
        try #require(made.status == 0, "\(made.stderr)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Package.binary)
        process.arguments = ["run", "pipeline.yaml", "--output", "out", "-q", "--jobs", "2"]
        process.currentDirectoryURL = scratch.url
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // Once the places' staging folders are there (the run takes seconds: it reads 93,000 rows).
        // (Up to 30 s: on a loaded machine reading the file before the places start took over 5.)
        for _ in 0..<1200 where !contents(scratch.path + "/out/e06000001").contains(where: { $0.hasPrefix(".2019.partial-") }) {
            usleep(25_000)
        }
        #expect(process.isRunning, "the run should take longer than this")
        kill(process.processIdentifier, SIGTERM)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 128 + SIGTERM, "\(process.terminationStatus)")
        let lines = stderr.split(separator: "\n")
        #expect(lines.count == 1, "one line, not one a place: \(lines.prefix(3))")
        // The places whose staging folders were made by then (they are made as places start).
        let counted = stderr.firstMatch(of: /nothing of the (\d+) baselines being written \(this one and (\d+) more\) was kept, their previous baselines are unchanged; run again/)
        let (written, more) = (counted.flatMap { Int($0.1) } ?? 0, counted.flatMap { Int($0.2) } ?? 0)
        #expect(stderr.contains("/out/e06000001/2019: error: the run was stopped by SIGTERM — ") && written > 1 && more == written - 1, "\(stderr)")
        // (`out/` itself goes when the run made it and no place was written.)
        let left = ((try? FileManager.default.subpathsOfDirectory(atPath: scratch.path + "/out")) ?? []).filter { $0.contains(".partial-") }
        #expect(left.isEmpty, "\(left.prefix(3))")
        // No empty place folder either: the run made them, and they held only staging folders.
        let empty = contents(scratch.path + "/out").filter { contents(scratch.path + "/out/" + $0).isEmpty }
        #expect(empty.isEmpty, "\(empty.count) empty place folders, e.g. \(empty.prefix(3))")
    }

    @Test("run --durable writes the same files as a run without it, exit 0")
    func durableRunWritesTheSameFiles() throws {
        let scratch = try place(rows: 20)
        let plain = try baseline("run", "p.yaml", "--output", "plain", "--quiet", in: scratch.url)
        let durable = try baseline("run", "p.yaml", "--output", "durable", "--durable", "--quiet", in: scratch.url)
        #expect(plain.status == 0 && durable.status == 0, "\(plain.stderr)\(durable.stderr)")
        let plainFolder = scratch.path + "/plain/test-town/2025", durableFolder = scratch.path + "/durable/test-town/2025"
        #expect(!contents(durableFolder).isEmpty)
        #expect(contents(durableFolder) == contents(plainFolder))
        for name in contents(plainFolder) where name != "rejects" {
            #expect(FileManager.default.contents(atPath: durableFolder + "/" + name) == FileManager.default.contents(atPath: plainFolder + "/" + name), "\(name)")
        }
        #expect(contents(scratch.path + "/durable/test-town") == ["2025"])
    }

    @Test("an output folder that cannot be written to is an error, exit 1")
    func unwritableOutputFolderExitsOne() throws {
        let scratch = try place()
        let folder = scratch.path + "/out/test-town"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Root writes through permissions: an immutable folder stops it.
        if getuid() == 0 {
            guard try run("chattr", ["+i", folder]).status == 0 else { return }
        } else {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        }
        defer { _ = try? run("chattr", ["-i", folder]) }
        let outcome = try baseline("run", "p.yaml", "--output", "out", in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.hasSuffix("/out/test-town: error: cannot write in the output folder: "
                + (getuid() == 0 ? "Operation not permitted" : "Permission denied") + " — check the folder is writable, or give --output another folder\n"),
                "\(outcome.stderr)")
    }

    /// A place folder that is a link out of the output folder: a try-out's run wrote its baseline
    /// through it, and removed what the period's folder there held, exit 0. Refused now, before
    /// anything is made or removed; an output folder that is itself a link still works.
    @Test("a place folder that links out of the output folder is refused, and nothing there is touched")
    func placeFolderLinkingOutIsRefused() throws {
        let scratch = try place()
        let elsewhere = scratch.path + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere + "/2025", withIntermediateDirectories: true)
        try "precious\n".write(toFile: elsewhere + "/2025/keep.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: scratch.path + "/out", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/out/test-town", withDestinationPath: "../elsewhere")
        let outcome = try baseline("run", "p.yaml", "--output", "out", in: scratch.url)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("out/test-town: error: this place's folder is a link to "), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("remove the link (the output folder itself may be a link), or give --output the folder it points to"), "\(outcome.stderr)")
        #expect(contents(elsewhere) == ["2025"])
        #expect(contents(elsewhere + "/2025") == ["keep.txt"])
        // The output folder itself a link: written through, as before.
        try FileManager.default.createSymbolicLink(atPath: scratch.path + "/linked-out", withDestinationPath: "elsewhere")
        let linked = try baseline("run", "p.yaml", "--output", "linked-out", in: scratch.url)
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(FileManager.default.fileExists(atPath: elsewhere + "/test-town/2025/baseline.json"))
    }

    /// `--output` naming a file, or a folder that cannot be made: the path and what is wrong, in
    /// plain words (not Foundation's "NSCocoaErrorDomain error 512"), and no "pass --output"
    /// when it was passed.
    @Test("an --output that is a file or cannot be made is named with what is wrong")
    func outputThatIsAFileOrCannotBeMade() throws {
        let scratch = try place()
        let file = try baseline("run", "p.yaml", "--output", "p.yaml", in: scratch.url)
        #expect(file.status == 1)
        #expect(file.stderr == "p.yaml: error: this is a file, not a folder, so the baseline cannot be written under it (in p.yaml/test-town) — give --output a folder (it is made if missing), or move the file\n", "\(file.stderr)")
        let below = try baseline("run", "p.yaml", "--output", "p.yaml/deeper", in: scratch.url)
        #expect(below.status == 1 && below.stderr.hasPrefix("p.yaml: error: this is a file, not a folder, so the baseline cannot be written under it (in p.yaml/deeper/test-town)"), "\(below.stderr)")
        let proc = try baseline("run", "p.yaml", "--output", "/proc/baseline-output", in: scratch.url)
        #expect(proc.status == 1)
        #expect(proc.stderr == "/proc/baseline-output: error: the output folder cannot be created: No such file or directory — check the path and its permissions, or give --output another folder\n", "\(proc.stderr)")
        for outcome in [file, below, proc] {
            #expect(!outcome.stderr.contains("NSCocoaErrorDomain") && !outcome.stderr.contains("pass --output"), "\(outcome.stderr)")
        }
    }

    @Test("a period too long for a folder name is a located error at validate time, exit 1")
    func tooLongAPeriodIsLocated() throws {
        let scratch = try place(period: String(repeating: "9", count: 5000))
        for command in ["validate", "run"] {
            let outcome = try baseline(command, "p.yaml", in: scratch.url)
            #expect(outcome.status == 1)
            #expect(outcome.stderr == "p.yaml:2:9: error: the period is 5000 bytes long, too long for a folder name — shorten it to at most 200 bytes (e.g. 2025 or 2024-25)\n")
        }
        let longest = try place(period: String(repeating: "9", count: 200))
        #expect(try baseline("run", "p.yaml", "--output", "out", "-q", in: longest.url).status == 0)
    }

    @Test("diff of values whose change overflows a double: JSON with no change and the reason, exit 0")
    func diffOfHugeValues() throws {
        let scratch = try Scratch()
        // Both runs before either file is edited: the 2025 run measures progress from the 2024 baseline.
        for year in ["2024", "2025"] {
            #expect(try baseline("run", "pipelines/millbrook-\(year).yaml", "--output", scratch.path, "-q").status == 0)
        }
        for (year, value) in [("2024", -1e308), ("2025", 1e308)] {
            let file = URL(fileURLWithPath: scratch.path + "/millbrook/\(year)/baseline.json")
            var document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            document["indicators"] = (document["indicators"] as? [[String: Any]] ?? []).map { indicator in
                var indicator = indicator
                if indicator["id"] as? String == "care_leavers_eet" { indicator["value"] = value }
                return indicator
            }
            try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]).write(to: file)
        }
        let outcome = try baseline("diff", scratch.path + "/millbrook/2024", scratch.path + "/millbrook/2025", "--format", "json")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let diff = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let care = try #require((diff["indicators"] as? [[String: Any]])?.first { $0["id"] as? String == "care_leavers_eet" && $0["area"] as? String == "E07999001" })
        #expect(care["change"] == nil && care["status"] as? String == "not_tested")
        #expect(care["reason"] as? String == "the change is too large to compute (beyond ±1.8e308) — check the two values")
        try outcome.stdout.write(toFile: scratch.path + "/diff.json", atomically: true, encoding: .utf8)
        #expect(try validateJSON(scratch.path + "/diff.json", against: "diff.schema.json").stdout == "valid\n")
        let text = try baseline("diff", scratch.path + "/millbrook/2024", scratch.path + "/millbrook/2025")
        #expect(text.status == 0 && !text.stdout.contains("+inf") && !text.stdout.contains("z = inf"))
    }
}
