import Testing
@testable import XMLDataset

/// The names a mapped reader gives its fields in a reject's record (`areaName=…`): each slot's
/// name written out, the same as the case's own name.
struct MappedSlotTests {
    @Test("every slot's name is its case's name")
    func slotNamesAreCaseNames() {
        for slot in MappedXMLReader.Slot.allCases {
            #expect(slot.name == String(describing: slot))
        }
        #expect(MappedXMLReader.Slot.allCases.map(\.name).count == Set(MappedXMLReader.Slot.allCases.map(\.name)).count)
    }
}
