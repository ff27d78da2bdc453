// swift-tools-version: 6.0
// The mutant generator of `Tests/Mutation/run --auto`: reads Swift files with swift-syntax and
// prints the mutants it can make in them, one JSON object a line. A package of its own, so that
// errgen's package graph never depends on swift-syntax.
import PackageDescription

let package = Package(
    name: "Mutator",
    dependencies: [
        .package(url: "https://github.com/swiftlang/swift-syntax", exact: "603.0.1")
    ],
    targets: [
        .executableTarget(
            name: "errgen-mutator",
            dependencies: [
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
