import Foundation
import Testing
import Yams

/// The Kubernetes and Slurm examples of docs/scale.md are real: the manifest parses as an Indexed
/// Job with what one needs, and the sbatch script is valid bash with an array of as many tasks
/// as the shards its command names. (`kubectl --dry-run=client` and Slurm are not installed here.)
@Suite struct ScaleExamplesTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/examples")

    @Test func theIndexedJobManifestHasWhatAnIndexedJobNeeds() throws {
        let text = try String(contentsOf: Self.examples.appendingPathComponent("programme-indexed-job.yaml"), encoding: .utf8)
        let job = try #require(try Yams.load(yaml: text) as? [String: Any])
        #expect(job["apiVersion"] as? String == "batch/v1")
        #expect(job["kind"] as? String == "Job")
        let metadata = try #require(job["metadata"] as? [String: Any])
        #expect((metadata["name"] as? String)?.isEmpty == false)
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        let parallelism = try #require(spec["parallelism"] as? Int)
        #expect(completions >= 1 && parallelism >= 1 && parallelism <= completions)
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        // A Job's pods must not restart in place (Always is refused by the API server).
        #expect(["Never", "OnFailure"].contains(pod["restartPolicy"] as? String ?? ""))
        let containers = try #require(pod["containers"] as? [[String: Any]])
        let container = try #require(containers.first)
        #expect(container["image"] as? String != nil)
        let command = try #require(container["command"] as? [String]).joined(separator: " ")
        #expect(command.contains("baseline run "))
        // The shard is the pod's index, of as many shards as the Job has completions.
        #expect(command.contains("--shard \"$JOB_COMPLETION_INDEX/\(completions)\""), "\(command)")
        // The output goes to a mounted volume the shards share.
        let mounts = try #require(container["volumeMounts"] as? [[String: Any]])
        let output = try #require(command.firstRange(of: "--output ").map { String(command[$0.upperBound...].prefix { $0 != " " }) })
        #expect(mounts.contains { output.hasPrefix($0["mountPath"] as? String ?? "?") })
        let volumes = try #require(pod["volumes"] as? [[String: Any]])
        #expect(Set(mounts.compactMap { $0["name"] as? String }).isSubset(of: Set(volumes.compactMap { $0["name"] as? String })))
    }

    @Test func theSbatchScriptIsBashWithAnArrayFromZero() throws {
        let path = Self.examples.appendingPathComponent("programme-array.sbatch").path
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/bin/bash")
        check.arguments = ["-n", path]
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("#!/bin/bash\n"))
        let array = try #require(text.split(separator: "\n").first { $0.hasPrefix("#SBATCH --array=") })
        // Contiguous from 0: SLURM_ARRAY_TASK_ID is then the shard, of SLURM_ARRAY_TASK_COUNT.
        let range = array.dropFirst("#SBATCH --array=".count).split(separator: "-")
        #expect(range.count == 2 && range[0] == "0" && Int(range[1]) != nil, "\(array)")
        #expect(text.contains("--shard \"${SLURM_ARRAY_TASK_ID}/${SLURM_ARRAY_TASK_COUNT}\""))
        // Every #SBATCH line comes before the first command, or Slurm ignores it.
        let lines = text.split(separator: "\n")
        let firstCommand = try #require(lines.firstIndex { !$0.hasPrefix("#") && !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        #expect(!lines[firstCommand...].contains { $0.hasPrefix("#SBATCH") })
    }
}
