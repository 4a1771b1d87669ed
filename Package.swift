// swift-tools-version:6.1
// kubemint: a mock Kubernetes service-account token issuer and token minter.

import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "kubemint",
    platforms: [.macOS(.v14)],
    // What users get: the fixture (KubeMintServer) and the domain types its API speaks (KubeMint).
    // Everything else is `package`: shared by this package's modules, tests, fuzz and bench targets.
    products: [
        .library(name: "KubeMint", targets: ["KubeMint"]),
        .library(name: "KubeMintServer", targets: ["KubeMintServer"]),
        .executable(name: "kubemint", targets: ["kubemint"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        // FileDescriptor and Errno for AtomicFile (already in the graph through swift-nio).
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // HTTPRequest/HTTPResponse types (the server's HTTP layer imports them directly).
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // HTTP/2 framing for the ExternalJWTSigner gRPC service (KubeMintSigner only).
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
    ],
    targets: [
        // LockedValue: the one lock, pthread-based so ThreadSanitizer sees it. Plain Swift, no dependencies.
        .target(name: "KubeMintLocks", swiftSettings: strict),
        // The one place OpenSSL is visible: a system library module plus a header of inline shims.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // Keys, PEM, JWS, JWK/JWKS and key ids. The only module that imports COpenSSL.
        .target(
            name: "KubeMintCrypto",
            dependencies: ["COpenSSL", "KubeMintLocks"],
            swiftSettings: strict
        ),
        // The domain: objects, store, clock, minter, reviewer, manifests, key store. No HTTP.
        .target(
            name: "KubeMint",
            dependencies: [
                "KubeMintCrypto",
                "KubeMintLocks",
                .product(name: "Yams", package: "Yams"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict
        ),
        // The embedded HTTP server: a thin layer over the domain.
        .target(
            name: "KubeMintServer",
            dependencies: [
                "KubeMint",
                "KubeMintCrypto",
                "KubeMintLocks",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                // The HTTP parts Hummingbird's channel handlers see (ConnectionDeadlines).
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            // The console's source files; scripts/console-assets compiles them into ConsoleAssets.swift.
            exclude: ["Console/console.html", "Console/console.css", "Console/console.js"],
            swiftSettings: strict
        ),
        // KEP-740's ExternalJWTSigner: gRPC over HTTP/2 on a unix socket, hand-framed on NIOHTTP2,
        // signing with the key ring. Its own module, so the core modules never pay for NIOHTTP2.
        .target(
            name: "KubeMintSigner",
            dependencies: [
                "KubeMint",
                "KubeMintCrypto",
                "KubeMintLocks",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
            ],
            swiftSettings: strict
        ),
        // The command-line tool.
        .executableTarget(
            name: "kubemint",
            dependencies: [
                "KubeMint",
                "KubeMintCrypto",
                "KubeMintServer",
                "KubeMintSigner",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubeMintCryptoTests",
            dependencies: ["KubeMintCrypto"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubeMintTests",
            dependencies: [
                "KubeMint", "KubeMintCrypto", "KubeMintLocks",
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubeMintSignerTests",
            dependencies: [
                "KubeMintSigner", "KubeMint", "KubeMintCrypto", "KubeMintLocks",
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "KubeMintServerTests",
            dependencies: [
                "KubeMintServer", "KubeMint", "KubeMintCrypto", "KubeMintLocks",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)

// The fuzz and bench targets see this package's `package` symbols, so they live here, but only when
// their scripts ask for them: plain `swift build`/`swift test` never plan, resolve or build them.
// Their sources stay in fuzz/ and bench/.
let environment = Context.environment

// KUBEMINT_FUZZ=1 (scripts/fuzz, with -sanitize=fuzzer,address in fuzz/.build-fuzz): libFuzzer
// targets over the parsers and the API; each is an executable whose `main` hands one closure to libFuzzer.
if environment["KUBEMINT_FUZZ"] == "1" {
    let fuzzTargets = ["token", "pem", "manifest", "api", "json", "protobuf", "persistence"]
    package.targets += [
        // Declares libFuzzer's LLVMFuzzerRunDriver (the runtime comes with -sanitize=fuzzer).
        .target(name: "CFuzzDriver", path: "fuzz/Sources/CFuzzDriver"),
        // The driver glue and the repository's testdata.
        .target(
            name: "FuzzSupport",
            dependencies: ["CFuzzDriver", "KubeMint", "KubeMintCrypto"],
            path: "fuzz/Sources/FuzzSupport"
        ),
    ]
    for name in fuzzTargets {
        package.targets.append(
            .executableTarget(
                name: "fuzz-\(name)",
                dependencies: ["FuzzSupport", "KubeMint", "KubeMintCrypto"]
                    + (name == "api" ? ["KubeMintServer"] : []),
                path: "fuzz/Sources/fuzz-\(name)"
            ))
        package.products.append(.executable(name: "fuzz-\(name)", targets: ["fuzz-\(name)"]))
    }
}

// KUBEMINT_BENCH=1 (bench/run, release, in bench/.build-bench): the measuring tool and a
// Hummingbird hello-world server, the framework's own ceiling.
if environment["KUBEMINT_BENCH"] == "1" {
    package.targets += [
        .executableTarget(
            name: "kubemint-bench",
            dependencies: ["KubeMint", "KubeMintCrypto", "KubeMintServer"],
            path: "bench/Sources/kubemint-bench"
        ),
        .executableTarget(
            name: "hello-server",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "bench/Sources/hello-server"
        ),
    ]
    package.products += [
        .executable(name: "kubemint-bench", targets: ["kubemint-bench"]),
        .executable(name: "hello-server", targets: ["hello-server"]),
    ]
}
