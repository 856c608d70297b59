import BaselineCore
import BaselineDigest
import BaselinePipeline
import Foundation
import Testing

/// SHA-256 against the FIPS 180-4 example vectors and the system's `sha256sum`.
@Suite struct SHA256Tests {
    private func digest(_ text: String) -> String {
        let hash = SHA256()
        hash.update(Data(text.utf8))
        return hash.finalizeHex()
    }

    @Test func nistVectors() {
        #expect(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func millionAsFedInUnevenPieces() {
        let hash = SHA256()
        let piece = Data(repeating: UInt8(ascii: "a"), count: 777)
        var fed = 0
        while fed < 1_000_000 {
            let take = min(piece.count, 1_000_000 - fed)
            hash.update(piece.prefix(take))
            fed += take
        }
        #expect(hash.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func matchesSha256sumOnAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        var bytes = [UInt8]()
        var state: UInt32 = 12345
        for _ in 0..<(3 << 20) + 17 {
            state = state &* 1_103_515_245 &+ 12345
            bytes.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        try Data(bytes).write(to: url)
        let (ours, size) = try SHA256.hexDigest(ofFile: url.path)
        #expect(size == bytes.count)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum", url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let theirs = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ").first
        #expect(theirs.map(String.init) == ours)
    }

    /// `HashingInput` (how libxml2 reads a file): the bytes it hands over are the file's, in
    /// order, whatever sizes are asked for and whatever its block size; `finish` hashes what
    /// was left unread, so the digest is the whole file's.
    @Test func hashingInputHandsOverTheFileAndHashesAllOfIt() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hashing-\(UUID().uuidString).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        var bytes = [UInt8]()
        var state: UInt32 = 777
        for _ in 0..<100_003 {
            state = state &* 1_103_515_245 &+ 12345
            bytes.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        try Data(bytes).write(to: url)
        let whole = try SHA256.hexDigest(ofFile: url.path)
        for blockSize in [1, 7, 4000, 1 << 18] {
            let descriptor = open(url.path, O_RDONLY)
            try #require(descriptor >= 0)
            defer { close(descriptor) }
            let input = HashingInput(descriptor: descriptor, blockSize: blockSize)
            var got = [UInt8]()
            var ask = 1
            let target = UnsafeMutableRawPointer.allocate(byteCount: 5000, alignment: 1)
            defer { target.deallocate() }
            // Stop part-way, as a parser that has met the end of its document does.
            while got.count < 60_000 {
                let count = input.read(into: target, count: ask)
                try #require(count > 0)
                got += UnsafeRawBufferPointer(start: target, count: count)
                ask = ask * 7 % 4999 + 1
            }
            #expect(got == Array(bytes[..<got.count]), "block size \(blockSize)")
            #expect(input.finish() == InputDigest(sha256: whole.digest, bytes: bytes.count), "block size \(blockSize)")
            #expect(input.read(into: target, count: 10) == 0)
        }
    }

    /// A read that fails is -1 with its `errno`, and there is no digest.
    @Test func hashingInputReportsAFailedRead() throws {
        let descriptor = open(FileManager.default.temporaryDirectory.path, O_RDONLY | O_DIRECTORY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let input = HashingInput(descriptor: descriptor)
        var byte: UInt8 = 0
        #expect(input.read(into: &byte, count: 1) == -1)
        #expect(input.failure == EISDIR)
        #expect(input.finish() == nil)
    }
}
