import Foundation
import SkyltCore
import Testing

@testable import SkyltCompose

/// Skylt's own weather symbols: one drawing for each SMHI code, each with ink and each unlike
/// the others, drawn by librsvg from SVG text in memory.
@Suite("Weather symbols: SMHI codes 1 to 27, each drawn and distinct", .timeLimit(.minutes(5)))
struct WeatherSymbolTests {
    static let palette = WeatherSymbols.Palette(
        foreground: Theme.standard.foreground, accent: Theme.standard.accent, background: Theme.standard.background)

    @Test("every code 1...27 renders to a PNG with ink, and no two codes give the same picture")
    func everyCodeDrawsDistinctly() throws {
        var seen: [Data: Int] = [:]
        let background = 0xFF00_0000 | UInt32(0x14342B)
        for code in WeatherPeriod.symbolCodes {
            let frame = try WeatherSymbols.frame(code, palette: Self.palette, side: 96)
            var ink = 0
            for y in 0..<frame.height {
                for x in 0..<frame.width where frame.pixel(x: x, y: y) != background { ink += 1 }
            }
            #expect(ink > 96 * 96 / 20, "code \(code) has \(ink) pixels of ink")
            let png = try frame.pngData()
            #expect(!png.isEmpty)
            if let other = seen[png] { Issue.record("codes \(other) and \(code) draw the same picture") }
            seen[png] = code
            #expect(WeatherSymbols.names[code] != nil, "code \(code) has a name")
        }
        #expect(seen.count == 27)
    }

    @Test("the symbols use the theme: the sun in the accent colour, clouds in the foreground")
    func themeColours() throws {
        let accent = 0xFF00_0000 | UInt32(0xF2C14E)
        let white = 0xFF00_0000 | UInt32(0xFFFFFF)
        let sun = try WeatherSymbols.frame(1, palette: Self.palette, side: 100)
        #expect(sun.pixel(x: 50, y: 50) == accent)
        let overcast = try WeatherSymbols.frame(6, palette: Self.palette, side: 100)
        #expect(overcast.pixel(x: 46, y: 60) == white)
        let svg = WeatherSymbols.svg(27, palette: Self.palette)
        #expect(!svg.contains("href") && svg.hasPrefix("<svg"))
    }

    /// Writes the sheet of all 27 to $SKYLT_LIVE_RENDER/symbols.png when it is set, to look at.
    @Test("the 27 symbols fit a sheet of nine by three, each in its own cell")
    func contactSheet() throws {
        let cell = 160
        let canvas = Canvas(width: cell * 9, height: cell * 3)
        canvas.fill(canvas.bounds, Theme.standard.background)
        for code in WeatherPeriod.symbolCodes {
            let box = Rect(
                x: Double((code - 1) % 9 * cell) + 16, y: Double((code - 1) / 9 * cell) + 16, width: Double(cell - 32),
                height: Double(cell - 32))
            try WeatherSymbols.draw(code, palette: Self.palette, on: canvas, in: box)
        }
        let frame = canvas.finish()
        // The symbols stay inside their cells: the gutters between them stay empty.
        let background = 0xFF00_0000 | UInt32(0x14342B)
        #expect(frame.pixel(x: cell - 2, y: cell - 2) == background)
        if let folder = ProcessInfo.processInfo.environment["SKYLT_LIVE_RENDER"] {
            try frame.writePNG(to: URL(fileURLWithPath: folder).appendingPathComponent("symbols.png"))
        }
    }
}
