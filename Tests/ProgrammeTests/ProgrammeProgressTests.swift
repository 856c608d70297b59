import BaselinePipeline
import Testing

/// The live progress line of a programme run, as a unit.
@Suite struct ProgrammeProgressTests {
    @Test func theLineSaysPlacesRowsElapsedAndTimeLeft() {
        let progress = ProgrammeProgress(placesDone: 2, places: 5, rowsRead: 48_213, elapsed: 7.9)
        #expect(progress.line == "places 2/5 · 48,213 rows read · 0:07 elapsed · about 0:11 left")
    }

    @Test func noTimeLeftBeforeAPlaceIsDoneNorAfterTheLast() {
        #expect(ProgrammeProgress(placesDone: 0, places: 300, rowsRead: 999, elapsed: 3).line == "places 0/300 · 999 rows read · 0:03 elapsed")
        #expect(ProgrammeProgress(placesDone: 3, places: 3, rowsRead: 1_000_000, elapsed: 3_725).line
                == "places 3/3 · 1,000,000 rows read · 1:02:05 elapsed")
    }
}
