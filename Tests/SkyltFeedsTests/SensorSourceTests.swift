import Foundation
import SkyltCore
import SkyltFeeds
import SkyltTestSupport
import Testing

@Suite("Sensor sources", .timeLimit(.minutes(5)))
struct SensorSourceTests {
    let folder = TemporaryFolder()

    func make(_ type: SourceType, _ entry: JSONValue) throws -> SensorSource {
        let sink = ProblemSink(file: "feeds.json")
        let reader = try #require(ObjectReader(entry, path: "sources[0]", sink: sink))
        let source = type.make(reader, settings: CalendarSensorTesting.settings("byn: \(type.rawValue)"))
        #expect(sink.problems == [])
        return try #require(source as? SensorSource)
    }

    @Test("a JSON sensor: value, unit and time, and the trend kept over rounds")
    func jsonTrend() throws {
        let server = try FaultyHTTPServer(root: folder.url)
        let source = try make(
            .json,
            .object([
                "url": .string(server.baseURL + "/snow.json"), "path": .string("$.station.depth"),
                "label": .object(["sv": .string("Snödjup"), "en": .string("Snow depth")]), "unit": .string("cm"),
                "decimals": .number(0),
            ]))
        let memory = SourceMemory()
        var slides: [JSONValue] = []
        for (index, depth) in [10, 12, 15].enumerated() {
            let time = "2026-11-28T0\(index + 6):00:00+01:00"
            _ = folder.write("snow.json", #"{"station":{"depth":\#(depth),"time":"\#(time)"}}"#)
            let now = CalendarSensorTesting.date(time).addingTimeInterval(60)
            slides = try source.round(RoundContext(fetcher: CalendarSensorFetcher(now: now), now: now, memory: memory))
        }
        #expect(CalendarSensorTesting.problems(slides) == [])
        let figure = slides[0]
        #expect(CalendarSensorTesting.field(figure, "value") == .number(15))
        #expect(CalendarSensorTesting.string(figure, "unit") == "cm")
        #expect(CalendarSensorTesting.string(figure, "read") == "2026-11-28T08:00:00+01:00")
        #expect(CalendarSensorTesting.string(figure, "source") == "127.0.0.1")
        #expect(CalendarSensorTesting.field(figure, "decimals") == .number(0))
        guard case .array(let history) = CalendarSensorTesting.field(figure, "history") else {
            Issue.record("no history")
            return
        }
        #expect(history.map { CalendarSensorTesting.field($0, "value") } == [.number(10), .number(12), .number(15)])
        _ = folder.write("snow.json", #"{"station":{"depth":16,"time":"2026-11-29T09:00:00+01:00"}}"#)
        let later = CalendarSensorTesting.date("2026-11-29T09:01:00+01:00")
        let next = try source.round(
            RoundContext(fetcher: CalendarSensorFetcher(now: later), now: later, memory: memory))
        #expect(
            CalendarSensorTesting.field(next[0], "history")
                == .array([.object(["time": .string("2026-11-29T09:00:00+01:00"), "value": .number(16)])]))
        #expect(CalendarSensorTesting.string(next[0], "id") == CalendarSensorTesting.string(figure, "id"))
    }

    @Test("history keeps at most the model's cap, the oldest dropped")
    func historyCap() throws {
        let server = try FaultyHTTPServer(root: folder.url)
        let source = try make(.json, .object(["url": .string(server.baseURL + "/t.txt"), "unit": .string("°C")]))
        let start = CalendarSensorTesting.date("2026-11-28T00:00:00Z")
        let points: [JSONValue] = (0..<LiveDataRules.maxHistory).map { minute in
            .object([
                "time": .string(ISO8601.format(start.addingTimeInterval(Double(minute) * 60))),
                "value": .number(Double(minute)),
            ])
        }
        let memory = SourceMemory(.object(["history": .array(points)]))
        _ = folder.write("t.txt", "21.5")
        let now = start.addingTimeInterval(Double(LiveDataRules.maxHistory) * 60)
        let slides = try source.round(RoundContext(fetcher: CalendarSensorFetcher(now: now), now: now, memory: memory))
        guard case .array(let history) = CalendarSensorTesting.field(slides[0], "history") else {
            Issue.record("no history")
            return
        }
        #expect(history.count == LiveDataRules.maxHistory)
        #expect(CalendarSensorTesting.field(history[0], "value") == .number(1))
        #expect(CalendarSensorTesting.field(history.last!, "value") == .number(21.5))
        #expect(CalendarSensorTesting.problems(slides) == [])
    }

    @Test("a bad payload is a parse error naming the source; the memory keeps its history")
    func badPayload() throws {
        let server = try FaultyHTTPServer(root: folder.url)
        let source = try make(.json, .object(["url": .string(server.baseURL + "/t.txt"), "unit": .string("°C")]))
        let now = CalendarSensorTesting.date("2026-11-28T10:00:00Z")
        let memory = SourceMemory(.object(["history": .array([])]))
        for payload in ["varmt", "NaN", "[1,2]"] {
            _ = folder.write("t.txt", payload)
            #expect {
                try source.round(RoundContext(fetcher: CalendarSensorFetcher(now: now), now: now, memory: memory))
            } throws: { error in
                let error = error as? FeedError
                return error?.code == .parse && error?.description.hasPrefix("byn: json: ") == true
            }
        }
        #expect(memory.value == .object(["history": .array([])]))
    }

    @Test("an MQTT sensor takes the broker's retained SenML message")
    func mqtt() throws {
        let broker = try MosquittoBroker()
        try broker.publish("byn/snow", #"[{"bn":"snow-","n":"depth","u":"cm","v":23,"bt":1795856400}]"#)
        let source = try make(
            .mqtt, .object(["url": .string("mqtt://127.0.0.1:\(broker.port)"), "topic": .string("byn/snow")]))
        let now = CalendarSensorTesting.date("2026-11-28T10:00:00Z")
        let slides = try source.round(
            RoundContext(fetcher: CalendarSensorFetcher(now: now), now: now, memory: SourceMemory()))
        #expect(CalendarSensorTesting.problems(slides) == [])
        #expect(CalendarSensorTesting.field(slides[0], "value") == .number(23))
        #expect(CalendarSensorTesting.string(slides[0], "unit") == "cm")
        #expect(CalendarSensorTesting.string(slides[0], "label") == "snow-depth")
        #expect(CalendarSensorTesting.string(slides[0], "read") == "2026-11-28T10:00:00+01:00")
    }

    @Test("an MQTT sensor with a JSON payload and a path; the config's unit wins")
    func mqttPath() throws {
        let broker = try MosquittoBroker()
        try broker.publish("byn/pool", #"{"water":{"temp":24.5}}"#)
        let source = try make(
            .mqtt,
            .object([
                "url": .string("mqtt://127.0.0.1:\(broker.port)"), "topic": .string("byn/pool"),
                "path": .string("water.temp"), "unit": .string("°C"), "label": .string("Badet"),
            ]))
        let now = CalendarSensorTesting.date("2026-11-28T10:00:00Z")
        let slides = try source.round(
            RoundContext(fetcher: CalendarSensorFetcher(now: now), now: now, memory: SourceMemory()))
        #expect(CalendarSensorTesting.field(slides[0], "value") == .number(24.5))
        #expect(CalendarSensorTesting.string(slides[0], "read") == "2026-11-28T11:00:00+01:00")
        #expect(CalendarSensorTesting.problems(slides) == [])
    }

    @Test("a retained message without a time is dated when first seen: a dead sensor's reading grows stale")
    func retainedStaysOld() throws {
        let broker = try MosquittoBroker()
        try broker.publish("byn/pool", #"{"water":{"temp":24.5}}"#)
        let source = try make(
            .mqtt,
            .object([
                "url": .string("mqtt://127.0.0.1:\(broker.port)"), "topic": .string("byn/pool"),
                "path": .string("water.temp"), "unit": .string("°C"),
            ]))
        let memory = SourceMemory()
        func round(_ time: String) throws -> JSONValue {
            let now = CalendarSensorTesting.date(time)
            return try source.round(RoundContext(fetcher: CalendarSensorFetcher(now: now), now: now, memory: memory))[0]
        }
        _ = try round("2026-11-28T10:00:00Z")
        let later = try round("2026-11-28T13:00:00Z")
        #expect(CalendarSensorTesting.string(later, "read") == "2026-11-28T11:00:00+01:00")
        guard case .array(let history) = CalendarSensorTesting.field(later, "history") else {
            Issue.record("no history")
            return
        }
        #expect(history.count == 1)
        try broker.publish("byn/pool", #"{"water":{"temp":25}}"#)
        let changed = try round("2026-11-28T14:00:00Z")
        #expect(CalendarSensorTesting.string(changed, "read") == "2026-11-28T15:00:00+01:00")
    }

    @Test("a broker that is down, or a topic without a message, is a fetch error in bounded time")
    func brokerDown() throws {
        let broker = try MosquittoBroker()
        let source = try make(
            .mqtt, .object(["url": .string("mqtt://127.0.0.1:\(broker.port)"), "topic": .string("byn/none")]))
        source.mqttWaitSeconds = 1
        let now = CalendarSensorTesting.date("2026-11-28T10:00:00Z")
        let context = RoundContext(fetcher: CalendarSensorFetcher(now: now), now: now, memory: SourceMemory())
        let started = Date()
        #expect { try source.round(context) } throws: { ($0 as? FeedError)?.code == .fetch }
        broker.stop()
        #expect { try source.round(context) } throws: { error in
            (error as? FeedError)?.code == .fetch && (error as? FeedError)?.subject == "byn: mqtt"
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }

    @Test("wrong sensor entries are refused with every problem named")
    func wrongEntries() throws {
        let sink = ProblemSink(file: "feeds.json")
        let entry: JSONValue = .object([
            "url": .string("http://broker"), "topic": .string("byn/#"), "path": .string("a..b"),
            "decimals": .number(7),
        ])
        let reader = try #require(ObjectReader(entry, path: "s", sink: sink))
        #expect(SourceType.mqtt.make(reader, settings: CalendarSensorTesting.settings("byn: mqtt")) == nil)
        #expect(Set(sink.problems.map(\.field)) == ["s.url", "s.topic", "s.path", "s.decimals"])
    }
}
