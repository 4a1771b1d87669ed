// swift-tools-version:6.1
// The fuzzing package: libFuzzer targets over kubemint's parsers and its API. Kept apart from the
// root package so `swift build` and `swift test` never build it; `scripts/fuzz` builds it with
// `-sanitize=fuzzer,address` in its own scratch path and runs each target (see README).

import PackageDescription

/// The fuzz targets: each is an executable whose `main` hands one closure to libFuzzer.
let targets = ["token", "pem", "manifest", "api", "json", "protobuf", "persistence"]

let package = Package(
    name: "kubemint-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        // The root package, through a link scripts/fuzz makes (.deps/kubemint -> ../..), so the
        // package identity is "kubemint" whatever the clone's folder is called.
        .package(path: ".deps/kubemint")
    ],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver (the runtime comes with -sanitize=fuzzer).
        .target(name: "CFuzzDriver"),
        // The driver glue and the repository's testdata.
        .target(
            name: "FuzzSupport",
            dependencies: [
                "CFuzzDriver",
                .product(name: "KubeMint", package: "kubemint"),
                .product(name: "KubeMintCrypto", package: "kubemint"),
            ]
        ),
    ]
        + targets.map { name in
            .executableTarget(
                name: "fuzz-\(name)",
                dependencies: [
                    "FuzzSupport",
                    .product(name: "KubeMint", package: "kubemint"),
                    .product(name: "KubeMintCrypto", package: "kubemint"),
                ]
                    + (name == "api" ? [.product(name: "KubeMintServer", package: "kubemint")] : [])
            )
        },
    swiftLanguageModes: [.v6]
)
