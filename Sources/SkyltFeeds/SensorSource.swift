import FoundationEssentials
public import SkyltCore

/// A sensor (MQTT or a JSON URL) shown as one figure slide: its latest value, with the
/// readings of the last day kept in the source's memory for the trend.
public final class SensorSource: FeedSource {
    public enum Transport: Sendable, Equatable {
        case mqtt(host: String, port: Int, topic: String)
        case http(url: String)
    }

    public let transport: Transport
    public let path: JSONPath?
    /// The figure's label as the entry gives it; `.null` for the sensor's own name.
    public let label: JSONValue
    public let unit: String?
    public let decimals: Int
    public let settings: SourceSettings
    /// How long a round waits for the broker's message.
    public var mqttWaitSeconds = MQTTReader.defaultWaitSeconds

    public init(
        transport: Transport, path: JSONPath? = nil, label: JSONValue = .null, unit: String? = nil, decimals: Int = 1,
        settings: SourceSettings
    ) {
        self.transport = transport
        self.path = path
        self.label = label
        self.unit = unit
        self.decimals = decimals
        self.settings = settings
    }

    public func round(_ context: RoundContext) throws(FeedError) -> [JSONValue] {
        let (payload, received, retained) = try take(context)
        let reading: SensorReading
        do {
            reading = try SensorPayload.read(payload, path: path, now: received)
        } catch {
            throw FeedError(.parse, settings.subject, error.message, cause: error)
        }
        guard let unit = (unit ?? reading.unit).flatMap({ FeedText.field($0, limit: .label) }) else {
            throw FeedError(.parse, settings.subject, "names no unit; give the entry a 'unit'")
        }
        var history = FigureHistory(context.memory.value)
        let retainedSeen = retained ? history.retainedSince(payload, now: received) : nil
        let read = reading.time ?? retainedSeen ?? received
        history.add(FigurePoint(time: read, value: reading.value), now: context.now)
        context.memory.value = history.json
        var slide: [String: JSONValue] = [
            "id": .string("figure-" + SlideID.hash(identity)), "template": .string("figure"),
            "label": label == .null ? .string(defaultLabel(reading)) : label, "value": .number(reading.value),
            "unit": .string(unit), "read": .string(ExternalText.timestamp(read, in: settings.timeZone)),
            "decimals": .number(Double(decimals)), "source": .string(host),
        ]
        slide["history"] = .array(
            history.points.map { point in
                .object([
                    "time": .string(ExternalText.timestamp(point.time, in: settings.timeZone)),
                    "value": .number(point.value),
                ])
            })
        return [.object(slide)]
    }

    /// The payload, when it came, and whether the broker kept it (an MQTT retained message:
    /// it may be the last word of a sensor that has since died).
    private func take(_ context: RoundContext) throws(FeedError) -> (Data, Date, Bool) {
        switch transport {
        case .http(let url):
            let request = FeedRequest(
                url: url, headers: ["Accept: application/json"], maxBytes: Int64(SensorPayload.maxBytes))
            let document = try context.fetcher.fetch(request)
            return (document.body, document.fetched, false)
        case .mqtt(let host, let port, let topic):
            do {
                let message = try MQTTReader.take(
                    host: host, port: port, topic: topic, waitSeconds: mqttWaitSeconds, maxBytes: SensorPayload.maxBytes
                )
                return (message.payload, context.now, message.retained)
            } catch {
                throw FeedError(
                    error.code == .tooLarge ? .parse : .fetch, settings.subject, error.message, cause: error)
            }
        }
    }

    /// What the slide's id is made from: the same sensor keeps its id from round to round.
    private var identity: String {
        switch transport {
        case .http(let url): "\(url) \(path?.description ?? "")"
        case .mqtt(let host, let port, let topic): "mqtt://\(host):\(port) \(topic) \(path?.description ?? "")"
        }
    }

    /// The host the readings come from, as the slide names its source.
    var host: String {
        let host: String
        switch transport {
        case .http(let url): host = URL(string: url)?.host ?? url
        case .mqtt(let name, _, _): host = name
        }
        return FeedText.field(host, limit: .line) ?? "sensor"
    }

    private func defaultLabel(_ reading: SensorReading) -> String {
        var candidates = [reading.name, path?.lastName]
        if case .mqtt(_, _, let topic) = transport { candidates.append(topic) }
        for candidate in candidates {
            if let text = candidate.flatMap({ FeedText.field($0, limit: .line) }) { return text }
        }
        return host
    }
}

/// A sensor's readings of the last day, oldest first, as kept in `SourceMemory`.
struct FigureHistory {
    static let keptSeconds = 24.0 * 3600
    private(set) var points: [FigurePoint]

    /// The history saved in `memory`; empty when there is none or it cannot be read.
    init(_ memory: JSONValue) {
        guard case .object(let fields) = memory, case .array(let items) = fields["history"] else {
            points = []
            return
        }
        if case .object(let kept)? = fields["retained"], case .string(let hash)? = kept["hash"],
            let since = SensorPayload.time(kept["since"])
        {
            retained = (hash, since)
        }
        points = items.compactMap { item in
            guard case .object(let point) = item, case .number(let value) = point["value"], value.isFinite,
                let time = SensorPayload.time(point["time"])
            else { return nil }
            return FigurePoint(time: time, value: value)
        }
    }

    /// Adds `point` (replacing one of the same time: a retained message read again), drops
    /// what is older than a day before `now`, and keeps at most `LiveDataRules.maxHistory`.
    mutating func add(_ point: FigurePoint, now: Date) {
        points.removeAll {
            abs($0.time.timeIntervalSince(point.time)) < 1 || $0.time < now.addingTimeInterval(-Self.keptSeconds)
        }
        points.append(point)
        points.sort { $0.time < $1.time }
        points = Array(points.suffix(LiveDataRules.maxHistory))
    }

    /// The last retained payload's hash and when it was first seen.
    private var retained: (hash: String, since: Date)?

    /// When `payload`, a retained message without a time of its own, was first seen: the
    /// same bytes read again are the same reading, however often the broker repeats them, so
    /// a dead sensor's last word grows stale instead of looking fresh every round.
    mutating func retainedSince(_ payload: Data, now: Date) -> Date {
        let hash = SlideID.hash(String(decoding: payload, as: UTF8.self))
        if let retained, retained.hash == hash { return retained.since }
        retained = (hash, now)
        return now
    }

    var json: JSONValue {
        var fields: [String: JSONValue] = [
            "history": .array(
                points.map { .object(["time": .string(ISO8601.format($0.time)), "value": .number($0.value)]) })
        ]
        if let retained {
            fields["retained"] = .object([
                "hash": .string(retained.hash), "since": .string(ISO8601.format(retained.since)),
            ])
        }
        return .object(fields)
    }
}
