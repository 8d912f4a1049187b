import Foundation
import SkyltCore
import Testing

@testable import SkyltStudio
@testable import SkyltStudioWeb

@Suite("studio web: the week calendar's cells")
struct WeekCalendarTests {
    static let zone = TimeZone(identifier: "Europe/Stockholm")!

    /// The instant of local `text` ("2026-11-30 10:35") in Stockholm.
    static func at(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.date(from: text)!
    }

    static func slot(_ from: String, _ to: String, _ channel: String?, _ slide: String?, urgent: Bool = false)
        -> PlanEntry
    {
        PlanEntry(
            start: at(from), end: at(to), slide: slide, channel: channel, language: "sv", urgent: urgent, reason: "")
    }

    static func closed(_ from: String, _ to: String) -> PlanEntry {
        PlanEntry(
            start: at(from), end: at(to), slide: nil, channel: nil, language: nil, urgent: false, reason: "closed",
            closed: true)
    }

    static func plan(_ entries: [PlanEntry]) -> WeekPlan {
        WeekPlan(
            entries: entries, summary: PlanSummary(), timeZone: zone, plannedShares: [:], measuredShares: [:],
            titles: [:], problems: [])
    }

    /// Monday 30 November: open 10–12, closed before and after for the rest of the week.
    static let monday: [PlanEntry] = [
        closed("2026-11-30 00:00", "2026-11-30 10:00"),
        slot("2026-11-30 10:00", "2026-11-30 10:35", "demo", "a"),
        slot("2026-11-30 10:35", "2026-11-30 10:50", "other", "b"),
        slot("2026-11-30 10:50", "2026-11-30 11:10", "demo", "c"),
        slot("2026-11-30 11:10", "2026-11-30 12:00", "other", "b"),
        closed("2026-11-30 12:00", "2026-12-07 00:00"),
    ]

    @Test("a slot across an hour's end counts in both hours by its seconds, and shares sum to 100 %")
    func shares() throws {
        let grid = WeekCalendar(plan: Self.plan(Self.monday))
        #expect(grid.days.count == 7 && grid.days.first == Self.at("2026-11-30 00:00"))
        #expect(grid.hours == [10, 11])
        let ten = grid.cells[0][0]
        let eleven = grid.cells[1][0]
        #expect(ten.normal == ["demo": 45 * 60, "other": 15 * 60])
        #expect(eleven.normal == ["demo": 10 * 60, "other": 50 * 60])
        #expect(ten.shares.map(\.channel) == ["demo", "other"] && ten.shares.map(\.share) == [0.75, 0.25])
        #expect(abs(eleven.shares.map(\.share).reduce(0, +) - 1) < 1e-9)
        #expect(ten.slides.map(\.slide) == ["a", "b", "c"] && eleven.slides.map(\.slide) == ["c", "b"])
        #expect(WeekCalendarHTML.shares(eleven) == "other 83 % · demo 17 %")
    }

    @Test("an hour closed all through is closed; an hour before the plan starts is not planned")
    func closedHours() throws {
        let grid = WeekCalendar(plan: Self.plan(Self.monday))
        // Tuesday at ten: closed all hour.
        #expect(grid.cells[0][1].isClosed && grid.cells[0][1].closed == 3600)
        #expect(!grid.cells[0][0].isClosed)
        // A plan that starts on Monday at 11: Monday's ten o'clock (open on Tuesday) is no one's.
        let late = WeekCalendar(
            plan: Self.plan([
                Self.slot("2026-11-30 11:00", "2026-11-30 12:00", "demo", "a"),
                Self.closed("2026-11-30 12:00", "2026-12-01 10:00"),
                Self.slot("2026-12-01 10:00", "2026-12-01 11:00", "demo", "a"),
                Self.closed("2026-12-01 11:00", "2026-12-07 11:00"),
            ]))
        #expect(late.hours == [10, 11])
        #expect(late.cells[0][0].planned == 0 && late.cells[0][1].open == 3600 && late.cells[1][1].isClosed)
    }

    @Test("urgent notices are listed apart and take no part in the channels' shares")
    func urgent() throws {
        let entries = [
            Self.slot("2026-11-30 10:00", "2026-11-30 10:20", "demo", "a"),
            Self.slot("2026-11-30 10:20", "2026-11-30 10:30", "demo", "water", urgent: true),
            Self.slot("2026-11-30 10:30", "2026-11-30 11:00", "other", "b"),
        ]
        let grid = WeekCalendar(plan: Self.plan(entries))
        let cell = grid.cells[0][0]
        #expect(cell.urgentSlides == [WeekCalendar.SlideRef(channel: "demo", slide: "water")])
        #expect(cell.urgent == 600 && cell.normal == ["demo": 1200, "other": 1800])
        #expect(cell.shares.map(\.share) == [0.6, 0.4])
    }

    @Test("the change to summer time (29 March, 23 hours) skips 02–03 and moves no later hour")
    func daylightSaving() throws {
        // Always open; a slot every half hour, named for the local time it starts.
        let names = DateFormatter()
        names.locale = Locale(identifier: "en_US_POSIX")
        names.timeZone = Self.zone
        names.dateFormat = "HH:mm"
        let start = Self.at("2026-03-28 00:00")
        let entries = (0..<(3 * 48)).map { index in
            let from = start.addingTimeInterval(Double(index) * 1800)
            return PlanEntry(
                start: from, end: from.addingTimeInterval(1800), slide: names.string(from: from),
                channel: index % 3 == 0 ? "other" : "demo", language: "sv", urgent: false, reason: "")
        }
        let grid = WeekCalendar(plan: Self.plan(entries))
        #expect(grid.hours == Array(0..<24))
        let sunday = 1
        #expect(grid.cells[2][sunday].planned == 0)
        #expect(grid.cells[3][sunday].slides.map(\.slide) == ["03:00", "03:30"])
        #expect(grid.cells[14][sunday].slides.map(\.slide) == ["14:00", "14:30"])
        #expect(grid.cells.map { $0[sunday].planned }.reduce(0, +) == 23 * 3600)
        // Monday starts at its own midnight, not an hour into Sunday's last hour.
        #expect(grid.cells[0][2].slides.map(\.slide) == ["00:00", "00:30"])
    }

    @Test("whole percentages add up to 100")
    func percents() {
        #expect(WeekCalendar.percents([2.0 / 3, 1.0 / 3]) == [67, 33])
        #expect(WeekCalendar.percents([1.0 / 3, 1.0 / 3, 1.0 / 3]).reduce(0, +) == 100)
        #expect(WeekCalendar.percents([0.125, 0.125, 0.75]).reduce(0, +) == 100)
        #expect(WeekCalendar.percents([]) == [])
    }
}
