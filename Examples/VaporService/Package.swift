// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "VaporService",
    platforms: [.macOS(.v13)],
    dependencies: [
        // In your package: .package(url: "https://github.com/<owner>/errgen", from: "0.1.0", traits: ["Vapor"])
        .package(name: "errgen", path: "../..", traits: ["Vapor"]),
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
    ],
    targets: [
        .executableTarget(
            name: "NotesService",
            dependencies: [
                .product(name: "ErrgenRuntime", package: "errgen"),
                .product(name: "ErrgenVapor", package: "errgen"),
                .product(name: "Vapor", package: "vapor"),
            ],
            plugins: [.plugin(name: "ErrgenPlugin", package: "errgen")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
