// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "CaseLedger",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ledger", targets: ["LedgerCLI"]),
        .library(name: "Ledger", targets: ["Ledger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLMDB",
            pkgConfig: "lmdb",
            providers: [.apt(["liblmdb-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // OpenSSL 3's libcrypto (Docs/DECISIONS.md, "One crypto library").
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "LMDB", dependencies: ["CLMDB"]),
        // A small safe Swift face over libcrypto: SHA-256, AES-256-GCM, HMAC-SHA-256, Ed25519; contexts reused, errors as values.
        .target(name: "SystemCrypto", dependencies: ["CCrypto"]),
        .target(
            name: "Ledger",
            dependencies: [
                "LMDB",
                "SystemCrypto",
            ]
        ),
        // The council report: one self-contained page (HTML with inline SVG charts, or Markdown) from suppressed metrics.
        .target(name: "LedgerReport", dependencies: ["Ledger"]),
        .executableTarget(
            name: "LedgerCLI",
            dependencies: [
                "Ledger",
                "LedgerReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "LedgerBench",
            dependencies: ["Ledger", "CLMDB", "CSQLite", "ProcessRunner"]
        ),
        // Starts, feeds and waits for child processes: the benchmark's and the tests'; never linked into `ledger`.
        .target(name: "ProcessRunner"),
        // What every test target shares: the seeded generator, temporary folders, the `ledger` binary and how to run it.
        .target(name: "LedgerTestSupport", dependencies: ["ProcessRunner"], path: "Tests/LedgerTestSupport"),
        .testTarget(name: "LMDBTests", dependencies: ["LMDB", "LedgerTestSupport"]),
        .testTarget(name: "SystemCryptoTests", dependencies: ["SystemCrypto"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "SystemCrypto", "LedgerTestSupport", "ProcessRunner"]),
        .testTarget(name: "LedgerCLITests", dependencies: ["Ledger", "LedgerTestSupport", "ProcessRunner"]),
        .testTarget(name: "LedgerReportTests", dependencies: ["LedgerReport", "Ledger", "LedgerTestSupport"]),
    ]
)
