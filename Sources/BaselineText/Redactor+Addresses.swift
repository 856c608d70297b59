extension Redactor {
    // MARK: - Street addresses

    /// A UK-style street address starting at the house number at `start`: the number (one to
    /// three digits, not starting 0, with an optional letter: `14`, `14a`), one to five
    /// capitalised words separated by spaces, the last of them a street type (`Road`, `St`,
    /// `Avenue`… see `streetTypes`) with at least one capitalised word before it. A `Flat 3, `
    /// (or `Apartment`, `Unit`) just before the number belongs to the address.
    ///
    /// Guards against ordinary prose: a four-digit number is a year, not a house number (`in 2023
    /// Road safety`), and neither are digits after a thousands separator or decimal point
    /// (`1,200`); a street type with no word before it is no street (`3 Road Safety officers`);
    /// a month after the number is a date (`from 3 May Road closures`). The longest reading wins
    /// (`12 St Mary's Road`), and what follows the street type stays (`3 Main Street stores` →
    /// `[address] stores`).
    static func address(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Span? {
        // The digits after a thousands separator or a decimal point (`1,200 Mill Lane residents`)
        // are no house number.
        if start > 1, bytes[start - 1] == 0x2C || bytes[start - 1] == 0x2E, bytes[start - 2] &- 0x30 < 10 { return nil }
        // Nor is an amount of money (`£3 High Street`, `$5`, `€10`).
        if start > 0, bytes[start - 1] == 0x24 || (start > 1 && bytes[start - 2] == 0xC2 && bytes[start - 1] == 0xA3)
            || (start > 2 && bytes[start - 3] == 0xE2 && bytes[start - 2] == 0x82 && bytes[start - 1] == 0xAC) { return nil }
        guard let afterNumber = houseNumber(in: bytes, at: start) else { return nil }
        var index = afterNumber
        var words = 0
        var end: Int?
        while words < 5 {
            let gap = index
            while index < bytes.count, bytes[index] == 0x20, index - gap < 2 { index += 1 }
            guard index > gap, index < bytes.count, bytes[index] &- 0x41 < 26 else { break }
            let word = capitalisedWordEnd(in: bytes, at: index)
            let range = index..<word
            if words == 0, isMonth(range, in: bytes) { return nil }
            if words > 0, isStreetType(range, in: bytes) { end = word }
            words += 1
            index = word
        }
        guard let end else { return nil }
        // A range of numbers (`22-24 Mill Lane`) is the address's number too.
        var first = start
        if first > 1, bytes[first - 1] == 0x2D, bytes[first - 2] &- 0x30 < 10 {
            first -= 1
            while first > 0, bytes[first - 1] &- 0x30 < 10 { first -= 1 }
        }
        return Span(range: flatBefore(first, in: bytes)..<end, kind: .address)
    }

    /// The end of a house number at `start` (digits and an optional letter, then a space), or
    /// `nil` when there is none there.
    private static func houseNumber(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var index = start
        while index < bytes.count, bytes[index] &- 0x30 < 10, index - start < 4 { index += 1 }
        guard index - start <= 3, bytes[start] != 0x30 else { return nil }
        if index < bytes.count, (bytes[index] | 0x20) &- 0x61 < 26 { index += 1 }
        guard index < bytes.count, bytes[index] == 0x20 else { return nil }
        return index
    }

    /// The end of the word at `index`: letters (any script), digits, and an apostrophe or hyphen
    /// between two of them (`Mary's`, `Mary’s`, `Ashby-de-la-Zouch`).
    private static func capitalisedWordEnd(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        var position = index
        while position < bytes.count {
            let width = WordScanner.wordWidth(bytes, at: position)
            if width > 0 {
                position += width
                continue
            }
            let joiner = bytes[position] == 0x2D ? 1 : (WordScanner.isApostrophe(bytes, at: position, width: -width) ? -width : 0)
            guard joiner > 0, position + joiner < bytes.count, WordScanner.wordWidth(bytes, at: position + joiner) > 0 else { break }
            position += joiner
        }
        return position
    }

    /// Where an address whose number is at `start` begins: before a `Flat 3, ` (`Apartment`,
    /// `Unit`, either case, the comma optional) written just before it, else at `start`.
    private static func flatBefore(_ start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = start
        while index > 0, bytes[index - 1] == 0x20 { index -= 1 }
        if index > 0, bytes[index - 1] == 0x2C { index -= 1 }
        while index > 0, bytes[index - 1] == 0x20 { index -= 1 }
        let numberEnd = index
        if index > 0, (bytes[index - 1] | 0x20) &- 0x61 < 26 { index -= 1 }
        while index > 0, bytes[index - 1] &- 0x30 < 10 { index -= 1 }
        // The flat's number, or its letter alone (`Flat C, 5 Park Road`).
        guard index < numberEnd, bytes[index] &- 0x30 < 10 || numberEnd - index == 1, index > 0, bytes[index - 1] == 0x20 else { return start }
        let wordEnd = index - 1
        var wordStart = wordEnd
        while wordStart > 0, (bytes[wordStart - 1] | 0x20) &- 0x61 < 26 { wordStart -= 1 }
        guard wordStart == 0 || !isAlphanumeric(bytes[wordStart - 1]),
              unitWords.contains(String(decoding: UnsafeBufferPointer(rebasing: bytes[wordStart..<wordEnd]), as: UTF8.self).lowercased())
        else { return start }
        return wordStart
    }

    /// The words for part of a building written before its street number: `Flat 3, 22 Mill Lane`.
    static let unitWords: Set<String> = ["flat", "apartment", "unit"]

    /// The last words of a street's name that make a number and capitalised words an address,
    /// lower-cased, with their usual abbreviations.
    static let streetTypes: WordTable = {
        var table = WordTable()
        for word in ["road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "close", "drive", "dr", "way",
                     "crescent", "cres", "place", "pl", "court", "ct", "gardens", "gdns", "terrace", "terr", "grove",
                     "hill", "square", "sq", "row", "walk", "mews", "parade", "view", "rise", "vale", "boulevard",
                     "wharf", "quay", "yard", "embankment"] {
            table.insert(word)
        }
        return table
    }()

    /// Month names and their abbreviations, lower-cased: a number then a month is a date.
    static let months: WordTable = {
        var table = WordTable()
        for word in ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"] {
            table.insert(word)
        }
        return table
    }()

    private static func isStreetType(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        lookupLowered(range, in: bytes, table: streetTypes)
    }

    private static func isMonth(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        lookupLowered(range, in: bytes, table: months)
    }

    /// Whether the ASCII word at `range`, lower-cased, is in `table` (longer words never are).
    private static func lookupLowered(_ range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, table: WordTable) -> Bool {
        guard range.count <= 12 else { return false }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 12) { scratch in
            for offset in 0..<range.count { scratch[offset] = WordScanner.lowercase(bytes[range.lowerBound + offset]) }
            return table.lookup(UnsafeBufferPointer(rebasing: scratch[..<range.count])) >= 0
        }
    }
}
