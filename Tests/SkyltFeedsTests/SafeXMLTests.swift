import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@testable import SkyltFeeds

@Suite("Safe XML and HTML text", .timeLimit(.minutes(5)))
struct SafeXMLTests {
    static let billionLaughs = """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>
        """

    func parseError(_ text: String) -> FeedError? {
        #expect(throws: FeedError.self) { try SafeXML.parse(Data(text.utf8), subject: "test") }
    }

    @Test("a billion-laughs document is refused quickly, without expanding")
    func billionLaughs() {
        let before = ProcessFigures.current().residentBytes
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<20 { #expect(parseError(Self.billionLaughs)?.code == .parse) }
        }
        // Expanded, one document takes minutes and gigabytes; the bounds leave room for a
        // loaded machine and for other suites sharing the process.
        #expect(elapsed < .seconds(30))
        #expect(ProcessFigures.current().residentBytes - before < 1 << 30)
    }

    @Test("external entities (a file, a URL) are refused and never fetched")
    func externalEntities() throws {
        let file = """
            <?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>
            """
        #expect(parseError(file)?.code == .parse)
        let site = try FeedSite()
        try site.write("secret.txt", "secret")
        let http = """
            <?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "\(site.url("secret.txt"))">]><rss><channel><title>&x;</title></channel></rss>
            """
        #expect(parseError(http)?.code == .parse)
        let dtd = """
            <?xml version="1.0"?><!DOCTYPE r SYSTEM "\(site.url("secret.txt"))"><rss><channel><title>t</title></channel></rss>
            """
        let parsed = try SafeXML.parse(Data(dtd.utf8), subject: "test")
        #expect(parsed.child("channel")?.childText("title") == "t")
        let parameter = """
            <?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "\(site.url("secret.txt"))"> %p;]><rss/>
            """
        #expect(parseError(parameter)?.code == .parse)
        #expect(site.server.takeRequests().isEmpty)
    }

    @Test("documents over the size cap, too many elements, or not well-formed are refused")
    func limits() {
        let big = "<a>" + String(repeating: "x", count: SafeXML.maxBytes) + "</a>"
        #expect(parseError(big)?.code == .parse)
        let many = "<a>" + String(repeating: "<b/>", count: SafeXML.maxElements + 1) + "</a>"
        #expect(parseError(many)?.code == .parse)
        let deep = String(repeating: "<d>", count: 5_000) + String(repeating: "</d>", count: 5_000)
        #expect(parseError(deep)?.code == .parse)
        #expect(parseError("<a><b></a>")?.code == .parse)
    }

    @Test("HTML becomes plain text: blocks as lines, scripts and styles dropped, entities decoded")
    func htmlText() {
        #expect(HTMLText.plain("<p>Hej <b>alla</b></p><p>två&nbsp;rader</p>") == "Hej alla\ntvå rader")
        #expect(HTMLText.plain("<script>steal()</script><style>p{}</style>text") == "text")
        #expect(HTMLText.plain("<img src=x onerror=alert(1)>bild<br>rad") == "bild\nrad")
        #expect(HTMLText.plain("<div>unclosed <i>tags <p>here") == "unclosed tags\nhere")
        #expect(
            HTMLText.plain("&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &#x41;&#66;")
                == "<script>alert(1)</script> &amp; AB")
        #expect(HTMLText.plain("  many   \n\n\n\n  spaces  ") == "many\n\nspaces")
        #expect(HTMLText.plain("<p> </p><script>x</script>") == nil)
    }

    @Test("nested HTML is walked; beyond libxml2's depth it stops, and 5 MB is refused, all quickly")
    func nestedHTML() {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            let nested = String(repeating: "<div>", count: 200) + "inne" + String(repeating: "</div>", count: 200)
            #expect(HTMLText.plain(nested) == "inne")
            let deep = "före" + String(repeating: "<div>", count: 40_000) + "inne"
            #expect(HTMLText.plain(deep) == "före")
            let huge = String(repeating: "<div>", count: 1_000_000) + "x"
            #expect(HTMLText.plain(huge) == nil)
        }
        #expect(elapsed < .seconds(10))
    }

    @Test("texts are shortened at a word with an ellipsis and cleaned of control characters")
    func shortening() {
        let text = String(repeating: "abcde ", count: 100)
        let short = FeedText.shortened(text.trimmed, to: 300)
        #expect(short.count <= 300)
        #expect(short.hasSuffix("abcde…"))
        #expect(FeedText.clean("a\u{0}b\u{1B}c\u{202E}d\te", lineBreaks: false) == "abcd e")
        #expect(FeedText.clean("rad 1\r\nrad 2", lineBreaks: false) == "rad 1 rad 2")
        #expect(SlideID.make("news", "guid-1") == SlideID.make("news", "guid-1"))
        #expect(SlideID.make("news", "guid-1").count <= 48)
    }

    @Test("RSS dates are read in any zone name or offset")
    func rfc822() {
        #expect(RFC822Date.parse("Sat, 28 Nov 2026 08:00:00 GMT") == FeedFixtures.date("2026-11-28T08:00:00Z"))
        #expect(RFC822Date.parse("28 Nov 26 09:30 +0100") == FeedFixtures.date("2026-11-28T08:30:00Z"))
        #expect(RFC822Date.parse("Fri, 27 Nov 2026 10:00:00 EST") == FeedFixtures.date("2026-11-27T15:00:00Z"))
        #expect(RFC822Date.parse("yesterday") == nil)
    }

    @Test("an RSS date with a field out of range is no date, not a carried-over one")
    func rfc822Ranges() {
        let wrong = [
            "Sat, 40 Nov 2026 08:00:00 GMT", "Sat, 0 Nov 2026 08:00:00 GMT", "Sat, 28 Nov 2026 25:00:00 GMT",
            "Sat, 28 Nov 2026 08:61:00 GMT", "Sat, 28 Nov 2026 08:00:99 GMT", "Sat, 28 Nov 99999999 08:00 GMT",
            "Sat, 28 Nov 2026 08:00 +0199", "Sat, 28 Nov 9223372036854775807 08:00 GMT",
        ]
        for text in wrong { #expect(RFC822Date.parse(text) == nil, "\(text)") }
    }
}
