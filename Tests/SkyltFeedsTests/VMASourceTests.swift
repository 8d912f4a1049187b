import Foundation
import SkyltCore
import SkyltFeeds
import Testing

@Suite("VMA warnings", .timeLimit(.minutes(5)))
struct VMASourceTests {
    typealias Message = VMAFixtures.Message
    let now = FeedFixtures.date("2026-11-28T10:00:00+01:00")

    func source(_ site: FeedSite, include: Set<AlertStatus> = [], geocode: String = "0781") -> VMASource {
        VMASource(
            url: site.url("alerts-{geocode}.json"), geocode: geocode, include: include,
            settings: FeedFixtures.settings())
    }

    @Test("an alert with Swedish and English info is one urgent slide in both languages")
    func alertInTwoLanguages() throws {
        let site = try FeedSite()
        try site.write("alerts-0781.json", VMAFixtures.answer([Message()]))
        let slides = try source(site).round(site.context(now, SourceMemory()))
        try #require(slides.count == 1)
        let slide = slides[0]
        #expect(FeedFixtures.string(slide, "template") == "alert")
        #expect(FeedFixtures.string(slide, "priority") == "urgent")
        #expect(FeedFixtures.string(slide, "headline", "sv") == "Brand i industrilokal i Ljungby")
        #expect(FeedFixtures.string(slide, "headline", "en") == "Fire in an industrial building in Ljungby")
        #expect(FeedFixtures.string(slide, "body", "sv")?.contains("Kraftig rökutveckling.") == true)
        #expect(FeedFixtures.string(slide, "body", "sv")?.contains("\r") == false)
        #expect(FeedFixtures.string(slide, "instruction", "sv")?.hasPrefix("Gå inomhus") == true)
        #expect(FeedFixtures.string(slide, "source") == "Sveriges Radio")
        #expect(FeedFixtures.string(slide, "sender") == "Räddningstjänsten Ljungby")
        #expect(FeedFixtures.string(slide, "status") == "actual")
        #expect(
            FeedFixtures.string(slide, "expires").flatMap(ISO8601.parse)
                == FeedFixtures.date("2026-11-28T21:00:00+01:00"))
        #expect(FeedFixtures.field(slide, "duration") == .number(20))
        FeedFixtures.expectKioskAccepts(slides)
    }

    @Test("an Update replaces the alert's text and a Cancel removes it, also after a restart")
    func updateAndCancel() throws {
        let site = try FeedSite()
        let memory = SourceMemory()
        let original = Message()
        try site.write("alerts-0781.json", VMAFixtures.answer([original]))
        let first = try source(site).round(site.context(now, memory))
        try #require(first.count == 1)

        var update = Message()
        update.identifier = "SRVMA20261128093000U"
        update.sent = "2026-11-28T09:30:00+01:00"
        update.msgType = "Update"
        update.references = "https://vmaapi.sr.se,SRVMA20261128090000I,2026-11-28T09:00:00+01:00"
        update.headline = "Branden i Ljungby är under kontroll"
        try site.write("alerts-0781.json", VMAFixtures.answer([original, update]))
        let updated = try source(site).round(site.context(now, memory))
        try #require(updated.count == 1)
        #expect(FeedFixtures.string(updated[0], "headline", "sv") == "Branden i Ljungby är under kontroll")
        #expect(FeedFixtures.string(updated[0], "id") != FeedFixtures.string(first[0], "id"))
        FeedFixtures.expectKioskAccepts(updated)

        var cancel = Message()
        cancel.identifier = "SRVMA20261128100000C"
        cancel.sent = "2026-11-28T09:50:00+01:00"
        cancel.msgType = "Cancel"
        cancel.references = "https://vmaapi.sr.se,SRVMA20261128093000U,2026-11-28T09:30:00+01:00"
        try site.write("alerts-0781.json", VMAFixtures.answer([original, update, cancel]))
        #expect(try source(site).round(site.context(now, memory)).isEmpty)

        // A restarted service gets the memory back as JSON; the publisher still lists the update alone.
        let saved = try JSONValue.parse(JSONEncoder().encode(memory.value))
        try site.write("alerts-0781.json", VMAFixtures.answer([update]))
        #expect(try source(site).round(site.context(now, SourceMemory(saved))).isEmpty)
    }

    @Test("a test message is ignored unless the entry includes tests, and then marked as one")
    func testMessages() throws {
        let site = try FeedSite()
        var test = Message()
        test.status = "Test"
        try site.write("alerts-0781.json", VMAFixtures.answer([test]))
        #expect(try source(site).round(site.context(now, SourceMemory())).isEmpty)
        #expect(try source(site, include: [.exercise]).round(site.context(now, SourceMemory())).isEmpty)
        let shown = try source(site, include: [.test]).round(site.context(now, SourceMemory()))
        try #require(shown.count == 1)
        #expect(FeedFixtures.string(shown[0], "status") == "test")
        FeedFixtures.expectKioskAccepts(shown)
    }

    @Test("an expired alert is not output, and one the source kept drops out when it expires")
    func expired() throws {
        let site = try FeedSite()
        var old = Message()
        old.expires = "2026-11-28T09:30:00+01:00"
        try site.write("alerts-0781.json", VMAFixtures.answer([old]))
        #expect(try source(site).round(site.context(now, SourceMemory())).isEmpty)

        let memory = SourceMemory()
        try site.write("alerts-0781.json", VMAFixtures.answer([Message()]))
        #expect(try source(site).round(site.context(now, memory)).count == 1)
        let later = FeedFixtures.date("2026-11-28T21:00:00+01:00")
        #expect(try source(site).round(site.context(later, memory)).isEmpty)
    }

    @Test("an alert without identity costs only itself, and is named among what the round left out")
    func badItem() throws {
        let site = try FeedSite()
        let good = VMAFixtures.alert(Message())
        try site.write("alerts-0781.json", #"{"alerts": [{"sender": "x", "info": []}, 7, \#(good)]}"#)
        let vma = source(site)
        let slides = try vma.round(site.context(now, SourceMemory()))
        #expect(slides.count == 1)
        #expect(vma.lastSkipped.count == 2)
        FeedFixtures.expectKioskAccepts(slides)
    }

    @Test("only alerts for the municipality or its county are shown")
    func areaFilter() throws {
        let site = try FeedSite()
        var elsewhere = Message()
        elsewhere.identifier = "SRVMA-VAXJO"
        elsewhere.geocodes = ["0780"]
        var county = Message()
        county.identifier = "SRVMA-KRONOBERG"
        county.geocodes = ["07"]
        try site.write("alerts-0781.json", VMAFixtures.answer([elsewhere, county]))
        let slides = try source(site).round(site.context(now, SourceMemory()))
        #expect(slides.count == 1)
        #expect(FeedFixtures.string(slides[0], "id") != nil)
        let vaxjo = try FeedSite()
        try vaxjo.write("alerts-0780.json", VMAFixtures.answer([elsewhere, county]))
        #expect(try source(vaxjo, geocode: "0780").round(vaxjo.context(now, SourceMemory())).count == 2)
    }

    @Test(
        "without English info the Swedish text is the default language's; an answer that is not JSON is a parse error")
    func defaultLanguageAndErrors() throws {
        let site = try FeedSite()
        var swedish = Message()
        swedish.englishHeadline = nil
        try site.write("alerts-0781.json", VMAFixtures.answer([swedish]))
        let english = VMASource(
            url: site.url("alerts-0781.json"), geocode: "0781", settings: FeedFixtures.settings(language: "en"))
        let slides = try english.round(site.context(now, SourceMemory()))
        try #require(slides.count == 1)
        #expect(FeedFixtures.string(slides[0], "headline", "en") == "Brand i industrilokal i Ljungby")
        FeedFixtures.expectKioskAccepts(slides, language: "en")

        try site.write("alerts-0781.json", "<html>maintenance</html>")
        let error = #expect(throws: FeedError.self) { try source(site).round(site.context(now, SourceMemory())) }
        #expect(error?.code == .parse)
    }
}
