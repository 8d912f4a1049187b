import SkyltFeeds
import Testing

@Suite("MET Norway's symbols as SMHI's codes")
struct WeatherSymbolTests {
    /// MET's legend (weathericons' legend.csv) as published, with the variants column: 1 for
    /// the names that come as _day, _night and _polartwilight.
    static let legend: [(name: String, variants: Bool)] = [
        ("clearsky", true), ("fair", true), ("partlycloudy", true), ("cloudy", false),
        ("lightrainshowers", true), ("rainshowers", true), ("heavyrainshowers", true),
        ("lightrainshowersandthunder", true), ("rainshowersandthunder", true), ("heavyrainshowersandthunder", true),
        ("lightsleetshowers", true), ("sleetshowers", true), ("heavysleetshowers", true),
        ("lightssleetshowersandthunder", true), ("sleetshowersandthunder", true),
        ("heavysleetshowersandthunder", true), ("lightsnowshowers", true), ("snowshowers", true),
        ("heavysnowshowers", true), ("lightssnowshowersandthunder", true), ("snowshowersandthunder", true),
        ("heavysnowshowersandthunder", true), ("lightrain", false), ("rain", false), ("heavyrain", false),
        ("lightrainandthunder", false), ("rainandthunder", false), ("heavyrainandthunder", false),
        ("lightsleet", false), ("sleet", false), ("heavysleet", false), ("lightsleetandthunder", false),
        ("sleetandthunder", false), ("heavysleetandthunder", false), ("lightsnow", false), ("snow", false),
        ("heavysnow", false), ("lightsnowandthunder", false), ("snowandthunder", false),
        ("heavysnowandthunder", false), ("fog", false),
    ]

    @Test("every documented base name and each of its variants maps to a code from 1 to 27")
    func everyNameMaps() {
        #expect(Self.legend.count == 41)
        #expect(Set(WeatherSymbols.metNorway.keys) == Set(Self.legend.map(\.name)))
        for entry in Self.legend {
            let code = WeatherSymbols.smhiCode(metNorway: entry.name)
            #expect(code.map { (1...27).contains($0) } == true, "\(entry.name)")
            let suffixes = entry.variants ? ["_day", "_night", "_polartwilight"] : []
            for suffix in suffixes { #expect(WeatherSymbols.smhiCode(metNorway: entry.name + suffix) == code) }
        }
    }

    @Test("the mapping keeps kind and strength: clear, showers, thunder, sleet and snow")
    func meaning() {
        let cases: [(String, Int)] = [
            ("clearsky_day", 1), ("fair_night", 2), ("partlycloudy_polartwilight", 3), ("cloudy", 6), ("fog", 7),
            ("lightrainshowers_day", 8), ("heavyrainshowers_night", 10), ("rainshowersandthunder_day", 11),
            ("heavysleetshowers_day", 14), ("lightsnowshowers_night", 15), ("lightrain", 18), ("heavyrain", 20),
            ("rainandthunder", 21), ("sleet", 23), ("lightsnow", 25), ("heavysnow", 27),
            ("lightsnowshowersandthunder_day", 11),
        ]
        for (name, code) in cases { #expect(WeatherSymbols.smhiCode(metNorway: name) == code, "\(name)") }
        for unknown in ["", "sunny", "clearsky_evening", "_day"] {
            #expect(WeatherSymbols.smhiCode(metNorway: unknown) == nil, "\(unknown)")
        }
    }
}
