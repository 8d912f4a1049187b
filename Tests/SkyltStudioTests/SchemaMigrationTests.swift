import Foundation
import SkyltStore
import SkyltStudio
import SkyltTestSupport
import Testing

/// The studio's own schema through its versions: what an older studio stored is still there,
/// and means the same, after an upgrade.
@Suite("studio schema: migrations to the latest version")
struct SchemaMigrationTests {
    @Test("an empty database gets every table of the latest version")
    func fromEmpty() throws {
        let fixture = StudioFixture()
        let studio = try fixture.create()
        #expect(try studio.database.userVersion() == StudioSchema.migrations.steps.count)
        let tables = Set(
            try studio.database.query("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0[0].string }
        )
        let expected: Set = [
            "users", "channels", "channel_settings", "slides", "slide_revisions", "media", "audit_log", "sessions",
            "login_attempts", "channel_members", "invites", "screens", "screen_channels", "channel_keys",
            "publications", "organisations", "organisation_members", "channel_trust", "channel_limits", "outbox",
        ]
        #expect(expected.isSubset(of: tables), "missing: \(expected.subtracting(tables))")
    }

    @Test("a version-2 studio with imported slides comes up with them approved and its key listed")
    func fromVersion2() throws {
        let fixture = StudioFixture()
        let file = fixture.data.appendingPathComponent(DataFolder.databaseName)
        // A studio made now, imported, then its database rebuilt at version 2 with the same rows.
        let studio = try fixture.create()
        _ = try studio.importPlaylist(channel: "demo", from: Repository.demoPlaylist)
        let slides = try studio.database.query("SELECT count(*) FROM slides")[0][0].int ?? 0
        studio.database.close()
        let old = fixture.folder.file("old.sqlite")
        try rebuild(atVersion: 2, from: file, into: old)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file.path + suffix) }
        try FileManager.default.moveItem(at: old, to: file)

        let reopened = try Studio.open(data: fixture.data)
        #expect(try reopened.database.userVersion() == StudioSchema.migrations.latestVersion)
        let live = try reopened.database.query(
            """
            SELECT count(*) FROM slides s JOIN slide_revisions r ON r.id = s.live_revision_id
            WHERE r.number = (SELECT max(number) FROM slide_revisions WHERE slide_id = s.id)
            """)[0][0].int
        #expect(live == slides && slides > 0)
        let keys = try reopened.database.query(
            "SELECT k.public_key = c.public_key, k.key_file FROM channel_keys k JOIN channels c ON c.id = k.channel_id")
        #expect(keys.count == 1 && keys[0][0].int == 1 && keys[0][1].string == "demo.key")
        let summary = try reopened.publish(channel: "demo")
        #expect(summary.slides == slides)
    }

    @Test("a member's role and an invite's role are checked by the schema")
    func constraints() throws {
        let fixture = StudioFixture()
        let studio = try fixture.create()
        try studio.addUser(name: "pia", role: .publisher, password: "a long enough password")
        _ = try studio.importPlaylist(channel: "demo", from: Repository.demoPlaylist)
        #expect(throws: StoreError.self) {
            try studio.database.execute(
                "INSERT INTO channel_members (user_id, channel_id, role) VALUES (1, 1, 'owner')")
        }
        #expect(throws: StoreError.self) {
            try studio.database.execute(
                """
                INSERT INTO invites (token_sha256, role, created_at, expires_at)
                VALUES ('\(String(repeating: "a", count: 64))', 'publisher', 'now', 'later')
                """)
        }
        #expect(throws: StoreError.self) {
            try studio.database.execute(
                "INSERT INTO screens (screen_key, name, width, height, created_at, updated_at) VALUES ('../x', 'x', 1920, 1080, 'a', 'a')"
            )
        }
    }

    @Test("a version-3 studio's slide waiting for approval is in review after the upgrade; the others are approved")
    func fromVersion3() throws {
        let fixture = StudioFixture()
        let file = fixture.data.appendingPathComponent(DataFolder.databaseName)
        let studio = try fixture.create()
        _ = try studio.importPlaylist(channel: "demo", from: Repository.demoPlaylist)
        let channel = try studio.channel(named: "demo")
        let waiting = try #require(try studio.slides(of: channel).first?.key)
        let kim = try studio.addUser(name: "kim", role: .contributor, password: "a long enough password")
        // Today only a contribution's own organisation may change it; version 3 had none.
        let club = try studio.createOrganisation(name: "Hembygdsföreningen")
        try studio.addOrganisationMember(club.id, userID: kim)
        try studio.database.execute(
            "UPDATE slides SET organisation_id = ? WHERE slide_key = ?", [.integer(club.id), .text(waiting)])
        let content = try studio.slide(waiting, of: channel).content
        try studio.saveSlide(
            waiting, content: content, channel: channel, author: SlideAuthor(userID: kim, approves: false))
        studio.database.close()
        let old = fixture.folder.file("old.sqlite")
        try rebuild(atVersion: 3, from: file, into: old)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: file.path + suffix) }
        try FileManager.default.moveItem(at: old, to: file)

        let reopened = try Studio.open(data: fixture.data)
        #expect(try reopened.database.userVersion() == StudioSchema.migrations.latestVersion)
        let states = try reopened.database.query("SELECT slide_key, review_state FROM slides")
        let submitted = states.filter { $0[1].string == "submitted" }.compactMap { $0[0].string }
        #expect(submitted == [waiting])
        #expect(states.count > 1 && states.allSatisfy { $0[1].string == "submitted" || $0[1].string == "approved" })
    }

    /// Copies the rows of the tables that version `version` had into a new database made by
    /// the first `version` migrations only, as a studio of that release would have left it.
    private func rebuild(atVersion version: Int, from current: URL, into file: URL) throws {
        let database = try Database(url: file)
        try Migrations(Array(StudioSchema.migrations.steps.prefix(version))).migrate(database)
        // Slides and their revisions refer to each other since version 3: copy first, check after.
        try database.execute("PRAGMA foreign_keys = OFF")
        try database.execute("ATTACH DATABASE ? AS current", [.text(current.path)])
        var tables = ["users", "channels", "channel_settings", "slides", "slide_revisions", "channel_imports", "media"]
        if version >= 3 { tables += ["channel_members", "publications"] }
        for table in tables {
            let columns = try database.query("SELECT name FROM pragma_table_info(?)", [.text(table)])
                .compactMap { $0[0].string }.joined(separator: ", ")
            try database.execute("INSERT INTO main.\(table) (\(columns)) SELECT \(columns) FROM current.\(table)")
        }
        try database.execute("DETACH DATABASE current")
        #expect(try database.query("PRAGMA foreign_key_check").isEmpty)
        #expect(try database.userVersion() == version)
        database.close()
    }
}
