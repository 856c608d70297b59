/// Guesses the field delimiter — comma, semicolon or tab — from the first lines of a file.
///
/// Counts each candidate outside quotes on the header line and the next few lines. A delimiter
/// that splits every sampled line into as many fields as the header wins over one that does
/// not; then the one found most often on the header line; then comma, semicolon, tab in that
/// order. A file with none of them on its first line is read with commas (one column).
enum DelimiterSniffer {
    /// The delimiter Excel names in a first line `sep=;` (any case), if the text starts with one:
    /// that line is no row of the file (`CSVReader` passes over it).
    static func excelSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8? {
        guard bytes.count >= 5, bytes[0] | 0x20 == 0x73, bytes[1] | 0x20 == 0x65, bytes[2] | 0x20 == 0x70, bytes[3] == 0x3D,
              bytes.count == 5 || bytes[5] == 0x0A || bytes[5] == 0x0D else { return nil }
        return bytes[4]
    }

    /// The candidates, most likely first.
    static let candidates: [UInt8] = [0x2C, 0x3B, 0x09]
    /// How many lines are sampled, header included.
    static let sampleLines = 10

    /// The delimiter of the UTF-8 text `bytes` (the start of the file, byte-order mark removed).
    static func sniff(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        // Excel's own line (`sep=;`, as a European Excel writes its CSV) says it outright.
        if let named = excelSeparator(bytes), candidates.contains(named) { return named }
        var lines = [[Int]]()
        var counts = [Int](repeating: 0, count: candidates.count)
        var quoted = false, empty = true
        for byte in bytes {
            if !quoted, byte == 0x0A || byte == 0x0D {
                if !empty {
                    lines.append(counts)
                    counts = [Int](repeating: 0, count: candidates.count)
                    if lines.count == sampleLines { break }
                }
                empty = true
                continue
            }
            empty = false
            if byte == 0x22 {
                quoted.toggle()
            } else if !quoted, let index = candidates.firstIndex(of: byte) {
                counts[index] += 1
            }
        }
        if lines.isEmpty { lines.append(counts) }
        let header = lines[0]
        var best: (index: Int, rank: (Int, Int))?
        for index in candidates.indices where header[index] > 0 {
            let rank = (lines.allSatisfy { $0[index] == header[index] } ? 1 : 0, header[index])
            if let current = best, current.rank >= rank { continue }
            best = (index, rank)
        }
        return candidates[best?.index ?? 0]
    }
}
