// swift-tools-version: 6.1
// libFuzzer on errgen's loader, decoder and validator, and on the client's decoder of responses. Its own package, because the target must
// be built with -sanitize=fuzzer, which the ordinary build does not use. Run it with `Fuzz/run`.
import PackageDescription

let package = Package(
    name: "ErrgenFuzz",
    dependencies: [.package(name: "errgen", path: "..")],
    targets: [
        .executableTarget(
            name: "errgen-fuzz",
            dependencies: [.product(name: "ErrgenSpec", package: "errgen")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
        // The client's decoder of error responses: `Fuzz/run-responses`.
        .executableTarget(
            name: "errgen-fuzz-responses",
            dependencies: [.product(name: "ErrgenSpec", package: "errgen"), .product(name: "ErrgenRuntime", package: "errgen")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
