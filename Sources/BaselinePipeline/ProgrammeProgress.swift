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
    /// How far through the shared files the run is (0 to 1), when it reads one whose length is
    /// known: every place reads it together, so they all finish near its end.
    public var sharedRead: Double?
    /// Seconds since the first place finished.
    public var sinceFirstDone: TimeInterval?

    /// Makes a snapshot.
    public init(placesDone: Int, places: Int, rowsRead: Int, elapsed: TimeInterval, sharedRead: Double? = nil, sinceFirstDone: TimeInterval? = nil) {
        self.placesDone = placesDone
        self.places = places
        self.rowsRead = rowsRead
        self.elapsed = elapsed
        self.sharedRead = sharedRead
        self.sinceFirstDone = sinceFirstDone
    }

    /// The time left, from the pace so far; `nil` while there is none to go by. While a shared
    /// file is being read, from the share of it read (every place finishes near its end); then
    /// from the pace of the places finishing since the first (after a shared file they come
    /// quickly); without a shared file, from the pace of the places since the start.
    public var remaining: TimeInterval? {
        let left = Double(places - placesDone)
        if let sharedRead, sharedRead < 1 {
            return sharedRead > 0 ? elapsed / sharedRead * (1 - sharedRead) : nil
        }
        if placesDone >= 2, let sinceFirstDone { return sinceFirstDone / Double(placesDone - 1) * left }
        if placesDone >= 1, sharedRead == nil { return elapsed / Double(placesDone) * left }
        return nil
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
