import Testing

@testable import TendServer

/// SHA-1 against FIPS 180 vectors and Python's hashlib, across the padding boundaries.
struct SHA1Tests {
    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        ("The quick brown fox jumps over the lazy dog", "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"),
        (String(repeating: "a", count: 55), "c1c8bbdc22796e28c0e15163d20899b65621d65a"),
        (String(repeating: "a", count: 56), "c2db330f6083854c99d4b5bfb6e8f29f201be699"),
        (String(repeating: "a", count: 64), "0098ba824b5c16427bd7a1122a5a442a25ec644d"),
        (String(repeating: "a", count: 119), "ee971065aaa017e0632a8ca6c77bb3bf8b1dfc56"),
        ("pässwörd", "f517ddf1d32a112ff1ad55c66d1b12cb38e7e8f7"),
    ])
    func hexDigestMatchesKnownVectors(input: String, expected: String) {
        #expect(SHA1.hexDigest(input) == expected)
    }

    @Test func aMillionBytesSpanManyBlocks() {
        let digest = SHA1.digest([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        let hex = digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        #expect(hex == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }
}
