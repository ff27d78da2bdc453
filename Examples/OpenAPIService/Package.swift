// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "OpenAPIService",
    platforms: [.macOS(.v13)],
    dependencies: [
        // In your package: .package(url: "https://github.com/<owner>/errgen", from: "0.1.0", traits: ["OpenAPI"])
        .package(name: "errgen", path: "../..", traits: ["OpenAPI"]),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // The notes API: its server and client generated from openapi.json (the bundle of
        // api.yaml, whose error responses are errgen's), its errors from errors.yaml.
        .target(
            name: "NotesAPI",
            dependencies: [
                .product(name: "ErrgenRuntime", package: "errgen"),
                .product(name: "ErrgenOpenAPI", package: "errgen"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            plugins: [
                .plugin(name: "ErrgenPlugin", package: "errgen"),
                .plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator"),
            ]
        ),
        .testTarget(
            name: "NotesAPITests",
            dependencies: [
                "NotesAPI",
                .product(name: "ErrgenOpenAPI", package: "errgen"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
