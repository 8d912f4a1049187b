import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

@Suite("Text fits its box at a legible size, or the slide is refused", .serialized)
struct TextFittingTests {
    let legibility = Legibility(.standard)

    func notice(title: String, body: String, id: String = "n") -> ProgramSlide {
        ProgramSlide(
            slide: Slide(
                id: id, durationSeconds: 10,
                content: .notice(
                    title: LocalizedText(["sv": title]), body: LocalizedText(["sv": body]), qr: nil, issuer: nil)),
            channel: "test", defaultLanguage: "sv", theme: .standard, timeZone: .gmt)
    }

    func compose(_ slide: ProgramSlide, profile: DisplayProfile = .standard) throws -> Composition {
        try SlideComposer(profile: profile).compose(slide, language: "sv")
    }

    func field(_ composition: Composition, _ name: String) throws -> FittedText {
        try #require(composition.texts.first { $0.field == name })
    }

    @Test("a short text is drawn larger than a long one, and both stay above the minimum")
    func shortAndLong() throws {
        let short = try field(compose(notice(title: "Öppet", body: "Välkommen in!")), "body")
        let longBody = String(repeating: "Kommunen informerar om vägarbete på Storgatan under vecka 49. ", count: 16)
        let long = try field(compose(notice(title: "Öppet", body: longBody)), "body")
        #expect(short.capHeight > long.capHeight)
        #expect(long.capHeight >= legibility.minimumBodyCapHeightPixels - 0.01)
        #expect(long.lineCount > 5)
        for text in [short, long] {
            #expect(text.box.contains(text.inkRect))
            #expect(text.box.contains(text.logicalRect))
        }
    }

    @Test("a 40-letter Swedish compound fits a narrow portrait screen, never outside its box")
    func compound() throws {
        let word = "Fastighetsförvaltningsförbundsstyrelsemöte"
        #expect(word.count >= 40)
        let portrait = DisplayProfile.standard.resized(width: 1080, height: 1920)
        let composition = try compose(notice(title: word, body: "\(word) i Bygdegården."), profile: portrait)
        for name in ["title", "body"] {
            let text = try field(composition, name)
            #expect(text.box.contains(text.inkRect), "\(name): \(text.inkRect) outside \(text.box)")
            #expect(text.box.contains(text.logicalRect))
            #expect(text.capHeight >= legibility.minimumBodyCapHeightPixels - 0.01)
        }
        #expect(try field(composition, "title").capHeight >= legibility.minimumTitleCapHeightPixels - 0.01)
    }

    @Test("a text too long to fit at the minimum is refused, naming the slide and the field")
    func overflow() {
        let essay = String(repeating: "Detta är en alldeles för lång text för en skylt. ", count: 80)
        #expect {
            try compose(notice(title: "Rubrik", body: essay, id: "essay"))
        } throws: { error in
            guard let error = error as? ComposeError else { return false }
            return error.slide == "essay" && error.field == "body" && error.reason.contains("legible minimum")
        }
    }

    @Test("validate reports a slide that does not fit, with file, slide and field")
    func layoutProblems() throws {
        let essay = String(repeating: "Alldeles för mycket text. ", count: 150)
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "lang", "template": "notice", "title": "Rubrik", "body": "\#(essay)"}"#,
            #"{"id": "ok", "template": "notice", "title": "Rubrik", "body": "Kort."}"#,
        ])
        let playlist = try #require(PlaylistReader.read(folder: folder.url).playlist)
        let problems = LayoutCheck.problems(in: playlist, profile: .standard)
        #expect(problems.count == 1)
        #expect(problems.first?.slide == "lang")
        #expect(problems.first?.field == "body")
        #expect(problems.first?.file == folder.file(Playlist.fileName).path)
    }
}

@Suite("Every script renders with no missing glyph", .serialized)
struct ScriptTests {
    static let samples: [(String, String)] = [
        ("sv", "Välkommen till Ängsby! Öppet även på söndagar."),
        ("en", "Welcome to the village shop."),
        ("de", "Grüße aus der Bäckerei – Brötchen für 0,50 €."),
        ("uk", "Ласкаво просимо до сільської крамниці."),
        ("ar", "مرحبًا بكم في متجر القرية."),
        ("fa", "به فروشگاه روستا خوش آمدید."),
        ("ti", "እንቋዕ ብደሓን መጻእኩም ናብ ድኳን ዓዲ።"),
        ("mixed", "Välkommen · Welcome · Ласкаво просимо · مرحبًا · خوش آمدید · እንቋዕ ብደሓን መጻእኩም"),
    ]

    func unknownGlyphs(_ text: String) throws -> Int {
        let slide = ProgramSlide(
            slide: Slide(
                id: "s", durationSeconds: 10,
                content: .notice(
                    title: LocalizedText(["sv": "Rubrik"]), body: LocalizedText(["sv": text]), qr: nil, issuer: nil)),
            channel: "test", defaultLanguage: "sv", theme: .standard, timeZone: .gmt)
        let composition = try SlideComposer(profile: .standard).compose(slide, language: "sv")
        return try #require(composition.texts.first { $0.field == "body" }).unknownGlyphs
    }

    @Test("no missing glyphs", arguments: samples)
    func script(language: String, text: String) throws {
        #expect(try unknownGlyphs(text) == 0, "\(language)")
    }

    @Test("the check can fail: a character no font has counts as missing")
    func negativeControl() throws {
        #expect(try unknownGlyphs("Hej \u{10FFFD}") > 0)
    }
}
