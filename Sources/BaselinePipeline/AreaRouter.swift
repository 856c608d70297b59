import BaselineCore

/// Splits each batch of a shared source among the places of a programme by area: a place is
/// given the observations of the areas its stages must still be given once they use their
/// shared passes (`AreaRoutedStage.routedAreas`; none for `indicators`, whose pass keeps them),
/// every record that is not an observation, and every reject.
///
/// One dictionary look-up an observation (area code → the places given it), and none for the
/// next observation of the same area: files come in runs of one area. Each place's part
/// counts the batch's observations it was not given (`observationsElsewhere`), so that its
/// manifest counts the whole file, as a one-place run does.
struct AreaRouter {
    /// How many places there are (place `i` is the `i`-th part of a split).
    let places: Int
    private let table: [String: [Int]]

    /// A router for `places` places, place `i` given the observations of the areas `areas[i]`
    /// (none when it has no entry).
    init(places: Int, areas: [Int: Set<String>]) {
        self.places = places
        var table = [String: [Int]]()
        for (place, codes) in areas.sorted(by: { $0.key < $1.key }) {
            for code in codes { table[code, default: []].append(place) }
        }
        self.table = table
    }

    /// `batch` split into one part a place, in the batch's order.
    func split(_ batch: RecordBatch) -> [RecordBatch] {
        var parts = [[Record]](repeating: [], count: places)
        var given = [Int](repeating: 0, count: places)
        var observations = 0
        var lastArea: String?
        var lastPlaces = [Int]()
        batch.records.withUnsafeBufferPointer { records in
            for index in records.indices {
                guard case .observation(let observation) = records[index] else {
                    for place in 0..<places { parts[place].append(records[index]) }
                    continue
                }
                observations += 1
                if observation.area != lastArea {
                    lastArea = observation.area
                    lastPlaces = table[observation.area] ?? []
                }
                for place in lastPlaces {
                    parts[place].append(records[index])
                    given[place] += 1
                }
            }
        }
        return (0..<places).map { place in
            var part = RecordBatch(records: parts[place], rejects: batch.rejects)
            part.observationsElsewhere = batch.observationsElsewhere + observations - given[place]
            return part
        }
    }
}
