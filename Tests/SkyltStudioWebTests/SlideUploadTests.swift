import Foundation
import SkyltBundle
import SkyltCore
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb
import SkyltTestSupport
import Testing

@Suite("studio web: image uploads are checked by their bytes and stored by their hash")
struct SlideUploadTests {
    /// A real PNG the player decodes.
    static var png: Data {
        get throws {
            try Data(
                contentsOf: Repository.root.appendingPathComponent("Tests/Fixtures/golden/notice-sv-landscape.png"))
        }
    }

    /// An info slide's fields, with its text; the image comes as an upload.
    static let info: [(String, String)] = [
        ("template", "info"), ("title.sv", "Karta över leden"), ("body.sv", "Sju kilometer genom skogen."),
        ("fit", "contain"), ("action", "save"),
    ]

    static func upload(_ data: Data, named name: String, type: String = "image/png") -> [UploadPart] {
        [UploadPart(field: "image", filename: name, type: type, data: data)]
    }

    /// Posts the info form as pia with `files`; expects it refused with an error at the image.
    func expectRefused(_ harness: WebHarness, _ files: [UploadPart], saying words: String) throws {
        let before = try harness.slideCount()
        let mediaBefore = try FileManager.default.contentsOfDirectory(atPath: harness.studio.media.folder.path).count
        let response = try harness.sendMultipart("/channels/demo/slides", as: "pia", form: Self.info, files: files)
        #expect(response.status == 400)
        #expect(response.text.contains(#"<p id="image-error" class="error">"#), "\(response.text)")
        #expect(response.text.contains(words))
        #expect(response.text.contains("Karta över leden"), "the rest of the form is kept")
        #expect(try harness.slideCount() == before)
        let mediaAfter = try FileManager.default.contentsOfDirectory(atPath: harness.studio.media.folder.path).count
        #expect(mediaAfter == mediaBefore, "a refused upload is not stored")
    }

    @Test("a PNG is stored under its hash, whatever the browser called it, and published with the slide")
    func storedByHash() throws {
        let harness = try WebHarness()
        let data = try Self.png
        let response = try harness.sendMultipart(
            "/channels/demo/slides", as: "pia", form: Self.info, files: Self.upload(data, named: "../../etc/passwd.png")
        )
        #expect(response.status == 303, "\(response.text)")
        let key = try WebHarness.savedKey(response)
        let stored = try harness.studio.slide(key, of: try harness.studio.channel(named: "demo"))
        var hasher = SHA256Hasher()
        hasher.update(data)
        let hash = hasher.finalHex()
        #expect(SlideText.string(stored.content, "image") == "media/\(hash).png")
        #expect(try harness.studio.media.contains(hash))
        let rows = try harness.studio.database.query("SELECT path, sha256 FROM media WHERE revision_id IS NOT NULL")
        #expect(rows.map { $0[0].string ?? "" } == ["media/\(hash).png"])
        let page = try harness.send("GET", "/channels/demo/slides/\(key)", as: "pia").text
        #expect(!page.contains("etc/passwd"))
        #expect(!FileManager.default.fileExists(atPath: harness.data.appendingPathComponent("etc/passwd.png").path))
        let summary = try harness.studio.publish(channel: "demo")
        #expect(summary.slides == 8)
        #expect(try harness.publishedSlides()[key] != nil)
        // A new revision without a new upload keeps the image and its media row.
        let again = try harness.sendMultipart(
            "/channels/demo/slides/\(key)", as: "pia",
            form: Self.info.filter { $0.0 != "template" } + [("image.current", "media/\(hash).png")])
        #expect(again.status == 303)
        let carried = try harness.studio.database.query(
            "SELECT count(*) FROM media WHERE revision_id IS NOT NULL AND sha256 = ?", [.text(hash)])
        #expect(carried.first?[0].int == 2)
    }

    @Test("JPEG and WebP are taken too, named by their type found in the bytes", arguments: ["jpg", "webp"])
    func otherTypes(kind: String) throws {
        let harness = try WebHarness()
        let data = try Data(contentsOf: Repository.root.appendingPathComponent("Tests/Fixtures/media/halves.\(kind)"))
        let response = try harness.sendMultipart(
            "/channels/demo/slides", as: "pia", form: Self.info,
            files: Self.upload(data, named: "bild.png", type: "image/png"))
        #expect(response.status == 303, "\(response.text)")
        let key = try WebHarness.savedKey(response)
        let stored = try harness.studio.slide(key, of: try harness.studio.channel(named: "demo"))
        #expect(SlideText.string(stored.content, "image")?.hasSuffix(".\(kind)") == true)
    }

    @Test("a PDF, or text named .png, is refused as not an image")
    func wrongType() throws {
        let harness = try WebHarness()
        try expectRefused(
            harness, Self.upload(Data("%PDF-1.7\n1 0 obj\n".utf8), named: "karta.pdf", type: "application/pdf"),
            saying: "är ingen PNG-, JPEG- eller WebP-bild")
        try expectRefused(
            harness, Self.upload(Data("hello, I am text".utf8), named: "karta.png"),
            saying: "är ingen PNG-, JPEG- eller WebP-bild")
    }

    @Test("a file over the size cap is refused")
    func oversized() throws {
        let harness = try WebHarness()
        var data = try Self.png
        data.append(Data(count: 9 << 20))
        try expectRefused(harness, Self.upload(data, named: "stor.png"), saying: "högst 8 MB")
    }

    @Test("a PNG whose header claims 100000×100000 pixels is refused before it is decoded")
    func decompressionBomb() throws {
        let harness = try WebHarness()
        var bytes = [UInt8](try Self.png)
        // IHDR's width and height, big-endian, at bytes 16 and 20; the CRC is left wrong on
        // purpose: a decoder would reject it, so only the header check can name the size.
        for offset in [16, 20] {
            bytes.replaceSubrange(offset..<offset + 4, with: [0x00, 0x01, 0x86, 0xA0])
        }
        try expectRefused(harness, Self.upload(Data(bytes), named: "bomb.png"), saying: "100000×100000")
    }

    @Test("a PNG that the decoder cannot read is refused")
    func undecodable() throws {
        let harness = try WebHarness()
        let truncated = try Self.png.prefix(200)
        try expectRefused(
            harness, Self.upload(Data(truncated), named: "trasig.png"), saying: "går inte att läsa som bild")
    }
}
