import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@testable import SkyltFeeds

@Suite("Trafiklab departures", .timeLimit(.minutes(5)))
struct TrafiklabSourceTests {
    static let path = "/v1/departures/740000190"
    static let now = KioskView.date("2026-11-28T09:00:00Z")
    static let fetched = KioskView.date("2026-11-28T08:59:58Z")
    static let subject = "lidhult: trafiklab 740000190"

    func source(_ server: FeedFixtureServer, title: LocalizedText? = nil, items: Int = 8, log: InMemoryLogHandler)
        -> TrafiklabSource
    {
        TrafiklabSource(
            baseURL: server.baseURL + "/v1", stop: "740000190", key: "s3cret", title: title, items: items,
            settings: KioskView.settings(Self.subject), logger: log.logger)
    }

    func round(_ source: TrafiklabSource) throws -> [JSONValue] {
        let context = RoundContext(
            fetcher: FixtureDocumentFetcher(fetched: Self.fetched), now: Self.now, memory: SourceMemory())
        return try source.round(context)
    }

    @Test("a delay, a cancellation and platforms reach the board in Swedish time; a gone bus does not")
    func board() throws {
        let server = try FeedFixtureServer(fixture: "trafiklab-departures.json", at: Self.path)
        defer { server.server.stop() }
        let log = InMemoryLogHandler()
        let slides = try round(source(server, log: log))
        let expected = DepartureBoard(
            title: LocalizedText(["sv": "Lidhult busstation"]), fetched: Self.fetched,
            departures: [
                Departure(
                    line: "145", destination: "Ljungby", scheduled: KioskView.date("2026-11-28T10:05:00+01:00"),
                    expected: KioskView.date("2026-11-28T10:08:00+01:00"), platform: "B", mode: .bus),
                Departure(
                    line: "84", destination: "Halmstad C", scheduled: KioskView.date("2026-11-28T10:20:00+01:00"),
                    expected: KioskView.date("2026-11-28T10:20:00+01:00"), cancelled: true, platform: "1",
                    mode: .train),
                Departure(
                    line: "148", destination: "Värnamo resecentrum",
                    scheduled: KioskView.date("2026-11-28T10:40:00+01:00"), mode: .bus),
            ],
            source: "Data: Trafiklab.se")
        #expect(KioskView.content(slides) == .departures(expected))
        let requests = server.server.takeRequests()
        #expect(requests.map(\.path) == [Self.path + "?key=s3cret"])
        #expect(requests.first?.method == "GET")
    }

    @Test("a departure without a line is skipped and logged, not the board")
    func malformedDeparture() throws {
        let server = try FeedFixtureServer(fixture: "trafiklab-departures.json", at: Self.path)
        defer { server.server.stop() }
        let log = InMemoryLogHandler()
        let slides = try round(source(server, log: log))
        guard case .departures(let board)? = KioskView.content(slides) else {
            Issue.record("no departures slide")
            return
        }
        #expect(board.departures.count == 3)
        #expect(log.all.map(\.level) == [.warning])
        #expect(log.messages.first?.contains("departures[2] has no route.designation") == true)
        #expect(log.messages.first?.contains("s3cret") == false)
    }

    @Test("the entry's title heads the board and 'items' caps it")
    func titleAndItems() throws {
        let server = try FeedFixtureServer(fixture: "trafiklab-departures.json", at: Self.path)
        defer { server.server.stop() }
        let slides = try round(
            source(
                server, title: LocalizedText(["sv": "Bussar från torget", "en": "Buses from the square"]), items: 1,
                log: InMemoryLogHandler()))
        guard case .departures(let board)? = KioskView.content(slides) else {
            Issue.record("no departures slide")
            return
        }
        #expect(board.title == LocalizedText(["sv": "Bussar från torget", "en": "Buses from the square"]))
        #expect(board.departures.map(\.line) == ["145"])
    }

    @Test("an answer of the wrong shape is a parse error naming the source")
    func wrongShape() throws {
        for body in [#"{"stops": [], "departures": {"scheduled": "x"}}"#, "<html>Service unavailable</html>"] {
            let server = try FeedFixtureServer(text: body, at: Self.path)
            defer { server.server.stop() }
            let error = #expect(throws: FeedError.self) { try round(source(server, log: InMemoryLogHandler())) }
            #expect(error?.code == .parse)
            #expect(error?.subject == Self.subject)
            #expect(error?.message.contains("Trafiklab") == true)
        }
    }

    @Test("the config entry needs a stop and a key of URL-safe characters")
    func config() throws {
        let sink = ProblemSink(file: "feeds.json")
        let good = try #require(
            ObjectReader(
                .object([
                    "type": .string("trafiklab"), "stop": .string("740000190"), "key": .string("abc123"),
                    "items": .number(5),
                ]), path: "sources[0]", sink: sink))
        let made = SourceType.trafiklab.make(good, settings: KioskView.settings(Self.subject))
        #expect((made as? TrafiklabSource)?.items == 5)
        #expect(sink.problems.isEmpty)
        let bad = try #require(
            ObjectReader(
                .object(["type": .string("trafiklab"), "stop": .string("740000190&x=1")]), path: "sources[1]",
                sink: sink))
        #expect(SourceType.trafiklab.make(bad, settings: KioskView.settings(Self.subject)) == nil)
        #expect(sink.problems.map(\.field) == ["sources[1].stop", "sources[1].key"])
        let fraction = try #require(
            ObjectReader(
                .object([
                    "type": .string("trafiklab"), "stop": .string("740000190"), "key": .string("abc123"),
                    "items": .number(6.5),
                ]), path: "sources[2]", sink: sink))
        _ = SourceType.trafiklab.make(fraction, settings: KioskView.settings(Self.subject))
        #expect(sink.problems.map(\.field).last == "sources[2].items")
    }
}

@Suite("Trafiklab times")
struct TrafiklabTimeTests {
    @Test("a wall-clock time in Stockholm, with or without seconds")
    func readable() {
        #expect(TrafiklabSource.swedishTime("2026-11-28T14:05:30") == KioskView.date("2026-11-28T13:05:30Z"))
        #expect(TrafiklabSource.swedishTime("2026-11-28T14:05") == KioskView.date("2026-11-28T13:05:00Z"))
        #expect(TrafiklabSource.swedishTime("2028-02-29T00:00") != nil)
    }

    @Test("a field out of its range is no time, however large: no overflow")
    func outOfRange() {
        let wrong = [
            "2026-11-28T14:05:9223372036854775807", "2026-11-28T14:05:61", "2026-11-28T14:05:-1",
            "9223372036854775807-11-28T14:05", "1969-12-31T23:59", "10000-01-01T00:00", "2026-11-31T12:00",
            "2026-02-29T12:00", "2026-13-01T12:00", "2026-11-28T24:00", "2026-11-28T12:60", "2026-11-00T12:00",
        ]
        for text in wrong { #expect(TrafiklabSource.swedishTime(text) == nil, "\(text)") }
    }
}

@Suite("Service base URLs")
struct ServiceBaseTests {
    @Test("feeds/example.json's bases give the services' real paths, not a doubled one")
    func exampleURLs() throws {
        let example = Repository.root.appendingPathComponent("feeds/example.json")
        let sources = try FeedsConfig.load(from: example).channels.flatMap(\.sources).map(\.source)
        let trafiklab = try #require(sources.lazy.compactMap { $0 as? TrafiklabSource }.first)
        #expect(
            trafiklab.request.url
                == "https://realtime-api.trafiklab.se/v1/departures/740012345?key=din-trafiklab-nyckel")
        let metno = try #require(sources.lazy.compactMap { $0 as? MetNoSource }.first)
        #expect(metno.request.url == "https://api.met.no/weatherapi/locationforecast/2.0/compact?lat=56.83&lon=13.43")
    }

    @Test("a base that is not an http or https link is refused when the config is read")
    func wrongBase() throws {
        let entries: [(SourceType, [String: JSONValue])] = [
            (.trafiklab, ["stop": .string("740000190"), "key": .string("k")]),
            (.entur, ["stop": .string("NSR:StopPlace:1"), "client": .string("c")]),
            (.smhi, ["lat": .number(56), "lon": .number(13), "place": .string("Lidhult")]),
            (.metno, ["lat": .number(56), "lon": .number(13), "place": .string("Lidhult")]),
        ]
        for (type, fields) in entries {
            let sink = ProblemSink(file: "feeds.json")
            var wrong = fields
            wrong["url"] = .string("ftp://example.org/api")
            let reader = try #require(ObjectReader(.object(wrong), path: "sources[0]", sink: sink))
            #expect(type.make(reader, settings: KioskView.settings("x")) == nil, "\(type)")
            #expect(sink.problems.map(\.field) == ["sources[0].url"], "\(type)")
            let fine = try #require(ObjectReader(.object(fields), path: "sources[0]", sink: sink))
            #expect(type.make(fine, settings: KioskView.settings("x")) != nil, "\(type)")
        }
    }
}
