/// Where an indicator's values lie across every area of the place's type (Fingertips' "range
/// across all areas", the spine chart's bar): how many areas, the worst and best value by the
/// indicator's polarity (lowest and highest for no judgement), and the 25th and 75th
/// percentiles of the values in ascending order (type 7 interpolation, as R's default).
/// Present only when the source held at least two areas of the place's type (since 1.7).
public struct RangeAcrossAreas: Sendable, Codable, Equatable {
    /// How many areas of the place's type had a value (each area once, the place included).
    public var areas: Int
    /// The worst value: the lowest when high is good, the highest when low is good, the lowest
    /// for no judgement.
    public var worst: Double
    /// The 25th percentile of the values (ascending, whatever the polarity).
    public var q25: Double
    /// The 75th percentile of the values (ascending, whatever the polarity).
    public var q75: Double
    /// The best value: the highest when high is good, the lowest when low is good, the highest
    /// for no judgement.
    public var best: Double
    /// The area type the areas share: the source's area type column (Fingertips' `Area Type`)
    /// where it has one, else the class of the area code (see docs/baseline-json.md).
    public var areaType: String

    enum CodingKeys: String, CodingKey {
        case areas, worst, q25, q75, best
        case areaType = "area_type"
    }

    /// Makes a range.
    public init(areas: Int, worst: Double, q25: Double, q75: Double, best: Double, areaType: String) {
        self.areas = areas
        self.worst = worst
        self.q25 = q25
        self.q75 = q75
        self.best = best
        self.areaType = areaType
    }
}
