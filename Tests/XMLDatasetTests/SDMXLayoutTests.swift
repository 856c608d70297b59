import BaselineCore
import BaselineTestKit
import Foundation
import Testing
@testable import XMLDataset

/// Layouts that real SDMX-ML 2.1 messages use beyond plain series: explicit measures (the
/// dimension at the observation given as its `xsi:type`), groups that carry the unit and the
/// name, a message that holds no data but a footer, and structure messages of another version.
@Suite struct SDMXLayoutTests {
    /// Writes `xml` to a folder of its own and reads it with `options`.
    func read(_ xml: String, _ options: String) throws -> RecordBatch {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try xml.write(toFile: folder + "/in.xml", atomically: true, encoding: .utf8)
        return try XMLDatasetTests.read(folder, "in.xml", options)
    }

    func failure(_ xml: String, _ options: String = "") throws -> BaselineError {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try xml.write(toFile: folder + "/in.xml", atomically: true, encoding: .utf8)
        return try XMLDatasetTests.failure(folder, "in.xml", options)
    }

    func scratch() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdmx-layout-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static let message = "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"

    /// A structure-specific message whose observations are at `dimension`, around `body`.
    func structureSpecific(at dimension: String, _ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <m:StructureSpecificData xmlns:m="\(Self.message)" xmlns:s="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:d="urn:test">
          <m:Header><m:ID>T</m:ID><m:Structure structureID="S" dimensionAtObservation="\(dimension)" explicitMeasures="true"/></m:Header>
          <m:DataSet s:structureRef="S" xsi:type="d:DataSetType">
        \(body)
          </m:DataSet>
        </m:StructureSpecificData>
        """
    }

    @Test("Explicit measures: an observation's xsi:type is its value of the dimension at the observation (Eurostat's demography sample)")
    func explicitMeasures() throws {
        let xml = structureSpecific(at: "DEMO", """
            <Series FREQ="A" TIME_PERIOD="2007" SEX="T" COUNTRY="BE">
              <Obs xsi:type="d:TFRNSI" OBS_VALUE="1.82" UNIT_MEASURE="CPW"/>
              <Obs xsi:type="d:LEXPNSIT" OBS_VALUE="80.2" UNIT_MEASURE="YRS"/>
              <Obs xsi:type="d:DEATHST" OBS_STATUS="M" UNIT_MEASURE="PERS"/>
            </Series>
            """)
        let o = XMLDatasetTests.observations(try read(xml, "sdmx: { area: COUNTRY, indicator: DEMO }\n"))
        #expect(o.map(\.indicator) == ["TFRNSI", "LEXPNSIT", "DEATHST"])
        #expect(o.map(\.value) == [.number(1.82), .number(80.2), .missing(.notApplicable)])
        #expect(o.map(\.unit) == ["CPW", "YRS", "PERS"])
        // Without `indicator:`, the measure joins the other key dimensions, last; the series key too.
        let all = XMLDatasetTests.observations(try read(xml, "sdmx: { area: COUNTRY }\n"))
        #expect(all.map(\.indicator) == ["A.T.TFRNSI", "A.T.LEXPNSIT", "A.T.DEATHST"])
        #expect(all.first?.provenance.path == "A.T.BE.TFRNSI")
        // An observation that gives the dimension as an attribute keeps it; a time series ignores xsi:type.
        let given = structureSpecific(at: "DEMO", """
            <Series FREQ="A" TIME_PERIOD="2007" COUNTRY="BE"><Obs xsi:type="d:X" DEMO="TFRNSI" OBS_VALUE="1"/></Series>
            """)
        let g = XMLDatasetTests.observations(try read(given, "sdmx: { area: COUNTRY }\n")); #expect(g.map(\.indicator) == ["A.TFRNSI"], "\(g)")
        let series = structureSpecific(at: "TIME_PERIOD", """
            <Series FREQ="A" DEMO="TFRNSI" COUNTRY="BE"><Obs xsi:type="d:X" TIME_PERIOD="2007" OBS_VALUE="1"/></Series>
            """)
        #expect(XMLDatasetTests.observations(try read(series, "sdmx: { area: COUNTRY }\n")).map(\.indicator) == ["A.TFRNSI"])
        // A generator's schema type (`ns:ObsType`) is no measure: the observation lacks DEMO and says so.
        let typed = structureSpecific(at: "DEMO", """
            <Series FREQ="A" TIME_PERIOD="2007" COUNTRY="BE"><Obs xsi:type="ns:ObsType" OBS_VALUE="1"/></Series>
            """)
        #expect(throws: BaselineError.self) { _ = try read(typed, "sdmx: { area: COUNTRY, indicator: DEMO }\n") }
    }

    @Test("Two series that differ only in a dimension `sdmx.indicator` leaves out stop the run, naming it, rather than mix under one id")
    func leftOutDimensionThatVaries() throws {
        let xml = structureSpecific(at: "DEMO", """
            <Series FREQ="A" TIME_PERIOD="2007" SEX="T" COUNTRY="BE">
              <Obs xsi:type="d:LEXPNSIT" OBS_VALUE="80.2"/>
            </Series>
            <Series FREQ="A" TIME_PERIOD="2007" SEX="M" COUNTRY="BE">
              <Obs xsi:type="d:LEXPNSIT" OBS_VALUE="77.1"/>
            </Series>
            """)
        let error = try failure(xml, "sdmx: { area: COUNTRY, indicator: DEMO }\n")
        #expect(error.line == 9 && error.message.contains("line 6") && error.message.contains("'LEXPNSIT'"), "\(error)")
        #expect(error.message.contains("SEX=M") && error.message.contains("SEX=T"), "\(error)")
        #expect(error.hint?.hasPrefix("add `SEX` to `sdmx.indicator`") == true, "\(error)")
        // Naming it reads both; a left-out dimension that does not vary (FREQ) is no trouble.
        let o = XMLDatasetTests.observations(try read(xml, "sdmx: { area: COUNTRY, indicator: [SEX, DEMO] }\n"))
        #expect(o.map(\.indicator) == ["T.LEXPNSIT", "M.LEXPNSIT"])
        // Other areas, and the same series again (a second dataset), are no trouble either.
        let again = structureSpecific(at: "TIME_PERIOD", """
            <Series FREQ="A" SEX="T" COUNTRY="BE" DEMO="X"><Obs TIME_PERIOD="2007" OBS_VALUE="1"/></Series>
            <Series FREQ="A" SEX="M" COUNTRY="EL" DEMO="X"><Obs TIME_PERIOD="2007" OBS_VALUE="2"/></Series>
            <Series FREQ="A" SEX="T" COUNTRY="BE" DEMO="X"><Obs TIME_PERIOD="2008" OBS_VALUE="3"/></Series>
            """)
        #expect(XMLDatasetTests.observations(try read(again, "sdmx: { area: COUNTRY, indicator: DEMO }\n")).count == 3)
    }

    @Test("A structure-specific group's attributes (unit, name, others) join the series whose key matches, under the series' own")
    func structureSpecificGroups() throws {
        let xml = structureSpecific(at: "TIME_PERIOD", """
            <Group xsi:type="d:Sibling" CURRENCY="CHF" EXR_TYPE="SP00" UNIT_MEASURE="CHF" UNIT_MULT="3" TITLE="Swiss franc" DECIMALS="4"/>
            <Group xsi:type="d:Sibling" CURRENCY="JPY" EXR_TYPE="SP00" UNIT_MEASURE="JPY" TITLE="Yen"/>
            <Group xsi:type="d:Rate" EXR_TYPE="SP00" COLL_METHOD="Average"/>
            <Series FREQ="M" CURRENCY="CHF" EXR_TYPE="SP00" DECIMALS="2"><Obs TIME_PERIOD="2010-08" OBS_VALUE="1.3413"/></Series>
            <Series FREQ="M" CURRENCY="JPY" EXR_TYPE="SP00"><Obs TIME_PERIOD="2010-08" OBS_VALUE="110.04"/></Series>
            <Series FREQ="M" CURRENCY="USD" EXR_TYPE="SP00"><Obs TIME_PERIOD="2010-08" OBS_VALUE="1.2894"/></Series>
            <Series FREQ="M" CURRENCY="USD" EXR_TYPE="SP01"><Obs TIME_PERIOD="2010-08" OBS_VALUE="1.3"/></Series>
            """)
        let o = XMLDatasetTests.observations(try read(xml, "sdmx: { area: { value: U2 } }\n"))
        #expect(o.map(\.unit) == ["CHF (thousands)", "JPY", nil, nil])
        #expect(o.map { $0.attributes["indicator_name"] } == ["Swiss franc", "Yen", nil, nil])
        #expect(o.map { $0.attributes["COLL_METHOD"] } == ["Average", "Average", "Average", nil])
        #expect(o.first?.attributes["DECIMALS"] == "2")
        #expect(o.map(\.indicator) == ["M.CHF.SP00", "M.JPY.SP00", "M.USD.SP00", "M.USD.SP01"])
        // A group attribute of the publisher's own (not a known attribute, so read as a
        // dimension) is in no series key: it is a part of the group, which still joins its series.
        let own = structureSpecific(at: "TIME_PERIOD", """
            <Group xsi:type="d:Sibling" CURRENCY="CHF" EXR_TYPE="SP00" UNIT_MEASURE="CHF" TITLE="Swiss franc" BREAK_NOTE="2009 rebase"/>
            <Series FREQ="M" CURRENCY="CHF" EXR_TYPE="SP00"><Obs TIME_PERIOD="2010-08" OBS_VALUE="1.3413"/></Series>
            <Series FREQ="M" CURRENCY="USD" EXR_TYPE="SP00"><Obs TIME_PERIOD="2010-08" OBS_VALUE="1.2894"/></Series>
            """)
        let joined = XMLDatasetTests.observations(try read(own, "sdmx: { area: { value: U2 } }\n"))
        #expect(joined.map(\.unit) == ["CHF", nil], "\(joined)")
        #expect(joined.map { $0.attributes["indicator_name"] } == ["Swiss franc", nil])
        #expect(joined.first?.attributes["BREAK_NOTE"] == "2009 rebase")
    }

    /// The IMF's structure-specific World Economic Outlook (IMF_RES/WEO-data.xml in
    /// khaeru/sdmx-test-data; not copied: the IMF reserves its rights), in its shape: series
    /// attributes the adapter did not know (`COUNTRY_UPDATE_DATE="9/23/2025"`, `OVERLAP`, `SCALE`)
    /// went into the indicator id (`NGDP_R.A.9/23/2025.OL.3.9`, a new id at each update), and a
    /// group whose every XML attribute was taken for a dimension was dropped with its
    /// `SERIES_NAME` and `UNIT`. A try-out found both, exit 0.
    @Test("IMF's layout: unknown series attributes whose values are no codes stay out of the id; a group of guessed dimensions keeps its name and unit")
    func imfWorldEconomicOutlook() throws {
        let xml = structureSpecific(at: "TIME_PERIOD", """
            <Group xsi:type="d:GROUP_INDICATOR" INDICATOR="NGDP_R" SERIES_NAME="Gross domestic product (GDP), Constant prices" PRICES="Q" UNIT="XDC" TOPIC="E10_GDP"/>
            <Group xsi:type="d:GROUP_COUNTRY__INDICATOR" INDICATOR="NGDP_R" COUNTRY="SVK" METHODOLOGY="European System of Accounts (ESA) 2010" BASE_YEAR="2020"/>
            <Series COUNTRY="SVK" INDICATOR="NGDP_R" FREQUENCY="A" COUNTRY_UPDATE_DATE="9/23/2025" OVERLAP="OL" DECIMALS_DISPLAYED="3" SCALE="9" REVISION_NOTE="Revised, see notes">
              <Obs TIME_PERIOD="2018" OBS_VALUE="94669000000"/>
            </Series>
            <Series COUNTRY="CZE" INDICATOR="NGDP_R" FREQUENCY="A" COUNTRY_UPDATE_DATE="10/1/2025" OVERLAP="OL" DECIMALS_DISPLAYED="3" SCALE="9" REVISION_NOTE="R1">
              <Obs TIME_PERIOD="2018" OBS_VALUE="5410000000000"/>
            </Series>
            """)
        let o = XMLDatasetTests.observations(try read(xml, "sdmx: { area: COUNTRY }\n"))
        #expect(o.map(\.indicator) == ["NGDP_R.A", "NGDP_R.A"], "\(o)")
        #expect(o.map(\.area) == ["SVK", "CZE"])
        #expect(o.map(\.unit) == ["XDC", "XDC"])
        #expect(o.map { $0.attributes["indicator_name"] } == ["Gross domestic product (GDP), Constant prices", "Gross domestic product (GDP), Constant prices"])
        #expect(o.first?.attributes["COUNTRY_UPDATE_DATE"] == "9/23/2025")
        #expect(o.first?.attributes["METHODOLOGY"] == "European System of Accounts (ESA) 2010")
        // The publisher's own attribute is decided at its first value ("Revised, see notes": no
        // code), so the second series' "R1" does not make it a dimension there.
        #expect(o.map { $0.attributes["REVISION_NOTE"] } == ["Revised, see notes", "R1"])
        // Named in the options, the unit and name are what the options say, with no fallback.
        let named = XMLDatasetTests.observations(try read(xml, "sdmx: { area: COUNTRY, unit: UNIT_MEASURE, name: TITLE }\n"))
        #expect(named.map(\.unit) == [nil, nil])
        #expect(named.map { $0.attributes["indicator_name"] } == [nil, nil])
    }

    @Test("A group keyed on the dimension at the observation joins each observation (cross-sectional and flat messages)")
    func groupsAtTheObservation() throws {
        let group = #"<Group xsi:type="d:Sibling" CURRENCY="CHF" EXR_TYPE="SP00" UNIT_MEASURE="CHF" TITLE="Swiss franc"/>"#
        let crossSectional = structureSpecific(at: "CURRENCY", """
            \(group)
            <Series TIME_PERIOD="2010-08" FREQ="M" EXR_TYPE="SP00">
              <Obs CURRENCY="CHF" OBS_VALUE="1.3413"/>
              <Obs CURRENCY="JPY" OBS_VALUE="110.04" UNIT_MEASURE="JPY"/>
            </Series>
            """)
        let options = "sdmx: { area: { value: U2 }, dimensions: [FREQ, CURRENCY, EXR_TYPE] }\n"
        let o = XMLDatasetTests.observations(try read(crossSectional, options))
        #expect(o.map(\.indicator) == ["M.CHF.SP00", "M.JPY.SP00"])
        #expect(o.map(\.unit) == ["CHF", "JPY"])
        #expect(o.map { $0.attributes["indicator_name"] } == ["Swiss franc", nil])
        let flat = structureSpecific(at: "AllDimensions", """
            \(group)
            <Obs TIME_PERIOD="2010-08" FREQ="M" CURRENCY="CHF" EXR_TYPE="SP00" OBS_VALUE="1.3413"/>
            <Obs TIME_PERIOD="2010-08" FREQ="M" CURRENCY="JPY" EXR_TYPE="SP00" OBS_VALUE="110.04"/>
            """)
        let f = XMLDatasetTests.observations(try read(flat, options))
        #expect(f.map(\.unit) == ["CHF", nil])
        #expect(f.map { $0.attributes["indicator_name"] } == ["Swiss franc", nil])
    }

    @Test("A generic group: GroupKey's values are its key, its Attributes join the matching series")
    func genericGroups() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <m:GenericData xmlns:m="\(Self.message)" xmlns:g="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic">
              <m:Header><m:ID>T</m:ID><m:Structure structureID="S" dimensionAtObservation="TIME_PERIOD"/></m:Header>
              <m:DataSet structureRef="S">
                <g:Group type="SiblingGroup">
                  <g:GroupKey><g:Value id="CURRENCY" value="CHF"/><g:Value id="EXR_TYPE" value="SP00"/></g:GroupKey>
                  <g:Attributes><g:Value id="UNIT_MEASURE" value="CHF"/><g:Value id="TITLE" value="Swiss franc"/><g:Value id="OBS_STATUS" value="P"/></g:Attributes>
                </g:Group>
                <g:Series>
                  <g:SeriesKey><g:Value id="FREQ" value="M"/><g:Value id="CURRENCY" value="CHF"/><g:Value id="EXR_TYPE" value="SP00"/></g:SeriesKey>
                  <g:Obs><g:ObsDimension value="2010-08"/><g:ObsValue value="1.3413"/></g:Obs>
                  <g:Obs><g:ObsDimension value="2010-09"/><g:ObsValue value="1.3089"/><g:Attributes><g:Value id="OBS_STATUS" value="A"/></g:Attributes></g:Obs>
                </g:Series>
                <g:Series>
                  <g:SeriesKey><g:Value id="FREQ" value="M"/><g:Value id="CURRENCY" value="JPY"/><g:Value id="EXR_TYPE" value="SP00"/></g:SeriesKey>
                  <g:Obs><g:ObsDimension value="2010-08"/><g:ObsValue value="110.04"/></g:Obs>
                </g:Series>
              </m:DataSet>
            </m:GenericData>
            """
        let o = XMLDatasetTests.observations(try read(xml, "sdmx: { area: { value: U2 } }\n"))
        #expect(o.map(\.unit) == ["CHF", "CHF", nil])
        #expect(o.map { $0.attributes["indicator_name"] } == ["Swiss franc", "Swiss franc", nil])
        #expect(o.map { $0.attributes["status"] } == ["provisional", nil, nil])
        #expect(o.map(\.indicator) == ["M.CHF.SP00", "M.CHF.SP00", "M.JPY.SP00"])
    }

    @Test("A data message with no DataSet but a footer (Eurostat's answer to a large query) stops the run at the footer, naming its code")
    func footerWithoutData() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <message:GenericData xmlns:footer="\(Self.message)/footer" xmlns:message="\(Self.message)" xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common">
              <message:Header><message:ID>x</message:ID></message:Header>
              <footer:Footer>
                <footer:Message code="413" severity="Infomation">
                  <common:Text xml:lang="en">Due to the large query the response will be written to a file</common:Text>
                </footer:Message>
              </footer:Footer>
            </message:GenericData>
            """
        let error = try failure(xml)
        #expect(error.line == 5 && error.message.contains("no DataSet") && error.message.contains("413"), "\(error)")
        #expect(error.hint?.contains("footer") == true)
        let bare = try failure(xml.replacingOccurrences(of: #"code="413" severity="Infomation""#, with: "")
            .replacingOccurrences(of: "footer:Message", with: "footer:Note"))
        #expect(bare.message.contains("no DataSet") && bare.hint?.contains("query") == true, "\(bare)")
    }

    @Test("A file that is not XML — an SDMX-JSON download, a zip archive, CSV — is named for what it is, with what to do")
    func notXML() throws {
        let json = try failure(#"{"meta":{"schema":"https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/1.0/sdmx-json-data-schema.json"}}"#)
        #expect(json.line == 1 && json.column == 1 && json.message == "the file is JSON (SDMX-JSON?), not XML", "\(json)")
        #expect(json.hint?.contains("SDMX-ML 2.1") == true)
        let zip = try failure("PK\u{3}\u{4}\u{14}\u{0}\u{0}\u{0}footer2.xml")
        #expect(zip.message == "the file is a zip archive, not XML" && zip.hint?.contains("unzip") == true, "\(zip)")
        let csv = try failure("\u{FEFF}STRUCTURE,STRUCTURE_ID,ACTION,DIM_1\nDATAFLOW,ESTAT:NA_MAIN(1.6.0),I,A\n")
        #expect(csv.message == "the file is text that is not XML ('STRUCTURE,STRUCTURE_ID,A'…: CSV?), not XML", "\(csv)")
        #expect(csv.hint?.contains("csv-indicators") == true)
        // A file that starts as XML keeps the reader's own message.
        let broken = try failure(#"<a x="1" x="2"/>"#)
        #expect(!broken.message.contains("not XML"), "\(broken)")
    }

    @Test("A structure message of SDMX-ML 3.0 is refused as not data, not as a version to ask again for")
    func structureOfAnotherVersion() throws {
        let error = try failure("""
            <?xml version="1.0" encoding="UTF-8"?>
            <mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message"><mes:Header/></mes:Structure>
            """)
        #expect(error.line == 2 && error.message.contains("'Structure'") && error.message.contains("not a data message"), "\(error)")
        let data = try failure("""
            <?xml version="1.0" encoding="UTF-8"?>
            <mes:GenericData xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message"><mes:Header/></mes:GenericData>
            """)
        #expect(data.message.contains("SDMX-ML 3.0") && data.message.contains("StructureSpecificData"), "\(data)")
    }

    /// An SDMX-ML 3.0 structure-specific message as the ECB writes it (`v3/xml/ECB_EXR0.xml` of
    /// the sdmx1 collection, two series of six, three observations of each kept), around `obs`.
    func version3(_ obs: String) -> String {
        """
        <?xml version='1.0' encoding='UTF-8'?>
        <message:StructureSpecificData xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v3_0/data/structurespecific" xmlns:ns1="urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=ECB:EXR(1.0):ObsLevelDim:TIME_PERIOD" xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message" xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v3_0/common" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <message:Header>
                <message:ID>IREF411123</message:ID>
                <message:Structure structureID="ECB_EXR_1_0" namespace="urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=ECB:EXR(1.0):ObsLevelDim:TIME_PERIOD" dimensionAtObservation="TIME_PERIOD">
                    <common:StructureUsage>urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=ECB:EXR(1.0)</common:StructureUsage>
                </message:Structure>
            </message:Header>
            <message:DataSet xsi:type="ns1:DataSetType" ss:structureRef="ECB_EXR_1_0">
                <Series FREQ="A" CURRENCY="CAD" CURRENCY_DENOM="EUR" EXR_TYPE="SP00" EXR_SUFFIX="A" TIME_FORMAT="P1Y" COLLECTION="A" DECIMALS="4" SOURCE_AGENCY="4F0" TITLE="Canadian dollar/Euro" UNIT="CAD" UNIT_MULT="0">
                    <Obs TIME_PERIOD="1999" OBS_VALUE="1.583993822393823" OBS_STATUS="A" />
                    <Obs TIME_PERIOD="2000" OBS_VALUE="1.37058431372549" OBS_STATUS="A" />
        \(obs)
                </Series>
                <Series FREQ="A" CURRENCY="MYR" CURRENCY_DENOM="EUR" EXR_TYPE="SP00" EXR_SUFFIX="A" TIME_FORMAT="P1Y" COLLECTION="A" DECIMALS="4" SOURCE_AGENCY="4F0" TITLE="Malaysian ringgit/Euro" UNIT="MYR" UNIT_MULT="0">
                    <Obs TIME_PERIOD="2014" OBS_VALUE="3.4528" OBS_STATUS="A" />
                </Series>
            </message:DataSet>
        </message:StructureSpecificData>
        """
    }

    @Test("SDMX-ML 3.0 StructureSpecificData is read as 2.1's (the ECB's EXR in 3.0)")
    func version3StructureSpecific() throws {
        let options = "sdmx: { area: { value: U2 }, unit: UNIT, dimensions: [FREQ, CURRENCY, CURRENCY_DENOM, EXR_TYPE, EXR_SUFFIX] }\n"
        let o = XMLDatasetTests.observations(try read(version3(#"<Obs TIME_PERIOD="2001" OBS_VALUE="NaN" OBS_STATUS="M" />"#), options))
        #expect(o.map(\.indicator) == ["A.CAD.EUR.SP00.A", "A.CAD.EUR.SP00.A", "A.CAD.EUR.SP00.A", "A.MYR.EUR.SP00.A"])
        #expect(o.map(\.period) == ["1999", "2000", "2001", "2014"])
        #expect(o.map(\.value) == [.number(1.583993822393823), .number(1.37058431372549), .missing(.notApplicable), .number(3.4528)])
        #expect(o.map(\.unit) == ["CAD", "CAD", "CAD", "MYR"])
        #expect(o.first?.attributes["indicator_name"] == "Canadian dollar/Euro" && o.first?.attributes["COLLECTION"] == "A")
    }

    @Test("An SDMX-ML 3.0 complex attribute (a Comp element) stops the run at its line, naming it")
    func version3ComplexAttribute() throws {
        let error = try failure(version3("""
                    <Obs TIME_PERIOD="2017" OBS_VALUE="1.46472274509804">
                        <Comp id="OBS_STATUS" xsi:type="ns1:OBS_STATUS_ATTRIBUTE"><Value>A</Value><Value>F</Value></Comp>
                    </Obs>
            """), "sdmx: { area: { value: U2 } }\n")
        #expect(error.line == 14, "\(error)")
        #expect(error.message.contains("'OBS_STATUS'") && error.message.contains("complex attribute"), "\(error)")
        #expect(error.hint?.contains("SDMX-ML 2.1") == true)
    }
}
