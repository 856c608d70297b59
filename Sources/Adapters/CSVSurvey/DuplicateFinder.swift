import BaselineCSV
import BaselineCore

/// The first pass over an export with respondent ids: finds the rows that repeat an id and are
/// not the one to keep.
///
/// Policy: of the rows sharing an id, the *latest completed* one is kept — a finished response
/// over a partial one, then the latest completion time (`completed_at`), then the row further
/// down the file. The others are set aside as counted records ("duplicate respondent"). Rows
/// left out anyway (partial under `partial: exclude`, previews, tests and spam under
/// `test_responses: exclude`) take no part.
///
/// Why a first pass: the records stream, so by the time a later duplicate turns up the earlier
/// one has already gone on to the stages. Reading the id column first costs one more libcsv
/// pass over the file and 16 bytes per row while it runs (16 MB per million rows, freed before
/// any record moves); keeping every response in memory to undo it later would cost far more.
/// Ids are compared by a 64-bit hash: two different ids would collide with a probability below
/// one in a million even for a million respondents.
enum DuplicateFinder {
    /// What the first pass reads, by column index.
    struct Columns {
        var width: Int
        var respondent: Int
        var completedAt: Int?
        var finished: UnsafeBufferPointer<CompletionColumn>
        var excludePartial: Bool
        /// The status column, when previews, tests and spam are left out: such a row is never
        /// the response kept for an id (it would push the real one out, then go itself).
        var excludedStatus: Int?
        /// The distribution channel column, likewise.
        var excludedChannel: Int?
        var dateOrder: DateOrder
    }

    /// The line of every row to drop, with the line of the row kept in its place.
    /// (Rows from `lastHeaderLine` on are data.)
    static func dropped(_ reader: CSVReader, lastHeaderLine: Int, columns: Columns) throws -> [Int: Int] {
        var keys = [(hash: UInt64, order: UInt64)]()
        // A completion time that reads only the other way round (`13/03/2025` month first): the
        // file is in the other order, and every duplicate would be ranked by its line alone.
        var wrongOrder: (line: Int, text: String)?
        while try reader.readPiece({ row in
            guard row.line > lastHeaderLine, CSVSurveyAdapter.fitsHeader(row, width: columns.width), row.line < 1 << 31 else { return }
            var finished = true
            if let (_, state) = CompletionColumn.unfinished(columns.finished, in: row.bytes) {
                // A status the tool never writes: the row is set aside as a bad record.
                if columns.excludePartial || state == .invalid { return }
                finished = false
            }
            if let column = columns.excludedStatus, SurveyLayout.notARespondent(status: row.bytes(column)) != nil { return }
            if let column = columns.excludedChannel, SurveyLayout.notARespondent(channel: row.bytes(column)) != nil { return }
            let id = row.bytes(columns.respondent).trimmingSpaces()
            guard !id.isEmpty else { return }
            var seconds: UInt32 = 0
            if let column = columns.completedAt {
                let cell = row.bytes(column)
                if let read = CompletionTime.seconds(cell, order: columns.dateOrder) {
                    seconds = read
                } else if wrongOrder == nil, CompletionTime.seconds(cell, order: columns.dateOrder == .mdy ? .dmy : .mdy) != nil {
                    wrongOrder = (row.line, row.string(column))
                }
            }
            let order = (finished ? 1 << 63 : 0) | UInt64(seconds) << 31 | UInt64(row.line)
            keys.append((hash(id), order))
        }) {}
        if let wrongOrder, let column = columns.completedAt {
            let (first, other) = columns.dateOrder == .mdy ? ("month", DateOrder.dmy) : ("day", DateOrder.mdy)
            throw BaselineError(file: reader.displayPath, line: wrongOrder.line, column: column + 1,
                                "the completion time '\(wrongOrder.text)' cannot be read \(first) first (`date_order: \(columns.dateOrder.rawValue)`), "
                                    + "so which of a respondent's duplicate responses is the latest cannot be told",
                                hint: "set `date_order: \(other.rawValue)` on the source: the file writes its dates \(first == "month" ? "day" : "month") first")
        }
        keys.sort { ($0.hash, $0.order) < ($1.hash, $1.order) }
        var dropped = [Int: Int]()
        var start = 0
        while start < keys.count {
            var end = start + 1
            while end < keys.count, keys[end].hash == keys[start].hash { end += 1 }
            if end - start > 1 {
                let kept = Int(keys[end - 1].order & 0x7FFF_FFFF)
                for index in start..<end - 1 { dropped[Int(keys[index].order & 0x7FFF_FFFF)] = kept }
            }
            start = end
        }
        return dropped
    }

    /// FNV-1a, then a 64-bit finaliser (MurmurHash3's) so that nearby ids spread over all bits.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        return h ^ (h >> 33)
    }
}
