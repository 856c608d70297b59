import Foundation
import Testing

/// `baseline run` over a pipeline with `places:` (the sample programme), with the real binary:
/// each place's output is byte-identical to a one-place run of it, and does not depend on
/// `--jobs` or on how the places are sharded; a failed place leaves the others written.
@Suite(.timeLimit(.minutes(5))) struct ProgrammeRunTests {
    /// The sample programme's places: slug, name, code, neighbours (code, name).
    static let places: [(slug: String, name: String, code: String, neighbours: [(String, String)])] = [
        ("millbrook", "Millbrook", "E07999001", [("E07999002", "Vale"), ("E07999003", "Eastfield")]),
        ("vale", "Vale", "E07999002", [("E07999001", "Millbrook"), ("E07999003", "Eastfield")]),
        ("eastfield", "Eastfield", "E07999003", [("E07999001", "Millbrook"), ("E07999004", "Northmoor")]),
        ("northmoor", "Northmoor", "E07999004", [("E07999003", "Eastfield"), ("E07999005", "Kingsford")]),
        ("kingsford", "Kingsford", "E07999005", [("E07999004", "Northmoor"), ("E07999002", "Vale")]),
    ]

    /// A folder with `pipelines/programme-2025.yaml` (the repository's) and `samples/` beside it:
    /// the repository's sample folders, linked, but for those named in `own`, made here.
    static func workspace(own: [String: [String: String]] = [:]) throws -> Scratch {
        let scratch = try Scratch()
        let samples = scratch.url.appendingPathComponent("samples")
        let pipelines = scratch.url.appendingPathComponent("pipelines")
        try FileManager.default.createDirectory(at: samples, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: pipelines, withIntermediateDirectories: true)
        for folder in ["millbrook", "programme"] + places.map(\.slug) {
            guard !FileManager.default.fileExists(atPath: samples.appendingPathComponent(folder).path) else { continue }
            if let files = own[folder] {
                try FileManager.default.createDirectory(at: samples.appendingPathComponent(folder), withIntermediateDirectories: true)
                for (name, text) in files { try Data(text.utf8).write(to: samples.appendingPathComponent(folder).appendingPathComponent(name)) }
            } else {
                try FileManager.default.createSymbolicLink(at: samples.appendingPathComponent(folder),
                                                           withDestinationURL: Package.root.appendingPathComponent("samples/\(folder)"))
            }
        }
        try FileManager.default.copyItem(at: Package.root.appendingPathComponent("pipelines/programme-2025.yaml"),
                                         to: pipelines.appendingPathComponent("programme-2025.yaml"))
        return scratch
    }

    /// A one-place pipeline of `place` written by hand from the programme's: what a user would write.
    static func onePlacePipeline(_ place: (slug: String, name: String, code: String, neighbours: [(String, String)])) throws -> String {
        let programme = try String(contentsOf: Package.root.appendingPathComponent("pipelines/programme-2025.yaml"), encoding: .utf8)
        let body = programme[programme.range(of: "\nsources:\n")!.lowerBound...]
            .replacingOccurrences(of: "{slug}", with: place.slug).replacingOccurrences(of: "{name}", with: place.name)
        return """
            place: { name: \(place.name), code: \(place.code) }
            period: 2025
            benchmarks:
              - { code: E92000001, name: England, role: england }
              - { code: E12999001, name: Midshire region, role: region }
            \(place.neighbours.map { "  - { code: \($0.0), name: \($0.1), role: neighbour }" }.joined(separator: "\n"))
            """ + body
    }

    static func files(_ scratch: Scratch, _ folder: String) throws -> [String: Data] {
        try Scratch.files(under: scratch.url.appendingPathComponent(folder).path)
    }

    @Test func everyPlaceIsByteIdenticalToItsOnePlaceRun() throws {
        let scratch = try Self.workspace()
        let all = try baseline("run", "pipelines/programme-2025.yaml", "--jobs", "2", "-o", "together", in: scratch.url)
        #expect(all.status == 0, "\(all.stderr)")
        for place in Self.places {
            let file = "pipelines/\(place.slug)-alone.yaml"
            try Data(try Self.onePlacePipeline(place).utf8).write(to: scratch.url.appendingPathComponent(file))
            let alone = try baseline("run", "-q", file, "-o", "alone", in: scratch.url)
            #expect(alone.status == 0, "\(alone.stderr)")
        }
        let together = try Self.files(scratch, "together")
        let alone = try Self.files(scratch, "alone")
        #expect(Set(together.keys) == Set(alone.keys))
        #expect(Set(together.keys.map { String($0.prefix { $0 != "/" }) }) == Set(Self.places.map(\.slug)))
        #expect(together.keys.contains("vale/2025/baseline.json") && together.keys.contains("kingsford/2025/report.md"))
        for (path, bytes) in together { #expect(alone[path] == bytes, "\(path) differs from the one-place run's") }
    }

    @Test func theShardsTogetherAreTheUnshardedRun() throws {
        let scratch = try Self.workspace()
        let whole = try baseline("run", "-q", "pipelines/programme-2025.yaml", "-o", "whole", in: scratch.url)
        #expect(whole.status == 0, "\(whole.stderr)")
        let expected = try Self.files(scratch, "whole")
        #expect(expected.keys.filter { $0.hasSuffix("/baseline.json") }.count == 5)
        for count in [1, 2, 3, 7] {
            var slugs = [String]()
            for index in 0..<count {
                let shard = try baseline("run", "pipelines/programme-2025.yaml", "--shard", "\(index)/\(count)", "-o", "part-\(index)-of-\(count)", in: scratch.url)
                #expect(shard.status == 0, "\(shard.stderr)")
                // A shard of 7 of 5 places may have none: it writes nothing.
                slugs += (try? FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("part-\(index)-of-\(count)").path)) ?? []
            }
            // Each place in exactly one shard, and the shards' files together the whole run's.
            #expect(slugs.sorted() == Self.places.map(\.slug).sorted(), "\(count) shards")
            var union = [String: Data]()
            for index in 0..<count {
                union.merge(try Self.files(scratch, "part-\(index)-of-\(count)")) { a, _ in a }
            }
            #expect(union == expected, "\(count) shards")
        }
    }

    @Test func theShardComesFromKubernetesOrSlurmWhenNotGiven() throws {
        let scratch = try Self.workspace()
        let flag = try baseline("run", "-q", "pipelines/programme-2025.yaml", "--shard", "1/3", "-o", "flag", in: scratch.url)
        #expect(flag.status == 0, "\(flag.stderr)")
        let kubernetes = try runBaseline(["run", "-q", "pipelines/programme-2025.yaml", "--shard-count", "3", "-o", "kubernetes"],
                                         environment: ["JOB_COMPLETION_INDEX": "1"], in: scratch.url)
        #expect(kubernetes.status == 0, "\(kubernetes.stderr)")
        let slurm = try runBaseline(["run", "-q", "pipelines/programme-2025.yaml", "-o", "slurm"],
                                    environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "3"], in: scratch.url)
        #expect(slurm.status == 0, "\(slurm.stderr)")
        let expected = try Self.files(scratch, "flag")
        #expect(!expected.isEmpty)
        #expect(try Self.files(scratch, "kubernetes") == expected)
        #expect(try Self.files(scratch, "slurm") == expected)
        // An index without the count is a usage error, and so is a shard of a one-place pipeline.
        let noCount = try runBaseline(["run", "pipelines/programme-2025.yaml"], environment: ["JOB_COMPLETION_INDEX": "1"], in: scratch.url)
        #expect(noCount.status == 2 && noCount.stderr.contains("--shard-count"), "\(noCount.stderr)")
        let onePlace = try baseline("run", "pipelines/millbrook-2025.yaml", "--shard", "0/2", "-o", scratch.path)
        #expect(onePlace.status == 2 && onePlace.stderr.contains("names one place — run it without them"), "\(onePlace.stderr)")
        // A negative part is refused as one (it read as a missing value), and a count that
        // disagrees with the part's is refused (it ran part 1 of 3 and said nothing).
        let negative = try baseline("run", "pipelines/programme-2025.yaml", "--shard", "-1/3", "-o", scratch.path)
        #expect(negative.status == 2 && negative.stderr.contains("--shard '-1/3' is not K/N with 0 ≤ K < N"), "\(negative.stderr)")
        let disagreeing = try baseline("run", "pipelines/programme-2025.yaml", "--shard", "1/3", "--shard-count", "4", "-o", scratch.path)
        #expect(disagreeing.status == 2 && disagreeing.stderr.contains("--shard 1/3 is one of 3 parts, but --shard-count says 4"), "\(disagreeing.stderr)")
    }

    @Test func theOutputsDoNotDependOnJobs() throws {
        let scratch = try Self.workspace()
        for jobs in [1, 2] {
            let run = try baseline("run", "-q", "pipelines/programme-2025.yaml", "--jobs", "\(jobs)", "-o", "jobs-\(jobs)", in: scratch.url)
            #expect(run.status == 0, "\(run.stderr)")
        }
        let one = try Self.files(scratch, "jobs-1")
        #expect(one.count > 20)
        #expect(one == (try Self.files(scratch, "jobs-2")))
    }

    @Test(arguments: [1, 2])
    func aFailedPlaceLeavesTheOthersWrittenAndItsEarlierBaselineAlone(jobs: Int) throws {
        let survey = try String(contentsOf: Package.root.appendingPathComponent("samples/northmoor/staff-survey-2025.csv"), encoding: .utf8)
        let header = String(survey.prefix { $0 != "\r\n" && $0 != "\n" })
        // Eastfield's survey has a header and no answers (it fails once every source is read);
        // Kingsford's lacks a question (it fails before reading the shared file).
        let scratch = try Self.workspace(own: [
            "eastfield": ["staff-survey-2025.csv": header.replacingOccurrences(of: "Northmoor", with: "Eastfield") + "\r\n"],
            "kingsford": ["staff-survey-2025.csv": survey.replacingOccurrences(of: "Northmoor", with: "Kingsford")
                .replacingOccurrences(of: "Partners here trust each other", with: "Partners trust")],
        ])
        let earlier = scratch.url.appendingPathComponent("out/eastfield/2025")
        try FileManager.default.createDirectory(at: earlier, withIntermediateDirectories: true)
        try Data("the earlier baseline".utf8).write(to: earlier.appendingPathComponent("baseline.json"))
        let run = try baseline("run", "pipelines/programme-2025.yaml", "--jobs", "\(jobs)", "-o", "out", in: scratch.url)
        #expect(run.status == 1)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        // Each failed place's error, located, names the place.
        #expect(lines.contains { $0.contains(": error: place eastfield: ") && $0.contains(" — ") }, "\(run.stderr)")
        #expect(lines.contains { $0.contains(": error: place kingsford: ") && $0.contains("Partners here trust each other") }, "\(run.stderr)")
        #expect(lines.last?.hasPrefix("error: 2 of 5 places failed: eastfield, kingsford — ") == true, "\(run.stderr)")
        for slug in ["millbrook", "vale", "northmoor"] {
            #expect(FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("out/\(slug)/2025/baseline.json").path), "\(slug)")
        }
        #expect(try String(contentsOf: earlier.appendingPathComponent("baseline.json"), encoding: .utf8) == "the earlier baseline")
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appendingPathComponent("out/kingsford").path))
        // No staging folder left behind by the failed places.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.appendingPathComponent("out/eastfield").path)
        #expect(leftovers == ["2025"])
    }

    @Test func offATerminalItPrintsNoProgressLine() throws {
        let scratch = try Self.workspace()
        let run = try baseline("run", "pipelines/programme-2025.yaml", "-o", "out", in: scratch.url)
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(!run.stderr.contains("\r") && !run.stderr.contains("\u{1B}") && !run.stderr.contains("rows read"))
        // What a one-place run prints about its output, for each place, and a summary.
        let lines = run.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 8, "\(run.stderr)")
        for (line, place) in zip(lines, Self.places.sorted { $0.code < $1.code }) {
            #expect(line.hasPrefix("wrote ") && line.hasSuffix("/out/\(place.slug)/2025"), "\(line)")
        }
        // Then each source's counts, from the places' manifests: the surveys (a file a place)
        // summed, the shared indicators file once.
        var survey = [0, 0, 0], indicators = Set<[Int]>()
        for place in Self.places {
            let data = try Data(contentsOf: scratch.url.appendingPathComponent("out/\(place.slug)/2025/baseline.json"))
            let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let sources = try #require((document["manifest"] as? [String: Any])?["sources"] as? [[String: Any]])
            for source in sources {
                let counts = ["read", "passed_on", "quarantined"].map { source[$0] as? Int ?? -1 }
                if source["id"] as? String == "staff-survey" { survey = zip(survey, counts).map { $0 + $1 } } else { indicators.insert(counts) }
            }
        }
        let shared = try #require(indicators.first)
        #expect(indicators.count == 1 && survey[0] > 0 && survey[0] == survey[1] + survey[2])
        #expect(lines[5] == "staff-survey (csv-survey): read \(survey[0]), passed on \(survey[1]), quarantined \(survey[2]) — over the 5 places")
        #expect(lines[6] == "place-indicators (xml-dataset): read \(shared[0]), passed on \(shared[1]), quarantined \(shared[2]) — the same for each of the 5 places")
        #expect(lines.last == "5 places written")
        let quiet = try baseline("run", "--quiet", "pipelines/programme-2025.yaml", "-o", "out", in: scratch.url)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty && quiet.stdout.isEmpty, "\(quiet.stderr)")
    }

    // MARK: - Errors in the places file

    static func placesError(_ places: String, path: String = "../samples/{slug}/staff-survey-2025.csv") throws -> Outcome {
        let scratch = try Self.workspace()
        let pipeline = try String(contentsOf: Package.root.appendingPathComponent("pipelines/programme-2025.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "places: ../samples/programme/places.csv", with: "places: places.csv")
            .replacingOccurrences(of: "path: ../samples/{slug}/staff-survey-2025.csv", with: "path: \(path)")
        try Data(pipeline.utf8).write(to: scratch.url.appendingPathComponent("pipelines/bad.yaml"))
        try Data(places.utf8).write(to: scratch.url.appendingPathComponent("pipelines/places.csv"))
        return try baseline("run", "pipelines/bad.yaml", "-o", "out", in: scratch.url)
    }

    @Test func aMissingColumnIsNamed() throws {
        let run = try Self.placesError("code,title\nE07999002,Vale\n")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("pipelines/places.csv:1:1: error: the places file has no 'name' column (its header: code,title) — add a 'name' column"), "\(run.stderr)")
    }

    /// `Code,Name` (as a spreadsheet writes it): the error names the column to rename, at its cell.
    @Test func aColumnInAnotherCaseIsNamed() throws {
        let run = try Self.placesError("Code,Name\nE07999002,Vale\n")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("pipelines/places.csv:1:1: error: the places file has no 'code' column, but has 'Code' — rename it 'code'"), "\(run.stderr)")
        let second = try Self.placesError("code,Name\nE07999002,Vale\n")
        #expect(second.stderr.hasPrefix("pipelines/places.csv:1:6: error: the places file has no 'name' column, but has 'Name' — rename it 'name'"), "\(second.stderr)")
    }

    /// A row short of a cell (a spreadsheet drops a trailing empty one) or with one too many (a
    /// name with an unquoted comma): located at the line's end, or at the cell too many.
    @Test func aRaggedRowIsLocated() throws {
        let short = try Self.placesError("code,name,region\nE07999002,Vale,E12000009\nE07999003,Eastfield\n")
        #expect(short.status == 1)
        #expect(short.stderr.hasPrefix("pipelines/places.csv:3:20: error: 2 fields where the header has 3 — every row of this table needs the same columns: add the missing cells"), "\(short.stderr)")
        let long = try Self.placesError("code,name\nE07999002,Vale, North\n")
        #expect(long.stderr.hasPrefix("pipelines/places.csv:2:16: error: 3 fields where the header has 2 — every row of this table needs the same columns: quote a cell that holds a comma"), "\(long.stderr)")
    }

    /// A code in lower case matches no file (publishers write codes in capitals): said at its
    /// cell, with the code in capitals (the try-out's `e08000021` got no did-you-mean).
    @Test func aCodeInLowerCaseIsNamed() throws {
        let run = try Self.placesError("code,name\nE07999002,Vale\ne07999003,Eastfield\n")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("pipelines/places.csv:3:1: error: the code 'e07999003' is in lower case, and area codes are written in capitals: "
                                     + "no file would match it — did you mean E07999003?"), "\(run.stderr)")
    }

    /// A header and no places: said as such, not as a missing column with an empty header.
    @Test func aHeaderWithoutPlacesIsNamed() throws {
        let run = try Self.placesError("code,name\n")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("pipelines/places.csv:2:1: error: the places file has a header but no places — add a row per place"), "\(run.stderr)")
    }

    @Test func aRepeatedCodeIsLocated() throws {
        let run = try Self.placesError("code,name\nE07999002,Vale\nE07999002,Vale Two\n")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("pipelines/places.csv:3:1: error: the code 'E07999002' is here twice (first at line 2) — list each place once"), "\(run.stderr)")
    }

    @Test func aRepeatedSlugIsLocated() throws {
        let run = try Self.placesError("code,name,slug\nE07999002,Vale,vale\nE07999003,Eastfield,vale\n")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("pipelines/places.csv:3:21: error: the slug 'vale' is here twice (first at line 2)"), "\(run.stderr)")
        // Two names that make the same folder name are caught too.
        let made = try Self.placesError("code,name\nE07999002,Vale\nE07999003,\"VALE \"\n")
        #expect(made.stderr.hasPrefix("pipelines/places.csv:3:11: error: the slug 'vale' is here twice"), "\(made.stderr)")
    }

    /// Slugs differing only in case are two folders on Linux and one on Windows and macOS, where
    /// the output is copied to (a try-out): refused like a repeated slug, at the later row.
    @Test func slugsDifferingOnlyInCaseAreRefused() throws {
        let run = try Self.placesError("code,name,slug\nE07999002,Vale,X\nE07999003,Eastfield,x\n")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("pipelines/places.csv:3:21: error: the slug 'x' differs from 'X' (line 2) only in case: "
                                     + "on Windows and macOS both places would write the same folder"), "\(run.stderr)")
    }

    @Test func aSlugThatWouldEscapeTheOutputFolderIsRefused() throws {
        let run = try Self.placesError("code,name,slug\nE07999002,Vale,../vale\n")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("pipelines/places.csv:2:16: error: slug '../vale' is not a folder name: it would write outside output/<slug>/ — set the slug column to letters"),
                "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/vale"))
        // A device name on Windows: said as such, and a place named so gets another folder.
        let device = try Self.placesError("code,name,slug\nE07999002,Vale,AUX\n")
        #expect(device.stderr.hasPrefix("pipelines/places.csv:2:16: error: slug 'AUX' is not a folder name Windows can open — 'AUX' is a device name on Windows"),
                "\(device.stderr)")
    }

    @Test func anUnknownPlaceholderIsLocatedInThePipeline() throws {
        let run = try Self.placesError("code,name\nE07999002,Vale\n", path: "../samples/{sulg}/staff-survey-2025.csv")
        #expect(run.status == 1)
        // `    path: ../samples/{sulg}/…` on line 20: the brace is at column 22.
        #expect(run.stderr.hasPrefix("pipelines/bad.yaml:20:22: error: unknown placeholder '{sulg}': the places file has no column 'sulg' — did you mean '{slug}'?"),
                "\(run.stderr)")
    }

    @Test func aNeighbourNamedNowhereIsLocated() throws {
        let run = try Self.placesError("code,name,neighbours\nE07999002,Vale,E07999009\n")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("pipelines/places.csv:2:16: error: the neighbour 'E07999009' of Vale is neither a place here nor in the pipeline's `benchmarks:`"),
                "\(run.stderr)")
    }

    /// Neighbours separated by spaces (a try-out's places file): the hint is the separator, not
    /// to add 'E07999002 E07999003' to `benchmarks:`.
    @Test func neighboursRunTogetherAskForTheSeparator() throws {
        let run = try Self.placesError("code,name,neighbours\nE07999002,Vale,E07999003 E07999004\nE07999003,Eastfield,\nE07999004,Hill,\n")
        #expect(run.status == 1)
        #expect(run.stderr.contains("— separate the neighbours with ';' ('E07999003;E07999004')"), "\(run.stderr)")
    }

    /// Every code no benchmark names, in one run: a place's neighbours together, and the lines
    /// of the other places with the same problem (the try-out fixed four lines in four runs).
    @Test func everyNeighbourNamedNowhereIsSaidAtOnce() throws {
        let run = try Self.placesError("code,name,neighbours\nE07999002,Vale,E07999008;E07999009\nE07999003,Eastfield,E07999002\nE07999004,Hill,E07999007\n")
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("pipelines/places.csv:2:16: error: the neighbours 'E07999008' and 'E07999009' of Vale are neither a place here nor in "
                                     + "the pipeline's `benchmarks:`; so are codes on line 4 of the places file — add each to `benchmarks:`"), "\(run.stderr)")
    }
}

/// Runs the real binary with extra environment variables (and none of the shard ones the
/// tests' own environment may hold).
func runBaseline(_ arguments: [String], environment: [String: String], in directory: URL) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Package.binary)
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var merged = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") && $0.key != "JOB_COMPLETION_INDEX" }
    merged.merge(environment) { _, new in new }
    process.environment = merged
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    final class Box: @unchecked Sendable { var data = Data() }
    let errors = Box(), reading = DispatchGroup()
    DispatchQueue.global().async(group: reading) { errors.data = err.fileHandleForReading.readDataToEndOfFile() }
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    reading.wait()
    process.waitUntilExit()
    return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: errors.data, as: UTF8.self))
}

/// `baseline validate` over a pipeline with `places:`: every place's pipeline and inputs.
@Suite struct ProgrammeValidateTests {
    @Test func validateChecksEveryPlace() throws {
        let ok = try baseline("validate", "pipelines/programme-2025.yaml")
        #expect(ok.status == 0 && ok.stderr == "pipelines/programme-2025.yaml: ok — 5 places\n", "\(ok.stderr)")
        let scratch = try ProgrammeRunTests.workspace(own: ["vale": ["staff-survey-2025.csv": "Respondent ID,Organisation\r\n1,x\r\n"]])
        let bad = try baseline("validate", "pipelines/programme-2025.yaml", in: scratch.url)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("error: place vale: column 'Role' is not in the header of ../samples/vale/staff-survey-2025.csv"), "\(bad.stderr)")
        #expect(!bad.stderr.contains("place millbrook:"))
    }
}
