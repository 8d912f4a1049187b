import Foundation
import SkyltCore
import SkyltFeeds
import SkyltTestSupport
import Testing

/// A fetcher that takes `secondsPerFetch` of a test clock per document, as a slow server does.
final class SlowFetcher: DocumentFetching {
    let inner: any DocumentFetching
    let secondsPerFetch: Double
    var seconds = 0.0
    var urls: [String] = []

    init(_ inner: any DocumentFetching, secondsPerFetch: Double) {
        self.inner = inner
        self.secondsPerFetch = secondsPerFetch
    }

    func fetch(_ request: FeedRequest) throws(FeedError) -> FetchedDocument {
        seconds += secondsPerFetch
        urls.append(request.url)
        return try inner.fetch(request)
    }
}

@Suite("CAP feeds with linked alerts", .timeLimit(.minutes(5)))
struct CAPLinkedAlertTests {
    let now = FeedFixtures.date("2026-11-28T10:00:00+01:00")

    private func writeAlerts(_ site: FeedSite, _ names: [String]) throws {
        for name in names {
            try site.write("\(name).xml", CAPFixtures.alert(identifier: name, headline: "Larm \(name)"))
        }
    }

    private func writeFeed(_ site: FeedSite, _ names: [String]) throws {
        try site.write("feed.atom", CAPFixtures.feed(names.map { CAPFixtures.linkedEntry("\($0).xml") }))
    }

    private func headlines(_ slides: [JSONValue]) -> Set<String> {
        Set(slides.compactMap { FeedFixtures.string($0, "headline", "sv") })
    }

    @Test("an alert the feed no longer lists is withdrawn even when another linked alert fails for good")
    func withdrawnDespiteFailingLink() throws {
        let site = try FeedSite()
        let memory = SourceMemory()
        try writeAlerts(site, ["A1", "A2"])
        try writeFeed(site, ["A1", "A2"])
        let source = CAPSource(url: site.url("feed.atom"), settings: FeedFixtures.settings())
        #expect(try source.round(site.context(now, memory)).count == 2)
        try writeAlerts(site, ["A3"])
        try FileManager.default.removeItem(at: site.folder.appendingPathComponent("A1.xml"))
        try writeFeed(site, ["A3", "A1", "Gone"])
        let slides = try source.round(site.context(now, memory))
        #expect(headlines(slides) == ["Larm A1", "Larm A3"])
        #expect(source.lastSkipped.count == 2)
    }

    @Test("more linked alerts than a round reads do not keep a withdrawn alert on screen")
    func capDoesNotBlockWithdrawal() throws {
        let site = try FeedSite()
        let memory = SourceMemory()
        let names = (0...21).map { "B\($0)" }
        try writeAlerts(site, names)
        try writeFeed(site, Array(names[0...20]))
        let source = CAPSource(url: site.url("feed.atom"), settings: FeedFixtures.settings())
        #expect(try source.round(site.context(now, memory)).count == CAPSource.maxLinkedAlerts)
        try writeFeed(site, Array(names[1...21]))
        let slides = try source.round(site.context(now, memory))
        #expect(slides.count == CAPSource.maxLinkedAlerts)
        #expect(!headlines(slides).contains("Larm B0"))
    }

    @Test("linked alerts are read within one time budget, the watchdog told before each; unread ones stay")
    func timeBudget() throws {
        let site = try FeedSite()
        let memory = SourceMemory()
        let names = (1...5).map { "C\($0)" }
        try writeAlerts(site, names)
        try writeFeed(site, names)
        let source = CAPSource(url: site.url("feed.atom"), settings: FeedFixtures.settings())
        #expect(try source.round(site.context(now, memory)).count == 5)
        let slow = SlowFetcher(site.fetcher, secondsPerFetch: 25)
        var beats = 0
        let context = RoundContext(
            fetcher: slow, now: now, memory: memory, heartbeat: { beats += 1 }, clock: { slow.seconds })
        let slides = try source.round(context)
        #expect(slow.urls.count == 1 + 3)
        #expect(beats == 3)
        #expect(slides.count == 5)
        #expect(source.lastSkipped.contains { $0.contains("took more than 60 s") })
    }

    @Test("links to another server (the shop's network, a metadata address) are not followed")
    func otherServerNotFollowed() throws {
        let site = try FeedSite()
        try writeAlerts(site, ["D1"])
        let elsewhere = "http://127.0.0.1:1/D1.xml"
        let foreign = """
            <entry><id>urn:foreign</id><title>Varning</title>
            <link rel="alternate" type="application/cap+xml" href="\(elsewhere)"/></entry>
            """
        try site.write("feed.atom", CAPFixtures.feed([CAPFixtures.linkedEntry("D1.xml"), foreign]))
        let slow = SlowFetcher(site.fetcher, secondsPerFetch: 0)
        let source = CAPSource(url: site.url("feed.atom"), settings: FeedFixtures.settings())
        let slides = try source.round(RoundContext(fetcher: slow, now: now, memory: SourceMemory()))
        #expect(slides.count == 1)
        #expect(!slow.urls.contains(elsewhere))
        #expect(source.lastSkipped == ["entry 'urn:foreign' links to another server; not followed"])
    }

    @Test("alerts sent at the same time are shown in key order, whatever order the feed lists them in")
    func tiesInKeyOrder() throws {
        let site = try FeedSite()
        let names = (0..<12).map { "E\($0 % 2 == 0 ? 20 - $0 : $0)" }
        let entries = names.map { CAPFixtures.inlineEntry(CAPFixtures.alert(identifier: $0, headline: "Larm \($0)")) }
        try site.write("feed.atom", CAPFixtures.feed(entries))
        let source = CAPSource(url: site.url("feed.atom"), settings: FeedFixtures.settings())
        let slides = try source.round(site.context(now, SourceMemory()))
        let shown = slides.compactMap { FeedFixtures.string($0, "headline", "sv") }
        #expect(shown == names.sorted().map { "Larm \($0)" })
    }
}
