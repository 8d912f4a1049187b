import Foundation
import SkyltBundle
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// A story read aloud in Swedish, Arabic and Ukrainian, published with its visitor pages and
/// served by nginx: every code on the rendered slide leads to its page, and its audio plays.
@Suite("Visitor pages end to end: publish, serve with nginx, scan, listen", .serialized, .timeLimit(.minutes(10)))
struct VisitorPagesEndToEndTests {
    static let skylt = Repository.skyltBinary.path
    static let toolsInstalled = ["espeak-ng", "oggenc"].allSatisfy { tool in
        (try? ExternalTool.run(["sh", "-c", "command -v \(tool)"]).status) == 0
    }
    /// Under CI the test runs (and fails) without the tools: `make test` installs them.
    static let runs = toolsInstalled || ProcessInfo.processInfo.environment["CI"] != nil

    static let stories = [
        ("sv", "sv", "Det var en gång en älg som bodde vid sjön."),
        ("ar", "ar", "كان يا ما كان، في قديم الزمان."),
        ("uk", "uk", "Жив собі лось біля озера."),
    ]

    /// The playlist folder: the story with audio made by espeak-ng and oggenc, and its text.
    static func playlist() throws -> TemporaryFolder {
        let readings = stories.map { language, _, text in
            #"{"language": "\#(language)", "audio": "ljud/\#(language).ogg", "text": "\#(text)"}"#
        }
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "algen", "template": "story", "title": {"sv": "Älgen vid sjön", "ar": "الأيل عند البحيرة", "uk": "Лось біля озера"}, "author": "Elsa", "image": "media/berattelse.svg", "readings": [\#(readings.joined(separator: ", "))]}"#
        ])
        try FileManager.default.createDirectory(at: folder.file("ljud"), withIntermediateDirectories: true)
        for (language, voice, text) in stories {
            let wav = folder.file("ljud/\(language).wav").path
            let spoken = try ExternalTool.run(["espeak-ng", "-v", voice, "-w", wav, text])
            #expect(spoken.status == 0, "\(spoken.stderr)")
            let encoded = try ExternalTool.run(["oggenc", "-Q", wav, "-o", folder.file("ljud/\(language).ogg").path])
            #expect(encoded.status == 0, "\(encoded.stderr)")
            try FileManager.default.removeItem(atPath: wav)
        }
        return folder
    }

    /// Status, headers (lowercased names) and body of a GET by curl, with an optional range.
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: Data
    }

    static func get(_ url: String, range: String? = nil) throws -> Response {
        let work = TemporaryFolder()
        let body = work.file("body")
        let headers = work.file("headers")
        var arguments = ["curl", "-sS", "-o", body.path, "-D", headers.path]
        if let range { arguments += ["-r", range] }
        let result = try ExternalTool.run(arguments + [url])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOf: headers, encoding: .utf8).components(separatedBy: "\r\n")
        let status = Int(lines.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: fields, body: try Data(contentsOf: body))
    }

    /// The value of `attribute` on the first `<tag ...>` of `html`.
    static func attribute(_ attribute: String, of tag: String, in html: String) -> String? {
        guard let start = html.range(of: "<\(tag) ") else { return nil }
        let element = html[start.upperBound...].prefix { $0 != ">" }
        guard let name = element.range(of: "\(attribute)=\"") else { return nil }
        return String(element[name.upperBound...].prefix { $0 != "\"" })
    }

    @Test(
        "every code on the published story leads to a page with its lang and dir, whose audio plays and seeks",
        .enabled(
            if: runs, "espeak-ng and oggenc are not installed (Debian espeak-ng, vorbis-tools; make test installs them)"
        ))
    func publishedStory() throws {
        let source = try Self.playlist()
        let work = TemporaryFolder()
        let out = work.file("site")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let server = try NginxServer(root: out)
        let keygen = try ExternalTool.run([Self.skylt, "keygen", "--out", work.file("k").path])
        #expect(keygen.status == 0, "\(keygen.stderr)")

        let refused = try ExternalTool.run([
            Self.skylt, "publish", source.url.path, "--key", work.file("k.key").path, "--out", out.path,
        ])
        #expect(refused.status == 1 && refused.stderr.contains("slides[0].readings[0].audio"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--base-url"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("manifest.json").path))

        let published = try ExternalTool.run([
            Self.skylt, "publish", source.url.path, "--key", work.file("k.key").path, "--out", out.path, "--base-url",
            server.baseURL + "/",
        ])
        #expect(published.status == 0, "\(published.stdout) \(published.stderr)")

        let urls = try renderedCodes(bundle: out, into: work)
        #expect(Set(urls) == Set(Self.stories.map { "\(server.baseURL)/v/algen/\($0.0).html" }), "\(urls)")
        for url in urls { try checkPage(url) }
    }

    /// The story slide as a kiosk reads it from the published bundle, drawn in landscape, and
    /// what zbarimg decodes from it.
    func renderedCodes(bundle: URL, into work: TemporaryFolder) throws -> [String] {
        let data = try Data(contentsOf: bundle.appendingPathComponent(Manifest.fileName))
        let manifest = try Manifest.decode(data, source: "manifest.json")
        // As a kiosk's cache keeps them: by hash, with the extension of their type.
        var assets: [String: URL] = [:]
        try FileManager.default.createDirectory(at: work.file("objects"), withIntermediateDirectories: true)
        for (reference, asset) in manifest.assets {
            let hex = Manifest.hex(of: reference)
            let object = work.file("objects/\(hex).\(Manifest.mediaTypes[asset.type] ?? "bin")")
            try FileManager.default.copyItem(at: bundle.appendingPathComponent("assets/" + hex), to: object)
            assets[reference] = object
        }
        #expect(manifest.assets.values.allSatisfy { !$0.type.hasPrefix("audio/") })
        let reading = PlaylistReader.decode(manifest.playlist, file: "manifest.json", folder: bundle, assets: assets)
        #expect(reading.problems == [])
        let playlist = try #require(reading.playlist)
        let program = Program(playlists: [(channel: "byn", playlist: playlist)])
        let composer = SlideComposer(profile: DisplayProfile.standard.resized(width: 1920, height: 1080))
        let png = work.file("algen.png")
        try composer.compose(program.slides[0], language: "sv").frame.writePNG(to: png)
        return try ExternalTool.zbarDecode(png)
    }

    /// The page answers 200 with the reading's lang and dir; its audio answers 200 with an
    /// audio type, and 206 with exactly 100 bytes to a range request.
    func checkPage(_ url: String) throws {
        let language = String(url.split(separator: "/").last!.dropLast(".html".count))
        let page = try Self.get(url)
        #expect(page.status == 200, "\(url)")
        #expect(page.headers["content-type"]?.hasPrefix("text/html") == true, "\(page.headers)")
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(Self.attribute("lang", of: "html", in: html) == language)
        #expect(Self.attribute("dir", of: "html", in: html) == (language == "ar" ? "rtl" : "ltr"))
        #expect(page.body.count < 100_000)
        let source = try #require(Self.attribute("src", of: "source", in: html), "\(html)")
        let audioURL = try #require(URL(string: source, relativeTo: URL(string: url))?.absoluteString)
        let audio = try Self.get(audioURL)
        #expect(audio.status == 200, "\(audioURL)")
        #expect(audio.headers["content-type"]?.hasPrefix("audio/") == true, "\(audio.headers)")
        #expect(audio.body.count > 1000)
        #expect(audio.headers["cache-control"]?.contains("immutable") == true, "\(audio.headers)")
        let part = try Self.get(audioURL, range: "0-99")
        #expect(part.status == 206 && part.body.count == 100, "\(part.status) \(part.body.count)")
        #expect(part.body == audio.body.prefix(100))
        let css = try Self.get(URL(string: "../visit.css", relativeTo: URL(string: url))!.absoluteString)
        #expect(css.status == 200 && css.headers["content-type"]?.hasPrefix("text/css") == true)
    }
}
