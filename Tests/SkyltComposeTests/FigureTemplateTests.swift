import Foundation
import SkyltCompose
import SkyltCore
import Testing

/// The figure template: the value huge in the language's digits and separator, its trend in a
/// word and a line of the last day's readings, the time it was read.
@Suite("Figure slide: value with decimal comma, trend word, sparkline", .timeLimit(.minutes(5)))
struct FigureTemplateTests {
    typealias F = LiveSlideFixtures
    static let read = F.date("2026-06-28T14:25:00+02:00")

    @Test("landscape and portrait, Swedish and Persian: the texts inside the safe area, the chart beside or below")
    func layouts() throws {
        for size in F.sizes {
            for language in ["sv", "fa", "ar"] {
                let layout = try F.compose(F.slide(F.figure()), size, language, at: Self.read).layout
                #expect(F.inside(layout), "\(size) \(language)")
                let chart = try #require(layout.images.first { $0.field == "chart" })
                #expect(layout.safeArea.contains(chart.box))
                let value = try #require(layout.texts.first { $0.field == "value" })
                #expect(!F.overlap(value.drawnRect, chart.box), "\(size) \(language)")
                if size.0 > size.1 {
                    // The chart on the end side: right in Swedish, left in Persian.
                    #expect((chart.box.x > value.drawnRect.x) == (language == "sv"), "\(size) \(language)")
                } else {
                    #expect(chart.box.y > value.drawnRect.maxY)
                }
            }
        }
    }

    @Test("Swedish writes a decimal comma, English a point, Persian its own digits")
    func numbers() throws {
        let text = { (language: String) throws -> String in
            try #require(
                F.compose(F.slide(F.figure()), (1920, 1080), language, at: Self.read).layout.texts.first {
                    $0.field == "value"
                }?.text)
        }
        #expect(try text("sv") == "18,4\u{00A0}°C")
        #expect(try text("en") == "18.4\u{00A0}°C")
        #expect(try text("fa") == "۱۸٫۴\u{00A0}\u{2066}°C\u{2069}")
        let layout = try F.compose(F.slide(F.figure()), (1920, 1080), "sv", at: Self.read).layout
        #expect(layout.texts.first { $0.field == "read" }?.text == "Uppmätt kl. 14:20")
        #expect(layout.texts.first { $0.field == "chart.max" }?.text == "18,4\u{00A0}°C")
        #expect(layout.texts.first { $0.field == "chart.min" }?.text == "17,0\u{00A0}°C")
    }

    @Test("the trend word: rising, falling or steady against the reading three hours before")
    func trend() throws {
        let word = { (history: [Double]) throws -> String? in
            try F.compose(F.slide(F.figure(history: history)), (1920, 1080), "sv", at: Self.read).layout.texts.first {
                $0.field == "trend"
            }?.text
        }
        #expect(try word([17.0, 17.3, 17.6, 17.9, 18.1, 18.2]) == "Stigande")
        #expect(try word([20.0, 19.8, 19.5, 19.2, 18.9, 18.7]) == "Sjunkande")
        #expect(try word([18.2, 18.5, 18.3, 18.4, 18.4, 18.4]) == "Stadigt")
        // Without history there is neither a chart nor a trend.
        let bare = try F.compose(F.slide(F.figure(history: [])), (1920, 1080), "sv", at: Self.read).layout
        #expect(!bare.texts.contains { $0.field == "trend" } && bare.images.isEmpty)
    }

    @Test("a value below zero has a real minus sign")
    func minus() throws {
        guard case .figure(var figure) = F.figure() else { return }
        figure.value = -2.5
        let layout = try F.compose(F.slide(.figure(figure)), (1080, 1920), "sv", at: Self.read).layout
        #expect(layout.texts.first { $0.field == "value" }?.text == "\u{2212}2,5\u{00A0}°C")
    }
}
