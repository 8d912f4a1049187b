import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport

/// Data slides for the weather, figure and alert tests, at fixed moments with explicit offsets.
enum LiveSlideFixtures {
    static let sizes = [(1920, 1080), (1080, 1920)]

    static func date(_ text: String) -> Date { ISO8601.parse(text)! }

    static func slide(_ content: SlideContent, id: String = "live") -> ProgramSlide {
        let context = PlaylistContext(defaultLanguage: "sv", theme: .standard, timeZone: .stockholm, strings: [:])
        return ProgramSlide(slide: Slide(id: id, durationSeconds: 20, content: content), channel: "c", context: context)
    }

    static func compose(_ slide: ProgramSlide, _ size: (Int, Int), _ language: String, at: Date) throws(ComposeError)
        -> Composition
    {
        try SlideComposer(profile: DisplayProfile.standard.resized(width: size.0, height: size.1))
            .compose(slide, language: language, at: at)
    }

    /// A winter forecast for Lidhult: six hourly periods from 06:00, below and around zero.
    static func forecast() -> SlideContent {
        let values: [(Int, Double)] = [(25, -3.2), (26, -2.6), (15, -1.4), (6, -0.2), (3, 0.6), (1, 1.8)]
        let periods = values.enumerated().map { index, value in
            WeatherPeriod(
                time: date("2026-12-12T\(index < 4 ? "0" : "")\(6 + index):00:00+01:00"), symbol: value.0,
                temperature: value.1, wind: 4 + Double(index), precipitation: 0.4)
        }
        return .weather(
            Forecast(
                place: LocalizedText(["sv": "Vädret i Lidhult", "ar": "الطقس في ليدهولت", "fa": "هوای لیدهولت"]),
                fetched: date("2026-12-12T05:50:00+01:00"), periods: periods, source: "Data: SMHI"))
    }

    static func figure(history: [Double] = [17.0, 17.3, 17.6, 17.9, 18.1, 18.2]) -> SlideContent {
        let read = date("2026-06-28T14:20:00+02:00")
        let points = history.enumerated().map { index, value in
            FigurePoint(time: read.addingTimeInterval(-Double(history.count - index) * 3600), value: value)
        }
        return .figure(
            Figure(
                label: LocalizedText([
                    "sv": "Vattentemperatur vid badbryggan", "ar": "حرارة الماء عند رصيف السباحة",
                    "fa": "دمای آب کنار اسکلهٔ شنا",
                ]), value: 18.4, unit: "°C", read: read, history: points, decimals: 1, source: "Givare: badplatsen"))
    }

    static func alert(status: AlertStatus = .actual, body: String? = nil, instruction: Bool = true) -> SlideContent {
        .alert(
            Alert(
                headline: LocalizedText(["sv": "Brand i Lidhult", "ar": "حريق في ليدهولت", "fa": "آتش‌سوزی در لیدهولت"]),
                body: LocalizedText([
                    "sv": body ?? "Det brinner i en industribyggnad vid Storgatan. Kraftig rök driver mot nordost.",
                    "ar": "يشتعل حريق في مبنى صناعي.", "fa": "یک ساختمان صنعتی آتش گرفته است.",
                ]),
                instruction: instruction
                    ? LocalizedText([
                        "sv": "Gå inomhus och stäng dörrar, fönster och ventilation.", "ar": "ادخل إلى المنزل.",
                        "fa": "به داخل ساختمان بروید.",
                    ]) : nil,
                sender: "Länsstyrelsen Kronoberg", source: "Sveriges Radio",
                effective: date("2026-06-28T13:30:00+02:00"), expires: date("2026-06-28T22:00:00+02:00"),
                status: status))
    }

    /// Every text drawn lies inside the safe area, and none was given up (fitted whole).
    static func inside(_ layout: Layout) -> Bool {
        layout.texts.allSatisfy { layout.safeArea.contains($0.drawnRect) }
    }

    static func overlap(_ a: Rect, _ b: Rect) -> Bool {
        a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
    }
}
