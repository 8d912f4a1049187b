import FoundationEssentials
import SkyltCore

/// One step of a forecast as a weather source read it.
struct ForecastStep: Equatable {
    var time: Date
    var symbol: Int
    var temperature: Double
    var wind: Double?
    var precipitation: Double?

    /// The object the `weather` template reads (`LiveFields.swift`).
    var json: JSONValue {
        var fields: [String: JSONValue] = [
            "time": LiveSlideParts.time(time), "symbol": .number(Double(symbol)), "temperature": .number(temperature),
        ]
        if let wind { fields["wind"] = .number(wind) }
        if let precipitation { fields["precipitation"] = .number(precipitation) }
        return .object(fields)
    }

    /// Nil unless every value is one the template accepts: a symbol 1…27, a temperature
    /// on Earth, a wind and precipitation within the reader's ranges.
    init?(time: Date, symbol: Double?, temperature: Double?, wind: Double?, precipitation: Double?) {
        // The range is checked on the Double: Int(_:) traps on a value like 1e300.
        let codes = Double(WeatherPeriod.symbolCodes.lowerBound)...Double(WeatherPeriod.symbolCodes.upperBound)
        guard let symbol, codes.contains(symbol), symbol == symbol.rounded(),
            let temperature, (-90...70).contains(temperature)
        else { return nil }
        self.time = time
        self.symbol = Int(symbol)
        self.temperature = temperature
        self.wind = wind.flatMap { (0...150).contains($0) ? $0 : nil }
        self.precipitation = precipitation.flatMap { (0...1000).contains($0) ? $0 : nil }
    }
}

/// Picks the periods a `weather` slide shows and writes the slide.
enum ForecastSlide {
    static let maxPeriods = 9
    static let stepSeconds = 3.0 * 3600
    static let horizonSeconds = 24.0 * 3600

    /// The step under way at `now` (the last one started, else the first), then one every
    /// three hours or more up to a day ahead: at most nine.
    static func periods(_ steps: [ForecastStep], now: Date) -> [ForecastStep] {
        let sorted = steps.sorted { $0.time < $1.time }
        guard let start = sorted.lastIndex(where: { $0.time <= now }) ?? sorted.indices.first else { return [] }
        var chosen = [sorted[start]]
        for step in sorted[(start + 1)...] {
            guard chosen.count < maxPeriods else { break }
            if step.time.timeIntervalSince(sorted[start].time) > horizonSeconds { break }
            if step.time.timeIntervalSince(chosen.last!.time) >= stepSeconds { chosen.append(step) }
        }
        return chosen
    }

    static func make(place: String, fetched: Date, steps: [ForecastStep], source: String, now: Date) -> JSONValue {
        let fields: [String: JSONValue] = [
            "place": .string(place), "fetched": LiveSlideParts.time(fetched),
            "periods": .array(periods(steps, now: now).map(\.json)), "source": .string(source),
        ]
        return LiveSlideParts.slide(id: "weather", template: "weather", fields: fields)
    }

    /// The entry's `lat` and `lon`, and `place` (required: the slide's heading).
    static func location(_ entry: ObjectReader) -> (lat: Double, lon: Double, place: String)? {
        let lat = entry.number("lat", required: true, in: -90...90)
        let lon = entry.number("lon", required: true, in: -180...180)
        let place = entry.string("place", required: true, limit: .line)
        guard let lat, let lon, let place = FeedText.field(place, limit: .line) else { return nil }
        return (lat, lon, place)
    }
}
