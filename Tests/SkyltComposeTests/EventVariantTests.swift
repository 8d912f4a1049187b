import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// An event with and without picture and code, in both orientations and both reading
/// directions: what, when and where in order, the date largest, the whole balanced in height.
@Suite("Event layouts in every variant", .serialized)
struct EventVariantTests {
    struct Variant: CustomTestStringConvertible, Sendable {
        var width, height: Int
        var image, code: Bool
        var language: String
        var testDescription: String { "\(width)x\(height) image \(image) code \(code) \(language)" }
    }

    static let variants: [Variant] = [(1920, 1080), (1080, 1920)].flatMap { size in
        [(false, false), (true, false), (false, true), (true, true)].flatMap { pair in
            ["sv", "ar"].map { Variant(width: size.0, height: size.1, image: pair.0, code: pair.1, language: $0) }
        }
    }

    func event(_ variant: Variant) -> ProgramSlide {
        let text = { (sv: String, ar: String) in LocalizedText(["sv": sv, "ar": ar]) }
        return ProgramSlide(
            slide: Slide(
                id: "e", durationSeconds: 10,
                content: .event(
                    title: text("Julmarknad i Bygdegården", "سوق عيد الميلاد في دار القرية"),
                    starts: ISO8601.parse("2026-12-12T11:00:00+01:00")!,
                    ends: ISO8601.parse("2026-12-12T16:00:00+01:00"),
                    place: text("Bygdegården, Kyrkvägen 4", "دار القرية، شارع كيركفيغن 4"),
                    description: text("Hantverk, lussekatter och glögg.", "حرف يدوية وحلويات ومشروبات ساخنة."),
                    image: variant.image ? Repository.demoPlaylist.appendingPathComponent("media/julmarknad.svg") : nil,
                    qr: variant.code ? QRLink(url: "https://angsby.example.org/julmarknad") : nil,
                    organiser: text("Ängsby hembygdsförening", "جمعية تراث إنغسبي"))),
            channel: "test", defaultLanguage: "sv", theme: .standard, timeZone: PlanFixtures.stockholm)
    }

    @Test("date block, title, place, description, organiser from top to bottom, balanced", arguments: variants)
    func variant(_ variant: Variant) throws {
        let composer = SlideComposer(
            profile: DisplayProfile.standard.resized(width: variant.width, height: variant.height))
        let layout = try composer.compose(event(variant), language: variant.language).layout
        let order = ["starts.weekday", "starts.date", "starts.time", "title", "place", "description", "organiser"]
        let texts = order.compactMap { field in layout.texts.first { $0.field == field } }
        #expect(texts.map(\.field) == order)
        for (upper, lower) in zip(texts, texts.dropFirst()) {
            #expect(upper.drawnRect.maxY <= lower.drawnRect.y, "\(upper.field) above \(lower.field)")
        }
        let date = try #require(texts.first { $0.field == "starts.date" })
        #expect(texts.allSatisfy { $0.field == "starts.date" || $0.capHeight < date.capHeight })
        #expect(texts.allSatisfy { $0.direction == (variant.language == "ar" ? .rtl : .ltr) })
        // Balanced: the free room above and below differ by at most 15% of the safe height,
        // unless the content fills most of it (as a bleeding picture's part in it does).
        // Measured below the language row, the one thing at the top of every such slide.
        let row = layout.texts.first { $0.role == .languages }
        let safe = layout.safeArea.sliceTop(row.map { $0.drawnRect.maxY - layout.safeArea.y } ?? 0).1
        let boxes =
            layout.texts.filter { $0.role != .languages }.map(\.drawnRect) + layout.codes.map(\.symbolRect)
            + layout.images.map { image in
                let y = max(image.box.y, safe.y)
                return Rect(x: image.box.x, y: y, width: image.box.width, height: min(image.box.maxY, safe.maxY) - y)
            }
        let top = boxes.map(\.y).min()!
        let bottom = boxes.map(\.maxY).max()!
        let above = top - safe.y
        let below = safe.maxY - bottom
        #expect(abs(above - below) <= 0.15 * safe.height || (bottom - top) >= 0.8 * safe.height, "\(above) \(below)")
    }
}
