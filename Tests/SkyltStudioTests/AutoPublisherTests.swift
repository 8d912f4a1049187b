import Foundation
import SkyltBundle
import SkyltCore
import SkyltStore
import SkyltStudio
import SkyltTestSupport
import Testing

/// Automatic publishing on a manual clock: a slide approved after the last publish, valid
/// from T1 to T2, goes out at T1 and leaves (archived) at T2, with nobody publishing.
@Suite("automatic publishing at validity boundaries")
struct AutoPublisherTests {
    let fixture = StudioFixture()
    /// Before the demo's own dates (its water notice is valid until 1 December).
    static let start = ISO8601.parse("2026-11-20T10:00:00+01:00")!
    static let t1 = start.addingTimeInterval(86_400)
    static let t2 = start.addingTimeInterval(2 * 86_400)
    let clock = ManualClock(start: AutoPublisherTests.start)
    let log = InMemoryLogHandler()

    /// The demo imported and published once by a person at `start`, then a slide valid from
    /// T1 to T2 approved, and a newer revision of it saved that nobody approved.
    func studioWithTimedSlide(draft: Bool = true) throws -> Studio {
        let studio = try fixture.create()
        studio.currentDate = { [clock] in clock.date }
        _ = try studio.importPlaylist(channel: "demo", from: Repository.demoPlaylist)
        _ = try studio.importPlaylist(channel: "other", from: Repository.demoPlaylist)
        _ = try studio.publish(channel: "demo")
        let pia = try studio.addUser(name: "pia", role: .publisher, password: "correct horse battery")
        let kim = try studio.addUser(name: "kim", role: .contributor, password: "correct horse battery")
        let demo = try studio.channel(named: "demo")
        // The association's contribution: sent by kim, approved by pia, then changed again by
        // kim and not yet sent (a draft the automatic publish must leave out).
        let club = try studio.createOrganisation(name: "Idrottsföreningen")
        try studio.addOrganisationMember(club.id, userID: kim)
        try studio.setMembership(userID: kim, userName: "kim", channel: demo, role: .contributor)
        try studio.setMembership(userID: pia, userName: "pia", channel: demo, role: .publisher)
        let contributor = SlideAuthor(userID: kim, approves: false, organisationID: club.id)
        try studio.saveSlide(
            "hostmote", content: try Self.meeting(title: "Höstmöte"), channel: demo, author: contributor,
            create: true)
        _ = try studio.submitContribution("hostmote", channel: demo, by: kim, role: .contributor)
        try studio.approveSlide("hostmote", revision: 1, channel: demo, by: pia)
        if draft {
            try studio.saveSlide(
                "hostmote", content: try Self.meeting(title: "Inte godkänd"), channel: demo, author: contributor)
        }
        return studio
    }

    static func meeting(title: String) throws -> JSONValue {
        try JSONValue.parse(
            Data(
                """
                {"id": "hostmote", "template": "notice", "title": {"sv": "\(title)", "en": "Autumn meeting"},
                 "body": {"sv": "Bygdegården kl. 19.", "en": "The village hall at 7 pm."},
                 "schedule": {"validFrom": "\(ISO8601.format(t1))", "validUntil": "\(ISO8601.format(t2))"}}
                """.utf8))
    }

    /// The ids and titles of the published bundle's slides, read with the kiosk's verifying reader.
    func bundledSlides(_ studio: Studio) throws -> (version: Int, titles: [String: String]) {
        let (manifest, problems) = try fixture.verifiedManifest(studio, channel: "demo")
        #expect(problems.isEmpty, "\(problems)")
        let verified = try #require(manifest)
        guard case .object(let root) = verified.playlist, case .array(let slides) = root["slides"] ?? .null else {
            throw ProblemList([])
        }
        var titles: [String: String] = [:]
        for case .object(let slide) in slides {
            guard case .string(let id) = slide["id"] ?? .null else { continue }
            if case .object(let title) = slide["title"] ?? .null, case .string(let sv) = title["sv"] ?? .null {
                titles[id] = sv
            } else {
                titles[id] = ""
            }
        }
        return (verified.version, titles)
    }

    func count(_ studio: Studio, _ sql: String) throws -> Int {
        try studio.database.query(sql).first?[0].int ?? -1
    }

    @Test(
        "before T1 nothing; past T1 one publish with the slide; no boundary, nothing; past T2 it leaves, kept for its draft"
    )
    func validFromUntil() throws {
        let studio = try studioWithTimedSlide()
        let publisher = AutoPublisher(data: fixture.data, clock: clock, logger: log.logger)
        #expect(try bundledSlides(studio).titles["hostmote"] == nil)

        clock.advance(by: 86_400 - 60)
        var round = publisher.runOnce()
        #expect(round.publications.isEmpty && round.failures.isEmpty)
        #expect(try studio.channel(named: "demo").publishedVersion == 1)
        #expect(round.nextCheck <= Self.t1)

        clock.advance(by: 61)
        round = publisher.runOnce()
        #expect(round.publications.map(\.version) == [2], "\(round.failures)")
        #expect(round.publications.first?.reasons == ["slide hostmote becomes valid at \(ISO8601.format(Self.t1))"])
        let second = try bundledSlides(studio)
        #expect(second.version == 2 && second.titles["hostmote"] == "Höstmöte")
        #expect(second.titles.count == 8)

        clock.advance(by: 3600)
        #expect(publisher.runOnce().publications.isEmpty)
        #expect(try studio.channel(named: "demo").publishedVersion == 2)

        clock.advance(by: 86_400)
        #expect(try studio.pendingChanges(channel: "demo").removed.map(\.id) == ["hostmote"])
        round = publisher.runOnce()
        #expect(round.publications.first?.reasons == ["slide hostmote expires at \(ISO8601.format(Self.t2))"])
        let third = try bundledSlides(studio)
        #expect(third.version == 3 && third.titles["hostmote"] == nil && third.titles.count == 7)
        // Its contributor's newer draft is still being worked on: left out, not archived, so
        // that it stays in their list and can be sent with new dates.
        #expect(try count(studio, "SELECT archived FROM slides WHERE slide_key = 'hostmote'") == 0)
        #expect(try count(studio, "SELECT count(*) FROM slide_revisions") > 0)
        let expire = try studio.database.query(
            "SELECT actor, subject, detail FROM audit_log WHERE action = 'slide.expire'")
        #expect(
            expire.map { $0.values.map(\.string) } == [
                [
                    Studio.automaticActor, "demo/hostmote",
                    "valid until \(ISO8601.format(Self.t2)); left out, kept: a newer revision is in review",
                ]
            ])
        #expect(try count(studio, "SELECT count(*) FROM audit_log WHERE action = 'publish.auto'") == 2)
        let automatic = try studio.database.query(
            "SELECT publisher_name, published_by IS NULL FROM publications WHERE version > 1 ORDER BY version")
        #expect(automatic.map { $0[0].string } == [Studio.automaticActor, Studio.automaticActor])
        #expect(automatic.map { $0[1].int } == [1, 1])
        #expect(log.messages.filter { $0.contains("published demo version") }.count == 2)
    }

    @Test("an expired slide with nothing newer in review is archived, not deleted, with its audit row")
    func expiredArchived() throws {
        let studio = try studioWithTimedSlide(draft: false)
        let publisher = AutoPublisher(data: fixture.data, clock: clock, logger: log.logger)
        clock.advance(by: 86_400 + 1)
        #expect(publisher.runOnce().publications.map(\.version) == [2])
        clock.advance(by: 86_400 + 3600)
        #expect(publisher.runOnce().publications.map(\.version) == [3])
        #expect(try bundledSlides(studio).titles["hostmote"] == nil)
        #expect(try count(studio, "SELECT archived FROM slides WHERE slide_key = 'hostmote'") == 1)
        #expect(
            try count(
                studio,
                "SELECT count(*) FROM slide_revisions r JOIN slides s ON s.id = r.slide_id WHERE s.slide_key = 'hostmote'"
            ) == 1)
        let expire = try studio.database.query("SELECT detail FROM audit_log WHERE action = 'slide.expire'")
        #expect(expire.map { $0[0].string } == ["valid until \(ISO8601.format(Self.t2))"])
    }

    @Test("a channel no person has published is never published automatically")
    func neverPublished() throws {
        let studio = try studioWithTimedSlide()
        let publisher = AutoPublisher(data: fixture.data, clock: clock, logger: log.logger)
        // Past the demo's water notice (1 December) and its market (12 December) too.
        clock.advance(by: 30 * 86_400)
        _ = publisher.runOnce()
        #expect(try studio.channel(named: "other").publishedVersion == 0)
        #expect(try studio.channel(named: "demo").publishedVersion == 2)
        #expect(
            try count(
                studio,
                "SELECT count(*) FROM slides s JOIN channels c ON c.id = s.channel_id WHERE c.name = 'other' AND s.archived = 1"
            ) == 0)
    }

    @Test("a failed automatic publish is logged and tried again after a pause, never at once")
    func failureBacksOff() throws {
        let studio = try studioWithTimedSlide()
        let publisher = AutoPublisher(data: fixture.data, clock: clock, logger: log.logger)
        let key = DataFolder(fixture.data).keysFolder.appendingPathComponent("demo.key")
        let saved = try Data(contentsOf: key)
        try FileManager.default.removeItem(at: key)
        clock.advance(by: 86_400 + 1)
        var round = publisher.runOnce()
        #expect(round.failures["demo"]?.code == .keyUnreadable)
        let errors = { log.all.filter { $0.level == .error }.count }
        #expect(errors() == 1)
        clock.advance(by: 30)
        #expect(publisher.runOnce().failures.isEmpty && errors() == 1)
        clock.advance(by: AutoPublisher.firstRetrySeconds)
        round = publisher.runOnce()
        #expect(round.failures["demo"]?.code == .keyUnreadable && errors() == 2)
        // The second pause is twice the first.
        clock.advance(by: AutoPublisher.firstRetrySeconds)
        #expect(publisher.runOnce().failures.isEmpty && errors() == 2)
        try saved.write(to: key)
        clock.advance(by: AutoPublisher.firstRetrySeconds)
        round = publisher.runOnce()
        #expect(round.publications.map(\.version) == [2] && round.failures.isEmpty)
        #expect(try studio.channel(named: "demo").publishedVersion == 2)
    }

    @Test("the service's thread stops when asked, at once, even while it sleeps")
    func serviceStops() throws {
        _ = try studioWithTimedSlide()
        let service = AutoPublisher(data: fixture.data, clock: SystemClock(), logger: log.logger).service()
        service.start()
        Thread.sleep(forTimeInterval: 0.3)
        let start = Date()
        service.stop()
        #expect(Date().timeIntervalSince(start) < 5)
    }
}
