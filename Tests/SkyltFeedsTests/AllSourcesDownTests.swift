import Foundation
import SkyltBundle
import SkyltCore
import SkyltFeeds
import SkyltTestSupport
import Testing

/// One channel fed by a source of every kind that is fetched over HTTP, all served by the
/// fault-injecting server; then the network goes down for an hour. (`cap` shares the alert code
/// of `vma`, `mqtt` the figure code of `json`.)
@Suite("Every source down for an hour", .timeLimit(.minutes(5)))
struct AllSourcesDownTests {
    /// The moment the fixture documents were written for.
    static let start = ISO8601.parse("2026-11-28T09:59:58+01:00")!

    static func serve(_ server: FaultyHTTPServer, _ root: URL) throws {
        let fixtures = Repository.fixtures.appendingPathComponent("feeds")
        let files: [(String, String)] = [
            ("trafiklab-departures.json", "v1/departures/740000190"),
            ("entur-departures.json", "journey-planner/v3/graphql"),
            ("smhi-snow1g.json", "snow1g/version/1/geotype/point/lon/13.4392/lat/56.8281/data.json"),
            ("metno-compact.json", "locationforecast/2.0/compact"),
        ]
        for (fixture, path) in files {
            let target = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(fixture), to: target)
        }
        try FileManager.default.copyItem(
            at: Repository.fixtures.appendingPathComponent("calendar/association.ics"),
            to: root.appendingPathComponent("lidhult.ics"))
        var alert = VMAFixtures.Message()
        alert.expires = "2026-11-28T21:00:00+01:00"
        try Data(VMAFixtures.answer([alert]).utf8).write(to: root.appendingPathComponent("vma.json"))
        let rss = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Ljungby kommun</title>
            <item><title>Nya öppettider på biblioteket</title><link>https://www.ljungby.se/bibliotek</link>
            <description>Från december har biblioteket öppet även på lördagar.</description>
            <pubDate>Fri, 27 Nov 2026 14:00:00 +0100</pubDate><guid>bibliotek-1</guid></item></channel></rss>
            """
        try Data(rss.utf8).write(to: root.appendingPathComponent("nyheter.xml"))
        let sensor = #"{"level": {"current": 112.5, "time": "2026-11-28T09:55:00+01:00"}}"#
        try Data(sensor.utf8).write(to: root.appendingPathComponent("vattenstand.json"))
    }

    static func config(_ base: String) -> String {
        #"""
        {"contact": "drift@ljungby.example.se", "channels": [{"name": "lokalt", "key": "lokalt.key", "sources": [
          {"type": "vma", "url": "\#(base)/vma.json", "geocode": "0781"},
          {"type": "rss", "url": "\#(base)/nyheter.xml", "items": 3},
          {"type": "ical", "url": "\#(base)/lidhult.ics", "days": 14, "as": "agenda"},
          {"type": "trafiklab", "url": "\#(base)/v1", "stop": "740000190", "key": "hemlig"},
          {"type": "entur", "url": "\#(base)/journey-planner/v3/graphql", "stop": "NSR:StopPlace:420", "client": "lidhult-skylt"},
          {"type": "smhi", "url": "\#(base)/snow1g/version/1", "lat": 56.8281, "lon": 13.4392, "place": "Lidhult"},
          {"type": "metno", "url": "\#(base)/locationforecast/2.0", "lat": 59.9139, "lon": 10.7522, "place": "Oslo"},
          {"type": "json", "url": "\#(base)/vattenstand.json", "path": "level.current", "label": "Vattenstånd", "unit": "cm"}
        ]}]}
        """#
    }

    /// The published playlist as a kiosk reads it, and the templates it shows at `now`.
    static func shown(_ fixture: FeedsFixture, at now: Date) throws -> [String] {
        let manifest = try #require(fixture.verified())
        let reading = PlaylistReader.decode(
            manifest.playlist, file: "manifest.json", folder: fixture.bundle, assets: [:])
        #expect(reading.problems.isEmpty, "\(reading.problems)")
        let slides = try #require(reading.playlist).slides
        return slides.filter {
            $0.content.staleness(at: now) == nil && $0.schedule.isActive(at: now, in: LocalTime(timeZone: .stockholm))
        }
        .map { "\($0.id.prefix(while: { $0 != "-" })):\($0.content.templateName)" }.sorted()
    }

    @Test(
        "each source's last good slides stay published for the hour; the kiosk hides only what the staleness rules say")
    func downForAnHour() throws {
        let fixture = try FeedsFixture()
        try Self.serve(fixture.server, fixture.folder.file("www"))
        try Data(Self.config(fixture.server.baseURL).utf8).write(to: fixture.configFile)
        let clock = ManualClock(start: Self.start)
        let config = try FeedsConfig.load(from: fixture.configFile)
        let service = FeedsService(
            config: config, keys: ["lokalt": fixture.secret], site: fixture.site, state: fixture.state, clock: clock,
            logger: Logger(fixture.log))
        let first = service.runOnce()
        #expect(first.failures.isEmpty, "\(first.failures)")
        let before = fixture.publishedIDs()
        let sources = Set(before.map { $0.prefix(while: { $0 != "-" }) })
        #expect(sources == ["0", "1", "2", "3", "4", "5", "6", "7"], "\(before)")

        fixture.server.setOffline(true)
        for _ in 0..<12 {
            clock.advance(by: 300)
            let round = service.runOnce()
            #expect(round.failures.count == 8 && round.publications.isEmpty)
        }
        #expect(fixture.publishedIDs() == before)
        let later = Self.start.addingTimeInterval(3600)
        let shownLater = try Self.shown(fixture, at: later)
        // Departures fetched an hour ago are hidden (10 minutes); the rest is still true.
        #expect(!shownLater.contains("3:departures") && !shownLater.contains("4:departures"), "\(shownLater)")
        for kept in ["0:alert", "1:news", "2:agenda", "5:weather", "6:weather", "7:figure"] {
            #expect(shownLater.contains(kept), "\(kept) in \(shownLater)")
        }
        #expect(try Self.shown(fixture, at: Self.start).contains("3:departures"))
    }
}
