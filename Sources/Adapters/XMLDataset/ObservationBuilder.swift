import BaselineCore
import BaselineIndicators

/// Turns the fields of one published observation into a record, or a reject saying what is
/// wrong with it, and collects them into the batch being filled. Shared by both layouts.
final class ObservationBuilder {
    private let source: String
    private let file: String
    /// How values are read.
    let values: ValueReader
    private let statusCodes: [String: StatusMeaning]
    private let confidentialityCodes: [String: StatusMeaning]
    private let periodStyle: Period.Style
    // Touched for every observation by this class alone, on one thread: the dynamic
    // exclusivity checks Swift would add to each access are left out.
    @exclusivity(unchecked) private var periods = [String: String?]()
    @exclusivity(unchecked) private var recentPeriods = [(text: String, written: String?)]()
    @exclusivity(unchecked) private var lastStatus: (code: String, meaning: StatusMeaning?)?
    /// The meanings of the status codes met (a file uses a handful, in turn).
    @exclusivity(unchecked) private var statusMeanings = [String: StatusMeaning?]()

    /// The records of the batch being filled.
    @exclusivity(unchecked) var records = [Record]()
    /// The rejects of the batch being filled.
    @exclusivity(unchecked) var rejects = [Reject]()

    /// Everything read so far (records and rejects) — for the batch size.
    var pending: Int { records.count + rejects.count }

    /// Where an element starts — given its number in the file and the line the reader gave it —
    /// for a reject's line and column (`XMLStreamReader.start(ofElement:line:)`; by default the
    /// line alone). Asked only when a record is set aside.
    var locate: (_ element: Int, _ line: Int) -> (line: Int, column: Int?) = { _, line in (line, nil) }

    init(source: String, file: String, values: ValueReader, statusCodes: [String: StatusMeaning],
         confidentialityCodes: [String: StatusMeaning], periodStyle: Period.Style) {
        self.source = source
        self.file = file
        self.values = values
        self.statusCodes = statusCodes
        self.confidentialityCodes = confidentialityCodes
        self.periodStyle = periodStyle
        records.reserveCapacity(RecordBatch.preferredSize)
    }

    /// Sets aside with `reason` the observation made of element number `element`, which the
    /// reader gave the line `line`: the reject is at the element's line and column.
    func reject(_ reason: String, element: Int, line: Int, path: String?, content: @autoclosure () -> String) {
        let start = locate(element, line)
        rejects.append(Reject(provenance: Provenance(source: source, file: file, line: start.line, column: start.column, path: path),
                              reason: reason, content: content()))
    }

    /// Hands over the batch filled so far and starts a new one.
    func takeBatch() -> RecordBatch {
        defer {
            records = []
            records.reserveCapacity(RecordBatch.preferredSize)
            rejects = []
        }
        return RecordBatch(records: records, rejects: rejects)
    }

    /// The period written one way, or `nil` when the text is not a period (remembered per text).
    func period(_ text: String) -> String? {
        // By index: binding each entry copied both its strings (retains and releases).
        for index in recentPeriods.indices where recentPeriods[index].text == text { return recentPeriods[index].written }
        let written: String?
        if let known = periods[text] {
            written = known
        } else {
            written = Period(text, style: periodStyle)?.text
            if periods.count > 4096 { periods.removeAll(keepingCapacity: true) }
            periods[text] = written
        }
        if recentPeriods.count == 8 { recentPeriods.removeFirst() }
        recentPeriods.append((text, written))
        return written
    }

    /// Checks the fields of an observation as read from the file and adds it, or a reject
    /// saying what is wrong (at `element`'s start: see `reject`). `reading` is the value when the reader has already read it from
    /// its bytes (then `value`, its text, is for messages); `status` and `confidentiality` are
    /// codes (SDMX `OBS_STATUS`, `OBS_CONF`, a mapped status field).
    ///
    /// The fields the observation keeps are taken, not borrowed: the record is made from the
    /// caller's values without retaining each once more.
    func add(area: consuming String?, areaName: consuming String? = nil, period periodText: String?, indicator: consuming String?,
             reading: ValueReader.Reading?, value: String?, unit: consuming String?, count countText: String?,
             denominator denominatorText: String?, lower lowerText: String?, upper upperText: String?, status: String?,
             confidentiality: String?, attributes: consuming [String: String], line: Int, element: Int, path: String?,
             content: @autoclosure () -> String) {
        func reject(_ reason: String) {
            self.reject(reason, element: element, line: line, path: path, content: content())
        }
        guard let area, !area.isEmpty else { return reject("no area code in the observation") }
        guard let periodText, !periodText.isEmpty else { return reject("no period in the observation") }
        guard let period = period(periodText) else {
            return reject("period '\(periodText)' is not a period this adapter reads (2024, 2024-25, 2024-Q1, 2024-01, 2024-W05, 2019-01-01/P1Y…)")
        }
        guard let indicator, !indicator.isEmpty else { return reject("no indicator id in the observation") }
        guard let reading = reading ?? values.read(value ?? "") else {
            return reject("value '\(value ?? "")' is neither a number nor a known missing-value marker")
        }
        func number(_ text: String?, _ name: String, _ out: inout Double?) -> Bool {
            guard let text else { return true }
            guard let reading = values.read(text) else {
                reject("\(name) '\(text)' is not a number")
                return false
            }
            out = reading.value.number
            return true
        }
        var count, denominator, lower, upper: Double?
        guard number(countText, "count", &count), number(denominatorText, "denominator", &denominator),
              number(lowerText, "lower", &lower), number(upperText, "upper", &upper) else { return }
        let (resolved, flag) = resolve(reading, status: status, confidentiality: confidentiality)
        var kept = attributes
        if let flag { kept["status"] = flag.rawValue }
        let observation = Observation(area: area, areaName: areaName, period: period, indicator: indicator, value: resolved,
                                      unit: unit, count: count, denominator: denominator, lower: lower, upper: upper,
                                      attributes: kept, provenance: Provenance(source: source, file: file, line: line, path: path))
        records.append(.observation(consume observation))
    }

    /// The fields the observations of one series share, checked once: the area and indicator
    /// are not empty and the numbers are numbers (a class, so that each observation reads them
    /// in place).
    final class SeriesFields {
        let area: String
        let indicator: String
        let unit: String?
        let count, denominator, lower, upper: Double?
        let path: String?

        fileprivate init(area: String, indicator: String, unit: String?, count: Double?, denominator: Double?, lower: Double?,
                         upper: Double?, path: String?) {
            self.area = area
            self.indicator = indicator
            self.unit = unit
            self.count = count
            self.denominator = denominator
            self.lower = lower
            self.upper = upper
            self.path = path
        }
    }

    /// The fields of a series' observations as `add(_:period:…)` takes them, or `nil` when
    /// `add(area:…)` would set each of them aside for one of these fields.
    func seriesFields(area: String?, indicator: String?, unit: String?, count countText: String?, denominator denominatorText: String?,
                      lower lowerText: String?, upper upperText: String?, path: String?) -> SeriesFields? {
        guard let area, !area.isEmpty, let indicator, !indicator.isEmpty else { return nil }
        func number(_ text: String?, _ out: inout Double?) -> Bool {
            guard let text else { return true }
            guard let reading = values.read(text) else { return false }
            out = reading.value.number
            return true
        }
        var count, denominator, lower, upper: Double?
        guard number(countText, &count), number(denominatorText, &denominator), number(lowerText, &lower),
              number(upperText, &upper) else { return nil }
        return SeriesFields(area: area, indicator: indicator, unit: unit, count: count, denominator: denominator, lower: lower,
                            upper: upper, path: path)
    }

    /// Adds the observation of the period `periodText` and the value `reading` whose other
    /// fields are `series`' — the observation `add(area:…)` makes of the same fields — and
    /// `true`; `false`, adding nothing, when the period is not one (`add(area:…)` then says why).
    func add(_ series: SeriesFields, period periodText: String, reading: ValueReader.Reading, status: String?,
             confidentiality: String?, attributes: [String: String], line: Int) -> Bool {
        guard !periodText.isEmpty, let period = period(periodText) else { return false }
        let (resolved, flag) = resolve(reading, status: status, confidentiality: confidentiality)
        var kept = attributes
        if let flag { kept["status"] = flag.rawValue }
        let observation = Observation(area: series.area, period: period, indicator: series.indicator, value: resolved,
                                      unit: series.unit, count: series.count, denominator: series.denominator,
                                      lower: series.lower, upper: series.upper, attributes: kept,
                                      provenance: Provenance(source: source, file: file, line: line, path: series.path))
        records.append(.observation(consume observation))
        return true
    }

    /// The value, with the reason it is missing taken from the confidentiality code, then the
    /// status code, then the value's own marker; and the flag on a number, if any (kept as the
    /// `status` attribute).
    func resolve(_ reading: ValueReader.Reading, status: String?, confidentiality: String?) -> (Value, ValueStatus?) {
        var statusMeaning: StatusMeaning?
        if let status {
            if let last = lastStatus, last.code == status {
                statusMeaning = last.meaning
            } else {
                if let known = statusMeanings[status] {
                    statusMeaning = known
                } else {
                    statusMeaning = meaning(of: status, in: statusCodes)
                    if statusMeanings.count < 256 { statusMeanings[status] = statusMeaning }
                }
                lastStatus = (status, statusMeaning)
            }
        }
        switch reading.value {
        case .number:
            if case .flag(let flag) = statusMeaning { return (reading.value, flag) }
            return (reading.value, reading.status)
        case .missing(let marked):
            if case .missing(let reason) = confidentiality.flatMap({ meaning(of: $0, in: confidentialityCodes) }) {
                return (.missing(reason), nil)
            }
            if case .missing(let reason) = statusMeaning { return (.missing(reason), nil) }
            return (.missing(marked), nil)
        }
    }

    /// A code's meaning: from the table (as written, else in either case: publishers write `e`
    /// for the standard `E`), else from the missing-value markers.
    private func meaning(of code: String, in table: [String: StatusMeaning]) -> StatusMeaning? {
        if let meaning = table[code] ?? table[code.uppercased()] ?? table[code.lowercased()] { return meaning }
        return values.reason(forMarker: code).map(StatusMeaning.missing)
    }
}
