// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Shop",
    dependencies: [
        // In your package: .package(url: "https://github.com/<owner>/errgen", from: "0.1.0")
        .package(name: "errgen", path: "../.."),
    ],
    targets: [
        .target(
            name: "ShopErrors",
            dependencies: [.product(name: "ErrgenRuntime", package: "errgen")],
            plugins: [.plugin(name: "ErrgenPlugin", package: "errgen")]
        ),
        .testTarget(name: "ShopErrorsTests", dependencies: ["ShopErrors"]),
        // A module that declares its own Catalog, String, Int, … beside its generated errors.
        .target(
            name: "Library",
            dependencies: [.product(name: "ErrgenRuntime", package: "errgen")],
            plugins: [.plugin(name: "ErrgenPlugin", package: "errgen")]
        ),
        .testTarget(
            name: "LibraryTests",
            dependencies: ["Library", .product(name: "ErrgenRuntime", package: "errgen")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
