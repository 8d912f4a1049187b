import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// The event template's date block as Pango lays it out: the bidi isolates around Arabic and
/// Persian time ranges are invisible, not boxes, and every script's date has its glyphs.
@Suite("An event's date line renders in every language", .serialized)
struct EventDateTests {
    static let languages = ["sv", "en", "de", "fi", "uk", "ar", "fa", "ti", "so", "se", "fit"]

    func event(_ language: String) -> ProgramSlide {
        let text = LocalizedText([language: "Julmarknad"])
        return ProgramSlide(
            slide: Slide(
                id: "e", durationSeconds: 10,
                content: .event(
                    title: text, starts: ISO8601.parse("2026-12-12T10:00:00+01:00")!,
                    ends: ISO8601.parse("2026-12-12T12:00:00+01:00"), place: text, description: nil, image: nil,
                    qr: nil)),
            channel: "test", defaultLanguage: language, theme: .standard, timeZone: PlanFixtures.stockholm)
    }

    @Test("the date block has no unknown glyphs and each of its lines fits one line", arguments: languages)
    func dateLine(_ language: String) throws {
        let composition = try SlideComposer(profile: .standard).compose(event(language), language: language)
        let parts = composition.texts.filter { $0.field.hasPrefix("starts.") }
        #expect(parts.map(\.field) == ["starts.weekday", "starts.date", "starts.time"])
        for part in parts {
            #expect(part.unknownGlyphs == 0, "\(part.field): \(part.text)")
            #expect(part.lineCount == 1, "\(part.field): \(part.text)")
            #expect(part.role == .date)
        }
    }
}
