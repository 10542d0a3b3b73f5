import Foundation

/// SplitMix64: a small deterministic generator, so a "random" moment of a reliability test is the same on every run
/// with the same seed (`TEND_RELIABILITY_SEED`, printed when a test fails).
struct ReliabilitySeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The seed from `TEND_RELIABILITY_SEED`, or `fallback`.
    static func seed(fallback: UInt64) -> UInt64 {
        ProcessInfo.processInfo.environment["TEND_RELIABILITY_SEED"].flatMap { UInt64($0) } ?? fallback
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
