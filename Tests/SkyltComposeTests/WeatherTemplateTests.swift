import Foundation
import SkyltCompose
import SkyltCore
import Testing

/// The weather template: the place, the period under way large, the later ones with their
/// times in the playlist's zone, the source; past periods dropped; mirrored right to left.
@Suite("Weather slide: current period, later periods, minus signs, right to left", .timeLimit(.minutes(5)))
struct WeatherTemplateTests {
    typealias F = LiveSlideFixtures

    @Test("landscape and portrait, Swedish, Arabic and Persian: every text inside the safe area")
    func layouts() throws {
        let slide = F.slide(F.forecast())
        for size in F.sizes {
            for language in ["sv", "ar", "fa"] {
                let layout = try F.compose(slide, size, language, at: F.date("2026-12-12T06:10:00+01:00")).layout
                #expect(F.inside(layout), "\(size) \(language)")
                #expect(layout.images.allSatisfy { layout.safeArea.contains($0.box) }, "\(size) \(language)")
                let place = try #require(layout.texts.first { $0.field == "place" })
                #expect(place.language == language)
                let symbols = layout.images.filter { $0.field.hasPrefix("symbol[") }
                #expect(symbols.count == (size.0 > size.1 ? 6 : 5), "\(size) \(language)")
                #expect(symbols.first?.field == "symbol[0]: light snowfall")
                if language != "sv" {
                    // Mirrored: the current symbol at the start edge, which is the right.
                    let current = try #require(symbols.first)
                    let temperature = try #require(layout.texts.first { $0.field == "temperature" })
                    #expect(current.box.x > temperature.drawnRect.x, "\(size) \(language)")
                    #expect(place.drawnRect.maxX > layout.safeArea.maxX - 16, "aligned to the right edge")
                }
            }
        }
    }

    @Test("temperatures below zero have a real minus sign; times are in the playlist's zone")
    func minusAndTimes() throws {
        let layout = try F.compose(F.slide(F.forecast()), (1920, 1080), "sv", at: F.date("2026-12-12T06:10:00+01:00"))
            .layout
        let temperature = try #require(layout.texts.first { $0.field == "temperature" })
        #expect(temperature.text == "\u{2212}3°")
        #expect(!layout.texts.contains { $0.text.contains("-") && $0.field.contains("temperature") })
        #expect(layout.texts.first { $0.field == "periods[1].time" }?.text == "07:00")
        #expect(layout.texts.first { $0.field == "periods[3].temperature" }?.text == "0°", "−0.2 rounds to 0")
        #expect(layout.texts.contains { $0.field == "wind" && $0.text == "Vind 4\u{00A0}m/s" })
        #expect(layout.texts.contains { $0.field == "precipitation" && $0.text == "Nederbörd 0,4\u{00A0}mm" })
        #expect(layout.texts.contains { $0.field == "source" && $0.text == "Data: SMHI" })
    }

    @Test("at a later moment, the periods that are over are not drawn")
    func pastPeriodsGone() throws {
        let layout = try F.compose(F.slide(F.forecast()), (1920, 1080), "sv", at: F.date("2026-12-12T09:30:00+01:00"))
            .layout
        let symbols = layout.images.filter { $0.field.hasPrefix("symbol[") }.map(\.field)
        #expect(symbols.count == 3)
        #expect(symbols.first == "symbol[0]: overcast", "09:00 is under way")
        #expect(layout.texts.first { $0.field == "temperature" }?.text == "0°")
        #expect(!layout.texts.contains { $0.text == "07:00" || $0.text == "08:00" || $0.text == "09:00" })
        #expect(layout.texts.first { $0.field == "periods[1].time" }?.text == "10:00")
    }

    @Test("an overlong place name is fitted or refused with its field, never clipped")
    func longPlace() throws {
        guard case .weather(var forecast) = F.forecast() else { return }
        forecast.place = LocalizedText(["sv": String(repeating: "Lidhult och Odensjö med omnejd ", count: 3)])
        for size in F.sizes {
            do {
                let layout = try F.compose(F.slide(.weather(forecast)), size, "sv", at: forecast.fetched).layout
                #expect(F.inside(layout))
            } catch {
                #expect(["place", "temperature", "wind", "precipitation"].contains(error.field), "\(error.field)")
            }
        }
    }
}
