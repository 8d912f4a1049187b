public import Foundation
public import SkyltCore

/// Where the repository's files are, found from this source file so tests run from any folder.
public enum Repository {
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    public static var demoPlaylist: URL { root.appendingPathComponent("Playlists/demo") }
    public static var schema: URL { root.appendingPathComponent("Playlists/playlist.schema.json") }
    public static var fixtures: URL { root.appendingPathComponent("Tests/Fixtures") }

    /// The built `skylt` binary, beside the test bundle in the build folder.
    public static var skyltBinary: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while folder.pathComponents.count > 1 {
            folder.deleteLastPathComponent()
            let candidate = folder.appendingPathComponent("skylt")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            if folder.lastPathComponent == ".build" { break }
        }
        return root.appendingPathComponent(".build/debug/skylt")
    }
}

/// A temporary folder, removed when the value is released.
public final class TemporaryFolder: Sendable {
    public let url: URL

    public init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("skylt-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    @discardableResult
    public func write(_ name: String, _ text: String) -> URL {
        let file = self.file(name)
        try! FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: file)
        return file
    }

    public func copy(_ source: URL, as name: String) {
        let target = file(name)
        try! FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! FileManager.default.copyItem(at: source, to: target)
    }
}

/// Builds playlist folders in code: a JSON object per slide, media copied from the fixtures.
public enum PlaylistFixture {
    /// Writes `playlist.json` with these slides (JSON object literals) into a new folder, and
    /// copies the fixture media and the demo media beside it.
    public static func make(
        slides: [String], defaultLanguage: String = "sv", theme: String? = nil, extra: String = ""
    ) -> TemporaryFolder {
        let folder = TemporaryFolder()
        for name in ["halves.jpg", "halves.webp", "broken.png"] {
            folder.copy(Repository.fixtures.appendingPathComponent("media/\(name)"), as: "media/\(name)")
        }
        for name in ["karta.svg", "brod.svg", "berattelse.svg", "affisch.svg"] {
            folder.copy(Repository.demoPlaylist.appendingPathComponent("media/\(name)"), as: "media/\(name)")
        }
        let themeField = theme.map { "\"theme\": \($0)," } ?? ""
        folder.write(
            Playlist.fileName,
            """
            {"name": "fixture", "defaultLanguage": "\(defaultLanguage)", \(themeField) \(extra)
             "slides": [\(slides.joined(separator: ",\n"))]}
            """)
        return folder
    }

    /// A program of the given slides in one channel.
    public static func program(_ folder: TemporaryFolder) -> (Program, [Problem]) {
        let reading = PlaylistReader.read(folder: folder.url)
        guard let playlist = reading.playlist else { return (.empty, reading.problems) }
        return (Program(playlists: [(channel: "test", playlist: playlist)]), reading.problems)
    }
}

/// A kiosk config for `skylt run` in tests: one folder channel named `channel`, its state kept
/// in `folder`, and no status page (so that parallel tests never compete for its port).
public enum KioskConfigFixture {
    @discardableResult
    public static func write(in folder: TemporaryFolder, channel: String, playlist: URL) -> URL {
        folder.write(
            "config.json",
            #"""
            {"id": "t", "name": "Test", "languages": ["sv"], "stateDirectory": "\#(folder.file("state").path)",
             "status": {"enabled": false}, "channels": [{"name": "\#(channel)", "folder": "\#(playlist.path)"}]}
            """#)
    }
}
