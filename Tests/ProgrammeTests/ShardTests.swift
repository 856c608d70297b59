import BaselinePipeline
import Testing

/// `--shard K/N` and the shard a Kubernetes Indexed Job or a Slurm array gives.
@Suite struct ShardTests {
    @Test func shardsAreWrittenKOfNFromZero() {
        #expect(Shard("0/4") == Shard(index: 0, count: 4))
        #expect(Shard("3/4") == Shard(index: 3, count: 4))
        for text in ["4/4", "-1/4", "1/0", "1", "a/b", "1/2/3", ""] { #expect(Shard(text) == nil, "\(text)") }
    }

    @Test func kubernetesGivesTheIndexAndTheFlagTheCount() {
        #expect(Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "2"], count: 4) == .success(Shard(index: 2, count: 4)!))
        guard case .failure(let error)? = Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "2"], count: nil) else { Issue.record("no error"); return }
        #expect(error.message.contains("--shard-count"))
        guard case .failure? = Shard.fromEnvironment(["JOB_COMPLETION_INDEX": "4"], count: 4) else { Issue.record("no error"); return }
    }

    @Test func slurmGivesTheTaskLessTheFirstOfTheCount() {
        #expect(Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_COUNT": "7"], count: nil) == .success(Shard(index: 3, count: 7)!))
        #expect(Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "7"], count: nil)
                == .success(Shard(index: 6, count: 7)!))
        guard case .failure? = Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_COUNT": "7"], count: nil) else {
            Issue.record("no error"); return
        }
        #expect(Shard.fromEnvironment(["PATH": "/bin"], count: nil) == nil)
    }
}
