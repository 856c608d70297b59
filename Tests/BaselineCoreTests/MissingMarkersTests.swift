import BaselineCore
import Testing

/// The shared table of missing-value markers, against the publishers' conventions written out by hand.
@Suite struct MissingMarkersTests {
    @Test("Every documented marker maps to its reason, ignoring case and spaces", arguments: [
        ("c", MissingReason.suppressed), ("[c]", .suppressed), ("*", .suppressed), (" [C] ", .suppressed),
        ("x", .notAvailable), ("[x]", .notAvailable), ("..", .notAvailable), (":", .notAvailable), ("NaN", .notAvailable), ("", .notAvailable),
        // ONS's weekly pay of September 2025 writes `na` for its missing values and intervals.
        ("na", .notAvailable), ("NA", .notAvailable),
        ("z", .notApplicable), ("[z]", .notApplicable), ("-", .notApplicable),
        // DfE's `low` ("rounds to 0 but is not 0") and the GSS `[low]` (a low figure): a figure
        // below the rounding, not one too unreliable to publish (it was read as low reliability).
        ("low", .roundsToZero), ("[low]", .roundsToZero), ("[LOW]", .roundsToZero), (" Low ", .roundsToZero),
        // DfE's older code for the same ('k - rounds to 0 but is not 0'), and StatsWales' 'low figure'.
        ("k", .roundsToZero), ("K", .roundsToZero),
        // ONS's status `u`, the GSS symbol for low reliability (it was read as not available).
        ("u", .lowReliability), ("[u]", .lowReliability), (" U ", .lowReliability),
    ])
    func marker(text: String, reason: MissingReason) {
        #expect(MissingMarkers.reason(for: text) == reason)
    }

    @Test("Numbers and words are not markers", arguments: ["0", "0.0", "-1", "12", "n/a", "none", "cc", "[c", "Suppressed"])
    func notAMarker(text: String) {
        #expect(MissingMarkers.reason(for: text) == nil)
    }

    @Test("Value notes that explain an absence give its reason", arguments: [
        ("Value suppressed for disclosure control due to small count", MissingReason?.some(.suppressed)),
        ("Value cannot be calculated as number of cases is too small", .suppressed),
        ("Confidential", .confidential),
        ("Estimate too unreliable to publish", .lowReliability),
        ("Data not available for this period", .notAvailable),
        ("[c]", .suppressed), ("u", .lowReliability), ("x", .notAvailable), ("[z]", .notApplicable),
        ("low", .roundsToZero), ("Rounds to 0 but is not 0", .roundsToZero),
        ("Aggregated from all known lower geography values", nil),
        ("Provisional", nil),
        ("", nil),
    ])
    func note(text: String, reason: MissingReason?) {
        #expect(MissingMarkers.reason(forNote: text) == reason)
    }

    @Test("A figure below the rounding is worded as one, never as missing for low reliability")
    func roundsToZeroWords() {
        #expect(MissingReason.roundsToZero.rawValue == "rounds_to_zero")
        #expect(MissingReason.roundsToZero.words == "below the rounding: rounds to 0 but is not 0")
        #expect(MissingReason.lowReliability.words == "too unreliable to publish")
    }
}
