import Foundation
import SkyltCore
import Testing

@Suite("Which language a translated slide shows")
struct LanguageChoiceTests {
    func slide(_ title: [String: String], body: [String: String]? = nil) -> ProgramSlide {
        ProgramSlide(
            slide: Slide(
                id: "s", durationSeconds: 10,
                content: .notice(
                    title: LocalizedText(title), body: LocalizedText(body ?? title), qr: nil, issuer: nil)),
            channel: "c", defaultLanguage: "sv", theme: .standard, timeZone: .gmt)
    }

    @Test("successive plays cycle through the display languages the slide has, in config order")
    func cycles() {
        let entry = slide(["sv": "Hej", "en": "Hello", "de": "Hallo"])
        let display = ["en", "sv", "uk"]
        let shown = (0..<5).map { LanguageChoice.language(for: entry, play: $0, display: display) }
        #expect(shown == ["en", "sv", "en", "sv", "en"])
    }

    @Test("a slide in none of the display languages shows its default")
    func noneOffered() {
        let entry = slide(["sv": "Hej"])
        #expect(LanguageChoice.languages(for: entry, display: ["en", "de"]) == ["sv"])
    }

    @Test("a field without the chosen translation falls back to the default language")
    func fieldFallback() {
        let text = LocalizedText(["sv": "Hej", "en": "Hello"])
        #expect(text.text(in: "en", fallback: "sv") == "Hello")
        #expect(text.text(in: "uk", fallback: "sv") == "Hej")
        let entry = slide(["sv": "Rubrik", "en": "Title"], body: ["sv": "Bara svenska"])
        #expect(LanguageChoice.language(for: entry, play: 1, display: ["sv", "en"]) == "en")
    }

    @Test func languageCodes() {
        #expect(LanguageCode.isValid("sv"))
        #expect(LanguageCode.isValid("pt-BR"))
        #expect(LanguageCode.isValid("sma"))
        #expect(!LanguageCode.isValid("Swedish"))
        #expect(!LanguageCode.isValid("SV"))
        #expect(!LanguageCode.isValid(""))
        #expect(LanguageCode.nativeName("ti") == "ትግርኛ")
        #expect(LanguageCode.nativeName("uk") == "Українська")
    }
}
