import FoundationEssentials
public import SkyltCore

/// Departures from one Norwegian stop place, from Entur's Journey Planner v3 (GraphQL, a
/// POST). Entur asks every client to name itself in `ET-Client-Name` ("company-application").
public final class EnturSource: FeedSource {
    public static let defaultURL = "https://api.entur.io/journey-planner/v3/graphql"
    public static let attribution = "Data: Entur"

    /// The fields the board needs, and no more: Entur answers only what is asked.
    static let query = """
        query($id: String!, $n: Int!) { stopPlace(id: $id) { name \
        estimatedCalls(numberOfDepartures: $n) { aimedDepartureTime expectedDepartureTime cancellation realtime \
        quay { publicCode } destinationDisplay { frontText } \
        serviceJourney { line { publicCode transportMode } } } } }
        """

    let url: String
    let stop: String
    let client: String
    let title: LocalizedText?
    let items: Int
    let settings: SourceSettings
    let logger: Logger

    public init(
        url: String = defaultURL, stop: String, client: String, title: LocalizedText?, items: Int = 8,
        settings: SourceSettings, logger: Logger = .standard
    ) {
        self.url = url
        self.stop = stop
        self.client = client
        self.title = title
        self.items = items
        self.settings = settings
        self.logger = logger
    }

    /// The source a config entry describes (`stop`, `client`, optional `title`, `items`, `url`).
    static func make(_ entry: ObjectReader, settings: SourceSettings) -> EnturSource? {
        let stop = LiveSlideParts.token(entry, "stop", required: true)
        let client = LiveSlideParts.token(entry, "client", required: true)
        let title = LiveSlideParts.title(entry, settings: settings)
        let url = EntryFields.base(entry, fallback: defaultURL)
        let items = LiveSlideParts.items(entry)
        if let stop, !stop.hasPrefix("NSR:StopPlace:") {
            entry.sink.report(entry.fieldPath("stop"), "'\(stop)' is not a stop place id such as NSR:StopPlace:58366")
            return nil
        }
        guard let stop, let client, let url else { return nil }
        return EnturSource(url: url, stop: stop, client: client, title: title, items: items, settings: settings)
    }

    var request: FeedRequest {
        let body: JSONValue = .object([
            "query": .string(Self.query),
            "variables": .object(["id": .string(stop), "n": .number(Double(items))]),
        ])
        return FeedRequest(
            url: url,
            headers: ["ET-Client-Name: \(client)", "Content-Type: application/json", "Accept: application/json"],
            body: body.canonicalData())
    }

    public func round(_ context: RoundContext) throws(FeedError) -> [JSONValue] {
        let document = try context.fetcher.fetch(request)
        let json = try LiveSlideParts.parse(document, subject: settings.subject, service: "Entur")
        if case .array(let errors)? = LiveSlideParts.value(json, "errors"), let first = errors.first {
            let message = FeedText.field(LiveSlideParts.string(first, "message"), limit: .line) ?? "an error"
            throw FeedError(.parse, settings.subject, "Entur answered with an error: \(message)")
        }
        guard let place = LiveSlideParts.value(json, "data", "stopPlace"), place != .null else {
            throw FeedError(.parse, settings.subject, "Entur's answer has no data.stopPlace for \(stop)")
        }
        guard case .array(let calls)? = LiveSlideParts.value(place, "estimatedCalls") else {
            throw FeedError(.parse, settings.subject, "Entur's answer has no 'estimatedCalls' array")
        }
        var rows: [Departure] = []
        var skipped: [String] = []
        for (index, call) in calls.enumerated() {
            switch Self.row(call) {
            case .success(let row): rows.append(row)
            case .failure(let problem): skipped.append("estimatedCalls[\(index)] \(problem.text)")
            }
        }
        if !skipped.isEmpty { logger.warning(DepartureBoardSlide.skippedMessage(skipped, subject: settings.subject)) }
        let name = FeedText.field(LiveSlideParts.string(place, "name"), limit: .title) ?? stop
        let heading = title.map(LiveSlideParts.json) ?? .string(name)
        return DepartureBoardSlide.make(
            title: heading, fetched: document.fetched, rows: rows, items: items, source: Self.attribution,
            now: context.now)
    }

    /// One call at the stop. Entur's times carry Oslo's offset; they are kept as instants.
    static func row(_ call: JSONValue) -> Result<Departure, RowProblem> {
        let code = LiveSlideParts.string(call, "serviceJourney", "line", "publicCode")
        guard let line = FeedText.field(code, limit: .label) else {
            return .failure(RowProblem("has no serviceJourney.line.publicCode"))
        }
        let front = LiveSlideParts.string(call, "destinationDisplay", "frontText")
        guard let destination = FeedText.field(front, limit: .line) else {
            return .failure(RowProblem("has no destinationDisplay.frontText"))
        }
        guard let scheduled = LiveSlideParts.string(call, "aimedDepartureTime").flatMap(ISO8601.parse) else {
            return .failure(RowProblem("has no readable aimedDepartureTime"))
        }
        let realtime = LiveSlideParts.bool(call, "realtime") ?? false
        let expected =
            realtime ? LiveSlideParts.string(call, "expectedDepartureTime").flatMap(ISO8601.parse) : nil
        return .success(
            Departure(
                line: line, destination: destination, scheduled: scheduled, expected: expected,
                cancelled: LiveSlideParts.bool(call, "cancellation") ?? false,
                platform: FeedText.field(LiveSlideParts.string(call, "quay", "publicCode"), limit: .label),
                mode: mode(LiveSlideParts.string(call, "serviceJourney", "line", "transportMode"))))
    }

    /// Entur's transport modes (NeTEx: "bus", "rail", "water", …) as the template's.
    static func mode(_ text: String?) -> TransportMode? {
        switch text {
        case "bus", "coach", "trolleybus": .bus
        case "rail": .train
        case "tram": .tram
        case "metro": .metro
        case "water": .ferry
        case "taxi": .taxi
        default: nil
        }
    }
}
