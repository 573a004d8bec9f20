// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "posagent",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "posagent", targets: ["PosAgent"]),
        .executable(name: "posagent-bench", targets: ["PosAgentBench"]),
        .library(name: "Loyalty", targets: ["Loyalty"]),
        // The chain's central server (docs/central.md); the only target that links postgres-nio.
        .executable(name: "posagent-central", targets: ["PosAgentCentral"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", exact: "2.101.3"),
        .package(url: "https://github.com/swift-server/async-http-client", exact: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
        // TLS for posagent-central's serve and for the agent's trust in a chain's own CA (AsyncHTTPClient's too).
        .package(url: "https://github.com/apple/swift-nio-ssl", exact: "2.37.6"),
    ],
    targets: [
        .target(
            name: "Loyalty",
            dependencies: [
                // The phone number rule and Base32, which the central server uses too.
                "SyncWire",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                // PBKDF2 for manager PINs (BoringSSL's PKCS5_PBKDF2_HMAC).
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The sync protocol's bodies and the image checks, shared by the agent and the central server (Foundation only).
        .target(name: "SyncWire", dependencies: ["Checksums"]),
        // CRC-32, for PNG chunks (SyncWire) and the tablet's image chunks (DeviceIO).
        .target(name: "Checksums"),
        .executableTarget(
            name: "PosAgent",
            dependencies: [
                "Loyalty",
                "DeviceIO",
                "SyncWire",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // SIGHUP (systemctl reload) re-reads the OTP key file.
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .executableTarget(
            name: "PosAgentBench",
            dependencies: [
                "Loyalty",
                "DeviceIO",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // The sync benchmark's loopback central server and its plain client.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // posagent-bench central: the wire types of its uploads, and its raw insert baseline.
                "SyncWire",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // posagent-bench prompt-during-images: real PNGs for the marketing images it sends the tablet.
                "TestImages",
            ]
        ),
        .executableTarget(
            name: "PosAgentCentral",
            dependencies: [
                "SyncWire",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Database/Migrations")]
        ),
        .testTarget(
            name: "PosAgentCentralTests",
            // Loyalty only to check that what the server makes is what the agent takes (secrets, phones).
            dependencies: ["PosAgentCentral", "SyncWire", "Loyalty", "TestCertificates", "TestImages",
                           .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .testTarget(
            name: "LoyaltyTests",
            dependencies: [
                "Loyalty",
                "TestImages",
                "SyncWire",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "PosAgentTests",
            dependencies: ["PosAgent", "Loyalty", "DeviceIO", "DeviceTestbed", "TestImages", "TestCertificates", "SyncWire",
                           .product(name: "NIOCore", package: "swift-nio")],
            // The stand-in central server for the sync tests, run with /usr/bin/python3.
            exclude: ["CentralServer"]
        ),
        // Devices: serial ports, scanner and tablet protocols, udev discovery, simulators.
        .systemLibrary(
            name: "CUdev",
            pkgConfig: "libudev",
            providers: [.apt(["libudev-dev"])]
        ),
        .target(
            name: "DeviceIO",
            dependencies: [
                "CUdev",
                "Checksums",
                .product(name: "Logging", package: "swift-log"),
                // SHA-256 of a marketing image, which the tablet checks before it keeps one.
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The umockdev testbed driver and its Swift side, for the device tests and the daemon's.
        .target(name: "DeviceTestbed", dependencies: ["DeviceIO"], path: "Tests/DeviceTestbed", exclude: ["testbed.py"]),
        // A private CA and a server certificate made by openssl, for the TLS tests of serve and of the uploads.
        .target(name: "TestCertificates", path: "Tests/TestCertificates"),
        // Real PNG and JPEG files for the marketing images' tests.
        .target(name: "TestImages", dependencies: ["SyncWire", "Checksums"], path: "Tests/TestImages"),
        .testTarget(
            name: "DeviceIOTests",
            dependencies: [
                "DeviceIO",
                "DeviceTestbed",
                // Real PNG and JPEG files for the image transfer to the tablet.
                "TestImages",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        // libFuzzer targets (scripts/fuzz.sh); built normally they replay saved inputs.
        .executableTarget(
            name: "DeviceFuzzFrames",
            dependencies: ["DeviceIO"]
        ),
        .executableTarget(
            name: "DeviceFuzzScanner",
            dependencies: ["DeviceIO"]
        ),
        .executableTarget(
            name: "DeviceFuzzKeys",
            dependencies: ["DeviceIO"]
        ),
        .executableTarget(
            name: "AgentFuzzPhoneNumber",
            dependencies: ["SyncWire"]
        ),
        // The upload answer reader is SyncWire's (JSONScanner, UploadAnswer(json:)).
        .executableTarget(
            name: "AgentFuzzUploadAnswer",
            dependencies: ["SyncWire"]
        ),
        // The socket API's body readers are in the posagent executable; this links its source files in.
        .executableTarget(name: "AgentFuzzRequestBodies", dependencies: ["SyncWire"]),
        .executableTarget(
            name: "AgentFuzzConfiguration",
            dependencies: ["DeviceIO", "Loyalty", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
    ]
)
