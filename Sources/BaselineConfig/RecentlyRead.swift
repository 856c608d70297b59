import Foundation

/// The values last made from the text of a file, by file name and text: a run reads some files
/// twice (the indicator catalogue that `join` and `indicators` both name, the outcomes file
/// checked with the pipeline and used when the baseline is written), and decoding is most of
/// reading one. The value must be a function of the name and the text alone, so that the same
/// pair gives back the value kept; a changed text makes it again. Safe from any thread.
public final class RecentlyRead<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var entries = [(file: String, text: String, value: Value)]()

    /// Makes an empty one.
    public init() {}

    /// The value of `file` holding `text`: the one kept, or what `make` makes (then kept, with
    /// up to three others, for texts under 1 MB).
    public func value(file: String, text: String, make: () throws -> Value) rethrows -> Value {
        lock.lock()
        let known = entries.first { $0.file == file && $0.text == text }?.value
        lock.unlock()
        if let known { return known }
        let value = try make()
        guard text.utf8.count < 1 << 20 else { return value }
        lock.lock()
        if entries.count == 4 { entries.removeFirst() }
        entries.append((file, text, value))
        lock.unlock()
        return value
    }
}
