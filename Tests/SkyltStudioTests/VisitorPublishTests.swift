import Foundation
import SkyltBundle
import SkyltCore
import SkyltStore
import SkyltStudio
import SkyltTestSupport
import Testing

/// A studio channel whose story is read aloud and whose notice offers a map: the publish writes
/// the visitor pages beside the bundle, and kiosks get only the pages' links.
@Suite("studio publish of visitor pages", .serialized)
struct VisitorPublishTests {
    static let toolsInstalled = ["espeak-ng", "oggenc"].allSatisfy { tool in
        (try? ExternalTool.run(["sh", "-c", "command -v \(tool)"]).status) == 0
    }
    static let runs = toolsInstalled || ProcessInfo.processInfo.environment["CI"] != nil

    /// Ogg Vorbis audio of `text` spoken in `voice`, made with espeak-ng and oggenc.
    static func ogg(_ text: String, voice: String, in folder: TemporaryFolder) throws -> Data {
        let wav = folder.file("\(voice).wav").path
        let ogg = folder.file("\(voice).ogg").path
        let spoken = try ExternalTool.run(["espeak-ng", "-v", voice, "-w", wav, text])
        #expect(spoken.status == 0, "\(spoken.stderr)")
        let encoded = try ExternalTool.run(["oggenc", "-Q", wav, "-o", ogg])
        #expect(encoded.status == 0, "\(encoded.stderr)")
        return try Data(contentsOf: URL(fileURLWithPath: ogg))
    }

    static let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".utf8)

    /// The demo with slide `algen` (a story with Swedish and Arabic audio and text) and
    /// `karta` (a notice whose code offers a PDF), saved by a publisher as uploads.
    static func studio(_ fixture: StudioFixture) throws -> (Studio, audio: [String: String], map: String) {
        let studio = try fixture.demoStudio()
        let pia = try studio.addUser(name: "pia", role: .publisher, password: "correct horse battery")
        let demo = try studio.channel(named: "demo")
        let work = TemporaryFolder()
        var audio: [String: String] = [:]
        for (language, text) in [("sv", "Det var en gång en älg."), ("ar", "كان يا ما كان")] {
            let hash = try studio.media.put(try ogg(text, voice: language, in: work))
            audio[language] = SlideMedia.uploadPath(hash: hash, fileExtension: "ogg")
        }
        let map = SlideMedia.uploadPath(hash: try studio.media.put(pdf), fileExtension: "pdf")
        let story = try JSONValue.parse(
            Data(
                """
                {"id": "algen", "template": "story", "title": {"sv": "Älgen", "ar": "الأيل"}, "author": "Elsa",
                 "image": "media/berattelse.svg", "readings": [
                   {"language": "sv", "audio": "\(audio["sv"]!)", "text": "Det var en gång en älg."},
                   {"language": "ar", "audio": "\(audio["ar"]!)", "text": "كان يا ما كان"}]}
                """.utf8))
        let notice = try JSONValue.parse(
            Data(
                """
                {"id": "karta", "template": "notice", "title": {"sv": "Karta över leden"}, "body": {"sv": "Ta med kartan."},
                 "qr": {"file": "\(map)", "label": {"sv": "Kartan"}}}
                """.utf8))
        let author = SlideAuthor(userID: pia, approves: true)
        try studio.saveSlide(
            "algen", content: story, channel: demo, author: author, create: true, uploads: Set(audio.values))
        try studio.saveSlide("karta", content: notice, channel: demo, author: author, create: true, uploads: [map])
        return (studio, audio, map)
    }

    @Test("a slide's media paths include each reading's audio and every QR code's file")
    func mediaPaths() throws {
        let slide = try JSONValue.parse(
            Data(
                """
                {"image": "media/a.png", "readings": [{"language": "sv", "audio": "media/b.ogg"},
                 {"language": "en", "url": "https://x.example"}], "qr": {"file": "media/c.pdf"},
                 "more": [{"qr": {"file": "media/d.png"}}]}
                """.utf8))
        #expect(SlideMedia.paths(in: slide) == ["media/a.png", "media/c.pdf", "media/b.ogg", "media/d.png"])
        #expect(
            SlideMedia.references(in: slide).map(\.field) == [
                "image", "qr.file", "readings[0].audio", "more[0].qr.file",
            ])
    }

    @Test("publish writes the pages under <site>/demo/v and the bundle links to them", .enabled(if: runs))
    func publish() throws {
        let fixture = StudioFixture()
        let (studio, audio, map) = try Self.studio(fixture)
        let found = try studio.publishProblems(channel: "demo")
        #expect(found.isEmpty, "\(found)")
        _ = try studio.publish(channel: "demo")
        let site = fixture.site.appendingPathComponent("demo/v")
        for (language, direction) in [("sv", "ltr"), ("ar", "rtl")] {
            let page = try String(contentsOf: site.appendingPathComponent("algen/\(language).html"), encoding: .utf8)
            #expect(page.contains(#"lang="\#(language)""#) && page.contains(#"dir="\#(direction)""#))
            let hash = try #require(SlideMedia.uploadHash(audio[language]!))
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("media/\(hash).ogg").path))
        }
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("karta/file.html").path))
        let pdfHash = try #require(SlideMedia.uploadHash(map))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("media/\(pdfHash).pdf").path))
        // Served by nginx, another user: public modes whatever the studio's umask.
        let attributes = try FileManager.default.attributesOfItem(atPath: site.appendingPathComponent("algen").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o755)

        let (manifest, problems) = try fixture.verifiedManifest(studio, channel: "demo")
        #expect(problems.isEmpty)
        let bundle = try #require(manifest)
        let folder = fixture.site.appendingPathComponent("demo")
        var assets: [String: URL] = [:]
        for reference in bundle.assets.keys {
            assets[reference] = folder.appendingPathComponent("assets/" + Manifest.hex(of: reference))
        }
        let reading = PlaylistReader.decode(bundle.playlist, file: "manifest.json", folder: folder, assets: assets)
        #expect(reading.problems.isEmpty, "\(reading.problems)")
        let slides = try #require(reading.playlist).slides
        let story = try #require(slides.first { $0.id == "algen" })
        guard case .story(_, _, _, let readings, _) = story.content else {
            Issue.record("algen is not a story")
            return
        }
        let base = StudioFixture.baseURL + "/demo/v/algen/"
        #expect(readings.map(\.url) == [base + "sv.html", base + "ar.html"])
        #expect(readings.allSatisfy { $0.audio == nil && $0.text == nil })
        #expect(slides.first { $0.id == "karta" }?.qrLink?.url == StudioFixture.baseURL + "/demo/v/karta/file.html")
        let kinds = bundle.assets.values.map(\.type)
        #expect(!kinds.contains { $0.hasPrefix("audio/") || $0 == "application/pdf" })
    }

    @Test("the media sweep keeps the audio and the map a revision references", .enabled(if: runs))
    func sweepKeepsVisitorFiles() throws {
        let fixture = StudioFixture()
        let (studio, audio, map) = try Self.studio(fixture)
        let hashes = (Array(audio.values) + [map]).compactMap(SlideMedia.uploadHash)
        for hash in hashes {
            MediaSweepTests.age(try studio.media.url(for: hash), by: Int(Studio.unreferencedMediaAge) + 60)
        }
        _ = try studio.sweepUnreferencedMedia()
        for hash in hashes { #expect(try studio.media.contains(hash)) }
    }
}
