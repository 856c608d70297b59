/// Recognises files that are not CSV at all by their first bytes, so that a workbook, an image
/// or a web page saved by mistake gets a message saying what it is and what to do.
enum FileSignature {
    /// What the file is, and what to do, when its first bytes say it is not text.
    struct Match: Equatable {
        /// What the file is ("an Excel workbook (.xlsx) or another zip archive").
        var what: String
        /// What to do.
        var hint: String
    }

    private static let saveAsCSV = "open it in the spreadsheet or survey tool and save or export it as CSV UTF-8, or download the CSV the publisher offers"

    private static let binary: [([UInt8], Match)] = [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], Match(what: "a PNG image", hint: "point `path` at the CSV file")),
        ([0xFF, 0xD8, 0xFF], Match(what: "a JPEG image", hint: "point `path` at the CSV file")),
        (Array("GIF8".utf8), Match(what: "a GIF image", hint: "point `path` at the CSV file")),
        (Array("%PDF-".utf8), Match(what: "a PDF document", hint: "export or download the data as CSV rather than as a report")),
        ([0x50, 0x4B, 0x03, 0x04], Match(what: "a zip archive, such as an Excel workbook (.xlsx) or an OpenDocument spreadsheet",
                                         hint: saveAsCSV)),
        ([0x50, 0x4B, 0x05, 0x06], Match(what: "an empty zip archive", hint: saveAsCSV)),
        ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], Match(what: "an old-style Excel workbook (.xls)", hint: saveAsCSV)),
        ([0x1F, 0x8B], Match(what: "gzip-compressed", hint: "decompress it (gunzip) and point `path` at the CSV inside")),
    ]

    private static let markup: [(String, Match)] = [
        ("<!doctype html", Match(what: "a web page (HTML), perhaps a sign-in page saved instead of the download",
                                 hint: "download the CSV again (signed in, where the site asks for it) from the survey tool or the publisher")),
        ("<html", Match(what: "a web page (HTML), perhaps a sign-in page saved instead of the download",
                        hint: "download the CSV again (signed in, where the site asks for it) from the survey tool or the publisher")),
        ("<?xml", Match(what: "an XML document", hint: saveAsCSV)),
    ]

    /// The kind of file `bytes` (the start of the file) begins, when it is clearly not CSV.
    static func match(_ bytes: UnsafeBufferPointer<UInt8>) -> Match? {
        for (magic, match) in binary where bytes.count >= magic.count && zip(magic, bytes).allSatisfy({ $0 == $1 }) {
            return match
        }
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        while start < bytes.count, bytes[start] == 0x20 || bytes[start] == 0x09 || bytes[start] == 0x0A || bytes[start] == 0x0D {
            start += 1
        }
        for (prefix, match) in markup {
            let lowered = bytes[start...].prefix(prefix.utf8.count).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
            if lowered.elementsEqual(prefix.utf8) { return match }
        }
        return nil
    }
}
