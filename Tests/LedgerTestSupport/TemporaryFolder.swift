import Foundation

/// A fresh folder under the temporary directory, removed with everything in
/// it when the last reference goes.
public final class TemporaryFolder {
    public let path: String

    public init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-test-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }
}
