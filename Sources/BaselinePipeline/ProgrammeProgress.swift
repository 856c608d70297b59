import Foundation

/// Where a programme run is: what the live progress line on a terminal shows.
public struct ProgrammeProgress: Sendable, Equatable {
    /// Places finished (written or failed).
    public var placesDone: Int
    /// Places in the run (the shard's).
    public var places: Int
    /// Records read so far by every source, a shared file counted once.
    public var rowsRead: Int
    /// Seconds since the run started.
    public var elapsed: TimeInterval

    /// Makes a snapshot.
    public init(placesDone: Int, places: Int, rowsRead: Int, elapsed: TimeInterval) {
        self.placesDone = placesDone
        self.places = places
        self.rowsRead = rowsRead
        self.elapsed = elapsed
    }

    /// The time left, from the pace so far; `nil` until a place has finished.
    public var remaining: TimeInterval? {
        guard placesDone > 0 else { return nil }
        return elapsed / Double(placesDone) * Double(places - placesDone)
    }

    /// The line: `places 2/5 · 48,213 rows read · 0:07 elapsed · about 0:11 left`.
    public var line: String {
        var parts = ["places \(placesDone)/\(places)", "\(Self.grouped(rowsRead)) rows read", "\(Self.clock(elapsed)) elapsed"]
        if let remaining, placesDone < places { parts.append("about \(Self.clock(remaining)) left") }
        return parts.joined(separator: " · ")
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ number: Int) -> String {
        var digits = String(number.magnitude)
        var groups = [String]()
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return (number < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    /// Seconds as `m:ss`, or `h:mm:ss` from an hour.
    static func clock(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds.rounded(.down))
        let (hours, minutes, secs) = (whole / 3600, whole / 60 % 60, whole % 60)
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(minutes):\(two(secs))"
    }
}
