import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// The news template: headline, summary, the code to the article, when and where from.
@Suite("A news item shows its headline, summary and a code that scans", .serialized, .timeLimit(.minutes(5)))
struct NewsSlideTests {
    static let url = "https://smalanningen.example.org/lidhult/fiber"

    static func news(summary: String) -> SlideContent {
        .news(
            NewsItem(
                headline: LocalizedText(["sv": "Fiber till alla i Lidhult", "fa": "فیبر نوری برای همه در لیدهولت"]),
                summary: LocalizedText(["sv": summary, "fa": summary]), published: LiveSlides.at("16:30", day: 11),
                qr: QRLink(url: url, label: LocalizedText(["sv": "Läs artikeln"])), source: "Smålänningen"))
    }

    @Test("the code decodes with zbarimg to the article's address", arguments: LiveSlides.sizes)
    func code(width: Int, height: Int) throws {
        let composition = try LiveSlides.composer(width, height).compose(
            LiveSlides.slide(Self.news(summary: "Grävningen börjar i mars.")), language: "sv",
            at: LiveSlides.at("10:00"))
        let folder = TemporaryFolder()
        let png = folder.file("news.png")
        try composition.frame.writePNG(to: png)
        #expect(try ExternalTool.zbarDecode(png) == [Self.url])
        #expect(LiveSlides.texts(composition, "headline").map(\.text) == ["Fiber till alla i Lidhult"])
        #expect(LiveSlides.texts(composition, "summary").map(\.text) == ["Grävningen börjar i mars."])
        #expect(LiveSlides.texts(composition, "source").map(\.text) == ["Smålänningen"])
        let published = SlideDate.eventTime(
            starts: LiveSlides.at("16:30", day: 11), ends: nil, language: "sv", timeZone: .stockholm)
        #expect(LiveSlides.texts(composition, "published").map(\.text) == [published])
        let headline = try #require(LiveSlides.texts(composition, "headline").first)
        let source = try #require(LiveSlides.texts(composition, "source").first)
        #expect(headline.capHeight > source.capHeight)
        LiveSlides.expectLegible(composition, "at \(width)x\(height)")
    }

    @Test("a summary too long for the screen is cut at a word with an ellipsis; the headline stays whole")
    func longSummary() throws {
        let summary = String(repeating: "Kommunen och bygdeföreningen har skrivit avtal om fiber. ", count: 80)
        for (width, height) in LiveSlides.sizes {
            for language in ["sv", "fa"] {
                let composition = try LiveSlides.composer(width, height).compose(
                    LiveSlides.slide(Self.news(summary: summary), language: language), language: language,
                    at: LiveSlides.at("10:00"))
                let shown = try #require(LiveSlides.texts(composition, "summary").first)
                #expect(shown.text.contains("…") && shown.text.count < summary.count)
                #expect(LiveSlides.texts(composition, "headline").first?.text.hasSuffix("…") == false)
                LiveSlides.expectLegible(composition, "\(language) at \(width)x\(height)")
            }
        }
    }
}
