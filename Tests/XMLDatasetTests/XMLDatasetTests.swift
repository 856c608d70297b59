import BaselineCore
import BaselineDigest
import BaselineTestKit
import Foundation
import Testing
@testable import XMLDataset

/// `xml-dataset` on the ECB's SDMX-ML specimens, on small fixtures of each layout, and on
/// hostile files; expected values are read off the files by hand or published with them.
@Suite struct XMLDatasetTests {
    /// The folder of a fixture case.
    static func folder(_ name: String) throws -> String {
        try #require(Bundle.module.resourcePath) + "/Fixtures/\(name)"
    }

    /// Reads `file` in `folder` with the given options (YAML lines after `path:`).
    static func read(_ folder: String, _ file: String, _ options: String = "") throws -> RecordBatch {
        try readSource(XMLDatasetAdapter.self, entry: "path: \(file)\n" + options, base: folder, id: "xml")
    }

    /// The observations of a batch, in order.
    static func observations(_ batch: RecordBatch) -> [Observation] {
        batch.records.compactMap { record in
            if case .observation(let observation) = record { return observation }
            return nil
        }
    }

    /// Reads a file that must stop with a `BaselineError`, and returns the error.
    static func failure(_ folder: String, _ file: String, _ options: String = "") throws -> BaselineError {
        do {
            _ = try read(folder, file, options)
        } catch let error as BaselineError {
            return error
        }
        Issue.record("\(file) was read without an error")
        throw BaselineError("no error")
    }

    // MARK: - The manifest's digest

    /// The adapter hashes the file as libxml2 reads it, so the runner does not read it again:
    /// the digest is `sha256sum`'s, for a file of many blocks, with content after the root
    /// element that libxml2 need not read, and none when the file stops with an error.
    @Test func theSourceHashesTheFileItReads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xml-hash-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">
            <message:DataSet>

            """
        for series in 0..<3_000 {
            text += "<Series REF_AREA=\"E0\(String(format: "%07d", series))\" INDICATOR=\"IND_\(series % 7)\">\n"
            for year in 2020...2024 { text += "<Obs TIME_PERIOD=\"\(year)\" OBS_VALUE=\"\(series % 97).\(year % 10)\"/>\n" }
            text += "</Series>\n"
        }
        text += "</message:DataSet>\n</message:StructureSpecificData>\n<!-- written by a test -->\n" + String(repeating: " \n", count: 5000)
        try text.write(toFile: folder + "/big.xml", atomically: true, encoding: .utf8)
        try (text.dropLast(20_000) + "").write(toFile: folder + "/cut.xml", atomically: true, encoding: .utf8)

        func source(_ file: String) throws -> any RecordSource {
            let configuration = try decodeConfiguration(XMLDatasetAdapter.self, entry: "path: \(file)\n", base: folder)
            let context = SourceContext(id: "xml", pipeline: PipelineContext(placeName: "Test", placeCode: "E99999999", period: "test",
                                                                            baseDirectory: folder))
            return try XMLDatasetAdapter.makeSource(configuration: configuration, context: context)
        }
        let big = try source("big.xml")
        #expect(big.hashesInputs)
        #expect(try drain(big).records.count == 15_000)
        let expected = try SHA256.hexDigest(ofFile: folder + "/big.xml")
        #expect(expected.bytes > 3 << 18)   // more than three of the input's blocks
        #expect(big.inputDigests == [InputDigest(sha256: expected.digest, bytes: expected.bytes)])

        let cut = try source("cut.xml")
        #expect(throws: BaselineError.self) { try drain(cut) }
        #expect(cut.inputDigests == [nil])
    }

    // MARK: - ECB specimens (SDMX-ML 2.1, all four data messages)

    /// `../shared/data/sdmx` from the package root, or `nil` (with one line printed) when absent.
    static func specimens() -> String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.deletingLastPathComponent().appendingPathComponent("shared/data/sdmx").path
        guard FileManager.default.fileExists(atPath: folder + "/ecb-exr-ng-ts.xml") else {
            print("skipped: the ECB SDMX specimens are not at \(folder)")
            return nil
        }
        return folder
    }

    static let specimenFiles = ["ecb-exr-ng-ts.xml", "ecb-exr-ng-flat.xml", "ecb-exr-ng-ts-ss.xml", "ecb-exr-ng-xs-ss.xml"]

    @Test("All four ECB specimens give the same 12 observations, summing to 344.49117, with the same keys")
    func ecbSpecimens() throws {
        guard let folder = Self.specimens() else { return }
        let options = "sdmx:\n  area: CURRENCY\n  dimensions: [FREQ, CURRENCY, CURRENCY_DENOM, EXR_TYPE, EXR_VAR]\n"
        var results = [[String]]()
        for file in Self.specimenFiles {
            let batch = try Self.read(folder, file, options)
            #expect(batch.rejects.isEmpty, "\(file)")
            let observations = Self.observations(batch)
            #expect(observations.count == 12, "\(file)")
            let sum = observations.compactMap(\.value.number).reduce(0, +)
            #expect(abs(sum - 344.49117) < 1e-9, "\(file): sum \(sum)")
            #expect(observations.allSatisfy { $0.indicator == "M.EUR.SP00.E" && $0.attributes["OBS_STATUS"] == "A" }, "\(file)")
            #expect(observations.allSatisfy { $0.attributes["TITLE"]?.hasPrefix("ECB reference exchange rate") == true }, "\(file)")
            #expect(observations.allSatisfy { $0.provenance.file == file && ($0.provenance.line ?? 0) > 1 }, "\(file)")
            results.append(observations.map { "\($0.area) \($0.period) \($0.indicator) \($0.value) \($0.unit ?? "") \($0.provenance.path ?? "")" }.sorted())
        }
        #expect(results.allSatisfy { $0 == results[0] })
        // Read off ecb-exr-ng-ts.xml: the Swiss franc in August 2010, and the yen in October.
        #expect(results[0].contains("CHF 2010-08 M.EUR.SP00.E number(1.3413) CHF M.CHF.EUR.SP00.E"))
        #expect(results[0].contains("JPY 2010-10 M.EUR.SP00.E number(113.67) JPY M.JPY.EUR.SP00.E"))
    }

    @Test("Without `dimensions`, the specimens still agree on area, indicator, period and value")
    func ecbSpecimensDefaults() throws {
        guard let folder = Self.specimens() else { return }
        let results = try Self.specimenFiles.map { file in
            Self.observations(try Self.read(folder, file, "sdmx: { area: CURRENCY }\n"))
                .map { "\($0.area) \($0.period) \($0.indicator) \($0.value)" }.sorted()
        }
        #expect(results[0].count == 12)
        #expect(results.allSatisfy { $0 == results[0] })
    }

    // MARK: - SDMX codes and layouts

    @Test("OBS_STATUS and OBS_CONF give missing reasons and flags; attributes of dataset, series and observation are kept")
    func sdmxStatusCodes() throws {
        let batch = try Self.read(try Self.folder("sdmx-status"), "input.xml")
        #expect(batch.rejects.isEmpty)
        let o = Self.observations(batch)
        try #require(o.count == 9)
        #expect(o.map(\.period) == ["2020", "2021", "2022", "2023", "2024", "2025", "2026", "2027", "2028"])
        #expect(o.map(\.provenance.line) == [6, 7, 8, 9, 10, 11, 12, 13, 14])
        #expect(o.allSatisfy { $0.area == "E07999001" && $0.indicator == "frail_elderly_admissions.T" && $0.unit == "PER_100000" })
        #expect(o.allSatisfy { $0.provenance.path == "E07999001.frail_elderly_admissions.T" })
        #expect(o[0].value == .number(2290.5) && o[0].attributes == ["OBS_STATUS": "A", "OBS_CONF": "F", "TITLE": "Falls, 65+", "indicator_name": "Falls, 65+", "SOURCE_AGENCY": "MIDSTAT"])
        #expect(o[1].value == .number(2343.4) && o[1].attributes["status"] == "provisional")
        #expect(o[2].value == .missing(.suppressed))
        #expect(o[3].value == .missing(.confidential))
        #expect(o[4].value == .missing(.notApplicable))
        #expect(o[5].value == .missing(.suppressed))
        #expect(o[6].value == .number(2400) && o[6].attributes["status"] == "estimated" && o[6].attributes["COMMENT_OBS"] == "modelled")
        #expect(o[7].value == .missing(.notAvailable))
        #expect(o[8].value == .number(2410) && o[8].attributes["status"] == nil && o[8].attributes["OBS_STATUS"] == "Z")
    }

    @Test("status_codes, confidentiality_codes and missing_markers change the mapping")
    func sdmxCodesConfigured() throws {
        let options = "sdmx: { indicator: INDICATOR }\nstatus_codes: { Z: provisional, Q: low_reliability }\nconfidentiality_codes: { C: suppressed }\n"
        let o = Self.observations(try Self.read(try Self.folder("sdmx-status"), "input.xml", options))
        try #require(o.count == 9)
        #expect(o.allSatisfy { $0.indicator == "frail_elderly_admissions" && $0.provenance.path == "E07999001.frail_elderly_admissions.T" })
        #expect(o[2].value == .missing(.lowReliability))
        #expect(o[3].value == .missing(.suppressed))
        #expect(o[8].attributes["status"] == "provisional")
    }

    @Test("A generic cross-sectional message: the observation dimension from the header, a group's attributes joined to its series")
    func genericCrossSectional() throws {
        let batch = try Self.read(try Self.folder("generic"), "input.xml")
        #expect(batch.rejects.isEmpty)
        let o = Self.observations(batch)
        try #require(o.count == 2)
        #expect(o.map(\.area) == ["E07999001", "E92000001"])
        #expect(o.allSatisfy { $0.indicator == "child_poverty" && $0.period == "2023-24" && $0.unit == "PC" })
        #expect(o.map(\.provenance.path) == ["child_poverty.E07999001", "child_poverty.E92000001"])
        #expect(o.map(\.provenance.line) == [21, 29])
        #expect(o[0].value == .number(26.1) && o[1].value == .number(22.1))
        let title = ["TITLE": "Children in relative poverty", "indicator_name": "Children in relative poverty"]
        #expect(o[0].attributes == title.merging(["SOURCE_AGENCY": "MIDSTAT", "OBS_STATUS": "A", "OBS_COUNT": "5700"]) { $1 })
        #expect(o[1].attributes == title.merging(["SOURCE_AGENCY": "MIDSTAT"]) { $1 })
    }

    @Test("A flat structure-specific message: every dimension on the observation")
    func structureSpecificFlat() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xml-dataset-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            <?xml version="1.0"?>
            <s:StructureSpecificData xmlns:s="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">
              <s:Header><s:Structure structureID="F" dimensionAtObservation="AllDimensions"/></s:Header>
              <s:DataSet>
                <Obs INDICATOR="child_poverty" REF_AREA="E07999001" TIME_PERIOD="2023-24" OBS_VALUE="26.1" OBS_STATUS="P"/>
                <Obs INDICATOR="child_poverty" REF_AREA="E92000001" TIME_PERIOD="2023-24" OBS_VALUE="22.1"/>
              </s:DataSet>
            </s:StructureSpecificData>
            """.write(toFile: folder + "/flat.xml", atomically: true, encoding: .utf8)
        let o = Self.observations(try Self.read(folder, "flat.xml"))
        #expect(o.map(\.area) == ["E07999001", "E92000001"])
        #expect(o.map(\.provenance.path) == ["child_poverty.E07999001", "child_poverty.E92000001"])
        #expect(o.allSatisfy { $0.indicator == "child_poverty" && $0.period == "2023-24" })
        #expect(o[0].attributes == ["OBS_STATUS": "P", "status": "provisional"] && o[1].attributes.isEmpty)
    }

    @Test("Attribute values: empty, with character and entity references, and namespaced, read as libxml2's reader gives them")
    func attributeValues() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xml-dataset-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The first element's attributes are each one text (read from the element's list), the
        // second's has references (read through the reader's calls): the same either way.
        try """
            <?xml version="1.0"?>
            <s:StructureSpecificData xmlns:s="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:x="urn:x">
              <s:Header><s:Structure structureID="F" dimensionAtObservation="AllDimensions"/></s:Header>
              <s:DataSet>
                <Obs INDICATOR="child_poverty" REF_AREA="E07999001" TIME_PERIOD="2023-24" OBS_VALUE="26.1" NOTE="" x:SOURCE="DWP" TITLE="Caf\u{E9} bar"/>
                <Obs INDICATOR="child_poverty" REF_AREA="E92000001" TIME_PERIOD="2023-24" OBS_VALUE="22.1" NOTE="a &amp; b" x:SOURCE="" TITLE="Caf&#233; &lt;bar&gt;"/>
              </s:DataSet>
            </s:StructureSpecificData>
            """.write(toFile: folder + "/attributes.xml", atomically: true, encoding: .utf8)
        let o = Self.observations(try Self.read(folder, "attributes.xml"))
        try #require(o.count == 2)
        #expect(o.map(\.value) == [.number(26.1), .number(22.1)])
        // TITLE is an attribute (the name); NOTE, on the observation of an all-dimensions
        // message, a dimension: in the series key.
        #expect(o[0].attributes == ["TITLE": "Caf\u{E9} bar", "indicator_name": "Caf\u{E9} bar"], "\(o[0].attributes)")
        #expect(o[1].attributes == ["TITLE": "Caf\u{E9} <bar>", "indicator_name": "Caf\u{E9} <bar>"], "\(o[1].attributes)")
        #expect(o.map(\.provenance.path) == ["child_poverty.E07999001.", "child_poverty.E92000001.a & b"])
    }

    // MARK: - Mapped XML

    static let mappedOptions = """
        mapped:
          record: /dataset/row
          area: area/@code
          area_name: area
          period: period
          indicator: "@indicator"
          value: value
          count: numerator
          denominator: denominator
          lower: ci/@lower
          upper: ci/@upper
          attributes: { note: note, publisher: "@publisher" }

        """

    @Test("Mapped XML: fields from child elements and attributes, any namespace prefix, periods written one way")
    func mapped() throws {
        let batch = try Self.read(try Self.folder("mapped"), "input.xml", Self.mappedOptions)
        #expect(batch.rejects.isEmpty)
        let o = Self.observations(batch)
        try #require(o.count == 4)
        #expect(o.map(\.provenance.line) == [4, 13, 21, 28])
        #expect(o.map(\.provenance.path) == ["/dataset/row[1]", "/dataset/row[2]", "/dataset/row[3]", "/dataset/row[4]"])
        #expect(o.map(\.period) == ["2023-24", "2024-25", "2024-25", "2024-25"])
        #expect(o[0].area == "E07999001" && o[0].areaName == "Millbrook" && o[0].indicator == "school_readiness")
        #expect(o[0].value == .number(64.4) && o[0].count == 782 && o[0].denominator == 1215)
        #expect(o[0].lower == 61.7 && o[0].upper == 67.0 && o[0].attributes == ["note": "Published 2024"])
        #expect(o[1].value == .number(64.8) && o[1].attributes == ["note": "", "status": "provisional"])
        #expect(o[2].indicator == "care_leavers_eet" && o[2].value == .missing(.suppressed))
        #expect(o[2].count == nil && o[2].denominator == 7)
        #expect(o[3].area == "E92000001" && o[3].value == .number(57.0) && o[3].count == nil && o[3].attributes.isEmpty)
    }

    @Test("Every missing-value marker becomes its reason, never zero")
    func everyMarker() throws {
        let folder = try Self.folder("markers")
        let expected = try String(contentsOfFile: folder + "/expected.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        let options = "mapped: { record: /table/row, area: area, period: period, value: value, indicator_id: test }\n"
        let batch = try Self.read(folder, "input.xml", options)
        #expect(batch.rejects.isEmpty)
        let reasons = Self.observations(batch).map { observation -> String in
            if case .missing(let reason) = observation.value { return reason.rawValue }
            return "number"
        }
        #expect(reasons == expected)
        #expect(expected.count == 17)
    }

    // MARK: - Bad records and broken inputs

    @Test("Bad observations are rejects with their line and reason")
    func badValues() throws {
        let options = "mapped: { record: /dataset/row, area: area, period: period, value: value, count: count, indicator_id: test }\n"
        let batch = try Self.read(try Self.folder("errors"), "bad-values.xml", options)
        let o = Self.observations(batch)
        #expect(o.map(\.provenance.line) == [3])
        #expect(batch.rejects.map(\.provenance.line) == [4, 5, 6, 7])
        #expect(batch.rejects.map(\.provenance.column) == [3, 3, 3, 3])
        #expect(o.map(\.provenance.column) == [nil], "a record that is kept carries its line alone")
        #expect(batch.rejects.allSatisfy { $0.provenance.file == "bad-values.xml" && $0.provenance.source == "xml" })
        #expect(batch.rejects[0].reason.contains("'twelve'"))
        #expect(batch.rejects[1].reason.contains("'FY24'"))
        #expect(batch.rejects[2].reason.contains("no area"))
        #expect(batch.rejects[3].reason.contains("count '1O'"))
        #expect(batch.rejects[0].content.contains("value=twelve"))
    }

    @Test("A key without the area dimension stops the run, naming the line, the dimensions and the option")
    func missingAreaDimension() throws {
        let error = try Self.failure(try Self.folder("errors"), "missing-area.xml")
        #expect(error.file == "missing-area.xml" && error.line == 5 && error.column == 7, "\(error)")
        #expect(error.message.contains("'REF_AREA'") && error.message.contains("GEO"))
        #expect(error.hint?.contains("sdmx.area") == true)
        // A one-area dataset (ECB's euro-area exchange rates) has no area anywhere: the hint names the way out.
        #expect(error.hint?.contains("`{ value: CODE }` when the whole dataset is one area") == true)
        #expect(error.hint?.contains("`{ attribute: NAME }`") == true)
    }

    @Test("Once observations have been read, one whose key lacks the area is a bad record at its line, and the rest are read")
    func missingAreaLaterIsABadRecord() throws {
        let batch = try Self.read(try Self.folder("errors"), "one-series-missing-area.xml")
        #expect(Self.observations(batch).map(\.area) == ["E07999001", "E07999002"])
        #expect(batch.rejects.count == 1)
        #expect(batch.rejects.first?.provenance.line == 8 && batch.rejects.first?.provenance.column == 7)
        #expect(batch.rejects.first?.reason.hasPrefix("the observation has no dimension 'REF_AREA'") == true)
        #expect(batch.rejects.first?.content.contains("30.0") == true)
    }

    @Test("A record path that matches nothing stops the run, naming the root element")
    func recordPathMatchesNothing() throws {
        let options = "mapped: { record: /data/row, area: area, period: period, value: value, indicator_id: test }\n"
        let error = try Self.failure(try Self.folder("errors"), "bad-values.xml", options)
        #expect(error.line == 2 && error.column == 1 && error.message.contains("/data/row") && error.message.contains("'dataset'"), "\(error)")
    }

    @Test("SDMX-ML 2.0 and other XML are refused, naming the root element")
    func notSDMX21() throws {
        let error = try Self.failure(try Self.folder("errors"), "sdmx20.xml")
        #expect(error.line == 2 && error.column == 1 && error.message.contains("CompactData") && error.message.contains("SDMX-ML 2.0"))
        let other = try Self.failure(try Self.folder("mapped"), "input.xml")
        #expect(other.line == 2 && other.column == 1 && other.message.contains("'dataset'") && other.hint?.contains("mapped") == true)
    }

    @Test("Lines past 65,535 are exact")
    func bigLineNumbers() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xml-dataset-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var text = "<?xml version=\"1.0\"?>\n<m:StructureSpecificData xmlns:m=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\">\n<m:DataSet>\n"
        var line = 4
        for area in 0..<25_000 {
            text += "<Series REF_AREA=\"E\(area)\" INDICATOR=\"I\">\n<Obs TIME_PERIOD=\"2024\" OBS_VALUE=\"1\"/>\n</Series>\n"
            line += 3
        }
        text += "<Series REF_AREA=\"E-last\" INDICATOR=\"I\">\n<Obs TIME_PERIOD=\"2024\" OBS_VALUE=\"bad\"/>\n<Obs\n TIME_PERIOD=\"2025\" OBS_VALUE=\"2\"/>\n</Series>\n"
        text += "</m:DataSet>\n</m:StructureSpecificData>\n"
        try text.write(toFile: folder + "/big.xml", atomically: true, encoding: .utf8)
        let batch = try Self.read(folder, "big.xml")
        let o = Self.observations(batch)
        #expect(o.count == 25_001)
        #expect(o[20_000].provenance.line == 4 + 3 * 20_000 + 1)
        #expect(batch.rejects.map(\.provenance.line) == [line + 1] && batch.rejects.map(\.provenance.column) == [1])
        #expect(o.last?.provenance.line == line + 2)
        #expect(line + 2 > 65_535)
    }

    @Test("A bad observation is set aside at the line and column its element starts: an Obs of a generic message, a start tag over two lines, a second element on a line")
    func rejectsAtElementStart() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xml-dataset-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            <?xml version="1.0"?>
            <msg:GenericData xmlns:msg="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"
                             xmlns:gen="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/generic">
              <msg:DataSet>
                <gen:Series>
                  <gen:SeriesKey><gen:Value id="REF_AREA" value="E1"/><gen:Value id="INDICATOR" value="I"/></gen:SeriesKey>
                  <gen:Obs><gen:ObsDimension value="2023"/><gen:ObsValue value="1"/></gen:Obs>  <gen:Obs>
                    <gen:ObsDimension value="2024"/><gen:ObsValue value="one"/>
                  </gen:Obs>
                </gen:Series>
              </msg:DataSet>
            </msg:GenericData>
            """.write(toFile: folder + "/generic.xml", atomically: true, encoding: .utf8)
        let generic = try Self.read(folder, "generic.xml")
        #expect(Self.observations(generic).count == 1)
        #expect(generic.rejects.map { [$0.provenance.line, $0.provenance.column] } == [[7, 85]], "\(generic.rejects)")
        try """
            <?xml version="1.0"?>
            <m:StructureSpecificData xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message"><m:DataSet>
              <Series REF_AREA="E1" INDICATOR="I"><Obs TIME_PERIOD="2023" OBS_VALUE="1"/>
                <Obs
                   TIME_PERIOD="2024" OBS_VALUE="one"/></Series>
            </m:DataSet></m:StructureSpecificData>
            """.write(toFile: folder + "/ss.xml", atomically: true, encoding: .utf8)
        let ss = try Self.read(folder, "ss.xml")
        #expect(Self.observations(ss).map(\.provenance.line) == [3])
        #expect(ss.rejects.map { [$0.provenance.line, $0.provenance.column] } == [[4, 5]], "\(ss.rejects)")
    }

    @Test("A byte the declared encoding cannot convert stops the run at its line and column, naming the encoding")
    func notTheDeclaredEncoding() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xml-dataset-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = "<?xml version=\"1.0\" encoding=\"windows-1252\"?>\n<dataset>\n  <row>\n    <area>Caf# E07999001</area>\n  </row>\n</dataset>\n"
        try Data(Array(text.utf8).map { $0 == UInt8(ascii: "#") ? 0x81 : $0 }).write(to: URL(fileURLWithPath: folder + "/cp1252.xml"))
        let error = try Self.failure(folder, "cp1252.xml", Self.mappedSecurityOptions)
        #expect(error.line == 4 && error.column == 14, "\(error)")
        #expect(error.message == "the file is not windows-1252 here (byte 0x81), though its XML declaration says it is", "\(error)")
    }

    // MARK: - Hostile files

    /// What `/etc/hostname` holds, to check it never reaches an output.
    static let localSecret: String? = {
        let text = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        return text?.isEmpty == false ? text : nil
    }()

    static let mappedSecurityOptions = "mapped: { record: /dataset/row, area: area, period: period, value: value, indicator_id: test }\n"

    @Test("XXE: an entity naming a local file stops the run at its declaration (or, in an attribute, where libxml2 meets it); the file is never read",
          arguments: [("xxe-content.xml", 3, 3), ("xxe-attribute.xml", 4, 22), ("xxe-parameter.xml", 3, 5)])
    func externalEntity(file: String, line: Int, column: Int) throws {
        let error = try Self.failure(try Self.folder("security"), file, Self.mappedSecurityOptions)
        #expect(error.file == file && error.line == line && error.column == column, "\(error)")
        #expect(error.message.contains("entit"))
        #expect(error.hint != nil)
        if let secret = Self.localSecret {
            #expect(!error.description.contains(secret))
        }
    }

    @Test("Billion laughs: a clear located error, and memory stays bounded")
    func billionLaughs() throws {
        let before = Self.peakMemory()
        let error = try Self.failure(try Self.folder("security"), "billion-laughs.xml", Self.mappedSecurityOptions)
        #expect(error.line != nil && error.column != nil, "\(error)")
        #expect(error.message.contains("entit"))
        #expect(Self.peakMemory() - before < 64 << 20)
    }

    @Test("A truncated file says it is cut short, naming the element left open, with line and column")
    func truncated() throws {
        let error = try Self.failure(try Self.folder("security"), "truncated.xml", Self.mappedSecurityOptions)
        #expect(error.line == 9 && error.column == 27, "\(error)")
        #expect(error.message.contains("cut short") && error.message.contains("'dataset' (line 2)"), "\(error)")
    }

    @Test("A file whose first element closes early, with more after it, is not well-formed, not cut short")
    func closedEarly() throws {
        let error = try Self.failure(try Self.folder("security"), "closed-early.xml", Self.mappedSecurityOptions)
        #expect(error.line == 9, "\(error)")
        #expect(error.message.contains("not well-formed") && !error.message.contains("cut short"), "\(error)")
    }

    @Test("A byte that is not UTF-8, in a file that declares UTF-8, is one located line naming the byte")
    func notUTF8() throws {
        let error = try Self.failure(try Self.folder("security"), "not-utf8.xml", Self.mappedSecurityOptions)
        #expect(error.line == 4 && error.column == 14, "\(error)")
        #expect(error.message == "the file is not UTF-8 here (byte 0xE9), and its XML declaration names no other encoding", "\(error)")
        #expect(!error.description.contains("\n"))
    }

    @Test("A file that is not well-formed stops with libxml2's message at its line and column")
    func notWellFormed() throws {
        let error = try Self.failure(try Self.folder("security"), "not-well-formed.xml", Self.mappedSecurityOptions)
        #expect(error.line == 6 && error.column != nil, "\(error)")
        #expect(error.message.contains("not well-formed"))
    }

    /// In a file small enough for libxml2 to read whole at once, a prefix never declared was
    /// reported as "the file ends before its first element" (the parser had consumed the file).
    @Test("A namespace prefix never declared is said as such, at its line and column, in a small file as in a large one")
    func undeclaredPrefix() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xml-ns-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let message = "<?xml version=\"1.0\"?>\n<message:StructureSpecificData xmlns:message=\"http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message\">\n"
            + "<message:DataSet>\n<y:Series REF_AREA=\"E07000001\"/>\n</message:DataSet></message:StructureSpecificData>\n"
        for (name, text) in [("small.xml", message), ("root.xml", "<?xml version=\"1.0\"?>\n<x:Obs a=\"1\"/>\n")] {
            try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
            let error = try Self.failure(folder, name)
            #expect(error.message.hasPrefix("the XML's namespaces are wrong: Namespace prefix ") && !error.message.contains("ends before"), "\(error)")
            #expect(error.line == (name == "small.xml" ? 4 : 2) && error.column != nil, "\(error)")
        }
    }

    /// The process's peak resident memory, in bytes.
    static func peakMemory() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }
}
