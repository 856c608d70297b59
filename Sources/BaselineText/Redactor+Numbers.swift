extension Redactor {
    // MARK: - Phone and NHS numbers

    /// A UK phone number or an NHS number starting at `start`, in any common spacing: groups of
    /// digits separated by up to two of space, `-`, `(`, `)`.
    ///
    /// - `+44…` is a phone number when 9 or 10 digits follow the 44 (after an optional `(0)`).
    /// - `0…` (not `00`) is a phone number of 10 or 11 digits: a leading 0 is the UK trunk
    ///   prefix, and NHS numbers in England and Wales never start with 0.
    /// - Ten digits starting 1–9 are an NHS number when the modulus-11 check digit is right;
    ///   otherwise they are left alone (a reference number, a count).
    ///
    /// A number may only end where a group of digits ends and no letter follows; the longest
    /// reading wins (`0161 496 0000` rather than `0161 496`).
    static func number(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Span? {
        // At most 16 digits are gathered: on the stack, not an array per candidate number.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16) { digits in
            number(in: bytes, at: start, digits: digits)
        }
    }

    private static func number(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, digits buffer: UnsafeMutableBufferPointer<UInt8>) -> Span? {
        var index = start
        let international = bytes[start] == 0x2B
        if international {
            guard start + 2 < bytes.count, bytes[start + 1] == 0x34, bytes[start + 2] == 0x34 else { return nil }
            index += 1
        }
        var count = 0
        var best: Span?
        var separators = 0
        while index < bytes.count, count <= 15 {
            let byte = bytes[index]
            if byte &- 0x30 < 10 {
                buffer[count] = byte - 0x30
                count += 1
                index += 1
                separators = 0
                if index == bytes.count || bytes[index] &- 0x30 >= 10 {
                    if index < bytes.count, (bytes[index] | 0x20) &- 0x61 < 26 { break }
                    if let kind = classify(UnsafeBufferPointer(rebasing: buffer[..<count]), international: international) {
                        best = Span(range: start..<index, kind: kind)
                    }
                }
            } else if byte == 0x20 || byte == 0x2D || byte == 0x28 || byte == 0x29, separators < 2,
                      count > 0 || (byte == 0x28 && index == start) {
                separators += 1
                index += 1
            } else {
                break
            }
        }
        // An opening bracket belongs to the number only when it closes inside it: "(01632) 960118",
        // not "(07700 900461, Tuesdays)".
        if var span = best, bytes[start] == 0x28, !span.range.contains(where: { bytes[$0] == 0x29 }) {
            span.range = (start + 1)..<span.range.upperBound
            return span
        }
        return best
    }

    /// What a run of digits is, if it is one of the kinds redacted.
    static func classify(_ digits: UnsafeBufferPointer<UInt8>, international: Bool) -> RedactionKind? {
        if international {
            var rest = digits.dropFirst(2)
            if rest.first == 0 { rest = rest.dropFirst() }
            return (rest.count == 9 || rest.count == 10) && rest.first != 0 ? .phone : nil
        }
        if digits[0] == 0 {
            return (digits.count == 10 || digits.count == 11) && digits[1] != 0 ? .phone : nil
        }
        return digits.count == 10 && isValidNHSNumber(digits) ? .nhsNumber : nil
    }

    /// The NHS number check: weights 10 down to 2 on the first nine digits; 11 minus the sum
    /// modulo 11 is the check digit (11 counts as 0, and 10 means the number is not valid).
    static func isValidNHSNumber<Digits: Collection<UInt8>>(_ digits: Digits) -> Bool {
        guard digits.count == 10 else { return false }
        var sum = 0
        for (offset, digit) in digits.prefix(9).enumerated() {
            sum += Int(digit) * (10 - offset)
        }
        let check = (11 - sum % 11) % 11
        return check != 10 && check == Int(digits[digits.index(digits.startIndex, offsetBy: 9)])
    }

    // MARK: - Postcodes

    /// A full UK postcode starting at `start`: an outward code (one or two letters, a digit, and
    /// an optional letter or digit), an optional space, and an inward code (a digit and two
    /// letters), ending a word. Letters follow Royal Mail's rules (no Q, V, X first; no I, J, Z
    /// second; no C, I, K, M, O, V in the inward code) and must all be the same case, which
    /// keeps `M6 4th` out.
    static func postcode(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Span? {
        var index = start
        var letters = 0
        while index < bytes.count, (bytes[index] | 0x20) &- 0x61 < 26, letters < 3 {
            letters += 1
            index += 1
        }
        guard letters == 1 || letters == 2, index < bytes.count, bytes[index] &- 0x30 < 10 else { return nil }
        let first = bytes[start] & ~0x20
        guard first != 0x51, first != 0x56, first != 0x58 else { return nil }  // Q V X
        if letters == 2 {
            let second = bytes[start + 1] & ~0x20
            guard second != 0x49, second != 0x4A, second != 0x5A else { return nil }  // I J Z
        }
        let afterDigit = index + 1
        var candidates = [afterDigit]
        if afterDigit < bytes.count, isAlphanumeric(bytes[afterDigit]) { candidates.insert(afterDigit + 1, at: 0) }
        for outwardEnd in candidates {
            var inward = outwardEnd
            if inward < bytes.count, bytes[inward] == 0x20 { inward += 1 }
            guard inward + 3 <= bytes.count, bytes[inward] &- 0x30 < 10,
                  isInwardLetter(bytes[inward + 1]), isInwardLetter(bytes[inward + 2]),
                  inward + 3 == bytes.count || !isAlphanumeric(bytes[inward + 3]) else { continue }
            let range = start..<(inward + 3)
            let cases = Set(range.map { bytes[$0] }.filter { ($0 | 0x20) &- 0x61 < 26 }.map { $0 & 0x20 })
            guard cases.count == 1 else { continue }
            return Span(range: range, kind: .postcode)
        }
        return nil
    }

    private static func isInwardLetter(_ byte: UInt8) -> Bool {
        let upper = byte & ~0x20
        guard (byte | 0x20) &- 0x61 < 26 else { return false }
        return !"CIKMOV".utf8.contains(upper)
    }
}
