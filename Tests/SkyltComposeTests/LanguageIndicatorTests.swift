import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// The row that names a multilingual slide's languages: on it only when the slide plays in
/// several, the language showing now marked, clear of the content, the code in its place.
@Suite("The language row of multilingual slides")
struct LanguageIndicatorTests {
    /// Every language the player must speak, and the minority languages, by their own names.
    static let endonyms = [
        "sv": "Svenska", "en": "English", "de": "Deutsch", "fi": "Suomi", "uk": "Українська", "ar": "العربية",
        "fa": "فارسی", "ti": "ትግርኛ", "so": "Soomaali", "se": "Davvisámegiella", "fit": "Meänkieli",
    ]

    func notice(_ titles: [String: String], qr: Bool = true) -> ProgramSlide {
        let slide = Slide(
            id: "n", durationSeconds: 10,
            content: .notice(
                title: LocalizedText(titles), body: LocalizedText(titles.mapValues { "\($0) – mer om det här." }),
                qr: qr ? QRLink(url: "https://example.org/n") : nil, issuer: nil))
        return ProgramSlide(slide: slide, channel: "c", defaultLanguage: "sv", theme: .standard, timeZone: .current)
    }

    func rows(_ layout: Layout) -> [FittedText] {
        layout.texts.filter { $0.role == .languages && $0.language == "mul" }
    }

    @Test("every language of the built-in catalogue has its own name, and it is on the row")
    func endonymsComplete() throws {
        let languages = BuiltInText.requiredLanguages + BuiltInText.minorityLanguages
        #expect(Set(languages) == Set(Self.endonyms.keys))
        for language in languages {
            #expect(LanguageCode.nativeName(language) == Self.endonyms[language], "\(language)")
        }
        let titles = Dictionary(uniqueKeysWithValues: languages.map { ($0, "Rubrik") })
        let composer = SlideComposer(profile: .standard, displayLanguages: languages + ["xx"])
        let row = try #require(rows(try composer.compose(notice(titles), language: "fit").layout).first)
        for language in languages { #expect(row.text.contains("\u{2068}\(Self.endonyms[language]!)\u{2069}")) }
    }

    @Test("an unknown language shows as its code")
    func unknownCode() throws {
        let layout = try SlideComposer(profile: .standard).compose(notice(["sv": "Hej", "qaa": "Hej"]), language: "sv")
            .layout
        #expect(try #require(rows(layout).first).text == "\u{2068}Svenska\u{2069} · \u{2068}qaa\u{2069}")
    }

    @Test("a slide in two languages has the row, in the kiosk's order; one in a single language has none")
    func onlyWhenSeveral() throws {
        let both = notice(["sv": "Vattnet stängs", "en": "Water is turned off"])
        let kiosk = SlideComposer(profile: .standard, displayLanguages: ["en", "de", "sv"])
        let layout = try kiosk.compose(both, language: "en").layout
        #expect(rows(layout).map(\.text) == ["\u{2068}English\u{2069} · \u{2068}Svenska\u{2069}"])
        #expect(rows(try kiosk.compose(notice(["sv": "Vattnet stängs"]), language: "sv").layout).isEmpty)
        // A kiosk that shows Swedish only never cycles: no row, though the slide has English.
        let swedish = SlideComposer(profile: .standard, displayLanguages: ["sv"])
        #expect(rows(try swedish.compose(both, language: "sv").layout).isEmpty)
    }

    @Test("the row heads the safe area at the start edge, clear of the content, at caption size")
    func placeAndSize() throws {
        let both = notice(["sv": "Vattnet stängs", "ar": "سيتم قطع المياه"])
        for (width, height) in [(1920, 1080), (1080, 1920)] {
            let composer = SlideComposer(profile: DisplayProfile.standard.resized(width: width, height: height))
            for language in ["sv", "ar"] {
                let layout = try composer.compose(both, language: language).layout
                let row = try #require(rows(layout).first)
                #expect(abs(row.drawnRect.y - layout.safeArea.y) <= 1)
                #expect(layout.safeArea.contains(row.drawnRect))
                #expect(row.capHeight >= composer.legibility.minimumBodyCapHeightPixels - 0.01)
                let start =
                    language == "ar" ? layout.safeArea.maxX - row.drawnRect.maxX : row.drawnRect.x - layout.safeArea.x
                #expect(start < row.capHeight, "\(language) at \(width)x\(height): \(start) px from the start edge")
                for other in layout.texts where other != row {
                    #expect(other.drawnRect.y >= row.drawnRect.maxY, "\(other.field) at \(other.drawnRect)")
                }
            }
        }
    }

    @Test("on every page of a seven-language slide the row's ink starts at the start edge, whichever name is bold")
    func sameEdgeOnEveryPage() throws {
        let languages = ["sv", "en", "ar", "fa", "uk", "ti", "so"]
        let slide = notice(Dictionary(uniqueKeysWithValues: languages.map { ($0, "Vattnet stängs \($0)") }))
        for (width, height) in [(1920, 1080), (1080, 1920)] {
            let composer = SlideComposer(
                profile: DisplayProfile.standard.resized(width: width, height: height), displayLanguages: languages)
            for language in languages {
                let layout = try composer.compose(slide, language: language).layout
                let row = try #require(rows(layout).first)
                let rightToLeft = ["ar", "fa"].contains(language)
                let start =
                    rightToLeft ? layout.safeArea.maxX - row.inkRect.maxX : row.inkRect.x - layout.safeArea.x
                #expect(start >= 0 && start <= row.capHeight / 2, "\(language) \(width)x\(height): \(start) px")
            }
        }
    }

    @Test("the single code stays in its place and size whether the slide has the row or not")
    func codeKeepsPlace() throws {
        for (width, height) in [(1920, 1080), (1080, 1920)] {
            let composer = SlideComposer(profile: DisplayProfile.standard.resized(width: width, height: height))
            let single = try composer.compose(notice(["sv": "Vattnet stängs"]), language: "sv").layout
            let several = try composer.compose(notice(["sv": "Vattnet stängs", "en": "Water off"]), language: "sv")
                .layout
            #expect(rows(several).count == 1)
            #expect(single.codes.map(\.symbolRect) == several.codes.map(\.symbolRect))
        }
    }

    @Test("on a landscape offer in seven languages the row stays over the picture, in both directions")
    func offerRowOverPicture() throws {
        let folder = Repository.fixtures.appendingPathComponent("multilingual")
        let playlist = try #require(PlaylistReader.read(folder: folder).playlist)
        let program = Program(playlists: [(channel: "test", playlist: playlist)])
        let offer = try #require(program.slides.first { $0.slide.content.templateName == "offer" })
        let languages = ["sv", "en", "ar", "fa", "uk", "ti", "so"]
        let composer = SlideComposer(profile: .standard, displayLanguages: languages)
        for language in ["sv", "fa"] {
            let layout = try composer.compose(offer, language: language).layout
            let row = try #require(rows(layout).first).drawnRect
            let image = try #require(layout.images.first).box
            #expect(image.contains(row), "\(language): row \(row), picture \(image)")
        }
    }

    @Test("over the offer's bleeding image the row stands on a pill of the background colour")
    func backdropOverImage() throws {
        let playlist = try #require(PlaylistReader.read(folder: Repository.demoPlaylist).playlist)
        let program = Program(playlists: [(channel: "demo", playlist: playlist)])
        let offer = try #require(program.slides.first { $0.slide.content.templateName == "offer" })
        let composition = try SlideComposer(profile: .standard).compose(offer, language: "sv")
        let row = try #require(rows(composition.layout).first).drawnRect
        let image = try #require(composition.layout.images.first).box
        #expect(image.contains(row))
        // Just before the row's first letter: the pill, not the picture's light cream.
        let pixel = composition.frame.pixel(x: Int(row.x) - 3, y: Int(row.y + row.height / 2))
        let background = Theme.standard.background
        let shifts: [UInt32] = [16, 8, 0]
        let channels = shifts.map { (shift: UInt32) -> Double in Double((pixel >> shift) & 0xFF) / 255 }
        let expected = [background.red, background.green, background.blue]
        #expect(zip(channels, expected).allSatisfy { abs($0 - $1) < 0.25 }, "\(String(pixel, radix: 16))")
    }

    /// The horizontal extent, within the row, of pixels in the slide's full text colour: the
    /// marked language's name (the others are dimmed).
    func markedExtent(_ composition: Composition) throws -> ClosedRange<Int> {
        let row = try #require(rows(composition.layout).first).drawnRect
        var xs: [Int] = []
        for y in Int(row.y)..<Int(row.maxY) {
            for x in Int(row.x)..<Int(row.maxX) where composition.frame.pixel(x: x, y: y) & 0xFF_FFFF == 0xFF_FFFF {
                xs.append(x)
            }
        }
        let first = try #require(xs.min())
        return first...xs.max()!
    }

    @Test("each page marks its own language: the first name on the first page, the second on the second")
    func markedLanguage() throws {
        let composer = SlideComposer(profile: .standard, displayLanguages: ["sv", "en", "ar"])
        let slide = notice(["sv": "Vattnet stängs", "en": "Water is turned off", "ar": "سيتم قطع المياه"], qr: false)
        let sv = try composer.compose(slide, language: "sv")
        let en = try composer.compose(slide, language: "en")
        let ar = try composer.compose(slide, language: "ar")
        let row = try #require(rows(sv.layout).first).drawnRect
        let (swedish, english) = (try markedExtent(sv), try markedExtent(en))
        // Left to right: Svenska starts the row, English follows, and Arabic ends it.
        #expect(Double(swedish.lowerBound) < row.x + row.height, "\(swedish) in \(row)")
        #expect(swedish.upperBound < english.lowerBound)
        #expect(Double(english.upperBound) < row.x + row.width * 0.75, "\(english) in \(row)")
        // Right to left the row reads from the right: Arabic, third, is at the left end.
        let arabic = try #require(rows(ar.layout).first).drawnRect
        let marked = try markedExtent(ar)
        #expect(Double(marked.upperBound) < arabic.x + arabic.width * 0.4, "\(marked) in \(arabic)")
    }
}
