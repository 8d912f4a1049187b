import Foundation
import SkyltBundle
import SkyltCore
import SkyltTestSupport
import SkyltVisitorPages
import Testing

/// Minimal files of each kind, recognised by their first bytes.
enum SampleFiles {
    static let vorbis = Data(
        Array("OggS".utf8) + [0, 2] + [UInt8](repeating: 0, count: 20) + [1, 12] + [0x01] + Array("vorbis".utf8)
            + [0, 0, 0, 0, 1])
    static let mp3 = Data(Array("ID3".utf8) + [4, 0, 0, 0, 0, 0, 0] + [UInt8](repeating: 7, count: 100))
    static let pdf = Data("%PDF-1.7\nkarta\n".utf8) + Data(repeating: 0x20, count: 1500)
}

@Suite("Visitor pages: the site beside the bundle, and the kiosk's playlist")
struct VisitorSiteTests {
    static let base = "https://skylt.example.se/byn"

    /// A story in Swedish (audio and text), Arabic (text), Ukrainian (audio) and English (a
    /// link), and a notice whose code offers a map.
    func playlistFolder(text: String = "Det var en gång en älg.\n\nHan bodde i skogen.\nVid sjön.") -> TemporaryFolder {
        let encodedText = String(decoding: try! JSONEncoder().encode(text), as: UTF8.self)
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "saga", "template": "story", "title": {"sv": "Älgen", "uk": "Лось"}, "author": "Elsa Beskow", "image": "media/berattelse.svg", "readings": [{"language": "sv", "audio": "ljud/sv.ogg", "text": \#(encodedText)}, {"language": "ar", "text": "كان يا ما كان"}, {"language": "uk", "audio": "ljud/uk.mp3"}, {"language": "en", "url": "https://example.se/en"}]}"#,
            #"{"id": "karta", "template": "notice", "title": "Karta", "body": "Ladda ner kartan", "qr": {"file": "karta.pdf", "label": {"sv": "Vandringskarta", "en": "Walking map"}}}"#,
        ])
        for (data, name) in [
            (SampleFiles.vorbis, "ljud/sv.ogg"), (SampleFiles.mp3, "ljud/uk.mp3"), (SampleFiles.pdf, "karta.pdf"),
        ] {
            try! FileManager.default.createDirectory(
                at: folder.file(name).deletingLastPathComponent(), withIntermediateDirectories: true)
            try! data.write(to: folder.file(name))
        }
        return folder
    }

    func read(_ folder: TemporaryFolder) throws -> Playlist {
        let reading = PlaylistReader.read(folder: folder.url, visitorBaseURL: Self.base)
        #expect(reading.problems == [])
        return try #require(reading.playlist)
    }

    @Test("one page per reading with audio or text and per file, with lang, dir, the player and the other languages")
    func pages() throws {
        let source = playlistFolder()
        let out = TemporaryFolder()
        let summary = try VisitorSite.write(playlist: try read(source), into: out.url)
        #expect(Set(summary.pages) == ["v/saga/sv.html", "v/saga/ar.html", "v/saga/uk.html", "v/karta/file.html"])
        #expect(summary.mediaFiles == 3)
        #expect(FileManager.default.fileExists(atPath: out.file("v/visit.css").path))
        #expect(!FileManager.default.fileExists(atPath: out.file("v/saga/en.html").path))
        #expect(!FileManager.default.fileExists(atPath: out.file("v.new").path))

        let oggHash = try SHA256Hasher.hashFile(source.file("ljud/sv.ogg")).hex
        let media = out.file("v/media/\(oggHash).ogg")
        #expect(try Data(contentsOf: media) == SampleFiles.vorbis)

        let sv = try ParsedPage(file: out.file("v/saga/sv.html"))
        #expect(sv.mismatched.isEmpty && sv.unclosed.isEmpty, "\(sv.mismatched) \(sv.unclosed)")
        #expect(sv.html?.attributes == ["lang": "sv", "dir": "ltr"])
        #expect(sv.elements("h1").count == 1 && sv.text(in: "h1") == "Älgen")
        #expect(sv.elements("main").count == 1 && sv.text(in: "title") == "Älgen")
        #expect(sv.elements("audio").first?.attributes == ["controls": "", "preload": "metadata"])
        #expect(sv.elements("source").first?.attributes == ["src": "../media/\(oggHash).ogg", "type": "audio/ogg"])
        #expect(
            sv.texts.filter { $0.parent == "p" }.map(\.text) == [
                "Elsa Beskow", "Det var en gång en älg.", "Han bodde i skogen.", "Vid sjön.",
            ])
        #expect(sv.elements("br").count == 1)
        let links = sv.elements("a").filter { $0.parent == "li" }
        #expect(
            links.map(\.attributes) == [
                ["href": "ar.html", "hreflang": "ar", "lang": "ar", "dir": "rtl"],
                ["href": "uk.html", "hreflang": "uk", "lang": "uk", "dir": "ltr"],
            ])
        #expect(sv.text(in: "a").contains("العربية") && sv.text(in: "a").contains("Українська"))
        #expect(sv.elements("link").first?.attributes["href"] == "../visit.css")
        #expect(!sv.elements.contains { $0.attributes["style"] != nil } && sv.elements("script").isEmpty)

        let ar = try ParsedPage(file: out.file("v/saga/ar.html"))
        #expect(ar.html?.attributes == ["lang": "ar", "dir": "rtl"])
        #expect(ar.elements("audio").isEmpty, "a reading without audio has no player")
        // No Arabic title: the Swedish one, marked as Swedish inside the Arabic page.
        #expect(ar.elements("h1").first?.attributes == ["lang": "sv", "dir": "ltr"] && ar.text(in: "h1") == "Älgen")

        let uk = try ParsedPage(file: out.file("v/saga/uk.html"))
        #expect(uk.text(in: "h1") == "Лось" && uk.elements("h1").first?.attributes == [:])
        #expect(uk.elements("source").first?.attributes["type"] == "audio/mpeg")
        #expect(uk.elements("source").first?.attributes["src"]?.hasSuffix(".mp3") == true)
    }

    @Test("a file's page has its label as heading and one download link with its type and size")
    func filePage() throws {
        let source = playlistFolder()
        let out = TemporaryFolder()
        try VisitorSite.write(playlist: try read(source), into: out.url)
        let page = try ParsedPage(file: out.file("v/karta/file.html"))
        let hash = try SHA256Hasher.hashFile(source.file("karta.pdf")).hex
        #expect(page.html?.attributes == ["lang": "sv", "dir": "ltr"])
        #expect(page.text(in: "h1") == "Vandringskarta")
        let link = try #require(page.elements("a").first)
        #expect(
            link.attributes == ["href": "../media/\(hash).pdf", "download": "karta.pdf", "type": "application/pdf"])
        #expect(page.text(in: "a") == "Vandringskarta (PDF, 2 kB)")
        #expect(FileManager.default.fileExists(atPath: out.file("v/media/\(hash).pdf").path))
    }

    @Test("a page with the longest text allowed in a three-byte script stays under 100 KB")
    func weight() throws {
        let text = String(repeating: "物語を読む。\n\n", count: 2500)
        let source = playlistFolder(text: String(text.prefix(20_000)))
        let out = TemporaryFolder()
        try VisitorSite.write(playlist: try read(source), into: out.url)
        let page = try Data(contentsOf: out.file("v/saga/sv.html")).count
        let css = try Data(contentsOf: out.file("v/visit.css")).count
        #expect(page > 50_000, "the test text must weigh")
        #expect(page + css < 100_000, "\(page) + \(css) bytes")
    }

    @Test("a new site replaces the old one whole, and a playlist without visitor content removes it")
    func replaced() throws {
        let source = playlistFolder()
        let out = TemporaryFolder()
        try VisitorSite.write(playlist: try read(source), into: out.url)
        // The Arabic reading becomes a link: its page must go with the next site.
        var playlist = try read(source)
        guard case .story(let title, let author, let image, var readings, let picker) = playlist.slides[0].content
        else {
            Issue.record("not a story")
            return
        }
        readings[1] = Reading(language: "ar", url: "https://example.se/ar")
        playlist.slides[0].content = .story(
            title: title, author: author, image: image, readings: readings, pickerURL: picker)
        try VisitorSite.write(playlist: playlist, into: out.url)
        #expect(!FileManager.default.fileExists(atPath: out.file("v/saga/ar.html").path))
        #expect(FileManager.default.fileExists(atPath: out.file("v/saga/sv.html").path))
        #expect(!FileManager.default.fileExists(atPath: out.file("v.old").path))

        let plain = PlaylistReader.read(folder: Repository.demoPlaylist).playlist!
        #expect(plain.firstVisitorField == nil)
        let summary = try VisitorSite.write(playlist: plain, into: out.url)
        #expect(summary.pages.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: out.file("v").path))
    }

    @Test("the kiosk's playlist has only links, reads with the kiosk's reader, and its bundle has no audio")
    func kioskPlaylist() throws {
        let source = playlistFolder()
        let document = try JSONValue.parse(Data(contentsOf: source.file(Playlist.fileName)))
        let kiosk = VisitorSite.kioskPlaylist(document, baseURL: Self.base)
        let text = String(decoding: kiosk.canonicalData(), as: UTF8.self)
        for field in ["\"audio\"", "\"text\"", "\"file\"", "ljud/", "karta.pdf"] {
            #expect(!text.contains(field), "\(field) in \(text)")
        }
        let out = TemporaryFolder()
        let (key, _) = SecretKey.generate()
        let manifest = try BundleWriter.publish(
            source: source.url, playlist: kiosk, key: key, out: out.url, options: .init(channel: "byn")
        ) { _ in }
        #expect(manifest.assets.values.allSatisfy { !$0.type.hasPrefix("audio/") && $0.type != "application/pdf" })
        #expect(manifest.assets.count == 1, "the story's image only: \(manifest.assets)")
        var assets: [String: URL] = [:]
        for reference in manifest.assets.keys {
            assets[reference] = out.file("assets/" + Manifest.hex(of: reference))
        }
        let reading = PlaylistReader.decode(manifest.playlist, file: "manifest.json", folder: out.url, assets: assets)
        #expect(reading.problems == [])
        let playlist = try #require(reading.playlist)
        guard case .story(_, _, _, let readings, _) = playlist.slides[0].content else {
            Issue.record("not a story")
            return
        }
        #expect(
            readings.map(\.url) == [
                Self.base + "/v/saga/sv.html", Self.base + "/v/saga/ar.html", Self.base + "/v/saga/uk.html",
                "https://example.se/en",
            ])
        #expect(readings.allSatisfy { !$0.hasVisitorPage })
        #expect(
            playlist.slides[1].qrLink
                == QRLink(
                    url: Self.base + "/v/karta/file.html",
                    label: LocalizedText(["sv": "Vandringskarta", "en": "Walking map"])))
    }

    @Test("a bundle's playlist that still names an audio file is refused by the kiosk's reader")
    func kioskRefusesFiles() throws {
        let source = playlistFolder()
        let document = try JSONValue.parse(Data(contentsOf: source.file(Playlist.fileName)))
        let reading = PlaylistReader.decode(document, file: "manifest.json", folder: source.url, assets: [:])
        #expect(
            reading.problems.contains {
                $0.field == "slides[0].readings[0].audio" && $0.message.contains("not allowed in a bundle")
            })
        #expect(reading.problems.contains { $0.field == "slides[0].readings[1].text" }, "a text-only reading too")
        #expect(reading.problems.contains { $0.field == "slides[1].qr.file" })
    }
}
