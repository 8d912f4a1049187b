import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

/// The departures template: counted down to the moment composed for, departed rows gone,
/// cancelled and late ones marked in words, as many rows as fit, mirrored in Arabic and Persian.
@Suite("A departure board counts down and drops what has left", .serialized, .timeLimit(.minutes(5)))
struct DepartureBoardTests {
    static func board(_ departures: [Departure], title: String = "Ljungby busstation") -> SlideContent {
        .departures(
            DepartureBoard(
                title: LocalizedText(["sv": title, "en": title, "ar": "محطة حافلات ليونغبي", "fa": "ایستگاه اتوبوس"]),
                fetched: LiveSlides.at("09:58"), departures: departures, source: "Data: Trafiklab.se"))
    }

    static let sample = board([
        Departure(line: "150", destination: "Växjö", scheduled: LiveSlides.at("10:00").addingTimeInterval(30)),
        Departure(line: "4", destination: "Centrum", scheduled: LiveSlides.at("10:04"), platform: "A"),
        Departure(line: "126", destination: "Älmhult", scheduled: LiveSlides.at("10:10"), cancelled: true),
        Departure(
            line: "160", destination: "Värnamo", scheduled: LiveSlides.at("10:05"), expected: LiveSlides.at("10:12")),
        Departure(line: "209", destination: "Lidhult", scheduled: LiveSlides.at("10:40"), platform: "E"),
    ])

    /// The time and struck timetable time of each row, by its destination.
    func rows(_ composition: Composition) -> [String: (time: String, struck: String?)] {
        var rows: [String: (time: String, struck: String?)] = [:]
        for destination in LiveSlides.texts(composition, ".destination") {
            let row = destination.field.dropLast(".destination".count)
            let time = composition.texts.first { $0.field == row + ".time" }
            let struck = composition.texts.first { $0.field == row + ".scheduled" }
            rows[destination.text] = (time?.text ?? "", struck?.text)
        }
        return rows
    }

    @Test("at 10:00 the board counts down; a minute later the departed row is gone", arguments: LiveSlides.sizes)
    func countdown(width: Int, height: Int) throws {
        let composer = LiveSlides.composer(width, height)
        let first = try composer.compose(LiveSlides.slide(Self.sample), language: "sv", at: LiveSlides.at("10:00"))
        let ten = rows(first)
        #expect(ten["Växjö"]?.time == "Nu")
        #expect(ten["Centrum"]?.time == "om 4 min")
        #expect(ten["Värnamo"]?.time == "om 12 min")
        #expect(ten["Värnamo"]?.struck == "10:05")
        #expect(ten["Lidhult"]?.time == "10:40")
        #expect(ten["Lidhult"]?.struck == nil)
        LiveSlides.expectLegible(first, "at \(width)x\(height)")
        let later = try composer.compose(LiveSlides.slide(Self.sample), language: "sv", at: LiveSlides.at("10:01"))
        let eleven = rows(later)
        #expect(eleven["Växjö"] == nil)
        #expect(eleven["Centrum"]?.time == "om 3 min")
        #expect(eleven.count == 4)
        // The rows run in the order the departures leave.
        let order = LiveSlides.texts(later, ".destination").sorted { $0.box.y < $1.box.y }.map(\.text)
        #expect(order == ["Centrum", "Älmhult", "Värnamo", "Lidhult"])
    }

    @Test("a cancelled departure says so in words, with its timetable time struck")
    func cancelled() throws {
        for (language, word) in [("sv", "Inställd"), ("en", "Cancelled")] {
            let composition = try LiveSlides.composer().compose(
                LiveSlides.slide(Self.sample, language: language), language: language, at: LiveSlides.at("10:00"))
            let row = rows(composition)["Älmhult"]
            #expect(row?.time == word)
            #expect(row?.struck == "10:10")
            // The strike is drawn across the middle of the struck time, in the text's colour.
            let struck = try #require(composition.texts.first { $0.text == "10:10" })
            let y = Int(struck.inkRect.y + struck.inkRect.height / 2)
            let x = Int(struck.inkRect.x + struck.inkRect.width / 2)
            let hits = (x - 3...x + 3).filter { composition.frame.pixel(x: $0, y: y) & 0xFFFFFF == 0xFFFFFF }
            #expect(hits.count >= 5, "no line across the struck time")
        }
    }

    @Test("the platform column shows only when a departure has a platform")
    func platform() throws {
        let composer = LiveSlides.composer()
        let with = try composer.compose(LiveSlides.slide(Self.sample), language: "sv", at: LiveSlides.at("10:00"))
        #expect(LiveSlides.texts(with, "platform.label").map(\.text) == ["Läge"])
        #expect(Set(LiveSlides.texts(with, ".platform").map(\.text)) == ["A", "E"])
        let without = Self.board([Departure(line: "4", destination: "Centrum", scheduled: LiveSlides.at("10:04"))])
        let plain = try composer.compose(LiveSlides.slide(without), language: "sv", at: LiveSlides.at("10:00"))
        #expect(LiveSlides.texts(plain, "platform.label").isEmpty)
        #expect(LiveSlides.texts(plain, "source").map(\.text) == ["Data: Trafiklab.se"])
    }

    @Test(
        "in Arabic and Persian the columns mirror: the time on the left, the line on the right",
        arguments: ["ar", "fa"])
    func rightToLeft(_ language: String) throws {
        for (width, height) in LiveSlides.sizes {
            let composition = try LiveSlides.composer(width, height).compose(
                LiveSlides.slide(Self.sample, language: language), language: language, at: LiveSlides.at("10:00"))
            let line = try #require(composition.texts.first { $0.field == "departures[1].line" })
            let destination = try #require(composition.texts.first { $0.field == "departures[1].destination" })
            let time = try #require(composition.texts.first { $0.field == "departures[1].time" })
            #expect(time.box.maxX <= destination.box.x)
            #expect(destination.box.maxX <= line.box.x)
            #expect(line.text == "4")
            LiveSlides.expectLegible(composition, "\(language) at \(width)x\(height)")
        }
        let persian = try LiveSlides.composer().compose(
            LiveSlides.slide(Self.sample, language: "fa"), language: "fa", at: LiveSlides.at("10:00"))
        if language == "fa" {
            let expected = BuiltInText.departureInMinutes.text(in: "fa").replacingOccurrences(of: "%d", with: "۴")
            #expect(rows(persian)["Centrum"]?.time == expected)
        }
    }

    @Test("in Swedish the line is on the left and the time on the right")
    func leftToRight() throws {
        let composition = try LiveSlides.composer().compose(
            LiveSlides.slide(Self.sample), language: "sv", at: LiveSlides.at("10:00"))
        let line = try #require(composition.texts.first { $0.field == "departures[1].line" })
        let destination = try #require(composition.texts.first { $0.field == "departures[1].destination" })
        let time = try #require(composition.texts.first { $0.field == "departures[1].time" })
        #expect(line.box.maxX <= destination.box.x && destination.box.maxX <= time.box.x)
    }

    @Test("a board of 100 departures draws only the rows that fit, at one legible size", arguments: LiveSlides.sizes)
    func hundred(width: Int, height: Int) throws {
        let departures = (0..<100).map {
            Departure(
                line: String($0 % 9 + 1), destination: "Hållplats \($0)",
                scheduled: LiveSlides.at("10:00").addingTimeInterval(Double($0) * 90 + 30))
        }
        let composition = try LiveSlides.composer(width, height).compose(
            LiveSlides.slide(Self.board(departures)), language: "sv", at: LiveSlides.at("10:00"))
        let shown = LiveSlides.texts(composition, ".destination").sorted { $0.box.y < $1.box.y }
        #expect(shown.count >= 5 && shown.count < 30)
        #expect(shown.map(\.text) == (0..<shown.count).map { "Hållplats \($0)" })
        #expect(Set(shown.map(\.capHeight)).count == 1)
        for (upper, lower) in zip(shown, shown.dropFirst()) { #expect(upper.box.maxY <= lower.box.y) }
        let source = try #require(LiveSlides.texts(composition, "source").first)
        #expect(shown.last!.box.maxY <= source.box.y)
        LiveSlides.expectLegible(composition, "at \(width)x\(height)")
    }

    @Test("an overlong destination and title are shortened with an ellipsis, never clipped")
    func overlong() throws {
        let long = String(repeating: "Långtbortistan via Ödsmålsvägen ", count: 6)
        let content = Self.board(
            [Departure(line: "12345678", destination: long, scheduled: LiveSlides.at("10:04"))],
            title: String(repeating: "Ljungby busstation och resecentrum ", count: 14))
        for (width, height) in LiveSlides.sizes {
            let composition = try LiveSlides.composer(width, height).compose(
                LiveSlides.slide(content), language: "sv", at: LiveSlides.at("10:00"))
            let destination = try #require(LiveSlides.texts(composition, ".destination").first)
            #expect(destination.text.hasSuffix("…") && destination.text.count < long.count)
            #expect(destination.lineCount == 1)
            let title = try #require(LiveSlides.texts(composition, "title").first)
            #expect(title.text.hasSuffix("…"))
            #expect(LiveSlides.texts(composition, ".time").map(\.text) == ["om 4 min"])
            LiveSlides.expectLegible(composition, "at \(width)x\(height)")
        }
    }
}
