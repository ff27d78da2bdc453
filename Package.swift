// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "errgen",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "errgen", targets: ["errgen"]),
        // The spec's stages (load, model, validate, config, layout, writer), libyaml alone.
        .library(name: "ErrgenSpec", targets: ["ErrgenSpec"]),
        // Swift generation, on top of ErrgenSpec.
        .library(name: "ErrgenSwift", targets: ["ErrgenSwift"]),
        // Docs, fixtures, OpenAPI and custom outputs, and the tools (cmark-gfm, swift-mustache).
        .library(name: "ErrgenCore", targets: ["ErrgenCore"]),
        .library(name: "ErrgenRuntime", targets: ["ErrgenRuntime"]),
        .library(name: "Generated", targets: ["Generated"]),
        .plugin(name: "ErrgenPlugin", targets: ["ErrgenPlugin"]),
        .plugin(name: "ErrgenDocs", targets: ["ErrgenDocs"]),
        // Catalog errors as Hummingbird 2 responses; needs the trait "Hummingbird" (an empty
        // module without it).
        .library(name: "ErrgenHummingbird", targets: ["ErrgenHummingbird"]),
        // Catalog errors as Vapor 4 responses; needs the trait "Vapor" (an empty module without it).
        .library(name: "ErrgenVapor", targets: ["ErrgenVapor"]),
        // Catalog errors as the responses of a swift-openapi-generator server; needs the trait
        // "OpenAPI" (an empty module without it).
        .library(name: "ErrgenOpenAPI", targets: ["ErrgenOpenAPI"]),
    ],
    // The integrations with web frameworks are traits, off by default: a package that uses only
    // the build plugin and ErrgenRuntime fetches and builds none of the frameworks nor SwiftNIO.
    traits: [
        .trait(name: "Hummingbird", description: "ErrgenHummingbird: a middleware that answers thrown catalog errors in Hummingbird 2"),
        .trait(name: "Vapor", description: "ErrgenVapor: a middleware that answers thrown catalog errors in Vapor 4"),
        .trait(name: "OpenAPI", description: "ErrgenOpenAPI: a server middleware that answers thrown catalog errors in swift-openapi-generator servers"),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // Only with the trait "Hummingbird".
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Only with the trait "Vapor".
        .package(url: "https://github.com/vapor/vapor", from: "4.122.3"),
        // Only with the trait "OpenAPI".
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
    ],
    targets: [
        // libyaml, the C library, found through pkg-config.
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // cmark-gfm, GitHub's CommonMark renderer, for the HTML pages' Markdown; its core
        // extensions (tables, autolinks, strikethrough) come from a second library.
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        // The spec: load (libyaml) → model → validate, the config, the runtime's view of a
        // catalog, the outputs' layout, and the writer. Every other stage reads what it makes.
        .target(
            name: "ErrgenSpec",
            dependencies: [
                "CYAML",
                "ErrgenRuntime",
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        // Swift generation: the printer of the catalog types, and the Swift outputs of a run.
        .target(name: "ErrgenSwift", dependencies: ["ErrgenSpec", "ErrgenRuntime"]),
        // Docs, fixtures, OpenAPI documents and users' own outputs (cmark-gfm, swift-mustache),
        // and the tools on a spec: diff, translations, the OpenAPI bundler.
        .target(
            name: "ErrgenCore",
            dependencies: [
                "CCmarkGFM",
                "ErrgenSpec",
                "ErrgenSwift",
                "ErrgenRuntime",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The options and reports both command-line tools share.
        .target(
            name: "ErrgenCommandLine",
            dependencies: ["ErrgenSpec", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // What every generated catalog type conforms to and calls at run time: the catalog table,
        // the wire formats and content negotiation, with swift-http-types at the boundary.
        .target(
            name: "ErrgenRuntime",
            dependencies: [.product(name: "HTTPTypes", package: "swift-http-types")]
        ),
        // The Hummingbird 2 integration (trait "Hummingbird"): ErrgenMiddleware.
        .target(
            name: "ErrgenHummingbird",
            dependencies: [
                "ErrgenRuntime",
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Hummingbird"])),
            ]
        ),
        // The Vapor 4 integration (trait "Vapor"): ErrgenMiddleware.
        .target(
            name: "ErrgenVapor",
            dependencies: [
                "ErrgenRuntime",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Vapor", package: "vapor", condition: .when(traits: ["Vapor"])),
            ]
        ),
        // The swift-openapi-generator integration (trait "OpenAPI"): ErrgenServerMiddleware.
        .target(
            name: "ErrgenOpenAPI",
            dependencies: [
                "ErrgenRuntime",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime", condition: .when(traits: ["OpenAPI"])),
            ]
        ),
        // The command-line tool.
        .executableTarget(
            name: "errgen",
            dependencies: [
                "ErrgenCore",
                "ErrgenCommandLine",
                "ErrgenSpec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The build plugin's tool: errgen's Swift output alone, without cmark-gfm or swift-mustache.
        .executableTarget(
            name: "errgen-swift",
            dependencies: [
                "ErrgenSwift",
                "ErrgenCommandLine",
                "ErrgenSpec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Swift types of a target's errors.yaml, generated at build time.
        .plugin(name: "ErrgenPlugin", capability: .buildTool(), dependencies: ["errgen-swift"]),
        // `swift package errgen-docs`: the docs and fixtures of a package's specs, written into it.
        .plugin(
            name: "ErrgenDocs",
            capability: .command(
                intent: .custom(verb: "errgen-docs", description: "Regenerate the documentation and fixtures of the error specs"),
                permissions: [.writeToPackageDirectory(reason: "errgen writes the documentation pages and fixture files of the error specs")]
            ),
            dependencies: ["errgen"]
        ),
        // `Benchmarks/run`: errgen against the libyaml floor, compile times, runtime hot paths.
        .executableTarget(
            name: "errgen-benchmark",
            dependencies: ["ErrgenCore", "ErrgenSpec", "ErrgenSwift", "ErrgenRuntime"]
        ),
        // The benchmark's floor: a minimal program that only pulls libyaml's events from a file.
        .executableTarget(name: "errgen-floor", dependencies: ["CYAML"]),
        // The catalogs of spec/errors.yaml, generated by `swift run errgen` and committed.
        .target(name: "Generated", dependencies: ["ErrgenRuntime"]),
        // The expected output of the `edge-cases` reference spec, compiled to prove it builds.
        .target(
            name: "EdgeCaseCatalogs",
            dependencies: ["ErrgenRuntime"],
            path: "Tests/References/edge-cases/expected"
        ),
        // The expected output of the `wide` reference spec: 300 errors, a two-byte Code.
        .target(
            name: "WideCatalog",
            dependencies: ["ErrgenRuntime"],
            path: "Tests/References/wide/expected"
        ),
        // The expected output of the `injection` reference spec, whose every string is hostile
        // (Swift delimiters, comment ends, markup, control and bidirectional characters).
        .target(
            name: "InjectionCatalogs",
            dependencies: ["ErrgenRuntime"],
            path: "Tests/References/injection/expected"
        ),
        // The expected output of the `languages` reference spec: a catalog in three languages.
        .target(
            name: "LanguageCatalogs",
            dependencies: ["ErrgenRuntime"],
            path: "Tests/References/languages/expected"
        ),
        // The expected output of the `any-api` reference spec: a catalog without HTTP, integer
        // codes, errors that answer with a success status.
        .target(
            name: "AnyAPICatalogs",
            dependencies: ["ErrgenRuntime"],
            path: "Tests/References/any-api/expected"
        ),
        // The generator, stage by stage (Load, Model, Config, Render, Swift, Pipeline, Write), its
        // references and end-to-end runs of the command line.
        .testTarget(
            name: "GeneratorTests",
            dependencies: [
                "ErrgenCore", "ErrgenSpec", "ErrgenSwift", "ErrgenRuntime", "Generated", "EdgeCaseCatalogs", "WideCatalog", "InjectionCatalogs", "LanguageCatalogs", "AnyAPICatalogs",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The runtime on its own: negotiation and its side of the contract with generated code.
        .testTarget(name: "ErrgenRuntimeTests", dependencies: ["ErrgenRuntime", "Generated"]),
    ],
    swiftLanguageModes: [.v6]
)
