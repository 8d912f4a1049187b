import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@testable import SkyltFeeds

@Suite("Entur departures", .timeLimit(.minutes(5)))
struct EnturSourceTests {
    static let path = "/journey-planner/v3/graphql"
    static let now = KioskView.date("2026-11-28T09:00:00Z")
    static let fetched = KioskView.date("2026-11-28T08:59:58Z")
    static let subject = "vinstra: entur NSR:StopPlace:420"

    func round(_ server: FeedFixtureServer, log: InMemoryLogHandler = InMemoryLogHandler()) throws -> [JSONValue] {
        let source = EnturSource(
            url: server.baseURL + Self.path, stop: "NSR:StopPlace:420", client: "lidhult-skylt", title: nil,
            settings: KioskView.settings(Self.subject), logger: log.logger)
        let context = RoundContext(
            fetcher: FixtureDocumentFetcher(fetched: Self.fetched), now: Self.now, memory: SourceMemory())
        return try source.round(context)
    }

    @Test("a delay, a cancellation and quays reach the board with Oslo's times kept as instants")
    func board() throws {
        let server = try FeedFixtureServer(fixture: "entur-departures.json", at: Self.path)
        defer { server.server.stop() }
        let log = InMemoryLogHandler()
        let slides = try round(server, log: log)
        let expected = DepartureBoard(
            title: LocalizedText(["sv": "Vinstra stasjon"]), fetched: Self.fetched,
            departures: [
                Departure(
                    line: "340", destination: "Otta skysstasjon", scheduled: KioskView.date("2026-11-28T09:10:00Z"),
                    expected: KioskView.date("2026-11-28T09:14:00Z"), platform: "1", mode: .bus),
                Departure(
                    line: "R10", destination: "Lillehammer", scheduled: KioskView.date("2026-11-28T09:30:00Z"),
                    expected: KioskView.date("2026-11-28T09:30:00Z"), cancelled: true, platform: "2", mode: .train),
                Departure(
                    line: "F7", destination: "Sjoa", scheduled: KioskView.date("2026-11-28T10:00:00Z"), mode: .ferry),
            ],
            source: "Data: Entur")
        #expect(KioskView.content(slides) == .departures(expected))
        #expect(log.messages.count == 1)
        #expect(log.messages.first?.contains("estimatedCalls[2] has no readable aimedDepartureTime") == true)
    }

    @Test("the query is POSTed with the stop, the departures wanted and ET-Client-Name")
    func request() throws {
        let server = try FeedFixtureServer(fixture: "entur-departures.json", at: Self.path)
        defer { server.server.stop() }
        _ = try round(server)
        let requests = server.server.takeRequests()
        let request = try #require(requests.first)
        #expect(requests.count == 1)
        #expect(request.method == "POST")
        #expect(request.path == Self.path)
        #expect(request.headers["et-client-name"] == "lidhult-skylt")
        #expect(request.headers["content-type"] == "application/json")
        let body = try JSONValue.parse(request.body)
        guard case .object(let fields) = body, case .string(let query)? = fields["query"] else {
            Issue.record("the body has no query: \(String(decoding: request.body, as: UTF8.self))")
            return
        }
        for field in [
            "stopPlace(id: $id)", "estimatedCalls(numberOfDepartures: $n)", "aimedDepartureTime",
            "expectedDepartureTime", "cancellation", "quay { publicCode }", "destinationDisplay { frontText }",
            "line { publicCode transportMode }",
        ] {
            #expect(query.contains(field), "\(field)")
        }
        #expect(fields["variables"] == .object(["id": .string("NSR:StopPlace:420"), "n": .number(8)]))
    }

    @Test("GraphQL errors, an unknown stop and a wrong shape are parse errors naming the source")
    func wrongShape() throws {
        let bodies = [
            #"{"errors": [{"message": "Variable 'id' has an invalid value"}], "data": null}"#,
            #"{"data": {"stopPlace": null}}"#,
            #"{"data": {"stopPlace": {"name": "Vinstra", "estimatedCalls": "none"}}}"#,
            "not json",
        ]
        for body in bodies {
            let server = try FeedFixtureServer(text: body, at: Self.path)
            defer { server.server.stop() }
            let error = #expect(throws: FeedError.self) { try round(server) }
            #expect(error?.code == .parse, "\(body)")
            #expect(error?.subject == Self.subject)
            #expect(error?.message.contains("Entur") == true)
        }
    }

    @Test("the config entry needs a stop place id and a client name")
    func config() throws {
        let sink = ProblemSink(file: "feeds.json")
        let entry = try #require(
            ObjectReader(
                .object(["type": .string("entur"), "stop": .string("58366"), "client": .string("lidhult-skylt")]),
                path: "sources[0]", sink: sink))
        #expect(SourceType.entur.make(entry, settings: KioskView.settings(Self.subject)) == nil)
        #expect(sink.problems.map(\.field) == ["sources[0].stop"])
    }
}
