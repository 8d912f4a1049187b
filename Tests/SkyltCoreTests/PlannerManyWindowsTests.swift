import Foundation
import Glibc
import SkyltCore
import SkyltTestSupport
import Testing

/// Schedules with many daily windows: the planner stays fast, and finds the same states as a
/// search of every window on every day to the horizon does.
@Suite("Planner: many schedule windows")
struct PlannerManyWindowsTests {
    /// One-minute windows on every `step`th minute of the day.
    static func minuteWindows(every step: Int) -> [DailyWindow] {
        stride(from: 0, to: 1440, by: step).map { minute in
            DailyWindow(
                from: TimeOfDay(hour: minute / 60, minute: minute % 60),
                to: TimeOfDay(hour: (minute + 1) / 60, minute: (minute + 1) % 60))
        }
    }

    @Test("three hours of a slide with a window every minute of the day plan in seconds, not minutes")
    func windowEveryMinute() {
        let blink = PlanFixtures.slide("blink", seconds: 20, schedule: Schedule(windows: Self.minuteWindows(every: 1)))
        let program = Program(slides: [blink, PlanFixtures.slide("always", seconds: 15)])
        let from = PlanFixtures.at("2026-12-05T09:00")
        let started = Self.threadSeconds()
        var entries: [PlanEntry] = []
        _ = PlanSimulator(planner: PlanFixtures.planner()).run(
            program, from: from, to: from.addingTimeInterval(3 * 3600)
        ) { entries.append($0) }
        // 42 s here before (94 s in the report), about one now. CPU time of this thread,
        // so that tests running alongside do not count.
        #expect(Self.threadSeconds() - started < 10)
        // Back to back, the windows allow the slide all day: the same plan as one window.
        let whole = PlanFixtures.slide(
            "blink", seconds: 20, schedule: Schedule(windows: [PlanFixtures.window("00:00", "24:00")]))
        var reference: [PlanEntry] = []
        _ = PlanSimulator(planner: PlanFixtures.planner()).run(
            Program(slides: [whole, PlanFixtures.slide("always", seconds: 15)]), from: from,
            to: from.addingTimeInterval(3 * 3600)
        ) { reference.append($0) }
        #expect(entries == reference)
        #expect(entries.count > 500)
    }

    @Test("states over many windows, across daylight-saving changes, match a search of every day to the horizon")
    func statesMatchFullSearch() {
        var random = SeededRandom(seed: 15)
        // A zone of its own: its ICU calendar is not shared with the tests running alongside.
        let zone = Zone(identifier: "Europe/Stockholm")!
        let local = LocalTime(timeZone: zone)
        for round in 0..<24 {
            var windows: [DailyWindow] = []
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                let from = Int.random(in: 0..<1440, using: &random)
                let to = Int.random(in: 1...1440, using: &random)
                windows.append(
                    DailyWindow(
                        from: TimeOfDay(hour: from / 60, minute: from % 60),
                        to: TimeOfDay(hour: to / 60, minute: to % 60)))
            }
            let weekdays: Set<Weekday>? =
                round % 3 == 0 ? Set(Weekday.allCases.filter { _ in Bool.random(using: &random) }) : nil
            let schedule = Schedule(weekdays: weekdays, windows: windows)
            // Around the March and October changes, and an ordinary week.
            let base = ["2026-03-27T12:00", "2026-10-23T12:00", "2026-12-05T12:00"][round % 3]
            for _ in 0..<8 {
                let date = PlanFixtures.at(base).addingTimeInterval(
                    Double(Int.random(in: 0..<(4 * 86_400), using: &random)))
                let expected = Self.fullSearch(schedule, at: date, zone: zone)
                let state = schedule.state(at: date, in: local)
                #expect(
                    state.active == expected.active && state.since == expected.since && state.until == expected.until,
                    "round \(round) at \(date)")
            }
        }
    }

    /// The CPU seconds the calling thread has used.
    static func threadSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Every window on every day from yesterday to the horizon, each instant asked of the zone.
    static func fullSearch(_ schedule: Schedule, at date: Date, zone: Zone) -> (
        active: Bool, since: Date, until: Date?
    ) {
        let today = zone.startOfDay(date)
        var inside = false
        var next: Date?
        var previous = zone.addingDays(-1, to: today)
        func instant(_ time: TimeOfDay, _ day: Date) -> Date {
            if time.hour == 24 { return zone.addingDays(1, to: day) }
            var reading = zone.civil(day).startOfDay
            reading.hour = time.hour
            reading.minute = time.minute
            return zone.date(reading)
        }
        for offset in -1...Schedule.horizonDays {
            let day = zone.addingDays(offset, to: today)
            guard schedule.weekdays?.contains(zone.civil(day).weekday) ?? true else { continue }
            for window in schedule.windows {
                let start = instant(window.from, day)
                let end = instant(window.to, window.crossesMidnight ? zone.addingDays(1, to: day) : day)
                guard start < end else { continue }
                if start <= date && date < end { inside = true }
                for edge in [start, end] {
                    if edge > date { next = min(next ?? edge, edge) } else { previous = max(previous, edge) }
                }
            }
        }
        return (inside, previous, next)
    }
}
