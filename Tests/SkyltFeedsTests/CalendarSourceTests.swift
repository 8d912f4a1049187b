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
        let source = SourceType.ical.make(reader, settings: CalendarSensorTesting.settings("byn: ical"))
        #expect(sink.problems == [])
        return try #require(source)
    }

    func round(_ source: any FeedSource, at now: String) throws -> [JSONValue] {
        let context = RoundContext(
            fetcher: CalendarSensorFetcher(now: CalendarSensorTesting.date(now)), now: CalendarSensorTesting.date(now),
            memory: SourceMemory())
        return try source.round(context)
    }

    @Test("each occurrence of the coming days is an event slide the playlist reader accepts")
    func events() throws {
        let source = try source(.object(["url": .string(server.baseURL + "/association.ics"), "days": .number(14)]))
        let slides = try round(source, at: "2026-10-19T00:00:00Z")
        #expect(CalendarSensorTesting.problems(slides) == [])
        #expect(
            slides.compactMap { CalendarSensorTesting.string($0, "starts") } == [
                "2026-10-20T18:00:00+02:00", "2026-10-27T18:00:00+01:00",
            ])
        let first = try #require(slides.first)
        #expect(CalendarSensorTesting.string(first, "template") == "event")
        #expect(CalendarSensorTesting.string(first, "title") == "Träning, innebandy")
        #expect(CalendarSensorTesting.string(first, "ends") == "2026-10-20T19:30:00+02:00")
        #expect(CalendarSensorTesting.string(first, "place") == "Sporthallen")
        #expect(CalendarSensorTesting.string(first, "description") == "Ta med inneskor.\nAlla är välkomna.")
        #expect(CalendarSensorTesting.string(first, "organiser") == "Byalaget Ljungby")
        #expect(
            CalendarSensorTesting.field(first, "qr") == .object(["url": .string("https://byalaget.example/traning")]))
        #expect(CalendarSensorTesting.field(first, "duration") == .number(12))
        let again = try round(source, at: "2026-10-19T00:10:00Z")
        #expect(
            again.map { CalendarSensorTesting.string($0, "id") }
                == slides.map { CalendarSensorTesting.string($0, "id") })
        #expect(Set(slides.compactMap { CalendarSensorTesting.string($0, "id") }).count == 2)
    }

    @Test("'days' bounds the window: a week from 1 September holds one training and one flea market")
    func days() throws {
        let source = try source(.object(["url": .string(server.baseURL + "/association.ics"), "days": .number(7)]))
        let slides = try round(source, at: "2026-09-01T00:00:00Z")
        #expect(
            slides.compactMap { CalendarSensorTesting.string($0, "title") } == [
                "Träning, innebandy", "Loppis i bygdegården",
            ])
    }

    @Test("as an agenda: one slide whose events are the occurrences, headed by the calendar's name")
    func agenda() throws {
        let source = try source(
            .object(["url": .string(server.baseURL + "/association.ics"), "days": .number(30), "as": .string("agenda")])
        )
        let slides = try round(source, at: "2026-11-30T00:00:00Z")
        #expect(CalendarSensorTesting.problems(slides) == [])
        let agenda = try #require(slides.first)
        #expect(slides.count == 1)
        #expect(CalendarSensorTesting.string(agenda, "title") == "Byalaget Ljungby")
        #expect(CalendarSensorTesting.string(agenda, "source") == "Byalaget Ljungby")
        guard case .array(let events) = CalendarSensorTesting.field(agenda, "events") else {
            Issue.record("no events")
            return
        }
        let market = try #require(events.first { CalendarSensorTesting.string($0, "title") == "Julmarknad" })
        #expect(CalendarSensorTesting.field(market, "allDay") == .bool(true))
        #expect(CalendarSensorTesting.string(market, "starts") == "2026-12-12T00:00:00+01:00")
        #expect(events.count == 9)
    }

    @Test("an agenda title may be given per language")
    func agendaTitle() throws {
        let title: JSONValue = .object(["sv": .string("Veckan i byn"), "en": .string("This week")])
        let source = try source(
            .object(["url": .string(server.baseURL + "/association.ics"), "as": .string("agenda"), "title": title]))
        let slides = try round(source, at: "2026-11-30T00:00:00Z")
        #expect(CalendarSensorTesting.field(slides[0], "title") == title)
        #expect(CalendarSensorTesting.problems(slides) == [])
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
        #expect(CalendarSensorTesting.problems(slides) == [])
        let title = try #require(slides.first.flatMap { CalendarSensorTesting.string($0, "title") })
        #expect(title.hasPrefix("[31mRöd"))
        #expect(title.count == TextLimit.title.maxCharacters)
        #expect(CalendarSensorTesting.field(slides[0], "qr") == nil)
        #expect(CalendarSensorTesting.string(slides[0], "place")?.count == TextLimit.line.maxCharacters)
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
        #expect(SourceType.ical.make(reader, settings: CalendarSensorTesting.settings("byn: ical")) == nil)
        #expect(
            Set(sink.problems.map(\.field))
                == ["sources[0].url", "sources[0].days", "sources[0].as", "sources[0].title"])
    }
}
