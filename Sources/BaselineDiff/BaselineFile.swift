import BaselineCore
import BaselineSchema
import BaselineText
import Foundation

/// Reads a `baseline.json` back for comparison: from the file or the folder that holds it,
/// refusing a schema version this build does not understand.
public enum BaselineFile {
    /// The major version of `baseline.json` this build reads (every 1.x).
    public static let readableMajor = 1

    /// Loads the baseline at `path` (a `baseline.json` or the folder holding one).
    public static func load(_ path: String) throws -> BaselineDocument {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BaselineError(file: path, "no such file or folder", hint: "name an output folder such as output/millbrook/2025, or its baseline.json")
        }
        // The path as the user typed it, with the file's name added.
        let file = isDirectory.boolValue ? (path.hasSuffix("/") ? path : path + "/") + "baseline.json" : path
        let data = try contents(of: file, given: path, isDirectory: isDirectory.boolValue)
        // One pass: JSONDecoder scans the whole text before decoding anything, so reading the
        // version first, then the document, scanned a baseline twice (a run with `outcomes:` reads
        // the earlier ones).
        let read: Versioned
        do {
            read = try JSONDecoder().decode(Versioned.self, from: data)
        } catch let mismatch as Versioned.DocumentMismatch {
            // Text that is not JSON first (the decoder reads lazily and may stop at a missing key before it).
            if let invalid = Self.jsonError(in: data, file: file) { throw invalid }
            throw Self.mismatch(mismatch.error, file: file, version: mismatch.version)
        } catch {
            if let invalid = Self.jsonError(in: data, file: file) { throw invalid }
            throw BaselineError(file: file, "this is not a baseline.json (no schema_version)", hint: "name a file written by the dashboard-json sink")
        }
        guard let document = read.document else {
            throw BaselineError(file: file, "unknown schema_version \(read.version): this build reads \(readableMajor).x",
                                hint: "use the `baseline` version that wrote it, or re-run the pipeline with this one")
        }
        try checkFigures(document, file: file)
        return document
    }

    /// The largest `baseline.json` read: a place's is a few hundred kilobytes (Millbrook's 259 KB),
    /// and a file of gigabytes (a sparse one, say) would be read whole before it is found not
    /// to be one.
    public static let largestBytes = 256 << 20

    /// The bytes of `file` (`path` as the user gave it): refused when it is not a regular file
    /// (a FIFO would wait forever) or is larger than `largestBytes`.
    private static func contents(of file: String, given path: String, isDirectory: Bool) throws -> Data {
        let descriptor: Int32
        switch RegularFile.open(file) {
        case .success(let opened):
            descriptor = opened
        case .failure(.notRegular(let kind)):
            throw BaselineError(file: file, "baseline.json is \(kind), not a regular file",
                                hint: "name the baseline.json a run wrote, or the folder that holds it")
        case .failure(.unreadable(let why)):
            if isDirectory, case let periods = PlaceFolder.periods(in: path), !periods.isEmpty {
                throw BaselineError(file: path, "this is a place's folder, not one period's: it holds the baselines of \(periods.joinedInWords)",
                                    hint: "name one period's folder, such as \((path.hasSuffix("/") ? path : path + "/") + periods.last!)")
            }
            if FileManager.default.fileExists(atPath: file) {
                throw BaselineError(file: file, "cannot read the baseline: \(why)", hint: "check that the file is readable")
            }
            throw BaselineError(file: file, "cannot read the baseline", hint: "run `baseline run` for this period first, or check the path")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        var info = stat()
        if fstat(descriptor, &info) == 0, Int(info.st_size) > largestBytes {
            throw BaselineError(file: file, "baseline.json is \(Int(info.st_size) >> 20) MB, more than the \(largestBytes >> 20) MB a baseline is read up to (a place's is a few hundred KB)",
                                hint: "name the baseline.json a run wrote; this one is not one, or was damaged — re-run the pipeline to write it again")
        }
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw BaselineError(file: file, "cannot read the baseline: \((error as NSError).localizedDescription)", hint: "check that the file is readable")
        }
    }

    /// Whether this build reads a document of schema `version`: one of major `readableMajor`.
    static func isReadable(_ version: String) -> Bool {
        Int(version.split(separator: ".").first ?? "") == readableMajor
    }

    /// A decoding error of a file that is JSON, as a message naming the place in the document.
    private static func mismatch(_ error: any Error, file: String, version: String) -> any Error {
        switch error {
        case let DecodingError.keyNotFound(key, context):
            return BaselineError(file: file, "baseline.json is incomplete: no '\(key.stringValue)' at \(path(context.codingPath))",
                                 hint: "re-run the pipeline to write it again")
        case let DecodingError.typeMismatch(_, context), let DecodingError.dataCorrupted(context), let DecodingError.valueNotFound(_, context):
            return BaselineError(file: file, "baseline.json does not match schema \(version) at \(path(context.codingPath)): \(context.debugDescription)",
                                 hint: "re-run the pipeline to write it again")
        default:
            return error
        }
    }

    /// Where and why `data` is not JSON, or `nil` when it is: a file cut short or edited by hand.
    static func jsonError(in data: Data, file: String) -> BaselineError? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            var reason = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            while reason.last == "." { reason.removeLast() }
            // Foundation names a byte offset ("around character 21"), or nothing when the file ends too soon.
            var offset = data.count
            if let range = reason.range(of: #"around character (\d+)"#, options: .regularExpression),
               let number = Int(reason[range].split(separator: " ").last ?? "") {
                offset = min(number, data.count)
                reason = reason.replacingCharacters(in: range, with: "here").trimmingCharacters(in: .whitespaces)
            }
            // Foundation names a number out of Double's range, and no place: the place is where its text is.
            if let range = reason.range(of: #"^Number (\S+) is not representable in Swift"#, options: .regularExpression) {
                let literal = String(reason[range].dropFirst("Number ".count).prefix { $0 != " " })
                reason = "a number too large (\(literal))"
                if let found = data.range(of: Data(literal.utf8)) { offset = found.lowerBound - data.startIndex }
            }
            let (line, column) = data.withUnsafeBytes { TextPosition.of(byteOffset: offset, in: $0.bindMemory(to: UInt8.self)) }
            return BaselineError(file: file, line: line, column: column, "baseline.json is not valid JSON: \(reason)",
                                 hint: "it may have been cut short or edited by hand; re-run the pipeline to write it again")
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.isEmpty ? "the top" : keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }

    /// A baseline's `schema_version`, and the document when this build reads that version.
    private struct Versioned: Decodable {
        var version: String
        var document: BaselineDocument?

        /// The document did not decode: `error`, in a baseline of schema `version`.
        struct DocumentMismatch: Error {
            var version: String
            var error: any Error
        }

        enum CodingKeys: String, CodingKey { case schemaVersion = "schema_version" }

        init(from decoder: any Decoder) throws {
            version = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .schemaVersion)
            guard BaselineFile.isReadable(version) else { return }
            do {
                document = try BaselineDocument(from: decoder)
            } catch {
                throw DocumentMismatch(version: version, error: error)
            }
        }
    }
}
