import BaselineCore
import BaselineSchema

extension Pipeline {
    /// An empty record of the names written into the output folder, each to be claimed for its
    /// writer: the sources' rejects (owner -1) and each sink (its index in `sinks:`). A clash is
    /// an error naming both, at the later sink's line.
    func outputClaims() -> OutputClaims {
        Self.outputClaims(file: file, sinks: sinks)
    }

    /// The same for `sinks` of the pipeline `file`, while the pipeline is being read.
    static func outputClaims(file: String, sinks: [PreparedPlugin<any Sink>]) -> OutputClaims {
        let described = sinks.map { sink in
            OutputClaims.Owner("sink '\(sink.kind)'" + (sink.line.map { " (line \($0))" } ?? ""), line: sink.line, column: sink.column)
        }
        return OutputClaims(file: file) { $0 < 0 ? OutputClaims.Owner("the rejects of the sources") : described[$0] }
    }

    /// Checks the names each sink's configuration says it writes (`planned[i]` for `sinks[i]`,
    /// from `SinkPlugin.plannedNames`) and the rejects file of each source that quarantines,
    /// claimed in the order the run writes them: two that clash are the error the run would
    /// give once every source had been read, given now, before any is.
    static func checkPlannedNames(_ planned: [[String]], sinks: [PreparedPlugin<any Sink>], sources: [PreparedSource],
                                  file: String) throws {
        let claims = outputClaims(file: file, sinks: sinks)
        for source in sources where source.onError == .quarantine {
            try claims.claim("rejects/\(source.id).csv", by: -1)
        }
        for (index, names) in planned.enumerated() {
            for name in names { try claims.claim(name, by: index) }
        }
    }
}
