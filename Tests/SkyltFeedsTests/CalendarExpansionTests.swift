import Foundation
import SkyltCore
import SkyltFeeds
import SkyltTestSupport
import Testing

@Suite("Calendar expansion", .timeLimit(.minutes(5)))
struct CalendarExpansionTests {
    static let training = "training-tuesday@byalaget.example"

    func expand(_ from: String, _ to: String, zone: Zone = .stockholm) throws -> CalendarExpansion {
        let text = try CalendarSensorTesting.fixture("association.ics")
        let window = CalendarSensorTesting.date(from)..<CalendarSensorTesting.date(to)
        return try #require(CalendarExpansion.expand(text, window: window, floating: zone))
    }

    func starts(_ expansion: CalendarExpansion, uid: String = training) -> [String] {
        expansion.occurrences.filter { $0.uid == uid }.map { ISO8601.format($0.starts) }
    }

    @Test("18:00 in Stockholm is 16:00Z before the October change and 17:00Z after it")
    func daylightSaving() throws {
        let expansion = try expand("2026-10-19T00:00:00Z", "2026-10-29T00:00:00Z")
        #expect(starts(expansion) == ["2026-10-20T16:00:00Z", "2026-10-27T17:00:00Z"])
        let ends = expansion.occurrences.filter { $0.uid == Self.training }.map { ISO8601.format($0.ends) }
        #expect(ends == ["2026-10-20T17:30:00Z", "2026-10-27T18:30:00Z"])
        #expect(expansion.name == "Byalaget Ljungby")
    }

    @Test("an EXDATE removes its occurrence and no other")
    func exdate() throws {
        let expansion = try expand("2026-08-31T00:00:00Z", "2026-10-01T00:00:00Z")
        #expect(
            starts(expansion) == [
                "2026-09-01T16:00:00Z", "2026-09-08T16:00:00Z", "2026-09-15T16:00:00Z", "2026-09-29T16:00:00Z",
            ])
    }

    @Test("a RECURRENCE-ID moves its occurrence, with its own place and title")
    func moved() throws {
        let expansion = try expand("2026-10-05T00:00:00Z", "2026-10-12T00:00:00Z")
        let occurrences = expansion.occurrences.filter { $0.uid == Self.training }
        #expect(occurrences.map { ISO8601.format($0.starts) } == ["2026-10-08T17:00:00Z"])
        #expect(occurrences.first?.location == "Skolans gymnastiksal")
        #expect(occurrences.first?.summary == "Träning (flyttad till torsdag)")
    }

    @Test("a cancelled occurrence is dropped")
    func cancelled() throws {
        let expansion = try expand("2026-11-02T00:00:00Z", "2026-11-09T00:00:00Z")
        #expect(starts(expansion).isEmpty)
        let around = try expand("2026-10-26T00:00:00Z", "2026-11-16T00:00:00Z")
        #expect(starts(around) == ["2026-10-27T17:00:00Z", "2026-11-10T17:00:00Z"])
    }

    @Test("an all-day event lasts its local day")
    func allDay() throws {
        let expansion = try expand("2026-12-10T00:00:00Z", "2026-12-14T00:00:00Z")
        let market = try #require(expansion.occurrences.first { $0.uid == "julmarknad-2026@byalaget.example" })
        #expect(market.allDay)
        #expect(ISO8601.format(market.starts) == "2026-12-11T23:00:00Z")
        #expect(ISO8601.format(market.ends) == "2026-12-12T23:00:00Z")
    }

    @Test("floating times are in the channel's zone; UTC times are UTC")
    func floatingAndUTC() throws {
        let stockholm = try expand("2026-11-14T00:00:00Z", "2026-12-02T00:00:00Z")
        #expect(starts(stockholm, uid: "pubkvall@byalaget.example") == ["2026-12-01T18:00:00Z"])
        #expect(starts(stockholm, uid: "webbinarium@byalaget.example") == ["2026-11-15T12:00:00Z"])
        let helsinki = try expand(
            "2026-11-14T00:00:00Z", "2026-12-02T00:00:00Z", zone: Zone(identifier: "Europe/Helsinki")!)
        #expect(starts(helsinki, uid: "pubkvall@byalaget.example") == ["2026-12-01T17:00:00Z"])
        #expect(starts(helsinki, uid: "webbinarium@byalaget.example") == ["2026-11-15T12:00:00Z"])
    }

    @Test("a monthly rule on the first Saturday ends at its UNTIL")
    func monthly() throws {
        let expansion = try expand("2027-01-01T00:00:00Z", "2027-06-01T00:00:00Z")
        #expect(
            starts(expansion, uid: "loppis@byalaget.example") == ["2027-01-02T09:00:00Z", "2027-02-06T09:00:00Z"])
    }

    @Test("only occurrences overlapping the window are expanded, one already running included")
    func window() throws {
        let expansion = try expand("2026-09-01T17:00:00Z", "2026-09-08T16:00:00Z")
        #expect(starts(expansion) == ["2026-09-01T16:00:00Z"])
        #expect(expansion.occurrences.map(\.uid) == [Self.training, "loppis@byalaget.example"])
    }

    @Test("a malformed VEVENT is skipped and named; the rest of the calendar stays")
    func malformed() throws {
        let text = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VEVENT\r
            UID:broken@example\r
            SUMMARY:Trasig\r
            DTSTART:not-a-date\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            UID:fine@example\r
            SUMMARY:Hel\r
            DTSTART:20261115T120000Z\r
            END:VEVENT\r
            END:VCALENDAR\r

            """
        let window =
            CalendarSensorTesting.date("2026-11-01T00:00:00Z")..<CalendarSensorTesting.date("2026-12-01T00:00:00Z")
        let expansion = try #require(CalendarExpansion.expand(text, window: window, floating: .stockholm))
        #expect(expansion.occurrences.map(\.uid) == ["fine@example"])
        #expect(expansion.skipped.count == 1)
        #expect(expansion.skipped.first?.contains("broken@example") == true)
    }

    @Test("text that is not a calendar is refused")
    func notACalendar() {
        let window =
            CalendarSensorTesting.date("2026-11-01T00:00:00Z")..<CalendarSensorTesting.date("2026-12-01T00:00:00Z")
        #expect(CalendarExpansion.expand("<html>hej</html>", window: window, floating: .stockholm) == nil)
    }

    @Test("a rule repeating every minute stops at the cap; one every second from long ago is left out")
    func caps() throws {
        func calendar(_ start: String, _ rule: String) -> String {
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:flood@example\r\nSUMMARY:Flod\r\nDTSTART:\(start)\r\n"
                + "RRULE:\(rule)\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:fine@example\r\nSUMMARY:Hel\r\n"
                + "DTSTART:20261115T120000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        }
        let window =
            CalendarSensorTesting.date("2026-11-01T00:00:00Z")..<CalendarSensorTesting.date("2026-12-01T00:00:00Z")
        let minutely = try #require(
            CalendarExpansion.expand(
                calendar("20261101T000000Z", "FREQ=MINUTELY"), window: window, floating: .stockholm))
        #expect(minutely.truncated)
        #expect(minutely.occurrences.count == CalendarExpansion.maxOccurrences)
        let secondly = try #require(
            CalendarExpansion.expand(
                calendar("20000101T000000Z", "FREQ=SECONDLY"), window: window, floating: .stockholm))
        #expect(secondly.occurrences.map(\.uid) == ["fine@example"])
        #expect(secondly.skipped.first?.contains("flood@example") == true)
    }

    static func events(_ events: [(uid: String, start: String, rule: String)]) -> String {
        let body = events.map {
            "BEGIN:VEVENT\r\nUID:\($0.uid)\r\nSUMMARY:S\r\nDTSTART\($0.start)\r\nRRULE:\($0.rule)\r\nEND:VEVENT\r\n"
        }
        return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + body.joined() + "END:VCALENDAR\r\n"
    }

    static let day =
        CalendarSensorTesting.date("2026-11-17T00:00:00Z")..<CalendarSensorTesting.date("2026-11-18T00:00:00Z")

    @Test("an old minutely series is expanded from the window and leaves the weekly event after it whole")
    func oldSeriesDoNotStarveOthers() throws {
        let text = Self.events([
            ("minutely@example", ":20200101T000000Z", "FREQ=MINUTELY"),
            ("weekly@example", ":20200107T180000Z", "FREQ=WEEKLY"),
        ])
        let expansion = try #require(CalendarExpansion.expand(text, window: Self.day, floating: .stockholm))
        #expect(expansion.skipped == [])
        #expect(starts(expansion, uid: "weekly@example") == ["2026-11-17T18:00:00Z"])
        let minutely = starts(expansion, uid: "minutely@example")
        #expect(minutely.count == 1_440)
        #expect(minutely.first == "2026-11-17T00:00:00Z")
        #expect(minutely.last == "2026-11-17T23:59:00Z")
    }

    @Test("a rule with COUNT is counted from DTSTART; one with UNTIL ends there")
    func countAndUntil() throws {
        let text = Self.events([
            ("seventeen@example", ":20261101T120000Z", "FREQ=DAILY;COUNT=17"),
            ("sixteen@example", ":20261101T120000Z", "FREQ=DAILY;COUNT=16"),
            ("until@example", ":20200101T080000Z", "FREQ=DAILY;UNTIL=20261116T235959Z"),
            ("hourly@example", ":20200101T003000Z", "FREQ=HOURLY;INTERVAL=6"),
        ])
        let expansion = try #require(CalendarExpansion.expand(text, window: Self.day, floating: .stockholm))
        #expect(starts(expansion, uid: "seventeen@example") == ["2026-11-17T12:00:00Z"])
        #expect(starts(expansion, uid: "sixteen@example") == [])
        #expect(starts(expansion, uid: "until@example") == [])
        #expect(
            starts(expansion, uid: "hourly@example") == [
                "2026-11-17T00:30:00Z", "2026-11-17T06:30:00Z", "2026-11-17T12:30:00Z", "2026-11-17T18:30:00Z",
            ])
    }

    @Test("floating and all-day series from long ago keep their local time in the window")
    func oldLocalSeries() throws {
        let text = Self.events([
            ("floating@example", ":20200107T190000", "FREQ=WEEKLY"),
            ("allday@example", ";VALUE=DATE:20200107", "FREQ=WEEKLY"),
        ])
        let expansion = try #require(CalendarExpansion.expand(text, window: Self.day, floating: .stockholm))
        #expect(starts(expansion, uid: "floating@example") == ["2026-11-17T18:00:00Z"])
        #expect(starts(expansion, uid: "allday@example") == ["2026-11-16T23:00:00Z"])
    }
}
