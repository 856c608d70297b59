import Foundation
import Testing

/// The range across areas and the cross-place index with the real binary, on a national file
/// made by the programme benchmark's generator (`bench/programme/make_national.py --small`),
/// every figure worked out again in Python from the CSV itself.
@Suite(.serialized) struct ProgrammeIndexTests {
    /// The small national file, its catalogue and one-place pipeline in a scratch folder.
    func national() throws -> Scratch {
        let scratch = try Scratch()
        let made = try run("python3", ["bench/programme/make_national.py", scratch.path, "--small"])
        #expect(made.status == 0, "\(made.stderr)")
        return scratch
    }

    /// A one-place pipeline for `code` over the scratch folder's national file, with a dashboard.
    func pipeline(_ scratch: Scratch, code: String, period: String = "2017") throws -> String {
        let path = scratch.path + "/\(code).yaml"
        try """
            place:
              name: Authority \(code)
              code: \(code)
            benchmarks:
              - { code: E92000001, name: England, role: england }
            period: "\(period)"
            sources:
              - id: national
                adapter: csv-indicators
                path: national.csv
                layout: fingertips
            transforms:
              - stage: indicators
                catalogue: catalogue.yaml
              - stage: benchmark
            sinks:
              - sink: dashboard-json
              - sink: html-dashboard
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `script` with Python over the scratch folder's national.csv, printing JSON.
    func python(_ script: String, _ arguments: [String]) throws -> Any {
        let outcome = try run("python3", ["-c", script] + arguments)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        return try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
    }

    @Test("range_across_areas equals Python's figures from the national file: Districts & UAs, Persons, All ages, by polarity")
    func rangeAcrossAreas() throws {
        let scratch = try national()
        let run = try baseline("run", try pipeline(scratch, code: "E07000003"), "--output", scratch.path + "/out", "-q")
        #expect(run.status == 0, "\(run.stderr)")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: scratch.path + "/out").first)
        let baselinePath = scratch.path + "/out/\(file)/2017/baseline.json"
        let valid = try validateJSON(baselinePath, against: "baseline.schema.json")
        #expect(valid.stdout.contains("valid"), "\(valid.stderr)")

        let expected = try #require(try python("""
            import csv, json, statistics, sys, yaml
            polarity = {i["id"]: i["polarity"] for i in yaml.safe_load(open(sys.argv[2]))["indicators"]}
            groups = {}
            for row in csv.DictReader(open(sys.argv[1])):
                if row["Area Type"] == "Districts & UAs" and row["Sex"] == "Persons" and row["Age"] == "All ages" and row["Value"]:
                    groups.setdefault((row["Indicator ID"], row["Time period"]), []).append(float(row["Value"]))
            out = {}
            for (ind, period), values in groups.items():
                q = statistics.quantiles(values, n=4, method="inclusive")
                low, high = min(values), max(values)
                worst, best = (high, low) if polarity[ind] == "low_is_good" else (low, high)
                out[ind + " " + period] = [len(values), worst, round(q[0], 6), round(q[2], 6), best]
            print(json.dumps(out))
            """, [scratch.path + "/national.csv", scratch.path + "/catalogue.yaml"]) as? [String: [Double]])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: baselinePath))) as? [String: Any])
        let place = try #require(document["indicators"] as? [[String: Any]]).filter { $0["area"] as? String == "E07000003" }
        #expect(place.count == 12)
        for entry in place {
            let key = "\(entry["id"] as? String ?? "") \(entry["period"] as? String ?? "")"
            let range = try #require(entry["range_across_areas"] as? [String: Any], "\(key)")
            let got = ["areas", "worst", "q25", "q75", "best"].map { (range[$0] as? Double) ?? -1 }
            #expect(got == expected[key], "\(key)")
            #expect(range["area_type"] as? String == "Districts & UAs")
        }
        let benchmark = try #require(document["indicators"] as? [[String: Any]]).filter { $0["area"] as? String == "E92000001" }
        #expect(!benchmark.isEmpty && benchmark.allSatisfy { $0["range_across_areas"] == nil })
    }

    @Test("baseline index: places side by side with ranks Python finds from the national file; diff over two indexes; a corrupt baseline named")
    func index() throws {
        let scratch = try national()
        let codes = ["E06000001", "E07000003", "E08000002"]
        for code in codes {
            let run = try baseline("run", try pipeline(scratch, code: code), "--output", scratch.path + "/out", "-q")
            #expect(run.status == 0, "\(run.stderr)")
        }
        let indexed = try baseline("index", scratch.path + "/out")
        #expect(indexed.status == 0, "\(indexed.stderr)")
        #expect(indexed.stderr.contains("indexed 3 places, 4 indicators"))
        let valid = try validateJSON(scratch.path + "/out/index.json", against: "index.schema.json")
        #expect(valid.stdout.contains("valid"), "\(valid.stderr)")

        // Ranks among the three places for 2017, Persons, All ages: competition ranking by polarity.
        let expected = try #require(try python("""
            import csv, json, sys, yaml
            polarity = {i["id"]: i["polarity"] for i in yaml.safe_load(open(sys.argv[2]))["indicators"]}
            codes = sys.argv[3].split(",")
            values = {}
            for row in csv.DictReader(open(sys.argv[1])):
                if row["Area Code"] in codes and row["Sex"] == "Persons" and row["Age"] == "All ages" and row["Time period"] == "2017":
                    values.setdefault(row["Indicator ID"], {})[row["Area Code"]] = float(row["Value"])
            out = {}
            for ind, by in values.items():
                low = polarity[ind] == "low_is_good"
                for code, v in by.items():
                    better = sum(1 for w in by.values() if (w < v if low else w > v))
                    out[ind + " " + code] = [v, better + 1]
            print(json.dumps(out))
            """, [scratch.path + "/national.csv", scratch.path + "/catalogue.yaml", codes.joined(separator: ",")]) as? [String: [Double]])
        let index = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path + "/out/index.json"))) as? [String: Any])
        let places = try #require(index["places"] as? [[String: Any]])
        #expect(places.count == 3)
        for place in places {
            let code = try #require(place["code"] as? String)
            let cells = try #require(place["indicators"] as? [String: [String: Any]])
            #expect(cells.count == 4)
            for (id, cell) in cells {
                #expect([cell["value"] as? Double ?? -1, cell["rank"] as? Double ?? -1] == expected["\(id) \(code)"], "\(id) \(code)")
                #expect(cell["ranked"] as? Int == 3)
            }
            let dashboard = try #require(place["dashboard"] as? String)
            #expect(FileManager.default.fileExists(atPath: scratch.path + "/out/" + dashboard))
        }
        let html = try String(contentsOfFile: scratch.path + "/out/index.html", encoding: .utf8)
        #expect(html.contains("<a href=\"./\(places[0]["folder"] as? String ?? "")/2017/dashboard.html\">Authority E06000001"))

        // A later index (the same places under 2018) and the diff over the two folders.
        for code in codes {
            let run = try baseline("run", try pipeline(scratch, code: code, period: "2018"), "--output", scratch.path + "/later", "-q")
            #expect(run.status == 0, "\(run.stderr)")
        }
        #expect(try baseline("index", scratch.path + "/later", "-q").status == 0)
        let diff = try baseline("diff", scratch.path + "/out", scratch.path + "/later/index.json")
        #expect(diff.status == 0, "\(diff.stderr)")
        for code in codes { #expect(diff.stdout.contains("== Authority \(code) (\(code)): 2017 → 2018 =="), "\(diff.stdout)") }
        #expect(!diff.stderr.contains("warning"), "\(diff.stderr)")
        // The two the other way round: said, as for two baselines (a try-out's "2025 → 2024" came with no word).
        let backwards = try baseline("diff", scratch.path + "/later/index.json", scratch.path + "/out")
        #expect(backwards.stderr.contains("warning: the earlier index named first holds later baselines than the second (3 of 3 places, e.g. 2018 against 2017)"),
                "\(backwards.stderr)")

        // An earlier period indexed in the same folder goes beside the latest's index, not over it
        // (`index --period` wrote index.json, and the latest index was lost), and diffs with it.
        for code in codes {
            let run = try baseline("run", try pipeline(scratch, code: code, period: "2017"), "--output", scratch.path + "/later", "-q")
            #expect(run.status == 0, "\(run.stderr)")
        }
        let periodIndex = try baseline("index", scratch.path + "/later", "--period", "2017")
        #expect(periodIndex.status == 0 && periodIndex.stderr.contains("/later/index-2017.json"), "\(periodIndex.stderr)")
        func baselines(_ file: String) throws -> [String] {
            let index = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: scratch.path + "/later/" + file))) as? [String: Any]
            return (index?["places"] as? [[String: Any]] ?? []).compactMap { $0["baseline"] as? String }
        }
        #expect(try baselines("index.json").count == 3 && baselines("index.json").allSatisfy { $0.hasSuffix("/2018/baseline.json") })
        #expect(try baselines("index-2017.json").count == 3 && baselines("index-2017.json").allSatisfy { $0.hasSuffix("/2017/baseline.json") })
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/later/index-2017.html"))
        let sameFolder = try baseline("diff", scratch.path + "/later/index-2017.json", scratch.path + "/later/index.json")
        #expect(sameFolder.status == 0, "\(sameFolder.stderr)")
        for code in codes { #expect(sameFolder.stdout.contains("== Authority \(code) (\(code)): 2017 → 2018 =="), "\(sameFolder.stdout)") }

        // A baseline cut short: the error names the file, its line and column, and exits 1.
        let broken = scratch.path + "/later/\(places[1]["folder"] as? String ?? "")/2018/baseline.json"
        try "{\n  \"schema_version\": ".write(toFile: broken, atomically: true, encoding: .utf8)
        let failed = try baseline("index", scratch.path + "/later")
        #expect(failed.status == 1)
        #expect(failed.stderr.hasPrefix(broken + ":2:"), "\(failed.stderr)")
        #expect(failed.stderr.contains("error: baseline.json is not valid JSON"), "\(failed.stderr)")
    }
}
