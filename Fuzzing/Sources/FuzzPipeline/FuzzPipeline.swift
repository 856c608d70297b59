// Fuzzes the pipeline decoder: `Pipeline(file:registry:)` with every built-in plugin, which reads
// the YAML, checks the top-level keys, and decodes every source, stage and sink configuration
// (loading the catalogues, codebooks, lookups and templates they name).
//
// The input is written to `pipelines/pipeline.yaml` in the workspace, beside links to the
// repository's `samples/` and `templates/`, so the paths in the seed pipelines
// (`../samples/millbrook/…`) resolve. The repository is the current folder, or PLACEBASELINE_ROOT.
import BaselineCLI
import BaselinePipeline
import Foundation
import FuzzSupport

private let workspace: FuzzWorkspace = {
    let workspace = FuzzWorkspace(name: "pipeline")
    let root = ProcessInfo.processInfo.environment["PLACEBASELINE_ROOT"] ?? FileManager.default.currentDirectoryPath
    for folder in ["samples", "templates"] {
        try? FileManager.default.createSymbolicLink(atPath: "\(workspace.folder)/\(folder)", withDestinationPath: "\(root)/\(folder)")
    }
    _ = workspace.subfolder("pipelines")
    return workspace
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = workspace.write(data, size, to: "pipelines/pipeline.yaml")
    expectingLocatedErrors { _ = try Pipeline(file: path, registry: BuiltinPlugins.registry) }
    return 0
}
