import Testing
@testable import Indicators

/// The look-up by a value's bytes the `indicators` stage makes for every observation.
@Suite struct RecentTextsTests {
    @Test("A text remembered is found by itself or a copy; the oldest makes room when full")
    func remembersTheLastFew() {
        var recent = RecentTexts<Int>(capacity: 2)
        let long = String(repeating: "CARE_LEAVERS_NEET", count: 2)
        recent.remember("IMD_SCORE", 1)
        recent.remember(long, 2)
        #expect(recent.value(for: "IMD_SCORE") == 1)
        let copy = long
        #expect(recent.value(for: copy) == 2)
        #expect(recent.value(for: "CHILD_POV") == nil)
        recent.remember("CHILD_POV", 3)
        #expect(recent.value(for: "IMD_SCORE") == nil)
        #expect(recent.value(for: long) == 2 && recent.value(for: "CHILD_POV") == 3)
        recent.remember("FRAIL_ADM", 4)
        #expect(recent.value(for: long) == nil && recent.value(for: "FRAIL_ADM") == 4 && recent.value(for: "CHILD_POV") == 3)
    }

    @Test("Equal bytes are equal values: short texts by their text, long ones and dictionaries by their storage")
    func bytes() {
        #expect(ValueBytes("2024") == ValueBytes(String("2024-25".prefix(4))))
        #expect(ValueBytes("2024") != ValueBytes("2025"))
        let long = String(repeating: "x", count: 40)
        let copy = long
        #expect(ValueBytes(long) == ValueBytes(copy))
        #expect(ValueBytes(long) != ValueBytes(String(repeating: "y", count: 40)))
        let attributes = ["OBS_STATUS": "A"]
        var changed = attributes
        #expect(ValueBytes(attributes) == ValueBytes(changed))
        changed["OBS_STATUS"] = "P"
        #expect(ValueBytes(attributes) != ValueBytes(changed))
    }
}
