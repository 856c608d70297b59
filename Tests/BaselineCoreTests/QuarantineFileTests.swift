import BaselineCore
@testable import BaselinePipeline
import Testing

/// `rejects/<id>.csv` names where in the file a reject was: for JSON or XML on one line, the
/// line alone (a try-out's JSON-stat file) could not tell its values apart; the provenance's
/// `path` now comes last, after the columns it had before.
struct QuarantineFileTests {
    @Test func theRecordsPathComesLastAndIsWrittenSafely() {
        var file = QuarantineFile()
        file.append(Reject(provenance: Provenance(source: "s", file: "oecd.json", line: 1, column: 812, path: "value[17]"),
                           reason: "value 'abc' is not a number", content: "abc"))
        file.append(Reject(provenance: Provenance(source: "s", file: "oecd.json", line: 1, path: "=HYPERLINK(\"http://x\")"), reason: "odd"))
        file.append(Reject(provenance: Provenance(source: "s", file: "s.csv", line: 3), reason: "ragged row"))
        #expect(file.text == """
            file,line,column,reason,content,path
            oecd.json,1,812,value 'abc' is not a number,abc,value[17]
            oecd.json,1,,odd,,"'=HYPERLINK(""http://x"")"
            s.csv,3,,ragged row,,

            """)
    }
}
