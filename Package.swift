// swift-tools-version:6.0
import PackageDescription

/// Skylt: a signage player for the digital service points of rural areas.
///
/// No SwiftPM package dependencies: the toolchain plus Debian's C libraries, each wrapped in a
/// `.systemLibrary` target. `providers` are hints only; `make` installs the packages itself.
let package = Package(
    name: "Skylt",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "skylt", targets: ["skylt"]),
        .executable(name: "skylt-studio", targets: ["skylt-studio"]),
    ],
    targets: [
        .systemLibrary(
            name: "CSDL2", pkgConfig: "sdl2", providers: [.apt(["libsdl2-dev"])]),
        .systemLibrary(
            name: "CSDLImage", pkgConfig: "SDL2_image", providers: [.apt(["libsdl2-image-dev"])]),
        .systemLibrary(
            name: "CCairo", pkgConfig: "pangocairo", providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        .systemLibrary(
            name: "CRsvg", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev"])]),
        .systemLibrary(
            name: "CQRencode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),

        .systemLibrary(
            name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CMicroHTTPD", pkgConfig: "libmicrohttpd", providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(
            name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .systemLibrary(name: "CLinux"),
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // Debian's ICU (libicu-dev) through unversioned wrappers: time zones and date formatting
        // without the ICU data that Foundation would link into the kiosk.
        .target(
            name: "CICUShim",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc")]),
        // Image headers through libpng, libjpeg-turbo and libwebp, so that a picture's pixel
        // size is known (and capped) before SDL2_image decodes it.
        .target(
            name: "CImageHeader",
            linkerSettings: [.linkedLibrary("png16"), .linkedLibrary("jpeg"), .linkedLibrary("webp")]),
        .systemLibrary(
            name: "CXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CICal", pkgConfig: "libical", providers: [.apt(["libical-dev"])]),
        .systemLibrary(name: "CMosquitto", pkgConfig: "libmosquitto", providers: [.apt(["libmosquitto-dev"])]),
        .target(name: "SkyltCore", dependencies: ["CICUShim"]),
        .target(name: "SkyltCLI", dependencies: ["SkyltCore"]),
        .target(
            name: "SkyltCompose",
            dependencies: [
                "SkyltCore", "CCairo", "CRsvg", "CQRencode", "CSDLImage", "CSDL2", "CImageHeader", "CXML2",
            ]),
        .target(name: "SkyltPlayer", dependencies: ["SkyltCore", "SkyltCompose", "CSDL2", "CLinux"]),
        .target(name: "SkyltBundle", dependencies: ["SkyltCore", "CSodium"]),
        .target(name: "SkyltSync", dependencies: ["SkyltCore", "SkyltBundle", "CCurl"]),
        .target(name: "SkyltHTTP", dependencies: ["SkyltCore", "CMicroHTTPD"]),
        .target(name: "SkyltStatus", dependencies: ["SkyltCore", "SkyltCompose", "SkyltHTTP", "CSystemd"]),
        .target(
            name: "SkyltKiosk",
            dependencies: ["SkyltCore", "SkyltCompose", "SkyltPlayer", "SkyltBundle", "SkyltSync", "SkyltStatus"]),
        .target(name: "SkyltStore", dependencies: ["SkyltCore", "SkyltBundle", "CSQLite"]),
        .target(name: "SkyltHTML", dependencies: ["SkyltCore", "SkyltHTTP"]),
        .target(name: "SkyltVisitorPages", dependencies: ["SkyltCore", "SkyltHTML", "SkyltBundle"]),
        .target(
            name: "SkyltStudio",
            dependencies: ["SkyltCore", "SkyltBundle", "SkyltStore", "SkyltHTTP", "SkyltHTML", "SkyltVisitorPages"]),
        .target(
            name: "SkyltStudioWeb",
            dependencies: [
                "SkyltCore", "SkyltCompose", "SkyltBundle", "SkyltStore", "SkyltHTTP", "SkyltHTML", "SkyltStudio",
            ]),
        // The central feeds service: sources (warnings, calendars, news, departures, weather,
        // sensors) to signed channels, fetched with the kiosk's HTTP client.
        .target(
            name: "SkyltFeeds",
            dependencies: ["SkyltCore", "SkyltBundle", "SkyltSync", "CXML2", "CICal", "CMosquitto"]),
        .executableTarget(
            name: "skylt",
            dependencies: [
                "SkyltCore", "SkyltCompose", "SkyltPlayer", "SkyltBundle", "SkyltSync", "SkyltStatus", "SkyltKiosk",
                "SkyltVisitorPages", "SkyltFeeds", "SkyltCLI", "CLinux",
            ]),
        .executableTarget(
            name: "skylt-studio",
            dependencies: [
                "SkyltCore", "SkyltBundle", "SkyltStore", "SkyltHTTP", "SkyltStudio", "SkyltStudioWeb", "SkyltCLI",
                "CLinux",
            ]),

        .target(
            name: "SkyltTestSupport", dependencies: ["SkyltCore", "SkyltCompose", "SkyltPlayer", "SkyltBundle"]),
        // `make soak` and `make month`: the kill soak and the simulated month, a test tool.
        .executableTarget(
            name: "skylt-soak",
            dependencies: [
                "SkyltCore", "SkyltCompose", "SkyltPlayer", "SkyltBundle", "SkyltSync", "SkyltStatus", "SkyltKiosk",
                "SkyltCLI", "SkyltTestSupport",
            ]),
        .testTarget(
            name: "SkyltStatusTests",
            dependencies: ["SkyltCore", "SkyltCompose", "SkyltPlayer", "SkyltStatus", "SkyltHTTP", "SkyltTestSupport"]),
        .testTarget(name: "SkyltHTTPTests", dependencies: ["SkyltCore", "SkyltHTTP", "SkyltTestSupport"]),
        .testTarget(name: "SkyltBundleTests", dependencies: ["SkyltBundle", "SkyltTestSupport"]),
        .testTarget(
            name: "SkyltSyncTests", dependencies: ["SkyltCore", "SkyltBundle", "SkyltSync", "SkyltTestSupport"]),
        .testTarget(name: "SkyltCoreTests", dependencies: ["SkyltCore", "SkyltTestSupport"]),
        .testTarget(name: "SkyltComposeTests", dependencies: ["SkyltCore", "SkyltCompose", "SkyltTestSupport"]),
        .testTarget(
            name: "SkyltPlayerTests", dependencies: ["SkyltCore", "SkyltCompose", "SkyltPlayer", "SkyltTestSupport"]),
        .testTarget(
            name: "SkyltKioskTests",
            dependencies: [
                "SkyltCore", "SkyltCompose", "SkyltPlayer", "SkyltStatus", "SkyltKiosk", "SkyltTestSupport",
            ]),
        .testTarget(name: "SkyltStoreTests", dependencies: ["SkyltStore", "SkyltTestSupport"]),
        .testTarget(
            name: "SkyltStudioTests",
            dependencies: ["SkyltCore", "SkyltBundle", "SkyltStore", "SkyltStudio", "SkyltTestSupport"]),
        .testTarget(name: "SkyltHTMLTests", dependencies: ["SkyltCore", "SkyltHTML", "SkyltTestSupport"]),
        .testTarget(
            name: "SkyltVisitorPagesTests",
            dependencies: ["SkyltCore", "SkyltBundle", "SkyltVisitorPages", "SkyltTestSupport"]),
        .testTarget(
            name: "SkyltStudioWebTests",
            dependencies: [
                "SkyltCore", "SkyltBundle", "SkyltCompose", "SkyltStore", "SkyltHTTP", "SkyltHTML", "SkyltStudio",
                "SkyltStudioWeb", "SkyltVisitorPages", "SkyltTestSupport",
            ]),
        .testTarget(
            name: "SkyltFeedsTests",
            dependencies: [
                "SkyltCore", "SkyltBundle", "SkyltSync", "SkyltFeeds", "SkyltCompose", "SkyltTestSupport", "CXML2",
                "CICal", "CMosquitto",
            ]),
        .testTarget(
            name: "SkyltEndToEndTests",
            dependencies: ["SkyltCore", "SkyltBundle", "SkyltCompose", "SkyltStatus", "SkyltTestSupport"]),
    ]
)

// Strict settings for every Swift target, in one place.
for target in package.targets where target.type != .system {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("InternalImportsByDefault"),
            .enableUpcomingFeature("ExistentialAny"),
            .enableUpcomingFeature("MemberImportVisibility"),
        ]
}
