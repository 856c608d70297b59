import Foundation

/// Paths with their symbolic links followed, the one place that calls `realpath(3)`.
public enum RealPath {
    /// `path` with every link resolved, or `nil` when it cannot be (it does not exist).
    public static func of(_ path: String) -> String? {
        guard let resolved = Foundation.realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// `path` (absolute) with its links followed as far as it exists: the real path of its
    /// deepest existing part, with the parts below it (not made yet) after it. (Foundation's
    /// `resolvingSymlinksInPath` leaves a path that does not exist as it is, links above it
    /// included.)
    public static func ofDeepestExisting(_ path: String) -> String {
        var existing = path, missing = [Substring]()
        while !existing.isEmpty, existing != "/" {
            if let real = of(existing) {
                return ([real] + missing.reversed().map(String.init)).joined(separator: "/")
            }
            let cut = existing.lastIndex(of: "/") ?? existing.startIndex
            missing.append(existing[existing.index(after: cut)...])
            existing = String(existing[..<cut])
        }
        return path
    }
}
