import FoundationEssentials
public import SkyltCore

/// The point forecast of SMHI's `snow1g` API for one place: the weather now and every three
/// hours for a day, with SMHI's own symbol codes. Open data under CC BY 4.0, credited "SMHI".
public final class SMHISource: FeedSource {
    public static let defaultURL = "https://opendata-download-metfcst.smhi.se/api/category/snow1g/version/1"
    public static let attribution = "SMHI"
    /// What snow1g writes where it has no value.
    static let missing = 9999.0

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
    static func make(_ entry: ObjectReader, settings: SourceSettings) -> SMHISource? {
        let url = EntryFields.base(entry, fallback: defaultURL)
        guard let location = ForecastSlide.location(entry), let url else { return nil }
        return SMHISource(baseURL: url, lat: location.lat, lon: location.lon, place: location.place, settings: settings)
    }

    /// SMHI takes at most six decimals.
    var request: FeedRequest {
        let lon = LiveSlideParts.coordinate(lon, decimals: 6)
        let lat = LiveSlideParts.coordinate(lat, decimals: 6)
        return FeedRequest(url: "\(baseURL)/geotype/point/lon/\(lon)/lat/\(lat)/data.json")
    }

    public func round(_ context: RoundContext) throws(FeedError) -> [JSONValue] {
        let document = try context.fetcher.fetch(request)
        let json = try LiveSlideParts.parse(document, subject: settings.subject, service: "SMHI")
        guard case .array(let series)? = LiveSlideParts.value(json, "timeSeries") else {
            throw FeedError(.parse, settings.subject, "SMHI's answer has no 'timeSeries' array")
        }
        let steps = series.compactMap(Self.step)
        guard !steps.isEmpty else {
            throw FeedError(.parse, settings.subject, "SMHI's answer has no time step with a symbol and a temperature")
        }
        return [
            ForecastSlide.make(
                place: place, fetched: document.fetched, steps: steps, source: Self.attribution, now: context.now)
        ]
    }

    /// One time step: `time`, and under `data` the named parameters.
    static func step(_ entry: JSONValue) -> ForecastStep? {
        guard let time = LiveSlideParts.string(entry, "time").flatMap(ISO8601.parse) else { return nil }
        func value(_ name: String) -> Double? {
            LiveSlideParts.number(entry, "data", name).flatMap { $0 == missing ? nil : $0 }
        }
        return ForecastStep(
            time: time, symbol: value("symbol_code"), temperature: value("air_temperature"),
            wind: value("wind_speed"), precipitation: value("precipitation_amount_mean"))
    }
}
