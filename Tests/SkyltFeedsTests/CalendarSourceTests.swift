import Foundation
import SkyltCore
import SkyltFeeds
import SkyltTestSupport
import Testing

@Suite("Calendar source", .timeLimit(.minutes(5)))
struct CalendarSourceTests {
    let folder = TemporaryFolder()
    let server: FaultyHTTPServer

    init() throws {
        folder.copy(Repository.fixtures.appendingPathComponent("calendar/association.ics"), as: "association.ics")
        server = try FaultyHTTPServer(root: folder.url)
    }

    func source(_ entry: JSONValue) throws -> any FeedSource {
        let sink = ProblemSink(file: "feeds.json")
        let reader = try #require(ObjectReader(entry, path: "sources[0]", sink: sink))
        let source = SourceType.ical.make(reader, settings: FeedTesting.settings("byn: ical"))
        #expect(sink.problems == [])
        return try #require(source)
    }

    func round(_ source: any FeedSource, at now: String) throws -> [JSONValue] {
        let context = RoundContext(
            fetcher: TestFetcher(now: FeedTesting.date(now)), now: FeedTesting.date(now), memory: SourceMemory())
        return try source.round(context)
    }

    @Test("each occurrence of the coming days is an event slide the playlist reader accepts")
    func events() throws {
        let source = try source(.object(["url": .string(server.baseURL + "/association.ics"), "days": .number(14)]))
        let slides = try round(source, at: "2026-10-19T00:00:00Z")
        #expect(FeedTesting.problems(slides) == [])
        #expect(
            slides.compactMap { FeedTesting.string($0, "starts") } == [
                "2026-10-20T18:00:00+02:00", "2026-10-27T18:00:00+01:00",
            ])
        let first = try #require(slides.first)
        #expect(FeedTesting.string(first, "template") == "event")
        #expect(FeedTesting.string(first, "title") == "Träning, innebandy")
        #expect(FeedTesting.string(first, "ends") == "2026-10-20T19:30:00+02:00")
        #expect(FeedTesting.string(first, "place") == "Sporthallen")
        #expect(FeedTesting.string(first, "description") == "Ta med inneskor.\nAlla är välkomna.")
        #expect(FeedTesting.string(first, "organiser") == "Byalaget Ljungby")
        #expect(FeedTesting.field(first, "qr") == .object(["url": .string("https://byalaget.example/traning")]))
        #expect(FeedTesting.field(first, "duration") == .number(12))
        let again = try round(source, at: "2026-10-19T00:10:00Z")
        #expect(again.map { FeedTesting.string($0, "id") } == slides.map { FeedTesting.string($0, "id") })
        #expect(Set(slides.compactMap { FeedTesting.string($0, "id") }).count == 2)
    }

    @Test("'days' bounds the window: a week from 1 September holds one training and one flea market")
    func days() throws {
        let source = try source(.object(["url": .string(server.baseURL + "/association.ics"), "days": .number(7)]))
        let slides = try round(source, at: "2026-09-01T00:00:00Z")
        #expect(
            slides.compactMap { FeedTesting.string($0, "title") } == ["Träning, innebandy", "Loppis i bygdegården"])
    }

    @Test("as an agenda: one slide whose events are the occurrences, headed by the calendar's name")
    func agenda() throws {
        let source = try source(
            .object(["url": .string(server.baseURL + "/association.ics"), "days": .number(30), "as": .string("agenda")])
        )
        let slides = try round(source, at: "2026-11-30T00:00:00Z")
        #expect(FeedTesting.problems(slides) == [])
        let agenda = try #require(slides.first)
        #expect(slides.count == 1)
        #expect(FeedTesting.string(agenda, "title") == "Byalaget Ljungby")
        #expect(FeedTesting.string(agenda, "source") == "Byalaget Ljungby")
        guard case .array(let events) = FeedTesting.field(agenda, "events") else {
            Issue.record("no events")
            return
        }
        let market = try #require(events.first { FeedTesting.string($0, "title") == "Julmarknad" })
        #expect(FeedTesting.field(market, "allDay") == .bool(true))
        #expect(FeedTesting.string(market, "starts") == "2026-12-12T00:00:00+01:00")
        #expect(events.count == 9)
    }

    @Test("an agenda title may be given per language")
    func agendaTitle() throws {
        let title: JSONValue = .object(["sv": .string("Veckan i byn"), "en": .string("This week")])
        let source = try source(
            .object(["url": .string(server.baseURL + "/association.ics"), "as": .string("agenda"), "title": title]))
        let slides = try round(source, at: "2026-11-30T00:00:00Z")
        #expect(FeedTesting.field(slides[0], "title") == title)
        #expect(FeedTesting.problems(slides) == [])
    }

    @Test("hostile text is cleaned and shortened so the channel stays publishable")
    func hostileText() throws {
        let long = String(repeating: "Ä", count: 800)
        let calendar =
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:\u{1B}[2Jx\r\nSUMMARY:\u{1B}[31mRöd\u{7}\u{202E}\(long)\r\n"
            + "LOCATION:\(long)\r\nURL:javascript:alert(1)\r\nDTSTART:20261115T120000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        _ = folder.write("hostile.ics", calendar)
        let source = try source(.object(["url": .string(server.baseURL + "/hostile.ics")]))
        let slides = try round(source, at: "2026-11-14T00:00:00Z")
        #expect(slides.count == 1)
        #expect(FeedTesting.problems(slides) == [])
        let title = try #require(slides.first.flatMap { FeedTesting.string($0, "title") })
        #expect(title.hasPrefix("[31mRöd"))
        #expect(title.count == TextLimit.title.maxCharacters)
        #expect(FeedTesting.field(slides[0], "qr") == nil)
        #expect(FeedTesting.string(slides[0], "place")?.count == TextLimit.line.maxCharacters)
    }

    @Test("a document that is not a calendar is a parse error naming the source")
    func notACalendar() throws {
        _ = folder.write("page.html", "<html>hej</html>")
        let source = try source(.object(["url": .string(server.baseURL + "/page.html")]))
        #expect {
            try round(source, at: "2026-11-14T00:00:00Z")
        } throws: { error in
            (error as? FeedError)?.code == .parse && (error as? FeedError)?.subject == "byn: ical"
        }
    }

    @Test("wrong entries are refused with every problem named")
    func wrongEntry() throws {
        let sink = ProblemSink(file: "feeds.json")
        let entry: JSONValue = .object([
            "url": .string("ftp://example.org/a.ics"), "days": .number(400), "as": .string("list"),
            "title": .number(3),
        ])
        let reader = try #require(ObjectReader(entry, path: "sources[0]", sink: sink))
        #expect(SourceType.ical.make(reader, settings: FeedTesting.settings("byn: ical")) == nil)
        #expect(
            Set(sink.problems.map(\.field))
                == ["sources[0].url", "sources[0].days", "sources[0].as", "sources[0].title"])
    }
}
