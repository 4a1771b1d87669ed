// swift-tools-version:6.1
// The benchmark package: kept apart from the root package so `swift build` and `swift test`
// never build it. `bench/run` builds it in release mode with its own scratch path.

import PackageDescription

let package = Package(
    name: "kubemint-bench",
    platforms: [.macOS(.v14)],
    dependencies: [
        // The root package, through a link bench/run makes (.deps/kubemint -> ../..), so the
        // package identity is "kubemint" whatever the clone's folder is called.
        .package(path: ".deps/kubemint"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .executableTarget(
            name: "kubemint-bench",
            dependencies: [
                .product(name: "KubeMint", package: "kubemint"),
                .product(name: "KubeMintCrypto", package: "kubemint"),
                .product(name: "KubeMintServer", package: "kubemint"),
            ]
        ),
        .executableTarget(
            name: "hello-server",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
