/// The keys of a plugin's configuration, named as Swift names them and read as pipeline files
/// spell them: `maxFieldBytes` is the option `max_field_bytes`. A key spelt otherwise keeps its
/// raw value (`case templatePath = "template"`, `case level998 = "level_998"`).
///
/// ```swift
/// enum CodingKeys: String, OptionKey { case path, maxFieldBytes }
/// ```
public protocol OptionKey: CodingKey, RawRepresentable, CaseIterable where RawValue == String {}

extension OptionKey {
    /// The raw value in snake_case: a `_` before each capital, which is lowered.
    public var stringValue: String {
        // Asked for on every key a configuration decodes: an ASCII name is turned byte by byte
        // (its capitals are `A`–`Z`), any other by its characters.
        let raw = rawValue.utf8
        if raw.allSatisfy({ $0 < 0x80 }) {
            guard raw.contains(where: { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else { return rawValue }
            var bytes = [UInt8]()
            bytes.reserveCapacity(raw.count + 4)
            for byte in raw {
                if (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) {
                    bytes += [UInt8(ascii: "_"), byte | 0x20]
                } else {
                    bytes.append(byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var key = ""
        for character in rawValue {
            if character.isUppercase {
                key += "_" + character.lowercased()
            } else {
                key.append(character)
            }
        }
        return key
    }

    /// The key spelt `stringValue`, if there is one.
    public init?(stringValue: String) {
        guard let key = Self.allCases.first(where: { $0.stringValue == stringValue }) else { return nil }
        self = key
    }

    /// None: options are named.
    public var intValue: Int? { nil }

    /// None: options are named.
    public init?(intValue: Int) { nil }
}
