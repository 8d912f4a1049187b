import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// Commands that act for a kiosk take their pieces from its config, as `run` does.
@Suite("Commands with a kiosk's config", .serialized, .timeLimit(.minutes(5)))
struct KioskCommandTests {
    let skylt = Repository.skyltBinary.path
    /// A one-slide playlist, kept for the suite's life.
    let playlist = PlaylistFixture.make(slides: [
        #"{"id": "open", "template": "notice", "title": "Öppet i dag", "body": "Affären har öppet till 18."}"#
    ])

    /// A kiosk config that shows the playlist on `display`.
    func kiosk(display: String, in folder: TemporaryFolder) -> URL {
        folder.write(
            "config-\(abs(display.hashValue)).json",
            #"""
            {"id": "k", "name": "Kiosk", "languages": ["sv"], "display": \#(display),
             "stateDirectory": "\#(folder.file("state").path)", "status": {"enabled": false},
             "channels": [{"name": "test", "folder": "\#(playlist.url.path)"}]}
            """#)
    }

    func render(config: URL, in folder: TemporaryFolder, name: String) throws -> Data {
        let out = folder.file(name)
        let result = try ExternalTool.run([skylt, "render", "--config", config.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let png = try #require(
            try FileManager.default.contentsOfDirectory(atPath: out.path).sorted().first { $0.hasSuffix(".png") })
        return try Data(contentsOf: out.appendingPathComponent(png))
    }

    @Test("render --config composes at the kiosk's display, as run does")
    func renderUsesTheKiosksDisplay() throws {
        let folder = TemporaryFolder()
        let standard = kiosk(display: #"{"width": 1280, "height": 720}"#, in: folder)
        // The same pixels on a small TV read from far away: larger minimum text.
        let far = kiosk(
            display: #"{"width": 1280, "height": 720, "diagonalInches": 24, "viewingDistanceMeters": 5}"#, in: folder)
        let asStandard = try render(config: standard, in: folder, name: "standard")
        let asFar = try render(config: far, in: folder, name: "far")
        #expect(asStandard != asFar, "the display's diagonal and distance changed nothing")
        // The standard display renders exactly as a playlist preview at the same size.
        let playlistOut = folder.file("playlist")
        let result = try ExternalTool.run([
            skylt, "render", playlist.url.path, "--out", playlistOut.path, "--size", "1280x720",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: playlistOut.path).sorted().first)
        #expect(try Data(contentsOf: playlistOut.appendingPathComponent(name)) == asStandard)
    }
}
