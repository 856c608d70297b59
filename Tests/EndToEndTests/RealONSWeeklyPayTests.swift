import Foundation
import Testing

/// The real binary on extracts of ONS's gross median weekly pay (ASHE) as Explore Local Statistics
/// published it in 2025 (`Fixtures/real/ons-pay/`, commits in `Fixtures/real/SOURCES.md`): `na`
/// for a missing value and a missing interval, and yearly figures stamped with April (`2024-04`)
/// or with ASHE's reference date (`2025-04-30`).
@Suite(.serialized) struct RealONSWeeklyPayTests {
    static let fixtures = Package.tests.appendingPathComponent("Fixtures/real/ons-pay")

    static func document(_ folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/baseline.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func latest(_ document: [String: Any], area: String) -> [String: Any]? {
        (document["indicators"] as? [[String: Any]] ?? []).first { $0["area"] as? String == area && $0["trend"] != nil }
    }

    @Test("`na` is a missing value and a missing interval: every row of the September 2025 file is read, Belfast's £621.9 kept without an interval and not compared")
    func naIsMissing() throws {
        let scratch = try Scratch()
        let run = try baseline("run", Self.fixtures.appendingPathComponent("belfast.yaml").path, "--output", scratch.path)
        // Before: 55 of the 94 rows rejected (`value 'na'`, `lower confidence limit 'na'`), Belfast's
        // among them; in the whole file 229 of 6,678, under the 5% limit, with exit 0.
        #expect(run.status == 0, "\(run.stderr)")
        #expect((run.stdout + run.stderr).contains("read 94, passed on 94, quarantined 0"), "\(run.stdout)\(run.stderr)")
        let document = try Self.document(scratch.path + "/belfast/2025")
        let belfast = try #require(Self.latest(document, area: "N09000003"))
        #expect(belfast["period"] as? String == "2024-04-15/P1Y" && belfast["value"] as? Double == 621.9, "\(belfast)")
        #expect(belfast["ci95"] == nil)
        #expect((belfast["comparisons"] as? [String: String])?["K02000001"] == "not_compared", "\(belfast)")
        let report = try String(contentsOfFile: scratch.path + "/belfast/2025/report.md", encoding: .utf8)
        #expect(report.contains("No confidence interval (no count and denominator, none published) for Gross median weekly pay: not compared with benchmarks."), "\(report)")

        // Counted by hand (pandas) in the extract: 43 values `na` (29 with status `u`, 14 with `x`),
        // 51 numbers, 12 of them with `na` for their interval (Belfast's 9, the Isles of Scilly's 3).
        let inspect = try baseline("inspect", Self.fixtures.appendingPathComponent("belfast.yaml").path, "--source", "pay", "--limit", "1000")
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let records = inspect.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(records.count == 94)
        #expect(records.filter { $0["value"] is Double }.count == 51)
        #expect(records.filter { $0["value"] is Double && $0["lower"] == nil }.count == 12)
        // `na` says only "not available": the status says why (`u`: too unreliable to publish).
        #expect(records.filter { $0["missing"] as? String == "low_reliability" }.count == 29)
        #expect(records.filter { $0["missing"] as? String == "not_available" }.count == 14)
    }

    @Test("A place whose rows are all set aside is told so, with how many and the first reason, not that its code is in none of the statistics")
    func thePlacesRowsSetAside() throws {
        let scratch = try Scratch()
        // Belfast's values written with a pound sign, which the tool does not read as a number. (A
        // limit it does not read, `n.a.`, no longer sets a row aside: the value is kept without it.)
        let file = try String(contentsOf: Self.fixtures.appendingPathComponent("weekly-pay-2025-09.csv"), encoding: .utf8)
        let changed = file.components(separatedBy: "\r\n").map { $0.hasPrefix("N09000003,") ? $0.replacingOccurrences(of: ",Gross median weekly pay,([^,]+),([0-9.]+),", with: ",Gross median weekly pay,$1,£$2,", options: .regularExpression) : $0 }
        try changed.joined(separator: "\r\n").write(toFile: scratch.path + "/weekly-pay-2025-09.csv", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent("catalogue.yaml").path, toPath: scratch.path + "/catalogue.yaml")
        // 9 of the extract's 94 rows: under the limit of a whole file (9 of 6,678), not of the extract.
        let pipeline = try String(contentsOf: Self.fixtures.appendingPathComponent("belfast.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "path: weekly-pay-2025-09.csv", with: "path: weekly-pay-2025-09.csv\n    max_rejected: 20%")
        try pipeline.write(toFile: scratch.path + "/belfast.yaml", atomically: true, encoding: .utf8)
        let run = try baseline("run", scratch.path + "/belfast.yaml", "--output", scratch.path + "/out")
        #expect(run.status == 1)
        #expect(run.stderr.contains("belfast.yaml:1:31: error: the place 'N09000003' has no figures: 9 of its rows were set aside, the first at weekly-pay-2025-09.csv:87:12: value '£621.9' is not a number or a missing-value marker"), "\(run.stderr)")
        #expect(run.stderr.contains("--source pay` lists every row set aside"), "\(run.stderr)")
        #expect(!run.stderr.contains("is in none of the statistics"), "\(run.stderr)")
    }

    @Test("A place code in none of the statistics: the error says how many other areas the file holds and the nearest codes, or the one the file gives the place's name")
    func mistypedPlaceCode() throws {
        let scratch = try Scratch()
        for file in ["weekly-pay-2025-09.csv", "catalogue.yaml"] {
            try FileManager.default.copyItem(atPath: Self.fixtures.appendingPathComponent(file).path, toPath: scratch.path + "/" + file)
        }
        let pipeline = try String(contentsOf: Self.fixtures.appendingPathComponent("belfast.yaml"), encoding: .utf8)
        // Codes of the place's type only: E09000001 (City of London), a London borough, was offered for a unitary's E06 code.
        for (place, guess) in [("{ name: Belfast, code: N09000033 }", "did you mean N09000003 (Belfast)?"),
                               ("{ name: Béal Feirste, code: E06000055 }", "did you mean E06000053 (Isles of Scilly), E06000063 (Cumberland)?")] {
            try pipeline.replacingOccurrences(of: "{ name: Belfast, code: N09000003 }", with: place).write(toFile: scratch.path + "/p.yaml", atomically: true, encoding: .utf8)
            let run = try baseline("run", scratch.path + "/p.yaml", "--output", scratch.path + "/out")
            #expect(run.status == 1)
            // Before: "they gave values only for K02000001 (United Kingdom), N92000002 (Northern Ireland)", and no more.
            #expect(run.stderr.contains("they gave values only for K02000001 (United Kingdom), N92000002 (Northern Ireland); besides them, they hold 4 other areas — " + guess), "\(run.stderr)")
            #expect(run.stderr.contains("If not, check the place's code"), "\(run.stderr)")
        }
    }

    @Test("Yearly figures stamped with April (`2024-04`) or with ASHE's reference date (`2025-04-30`) have a trend")
    func aprilStampsAreYears() throws {
        let scratch = try Scratch()
        for pipeline in ["blackpool-2025.yaml", "blackpool-2026.yaml"] {
            let run = try baseline("run", Self.fixtures.appendingPathComponent(pipeline).path, "--output", scratch.path, "-q")
            #expect(run.status == 0, "\(pipeline): \(run.stderr)")
        }
        // Weighted regression on the last five years by hand (numpy): slope £36.4 a year, z 5.83
        // (2020-04 … 2024-04); £38.4, z 6.61 (2021-04-21 … 2025-04-30). Before: "a gap between
        // Apr 2020 and Apr 2021", and "not periods such as 21 Apr 2021".
        for (year, period) in [("2025", "2024-04"), ("2026", "2025-04-30")] {
            let document = try Self.document(scratch.path + "/blackpool/" + year)
            let blackpool = try #require(Self.latest(document, area: "E06000009"))
            #expect(blackpool["period"] as? String == period, "\(blackpool)")
            #expect(blackpool["trend"] as? String == "increasing and getting better", "\(blackpool)")
            #expect(blackpool["trend_reason"] == nil, "\(blackpool)")
        }
    }
}
