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
    ],
    swiftLanguageModes: [.v6]
)
