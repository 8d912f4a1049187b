/// MET Norway's weather symbols as SMHI's symbol codes (1 clear sky … 27 heavy snowfall), the
/// one set the `weather` template draws.
///
/// MET names a symbol ("lightrainshowers") and adds "_day", "_night" or "_polartwilight" to
/// those that look different in the dark; SMHI's codes have no such variants, so the suffix
/// is dropped. MET's thunder symbols map onto SMHI's two: thunderstorm (11) for showers,
/// thunder (21) for steady precipitation.
public enum WeatherSymbols {
    /// Every base name of MET's legend (weathericons' legend.csv), with its SMHI code.
    public static let metNorway: [String: Int] = [
        "clearsky": 1, "fair": 2, "partlycloudy": 3, "cloudy": 6, "fog": 7,
        "lightrainshowers": 8, "rainshowers": 9, "heavyrainshowers": 10,
        "lightrainshowersandthunder": 11, "rainshowersandthunder": 11, "heavyrainshowersandthunder": 11,
        "lightsleetshowers": 12, "sleetshowers": 13, "heavysleetshowers": 14,
        "lightssleetshowersandthunder": 11, "sleetshowersandthunder": 11, "heavysleetshowersandthunder": 11,
        "lightsnowshowers": 15, "snowshowers": 16, "heavysnowshowers": 17,
        "lightssnowshowersandthunder": 11, "snowshowersandthunder": 11, "heavysnowshowersandthunder": 11,
        "lightrain": 18, "rain": 19, "heavyrain": 20,
        "lightrainandthunder": 21, "rainandthunder": 21, "heavyrainandthunder": 21,
        "lightsleet": 22, "sleet": 23, "heavysleet": 24,
        "lightsleetandthunder": 21, "sleetandthunder": 21, "heavysleetandthunder": 21,
        "lightsnow": 25, "snow": 26, "heavysnow": 27,
        "lightsnowandthunder": 21, "snowandthunder": 21, "heavysnowandthunder": 21,
    ]

    /// MET's legend spells two names with a doubled "s" ("lightssleetshowersandthunder"); the
    /// plain spelling is accepted too, should the API ever send it.
    static let spellings: [String: String] = [
        "lightsleetshowersandthunder": "lightssleetshowersandthunder",
        "lightsnowshowersandthunder": "lightssnowshowersandthunder",
    ]

    /// The SMHI code of a MET symbol code such as "lightrainshowers_night"; nil for a name
    /// MET has not documented.
    public static func smhiCode(metNorway code: String) -> Int? {
        var base = Substring(code)
        for suffix in ["_day", "_night", "_polartwilight"] where base.hasSuffix(suffix) {
            base = base.dropLast(suffix.count)
        }
        let name = String(base)
        return metNorway[name] ?? spellings[name].flatMap { metNorway[$0] }
    }
}
