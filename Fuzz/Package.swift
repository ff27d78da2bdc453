// swift-tools-version: 6.1
// libFuzzer on errgen's loader, decoder and validator. Its own package, because the target must
// be built with -sanitize=fuzzer, which the ordinary build does not use. Run it with `Fuzz/run`.
import PackageDescription

let package = Package(
    name: "ErrgenFuzz",
    dependencies: [.package(name: "errgen", path: "..")],
    targets: [
        .executableTarget(
            name: "errgen-fuzz",
            dependencies: [.product(name: "ErrgenCore", package: "errgen")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ],
    swiftLanguageModes: [.v6]
)
