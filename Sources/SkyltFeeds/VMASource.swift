import FoundationEssentials
public import SkyltCore

/// Sveriges Radio's VMA (Viktigt meddelande till allmänheten) API (`type: "vma"`): CAP alerts
/// as JSON, shown only when one of their areas is the municipality's SCB code (`geocode`,
/// "0781" for Ljungby) or its county (the code's first two digits).
public final class VMASource: FeedSource {
    public static let defaultURL = "https://vmaapi.sr.se/api/v3/alerts/{geocode}"
    public static let attribution = "Sveriges Radio"

    let url: String
    let geocode: String
    let include: Set<AlertStatus>
    let settings: SourceSettings
    /// What the last round left out and why, for the service's log.
    public private(set) var lastSkipped: [String] = []

    /// `url` may hold `{geocode}`, replaced by the municipality's code.
    public init(url: String? = nil, geocode: String, include: Set<AlertStatus> = [], settings: SourceSettings) {
        self.url = (url ?? Self.defaultURL).replacingAll("{geocode}", with: geocode)
        self.geocode = geocode
        self.include = include
        self.settings = settings
    }

    public func round(_ context: RoundContext) throws(FeedError) -> [JSONValue] {
        let document = try context.fetcher.fetch(FeedRequest(url: url, headers: ["Accept: application/json"]))
        let json: JSONValue
        do {
            json = try JSONValue.parse(document.body)
        } catch {
            throw FeedError(.parse, settings.subject, "the VMA answer is not JSON: \(error.message)", cause: error)
        }
        let items = try alertItems(json)
        var skipped: [String] = []
        let messages = items.compactMap { item in
            let alert = CAPAlert(json: item)
            if alert == nil { skipped.append("an alert without 'identifier' or 'sender' is left out") }
            return alert
        }
        let policy = AlertPolicy(include: include, source: Self.attribution, language: settings.language)
        var book = AlertBook(context.memory.value)
        skipped += book.apply(messages, policy: policy, now: context.now) { [geocode] alert in
            Self.concerns(alert, geocode: geocode)
        }
        context.memory.value = book.memory
        lastSkipped = skipped
        return book.slides(at: context.now)
    }

    /// The alerts of the answer: `{"alerts": [...]}`, a bare list, or one alert.
    private func alertItems(_ json: JSONValue) throws(FeedError) -> [JSONValue] {
        switch json {
        case .object(let fields) where fields["alerts"] != nil:
            guard case .array(let items) = fields["alerts"] else {
                throw FeedError(.parse, settings.subject, "'alerts' is not a list")
            }
            return items
        case .object(let fields) where fields["identifier"] != nil: return [json]
        case .array(let items): return items
        default: throw FeedError(.parse, settings.subject, "the VMA answer has no 'alerts' list")
        }
    }

    /// Whether an area of the alert is the municipality or its county.
    static func concerns(_ alert: CAPAlert, geocode: String) -> Bool {
        let county = String(geocode.prefix(2))
        return alert.info.contains { info in info.geocodes.contains { $0 == geocode || $0 == county } }
    }
}
