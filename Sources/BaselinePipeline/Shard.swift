/// One of N deterministic parts of a programme's places (`--shard K/N`, K from 0 to N-1), so the
/// same command fans out on a Kubernetes Indexed Job or a Slurm job array (see docs/scale.md).
public struct Shard: Sendable, Equatable {
    /// Which part, from 0.
    public var index: Int
    /// How many parts.
    public var count: Int

    /// The whole list, unsharded.
    public static let all = Shard(index: 0, count: 1)!

    /// Makes a shard; `nil` unless 0 ≤ index < count.
    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 0, index < count else { return nil }
        self.index = index
        self.count = count
    }

    /// `K/N` as written after `--shard`.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    /// Where the shard comes from when `--shard` is not given: a Kubernetes Indexed Job's
    /// `JOB_COMPLETION_INDEX` (the count from `--shard-count`, as the pod is not told it), or a
    /// Slurm job array's `SLURM_ARRAY_TASK_ID` less `SLURM_ARRAY_TASK_MIN` (0 if unset) of
    /// `SLURM_ARRAY_TASK_COUNT` (or `--shard-count`). `nil` when neither is set; an error (in
    /// words, for a usage error) when one is set but does not make a shard.
    public static func fromEnvironment(_ environment: [String: String], count: Int?) -> Swift.Result<Shard, ShardError>? {
        if let text = environment["JOB_COMPLETION_INDEX"] {
            guard let count else {
                return .failure(ShardError("JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job) but the number of shards is not: pass --shard-count N (the Job's completions)"))
            }
            guard let index = Int(text), let shard = Shard(index: index, count: count) else {
                return .failure(ShardError("JOB_COMPLETION_INDEX=\(text) is not a shard of --shard-count \(count) (0 to \(count - 1))"))
            }
            return .success(shard)
        }
        if let text = environment["SLURM_ARRAY_TASK_ID"] {
            let minimum = environment["SLURM_ARRAY_TASK_MIN"].flatMap { Int($0) } ?? 0
            guard let total = count ?? environment["SLURM_ARRAY_TASK_COUNT"].flatMap({ Int($0) }) else {
                return .failure(ShardError("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: pass --shard-count N"))
            }
            guard let id = Int(text), let shard = Shard(index: id - minimum, count: total) else {
                return .failure(ShardError("SLURM_ARRAY_TASK_ID=\(text) (less SLURM_ARRAY_TASK_MIN=\(minimum)) is not a shard of \(total) (0 to \(total - 1)): use a contiguous --array such as 0-\(total - 1)"))
            }
            return .success(shard)
        }
        return nil
    }
}

/// Why the environment does not make a shard.
public struct ShardError: Error, Sendable, Equatable {
    /// What is wrong and what to do.
    public var message: String

    /// Makes an error.
    public init(_ message: String) {
        self.message = message
    }
}
