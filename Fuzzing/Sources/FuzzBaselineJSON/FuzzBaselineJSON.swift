// Fuzzes the baseline.json reader that `baseline diff` uses (BaselineFile.load): the version
// check, JSON decoding of the whole document and the located error for text that is not JSON.
import BaselineDiff
import FuzzSupport

private let workspace = FuzzWorkspace(name: "baseline-json")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBaselineJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let path = workspace.write(data, size, to: "baseline.json")
    expectingLocatedErrors { _ = try BaselineFile.load(path) }
    return 0
}
