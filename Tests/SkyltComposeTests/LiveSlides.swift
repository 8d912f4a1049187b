import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// Data slides for the template tests, and what the tests ask of their layouts.
enum LiveSlides {
    static let sizes = [(1920, 1080), (1080, 1920)]

    /// A moment on 12 December 2026 in Swedish winter time.
    static func at(_ time: String, day: Int = 12) -> Date {
        ISO8601.parse(String(format: "2026-12-%02dT%@:00+01:00", day, time))!
    }

    static func slide(_ content: SlideContent, language: String = "sv") -> ProgramSlide {
        ProgramSlide(
            slide: Slide(id: "live", durationSeconds: 15, content: content), channel: "test",
            defaultLanguage: language, theme: .standard, timeZone: PlanFixtures.stockholm)
    }

    static func composer(_ width: Int = 1920, _ height: Int = 1080) -> SlideComposer {
        SlideComposer(profile: DisplayProfile.standard.resized(width: width, height: height))
    }

    /// The texts drawn for a field ending in `suffix`, in drawing order.
    static func texts(_ composition: Composition, _ suffix: String) -> [FittedText] {
        composition.texts.filter { $0.field.hasSuffix(suffix) }
    }

    /// Every text inside its box, its box inside the safe area, legible, with its glyphs.
    static func expectLegible(_ composition: Composition, _ label: String) {
        let legibility = Legibility(
            DisplayProfile.standard.resized(width: composition.frame.width, height: composition.frame.height))
        let safe = composition.layout.safeArea
        for text in composition.texts {
            let name = "\(text.field) '\(text.text)' \(label)"
            #expect(text.box.contains(text.inkRect), "ink outside its box: \(name)")
            #expect(text.box.contains(text.logicalRect), "layout outside its box: \(name)")
            #expect(safe.contains(text.box), "outside the safe area: \(name)")
            #expect(text.capHeight >= legibility.minimumBodyCapHeightPixels - 0.01, "too small: \(name)")
            #expect(text.unknownGlyphs == 0, "missing glyphs: \(name)")
        }
    }
}
