import Foundation

/// SplitMix64: a small, fast, seeded generator, so that every random choice
/// of a harness or fuzz run can be replayed from the seed it prints.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The seed from `variable` in the environment, else `fallback`.
    static func seed(from variable: String, fallback: UInt64) -> UInt64 {
        if let text = ProcessInfo.processInfo.environment[variable], let value = UInt64(text) { return value }
        return fallback
    }
}

/// Integer settings of the harnesses (kill counts, seconds, line counts) from the environment.
enum HarnessSetting {
    static func int(_ variable: String, default value: Int) -> Int {
        if let text = ProcessInfo.processInfo.environment[variable], let parsed = Int(text), parsed >= 0 { return parsed }
        return value
    }
}
