import Foundation
import SkyltCore
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb
import SkyltTestSupport
import Testing

/// A story read aloud and a notice's map, made in the slide form: checked by content, kept
/// through a refused form, published as visitor pages, previewed with the pages' real links.
@Suite("studio web: story audio and text, and files to download", .serialized)
struct SlideVisitorFileTests {
    static let toolsInstalled = ["espeak-ng", "oggenc", "zbarimg"].allSatisfy { tool in
        (try? ExternalTool.run(["sh", "-c", "command -v \(tool)"]).status) == 0
    }
    static let runs = toolsInstalled || ProcessInfo.processInfo.environment["CI"] != nil
    static let base = "https://skylt.example.org/site/demo"

    /// Ogg Vorbis of `text` spoken in `voice`, by espeak-ng and oggenc.
    static func ogg(_ text: String, voice: String) throws -> Data {
        let folder = TemporaryFolder()
        let wav = folder.file("x.wav").path
        let ogg = folder.file("x.ogg").path
        #expect(try ExternalTool.run(["espeak-ng", "-v", voice, "-w", wav, text]).status == 0)
        #expect(try ExternalTool.run(["oggenc", "-Q", wav, "-o", ogg]).status == 0)
        return try Data(contentsOf: URL(fileURLWithPath: ogg))
    }

    static let storyFields: [(String, String)] = [
        ("template", "story"), ("title.sv", "Älgen vid sjön"), ("author.sv", "Elsa"),
        ("image.current", "media/berattelse.svg"),
        ("readings[0].language", "sv"), ("readings[0].text", "Det var en gång en älg."),
        ("readings[1].language", "ar"), ("readings[1].text", "كان يا ما كان"),
    ]

    static func audio() throws -> [UploadPart] {
        [
            UploadPart(
                field: "readings[0].audio", filename: "sv.ogg", type: "audio/ogg",
                data: try ogg("Det var en gång en älg.", voice: "sv")),
            UploadPart(
                field: "readings[1].audio", filename: "ar.ogg", type: "audio/ogg",
                data: try ogg("كان يا ما كان", voice: "ar")),
        ]
    }

    /// The preview PNGs a form response links to, decoded with zbarimg.
    static func previewCodes(_ response: HTTPResponse, _ harness: WebHarness) throws -> [String] {
        let folder = TemporaryFolder()
        var codes: [String] = []
        let urls = response.text.components(separatedBy: "\"").filter { $0.hasPrefix("/previews/") }
        #expect(!urls.isEmpty)
        for (index, url) in urls.enumerated() {
            let png = folder.file("\(index).png")
            try harness.send("GET", url, as: "pia").body.write(to: png)
            codes += try ExternalTool.zbarDecode(png)
        }
        return codes
    }

    @Test(
        "sv and ar audio with text: saved, published as pages, and the preview's codes are the pages' links",
        .enabled(if: runs))
    func storyPublished() throws {
        let harness = try WebHarness()
        let files = try Self.audio()
        let preview = try harness.sendMultipart(
            "/channels/demo/slides", as: "pia", form: Self.storyFields + [("action", "preview")], files: files)
        #expect(preview.status == 200, "\(preview.text)")
        #expect(preview.text.contains(#"lang="ar" dir="rtl""#), "the Arabic text is typed right to left")
        let codes = Set(try Self.previewCodes(preview, harness))
        #expect(
            codes.isSuperset(of: [Self.base + "/v/new-slide/sv.html", Self.base + "/v/new-slide/ar.html"]), "\(codes)")

        // The preview's kept uploads (hidden `.current` and `.proof`) are saved without sending them again.
        let kept = try HiddenFields.read(preview.text).filter { $0.0.hasPrefix("readings[") && !$0.1.isEmpty }
        #expect(kept.count == 4)
        let saved = try harness.sendMultipart(
            "/channels/demo/slides", as: "pia", form: Self.storyFields + kept + [("action", "save")])
        #expect(saved.status == 303, "\(saved.text)")
        let key = try WebHarness.savedKey(saved)
        _ = try harness.studio.publish(channel: "demo")
        let site = harness.site.appendingPathComponent("demo/v")
        for (language, direction) in [("sv", "ltr"), ("ar", "rtl")] {
            let page = try String(contentsOf: site.appendingPathComponent("\(key)/\(language).html"), encoding: .utf8)
            #expect(page.contains(#"lang="\#(language)""#) && page.contains(#"dir="\#(direction)""#))
        }
        let media = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("media").path)
        #expect(media.filter { $0.hasSuffix(".ogg") }.count == 2)
        let story = try #require(try harness.publishedSlides()[key])
        guard case .object(let fields) = story, case .array(let readings)? = fields["readings"] else {
            Issue.record("no readings in \(story)")
            return
        }
        let urls = readings.compactMap { item -> String? in
            if case .object(let reading) = item, case .string(let url)? = reading["url"] { return url }
            return nil
        }
        #expect(urls == [Self.base + "/v/\(key)/sv.html", Self.base + "/v/\(key)/ar.html"])
        #expect(!story.canonicalData().contains(Data("audio".utf8)))
        // The sweep keeps the audio the revision owns.
        let hashes = media.filter { $0.hasSuffix(".ogg") }.map { String($0.dropLast(4)) }
        _ = try harness.studio.sweepUnreferencedMedia(olderThan: 0)
        for hash in hashes { #expect(try harness.studio.media.contains(hash)) }
    }

    @Test("a PNG posing as audio is refused at its field, the rest of the form kept")
    func pngAsAudio() throws {
        let harness = try WebHarness()
        let png = try SlideUploadTests.png
        let response = try harness.sendMultipart(
            "/channels/demo/slides", as: "pia", form: Self.storyFields + [("action", "save")],
            files: [UploadPart(field: "readings[0].audio", filename: "sv.ogg", type: "audio/ogg", data: png)])
        #expect(response.status == 400)
        #expect(response.text.contains(#"<p id="readings-0--audio-error" class="error">"#), "\(response.text)")
        #expect(response.text.contains("”sv.ogg” är inget ljud"))
        #expect(response.text.contains("Det var en gång en älg."))
    }

    @Test("audio over 16 MB is refused at its field with its size in MB")
    func tooLarge() throws {
        let harness = try WebHarness()
        let big = Data(count: SlideVisitorUploadLimit.bytes + 1)
        let response = try harness.sendMultipart(
            "/channels/demo/slides", as: "pia", form: Self.storyFields + [("action", "save")],
            files: [UploadPart(field: "readings[1].audio", filename: "ar.ogg", type: "audio/ogg", data: big)])
        #expect(response.status == 400)
        #expect(response.text.contains(#"<p id="readings-1--audio-error" class="error">”ar.ogg” är 17 MB"#))
    }

    @Test("a reading with both a link and text, or with neither, is refused at its link")
    func eitherOr() throws {
        let harness = try WebHarness()
        let both = try harness.sendMultipart(
            "/channels/demo/slides", as: "pia",
            form: Self.storyFields + [("readings[0].url", "https://exempel.se/sv"), ("action", "save")])
        #expect(both.status == 400)
        #expect(both.text.contains(#"<p id="readings-0--url-error" class="error">Ge antingen en länk"#))
        let neither = try harness.sendMultipart(
            "/channels/demo/slides", as: "pia",
            form: [
                ("template", "story"), ("title.sv", "Älgen"), ("author.sv", "Elsa"),
                ("image.current", "media/berattelse.svg"), ("readings[0].language", "sv"), ("action", "save"),
            ])
        #expect(neither.status == 400)
        #expect(neither.text.contains(#"<p id="readings-0--url-error" class="error">Ge en länk"#))
    }

    @Test("a notice's map to download leads to v/<slide>/file.html", .enabled(if: runs))
    func fileToDownload() throws {
        let harness = try WebHarness()
        let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)
        let form: [(String, String)] = [
            ("template", "notice"), ("title.sv", "Karta över leden"), ("body.sv", "Ta med kartan."),
            ("qr.label.sv", "Kartan"), ("action", "save"),
        ]
        let saved = try harness.sendMultipart(
            "/channels/demo/slides", as: "pia", form: form,
            files: [UploadPart(field: "qr.file", filename: "karta.pdf", type: "application/pdf", data: pdf)])
        #expect(saved.status == 303, "\(saved.text)")
        let key = try WebHarness.savedKey(saved)
        _ = try harness.studio.publish(channel: "demo")
        let page = harness.site.appendingPathComponent("demo/v/\(key)/file.html")
        #expect(FileManager.default.fileExists(atPath: page.path))
        let slide = try #require(try harness.publishedSlides()[key])
        guard case .object(let fields) = slide, case .object(let qr)? = fields["qr"] else {
            Issue.record("no qr in \(slide)")
            return
        }
        #expect(qr["url"] == .string(Self.base + "/v/\(key)/file.html") && qr["file"] == nil)
        // Both a link and a file: refused at the file.
        let both = try harness.sendMultipart(
            "/channels/demo/slides", as: "pia", form: form + [("qr.url", "https://exempel.se")],
            files: [UploadPart(field: "qr.file", filename: "karta.pdf", type: "application/pdf", data: pdf)])
        #expect(both.status == 400)
        #expect(both.text.contains(#"<p id="qr-file-error" class="error">"#))
    }
}

/// The slide form's cap on one visitor file, as its hint and README say.
enum SlideVisitorUploadLimit {
    static let bytes = 16 << 20
}

/// The hidden inputs of a page, as (name, value).
enum HiddenFields {
    static func read(_ html: String) throws -> [(String, String)] {
        let pattern = try NSRegularExpression(pattern: #"<input type="hidden" name="([^"]+)" value="([^"]*)""#)
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).compactMap { match in
            guard let name = Range(match.range(at: 1), in: html), let value = Range(match.range(at: 2), in: html)
            else { return nil }
            return (String(html[name]), String(html[value]))
        }
    }
}
