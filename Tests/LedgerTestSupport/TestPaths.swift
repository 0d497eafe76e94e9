import Foundation

/// Where the package's own files are, for tests that read fixtures, docs or tools.
public enum TestPaths {
    /// The package root (…/Tests/LedgerTestSupport/TestPaths.swift → …).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// A file or folder under Fixtures/.
    public static func fixture(_ name: String) -> String { root + "/Fixtures/" + name }

    /// The steering folder beside the package (DOMAIN.md, shared examples).
    public static let shared = root + "/../shared"
}
