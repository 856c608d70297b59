// Fuzzes the xml-dataset adapter (libxml2's streaming reader): as SDMX-ML with the default
// dimension names, as SDMX-ML with the names the Millbrook pipeline gives, and as mapped XML.
import FuzzSupport

private let workspace = FuzzWorkspace(name: "xml")

private let entries = [
    "path: input.xml\n",
    """
    path: input.xml
    sdmx: { indicator: INDICATOR, count: OBS_COUNT, denominator: OBS_DENOM }
    """,
    """
    path: input.xml
    mapped:
      record: /dataset/row
      area: area/@code
      area_name: area
      period: period
      indicator: "@indicator"
      value: value
      count: numerator
      denominator: denominator
      status: "@status"
      attributes: { note: note }
    """,
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    workspace.write(data, size, to: "input.xml")
    for entry in entries { workspace.readBuiltinSource(kind: "xml-dataset", entry: entry) }
    return 0
}
