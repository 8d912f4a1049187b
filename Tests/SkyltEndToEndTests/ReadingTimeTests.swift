import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// `validate` and `publish` on reading time and on every screen size a playlist declares.
@Suite("skylt validate and publish: reading time and screens", .serialized, .timeLimit(.minutes(10)))
struct ReadingTimeTests {
    let skylt = Repository.skyltBinary.path

    func run(_ arguments: [String]) throws -> ExternalTool.Result {
        try ExternalTool.run([skylt] + arguments, environment: ["SKYLT_CONFIG": "/nonexistent/skylt-config.json"])
    }

    static let words = "Butiken har öppet alla dagar i veckan och vi tar emot paket till hela byn."

    /// 113 words of body text (plus a one-word title) on a 20 s info slide.
    static func longRead() -> TemporaryFolder {
        let body = Array(repeating: words, count: 10).joined(separator: " ").split(separator: " ").prefix(113)
            .joined(separator: " ")
        return PlaylistFixture.make(slides: [
            #"{"id": "lang", "template": "info", "title": "Läs", "body": "\#(body)", "image": "media/halves.jpg", "duration": 20}"#
        ])
    }

    /// A caption that fits two lines across a landscape screen but needs three in portrait.
    static func portraitOnly(extra: String = "") -> TemporaryFolder {
        let caption =
            "Affischen visar vårens alla konserter i bygdegården, med tider och priser för varje kväll, och biljetter säljs i butiken vid kassan hela våren."
        return PlaylistFixture.make(
            slides: [#"{"id": "cap", "template": "poster", "image": "media/halves.jpg", "caption": "\#(caption)"}"#],
            extra: extra)
    }

    @Test("a 113-word text on a 20 s slide warns with the numbers, and validate still passes")
    func readingTimeWarns() throws {
        let folder = Self.longRead()
        let result = try run(["validate", folder.url.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let file = folder.file(Playlist.fileName).path
        #expect(
            result.stdout.contains(
                "warning: \(file): slide 'lang': field 'body': takes about 38 s to read (114 words at 3 words/s) but the slide shows for 20 s: cut about 54 words or add 18 s"
            ), "\(result.stdout)")
    }

    @Test("the same slide at 40 s reads in time: no warning")
    func readingTimeEnough() throws {
        let folder = Self.longRead()
        let json = try String(contentsOf: folder.file(Playlist.fileName), encoding: .utf8)
        folder.write(Playlist.fileName, json.replacingOccurrences(of: #""duration": 20"#, with: #""duration": 40"#))
        let result = try run(["validate", folder.url.path])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("warning:"), "\(result.stdout)")
    }

    @Test("publish warns on reading time and still publishes")
    func publishWarns() throws {
        let folder = Self.longRead()
        let keys = TemporaryFolder()
        #expect(try run(["keygen", "--out", keys.file("k").path]).status == 0)
        let result = try run([
            "publish", folder.url.path, "--key", keys.file("k.key").path, "--out", keys.file("b").path,
        ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("warning: ") && result.stdout.contains("cut about 54 words or add 18 s"))
    }

    @Test("an overflow only in portrait fails validate and publish by default, naming the size and how much")
    func portraitOnlyOverflow() throws {
        let folder = Self.portraitOnly()
        let landscape = try run(["validate", folder.url.path, "--size", "1920x1080"])
        #expect(landscape.status == 0, "\(landscape.stdout)")
        let result = try run(["validate", folder.url.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("slide 'cap': field 'caption': does not fit"), "\(result.stdout)")
        #expect(result.stdout.contains("(at 1080x1920)") && result.stdout.contains("px (about 1 line) too much"))
        let keys = TemporaryFolder()
        #expect(try run(["keygen", "--out", keys.file("k").path]).status == 0)
        let published = try run([
            "publish", folder.url.path, "--key", keys.file("k.key").path, "--out", keys.file("b").path,
        ])
        #expect(published.status == 1)
        #expect(published.stdout.contains("(at 1080x1920)"), "\(published.stdout)")
        #expect(!FileManager.default.fileExists(atPath: keys.file("b/manifest.json").path))
    }

    @Test("a landscape-only playlist says so in screens and then passes")
    func landscapeOnlyScreens() throws {
        let folder = Self.portraitOnly(extra: #""screens": ["1920x1080"],"#)
        let result = try run(["validate", folder.url.path])
        #expect(result.status == 0, "\(result.stdout)")
    }
}
