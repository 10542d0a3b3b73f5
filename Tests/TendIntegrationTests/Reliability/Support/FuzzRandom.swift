/// A seeded, reproducible random number generator (SplitMix64) for the fuzz suites: the same seed gives the
/// same cases on every machine and every run, so a failure names a seed and a case number that replays it.
struct FuzzRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0).
    mutating func below(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &self) }

    /// True with probability `1/n`.
    mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

    /// One element of a non-empty array.
    mutating func pick<T>(_ choices: [T]) -> T { choices[below(choices.count)] }

    /// `count` random bytes.
    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) }
    }
}
