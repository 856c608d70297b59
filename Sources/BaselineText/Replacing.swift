extension StringProtocol {
    /// The text with every `target` replaced by `replacement`, found byte for byte in UTF-8 from
    /// the start, a found one never overlapping the next: Foundation's
    /// `replacingOccurrences(of:with:)` without its bridge to `NSString` (about 20,000
    /// instructions a call, most of them setting up the bridge; the sinks call it hundreds of
    /// times a run), and without its canonical equivalence, which would leave a quote followed by
    /// a combining mark undoubled in a CSV cell. An empty `target` changes nothing.
    public func replacingEvery(_ target: String, with replacement: String) -> String {
        var target = target
        return target.withUTF8 { needle -> String in
            guard let first = needle.first else { return String(self) }
            let utf8 = self.utf8
            // Most calls find nothing: no copy then.
            guard utf8.contains(first) else { return String(self) }
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count + replacement.utf8.count)
            var index = utf8.startIndex
            outer: while index != utf8.endIndex {
                let byte = utf8[index]
                if byte == first {
                    var probe = index, matched = true
                    for wanted in needle {
                        guard probe != utf8.endIndex, utf8[probe] == wanted else { matched = false; break }
                        utf8.formIndex(after: &probe)
                    }
                    if matched {
                        out.append(contentsOf: replacement.utf8)
                        index = probe
                        continue outer
                    }
                }
                out.append(byte)
                utf8.formIndex(after: &index)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
