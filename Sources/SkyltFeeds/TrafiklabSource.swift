import FoundationEssentials
public import SkyltCore

/// Departures from one Swedish stop or area, from Trafiklab's Realtime API
/// (`/v1/departures/{areaId}`): timetable and realtime estimates of every operator Trafiklab
/// covers, licensed CC BY with "Data: Trafiklab.se" on screen.
public final class TrafiklabSource: FeedSource {
    public static let defaultURL = "https://realtime-api.trafiklab.se/v1"
    public static let attribution = "Data: Trafiklab.se"

    let baseURL: String
    let stop: String
    let key: String
    let title: LocalizedText?
    let items: Int
    let settings: SourceSettings
    let logger: Logger

    public init(
        baseURL: String = defaultURL, stop: String, key: String, title: LocalizedText?, items: Int = 8,
        settings: SourceSettings, logger: Logger = .standard
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.stop = stop
        self.key = key
        self.title = title
        self.items = items
        self.settings = settings
        self.logger = logger
    }

    /// The source a config entry describes (`stop`, `key`, optional `title`, `items`, `url`).
    static func make(_ entry: ObjectReader, settings: SourceSettings) -> TrafiklabSource? {
        let stop = LiveSlideParts.token(entry, "stop", required: true)
        let key = LiveSlideParts.token(entry, "key", required: true)
        let title = LiveSlideParts.title(entry, settings: settings)
        let url = EntryFields.base(entry, fallback: defaultURL)
        let items = LiveSlideParts.items(entry)
        guard let stop, let key, let url else { return nil }
        return TrafiklabSource(baseURL: url, stop: stop, key: key, title: title, items: items, settings: settings)
    }

    /// The request; the key rides in the query, which `URLText` redacts in every message.
    var request: FeedRequest {
        FeedRequest(url: "\(baseURL)/departures/\(stop)?key=\(key)", headers: ["Accept: application/json"])
    }

    public func round(_ context: RoundContext) throws(FeedError) -> [JSONValue] {
        let document = try context.fetcher.fetch(request)
        let json = try LiveSlideParts.parse(document, subject: settings.subject, service: "Trafiklab")
        guard case .array(let entries)? = LiveSlideParts.value(json, "departures") else {
            throw FeedError(.parse, settings.subject, "Trafiklab's answer has no 'departures' array")
        }
        var rows: [Departure] = []
        var skipped: [String] = []
        for (index, entry) in entries.enumerated() {
            switch Self.row(entry) {
            case .success(let row): rows.append(row)
            case .failure(let problem): skipped.append("departures[\(index)] \(problem.text)")
            }
        }
        if !skipped.isEmpty { logger.warning(DepartureBoardSlide.skippedMessage(skipped, subject: settings.subject)) }
        let name = FeedText.field(Self.stopName(json), limit: .title) ?? stop
        let heading = title.map(LiveSlideParts.json) ?? .string(name)
        return DepartureBoardSlide.make(
            title: heading, fetched: document.fetched, rows: rows, items: items, source: Self.attribution,
            now: context.now)
    }

    /// The name of the first stop in the answer, for a board without a `title`.
    static func stopName(_ json: JSONValue) -> String? {
        guard case .array(let stops)? = LiveSlideParts.value(json, "stops") else { return nil }
        return stops.lazy.compactMap { LiveSlideParts.string($0, "name") }.first
    }

    /// One departure; a failure names what is missing.
    static func row(_ entry: JSONValue) -> Result<Departure, RowProblem> {
        guard let line = FeedText.field(LiveSlideParts.string(entry, "route", "designation"), limit: .label) else {
            return .failure(RowProblem("has no route.designation"))
        }
        let direction =
            LiveSlideParts.string(entry, "route", "direction")
            ?? LiveSlideParts.string(entry, "route", "destination", "name")
        guard let destination = FeedText.field(direction, limit: .line) else {
            return .failure(RowProblem("has no route.direction"))
        }
        guard let scheduled = LiveSlideParts.string(entry, "scheduled").flatMap(swedishTime) else {
            return .failure(RowProblem("has no readable 'scheduled' time"))
        }
        let realtime = LiveSlideParts.bool(entry, "is_realtime") ?? true
        let expected = realtime ? LiveSlideParts.string(entry, "realtime").flatMap(swedishTime) : nil
        let platform =
            LiveSlideParts.string(entry, "realtime_platform", "designation")
            ?? LiveSlideParts.string(entry, "scheduled_platform", "designation")
        return .success(
            Departure(
                line: line, destination: destination, scheduled: scheduled, expected: expected,
                cancelled: LiveSlideParts.bool(entry, "canceled") ?? false,
                platform: FeedText.field(platform, limit: .label),
                mode: mode(LiveSlideParts.string(entry, "route", "transport_mode"))))
    }

    /// Trafiklab's transport modes ("BUS", "TRAIN", …) as the template's.
    static func mode(_ text: String?) -> TransportMode? {
        switch text?.uppercased() {
        case "BUS", "COACH": .bus
        case "TRAIN", "RAIL": .train
        case "TRAM": .tram
        case "METRO": .metro
        case "FERRY", "BOAT", "SHIP": .ferry
        case "TAXI": .taxi
        default: nil
        }
    }

    /// Trafiklab writes Swedish wall-clock times without an offset ("2026-11-28T14:05:00");
    /// an offset, when given, wins.
    static func swedishTime(_ text: String) -> Date? {
        let time = text.dropFirst(10)
        if time.hasSuffix("Z") || time.contains("+") || time.contains("-") { return ISO8601.parse(text) }
        let parts = text.split(whereSeparator: { "-T:".contains($0) }).map { Int($0) }
        guard parts.count == 5 || parts.count == 6, parts.allSatisfy({ $0 != nil }) else { return nil }
        let numbers = parts.map { $0! }
        let civil = CivilTime(
            year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3], minute: numbers[4],
            second: numbers.count == 6 ? numbers[5] : 0)
        guard isReadable(civil) else { return nil }
        return Zone.stockholm.date(civil)
    }

    /// Whether every field is within its range: an answer's huge number must not overflow
    /// `CivilTime`'s arithmetic, and a day 31 of November is a mistake, not 1 December.
    static func isReadable(_ civil: CivilTime) -> Bool {
        guard (1970...9999).contains(civil.year), (1...12).contains(civil.month), (0...23).contains(civil.hour),
            (0...59).contains(civil.minute), (0...60).contains(civil.second), civil.day >= 1
        else { return false }
        return civil.day <= CivilTime(year: civil.year, month: civil.month + 1, day: 0).normalized.day
    }
}

/// Why one departure of an answer was left out.
struct RowProblem: Error, Equatable {
    var text: String
    init(_ text: String) { self.text = text }
}
