import Foundation
import SkyltCore
import SkyltFeeds
import SkyltTestSupport
import Testing

/// CAP 1.2 documents written by hand after the OASIS standard, and an Atom feed of alerts in
/// the way Krisinformation publishes one: entries linking to each alert's XML.
enum CAPFixtures {
    static func alert(
        identifier: String, status: String = "Actual", msgType: String = "Alert", references: String? = nil,
        headline: String = "Risk för översvämning vid Lagan", expires: String = "2026-11-29T12:00:00+01:00"
    ) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>\(identifier)</identifier>
          <sender>smhi@smhi.se</sender>
          <sent>2026-11-28T08:00:00+01:00</sent>
          <status>\(status)</status>
          <msgType>\(msgType)</msgType>
          <scope>Public</scope>
          \(references.map { "<references>\($0)</references>" } ?? "")
          <info>
            <language>sv-SE</language>
            <category>Met</category>
            <event>Höga flöden</event>
            <urgency>Expected</urgency>
            <severity>Moderate</severity>
            <certainty>Likely</certainty>
            <senderName>SMHI</senderName>
            <headline>\(headline)</headline>
            <description>Höga flöden väntas i Lagan &amp; dess biflöden.</description>
            <instruction>Undvik strandkanter.</instruction>
            <effective>2026-11-28T08:00:00+01:00</effective>
            <onset>2026-11-28T12:00:00+01:00</onset>
            <expires>\(expires)</expires>
            <area><areaDesc>Kronobergs län</areaDesc><geocode><valueName>Län</valueName><value>07</value></geocode></area>
          </info>
          <info>
            <language>en-US</language>
            <event>High flows</event>
            <urgency>Expected</urgency><severity>Moderate</severity><certainty>Likely</certainty>
            <headline>Risk of flooding along the Lagan</headline>
            <description>High flows are expected.</description>
            <expires>\(expires)</expires>
          </info>
        </alert>
        """
    }

    static func feed(_ entries: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Krisinformation</title>
          <id>urn:test:krisinformation</id>
          <updated>2026-11-28T08:05:00+01:00</updated>
          \(entries.joined(separator: "\n"))
        </feed>
        """
    }

    static func linkedEntry(_ path: String) -> String {
        """
        <entry><id>urn:\(path)</id><title>Varning</title><updated>2026-11-28T08:05:00+01:00</updated>
        <link rel="alternate" type="application/cap+xml" href="\(path)"/></entry>
        """
    }

    static func inlineEntry(_ alert: String) -> String {
        let body = alert.replacingOccurrences(of: #"<?xml version="1.0" encoding="UTF-8"?>"#, with: "")
        return
            "<entry><id>urn:inline</id><title>Varning</title><content type=\"application/cap+xml\">\(body)</content></entry>"
    }
}

@Suite("CAP warnings", .timeLimit(.minutes(5)))
struct CAPSourceTests {
    let now = FeedFixtures.date("2026-11-28T10:00:00+01:00")

    @Test("an Atom feed of linked and inline CAP alerts gives one urgent slide per alert, fetched through the fetcher")
    func atomFeed() throws {
        let site = try FeedSite()
        try site.write("a1.xml", CAPFixtures.alert(identifier: "SMHI-1"))
        try site.write("a2.xml", CAPFixtures.alert(identifier: "SMHI-2", headline: "Halka i Ljungby"))
        let inline = CAPFixtures.inlineEntry(CAPFixtures.alert(identifier: "SMHI-3", headline: "Storm"))
        try site.write(
            "feed.atom",
            CAPFixtures.feed([CAPFixtures.linkedEntry("a1.xml"), CAPFixtures.linkedEntry("a2.xml"), inline]))
        let source = CAPSource(url: site.url("feed.atom"), settings: FeedFixtures.settings())
        let slides = try source.round(site.context(now, SourceMemory()))
        #expect(slides.count == 3)
        #expect(
            Set(slides.compactMap { FeedFixtures.string($0, "headline", "sv") }) == [
                "Risk för översvämning vid Lagan", "Halka i Ljungby", "Storm",
            ])
        #expect(slides.allSatisfy { FeedFixtures.string($0, "source") == "Krisinformation" })
        #expect(slides.allSatisfy { FeedFixtures.string($0, "sender") == "SMHI" })
        #expect(FeedFixtures.string(slides[0], "body", "sv") == "Höga flöden väntas i Lagan & dess biflöden.")
        #expect(FeedFixtures.string(slides[0], "headline", "en") == "Risk of flooding along the Lagan")
        let paths = site.server.takeRequests().map(\.path)
        #expect(paths.contains("/a1.xml") && paths.contains("/a2.xml"))
        FeedFixtures.expectKioskAccepts(slides)
    }

    @Test("a linked alert that cannot be fetched costs only itself, and a kept alert is not withdrawn for it")
    func brokenLink() throws {
        let site = try FeedSite()
        let memory = SourceMemory()
        try site.write("a1.xml", CAPFixtures.alert(identifier: "SMHI-1"))
        try site.write("feed.atom", CAPFixtures.feed([CAPFixtures.linkedEntry("a1.xml")]))
        let source = CAPSource(url: site.url("feed.atom"), settings: FeedFixtures.settings())
        #expect(try source.round(site.context(now, memory)).count == 1)
        try site.write("a2.xml", CAPFixtures.alert(identifier: "SMHI-2"))
        try site.write(
            "feed.atom",
            CAPFixtures.feed([CAPFixtures.linkedEntry("a2.xml"), CAPFixtures.linkedEntry("a1.xml")]))
        site.server.inject("/a1.xml", [.status(503)])
        let slides = try source.round(site.context(now, memory))
        #expect(slides.count == 2)
        #expect(source.lastSkipped.count == 1)
    }

    @Test("a single CAP document: exercises only when included, a Cancel removes its alert")
    func singleDocument() throws {
        let site = try FeedSite()
        try site.write("exercise.xml", CAPFixtures.alert(identifier: "X-1", status: "Exercise"))
        let plain = CAPSource(url: site.url("exercise.xml"), settings: FeedFixtures.settings())
        #expect(try plain.round(site.context(now, SourceMemory())).isEmpty)
        let exercises = CAPSource(
            url: site.url("exercise.xml"), include: [.exercise], settings: FeedFixtures.settings())
        let shown = try exercises.round(site.context(now, SourceMemory()))
        try #require(shown.count == 1)
        #expect(FeedFixtures.string(shown[0], "status") == "exercise")
        FeedFixtures.expectKioskAccepts(shown)

        let memory = SourceMemory()
        try site.write("feed.atom", CAPFixtures.feed([CAPFixtures.inlineEntry(CAPFixtures.alert(identifier: "A-1"))]))
        let source = CAPSource(url: site.url("feed.atom"), settings: FeedFixtures.settings())
        #expect(try source.round(site.context(now, memory)).count == 1)
        let cancel = CAPFixtures.alert(
            identifier: "A-2", msgType: "Cancel", references: "smhi@smhi.se,A-1,2026-11-28T08:00:00+01:00")
        try site.write(
            "feed.atom",
            CAPFixtures.feed([
                CAPFixtures.inlineEntry(CAPFixtures.alert(identifier: "A-1")), CAPFixtures.inlineEntry(cancel),
            ]))
        #expect(try source.round(site.context(now, memory)).isEmpty)
    }

    @Test("a document that is neither CAP nor Atom is a parse error")
    func notCAP() throws {
        let site = try FeedSite()
        try site.write("page.xml", "<html><body>hello</body></html>")
        let source = CAPSource(url: site.url("page.xml"), settings: FeedFixtures.settings())
        let error = #expect(throws: FeedError.self) { try source.round(site.context(now, SourceMemory())) }
        #expect(error?.code == .parse)
    }
}
