import Foundation
import SkyltCompose
import SkyltCore
import Testing

/// Text with combining marks (Arabic vowel signs, Vietnamese stacked accents, Ethiopic, marks
/// stacked three high) is measured by its ink, marks included, and fitted like any other text:
/// no mark is drawn outside the text's box, where it could touch the next line or the edge.
@Suite("Combining marks are measured and fitted with their letters")
struct CombiningMarksTests {
    static let samples: [(language: String, text: String)] = [
        ("ar", "مُدَرِّسٌ جَدِيدٌ فِي الْمَدْرَسَةِ"),
        ("vi", "Người Việt ở đây thường ăn phở"),
        ("ti", "ሓበሬታ ንኹሉ ሰብ ኣብ ዓዲ"),
        ("sv", "Ë̂̊ Å̋̂ Ö̃̂ ẽ̂̊ välkommen"),
    ]

    func notice(_ language: String, _ title: String) -> ProgramSlide {
        ProgramSlide(
            slide: Slide(
                id: "m", durationSeconds: 10,
                content: .notice(
                    title: LocalizedText([language: title]), body: LocalizedText([language: title]), qr: nil,
                    issuer: nil)),
            channel: "test", defaultLanguage: language, theme: .standard, timeZone: .gmt)
    }

    /// Whether any pixel in `rows` across the text's columns is the text's colour.
    func inked(_ frame: Frame, rows: Range<Int>, columns: Range<Int>) -> Bool {
        for y in rows.clamped(to: 0..<frame.height) {
            for x in columns.clamped(to: 0..<frame.width) where frame.pixel(x: x, y: y) == 0xFFFF_FFFF {
                return true
            }
        }
        return false
    }

    @Test("every mark is inside the text's box, and nothing is inked just outside it", arguments: samples)
    func measured(language: String, text: String) throws {
        for size in [(1920, 1080), (1080, 1920)] {
            let profile = DisplayProfile.standard.resized(width: size.0, height: size.1)
            let composition = try SlideComposer(profile: profile).compose(notice(language, text), language: language)
            for field in ["title", "body"] {
                let fitted = try #require(composition.texts.first { $0.field == field })
                #expect(
                    fitted.box.contains(fitted.inkRect), "\(language) \(field): ink \(fitted.inkRect) box \(fitted.box)"
                )
                let columns = Int(fitted.box.x)..<Int(fitted.box.maxX)
                let inside = Int(fitted.box.y)..<Int(fitted.box.maxY)
                #expect(inked(composition.frame, rows: inside, columns: columns), "\(language) \(field) drawn in white")
                // The 12 rows above the box and below it hold no ink of this text.
                let above = Int(fitted.box.y) - 12..<Int(fitted.box.y) - 1
                let below = Int(fitted.box.maxY) + 1..<Int(fitted.box.maxY) + 12
                #expect(!inked(composition.frame, rows: above, columns: columns), "\(language) \(field) above")
                if field == "body" {
                    #expect(!inked(composition.frame, rows: below, columns: columns), "\(language) body below")
                }
            }
        }
    }

    @Test("the check means something: stacked marks reach above the line's own height")
    func marksReachAboveTheLine() throws {
        let composition = try SlideComposer(profile: .standard).compose(notice("sv", "Ë̂̊ Å̋̂ Ö̃̂"), language: "sv")
        let title = try #require(composition.texts.first { $0.field == "title" })
        let plain = try SlideComposer(profile: .standard).compose(notice("sv", "E A O"), language: "sv")
        let plainTitle = try #require(plain.texts.first { $0.field == "title" })
        // For the same cap height, the ink with marks is far taller: the marks stand above the
        // letters, and the box above held them (the first test).
        #expect(title.inkRect.height / title.capHeight > plainTitle.inkRect.height / plainTitle.capHeight * 1.2)
    }
}
