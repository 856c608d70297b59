import BaselineCore
import BaselineSchema
import Testing
@testable import BaselinePipeline

/// What a programme run prints of its sources: one line a source, as a one-place run does.
@Suite struct ProgrammeSourceLinesTests {
    static func outcome(_ slug: String, _ sources: [SourceCounts]) -> ProgrammeRunner.PlaceOutcome {
        var outcome = ProgrammeRunner.PlaceOutcome(place: PlacesFile.Place(code: slug, name: slug, slug: slug, region: nil, neighbours: [],
                                                                           columns: [:], line: 2),
                                                   folder: "out/\(slug)/2025", warnings: [], error: nil)
        outcome.sources = sources
        return outcome
    }

    static func counts(_ id: String, _ read: Int, _ passedOn: Int, _ quarantined: Int, skipped: Int = 0) -> SourceCounts {
        SourceCounts(id: id, adapter: "csv-survey", version: "1", onError: .quarantine, read: read, passedOn: passedOn,
                     quarantined: quarantined, skipped: skipped)
    }

    @Test func aSharedFileOnceAndFilesOfTheirOwnSummed() {
        let lines = ProgrammeRunner.sourceLines([
            Self.outcome("vale", [Self.counts("survey", 10, 9, 1), Self.counts("national", 100, 100, 0)]),
            Self.outcome("eastfield", [Self.counts("survey", 20, 17, 1, skipped: 2), Self.counts("national", 100, 100, 0)]),
            Self.outcome("broken", []),
        ])
        #expect(lines == [
            "survey (csv-survey): read 30, passed on 26, quarantined 2, skipped 2 — over the 2 places",
            "national (csv-survey): read 100, passed on 100, quarantined 0 — the same for each of the 2 places",
        ])
    }

    @Test func onePlaceReadsAsAOnePlaceRun() {
        #expect(ProgrammeRunner.sourceLines([Self.outcome("vale", [Self.counts("survey", 10, 8, 1)])])
            == ["survey (csv-survey): read 10, passed on 8, quarantined 1 — COUNTS DO NOT RECONCILE"])
    }
}
