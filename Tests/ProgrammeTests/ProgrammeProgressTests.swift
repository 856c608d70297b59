import BaselinePipeline
import Testing

/// The live progress line of a programme run, as a unit.
@Suite struct ProgrammeProgressTests {
    @Test func theLineSaysPlacesRowsElapsedAndTimeLeft() {
        let progress = ProgrammeProgress(placesDone: 2, places: 5, rowsRead: 48_213, elapsed: 7.9)
        #expect(progress.line == "places 2/5 · 48,213 rows read · 0:07 elapsed · about 0:11 left")
        #expect(ProgrammeProgress(placesDone: 3, places: 5, rowsRead: 1, elapsed: 9, sinceFirstDone: 6).remaining == 6)
    }

    @Test func noTimeLeftBeforeAPlaceIsDoneNorAfterTheLast() {
        #expect(ProgrammeProgress(placesDone: 0, places: 300, rowsRead: 999, elapsed: 3).line == "places 0/300 · 999 rows read · 0:03 elapsed")
        #expect(ProgrammeProgress(placesDone: 3, places: 3, rowsRead: 1_000_000, elapsed: 3_725).line
                == "places 3/3 · 1,000,000 rows read · 1:02:05 elapsed")
    }
}

/// With a shared file, every place finishes near its end: the time left comes from how far
/// through it the run is, then from the pace of the places finishing since the first.
@Suite struct ProgrammeProgressSharedTests {
    @Test func theSharedFileGivesTheTimeLeftBeforeAnyPlaceIsDone() {
        let progress = ProgrammeProgress(placesDone: 0, places: 300, rowsRead: 2_500_000, elapsed: 30, sharedRead: 0.25)
        #expect(progress.line == "places 0/300 · 2,500,000 rows read · 0:30 elapsed · about 1:30 left")
    }

    @Test func onceItIsReadThePlacesFinishingSinceTheFirstSetThePace() {
        // 30 s to read the file, then 101 places in 10 s: 199 more take about 20 s, not 30 s × 199.
        let progress = ProgrammeProgress(placesDone: 101, places: 300, rowsRead: 9, elapsed: 40, sharedRead: 1, sinceFirstDone: 10)
        #expect(progress.line == "places 101/300 · 9 rows read · 0:40 elapsed · about 0:19 left")
        #expect(ProgrammeProgress(placesDone: 1, places: 300, rowsRead: 9, elapsed: 30, sharedRead: 1, sinceFirstDone: 0).remaining == nil)
    }
}
