import Foundation
@preconcurrency import Glibc
import SkyltBundle
import SkyltCore
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb
import SkyltTestSupport
import Testing

@Suite("studio web: the publish page")
struct PublishPageTests {
    /// Presses the publish page's button as `user`: the form's hidden fields as the page has them.
    static func publish(_ harness: WebHarness, as user: String) throws -> HTTPResponse {
        let page = try harness.send("GET", path, as: user).text
        return try harness.send(
            "POST", path, as: user, form: ["expected", "digest"].map { ($0, hidden($0, in: page)) })
    }

    static func hidden(_ name: String, in page: String) -> String {
        guard let start = page.range(of: #"name="\#(name)" value=""#) else { return "" }
        return String(page[start.upperBound...].prefix { $0 != "\"" })
    }

    static let path = "/channels/demo/publish"

    /// The demo published once as version 1, then changed: one slide added, one changed,
    /// one removed.
    private func changedHarness(afterPublish: AfterPublishCommand? = nil) throws -> WebHarness {
        let harness = try WebHarness(afterPublish: afterPublish)
        _ = try harness.studio.publish(channel: "demo")
        let copy = harness.folder.file("changed")
        harness.folder.copy(Repository.demoPlaylist, as: "changed")
        let file = copy.appendingPathComponent(Playlist.fileName)
        guard case .object(var root) = try JSONValue.parse(Data(contentsOf: file)),
            case .array(var slides) = root["slides"] ?? .null, case .object(var first) = slides[0],
            case .object(var added) = slides[2]
        else { throw ProblemList([]) }
        first["duration"] = .number(20)
        slides[0] = .object(first)
        slides.remove(at: 1)
        added["id"] = .string("ny-bild")
        added["title"] = .object(["sv": .string("Höstmarknad på torget"), "en": .string("Autumn market")])
        slides.append(.object(added))
        root["slides"] = .array(slides)
        try JSONValue.object(root).canonicalData().write(to: file)
        _ = try harness.studio.importPlaylist(channel: "demo", from: copy)
        return harness
    }

    @Test("the page lists the added, changed and removed slides under headings, and offers version 2")
    func listsChanges() throws {
        let harness = try changedHarness()
        let page = try harness.send("GET", Self.path, as: "pia")
        #expect(page.status == 200)
        let text = page.text
        #expect(text.components(separatedBy: "<h1").count == 2)
        #expect(text.contains("Version 1, publicerad") && text.contains("av test."))
        #expect(text.contains("<h2 id=\"changes\">Ändringar sedan version 1</h2>"))
        let added = try #require(text.range(of: "<h3>Nya bilder (1)</h3>"))
        let changed = try #require(text.range(of: "<h3>Ändrade bilder (1)</h3>"))
        let removed = try #require(text.range(of: "<h3>Borttagna bilder (1)</h3>"))
        #expect(text[added.upperBound..<changed.lowerBound].contains("Höstmarknad på torget"))
        #expect(text[changed.upperBound..<removed.lowerBound].contains("Vandra runt Ängsjön"))
        #expect(text[removed.upperBound...].contains("Vattnet stängs av tisdag 1 december kl. 8–12"))
        #expect(text.contains("Gjord av kommandoraden, godkänd av kommandoraden."))
        #expect(text.contains(#"<button type="submit">Publicera version 2</button>"#))
        #expect(text.contains(#"action="/channels/demo/publish""#))
        let english = try harness.send("GET", Self.path, as: "pia", headers: [("Accept-Language", "en")])
        #expect(english.text.contains("Changes since version 1") && english.text.contains("Publish version 2"))
    }

    @Test("the POST publishes version 2 as the publisher, and the page then says so")
    func publishes() throws {
        let harness = try changedHarness()
        let response = try Self.publish(harness, as: "pia")
        #expect(response.status == 303)
        #expect(response.headers["Location"] == "\(Self.path)?done=2")
        let page = try harness.send("GET", "\(Self.path)?done=2", as: "pia")
        #expect(page.text.contains(#"<p class="notice" role="status">Version 2 är publicerad.</p>"#))
        #expect(page.text.contains("Version 2, publicerad") && page.text.contains("av pia."))
        #expect(page.text.contains("Inget har ändrats sedan förra publiceringen."))
        #expect(page.text.contains("Publicera version 3"))
        let publication = try #require(try harness.studio.publication(channel: "demo"))
        #expect(publication.version == 2 && publication.publisherName == "pia")
        let rows = try harness.studio.database.query(
            "SELECT actor FROM audit_log WHERE action = 'channel.publish' ORDER BY id DESC LIMIT 1")
        #expect(rows.first?[0].string == "pia")
        let key = try PublicKey(base64: try harness.studio.channel(named: "demo").publicKey)
        let (manifest, problems) = BundleCheck.verify(folder: harness.site.appendingPathComponent("demo"), keys: [key])
        #expect(problems.isEmpty && manifest?.version == 2)
    }

    @Test("a contributor may neither see nor use the publish page; a non-member does not find it")
    func contributorRefused() throws {
        let harness = try WebHarness()
        #expect(try harness.send("GET", Self.path, as: "kim").status == 403)
        #expect(try harness.send("POST", Self.path, as: "kim").status == 403)
        #expect(try harness.send("GET", Self.path, as: "ola").status == 404)
        #expect(try harness.send("POST", Self.path, as: "ola").status == 404)
        #expect(try harness.studio.channel(named: "demo").publishedVersion == 0)
        #expect(try harness.send("GET", Self.path, as: "ada").status == 200)
    }

    @Test("a failed after-publish command is shown with its output, and the version is published")
    func commandFailure() throws {
        let script = harnessScript("sleep 1; echo boom; exit 3")
        defer { try? FileManager.default.removeItem(at: script) }
        let harness = try WebHarness(afterPublish: .init(command: [script.path]))
        let response = try Self.publish(harness, as: "pia")
        #expect(response.headers["Location"] == "\(Self.path)?done=1")
        // The command runs after the answer, on a thread of its own: the page says so meanwhile.
        let running = try harness.send("GET", "\(Self.path)?done=1", as: "pia").text
        #expect(running.contains("Kommandot efter publiceringen körs nu."))
        var page = ""
        let recorded = try Poll.until(seconds: 20) {
            page = try harness.send("GET", "\(Self.path)?done=1", as: "pia").text
            return page.contains("slutade med felkod")
        }
        #expect(recorded)
        #expect(page.contains(#"role="status">Version 1 är publicerad."#))
        #expect(page.contains(#"<div class="warning" role="alert">"#))
        #expect(page.contains("slutade med felkod 3") && page.contains("<pre>boom\n</pre>"))
        #expect(page.contains("Paketet är publicerat i webbplatsens mapp"))
        #expect(try harness.studio.channel(named: "demo").publishedVersion == 1)
    }

    @Test("a publish whose content or version changed since the page was shown is refused, and says so")
    func stale() throws {
        let harness = try WebHarness()
        let page = try harness.send("GET", Self.path, as: "pia").text
        let fields = ["expected", "digest"].map { ($0, Self.hidden($0, in: page)) }
        #expect(fields.allSatisfy { !$0.1.isEmpty })
        // Another publisher publishes meanwhile.
        _ = try harness.studio.publish(channel: "demo")
        let refused = try harness.send("POST", Self.path, as: "pia", form: fields)
        #expect(refused.status == 409)
        #expect(refused.text.contains("Något har ändrats sedan du öppnade sidan"))
        #expect(try harness.studio.channel(named: "demo").publishedVersion == 1)
        // A form without the fields is refused the same way; the page's own button works.
        #expect(try harness.send("POST", Self.path, as: "pia").status == 409)
        #expect(try Self.publish(harness, as: "pia").status == 303)
        #expect(try harness.studio.channel(named: "demo").publishedVersion == 2)
    }

    @Test("a publish while another holds the lock answers 409 at once, saying so, and publishes nothing")
    func busy() throws {
        let harness = try WebHarness()
        let lock = open(harness.data.appendingPathComponent("publish.lock").path, O_RDWR | O_CREAT, 0o600)
        defer { close(lock) }
        #expect(flock(lock, LOCK_EX) == 0)
        let started = Date()
        let response = try Self.publish(harness, as: "pia")
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(response.status == 409)
        #expect(response.text.contains("En annan publicering pågår just nu."))
        #expect(!response.text.contains(harness.data.path))
        #expect(try harness.studio.channel(named: "demo").publishedVersion == 0)
    }

    @Test("a problem in a slide is shown in plain words, with no button, and a POST publishes nothing")
    func problemsStop() throws {
        let harness = try WebHarness()
        try harness.studio.database.execute(
            """
            UPDATE slide_revisions SET content_json = json_set(content_json, '$.duration', -5) WHERE id =
                (SELECT live_revision_id FROM slides s JOIN channels c ON c.id = s.channel_id
                 WHERE c.name = 'demo' AND s.slide_key = 'vandringsled')
            """)
        let page = try harness.send("GET", Self.path, as: "pia").text
        #expect(page.contains("Det här hindrar publiceringen"))
        #expect(page.contains("Bilden vandringsled, fältet slides[0].duration: must be between 2 and 3600, is -5"))
        #expect(!page.contains("Publicera version 1"))
        // The form as the page would carry it if it had a button: refused for the problems.
        let digest = try harness.studio.pendingChanges(channel: "demo").contentDigest
        let refused = try harness.send(
            "POST", Self.path, as: "pia", form: [("expected", "1"), ("digest", digest)])
        #expect(refused.status == 409 && refused.text.contains("Inget publicerades. Rätta problemen nedan först."))
        #expect(try harness.studio.channel(named: "demo").publishedVersion == 0)
    }

    /// An executable script in a temporary folder of its own.
    private func harnessScript(_ body: String) -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("skylt-after-\(UUID().uuidString).sh")
        _ = FileManager.default.createFile(
            atPath: url.path, contents: Data("#!/bin/sh\n\(body)\n".utf8), attributes: [.posixPermissions: 0o755])
        return url
    }
}
