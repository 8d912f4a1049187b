internal import CCairo
internal import CRsvg
import FoundationEssentials
import SkyltCore

/// Skylt's own weather symbols, one for each of SMHI's codes 1...27, written as SVG text and
/// drawn by librsvg at whatever size a slide needs. Each is composed from a few shapes (sun,
/// cloud, drops, flakes, bolt, fog lines) in the theme's colours: the sun and the bolt in the
/// accent, the rest in the foreground, each shape ringed by the background so that shapes that
/// overlap stay apart from across a room.
enum WeatherSymbols {
    /// The colours a symbol is drawn in.
    struct Palette {
        var foreground: Color
        var accent: Color
        var background: Color
    }

    /// What falls from a cloud, and how much (1 light, 2 moderate, 3 heavy).
    enum Fall {
        case rain(Int), sleet(Int), snow(Int)

        var amount: Int {
            switch self {
            case .rain(let n), .sleet(let n), .snow(let n): n
            }
        }
    }

    /// How a symbol is composed.
    struct Parts {
        /// The sun's size behind the cloud: 0 for none, 1 for a sun alone.
        var sun = 0.0
        /// The cloud's size: 0 for none.
        var cloud = 0.0
        var secondCloud = false
        var fall: Fall?
        var bolt = false
        var fog = false
    }

    /// The English name of each code, as SMHI names them: the symbol's meaning in the layout
    /// file, where a reader without sight (or a test) finds it.
    static let names: [Int: String] = [
        1: "clear sky", 2: "nearly clear sky", 3: "variable cloudiness", 4: "halfclear sky", 5: "cloudy sky",
        6: "overcast", 7: "fog", 8: "light rain showers", 9: "moderate rain showers", 10: "heavy rain showers",
        11: "thunderstorm", 12: "light sleet showers", 13: "moderate sleet showers", 14: "heavy sleet showers",
        15: "light snow showers", 16: "moderate snow showers", 17: "heavy snow showers", 18: "light rain",
        19: "moderate rain", 20: "heavy rain", 21: "thunder", 22: "light sleet", 23: "moderate sleet",
        24: "heavy sleet", 25: "light snowfall", 26: "moderate snowfall", 27: "heavy snowfall",
    ]

    /// The shapes of a code; an unknown code draws as a cloud.
    static func parts(_ code: Int) -> Parts {
        switch code {
        case 1: Parts(sun: 1)
        case 2: Parts(sun: 0.85, cloud: 0.45)
        case 3: Parts(sun: 0.75, cloud: 0.7)
        case 4: Parts(sun: 0.7, cloud: 0.9)
        case 5: Parts(sun: 0.55, cloud: 1, secondCloud: true)
        case 6: Parts(cloud: 1, secondCloud: true)
        case 7: Parts(fog: true)
        case 8...10: Parts(sun: 0.6, cloud: 1, fall: .rain(code - 7))
        case 11: Parts(sun: 0.6, cloud: 1, fall: .rain(1), bolt: true)
        case 12...14: Parts(sun: 0.6, cloud: 1, fall: .sleet(code - 11))
        case 15...17: Parts(sun: 0.6, cloud: 1, fall: .snow(code - 14))
        case 18...20: Parts(cloud: 1, secondCloud: true, fall: .rain(code - 17))
        case 21: Parts(cloud: 1, secondCloud: true, bolt: true)
        case 22...24: Parts(cloud: 1, secondCloud: true, fall: .sleet(code - 21))
        case 25...27: Parts(cloud: 1, secondCloud: true, fall: .snow(code - 24))
        default: Parts(cloud: 1)
        }
    }

    /// The SVG document of a code, on a transparent 100 x 100 square.
    static func svg(_ code: Int, palette: Palette) -> String {
        let parts = parts(code)
        let shapes = Shapes(palette: palette)
        var body = ""
        // A sun alone stands in the middle; behind a cloud it peeks out at the top end.
        if parts.sun > 0 {
            body +=
                parts.cloud > 0
                ? shapes.sun(x: 62, y: 32, radius: 19 * parts.sun) : shapes.sun(x: 50, y: 50, radius: 24)
        }
        if parts.secondCloud { body += shapes.cloud(x: 58, y: 30, scale: 0.7) }
        if parts.cloud > 0 {
            let low = parts.fall != nil || parts.bolt
            body += shapes.cloud(x: 44, y: low ? 46 : 56, scale: parts.cloud)
        }
        if let fall = parts.fall { body += shapes.fall(fall) }
        if parts.bolt { body += shapes.bolt(x: parts.fall == nil ? 50 : 66, y: 62) }
        if parts.fog { body += shapes.fog() }
        return
            #"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">"# + body
            + "</svg>"
    }
}

extension WeatherSymbols {
    /// Draws the symbol of `code` into `box` (a square at its centre), loaded by librsvg
    /// from the SVG text in memory: no file, no network, nothing embedded.
    static func draw(_ code: Int, palette: Palette, on canvas: Canvas, in box: Rect) throws(MediaError) {
        let data = Array(svg(code, palette: palette).utf8)
        var message = [CChar](repeating: 0, count: 512)
        let loaded = data.withUnsafeBufferPointer { bytes in
            skylt_rsvg_load_data(bytes.baseAddress!, bytes.count, &message, message.count)
        }
        guard let handle = loaded else { throw MediaError(.unreadableSVG(cText(message)), path: "symbol \(code)") }
        defer { skylt_rsvg_free(handle) }
        let side = min(box.width, box.height)
        let square = box.centered(width: side, height: side)
        guard skylt_rsvg_render(handle, canvas.cr, square.x, square.y, side, side, &message, message.count) == 1 else {
            throw MediaError(.cannotRender(cText(message)), path: "symbol \(code)")
        }
    }

    /// The symbol of `code` alone on the palette's background, `side` pixels square: for
    /// checks and for a sheet of the whole set.
    static func frame(_ code: Int, palette: Palette, side: Int) throws(MediaError) -> Frame {
        let canvas = Canvas(width: side, height: side)
        canvas.fill(canvas.bounds, palette.background)
        try draw(code, palette: palette, on: canvas, in: canvas.bounds)
        return canvas.finish()
    }
}

extension SlidePainter {
    /// The theme's colours for weather symbols on the slide's background.
    var weatherPalette: WeatherSymbols.Palette {
        WeatherSymbols.Palette(foreground: foreground, accent: theme.accent, background: background)
    }

    /// Draws a weather symbol and records it, its field naming what it shows ("symbol[0]:
    /// light snowfall"), so that the layout file says what the picture means.
    func weatherSymbol(_ field: String, code: Int, in box: Rect) throws(ComposeError) {
        do {
            try WeatherSymbols.draw(code, palette: weatherPalette, on: canvas, in: box)
        } catch {
            throw fail(field, error.reason)
        }
        let side = min(box.width, box.height)
        let name = WeatherSymbols.names[code] ?? "weather"
        recordImage(PlacedImage(field: field + ": " + name, box: box.centered(width: side, height: side), bleed: false))
    }
}
