import FoundationEssentials
public import SkyltCore

/// MET Norway's Locationforecast 2.0 (compact) for one place, its symbols mapped onto SMHI's
/// codes (`WeatherSymbols`). Open data under CC BY 4.0, credited "MET Norway". MET's terms ask
/// for an identifying User-Agent and conditional requests: the service's fetcher does both.
public final class MetNoSource: FeedSource {
    public static let defaultURL = "https://api.met.no/weatherapi/locationforecast/2.0"
    public static let attribution = "MET Norway"

    let baseURL: String
    let lat: Double
    let lon: Double
    let place: String
    let settings: SourceSettings

    public init(baseURL: String = defaultURL, lat: Double, lon: Double, place: String, settings: SourceSettings) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.lat = lat
        self.lon = lon
        self.place = place
        self.settings = settings
    }

    /// The source a config entry describes (`lat`, `lon`, `place`, optional `url`).
    static func make(_ entry: ObjectReader, settings: SourceSettings) -> MetNoSource? {
        let url = EntryFields.base(entry, fallback: defaultURL)
        guard let location = ForecastSlide.location(entry), let url else { return nil }
        return MetNoSource(
            baseURL: url, lat: location.lat, lon: location.lon, place: location.place, settings: settings)
    }

    /// MET's terms: at most four decimals, so that nearby kiosks share its cache.
    var request: FeedRequest {
        let lat = LiveSlideParts.coordinate(lat, decimals: 4)
        let lon = LiveSlideParts.coordinate(lon, decimals: 4)
        return FeedRequest(url: "\(baseURL)/compact?lat=\(lat)&lon=\(lon)", headers: ["Accept: application/json"])
    }

    public func round(_ context: RoundContext) throws(FeedError) -> [JSONValue] {
        let document = try context.fetcher.fetch(request)
        let json = try LiveSlideParts.parse(document, subject: settings.subject, service: "MET Norway")
        guard case .array(let series)? = LiveSlideParts.value(json, "properties", "timeseries") else {
            throw FeedError(.parse, settings.subject, "MET Norway's answer has no 'properties.timeseries' array")
        }
        let steps = series.compactMap(Self.step)
        guard !steps.isEmpty else {
            throw FeedError(
                .parse, settings.subject, "MET Norway's answer has no time step with a symbol and a temperature")
        }
        return [
            ForecastSlide.make(
                place: place, fetched: document.fetched, steps: steps, source: Self.attribution, now: context.now)
        ]
    }

    /// One time step: the instant's details, and the symbol and precipitation of the next
    /// hour (or, further ahead where MET gives no hourly ones, of the next 6 or 12 hours).
    static func step(_ entry: JSONValue) -> ForecastStep? {
        guard let time = LiveSlideParts.string(entry, "time").flatMap(ISO8601.parse) else { return nil }
        let data = LiveSlideParts.value(entry, "data")
        let details = LiveSlideParts.value(data, "instant", "details")
        let periods = ["next_1_hours", "next_6_hours", "next_12_hours"]
        let code = periods.lazy.compactMap { LiveSlideParts.string(data, $0, "summary", "symbol_code") }.first
        let precipitation = periods.lazy.compactMap {
            LiveSlideParts.number(data, $0, "details", "precipitation_amount")
        }.first
        return ForecastStep(
            time: time, symbol: code.flatMap(WeatherSymbols.smhiCode(metNorway:)).map(Double.init),
            temperature: LiveSlideParts.number(details, "air_temperature"),
            wind: LiveSlideParts.number(details, "wind_speed"), precipitation: precipitation)
    }
}
