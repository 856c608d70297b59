import BaselineCore
import Foundation

/// Reads a published value: a number, or a marker that says why there is none.
///
/// Missing is never zero. Markers map to a `MissingReason` through the core's
/// `MissingMarkers.table` (the one table every adapter uses; a pipeline may add or change
/// markers), and the GSS shorthand after a number (`12.5 [p]`) to a `ValueStatus`. Numbers may
/// group thousands with commas (`1,234.5`). Anything else is not a value: `read` returns `nil`
/// and the caller rejects the record.
public struct ValueReader: Sendable {
    /// The GSS shorthand flags that may follow a number, lower case.
    public static let standardFlags: [String: ValueStatus] = [
        "[p]": .provisional, "[r]": .revised, "[e]": .estimated, "[f]": .forecast,
        "[u]": .lowReliability, "[b]": .breakInSeries, "[er]": .estimated,
    ]

    /// The flag a publisher's status column gives a value that is there: a GSS symbol of a
    /// flag, bare as ONS's `status` column writes it (`u`) or in brackets (`[u]`), in either
    /// case; `nil` for anything else (a missing-value marker, a note in words).
    public static func flag(forStatus status: some StringProtocol) -> ValueStatus? {
        let code = status.trimmingSpaces().lowercased()
        return standardFlags[code] ?? standardFlags["[" + code + "]"]
    }

    /// What a value turned out to be.
    public struct Reading: Sendable, Hashable {
        /// The number, or why there is none.
        public var value: Value
        /// A flag on the number (provisional, estimated…), where the text carried one.
        public var status: ValueStatus?

        /// Makes a reading.
        public init(value: Value, status: ValueStatus? = nil) {
            self.value = value
            self.status = status
        }
    }

    /// The markers in force, lower case.
    public let markers: [String: MissingReason]

    /// A reader with the standard markers, changed or added to by `markers` (case does not matter).
    public init(markers: [String: MissingReason] = [:]) {
        var merged = MissingMarkers.table
        for (marker, reason) in markers {
            merged[marker.lowercased().trimmingCharacters(in: .whitespaces)] = reason
        }
        self.markers = merged
    }

    /// The marker's reason, if `text` is a marker.
    public func reason(forMarker text: String) -> MissingReason? {
        markers[text.lowercased().trimmingCharacters(in: .whitespaces)]
    }

    /// Reads a value from its text.
    public func read(_ text: String) -> Reading? {
        var text = text
        return text.withUTF8 { read(bytes: $0) }
    }

    /// Reads a value from UTF-8 bytes (without allocating when it is a plain number).
    public func read(bytes: UnsafeBufferPointer<UInt8>) -> Reading? {
        let trimmed = bytes.trimmingSpaces()
        if let number = Self.number(trimmed) {
            return Reading(value: .number(number), status: nil)
        }
        let text = String(decoding: trimmed, as: UTF8.self).lowercased()
        if let reason = markers[text] {
            return Reading(value: .missing(reason), status: nil)
        }
        guard text.hasSuffix("]"), let open = text.lastIndex(of: "[") else { return nil }
        guard let status = Self.standardFlags[String(text[open...])] else { return nil }
        var head = Array(text[..<open].utf8)
        while let last = head.last, UInt8.isCellSpace(last) { head.removeLast() }
        guard let number = head.withUnsafeBufferPointer({ Self.number($0) }) else { return nil }
        return Reading(value: .number(number), status: status)
    }

    /// `bytes` written with a decimal comma (`22,6262`, `-0,5`, `1.234,5` with points grouping
    /// thousands, `1,5e3`), as the same number with a decimal point (`22.6262`); `nil` when the
    /// text is not such a number (a marker, a flag, a point not grouping three digits: `22.6`).
    /// For a file whose numbers are written that way (`decimal_mark: comma`).
    public static func pointForm(ofDecimalComma bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        withPointForm(ofDecimalComma: bytes) { $0.map(Array.init) }
    }

    /// `pointForm(ofDecimalComma:)` written into stack memory and handed to `body` (`nil` when the
    /// text is no such number): no allocation, for the cells of every row of a file read so.
    @inline(__always)
    public static func withPointForm<R>(ofDecimalComma bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        let trimmed = bytes.trimmingSpaces()
        guard !trimmed.isEmpty, trimmed.count < 64 else { return body(nil) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { out in
            var used = 0
            func append(_ byte: UInt8) { out[used] = byte; used += 1 }
            var index = trimmed.startIndex
            if trimmed[index] == 0x2D || trimmed[index] == 0x2B { append(trimmed[index]); index += 1 }
            var digitsInGroup = 0, groups = 0, sawComma = false, sawExponent = false, digits = 0
            while index < trimmed.endIndex {
                let byte = trimmed[index]
                switch byte {
                case 0x30...0x39:
                    append(byte)
                    digits += 1
                    if !sawComma, !sawExponent { digitsInGroup += 1 }
                case 0x2E:  // a point groups thousands: 1–3 digits before the first, exactly 3 between
                    guard !sawComma, !sawExponent, groups == 0 ? (1...3).contains(digitsInGroup) : digitsInGroup == 3 else { return body(nil) }
                    groups += 1
                    digitsInGroup = 0
                case 0x2C:
                    guard !sawComma, !sawExponent, digits > 0, groups == 0 || digitsInGroup == 3 else { return body(nil) }
                    sawComma = true
                    append(0x2E)
                case 0x45, 0x65:
                    guard !sawExponent, digits > 0 else { return body(nil) }
                    sawExponent = true
                    append(byte)
                    if index + 1 < trimmed.endIndex, trimmed[index + 1] == 0x2D || trimmed[index + 1] == 0x2B {
                        index += 1
                        append(trimmed[index])
                    }
                default:
                    return body(nil)
                }
                index += 1
            }
            guard digits > 0, groups == 0 || sawComma || sawExponent || digitsInGroup == 3 else { return body(nil) }
            return body(UnsafeBufferPointer(rebasing: out[..<used]))
        }
    }


    /// A plain decimal number (optional sign, digits with optional comma grouping, optional
    /// fraction and exponent); `nil` for anything else, including `NaN` and `inf`.
    public static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = bytes.count
        guard count > 0, count < 64 else { return nil }
        var digits = 0
        var commas = 0
        var sawPoint = false
        var sawExponent = false
        var index = 0
        if bytes[0] == 0x2D || bytes[0] == 0x2B { index = 1 }
        var groupLength = -1
        while index < count {
            let byte = bytes[index]
            switch byte {
            case 0x30...0x39:
                digits += 1
                if groupLength >= 0 { groupLength += 1 }
            case 0x2C:
                guard !sawPoint, !sawExponent, digits > 0, groupLength == -1 || groupLength == 3 else { return nil }
                if groupLength == -1, digits > 3 { return nil }
                commas += 1
                groupLength = 0
            case 0x2E:
                guard !sawPoint, !sawExponent else { return nil }
                if groupLength >= 0, groupLength != 3 { return nil }
                groupLength = -1
                sawPoint = true
            case 0x45, 0x65:
                guard !sawExponent, digits > 0 else { return nil }
                if groupLength >= 0, groupLength != 3 { return nil }
                groupLength = -1
                sawExponent = true
                if index + 1 < count, bytes[index + 1] == 0x2D || bytes[index + 1] == 0x2B { index += 1 }
                guard index + 1 < count else { return nil }
            default:
                return nil
            }
            index += 1
        }
        guard digits > 0, groupLength == -1 || groupLength == 3 else { return nil }
        if commas == 0, !sawExponent, digits <= 15 {
            return shortDecimal(bytes)
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            var length = 0
            for byte in bytes where byte != 0x2C {
                buffer[length] = CChar(bitPattern: byte)
                length += 1
            }
            buffer[length] = 0
            // `1e999` overflows to infinity, which is not a number a baseline can hold.
            let value = strtod(buffer.baseAddress!, nil)
            return value.isFinite ? value : nil
        }
    }

    /// A checked decimal of at most 15 digits and no exponent: its digits as an integer divided by
    /// a power of ten, both exact in a `Double`, so the one division rounds correctly (the fast
    /// path of Clinger's algorithm, which `strtod` takes too).
    private static func shortDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double {
        var mantissa: Int64 = 0
        var fraction = 0
        var inFraction = false
        var negative = false
        for byte in bytes {
            switch byte {
            case 0x30...0x39:
                mantissa = mantissa * 10 + Int64(byte - 0x30)
                if inFraction { fraction += 1 }
            case 0x2E: inFraction = true
            case 0x2D: negative = true
            default: break
            }
        }
        let value = Double(mantissa) / powersOfTen[fraction]
        return negative ? -value : value
    }

    private static let powersOfTen: [Double] = (0...15).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }
}

/// A flag on a value that exists: it may change, or was not measured in the usual way.
public enum ValueStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Provisional: may be revised (GSS `[p]`, SDMX `P`).
    case provisional
    /// Revised since first published (GSS `[r]`).
    case revised
    /// Estimated (GSS `[e]`, SDMX `E`).
    case estimated
    /// A forecast (SDMX `F`).
    case forecast
    /// Of low reliability (GSS `[u]`, SDMX `U`).
    case lowReliability = "low_reliability"
    /// The first value after a break in the series (GSS `[b]`, SDMX `B`).
    case breakInSeries = "break"
    /// Imputed (SDMX `I`).
    case imputed
}

/// What a status code (SDMX `OBS_STATUS`, `OBS_CONF`, a publisher's flag column) means.
public enum StatusMeaning: Sendable, Hashable, Decodable {
    /// A normal value: nothing to record.
    case normal
    /// The value is missing, for this reason.
    case missing(MissingReason)
    /// The value exists, with this flag.
    case flag(ValueStatus)

    /// Every name a meaning may be written as: `normal`, a missing reason or a value status.
    public static let names: [String] = ["normal"] + MissingReason.allCases.map(\.rawValue) + ValueStatus.allCases.map(\.rawValue)

    /// The meaning written as `name`, if it is one of `names`.
    public init?(name: String) {
        if name == "normal" {
            self = .normal
        } else if let reason = MissingReason(rawValue: name) {
            self = .missing(reason)
        } else if let status = ValueStatus(rawValue: name) {
            self = .flag(status)
        } else {
            return nil
        }
    }

    /// Decodes a name; an unknown one is an error listing the known names.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let meaning = StatusMeaning(name: name) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription:
                "unknown meaning '\(name)' — use one of: \(Self.names.joined(separator: ", "))")
        }
        self = meaning
    }
}
