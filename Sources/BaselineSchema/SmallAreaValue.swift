import BaselineCore

/// One small area's value of an indicator (an LSOA's, an MSOA's, a ward's), as the input gave it
/// before the `join` stage rolled it up to the place (since 1.8): what a map of the place's small
/// areas is shaded by. Only the place's own small areas are kept, and only each indicator's
/// latest period, so the section grows with the place, never with the input file.
public struct SmallAreaValue: Sendable, Codable, Equatable {
    /// The indicator id, from the catalogue.
    public var indicator: String
    /// The small area's code (`E01000006`).
    public var area: String
    /// The small area's name, from the input or the lookup (`Barking and Dagenham 016A`).
    public var name: String?
    /// The period.
    public var period: String
    /// The value, or `nil` when missing.
    public var value: Double?
    /// Why the value is missing.
    public var missing: MissingReason?
    /// The published numerator, where there is one.
    public var count: Double?
    /// The published denominator, where there is one.
    public var denominator: Double?
    /// Where the value came from: the input's file and line.
    public var provenance: Provenance

    /// Makes a small area's value.
    public init(indicator: String, area: String, name: String?, period: String, value: Double?, missing: MissingReason?,
                count: Double?, denominator: Double?, provenance: Provenance) {
        self.indicator = indicator
        self.area = area
        self.name = name
        self.period = period
        self.value = value
        self.missing = missing
        self.count = count
        self.denominator = denominator
        self.provenance = provenance
    }
}
