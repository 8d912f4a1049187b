import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// The data templates' slide objects as the feeds service writes them: each read, each wrong
/// field named with its path, and each slide's schedule ending when its data goes stale.
@Suite("Data templates are read field by field")
struct LiveFieldsTests {
    static let sample = Repository.fixtures.appendingPathComponent("live")

    func read(_ slides: [String]) -> PlaylistReading {
        let folder = PlaylistFixture.make(slides: slides)
        return withExtendedLifetime(folder) { PlaylistReader.read(folder: folder.url) }
    }

    /// The problems of one slide object, as "field: message".
    func problems(_ slide: String) -> [String] {
        read([slide]).problems.map { "\($0.field): \($0.message)" }
    }

    static func date(_ text: String) -> Date { ISO8601.parse(text)! }

    @Test("the sample playlist with all six data templates reads without a problem")
    func sampleReads() throws {
        let reading = PlaylistReader.read(folder: Self.sample)
        #expect(reading.problems == [])
        let slides = try #require(reading.playlist).slides
        #expect(slides.map(\.content.templateName) == ["departures", "weather", "agenda", "news", "figure", "alert"])
        #expect(slides.allSatisfy { $0.content.isLive })
        guard case .departures(let board) = slides[0].content else {
            Issue.record("wrong template")
            return
        }
        #expect(board.departures.count == 2 && board.departures[0].expected == Self.date("2026-12-05T10:06:00+01:00"))
        #expect(board.departures[1].cancelled && board.departures[0].mode == .bus)
        guard case .weather(let forecast) = slides[1].content else {
            Issue.record("wrong template")
            return
        }
        #expect(forecast.periods.map(\.symbol) == [3, 25] && forecast.periods[1].wind == nil)
        guard case .agenda(let agenda) = slides[2].content else {
            Issue.record("wrong template")
            return
        }
        #expect(agenda.items.map(\.allDay) == [false, true] && agenda.items[0].place == "Torget")
        guard case .figure(let figure) = slides[4].content else {
            Issue.record("wrong template")
            return
        }
        #expect(figure.history.count == 2 && figure.unit == "°C" && figure.decimals == 1)
        guard case .alert(let alert) = slides[5].content else {
            Issue.record("wrong template")
            return
        }
        #expect(alert.status == .actual && alert.sender == "Räddningstjänsten")
    }

    @Test("each data slide's schedule ends when its data goes stale; an alert's starts at its effect")
    func validUntil() throws {
        let slides = try #require(PlaylistReader.read(folder: Self.sample).playlist).slides
        let until = slides.map(\.schedule.validUntil)
        // Departures: the cancelled bus at 10:08 leaves before the ten minutes after the fetch.
        #expect(until[0] == Self.date("2026-12-05T10:08:00+01:00"))
        #expect(until[1] == Self.date("2026-12-05T15:00:00+01:00"))
        #expect(until[2] == Self.date("2026-12-13T00:00:00+01:00"))
        #expect(until[3] == nil)
        #expect(until[4] == Self.date("2026-12-05T12:50:00+01:00"))
        #expect(until[5] == Self.date("2026-12-05T15:30:00+01:00"))
        #expect(slides[5].schedule.validFrom == Self.date("2026-12-05T09:30:00+01:00"))
        // Ten minutes after the fetch when the buses leave later.
        let late = read([
            #"{"id": "b", "template": "departures", "title": "T", "fetched": "2026-12-05T10:00:00+01:00", "source": "S", "departures": [{"line": "4", "destination": "Växjö", "scheduled": "2026-12-05T11:00:00+01:00"}]}"#
        ])
        #expect(late.playlist?.slides.first?.schedule.validUntil == Self.date("2026-12-05T10:10:00+01:00"))
    }

    @Test("a departure without 'scheduled' is named by its path")
    func departureWithoutScheduled() {
        let found = problems(
            #"{"id": "b", "template": "departures", "title": "T", "fetched": "2026-12-05T10:00:00+01:00", "source": "S", "departures": [{"line": "4", "destination": "Växjö", "scheduled": "2026-12-05T10:04:00+01:00"}, {"line": "4", "destination": "Växjö"}]}"#
        )
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("slides[0].departures[1].scheduled:") == true, "\(found)")
    }

    @Test("a weather symbol of 28, or not whole, is refused at its path")
    func symbolOutOfRange() {
        for (symbol, path) in [("28", "slides[0].periods[1].symbol"), ("2.5", "slides[0].periods[1].symbol")] {
            let found = problems(
                #"{"id": "w", "template": "weather", "place": "P", "fetched": "2026-12-05T10:00:00+01:00", "source": "SMHI", "periods": [{"time": "2026-12-05T10:00:00+01:00", "symbol": 27, "temperature": 1}, {"time": "2026-12-05T13:00:00+01:00", "symbol": \#(symbol), "temperature": 1}]}"#
            )
            #expect(found.count == 1 && found.first?.hasPrefix(path + ":") == true, "\(found)")
        }
        let none = problems(
            #"{"id": "w", "template": "weather", "place": "P", "fetched": "2026-12-05T10:00:00+01:00", "source": "SMHI", "periods": []}"#
        )
        #expect(none == ["slides[0].periods: needs at least one period"])
    }

    @Test("a figure's history of 501 points is refused at 'history'; 500 pass")
    func historyCap() {
        func figure(_ points: Int) -> String {
            let history = (0..<points).map { index in
                #"{"time": "\#(ISO8601.format(Self.date("2026-12-05T00:00:00+01:00").addingTimeInterval(Double(index) * 60)))", "value": 3}"#
            }
            return
                #"{"id": "f", "template": "figure", "label": "L", "value": 3.4, "unit": "°C", "read": "2026-12-05T10:00:00+01:00", "source": "S", "history": [\#(history.joined(separator: ","))]}"#
        }
        #expect(problems(figure(LiveDataRules.maxHistory)) == [])
        let found = problems(figure(LiveDataRules.maxHistory + 1))
        #expect(found == ["slides[0].history: has 501 items; at most 500 are shown"])
    }

    @Test("an alert whose 'expires' is before 'effective' is refused at 'expires'")
    func alertExpiresBeforeEffective() {
        let found = problems(
            #"{"id": "a", "template": "alert", "headline": "H", "body": "B", "sender": "S", "source": "K", "effective": "2026-12-05T10:00:00+01:00", "expires": "2026-12-05T09:00:00+01:00"}"#
        )
        #expect(found == ["slides[0].expires: is not after 'effective'"])
    }

    @Test("an agenda event ending before it starts, a wrong date and an unknown field are named by path")
    func agendaProblems() {
        let found = problems(
            #"{"id": "v", "template": "agenda", "title": "T", "events": [{"title": "A", "starts": "2026-12-06T11:00:00+01:00", "ends": "2026-12-06T10:00:00+01:00"}, {"title": "B", "starts": "tomorrow"}, {"title": "C", "starts": "2026-12-06T11:00:00+01:00", "colour": "red"}]}"#
        )
        #expect(found.contains { $0.hasPrefix("slides[0].events[0].ends:") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("slides[0].events[1].starts:") && $0.contains("'tomorrow'") })
        #expect(found.contains { $0.hasPrefix("slides[0].events[2].colour:") })
    }

    @Test("a data slide is checked at the moment of its data, when it was fresh")
    func dataMoment() throws {
        let slides = try #require(PlaylistReader.read(folder: Self.sample).playlist).slides
        let moments = slides.map(\.content.dataMoment)
        #expect(moments[0] == Self.date("2026-12-05T10:00:00+01:00"))
        #expect(moments[2] == Self.date("2026-12-06T11:00:00+01:00"))
        #expect(moments[3] == nil)
        #expect(moments[5] == Self.date("2026-12-05T09:30:00+01:00"))
        for (slide, moment) in zip(slides, moments) {
            if let moment { #expect(slide.content.staleness(at: moment) == nil, "\(slide.id)") }
        }
        // Stale eleven minutes after the fetch, fresh at its moment.
        #expect(slides[0].content.staleness(at: Self.date("2026-12-05T10:11:00+01:00")) != nil)
    }
}
