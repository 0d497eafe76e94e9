import Foundation

/// Settings of the harnesses (kill counts, seconds, line counts, seeds) from the environment.
enum HarnessSetting {
    /// A whole number from `variable`, else `value`.
    static func int(_ variable: String, default value: Int) -> Int {
        if let text = ProcessInfo.processInfo.environment[variable], let parsed = Int(text), parsed >= 0 { return parsed }
        return value
    }

    /// A seed from `variable`, else `value`: a failed run prints its seed, and that seed replays it.
    static func seed(_ variable: String, default value: UInt64) -> UInt64 {
        if let text = ProcessInfo.processInfo.environment[variable], let parsed = UInt64(text) { return parsed }
        return value
    }
}
