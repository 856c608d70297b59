import BaselineCore
import BaselineSchema

/// Every place's headline indicators side by side: what `baseline index` writes as
/// `output/index.json`. Its JSON form is a contract, described by `schema/index.schema.json`;
/// change it only with an `indexVersion` bump (minor for an added optional field).
public struct PlaceIndex: Sendable, Codable, Equatable {
    /// The version of the JSON contract this index follows.
    public static let currentVersion = "1.0"

    /// The contract version (`major.minor`).
    public var indexVersion: String
    /// The period asked for (`--period`); `nil` when each place's latest period was taken.
    public var period: String?
    /// The indicators in the index (the union over the places), sorted by id.
    public var indicators: [Column]
    /// The places, sorted by their folder.
    public var places: [Entry]
    /// What was left out and why, for the command to say (not part of the JSON): a place code
    /// in two folders is indexed once.
    public var warnings: [String] = []

    enum CodingKeys: String, CodingKey {
        case period, indicators, places
        case indexVersion = "index_version"
    }

    /// Makes an index.
    public init(period: String?, indicators: [Column], places: [Entry]) {
        self.indexVersion = Self.currentVersion
        self.period = period
        self.indicators = indicators
        self.places = places
    }

    /// One indicator: a column of the index.
    public struct Column: Sendable, Codable, Equatable {
        /// The stable indicator id.
        public var id: String
        /// Its name.
        public var name: String
        /// Its unit, where known.
        public var unit: String?
        /// `high_is_good`, `low_is_good` or `no_judgement`: how ranks are ordered.
        public var polarity: String
    }

    /// One place: a row of the index.
    public struct Entry: Sendable, Codable, Equatable {
        /// The place's area code.
        public var code: String
        /// The place's name.
        public var name: String
        /// The place's folder under the output folder (`millbrook`).
        public var folder: String
        /// The period of the baseline indexed.
        public var period: String
        /// The baseline indexed, relative to the output folder (`millbrook/2025/baseline.json`).
        public var baseline: String
        /// The place's dashboard relative to the output folder, when the run wrote one.
        public var dashboard: String?
        /// The place's benchmark areas, in the baseline's order; comparisons are against these.
        public var benchmarks: [Area]
        /// The place's headline value of each indicator (its latest period in the baseline), by id.
        public var indicators: [String: Cell]
    }

    /// One place's headline value of one indicator, with its comparison and rank.
    public struct Cell: Sendable, Codable, Equatable {
        /// The period of the value.
        public var period: String
        /// The period as people read it (`Apr 2024 – Mar 2025`), where the baseline gives one.
        public var periodLabel: String?
        /// The value, or `nil` when missing.
        public var value: Double?
        /// Why the value is missing.
        public var missing: MissingReason?
        /// Comparison with each benchmark area, by code, as the baseline gives it.
        public var comparisons: [String: String]
        /// The place's rank among the places with a value of the indicator for the same period:
        /// 1 is the best by polarity (the highest for no judgement); tied values share the best
        /// rank of their group (1, 2, 2, 4). `nil` when missing.
        public var rank: Int?
        /// How many places were ranked (those with a value for the same period).
        public var ranked: Int?

        enum CodingKeys: String, CodingKey {
            case period, value, missing, comparisons, rank, ranked
            case periodLabel = "period_label"
        }
    }
}
