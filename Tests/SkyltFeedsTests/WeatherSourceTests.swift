import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

@testable import SkyltFeeds

@Suite("SMHI and MET Norway forecasts", .timeLimit(.minutes(5)))
struct WeatherSourceTests {
    static let now = KioskView.date("2026-11-28T09:20:00Z")
    static let fetched = KioskView.date("2026-11-28T09:15:00Z")
    static let smhiPath = "/snow1g/version/1/geotype/point/lon/13.4392/lat/56.8281/data.json"
    static let metPath = "/locationforecast/2.0/compact"

    func context() -> RoundContext {
        RoundContext(fetcher: FixtureDocumentFetcher(fetched: Self.fetched), now: Self.now, memory: SourceMemory())
    }

    func smhi(_ server: FeedFixtureServer) -> SMHISource {
        SMHISource(
            baseURL: server.baseURL + "/snow1g/version/1", lat: 56.8281, lon: 13.4392, place: "Lidhult",
            settings: KioskView.settings("lidhult: smhi"))
    }

    func metno(_ server: FeedFixtureServer) -> MetNoSource {
        MetNoSource(
            baseURL: server.baseURL + "/locationforecast/2.0/", lat: 59.913868, lon: 10.752245, place: "Oslo",
            settings: KioskView.settings("oslo: metno"))
    }

    func period(_ time: String, _ symbol: Int, _ temperature: Double, _ wind: Double?, _ rain: Double?)
        -> WeatherPeriod
    {
        WeatherPeriod(
            time: KioskView.date(time), symbol: symbol, temperature: temperature, wind: wind, precipitation: rain)
    }

    @Test("SMHI: the hour under way, then every three hours for a day; a missing wind stays out")
    func smhiForecast() throws {
        let server = try FeedFixtureServer(fixture: "smhi-snow1g.json", at: Self.smhiPath)
        defer { server.server.stop() }
        let slides = try smhi(server).round(context())
        let expected = Forecast(
            place: LocalizedText(["sv": "Lidhult"]), fetched: Self.fetched,
            periods: [
                period("2026-11-28T09:00:00Z", 4, -2.5, 2.3, 0.1),
                period("2026-11-28T12:00:00Z", 19, -1.0, nil, 0.4),
                period("2026-11-28T15:00:00Z", 25, 0.5, 4.1, 0.7),
                period("2026-11-28T18:00:00Z", 6, 2.0, 5.0, 1.0),
                period("2026-11-28T23:00:00Z", 2, 3.5, 5.9, 1.3),
                period("2026-11-29T02:00:00Z", 7, 4.0, 6.2, 1.4),
                period("2026-11-29T05:00:00Z", 8, 4.5, 6.5, 1.5),
                period("2026-11-29T08:00:00Z", 15, 5.0, 6.8, 1.6),
            ],
            source: "SMHI")
        #expect(KioskView.content(slides) == .weather(expected))
        #expect(server.server.takeRequests().map(\.path) == [Self.smhiPath])
    }

    @Test("SMHI: every one of the 27 symbol codes passes through; others are refused")
    func smhiSymbols() {
        func step(_ symbol: Double) -> ForecastStep? {
            SMHISource.step(
                .object([
                    "time": .string("2026-11-28T09:00:00Z"),
                    "data": .object(["symbol_code": .number(symbol), "air_temperature": .number(1)]),
                ]))
        }
        for code in 1...27 { #expect(step(Double(code))?.symbol == code) }
        for wrong in [0, 28, 9999, 3.5, 1e300, -1e300, .infinity, .nan] { #expect(step(wrong) == nil, "\(wrong)") }
    }

    @Test("MET Norway: symbols mapped to SMHI's codes, six-hour symbols further ahead, four decimals asked")
    func metForecast() throws {
        let server = try FeedFixtureServer(fixture: "metno-compact.json", at: Self.metPath)
        defer { server.server.stop() }
        let slides = try metno(server).round(context())
        let expected = Forecast(
            place: LocalizedText(["sv": "Oslo"]), fetched: Self.fetched,
            periods: [
                period("2026-11-28T09:00:00Z", 2, -1.1, 3.2, 0.2),
                period("2026-11-28T12:00:00Z", 8, 0.1, 3.8, 0.8),
                period("2026-11-28T15:00:00Z", 11, 1.3, 4.4, 1.4),
                period("2026-11-28T18:00:00Z", 16, 2.5, 5.0, 2.0),
                period("2026-11-29T02:00:00Z", 26, -4.0, 5.5, 2.4),
                period("2026-11-29T08:00:00Z", 1, -4.0, 5.5, 2.4),
            ],
            source: "MET Norway")
        #expect(KioskView.content(slides) == .weather(expected))
        #expect(server.server.takeRequests().map(\.path) == [Self.metPath + "?lat=59.9139&lon=10.7522"])
    }

    @Test("a forecast of the wrong shape, or without a usable step, is a parse error naming the source")
    func wrongShape() throws {
        let smhiBodies = [#"{"timeSeries": {}}"#, #"{"timeSeries": [{"time": "2026-11-28T09:00:00Z", "data": {}}]}"#]
        for body in smhiBodies {
            let server = try FeedFixtureServer(text: body, at: Self.smhiPath)
            defer { server.server.stop() }
            let error = #expect(throws: FeedError.self) { try smhi(server).round(context()) }
            #expect(error?.code == .parse)
            #expect(error?.subject == "lidhult: smhi")
        }
        let metBodies = [
            #"{"properties": {"timeseries": null}}"#,
            #"{"properties": {"timeseries": [{"time": "2026-11-28T09:00:00Z", "data": {"instant": {"details": {"air_temperature": 2}}, "next_1_hours": {"summary": {"symbol_code": "sunshine_and_unicorns"}}}}]}}"#,
        ]
        for body in metBodies {
            let server = try FeedFixtureServer(text: body, at: Self.metPath)
            defer { server.server.stop() }
            let error = #expect(throws: FeedError.self) { try metno(server).round(context()) }
            #expect(error?.code == .parse)
            #expect(error?.subject == "oslo: metno")
        }
    }

    @Test("the config entry needs a place and coordinates on Earth")
    func config() throws {
        let sink = ProblemSink(file: "feeds.json")
        let entry = try #require(
            ObjectReader(
                .object(["type": .string("smhi"), "lat": .number(95), "lon": .number(13.4)]), path: "sources[0]",
                sink: sink))
        #expect(SourceType.smhi.make(entry, settings: KioskView.settings("x")) == nil)
        #expect(sink.problems.map(\.field) == ["sources[0].lat", "sources[0].place"])
        let good = try #require(
            ObjectReader(
                .object([
                    "type": .string("metno"), "lat": .number(59.91), "lon": .number(10.75), "place": .string("Oslo"),
                ]),
                path: "sources[1]", sink: sink))
        #expect(SourceType.metno.make(good, settings: KioskView.settings("x")) is MetNoSource)
    }
}
