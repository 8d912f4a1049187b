import Foundation
import SkyltBundle
import SkyltCore
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb
import SkyltTestSupport
import Testing

@Suite("studio web: keys, screens, config.json, week plan")
struct ScreenPageTests {
    static let screenForm: [(String, String)] =
        [
            ("key", "angsby-1"), ("name", "Ängsby Handel"), ("place", "By the door"), ("size", "1080x1920"),
            ("languages", "sv, en"), ("timezone", "Europe/Stockholm"), ("hours-mon", "08:00–20:00"),
            ("hours-tue", "08:00-12:00, 13:00-20:00"), ("hours-wed", "08:00–20:00"), ("hours-thu", "08:00–20:00"),
            ("hours-fri", "08:00–20:00"), ("hours-sat", "10:00–16:00"), ("hours-sun", ""),
            ("channel-demo", "1"), ("share-demo", "2"), ("share-other", "1"),
        ]

    /// The config.json of `screen`, checked by the kiosk's own reader.
    static func config(_ harness: WebHarness, _ screen: String) throws -> (KioskConfig, HTTPResponse) {
        let response = try harness.send("GET", "/screens/\(screen)/config.json", as: "ada")
        #expect(response.status == 200)
        let file = harness.folder.file("config.json")
        try response.body.write(to: file)
        return (try KioskConfig.load(from: file), response)
    }

    @Test("a screen made through the form gives a config.json the kiosk reads as it is")
    func screenConfig() throws {
        let harness = try WebHarness()
        #expect(try harness.send("GET", "/screens/new", as: "ada").status == 200)
        let made = try harness.send("POST", "/screens", as: "ada", form: Self.screenForm)
        #expect(made.status == 303 && made.headers["Location"] == "/screens/angsby-1")
        let (config, response) = try Self.config(harness, "angsby-1")
        #expect(response.headers["Content-Disposition"] == #"attachment; filename="config.json""#)
        #expect(config.id == "angsby-1" && config.name == "Ängsby Handel" && config.languages == ["sv", "en"])
        #expect(config.display.widthPixels == 1080 && config.display.heightPixels == 1920)
        #expect(config.openingHours?.weekly[.tue]?.count == 2 && config.openingHours?.weekly[.sun] == nil)
        #expect(config.channels.map(\.name) == ["demo"] && config.channels.first?.weight == 2)
        let demo = try harness.studio.channel(named: "demo")
        #expect(
            config.channels.first?.source
                == .bundle(url: "https://skylt.example.org/site/demo/manifest.json", keys: [demo.publicKey]))
        // `skylt plan --config` takes the file as it is: the only complaint is the empty cache.
        let plan = try ExternalTool.run([
            Repository.skyltBinary.path, "plan", "--config", harness.folder.file("config.json").path, "--from",
            "2026-11-28T09:00", "--to", "2026-11-28T10:01",
        ])
        #expect(plan.stdout.contains("closed: outside opening hours"), "\(plan.stderr)")
        #expect(!plan.stderr.contains("config.json"), "\(plan.stderr)")
        let page = try harness.send("GET", "/screens/angsby-1", as: "ada")
        #expect(
            page.text.contains(#"value="Ängsby Handel""#) && page.text.contains(#"value="08:00–12:00, 13:00–20:00""#))
    }

    @Test("a refused screen form comes back filled in with the errors at their fields")
    func screenErrors() throws {
        let harness = try WebHarness()
        var form = Self.screenForm.filter { $0.0 != "hours-mon" && $0.0 != "size" }
        form += [("hours-mon", "8 till 20"), ("size", "custom"), ("width", "99999"), ("height", "1000")]
        let refused = try harness.send("POST", "/screens", as: "ada", form: form)
        #expect(refused.status == 400)
        #expect(refused.text.contains(#"id="hours-mon-error""#) && refused.text.contains(#"value="8 till 20""#))
        #expect(refused.text.contains(#"id="width-error""#) && !refused.text.contains(#"id="height-error""#))
        #expect(try harness.studio.screens().isEmpty)
        _ = try harness.send("POST", "/screens", as: "ada", form: Self.screenForm)
        let twice = try harness.send("POST", "/screens", as: "ada", form: Self.screenForm)
        #expect(twice.status == 400 && twice.text.contains(#"id="key-error""#))
    }

    @Test("after a rotation the new key signs, configs list both keys, and a retired key leaves them")
    func keyRotation() throws {
        let harness = try WebHarness()
        _ = try harness.send("POST", "/screens", as: "ada", form: Self.screenForm)
        let old = try harness.studio.channel(named: "demo").publicKey
        #expect(try harness.send("POST", "/channels/demo/keys/rotate", as: "ada").status == 303)
        let new = try harness.studio.channel(named: "demo").publicKey
        #expect(new != old)
        let files = try FileManager.default.contentsOfDirectory(
            atPath: harness.data.appendingPathComponent("keys").path)
        #expect(files.count == 3 && files.contains("demo.key"))
        _ = try harness.studio.publish(channel: "demo")
        let site = harness.site.appendingPathComponent("demo")
        #expect(BundleCheck.verify(folder: site, keys: [try PublicKey(base64: new)]).manifest != nil)
        #expect(BundleCheck.verify(folder: site, keys: [try PublicKey(base64: old)]).manifest == nil)
        let (both, _) = try Self.config(harness, "angsby-1")
        #expect(
            both.channels.first?.source
                == .bundle(url: "https://skylt.example.org/site/demo/manifest.json", keys: [old, new]))
        let keys = try harness.studio.keys(of: try harness.studio.channel(named: "demo"))
        let signing = try #require(keys.last)
        #expect(try harness.send("POST", "/channels/demo/keys/\(signing.id)/retire", as: "ada").status == 400)
        #expect(try harness.send("POST", "/channels/demo/keys/\(keys[0].id)/retire", as: "ada").status == 303)
        let (one, _) = try Self.config(harness, "angsby-1")
        #expect(
            one.channels.first?.source == .bundle(url: "https://skylt.example.org/site/demo/manifest.json", keys: [new])
        )
        let page = try harness.send("GET", "/channels/demo/keys", as: "pia")
        #expect(page.text.contains(old) && page.text.contains(new) && !page.text.contains("keys/rotate"))
    }

    @Test("the week page shows the published demo's urgent notice marked urgent, and closed time")
    func weekPlan() throws {
        let harness = try WebHarness()
        _ = try harness.studio.publish(channel: "demo")
        _ = try harness.send("POST", "/screens", as: "ada", form: Self.screenForm)
        // A Saturday while the demo's water notice is valid (until 1 December); Sunday is closed.
        let page = try harness.send("GET", "/screens/angsby-1/week?from=2026-11-28", as: "ada")
        #expect(page.status == 200)
        let text = page.text
        #expect(text.contains(#"class="tag urgent">Brådskande</strong>"#))
        #expect(text.contains(#"class="tag">Stängt</strong>"#))
        // Sunday is closed all day: its own table, one closed row.
        let sunday = try #require(text.range(of: "<caption>söndag 29 november</caption>"))
        let sundayTable = text[sunday.upperBound...].components(separatedBy: "</table>")[0]
        #expect(sundayTable.contains("00:00–24:00") && sundayTable.contains("Stängt"))
        #expect(!sundayTable.contains("Brådskande</strong>"))
        #expect(text.contains(#"href="/channels/demo/slides/"#))
        #expect(text.contains("<caption>Kanalernas andel av vanlig bildtid</caption>"))
        // A publisher of a channel the screen plays may see it; a contributor and others may not.
        #expect(try harness.send("GET", "/screens/angsby-1/week?from=2026-11-28", as: "pia").status == 200)
        #expect(try harness.send("GET", "/screens/angsby-1/week", as: "kim").status == 403)
        #expect(try harness.send("GET", "/screens/angsby-1/week", as: "ola").status == 403)
    }
}

extension ScreenPageTests {
    @Test("a channel never published is said in plain words on the week page, without the site's path")
    func unpublishedChannel() throws {
        let harness = try WebHarness()
        _ = try harness.send("POST", "/screens", as: "ada", form: Self.screenForm)
        let page = try harness.send("GET", "/screens/angsby-1/week?from=2026-11-28", as: "ada").text
        #expect(page.contains("Kanalen demo är inte publicerad än, så dess bilder syns inte i planen."))
        #expect(!page.contains(harness.site.path))
    }
}
