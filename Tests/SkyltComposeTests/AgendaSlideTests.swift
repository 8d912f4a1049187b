import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// The agenda template: the coming events under their day, past ones gone.
@Suite("An agenda lists the coming events by day", .serialized, .timeLimit(.minutes(5)))
struct AgendaSlideTests {
    static func agenda(_ items: [AgendaItem]) -> SlideContent {
        .agenda(
            Agenda(
                title: LocalizedText([
                    "sv": "Veckan i Lidhult", "en": "This week in Lidhult", "fa": "این هفته در لیدهولت",
                ]),
                items: items, source: "Lidhults bygdeförening"))
    }

    static let week = agenda([
        AgendaItem(
            title: "Morgonfika", starts: LiveSlides.at("08:00"), ends: LiveSlides.at("09:00"), place: "Biblioteket"),
        AgendaItem(
            title: "Luciafirande", starts: LiveSlides.at("18:00"), ends: LiveSlides.at("19:30"), place: "Kyrkan"),
        AgendaItem(
            title: "Julmarknad", starts: LiveSlides.at("00:00", day: 13), ends: LiveSlides.at("00:00", day: 14),
            allDay: true),
        AgendaItem(title: "Årsmöte", starts: LiveSlides.at("19:00", day: 16), place: "Bygdegården"),
    ])

    @Test(
        "at 10:00 on the 12th: today, tomorrow and Wednesday; the morning's event is gone", arguments: LiveSlides.sizes)
    func days(width: Int, height: Int) throws {
        let composition = try LiveSlides.composer(width, height).compose(
            LiveSlides.slide(Self.week), language: "sv", at: LiveSlides.at("10:00"))
        let wednesday = SlideDate.day(LiveSlides.at("12:00", day: 16), language: "sv", timeZone: .stockholm)
        #expect(LiveSlides.texts(composition, "day").map(\.text) == ["I dag", "I morgon", wednesday])
        #expect(LiveSlides.texts(composition, ".title").map(\.text) == ["Luciafirande", "Julmarknad", "Årsmöte"])
        #expect(LiveSlides.texts(composition, ".starts").map(\.text) == ["18:00–19:30", "Hela dagen", "19:00"])
        let place = try #require(LiveSlides.texts(composition, ".place").first)
        let title = try #require(LiveSlides.texts(composition, ".title").first)
        #expect(place.text == "Kyrkan" && place.capHeight < title.capHeight && place.box.y >= title.box.maxY)
        #expect(LiveSlides.texts(composition, "source").map(\.text) == ["Lidhults bygdeförening"])
        LiveSlides.expectLegible(composition, "at \(width)x\(height)")
    }

    @Test("the next day, the 13th is today and the 12th's events are gone")
    func nextDay() throws {
        let composition = try LiveSlides.composer().compose(
            LiveSlides.slide(Self.week), language: "en", at: LiveSlides.at("10:00", day: 13))
        #expect(LiveSlides.texts(composition, "day").first?.text == "Today")
        #expect(LiveSlides.texts(composition, ".title").map(\.text) == ["Julmarknad", "Årsmöte"])
        #expect(LiveSlides.texts(composition, ".starts").first?.text == "All day")
    }

    @Test("in Persian the time stands at the right, the title to its left")
    func persian() throws {
        let composition = try LiveSlides.composer(1080, 1920).compose(
            LiveSlides.slide(Self.week, language: "fa"), language: "fa", at: LiveSlides.at("10:00"))
        let time = try #require(LiveSlides.texts(composition, ".starts").first)
        let title = try #require(LiveSlides.texts(composition, ".title").first)
        #expect(title.box.maxX <= time.box.x)
        #expect(LiveSlides.texts(composition, "day").first?.text == "امروز")
        LiveSlides.expectLegible(composition, "fa portrait")
    }

    @Test("100 events: only those that fit, each day's name with an event below it", arguments: LiveSlides.sizes)
    func hundred(width: Int, height: Int) throws {
        let items = (0..<100).map {
            AgendaItem(
                title: "Möte \($0) " + String(repeating: "med en mycket lång rubrik ", count: 12),
                starts: LiveSlides.at("11:00").addingTimeInterval(Double($0) * 5 * 3600), place: "Lokal \($0)")
        }
        let composition = try LiveSlides.composer(width, height).compose(
            LiveSlides.slide(Self.agenda(items)), language: "sv", at: LiveSlides.at("10:00"))
        let titles = LiveSlides.texts(composition, ".title")
        #expect(titles.count >= 3 && titles.count < 40)
        #expect(titles.allSatisfy { $0.text.hasSuffix("…") && $0.lineCount == 1 })
        let days = LiveSlides.texts(composition, "day")
        let source = try #require(LiveSlides.texts(composition, "source").first)
        let drawn = composition.texts.filter { $0.field.hasPrefix("events[") || $0.field == "day" }
        #expect(drawn.allSatisfy { $0.box.maxY <= source.box.y })
        for day in days { #expect(titles.contains { $0.box.y > day.box.y }) }
        LiveSlides.expectLegible(composition, "at \(width)x\(height)")
    }
}
