import BaselineCore
import BaselineText
import Testing

@Suite struct CSVCellTests {
    @Test func fieldsAreQuotedOnlyWhenTheyNeedIt() {
        #expect(CSVCell.text("plain").field == "plain")
        #expect(CSVCell.text("a,b").field == "\"a,b\"")
        #expect(CSVCell.text("say \"hi\"").field == "\"say \"\"hi\"\"\"")
        #expect(CSVCell.text("two\nlines").field == "\"two\nlines\"")
        #expect(CSVCell.text("cr\r").field == "\"cr\r\"")
        #expect(CSVCell.text("").field == "")
    }

    @Test(arguments: ["=", "+", "-", "@", "\t", "\r"])
    func aTextCellStartingWithAFormulaTriggerIsWrittenAsText(trigger: String) {
        let field = CSVCell.text(trigger + "1+1").field
        let unquoted = field.hasPrefix("\"") ? String(field.dropFirst().dropLast()) : field
        #expect(unquoted == "'" + trigger + "1+1")
    }

    @Test func theOWASPExamplesAreNeutralised() {
        #expect(CSVCell.text("=cmd|' /C calc'!A0").field == "'=cmd|' /C calc'!A0")
        #expect(CSVCell.text("\t=1+1").field == "'\t=1+1")
        #expect(CSVCell.text("-3.5").field == "'-3.5")
        #expect(CSVCell.text("@SUM(A1)").field == "'@SUM(A1)")
        #expect(CSVCell.text("a=b").field == "a=b")
        #expect(CSVCell.text("=1,2").field == "\"'=1,2\"")
    }

    @Test func numbersStayNumbers() {
        #expect(CSVCell.number(-3.5).field == "-3.5")
        #expect(CSVCell.number(-3.0).field == "-3")
        #expect(CSVCell.number(Double?.none).field == "")
        #expect(CSVCell.number(-12).field == "-12")
        #expect(CSVCell.number(Int?.none).field == "")
        #expect([CSVCell.text("-x"), CSVCell.number(-1), CSVCell.text("y")].csvLine == "'-x,-1,y")
    }
}
