import Foundation
import SkyltBundle
import SkyltCore
import SkyltStore
import SkyltStudio
import SkyltTestSupport
import Testing

@Suite("studio publications and the list of changes")
struct PublicationTests {
    let fixture = StudioFixture()

    @Test("every publish keeps its version, publisher and playlist; afterwards nothing is pending")
    func record() throws {
        let studio = try fixture.demoStudio()
        let before = try studio.pendingChanges(channel: "demo")
        #expect(before.baseVersion == 0 && before.added.count == 7 && before.changed.isEmpty && before.removed.isEmpty)
        // An offer is named by its headline, a poster by its caption, in the first language.
        let titles = Dictionary(uniqueKeysWithValues: before.added.map { ($0.id, $0.title) })
        #expect(titles["lordagsbrod"] == "Nybakat bröd varje lördag")
        #expect(titles["luciakonsert"] == "Fri entré. Kaffe i församlingshemmet efteråt.")
        #expect(try studio.publication(channel: "demo") == nil)
        studio.actor = "tester"
        let summary = try studio.publish(channel: "demo")
        #expect(summary.version == 1 && summary.afterPublish == nil)
        let publication = try #require(try studio.publication(channel: "demo"))
        #expect(publication.version == 1 && publication.publisherName == "tester" && publication.afterPublish == nil)
        #expect(publication.publishedAt == Repository.demoDate)
        guard case .object(let root) = try JSONValue.parse(publication.playlist),
            case .array(let slides) = root["slides"] ?? .null
        else {
            Issue.record("the publication's playlist is not a playlist")
            return
        }
        #expect(slides.count == 7)
        let after = try studio.pendingChanges(channel: "demo")
        #expect(after.isEmpty && after.baseVersion == 1)
        #expect(try studio.publish(channel: "demo").version == 2)
        #expect(try studio.publication(channel: "demo")?.version == 2)
        #expect(try studio.publication(channel: "demo", version: 1)?.publisherName == "tester")
    }

    @Test("the list of changes names added, changed and removed slides, with author and approver")
    func changes() throws {
        let studio = try fixture.demoStudio()
        _ = try studio.publish(channel: "demo")
        _ = try studio.importPlaylist(channel: "demo", from: try ChangedDemo.make(in: fixture.folder))
        let kim = try studio.addUser(name: "kim", role: .contributor, password: "a long enough password")
        let pia = try studio.addUser(name: "pia", role: .publisher, password: "a long enough password")
        try studio.database.execute(
            """
            UPDATE slide_revisions SET author_id = ? WHERE id =
                (SELECT live_revision_id FROM slides WHERE slide_key = ?)
            """, [.integer(kim), .text(ChangedDemo.changedID)])
        try studio.database.execute(
            "UPDATE slides SET approved_by = ? WHERE slide_key = ?", [.integer(pia), .text(ChangedDemo.changedID)])

        let changes = try studio.pendingChanges(channel: "demo")
        #expect(changes.baseVersion == 1 && !changes.settingsChanged)
        #expect(
            changes.changed == [
                .init(id: ChangedDemo.changedID, title: ChangedDemo.changedTitle, author: "kim", approver: "pia")
            ])
        #expect(
            changes.added == [
                .init(id: ChangedDemo.addedID, title: ChangedDemo.addedTitle, author: nil, approver: nil)
            ])
        #expect(changes.removed == [.init(id: ChangedDemo.removedID, title: ChangedDemo.removedTitle)])
    }

    @Test("a change of the channel's settings is listed")
    func settings() throws {
        let studio = try fixture.demoStudio()
        _ = try studio.publish(channel: "demo")
        try studio.database.execute(
            "UPDATE channel_settings SET settings_json = json_set(settings_json, '$.name', 'Nytt namn')")
        let changes = try studio.pendingChanges(channel: "demo")
        #expect(changes.settingsChanged && changes.added.isEmpty && changes.changed.isEmpty && !changes.isEmpty)
    }

    @Test("problems that would stop a publish are found before it, and stop it")
    func problems() throws {
        let studio = try fixture.demoStudio()
        #expect(try studio.publishProblems(channel: "demo").isEmpty)
        try studio.database.execute(
            """
            UPDATE slide_revisions SET content_json = json_set(content_json, '$.duration', -5) WHERE id =
                (SELECT live_revision_id FROM slides WHERE slide_key = ?)
            """, [.text(ChangedDemo.changedID)])
        let problems = try studio.publishProblems(channel: "demo")
        #expect(
            problems.contains { $0.slide == ChangedDemo.changedID && $0.field.hasSuffix("duration") }, "\(problems)")
        #expect(throws: StudioError.self) { try studio.publish(channel: "demo") }
        #expect(try studio.publication(channel: "demo") == nil)
    }

    @Test("two publishes at once from two studios give versions 2 and 3, and the bundle verifies")
    func concurrentPublishes() throws {
        let studio = try fixture.demoStudio()
        _ = try studio.publish(channel: "demo")
        let results = LockedResults()
        let data = fixture.data
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            do {
                let own = try Studio.open(data: data, actor: "test")
                own.currentDate = { Repository.demoDate }
                results.add(.success(try own.publish(channel: "demo").version))
            } catch {
                results.add(.failure(error))
            }
        }
        let versions = results.values.compactMap { try? $0.get() }
        #expect(versions.sorted() == [2, 3], "\(results.values)")
        let rows = try studio.database.query("SELECT version FROM publications ORDER BY version")
        #expect(rows.compactMap { $0[0].int } == [1, 2, 3])
        let (manifest, problems) = try fixture.verifiedManifest(studio, channel: "demo")
        #expect(problems.isEmpty, "\(problems)")
        #expect(manifest?.version == 3)
        #expect(try studio.channel(named: "demo").publishedVersion == 3)
    }

    @Test("studio.json without afterPublish reads as before, and with it reads back")
    func configCompatibility() throws {
        let studio = try fixture.create()
        let text = try String(contentsOf: DataFolder(fixture.data).configFile, encoding: .utf8)
        #expect(!text.contains("afterPublish") && studio.config.afterPublish == nil)
        let command = AfterPublishCommand(command: ["/bin/true"], timeoutSeconds: 5)
        try StudioFixture.configure(data: fixture.data, afterPublish: command)
        let reopened = try fixture.open()
        #expect(reopened.config.afterPublish == command && reopened.config.schema == 1)
    }
}

/// Results gathered from several threads.
final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Result<Int, any Error>] = []

    func add(_ result: Result<Int, any Error>) {
        lock.lock()
        stored.append(result)
        lock.unlock()
    }

    var values: [Result<Int, any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
