import BaselineCore
import Yams

/// A stage of `transforms:` with its contract and where the pipeline names it.
struct PlacedStage {
    /// The kind name.
    var kind: String
    /// What it needs and provides.
    var contract: StageContract
    /// The `stage:` key of its entry.
    var mark: Mark?
}

extension Pipeline {
    /// Checks the order of the stages against their contracts. A stage placed before the stage
    /// that provides what it requires or uses, or one whose requirement no stage provides, is an
    /// error at its `stage:` line saying what to do. A stage with nothing to work on — none of
    /// its record kinds from any source, or none of what it reads from any earlier stage — is a
    /// warning: the pipeline runs, but the stage adds nothing.
    static func checkContracts(of stages: [PlacedStage], sourceRecords: Set<RecordKind>, registry: PluginRegistry,
                               file: String) throws -> [BaselineError] {
        var warnings = [BaselineError]()
        for (index, stage) in stages.enumerated() {
            let earlier = stages[..<index], later = stages[(index + 1)...]
            func located(_ message: String, hint: String) -> BaselineError {
                BaselineError(file: file, line: stage.mark?.line, column: stage.mark?.column, message, hint: hint)
            }
            for product in stage.contract.requires + stage.contract.uses where !earlier.contains(where: { $0.contract.provides.contains(product) }) {
                let required = stage.contract.requires.contains(product)
                if let provider = later.first(where: { $0.contract.provides.contains(product) }) {
                    throw located("\(stage.kind) \(required ? "needs" : "reads") \(product.what) that `- stage: \(provider.kind)`"
                                  + " (line \(provider.mark?.line ?? 0)) provides, but comes before it",
                                  hint: "put it after that stage")
                }
                guard required else { continue }
                let providers = registry.all.filter { $0.contract?.provides.contains(product) == true }.map { $0.kind }
                throw located("\(stage.kind) needs \(product.what), and no stage before it provides them",
                              hint: providers.isEmpty ? "add a stage that provides '\(product.name)' before it"
                                                      : "add `- stage: \(providers.joined(separator: "` or `- stage: "))` before it")
            }
            if !stage.contract.records.isEmpty, stage.contract.records.isDisjoint(with: sourceRecords) {
                let kinds = RecordKind.allCases.filter(stage.contract.records.contains)
                let adapters = registry.all.filter { $0.records?.isDisjoint(with: stage.contract.records) == false }.map { $0.kind }
                warnings.append(located("\(stage.kind) works on \(Self.either(kinds.map(\.described))), and no source gives any: it adds nothing",
                                        hint: "add a source that does (\(adapters.joined(separator: ", "))), or remove the stage"))
            }
            let reads = stage.contract.requires + stage.contract.uses
            if stage.contract.records.isEmpty, !reads.isEmpty, !reads.contains(where: { product in earlier.contains { $0.contract.provides.contains(product) } }) {
                warnings.append(located("\(stage.kind) works on \(Self.either(reads.map(\.what))), and no stage before it provides any: it adds nothing",
                                        hint: "add the stages that provide them before it, or remove the stage"))
            }
        }
        return warnings
    }

    /// `a`, `a or b`, `a, b or c`.
    private static func either(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " or " + items.last!
    }
}
