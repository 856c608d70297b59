import Foundation
import Testing

/// The real binary on XML that is broken or holds a bad observation: every message names the
/// file, line and column (`file:line:column: error: what — what to do`), and a quarantined
/// observation's row in `rejects/` carries the column its element starts at.
@Suite struct XMLLocationTests {
    /// An SDMX-ML 2.1 structure-specific message whose observations are `observations` (lines of
    /// the series, written as given), with the XML declaration `declaration`.
    static func sdmx(_ observations: String, declaration: String = #"<?xml version="1.0" encoding="UTF-8"?>"#) -> String {
        """
        \(declaration)
        <message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message">
          <message:DataSet>
            <Series REF_AREA="E07999001" INDICATOR="child_poverty">
        \(observations)
            </Series>
          </message:DataSet>
        </message:StructureSpecificData>

        """
    }

    /// Writes a pipeline reading `stats.xml` (with `options` on the source) into `folder`.
    static func pipeline(in folder: String, options: String = "") throws {
        try """
            indicators:
              - { id: child_poverty, name: "Children in poverty", unit: "%", value_type: proportion, polarity: low_is_good, theme: child poverty }
            """.write(toFile: folder + "/catalogue.yaml", atomically: true, encoding: .utf8)
        try """
            place: { name: Column Town, code: E07999001 }
            period: 2025
            sources:
              - id: stats
                adapter: xml-dataset
                path: stats.xml
            \(options.isEmpty ? "" : "    " + options)
            transforms:
              - stage: indicators
                catalogue: catalogue.yaml
            sinks:
              - sink: dashboard-json
            """.write(toFile: folder + "/p.yaml", atomically: true, encoding: .utf8)
    }

    @Test("A malformed file stops the run with one line at libxml2's line and column, an encoding error included")
    func malformedFileNamesTheColumn() throws {
        let scratch = try Scratch()
        try Self.pipeline(in: scratch.path)
        // A tag left open: libxml2's own message, at the end tag it did not expect.
        try Self.sdmx(#"      <Obs TIME_PERIOD="2023" OBS_VALUE="26.1">"#).write(toFile: scratch.path + "/stats.xml", atomically: true, encoding: .utf8)
        let mismatched = try baseline("run", "p.yaml", "--output", "out", in: scratch.url)
        #expect(mismatched.status == 1)
        #expect(mismatched.stderr.hasPrefix("stats.xml:6:14: error: the XML is not well-formed: Opening and ending tag mismatch"), "\(mismatched.stderr)")

        // A byte the declared encoding has no character for (0x81 in windows-1252): libxml2
        // raises it outside the parser, with no place; it printed three lines of its own and
        // the run said libxml2 stopped "without saying why", at a line alone.
        var bytes = Array(Self.sdmx(#"      <Obs TIME_PERIOD="2023" OBS_VALUE="26.1" NOTE="caf#"/>"#,
                                    declaration: #"<?xml version="1.0" encoding="windows-1252"?>"#).utf8)
        let marker = try #require(bytes.firstIndex(of: UInt8(ascii: "#")))
        bytes[marker] = 0x81
        try Data(bytes).write(to: scratch.url.appendingPathComponent("stats.xml"))
        let encoding = try baseline("run", "p.yaml", "--output", "out", in: scratch.url)
        #expect(encoding.status == 1)
        #expect(encoding.stderr == "stats.xml:5:57: error: the file is not windows-1252 here (byte 0x81), though its XML declaration says it is — save it in the encoding it declares, or declare the encoding it is in (UTF-8 for most files)\n",
                "\(encoding.stderr)")
    }

    @Test("A bad observation is quarantined at the column its element starts, two on a line told apart; with on_error: fail it stops there")
    func badObservationNamesTheColumn() throws {
        let scratch = try Scratch()
        try Self.pipeline(in: scratch.path, options: "max_rejected: 50%")
        try Self.sdmx("""
                  <Obs TIME_PERIOD="2023" OBS_VALUE="26.1"/><Obs TIME_PERIOD="2024" OBS_VALUE="n>a"/>
                  <Obs TIME_PERIOD="2025" OBS_VALUE="27.0"/>
                  <!-- <Obs TIME_PERIOD="2026" OBS_VALUE="?"/> -->  <Obs TIME_PERIOD="FY26" OBS_VALUE="28.0"/>
            """).write(toFile: scratch.path + "/stats.xml", atomically: true, encoding: .utf8)
        let run = try baseline("run", "p.yaml", "--output", "out", in: scratch.url)
        #expect(run.status == 0, "\(run.stderr)")
        let rejects = try String(contentsOfFile: scratch.path + "/out/column-town/2025/rejects/stats.csv", encoding: .utf8)
        #expect(rejects.split(separator: "\n").map(String.init) == [
            "file,line,column,reason,content,path",
            "stats.xml,5,49,value 'n>a' is neither a number nor a known missing-value marker,REF_AREA=E07999001 INDICATOR=child_poverty TIME_PERIOD=2024 OBS_VALUE=n>a,E07999001.child_poverty",
            "stats.xml,7,57,\"period 'FY26' is not a period this adapter reads (2024, 2024-25, 2024-Q1, 2024-01, 2024-W05, 2019-01-01/P1Y…)\",REF_AREA=E07999001 INDICATOR=child_poverty TIME_PERIOD=FY26 OBS_VALUE=28.0,E07999001.child_poverty",
        ], "\(rejects)")

        try Self.pipeline(in: scratch.path, options: "on_error: fail")
        let failed = try baseline("run", "p.yaml", "--output", "out2", in: scratch.url)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("stats.xml:5:49: error: value 'n>a' is neither a number nor a known missing-value marker — "), "\(failed.stderr)")
    }
}
