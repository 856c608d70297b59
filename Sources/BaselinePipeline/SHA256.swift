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
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        let hex = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        for byte in digest.prefix(Int(length)) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The hex digest of a whole file, read in 1 MiB pieces, and its size.
    public static func hexDigest(ofFile path: String) throws -> (digest: String, bytes: Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw BaselineError(file: path, "cannot open the file", hint: "check it exists and is readable")
        }
        defer { try? handle.close() }
        let digest = SHA256()
        var total = 0
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            total += chunk.count
            digest.update(chunk)
        }
        return (digest.finalizeHex(), total)
    }
}
