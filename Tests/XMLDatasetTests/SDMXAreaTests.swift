import BaselineCore
import BaselineTestKit
import Foundation
import Testing
@testable import XMLDataset

/// SDMX from agencies whose area is not a key dimension (an attribute, or one area for the whole
/// file), status codes in lower case, and the name and unit the message gives.
@Suite struct SDMXAreaTests {
    /// Writes `xml` to a folder of its own and reads it with `options`.
    func read(_ xml: String, _ options: String) throws -> RecordBatch {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdmx-area-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try xml.write(to: folder.appendingPathComponent("in.xml"), atomically: true, encoding: .utf8)
        return try XMLDatasetTests.read(folder.path, "in.xml", options)
    }

    /// A structure-specific message around `series` (Series elements).
    func structureSpecific(_ series: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <m:StructureSpecificData xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:s="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific">
          <m:Header><m:ID>T</m:ID><m:Structure structureID="S" dimensionAtObservation="TIME_PERIOD"/></m:Header>
          <m:DataSet s:structureRef="S">
        \(series)
          </m:DataSet>
        </m:StructureSpecificData>
        """
    }

    @Test("A one-area dataset: `area: { value: U2 }` reads every ECB specimen, every key dimension making the indicator")
    func fixedArea() throws {
        guard let folder = XMLDatasetTests.specimens() else { return }
        for file in XMLDatasetTests.specimenFiles {
            let o = XMLDatasetTests.observations(try XMLDatasetTests.read(folder, file, "sdmx:\n  area: { value: U2 }\n  dimensions: [FREQ, CURRENCY, CURRENCY_DENOM, EXR_TYPE, EXR_VAR]\n"))
            #expect(o.count == 12, "\(file)")
            #expect(o.allSatisfy { $0.area == "U2" }, "\(file)")
            #expect(Set(o.map(\.indicator)) == ["M.CHF.EUR.SP00.E", "M.GBP.EUR.SP00.E", "M.JPY.EUR.SP00.E", "M.USD.EUR.SP00.E"], "\(file)")
            let franc = try #require(o.first { $0.indicator == "M.CHF.EUR.SP00.E" && $0.period == "2010-08" }, "\(file)")
            #expect(franc.value == .number(1.3413) && franc.unit == "CHF")
            #expect(franc.attributes["indicator_name"] == "ECB reference exchange rate, Swiss franc/Euro", "\(file)")
        }
    }

    @Test("A series' attributes, status and confidentiality are the dataset's, with the series' own over them")
    func seriesAttributesOverTheDataSets() throws {
        let xml = structureSpecific("""
            <Series REF_AREA="E06000001" INDICATOR="POP">
              <Obs TIME_PERIOD="2022" OBS_VALUE="10"/>
            </Series>
            <Series REF_AREA="E06000002" INDICATOR="POP" NOTE="s" OBS_STATUS="P" OBS_CONF="F">
              <Obs TIME_PERIOD="2022" OBS_VALUE="11"/>
              <Obs TIME_PERIOD="2023" OBS_VALUE="12" OBS_STATUS="A"/>
            </Series>
            """).replacingOccurrences(of: #"<m:DataSet s:structureRef="S">"#,
                                      with: #"<m:DataSet s:structureRef="S" NOTE="d" OBS_STATUS="E" OBS_CONF="C">"#)
        let o = XMLDatasetTests.observations(try read(xml, "sdmx: { attributes: [NOTE] }\n"))
        #expect(o.map { $0.attributes["NOTE"] } == ["d", "s", "s"])
        #expect(o.map { $0.attributes["OBS_STATUS"] } == ["E", "P", "A"])
        #expect(o.map { $0.attributes["OBS_CONF"] } == ["C", "F", "F"])
    }

    @Test("A value the same as the last one at its place is reused; one that differs, even by a byte or in length, or empty, is read anew")
    func valuesReusedOnlyWhenEqual() throws {
        let xml = structureSpecific("""
            <Series REF_AREA="E06000001" INDICATOR="POP">
              <Obs TIME_PERIOD="2022" OBS_VALUE="10" OBS_STATUS="A" NOTE="x"/>
              <Obs TIME_PERIOD="2022" OBS_VALUE="11" OBS_STATUS="A" NOTE="x"/>
              <Obs TIME_PERIOD="2023" OBS_VALUE="12" OBS_STATUS="E" NOTE=""/>
              <Obs TIME_PERIOD="2023-Q1" OBS_VALUE="13" OBS_STATUS="A" NOTE="xy"/>
              <Obs TIME_PERIOD="2023" OBS_VALUE="14" NOTE="x"/>
            </Series>
            <Series REF_AREA="E06000002" INDICATOR="POP">
              <Obs TIME_PERIOD="2023" OBS_VALUE="15"/>
            </Series>
            <Series REF_AREA="E06000002" INDICATOR="POPULATION">
              <Obs TIME_PERIOD="2023" OBS_VALUE="16"/>
            </Series>
            """)
        let o = XMLDatasetTests.observations(try read(xml, "sdmx: { attributes: [NOTE] }\n"))
        #expect(o.map(\.period) == ["2022", "2022", "2023", "2023-Q1", "2023", "2023", "2023"])
        #expect(o.map { $0.attributes["NOTE"] } == ["x", "x", "", "xy", "x", nil, nil])
        #expect(o.map { $0.attributes["OBS_STATUS"] } == ["A", "A", "E", "A", nil, nil, nil])
        #expect(o.map(\.area) == ["E06000001", "E06000001", "E06000001", "E06000001", "E06000001", "E06000002", "E06000002"])
        #expect(o.map(\.indicator) == ["POP", "POP", "POP", "POP", "POP", "POP", "POPULATION"])
    }

    @Test("An area held in an attribute, on the series or the observation (the innermost wins); one without it stops the run")
    func areaAttribute() throws {
        let xml = structureSpecific("""
            <Series FREQ="A" INDIC="POP" REF_AREA="FE" TITLE="Population">
              <Obs TIME_PERIOD="2022" OBS_VALUE="10"/>
              <Obs TIME_PERIOD="2023" OBS_VALUE="11" REF_AREA="FM"/>
            </Series>
            """)
        let o = XMLDatasetTests.observations(try read(xml, "sdmx: { area: { attribute: REF_AREA } }\n"))
        #expect(o.map(\.area) == ["FE", "FM"])
        #expect(o.map(\.indicator) == ["A.POP", "A.POP"])
        #expect(o.allSatisfy { $0.attributes["REF_AREA"] == nil && $0.attributes["indicator_name"] == "Population" })
        // As a dimension (the default), the same file has no REF_AREA in a key that INSEE-style files lack.
        let missing = structureSpecific("<Series FREQ=\"A\" INDIC=\"POP\"><Obs TIME_PERIOD=\"2022\" OBS_VALUE=\"10\"/></Series>")
        let error = #expect(throws: BaselineError.self) { _ = try read(missing, "sdmx: { area: { attribute: REF_AREA } }\n") }
        #expect(error?.message == "the observation has no attribute 'REF_AREA', on itself, its series or its dataset")
        #expect(error?.hint?.contains("{ value: CODE }") == true)
    }

    @Test("`area:` takes a dimension id or exactly one of dimension, attribute, value")
    func areaOptionForms() throws {
        let xml = structureSpecific("<Series geo=\"LU\" na_item=\"B1GQ\"><Obs TIME_PERIOD=\"2012\" OBS_VALUE=\"1\"/></Series>")
        #expect(XMLDatasetTests.observations(try read(xml, "sdmx: { area: { dimension: geo } }\n")).first?.area == "LU")
        #expect(XMLDatasetTests.observations(try read(xml, "sdmx: { area: geo }\n")).first?.indicator == "B1GQ")
        let both = #expect(throws: BaselineError.self) { _ = try read(xml, "sdmx: { area: { value: LU, attribute: geo } }\n") }
        #expect(both?.message.contains("area takes one of `dimension:`, `attribute:` or `value:`") == true)
        let unknown = #expect(throws: BaselineError.self) { _ = try read(xml, "sdmx: { area: { code: LU } }\n") }
        #expect(unknown?.message.contains("area takes one of") == true && unknown?.line == 2, "\(String(describing: unknown))")
    }

    @Test("Status codes in lower case are the standard ones: ISTAT's `e` is estimated")
    func lowerCaseStatus() throws {
        let xml = structureSpecific("""
            <Series FREQ="A" REF_AREA="IT" SEX="1">
              <Obs TIME_PERIOD="2021" OBS_VALUE="28866226"/>
              <Obs TIME_PERIOD="2022" OBS_VALUE="28747417" OBS_STATUS="e"/>
              <Obs TIME_PERIOD="2023" OBS_VALUE="NaN" OBS_STATUS="q"/>
            </Series>
            """)
        let o = XMLDatasetTests.observations(try read(xml, ""))
        #expect(o.map { $0.attributes["status"] } == [nil, "estimated", nil])
        #expect(o[2].value == .missing(.suppressed))
    }

    @Test("Status codes met in turn keep their own meanings (each code's meaning is remembered once worked out)")
    func statusCodesInTurn() throws {
        let codes = ["A", "e", "p", "c", "E", "A", "c", "p", "e", "A", "E", "p"]
        let observations = codes.enumerated().map { index, code in
            #"<Obs TIME_PERIOD="\#(2000 + index)" OBS_VALUE="\#(code == "c" ? "NaN" : String(index + 1))" OBS_STATUS="\#(code)"/>"#
        }.joined(separator: "\n")
        let xml = structureSpecific("<Series REF_AREA=\"IT\" SEX=\"1\">\n\(observations)\n</Series>")
        let o = XMLDatasetTests.observations(try read(xml, "status_codes: { c: suppressed }\n"))
        let expected: [String: (status: String?, value: Value?)] = [
            "A": (nil, nil), "e": ("estimated", nil), "E": ("estimated", nil), "p": ("provisional", nil), "c": (nil, .missing(.suppressed)),
        ]
        #expect(o.count == codes.count)
        for (index, code) in codes.enumerated() where index < o.count {
            #expect(o[index].attributes["status"] == expected[code]!.status, "\(index) \(code)")
            #expect(o[index].value == expected[code]!.value ?? .number(Double(index + 1)), "\(index) \(code)")
        }
    }

    @Test("The unit multiplier is added to the unit in words; 0 leaves the unit as it is")
    func unitMultiplier() throws {
        let xml = structureSpecific("""
            <Series REF_AREA="LU" NA="B1GQ" UNIT_MEASURE="EUR" UNIT_MULT="6"><Obs TIME_PERIOD="2012" OBS_VALUE="46526.2"/></Series>
            <Series REF_AREA="LU" NA="P3" UNIT_MEASURE="EUR" UNIT_MULT="0"><Obs TIME_PERIOD="2012" OBS_VALUE="1"/></Series>
            <Series REF_AREA="LU" NA="P4" UNIT_MULT="-2"><Obs TIME_PERIOD="2012" OBS_VALUE="1"/></Series>
            """)
        let o = XMLDatasetTests.observations(try read(xml, ""))
        #expect(o.map(\.unit) == ["EUR (millions)", "EUR", "× 10^-2"])
        #expect(o.map(\.indicator) == ["B1GQ", "P3", "P4"])
    }
}
