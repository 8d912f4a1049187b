import Foundation
import SkyltBundle
import SkyltCore
import SkyltStore
import SkyltStudio
import SkyltTestSupport
import Testing

@Suite("skylt-studio import and publish")
struct ImportPublishTests {
    let fixture = StudioFixture()

    init() throws {
        _ = try fixture.create()
    }

    private func studio(_ arguments: [String]) throws -> ExternalTool.Result {
        try StudioTool.run(arguments + ["--data", fixture.data.path])
    }

    private var database: Database {
        get throws { try Database(url: DataFolder(fixture.data).databaseFile) }
    }

    private func count(_ sql: String) throws -> Int {
        try database.query(sql).first?[0].int ?? -1
    }

    /// The slides of a playlist.json, by id.
    private func slides(of folder: URL) throws -> [JSONValue] {
        let json = try JSONValue.parse(Data(contentsOf: folder.appendingPathComponent(Playlist.fileName)))
        guard case .object(let root) = json, case .array(let slides) = root["slides"] ?? .null else { return [] }
        return slides
    }

    private func id(_ slide: JSONValue) -> String? {
        guard case .object(let fields) = slide, case .string(let id) = fields["id"] ?? .null else { return nil }
        return id
    }

    /// The published manifest, verified against the key `channel key` prints, through `skylt verify`
    /// with a .pub file and through BundleCheck.
    private func verifiedManifest(channel: String) throws -> Manifest {
        let keyLine = try studio(["channel", "key", channel])
        #expect(keyLine.status == 0)
        let key = try PublicKey(base64: keyLine.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        let pub = fixture.folder.write("\(channel).pub", key.fileText)
        let bundle = fixture.site.appendingPathComponent(channel)
        let verify = try ExternalTool.run([StudioTool.skylt.path, "verify", bundle.path, "--pub", pub.path])
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let (manifest, problems) = BundleCheck.verify(folder: bundle, keys: [key])
        #expect(problems.isEmpty, "\(problems)")
        return try #require(manifest)
    }

    /// Each original slide as the bundle must carry it: its image named by the file's hash.
    private func expected(_ slide: JSONValue, in folder: URL) throws -> JSONValue {
        guard case .object(var fields) = slide, case .string(let path) = fields["image"] ?? .null else { return slide }
        var hasher = SHA256Hasher()
        hasher.update(try Data(contentsOf: folder.appendingPathComponent(path)))
        fields["image"] = .string("sha256:" + hasher.finalHex())
        return .object(fields)
    }

    @Test("the demo imported and published verifies with the channel's key and reads as the original")
    func importAndPublish() throws {
        let imported = try studio(["import", "demo", Repository.demoPlaylist.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let published = try studio(["publish", "demo"])
        #expect(published.status == 0, "\(published.stderr)")
        // The binary publishes by the wall clock: the demo's slides still valid then.
        let kept = Set(Repository.demoSlideIDs(validAt: try publishedAt(version: 1)))
        #expect(Repository.demoSlideIDs(validAt: Repository.demoDate).count == 7)
        #expect(published.stdout.contains("\(StudioFixture.baseURL)/demo/manifest.json"))
        let manifest = try verifiedManifest(channel: "demo")
        // The media of slides left out are left out too: all five while every slide is valid.
        #expect(published.stdout.contains("version 1: \(kept.count) slides, \(manifest.assets.count) assets"))
        #expect(kept.count < 7 || manifest.assets.count == 5)
        #expect(manifest.channel == "demo" && manifest.version == 1)
        guard case .object(let root) = manifest.playlist, case .array(let bundled) = root["slides"] ?? .null else {
            Issue.record("the manifest has no slides")
            return
        }
        let original = try slides(of: Repository.demoPlaylist).filter { id($0).map(kept.contains) ?? true }
        #expect(bundled == (try original.map { try expected($0, in: Repository.demoPlaylist) }))
        let assets = Dictionary(
            uniqueKeysWithValues: manifest.assets.keys.map {
                ($0, fixture.site.appendingPathComponent("demo/assets/\(Manifest.hex(of: $0))"))
            })
        let reading = PlaylistReader.decode(manifest.playlist, file: "manifest", folder: fixture.site, assets: assets)
        let source = PlaylistReader.read(folder: Repository.demoPlaylist)
        #expect(reading.problems.isEmpty, "\(reading.problems)")
        let sourceSlides = source.playlist?.slides.filter { kept.contains($0.id) }
        #expect(reading.playlist?.slides.map(\.id) == sourceSlides?.map(\.id))
        #expect(reading.playlist?.slides.map(\.schedule) == sourceSlides?.map(\.schedule))
        #expect(reading.playlist?.theme == source.playlist?.theme)
        let staging = DataFolder(fixture.data).stagingFolder
        #expect((try? FileManager.default.contentsOfDirectory(atPath: staging.path))?.isEmpty ?? true)
        #expect(try count("SELECT published_version FROM channels WHERE name = 'demo'") == 1)
        #expect(try count("SELECT count(*) FROM audit_log WHERE action = 'channel.publish'") == 1)
    }

    @Test("a re-import with one slide changed and one removed adds a revision, archives, and publishes version 2")
    func reimport() throws {
        let folder = fixture.copyOfDemo()
        #expect(try studio(["import", "demo", folder.path]).status == 0)
        #expect(try studio(["publish", "demo"]).status == 0)
        var changed = try slides(of: folder)
        guard case .object(var first) = changed[0] else { return }
        first["duration"] = .number(20)
        changed[0] = .object(first)
        let removed = try #require(id(changed.remove(at: 1)))
        try writePlaylist(folder, slides: changed)

        let again = try studio(["import", "demo", folder.path])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("1 new revisions, 1 archived"))
        #expect(try count("SELECT count(*) FROM slides") == 7)
        #expect(try count("SELECT count(*) FROM slides WHERE archived = 1 AND slide_key = '\(removed)'") == 1)
        #expect(try count("SELECT count(*) FROM slide_revisions") == 8)
        let latest = try database.query(
            """
            SELECT r.number, r.content_json FROM slide_revisions r JOIN slides s ON s.id = r.slide_id
            WHERE s.slide_key = 'vandringsled' ORDER BY r.number DESC LIMIT 1
            """)
        #expect(latest.first?[0] == 2)
        #expect(latest.first?[1].string?.contains("\"duration\":20") == true)

        let second = try studio(["publish", "demo"])
        let kept = Set(Repository.demoSlideIDs(validAt: try publishedAt(version: 2)))
        let expectedIDs = changed.compactMap(id).filter(kept.contains)
        #expect(second.stdout.contains("version 2: \(expectedIDs.count) slides"))
        let manifest = try verifiedManifest(channel: "demo")
        #expect(manifest.version == 2)
        guard case .object(let root) = manifest.playlist, case .array(let bundled) = root["slides"] ?? .null else {
            return
        }
        #expect(bundled.compactMap(id) == expectedIDs)
        #expect(bundled.first == (try expected(changed[0], in: folder)))
    }

    @Test("a playlist with a problem is refused with the file and field, and nothing changes")
    func problem() throws {
        let folder = fixture.copyOfDemo()
        #expect(try studio(["import", "demo", folder.path]).status == 0)
        let before = try snapshot()
        var broken = try slides(of: folder)
        guard case .object(var first) = broken[0] else { return }
        first["duration"] = .string("long")
        broken[0] = .object(first)
        try writePlaylist(folder, slides: broken)
        for channel in ["demo", "ny"] {
            let result = try studio(["import", channel, folder.path])
            #expect(result.status == 1)
            #expect(result.stdout.contains("playlist.json: slide 'vandringsled': field 'slides[0].duration'"))
            #expect(try snapshot() == before)
        }
        #expect(!FileManager.default.fileExists(atPath: DataFolder(fixture.data).keyFile(channel: "ny").path))
    }

    @Test("a link out of the playlist folder is refused and nothing is stored")
    func linkOut() throws {
        let folder = fixture.copyOfDemo()
        let secret = fixture.folder.write("secret.txt", "not for screens")
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("media/stolen.txt"), withDestinationURL: secret)
        let result = try studio(["import", "demo", folder.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("stolen.txt"))
        #expect(try count("SELECT count(*) FROM channels") == 0)
        #expect(try count("SELECT count(*) FROM media") == 0)
    }

    @Test("channel key names an unknown channel, and refuses a name that is not a channel name")
    func unknownChannel() throws {
        let unknown = try studio(["channel", "key", "saknas"])
        #expect(unknown.status == 1 && unknown.stderr.contains("saknas: no such channel"))
        let studio = try fixture.open()
        do {
            _ = try studio.importPlaylist(channel: "../etc", from: Repository.demoPlaylist)
            Issue.record("a bad channel name was taken")
        } catch {
            #expect(error.code == .invalidChannelName)
        }
    }

    /// When version `version` of channel `demo` was published, as the publish stamped it.
    private func publishedAt(version: Int) throws -> Date {
        let rows = try database.query(
            "SELECT p.published_at FROM publications p JOIN channels c ON c.id = p.channel_id WHERE c.name = 'demo' AND p.version = ?",
            [.init(version)])
        return try #require(rows.first?[0].string.flatMap(ISO8601.parse))
    }

    private func writePlaylist(_ folder: URL, slides: [JSONValue]) throws {
        let file = folder.appendingPathComponent(Playlist.fileName)
        guard case .object(var root) = try JSONValue.parse(Data(contentsOf: file)) else { return }
        root["slides"] = .array(slides)
        try JSONValue.object(root).canonicalData().write(to: file)
    }

    /// Row counts of every table, and the latest revision of each slide.
    private func snapshot() throws -> [DatabaseValue] {
        let tables = ["users", "channels", "channel_settings", "slides", "slide_revisions", "channel_imports", "media"]
        return try tables.map { try database.query("SELECT count(*) FROM \($0)")[0][0] }
            + database.query("SELECT content_json FROM slide_revisions ORDER BY id").map { $0[0] }
    }
}

extension ImportPublishTests {
    @Test("a key file left without its channel is never replaced: the import is refused and the key stays")
    func orphanKey() throws {
        let folder = DataFolder(fixture.data)
        try FileManager.default.createDirectory(at: folder.keysFolder, withIntermediateDirectories: true)
        let key = folder.keyFile(channel: "ny")
        try Data("an older key\n".utf8).write(to: key)
        let studio = try fixture.open()
        do {
            _ = try studio.importPlaylist(channel: "ny", from: Repository.demoPlaylist)
            Issue.record("the import replaced an existing key")
        } catch {
            #expect(error.code == .keyExists)
            #expect(error.location == key.path)
        }
        #expect(try String(contentsOf: key, encoding: .utf8) == "an older key\n")
        #expect(try count("SELECT count(*) FROM channels") == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.keysFolder.path)
        #expect(leftovers == ["ny.key"])
    }
}

extension ImportPublishTests {
    @Test("a playlist with more slides than a channel publishes is refused at import, and nothing is stored")
    func tooManySlides() throws {
        let folder = fixture.copyOfDemo()
        var slides = try slides(of: folder)
        guard case .object(let wifi) = slides[5] else { return }
        while slides.count <= Studio.maxPublishedSlides {
            var copy = wifi
            copy["id"] = .string("wifi-\(slides.count)")
            slides.append(.object(copy))
        }
        try writePlaylist(folder, slides: slides)
        let studio = try fixture.open()
        do {
            _ = try studio.importPlaylist(channel: "demo", from: folder)
            Issue.record("\(slides.count) slides were imported")
        } catch {
            #expect(error.code == .tooManySlides)
            #expect(error.description.contains("\(Studio.maxPublishedSlides + 1) slides"))
        }
        #expect(try count("SELECT count(*) FROM channels") == 0)
        #expect(try count("SELECT count(*) FROM slides") == 0)
    }

    @Test("publish refuses more live slides than the cap, and a revision that is not text, and writes nothing")
    func publishRefuses() throws {
        let studio = try fixture.open()
        _ = try studio.importPlaylist(channel: "demo", from: Repository.demoPlaylist)
        try database.execute(
            "UPDATE slide_revisions SET content_json = CAST(content_json AS BLOB) WHERE id = (SELECT min(id) FROM slide_revisions)"
        )
        do {
            _ = try studio.publish(channel: "demo")
            Issue.record("a slide that is not text was left out and the rest published")
        } catch {
            #expect(error.code == .publishFailed && error.description.contains("not text"))
        }
        try database.execute("UPDATE slide_revisions SET content_json = CAST(content_json AS TEXT)")
        try database.execute(
            """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            INSERT INTO slides (channel_id, slide_key, position) SELECT 1, 'extra-' || i, 100 + i FROM n
            """, [.init(Studio.maxPublishedSlides - 6)])
        try database.execute(
            """
            INSERT INTO slide_revisions (slide_id, number, content_json, created_at)
            SELECT id, 1, '{"id":"x"}', '2026-11-27T00:00:00Z' FROM slides WHERE slide_key LIKE 'extra-%'
            """)
        try database.execute(
            """
            UPDATE slides SET live_revision_id = (SELECT r.id FROM slide_revisions r WHERE r.slide_id = slides.id)
            WHERE slide_key LIKE 'extra-%'
            """)
        do {
            _ = try studio.publish(channel: "demo")
            Issue.record("a channel of \(Studio.maxPublishedSlides + 1) slides was published")
        } catch {
            #expect(error.code == .tooManySlides)
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.site.appendingPathComponent("demo").path))
        #expect(try count("SELECT published_version FROM channels") == 0)
    }
}
