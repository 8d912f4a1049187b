import Foundation
import SkyltCore
import SkyltFeeds
import Testing

enum NewsFixtures {
    static let rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
          <channel>
            <title>Ljungby kommun – nyheter</title>
            <link>https://www.ljungby.se/</link>
            <description>Nyheter</description>
            <item>
              <title>Julmarknad på torget</title>
              <link>https://www.ljungby.se/nyheter/julmarknad</link>
              <guid isPermaLink="false">news-1001</guid>
              <pubDate>Fri, 27 Nov 2026 14:30:00 +0100</pubDate>
              <description>&lt;p&gt;Välkommen till &lt;b&gt;julmarknad&lt;/b&gt; på torget!&lt;/p&gt;&lt;script&gt;alert('x')&lt;/script&gt;&lt;p&gt;Glögg &amp;amp; pepparkakor.&lt;/p&gt;</description>
            </item>
            <item>
              <title>Vattenavstängning på Storgatan</title>
              <link>javascript:alert(1)</link>
              <guid>news-1002</guid>
              <pubDate>Sat, 28 Nov 2026 08:00:00 GMT</pubDate>
              <description><![CDATA[<div><img src="x" onerror="alert(1)">Vattnet stängs av <i>kl. 9–12<div>unclosed<style>p{}</style>]]></description>
            </item>
            <item>
              <title>Äldre nyhet</title>
              <link>https://www.ljungby.se/nyheter/aldre</link>
              <guid>news-0999</guid>
              <pubDate>Mon, 23 Nov 2026 10:00:00 +0100</pubDate>
              <description>Kort text.</description>
            </item>
          </channel>
        </rss>
        """

    static let atom = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title type="text">Hembygdsföreningen</title>
          <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
          <updated>2026-11-28T09:00:00+01:00</updated>
          <entry>
            <title type="html">Luciafirande &lt;i&gt;i kyrkan&lt;/i&gt;</title>
            <link rel="alternate" href="https://example.org/lucia"/>
            <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
            <updated>2026-11-28T09:00:00+01:00</updated>
            <summary type="html">&lt;p&gt;Luciatåget går &amp;amp; sjunger &amp;#8211; alla välkomna&lt;/p&gt;</summary>
          </entry>
          <entry>
            <title>Årsmöte</title>
            <link href="https://example.org/arsmote"/>
            <id>urn:uuid:2</id>
            <published>2026-11-20T18:00:00Z</published>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Årsmötet hålls i bygdegården.</p></div></content>
          </entry>
        </feed>
        """
}

@Suite("News feeds", .timeLimit(.minutes(5)))
struct NewsSourceTests {
    let now = FeedFixtures.date("2026-11-28T10:00:00+01:00")

    @Test("RSS 2.0: the newest items as news slides, HTML reduced to text, scripts dropped, QR only for web links")
    func rss() throws {
        let site = try FeedSite()
        try site.write("news.rss", NewsFixtures.rss)
        let source = NewsSource(url: site.url("news.rss"), items: 2, settings: FeedFixtures.settings())
        let slides = try source.round(site.context(now, SourceMemory()))
        try #require(slides.count == 2)
        #expect(FeedFixtures.string(slides[0], "headline") == "Vattenavstängning på Storgatan")
        #expect(FeedFixtures.field(slides[0], "qr") == nil)
        #expect(FeedFixtures.string(slides[0], "summary") == "Vattnet stängs av kl. 9–12\nunclosed")
        #expect(
            FeedFixtures.string(slides[1], "summary") == "Välkommen till julmarknad på torget!\nGlögg & pepparkakor.")
        #expect(
            FeedFixtures.field(slides[1], "qr")
                == .object(["url": .string("https://www.ljungby.se/nyheter/julmarknad")]))
        #expect(
            FeedFixtures.string(slides[1], "published").flatMap(ISO8601.parse)
                == FeedFixtures.date("2026-11-27T14:30:00+01:00"))
        #expect(FeedFixtures.string(slides[1], "source") == "Ljungby kommun – nyheter")
        #expect(FeedFixtures.string(slides[1], "template") == "news")
        let again = try source.round(site.context(now, SourceMemory()))
        #expect(again.map { FeedFixtures.string($0, "id") } == slides.map { FeedFixtures.string($0, "id") })
        FeedFixtures.expectKioskAccepts(slides)
    }

    @Test("Atom: html and xhtml text constructs, updated or published dates")
    func atom() throws {
        let site = try FeedSite()
        try site.write("feed.atom", NewsFixtures.atom)
        let slides = try NewsSource(url: site.url("feed.atom"), settings: FeedFixtures.settings())
            .round(site.context(now, SourceMemory()))
        try #require(slides.count == 2)
        #expect(FeedFixtures.string(slides[0], "headline") == "Luciafirande i kyrkan")
        #expect(FeedFixtures.string(slides[0], "summary") == "Luciatåget går & sjunger – alla välkomna")
        #expect(FeedFixtures.string(slides[1], "summary") == "Årsmötet hålls i bygdegården.")
        #expect(FeedFixtures.string(slides[1], "source") == "Hembygdsföreningen")
        FeedFixtures.expectKioskAccepts(slides)
    }

    @Test("hostile texts are cleaned and shortened within the kiosk's caps")
    func hostile() throws {
        let site = try FeedSite()
        let longTitle = String(repeating: "Rubrik ", count: 200)
        let longBody = String(repeating: "ord ", count: 3_000)
        let control = "Kontroll\u{9B}[31m\u{202E}tecken"
        let longLink = "https://example.org/" + String(repeating: "a", count: 600)
        try site.write(
            "news.rss",
            """
            <rss version="2.0"><channel><title>\(String(repeating: "Källa ", count: 100))</title>
            <item><title>\(longTitle)</title><guid>1</guid><link>\(longLink)</link><description>\(longBody)</description></item>
            <item><title>\(control)</title><guid>2</guid><description>&amp;lt;script&amp;gt;x&amp;lt;/script&amp;gt; &amp;#0; &amp;#x202E;</description></item>
            <item><title>   </title><guid>3</guid></item>
            </channel></rss>
            """)
        let source = NewsSource(url: site.url("news.rss"), settings: FeedFixtures.settings())
        let slides = try source.round(site.context(now, SourceMemory()))
        try #require(slides.count == 2)
        let summary = try #require(FeedFixtures.string(slides[0], "summary"))
        #expect(summary.count <= 300 && summary.hasSuffix("…") && summary.hasPrefix("ord ord"))
        #expect(FeedFixtures.string(slides[0], "headline")!.count <= 500)
        #expect(FeedFixtures.field(slides[0], "qr") == nil)
        #expect(FeedFixtures.string(slides[1], "headline") == "Kontroll[31mtecken")
        let decoded = try #require(FeedFixtures.string(slides[1], "summary"))
        #expect(decoded.hasPrefix("<script>x</script>"))
        #expect(ControlCharacters.firstRefused(in: decoded, lineBreaks: true) == nil)
        #expect(source.lastSkipped.count == 1)
        FeedFixtures.expectKioskAccepts(slides)
    }

    @Test("an XML bomb in a feed is refused as a parse error")
    func bombFeed() throws {
        let site = try FeedSite()
        try site.write("news.rss", SafeXMLTests.billionLaughs)
        let source = NewsSource(url: site.url("news.rss"), settings: FeedFixtures.settings())
        let error = #expect(throws: FeedError.self) { try source.round(site.context(now, SourceMemory())) }
        #expect(error?.code == .parse)
    }
}
