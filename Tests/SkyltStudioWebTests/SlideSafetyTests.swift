import Foundation
import SkyltBundle
import SkyltCore
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb
import SkyltTestSupport
import Testing

@Suite("studio web: slide saves keep to their limits, their channel and what the publisher saw")
struct SlideSafetyTests {
    /// The notice with its languages field replaced by `languages`.
    static func notice(languages: String) -> [(String, String)] {
        WebHarness.notice().filter { $0.0 != "languages" } + [("languages", languages)]
    }

    @Test("more languages than a slide may have is an error at the languages field, and nothing is saved")
    func tooManyLanguages() throws {
        let harness = try WebHarness()
        let before = try harness.slideCount()
        let codes = "sv, ar, en, de, fi, uk, fa, ti, so, se, fit, es, fr, it, pl, nl"
        let response = try harness.sendMultipart(
            "/channels/demo/slides", as: "pia", form: Self.notice(languages: codes))
        #expect(response.status == 400)
        #expect(response.text.contains(#"<p id="languages-error" class="error">"#), "\(response.text)")
        #expect(response.text.contains("högst"))
        #expect(!response.text.contains(#"id="title-nl""#), "the languages past the limit get no fields")
        #expect(response.text.contains("Vattnet stängs av"), "the rest of the form is kept")
        #expect(try harness.slideCount() == before)
    }

    @Test("titles posted in hundreds of languages are cut at the limit and refused")
    func titlesInManyLanguages() throws {
        let harness = try WebHarness()
        let before = try harness.slideCount()
        let letters = "abcdefghijklmnopqrstuvwxyz".map(String.init)
        var form = Self.notice(languages: "sv")
        for first in letters.prefix(16) {
            for second in letters { form.append(("title.\(first)\(second)", "x")) }
        }
        // URL-encoded: a multipart body stops at 256 parts, this one has no such count.
        let response = try harness.send("POST", "/channels/demo/slides", as: "pia", form: form)
        #expect(response.status == 400)
        #expect(response.text.contains(#"id="languages-error""#))
        #expect(response.text.components(separatedBy: "<fieldset>").count - 1 <= 12 + 2)
        #expect(try harness.slideCount() == before)
    }

    @Test("a publisher cannot approve a revision saved after the page they approved from")
    func staleApproval() throws {
        let harness = try WebHarness()
        let key = try WebHarness.savedKey(
            try harness.sendMultipart("/channels/demo/slides", as: "kim", form: WebHarness.notice()))
        let edit = WebHarness.notice(title: "Vattnet stängs av i morgon", action: "submit").filter {
            $0.0 != "template"
        }
        #expect(try harness.sendMultipart("/channels/demo/slides/\(key)", as: "kim", form: edit).status == 303)
        let seen = try harness.send("GET", "/channels/demo/slides/\(key)", as: "pia")
        #expect(seen.text.contains(#"<input type="hidden" name="revision" value="2">"#), "\(seen.text)")
        let later = WebHarness.notice(title: "Vattnet stängs av i övermorgon", action: "submit").filter {
            $0.0 != "template"
        }
        #expect(try harness.sendMultipart("/channels/demo/slides/\(key)", as: "kim", form: later).status == 303)
        let refused = try harness.send(
            "POST", "/channels/demo/slides/\(key)/approve", as: "pia", form: [("revision", "2")])
        #expect(refused.status == 409)
        #expect(refused.text.contains("nyare version"))
        #expect(refused.text.contains("Vattnet stängs av i övermorgon"), "the newer version is shown")
        #expect(refused.text.contains(#"name="revision" value="3""#))
        #expect(try harness.approval(key).live == nil)
        let approved = try harness.send(
            "POST", "/channels/demo/slides/\(key)/approve", as: "pia", form: [("revision", "3")])
        #expect(approved.status == 303)
        #expect(try harness.approval(key).live == 3)
    }

    /// ola's upload to a slide of `other`, by its path.
    static func otherChannelUpload(_ harness: WebHarness) throws -> String {
        let response = try harness.sendMultipart(
            "/channels/other/slides", as: "ola", form: SlideUploadTests.info,
            files: SlideUploadTests.upload(try SlideUploadTests.png, named: "karta.png"))
        #expect(response.status == 303)
        let location = try #require(response.headers["Location"])
        let key = String(location.dropFirst("/channels/other/slides/".count).prefix { $0 != "?" })
        let stored = try harness.studio.slide(key, of: try harness.studio.channel(named: "other"))
        return try #require(SlideText.string(stored.content, "image"))
    }

    @Test("a slide cannot take another channel's upload by naming its path, with or without a made-up proof")
    func foreignUpload() throws {
        let harness = try WebHarness()
        let path = try Self.otherChannelUpload(harness)
        #expect(path.hasPrefix("media/") && path.hasSuffix(".png"))
        let before = try harness.slideCount()
        // A proof made from what the browser holds (its CSRF token and the path) is no proof:
        // only the server's key makes one.
        let csrf = try harness.session("pia").csrfToken
        var hasher = SHA256Hasher()
        hasher.update(Data("skylt-upload\n\(csrf)\n\(path)\n\(csrf)".utf8))
        for proof in [nil, String(repeating: "0", count: 64), hasher.finalHex()] {
            var form = SlideUploadTests.info + [("image.current", path)]
            if let proof { form.append(("image.proof", proof)) }
            let response = try harness.sendMultipart("/channels/demo/slides", as: "pia", form: form)
            #expect(response.status == 400)
            #expect(response.text.contains(#"<p id="image-error" class="error">"#), "\(response.text)")
            #expect(try harness.slideCount() == before)
        }
        let wifi = try harness.sendMultipart(
            "/channels/demo/slides/wifi", as: "pia",
            form: [("image.current", path), ("action", "save")] + [("ssid", "Byns wifi")])
        #expect(
            try harness.studio.database.query(
                "SELECT count(*) FROM media m JOIN slide_revisions r ON r.id = m.revision_id JOIN slides s ON s.id = r.slide_id JOIN channels c ON c.id = s.channel_id WHERE c.name = 'demo'"
            ).first?[0].int == 0, "no revision of demo owns the file (\(wifi.status))")
    }

    @Test("an upload previewed first is saved by the next post of the same editor, and by nobody else's")
    func previewThenSave() throws {
        let harness = try WebHarness()
        var form = SlideUploadTests.info.filter { $0.0 != "action" }
        let preview = try harness.sendMultipart(
            "/channels/demo/slides", as: "pia", form: form + [("action", "preview")],
            files: SlideUploadTests.upload(try SlideUploadTests.png, named: "karta.png"))
        #expect(preview.status == 200)
        let current = try #require(Self.hiddenValue("image.current", in: preview.text))
        let proof = try #require(Self.hiddenValue("image.proof", in: preview.text))
        form += [("image.current", current), ("image.proof", proof), ("action", "save")]
        let forged = try harness.sendMultipart("/channels/demo/slides", as: "kim", form: form)
        #expect(forged.status == 400, "another session's proof is worth nothing")
        let saved = try harness.sendMultipart("/channels/demo/slides", as: "pia", form: form)
        #expect(saved.status == 303, "\(saved.text)")
        let key = try WebHarness.savedKey(saved)
        let stored = try harness.studio.slide(key, of: try harness.studio.channel(named: "demo"))
        #expect(SlideText.string(stored.content, "image") == current)
    }

    /// The value of the hidden input `name` in `page`.
    static func hiddenValue(_ name: String, in page: String) -> String? {
        guard let start = page.range(of: #"name="\#(name)" value=""#) else { return nil }
        return String(page[start.upperBound...].prefix { $0 != "\"" })
    }

    @Test("two slides saved at once with the same title get two keys, not an error")
    func sameTitleAtOnce() throws {
        let harness = try WebHarness()
        // As if another editor's slide took the key between choosing it and storing it.
        try harness.studio.database.execute(
            """
            CREATE TRIGGER same_moment BEFORE INSERT ON slides WHEN NEW.slide_key = 'vattnet-stangs-av'
            BEGIN INSERT INTO slides (channel_id, slide_key, position) VALUES (NEW.channel_id, NEW.slide_key, -1); END
            """)
        let response = try harness.sendMultipart("/channels/demo/slides", as: "pia", form: WebHarness.notice())
        #expect(response.status == 303, "\(response.text)")
        #expect(try WebHarness.savedKey(response) == "vattnet-stangs-av-2")
    }

    @Test("the id new is kept for the forms: refused for a screen, in an import, and never made for a slide")
    func reservedNew() throws {
        let harness = try WebHarness()
        let form = ScreenPageTests.screenForm.filter { $0.0 != "key" } + [("key", "new")]
        let screen = try harness.send("POST", "/screens", as: "ada", form: form)
        #expect(screen.status == 400)
        #expect(screen.text.contains(#"<p id="key-error" class="error">"#))
        #expect(try harness.studio.screens().isEmpty)
        let folder = harness.folder.file("import-new")
        try FileManager.default.copyItem(at: Repository.demoPlaylist, to: folder)
        let file = folder.appendingPathComponent(Playlist.fileName)
        guard case .object(var root) = try JSONValue.parse(Data(contentsOf: file)),
            case .array(var slides)? = root["slides"], case .object(var first)? = slides.first
        else { throw Failure.unexpected }
        first["id"] = .string("new")
        slides[0] = .object(first)
        root["slides"] = .array(slides)
        try JSONValue.object(root).canonicalData().write(to: file)
        do throws(StudioError) {
            _ = try harness.studio.importPlaylist(channel: "third", from: folder)
            Issue.record("an import with a slide called new was taken")
        } catch {
            guard case .playlistProblems(let problems) = error.code else {
                Issue.record("\(error)")
                return
            }
            #expect(problems.map(\.slide) == ["new"])
            #expect(problems.map(\.field) == ["slides[0].id"])
        }
        let demo = try harness.studio.channel(named: "demo")
        #expect(try harness.studio.newSlideKey(title: "New", channel: demo) == "new-2")
    }

    enum Failure: Error { case unexpected }
}
