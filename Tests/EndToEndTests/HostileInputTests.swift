import Foundation
import Testing

/// Inputs that once hung the tool, ran it out of memory or published files from elsewhere: each
/// run here is bounded by a deadline, and must end promptly with its located error (or its
/// result).
@Suite struct HostileInputTests {
    /// How a bounded run ended.
    struct Bounded {
        /// The exit status, or `nil` when the run was killed at the deadline.
        var status: Int32?
        var stderr: String
        /// The peak resident memory of the run, in bytes.
        var peakMemory: Int
        /// How long it took, in seconds.
        var seconds: Double
    }

    /// Runs the real binary with `arguments`, killing it after `seconds`.
    func baselineBounded(_ arguments: [String], seconds: Double = 10, in folder: String) throws -> Bounded {
        let errors = folder + "/stderr-\(UUID().uuidString).txt"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([Package.binary] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let started = Date()
        let spawned = posix_spawn(&pid, Package.binary, &actions, nil, argv, environ)
        guard spawned == 0 else {
            Issue.record("cannot start \(Package.binary): \(String(cString: strerror(spawned)))")
            return Bounded(status: -1, stderr: "", peakMemory: 0, seconds: 0)
        }
        var status: Int32 = 0
        var usage = rusage()
        var exited = false
        // The peak is the run's own high-water mark, read as it runs: `wait4`'s `ru_maxrss` is
        // no measure here, since `posix_spawn` starts the child in this process's memory (vfork)
        // and Linux keeps that memory's high-water mark across `exec` — the whole test
        // process's, which a full suite run had at 161 MB while `baseline` itself peaked at 35.
        var peak = 0
        while Date().timeIntervalSince(started) < seconds {
            peak = max(peak, Self.highWaterMark(of: pid))
            if wait4(pid, &status, WNOHANG, &usage) == pid {
                exited = true
                break
            }
            usleep(10_000)
        }
        if !exited {
            kill(pid, SIGKILL)
            wait4(pid, &status, 0, &usage)
        }
        let elapsed = Date().timeIntervalSince(started)
        let text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let code: Int32? = exited && status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
        return Bounded(status: code, stderr: text, peakMemory: peak, seconds: elapsed)
    }

    /// The peak resident memory of process `pid` so far (`VmHWM` in `/proc/<pid>/status`), in
    /// bytes; 0 once it has exited.
    static func highWaterMark(of pid: pid_t) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }

    /// Writes a pipeline with one source into `folder` and returns its path.
    func pipeline(_ source: String, in folder: String, name: String = "p.yaml") throws -> String {
        let path = folder + "/" + name
        try """
            place: { name: Hostile Town, code: E07000009 }
            period: 2025
            sources:
              - id: s
            \(source.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            sinks:
              - sink: dashboard-json
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Copies a few real notes into `folder/notes`.
    func notesFolder(in folder: String) throws -> String {
        let notes = folder + "/notes"
        try FileManager.default.createDirectory(atPath: notes, withIntermediateDirectories: true)
        for name in ["2025-02-11_interview_council-chief-executive.md", "2025-02-20_interview_police-inspector.md"] {
            try FileManager.default.copyItem(atPath: Package.root.path + "/samples/millbrook/notes/" + name, toPath: notes + "/" + name)
        }
        return notes
    }

    /// `validate` and `run` both end at once with exit 1 and `expected` at the pipeline line of
    /// the path (line 6, where the source's `path:` is).
    func expectRefused(_ pipeline: String, _ expected: String, in folder: String, sourceLine: Int = 6) throws {
        for command in ["validate", "run"] {
            var arguments = [command, pipeline]
            if command == "run" { arguments += ["--output", folder + "/out"] }
            let outcome = try baselineBounded(arguments, in: folder)
            #expect(outcome.status == 1, "\(command): \(outcome.status.map(String.init) ?? "killed after \(outcome.seconds) s") \(outcome.stderr)")
            #expect(outcome.seconds < 5, "\(command) took \(outcome.seconds) s")
            #expect(outcome.stderr.contains("p.yaml:\(sourceLine):"), "\(command): \(outcome.stderr)")
            #expect(outcome.stderr.contains(expected), "\(command): \(outcome.stderr)")
        }
    }

    // MARK: - Options that point nowhere

    /// `--output ""` wrote `<place>/<period>/` into the current folder (a try-out).
    @Test func emptyOutputIsAUsageError() throws {
        let scratch = try Scratch()
        let path = try pipeline("adapter: interview-notes\npath: notes", in: scratch.path)
        _ = try notesFolder(in: scratch.path)
        for empty in ["", " "] {
            let outcome = try baseline("run", path, "--output", empty, in: URL(fileURLWithPath: scratch.path))
            #expect(outcome.status == 2, "\(outcome.status) \(outcome.stderr)")
            #expect(outcome.stderr.contains("--output is empty"), "\(outcome.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/hostile-town"))
    }

    // MARK: - Files that never end

    @Test func fifoAsSourcePathIsRefused() throws {
        let scratch = try Scratch()
        #expect(mkfifo(scratch.path + "/survey.csv", 0o644) == 0)
        let path = try pipeline("""
            adapter: csv-survey
            path: survey.csv
            questions: [q1]
            """, in: scratch.path)
        try expectRefused(path, "survey.csv is a FIFO (named pipe), not a regular file", in: scratch.path)

        // The pipeline file itself.
        #expect(mkfifo(scratch.path + "/fifo.yaml", 0o644) == 0)
        let outcome = try baselineBounded(["validate", scratch.path + "/fifo.yaml"], in: scratch.path)
        #expect(outcome.status == 1, "\(outcome.status.map(String.init) ?? "killed after \(outcome.seconds) s") \(outcome.stderr)")
        #expect(outcome.stderr.contains("fifo.yaml: error: the pipeline file is a FIFO (named pipe), not a regular file"), "\(outcome.stderr)")
    }

    @Test func deviceAsNotesPathIsRefused() throws {
        let scratch = try Scratch()
        for device in ["/dev/zero", "/dev/urandom"] {
            let path = try pipeline("adapter: interview-notes\npath: \(device)", in: scratch.path)
            try expectRefused(path, "\(device) is a character device, not a regular file", in: scratch.path)
        }
    }

    /// Linux calls a file of /proc or /sys regular: /proc/kmsg blocked a run forever and
    /// /proc/self/mem gave "Input/output error" (a try-out). Each is refused by its file system.
    @Test func kernelFilesAreRefused() throws {
        let scratch = try Scratch()
        for file in ["/proc/kmsg", "/proc/self/mem", "/proc/self/status"] {
            let path = try pipeline("adapter: csv-survey\npath: \(file)\nquestions: [q1]", in: scratch.path)
            try expectRefused(path, "\(file) is a file of /proc (the kernel's view of its processes), not a regular file", in: scratch.path)
        }
        let notes = try pipeline("adapter: interview-notes\npath: /sys/kernel/mm/transparent_hugepage/enabled", in: scratch.path)
        if FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled") {
            try expectRefused(notes, "is a file of /sys (the kernel's view of its devices), not a regular file", in: scratch.path)
        }
    }

    @Test func deviceOrFifoInNotesFolderIsRefused() throws {
        let scratch = try Scratch()
        let notes = try notesFolder(in: scratch.path)
        let path = try pipeline("adapter: interview-notes\npath: notes", in: scratch.path)
        try FileManager.default.createSymbolicLink(atPath: notes + "/zero.md", withDestinationPath: "/dev/zero")
        try expectRefused(path, "notes/zero.md is a symbolic link to /dev/zero, outside the folder notes/", in: scratch.path)
        try FileManager.default.removeItem(atPath: notes + "/zero.md")
        #expect(mkfifo(notes + "/pipe.md", 0o644) == 0)
        try expectRefused(path, "notes/pipe.md is a FIFO (named pipe), not a regular file", in: scratch.path)
    }

    /// The folder reader is shared: a police-uk folder's refusals spoke of notes (a try-out).
    @Test func refusalsInAPoliceFolderSpeakOfItsFiles() throws {
        let scratch = try Scratch()
        let crimes = scratch.path + "/crimes"
        try FileManager.default.createDirectory(atPath: crimes, withIntermediateDirectories: true)
        let path = try pipeline("adapter: police-uk\npath: crimes", in: scratch.path)
        #expect(mkfifo(crimes + "/pipe.csv", 0o644) == 0)
        try expectRefused(path, "crimes/pipe.csv is a FIFO (named pipe), not a regular file — take it out of the folder: a FIFO, a device or a socket is never read as police.uk files", in: scratch.path)
        try FileManager.default.removeItem(atPath: crimes + "/pipe.csv")
        try "x\n".write(toFile: scratch.path + "/elsewhere.csv", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: crimes + "/leak.csv", withDestinationPath: "../elsewhere.csv")
        try expectRefused(path, "so that no file from elsewhere is published as police.uk files", in: scratch.path)
    }

    // MARK: - One bad note among many

    /// One note with an unknown front-matter key stopped the whole run (a try-out): it is a bad
    /// record at its line now, quarantined with the reason, and the other notes are read.
    @Test func oneNoteWithBadFrontMatterIsQuarantined() throws {
        let scratch = try Scratch()
        let notes = try notesFolder(in: scratch.path)
        try "---\nkind: interview\norganization: Residents\n---\n\nSomething said.\n".write(toFile: notes + "/bad.md", atomically: true, encoding: .utf8)
        // The bad-record limit still applies: 1 of these 16 records is more than 5%.
        let strict = try pipeline("adapter: interview-notes\npath: notes", in: scratch.path)
        let stopped = try baselineBounded(["run", strict, "--output", scratch.path + "/out"], in: scratch.path)
        #expect(stopped.status == 1 && stopped.stderr.contains("set aside 1 of its 16 records (6.3%), more than its max_rejected of 5%"), "\(stopped.stderr)")
        let path = try pipeline("adapter: interview-notes\npath: notes\nmax_rejected: 10%", in: scratch.path)
        let outcome = try baselineBounded(["run", path, "--output", scratch.path + "/out"], in: scratch.path)
        #expect(outcome.status == 0, "\(outcome.status.map(String.init) ?? "killed after \(outcome.seconds) s") \(outcome.stderr)")
        let rejects = try String(contentsOfFile: scratch.path + "/out/hostile-town/2025/rejects/s.csv", encoding: .utf8)
        #expect(rejects.contains("notes/bad.md,3,1,front matter: unknown key 'organization' — did you mean 'organisation'?"), "\(rejects)")
        #expect(rejects.contains("did you mean 'organisation'?"), "\(rejects)")
        #expect(outcome.stderr.contains("quarantined 1"), "\(outcome.stderr)")
    }

    // MARK: - Links out of a notes folder

    @Test func symlinkOutOfNotesFolderIsRefused() throws {
        let scratch = try Scratch()
        let notes = try notesFolder(in: scratch.path)
        try "Secret: the door code is 4321.\n".write(toFile: scratch.path + "/secret.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: notes + "/more", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: notes + "/more/leak.md", withDestinationPath: "../../secret.txt")
        let path = try pipeline("adapter: interview-notes\npath: notes", in: scratch.path)
        try expectRefused(path, "notes/more/leak.md is a symbolic link to", in: scratch.path)
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/out/hostile-town/2025/baseline.json"))

        // A link that stays inside the folder is read, and a link back up is refused.
        try FileManager.default.removeItem(atPath: notes + "/more/leak.md")
        try FileManager.default.createSymbolicLink(atPath: notes + "/more/same.md", withDestinationPath: "../2025-02-20_interview_police-inspector.md")
        let fine = try baselineBounded(["validate", path], in: scratch.path)
        #expect(fine.status == 0, "\(fine.stderr)")
        try FileManager.default.createSymbolicLink(atPath: notes + "/more/up", withDestinationPath: "..")
        try expectRefused(path, "notes/more/up is a symbolic link to a folder that holds it", in: scratch.path)
    }

    // MARK: - YAML alias bombs

    /// Nested anchors (`&a` … `&h`, each nine aliases of the one before: 9⁸ leaves) under
    /// `key`, indented by `indent`, and then two of them as complex mapping keys.
    func aliasBomb(under key: String, indent: String) -> String {
        var lines = [indent + key + ":", indent + "  - &a [x, x, x, x, x, x, x, x, x]"]
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h"] {
            lines.append(indent + "  - &\(name) [" + Array(repeating: "*" + previous, count: 9).joined(separator: ", ") + "]")
            previous = name
        }
        return (lines + [indent + "? *h", indent + ": 1", indent + "? *g", indent + ": 1"]).joined(separator: "\n")
    }

    @Test func aliasBombAsPipelineKeyIsRefused() throws {
        let scratch = try Scratch()
        _ = try notesFolder(in: scratch.path)
        let path = try pipeline("adapter: interview-notes\npath: notes\ndefaults:\n" + aliasBomb(under: "participants", indent: "  "),
                                in: scratch.path)
        try expectRefused(path, "the pipeline has aliases (*name) that repeat more than 10000 values in all", in: scratch.path, sourceLine: 13)

        // A small anchor used as a complex key is refused as a key, not accepted as an unknown one.
        try """
            place: { name: Hostile Town, code: E07000009 }
            period: 2025
            sources:
              - id: s
                adapter: interview-notes
                path: notes
                defaults: { kind: &k [interview] }
                *k : 1
            sinks:
              - sink: dashboard-json
            """.write(toFile: path, atomically: true, encoding: .utf8)
        try expectRefused(path, "the pipeline has a key that is an alias of a list or a mapping", in: scratch.path, sourceLine: 8)

        // Anchors and aliases within the budget are still YAML.
        try """
            place: { name: Hostile Town, code: E07000009 }
            period: 2025
            sources:
              - id: s
                adapter: interview-notes
                path: notes
                defaults: &d { kind: interview, role: Director }
              - id: t
                adapter: interview-notes
                path: notes
                defaults: *d
            sinks:
              - sink: dashboard-json
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let fine = try baselineBounded(["validate", path], in: scratch.path)
        #expect(fine.status == 0, "\(fine.stderr)")
    }

    @Test func aliasBombInFrontMatterIsRefused() throws {
        let scratch = try Scratch()
        let notes = try notesFolder(in: scratch.path)
        try ("---\nkind: interview\n" + aliasBomb(under: "participants", indent: "") + "\n---\n\nSome text.\n")
            .write(toFile: notes + "/zz-bomb.md", atomically: true, encoding: .utf8)
        let path = try pipeline("adapter: interview-notes\npath: notes", in: scratch.path)
        let outcome = try baselineBounded(["run", path, "--output", scratch.path + "/out"], in: scratch.path)
        #expect(outcome.status == 1, "\(outcome.status.map(String.init) ?? "killed after \(outcome.seconds) s") \(outcome.stderr)")
        #expect(outcome.seconds < 5, "took \(outcome.seconds) s")
        #expect(outcome.stderr.contains("notes/zz-bomb.md:8:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("the front matter has aliases (*name) that repeat more than 10000 values in all"), "\(outcome.stderr)")
    }

    // MARK: - Headers of many columns

    /// A survey header of 200,000 columns and a name the pipeline gives that is not among them:
    /// `validate` deduplicated the header's names by searching a list for each (106 s in a
    /// try-out; 1M columns never ended), and the did-you-mean measured a 1 MB header cell
    /// against a 2,000-character name (15 s). Both end at once now, with the located error.
    @Test func wideHeaderWithAMissingNameEndsAtOnce() throws {
        let scratch = try Scratch()
        let columns = (0..<200_000).map { "c\($0)" }.joined(separator: ",")
        try "ID,Org,Q1,\(columns)\n1,A,Agree\(String(repeating: ",", count: 200_000))\n"
            .write(toFile: scratch.path + "/wide.csv", atomically: true, encoding: .utf8)
        try "ID,Org,Q1,\(String(repeating: "x", count: 1_000_000))\n1,A,Agree,\n".write(toFile: scratch.path + "/cell.csv", atomically: true, encoding: .utf8)
        for (file, group) in [("wide.csv", "Orgx"), ("cell.csv", String(repeating: "y", count: 2_000))] {
            let path = try pipeline("""
                adapter: csv-survey
                path: \(file)
                groups: [\(group)]
                questions: [Q1]
                """, in: scratch.path)
            let outcome = try baselineBounded(["validate", path], seconds: 60, in: scratch.path)
            #expect(outcome.status == 1, "\(file): \(outcome.status.map(String.init) ?? "killed after \(outcome.seconds) s") \(outcome.stderr)")
            #expect(outcome.stderr.contains("is not in the header of \(file)"), "\(outcome.stderr.prefix(300))")
            if file == "wide.csv" { #expect(outcome.stderr.contains("did you mean 'Org'?"), "\(outcome.stderr.prefix(300))") }
            // Names cut in the message: the megabyte cell was printed whole.
            #expect(outcome.stderr.utf8.count < 2_000, "\(outcome.stderr.utf8.count) bytes")
        }
    }

    /// An XML element with 200,000 attributes (2.3 MB): libxml2 2.9 checks each attribute
    /// against every one before it, and the run never ended (a try-out). Stopped before libxml2
    /// parses the tag, at its line; an element of 5,000 attributes is still read.
    @Test func xmlElementWithTooManyAttributesIsRefused() throws {
        let scratch = try Scratch()
        func write(_ count: Int, to name: String) throws {
            let attributes = (0..<count).map { "a\($0)=\"x\"" }.joined(separator: " ")
            try """
                <?xml version="1.0"?>
                <dataset>
                <row indicator="a" \(attributes)><area code="E07999001">A</area><period>2024</period><value>1</value></row>
                </dataset>

                """.write(toFile: scratch.path + "/" + name, atomically: true, encoding: .utf8)
        }
        try write(200_000, to: "many.xml")
        try write(5_000, to: "some.xml")
        // A `>` inside each value (valid XML) once slipped past a guard that counted from `>`.
        let attributes = (0..<200_000).map { "a\($0)=\"x>y\"" }.joined(separator: " ")
        try "<?xml version=\"1.0\"?>\n<dataset>\n<row indicator=\"a\" \(attributes)><area code=\"E07999001\">A</area></row>\n</dataset>\n"
            .write(toFile: scratch.path + "/gt.xml", atomically: true, encoding: .utf8)
        for (file, refused) in [("many.xml", true), ("gt.xml", true), ("some.xml", false)] {
            let path = try pipeline("""
                adapter: xml-dataset
                path: \(file)
                mapped: { record: /dataset/row, area: area/@code, period: period, indicator: "@indicator", value: value }
                """, in: scratch.path)
            let outcome = try baselineBounded(["inspect", path, "--source", "s"], seconds: 60, in: scratch.path)
            if refused {
                #expect(outcome.status == 1, "\(outcome.status.map(String.init) ?? "killed after \(outcome.seconds) s") \(outcome.stderr)")
                #expect(outcome.stderr.contains("\(file):3: error: an element here has more than 10,000 attributes"), "\(outcome.stderr)")
            } else {
                #expect(outcome.status == 0, "\(outcome.status.map(String.init) ?? "killed after \(outcome.seconds) s") \(outcome.stderr)")
            }
        }
    }

    // MARK: - Notes in bounded memory

    @Test func hugeNotesFileIsReadInBoundedMemory() throws {
        let scratch = try Scratch()
        let notes = scratch.path + "/notes"
        try FileManager.default.createDirectory(atPath: notes, withIntermediateDirectories: true)
        // 48 MB of short bullets (600,000 excerpts), then one passage of 16 MB with no blank line.
        #expect(FileManager.default.createFile(atPath: notes + "/huge.md", contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: notes + "/huge.md"))
        let bullets = String(repeating: "- partners said they trust the council on housing and care leavers\n", count: 10_000)
        for _ in 0..<(48_000_000 / bullets.utf8.count) { handle.write(Data(bullets.utf8)) }
        handle.write(Data("\nStart of the long one.\n".utf8))
        let line = String(repeating: "word ", count: 200_000)
        for _ in 0..<16 { handle.write(Data(line.utf8)) }
        handle.write(Data("\n\nThe end.\n".utf8))
        try handle.close()
        let path = try pipeline("adapter: interview-notes\npath: notes", in: scratch.path)
        let outcome = try baselineBounded(["run", path, "--output", scratch.path + "/out"], seconds: 60, in: scratch.path)
        #expect(outcome.status == 0, "\(outcome.status.map(String.init) ?? "killed after \(outcome.seconds) s") \(outcome.stderr)")
        // Holding the file's excerpts took about 400 MB here; a batch at a time takes about 35.
        #expect(outcome.peakMemory < 160 << 20, "peak memory \(outcome.peakMemory >> 20) MB")
        #expect(outcome.peakMemory > 8 << 20, "peak memory \(outcome.peakMemory >> 20) MB: not measured")
        let rejects = try String(contentsOfFile: scratch.path + "/out/hostile-town/2025/rejects/s.csv", encoding: .utf8)
        let longLine = 48_000_000 / bullets.utf8.count * 10_000 + 2
        #expect(rejects.contains("notes/huge.md,\(longLine),,\"a passage longer than 1048576 bytes (max_passage_bytes)"), "\(rejects)")
        #expect(outcome.stderr.contains("passed on \(48_000_000 / bullets.utf8.count * 10_000 + 1), quarantined 1"), "\(outcome.stderr)")
    }
}
