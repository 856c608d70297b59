import BaselineCore
import CLibCrypto
import Foundation

/// SHA-256 of the manifest's inputs, computed by the system's libcrypto (OpenSSL), which uses
/// the processor's SHA instructions where it has them.
///
/// Chosen over swift-crypto (its BoringSSL build adds about a minute to every CI build) and over
/// a digest written in Swift (about five times slower, which a large input would feel). This is
/// the only file that touches libcrypto; the type owns its context and frees it in `deinit`.
public final class SHA256 {
    private let context: OpaquePointer

    /// A new, empty digest.
    public init() {
        guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            fatalError("libcrypto could not start a SHA-256 digest (out of memory)")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Does libcrypto's one-time set-up now (reading its configuration, loading its default
    /// provider, finding SHA-256), so that the first digest does not wait for it; `true` when
    /// a digest could be started. Safe beside digests on other threads: libcrypto sets itself
    /// up once, the others waiting.
    public static func prepare() -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        return EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1
    }

    /// Feeds bytes.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Feeds bytes.
    public func update<D: DataProtocol>(_ data: D) {
        for region in data.regions {
            region.withUnsafeBytes { update($0) }
        }
    }

    /// Finishes and returns the digest as lower-case hex.
    public func finalizeHex() -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Int(EVP_MAX_MD_SIZE)) { digest in
            var length: UInt32 = 0
            EVP_DigestFinal_ex(context, digest.baseAddress, &length)
            return String(unsafeUninitializedCapacity: Int(length) * 2) { text in
                for index in 0..<Int(length) {
                    text[2 * index] = Self.hexDigits[Int(digest[index] >> 4)]
                    text[2 * index + 1] = Self.hexDigits[Int(digest[index] & 0x0F)]
                }
                return Int(length) * 2
            }
        }
    }

    /// `0`–`9`, `a`–`f`, as bytes.
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// The hex digest of a whole file and its size (see `FileDigester` for many files).
    public static func hexDigest(ofFile path: String) throws -> (digest: String, bytes: Int) {
        try FileDigester().hexDigest(ofFile: path)
    }

    /// Starts again, empty, reusing the context.
    public func reset() {
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }
}

/// Hashes file after file through one reused buffer and digest context. Plain `open`/`read`:
/// `FileHandle.read(upToCount:)` allocates a fresh buffer per call, and on a folder of ten
/// thousand notes mapping and faulting in those buffers cost more than the hashing.
public final class FileDigester {
    private let buffer: UnsafeMutableRawBufferPointer
    private let digest = SHA256()

    /// A digester with a buffer of `bufferSize` bytes.
    public init(bufferSize: Int = 1 << 17) {
        buffer = .allocate(byteCount: bufferSize, alignment: 64)
    }

    deinit {
        buffer.deallocate()
    }

    /// The hex digest of the file at `path` and its size in bytes. `stop` is asked between
    /// chunks; when it answers `true` the digest ends with `CancellationError`.
    public func hexDigest(ofFile path: String, stop: () -> Bool = { false }) throws -> (digest: String, bytes: Int) {
        var descriptor: Int32
        repeat { descriptor = open(path, O_RDONLY | O_CLOEXEC) } while descriptor < 0 && errno == EINTR
        guard descriptor >= 0 else {
            throw BaselineError(file: path, "cannot open the file: \(String(cString: strerror(errno)))",
                                hint: "check it exists and is readable")
        }
        defer { close(descriptor) }
        digest.reset()
        var total = 0
        while true {
            if stop() { throw CancellationError() }
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count > 0 {
                digest.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                total += count
            } else if count == 0 {
                break
            } else if errno != EINTR {
                throw BaselineError(file: path, "cannot read the file: \(String(cString: strerror(errno)))",
                                    hint: "check the disk and the file's permissions")
            }
        }
        return (digest.finalizeHex(), total)
    }
}

// MARK: - Version

extension SHA256 {
    /// The libcrypto the tool runs with, as the loaded library reports it
    /// (`OpenSSL_version(OPENSSL_VERSION)`, e.g. `OpenSSL 3.0.19 27 Jan 2026`).
    public static var libraryVersion: LibraryVersion {
        LibraryVersion(name: "libcrypto", version: String(cString: OpenSSL_version(OPENSSL_VERSION)), source: .runTime)
    }
}
