import Foundation
import SkyltBundle
import SkyltCore
import SkyltFeeds
import SkyltTestSupport
import Testing

@Suite("The feeds service publishes channels", .timeLimit(.minutes(5)))
struct FeedsServiceTests {
    @Test("a round publishes a signed bundle a kiosk accepts, ids prefixed by the source's index")
    func publishes() throws {
        let fixture = try FeedsFixture()
        try fixture.serve("a", [("mote", "Byamöte", "Tisdag 19.00 i bygdegården")])
        try fixture.serve("b", [("sopor", "Sophämtning", "Torsdag")])
        let round = try fixture.service(sources: ["a", "b"]).runOnce()
        #expect(round.fetched == 2 && round.failures.isEmpty)
        #expect(round.publications == [FeedsPublication(channel: "lokalt", version: 1, slides: 2)])
        let manifest = try #require(fixture.verified())
        #expect(manifest.channel == "lokalt" && manifest.version == 1)
        #expect(manifest.expires.timeIntervalSince(manifest.published) == 2 * 86400)
        #expect(fixture.publishedIDs() == ["0-mote", "1-sopor"])
    }

    @Test("an unchanged round, and a 304, publish no new version")
    func unchanged() throws {
        let fixture = try FeedsFixture()
        try fixture.serve("a", [("mote", "Byamöte", "Tisdag")])
        let service = try fixture.service(sources: ["a"])
        service.runOnce()
        _ = fixture.server.takeRequests()
        fixture.clock.advance(by: 60)
        let round = service.runOnce()
        #expect(round.publications.isEmpty && round.unchanged == 1)
        #expect(fixture.server.takeRequests().first?.headers["if-none-match"] != nil)
        #expect(fixture.verified()?.version == 1)
        try fixture.serve("a", [("mote", "Byamöte", "Onsdag")])
        #expect(service.runOnce().publications.map(\.version) == [2])
    }

    @Test("a failing source keeps its last good slides, and its failure publishes nothing")
    func failingSourceKeepsSlides() throws {
        let fixture = try FeedsFixture()
        try fixture.serve("a", [("mote", "Byamöte", "Tisdag")])
        try fixture.serve("b", [("sopor", "Sophämtning", "Torsdag")])
        let service = try fixture.service(sources: ["a", "b"])
        service.runOnce()
        fixture.server.inject("/b.json", [.status(500)])
        let round = service.runOnce()
        #expect(round.failures.map(\.code) == [.fetch])
        #expect(round.publications.isEmpty)
        #expect(fixture.publishedIDs() == ["0-mote", "1-sopor"])
        #expect(
            fixture.log.messages.contains { $0.contains("failed (fetch)") && $0.contains("keeping the last 1 slides") })
    }

    @Test("a source down for an hour keeps its slides through every round, and after a restart")
    func downForAnHour() throws {
        let fixture = try FeedsFixture()
        try fixture.serve("a", [("mote", "Byamöte", "Tisdag")])
        try fixture.serve("b", [("sopor", "Sophämtning", "Torsdag")])
        let service = try fixture.service(sources: ["a", "b"])
        service.runOnce()
        fixture.server.setOffline(true)
        for _ in 0..<12 {
            fixture.clock.advance(by: 300)
            let round = service.runOnce()
            #expect(round.failures.count == 2 && round.publications.isEmpty)
        }
        let restarted = try fixture.service(sources: ["a", "b"])
        #expect(restarted.runOnce().publications.isEmpty)
        #expect(fixture.publishedIDs() == ["0-mote", "1-sopor"])
        fixture.server.setOffline(false)
        try fixture.serve("b", [])
        fixture.clock.advance(by: 300)
        #expect(restarted.runOnce().publications.map(\.slides) == [1])
        #expect(fixture.publishedIDs() == ["0-mote"])
    }

    @Test("a slide the playlist reader refuses is dropped and logged; the rest are published")
    func refusedSlide() throws {
        let fixture = try FeedsFixture()
        let long = String(repeating: "x", count: 600)
        try fixture.serve(
            "a", [("bra", "Byamöte", "Tisdag"), ("lang", long, "Titeln är för lång"), ("ok", "Loppis", "Lördag")])
        let round = try fixture.service(sources: ["a"]).runOnce()
        #expect(round.publications.map(\.slides) == [2])
        #expect(fixture.publishedIDs() == ["0-bra", "0-ok"])
        #expect(fixture.log.messages.contains { $0.contains("slide dropped") && $0.contains("0-lang") })
    }

    @Test("the source's memory is kept between rounds and across a restart")
    func memory() throws {
        let fixture = try FeedsFixture()
        try fixture.serve("a", [("mote", "Byamöte", "Tisdag")])
        try fixture.service(sources: ["a"]).runOnce()
        try fixture.service(sources: ["a"]).runOnce()
        let kept = try JSONValue.parse(
            Data(contentsOf: fixture.state.appendingPathComponent("sources/lokalt/0-json.json")))
        guard case .object(let fields) = kept else { Issue.record("no state"); return }
        #expect(fields["memory"] == .number(2))
    }

    @Test("start() polls on its own thread and publishes; stop() returns once it has ended")
    func lifeCycle() throws {
        let fixture = try FeedsFixture()
        try fixture.serve("a", [("mote", "Byamöte", "Tisdag")])
        try fixture.writeConfig(sources: ["a"])
        let config = try FeedsConfig.load(from: fixture.configFile, make: NoticeTestSource.maker)
        let service = FeedsService(
            config: config, keys: ["lokalt": fixture.secret], site: fixture.site, state: fixture.state,
            logger: Logger(fixture.log))
        service.start()
        let published = Poll.until(seconds: 60) { fixture.verified() != nil }
        service.stop()
        service.stop()
        #expect(published)
        #expect(fixture.publishedIDs() == ["0-mote"])
    }
}
