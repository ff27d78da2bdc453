// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "HummingbirdService",
    platforms: [.macOS(.v14)],
    dependencies: [
        // In your package: .package(url: "https://github.com/<owner>/errgen", from: "0.1.0", traits: ["Hummingbird"])
        .package(name: "errgen", path: "../..", traits: ["Hummingbird"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .executableTarget(
            name: "NotesService",
            dependencies: [
                .product(name: "ErrgenRuntime", package: "errgen"),
                .product(name: "ErrgenHummingbird", package: "errgen"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: [.plugin(name: "ErrgenPlugin", package: "errgen")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
