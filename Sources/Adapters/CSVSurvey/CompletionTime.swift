/// Reads the completion times survey tools write, to rank duplicate responses: seconds since
/// 2000-01-01 (in whatever time zone the export uses, the same for every row).
///
/// Understood: `2025-03-04 10:34:12` and `2025-03-04T10:34` (Qualtrics, ISO 8601), and
/// `03/04/2025 10:34:12 AM` or `3/4/25 10:34` (SurveyMonkey, Microsoft Forms), read month first
/// or day first by `date_order`. Anything else gives `nil`: the row then ranks by its place in
/// the file alone.
enum CompletionTime {
    static func seconds(_ cell: UnsafeBufferPointer<UInt8>, order: DateOrder) -> UInt32? {
        var numbers = [Int](), separators = [UInt8]()
        var current: Int?, pm: Bool?
        for (index, byte) in cell.enumerated() {
            if byte >= 0x30, byte <= 0x39 {
                current = (current ?? 0) * 10 + Int(byte - 0x30)
                if current! > 99_999 { return nil }
                continue
            }
            if let value = current {
                numbers.append(value)
                separators.append(byte)
                current = nil
            }
            let letter = byte | 0x20
            if letter == UInt8(ascii: "p") || letter == UInt8(ascii: "a"), index + 1 < cell.count, cell[index + 1] | 0x20 == UInt8(ascii: "m") {
                pm = letter == UInt8(ascii: "p")
            }
            if byte == UInt8(ascii: "."), numbers.count >= 6 { break }
        }
        if let value = current { numbers.append(value) }
        guard numbers.count >= 5 else { return nil }
        var year: Int, month: Int, day: Int
        if separators.first == UInt8(ascii: "-") {
            (year, month, day) = (numbers[0], numbers[1], numbers[2])
        } else if separators.first == UInt8(ascii: "/") {
            (month, day, year) = order == .mdy ? (numbers[0], numbers[1], numbers[2]) : (numbers[1], numbers[0], numbers[2])
            if year < 100 { year += 2000 }
        } else {
            return nil
        }
        var hour = numbers[3]
        let minute = numbers[4], second = numbers.count > 5 ? numbers[5] : 0
        if let pm {
            guard hour >= 1, hour <= 12 else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        guard (2000...2135).contains(year), (1...12).contains(month), (1...31).contains(day),
              hour < 24, minute < 60, second < 61 else { return nil }
        let days = daysSince2000(year: year, month: month, day: day)
        return UInt32(days * 86_400 + hour * 3_600 + minute * 60 + second)
    }

    /// Days from 2000-01-01 to the date (proleptic Gregorian).
    static func daysSince2000(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 730_425
    }
}
