public import FoundationEssentials

/// A day of the week, as editors write it.
public enum Weekday: String, Sendable, CaseIterable, Comparable {
    case mon, tue, wed, thu, fri, sat, sun

    public static func < (a: Weekday, b: Weekday) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A wall-clock time of day, "HH:MM". 24:00 is allowed as the end of a day.
public struct TimeOfDay: Sendable, Equatable, Comparable, CustomStringConvertible {
    public var hour, minute: Int

    public init?(_ text: String) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
            (0...24).contains(h), (0...59).contains(m), h < 24 || m == 0
        else { return nil }
        hour = h
        minute = m
    }

    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }

    var minutes: Int { hour * 60 + minute }
    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
    public var description: String { (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)" }
}

/// A daily window, "from" to "to" in local time. A window whose end is not after its start
/// crosses midnight (22:00–02:00): it belongs to the day it starts on.
public struct DailyWindow: Sendable, Equatable {
    public var from, to: TimeOfDay

    public init(from: TimeOfDay, to: TimeOfDay) {
        self.from = from
        self.to = to
    }

    public var crossesMidnight: Bool { to <= from }
}

/// A half-open span of time [start, end).
public struct Interval: Sendable, Equatable {
    public var start, end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    public func contains(_ date: Date) -> Bool { start <= date && date < end }
}

/// Local-time arithmetic in one time zone, done the same way everywhere, so that the
/// planner, the dry run and the tests agree to the second, across daylight-saving changes.
/// Copies share one memo of the answers, since the planner asks the same questions often.
public struct LocalTime: Sendable {
    public let timeZone: Zone
    private let memo = LocalTimeMemo()

    public init(timeZone: Zone) {
        self.timeZone = timeZone
    }

    public func startOfDay(_ date: Date) -> Date {
        memo.startOfDay(date) { timeZone.startOfDay($0) }
    }

    public func addingDays(_ days: Int, to day: Date) -> Date {
        memo.addingDays(days, to: day) { timeZone.addingDays(days, to: day) }
    }

    public func weekday(_ date: Date) -> Weekday {
        memo.weekday(date) { timeZone.civil(date).weekday }
    }

    /// The instant `time` on the local day that starts at `day`. A time skipped by a
    /// daylight-saving change (02:30 on the last Sunday of March in Stockholm) becomes the first
    /// instant after the gap; a repeated one (in October) its first occurrence. 24:00 is the
    /// start of the next day.
    public func instant(_ time: TimeOfDay, on day: Date) -> Date {
        if time.hour == 24 { return addingDays(1, to: day) }
        // Most days are 24 hours at one offset: a time is then its minutes after the start,
        // without asking the zone (a schedule may have a window for every minute of the day).
        if isUniform(day) { return day.addingTimeInterval(Double(time.minutes * 60)) }
        return memo.instant(minutes: time.minutes, on: day) {
            var reading = timeZone.civil(day).startOfDay
            reading.hour = time.hour
            reading.minute = time.minute
            return timeZone.date(reading)
        }
    }

    /// Whether `day` is the first instant of a local day that lasts 24 hours at one offset.
    /// Zones change their offset at most once in two days (as `Zone.date` relies on), so equal
    /// offsets at its first and last second mean none changed in between.
    private func isUniform(_ day: Date) -> Bool {
        if let known = memo.uniform(day) { return known }
        let reading = timeZone.civil(day)
        let next = addingDays(1, to: day)
        let uniform =
            reading.hour == 0 && reading.minute == 0 && reading.second == 0
            && next.timeIntervalSince(day) == 86_400
            && timeZone.secondsFromGMT(for: day) == timeZone.secondsFromGMT(for: next.addingTimeInterval(-1))
        memo.remember(uniform: uniform, for: day)
        return uniform
    }

    /// The window's span on the local day that starts at `day`.
    public func interval(_ window: DailyWindow, on day: Date) -> Interval {
        let start = instant(window.from, on: day)
        let endDay = window.crossesMidnight ? addingDays(1, to: day) : day
        return Interval(start: start, end: instant(window.to, on: endDay))
    }

    /// The windows' spans on the local day that starts at `day`, as `interval` gives them; on
    /// ordinary days by arithmetic alone, which a schedule of many windows needs.
    func intervals(_ windows: [DailyWindow], on day: Date) -> [Interval] {
        let next = addingDays(1, to: day)
        guard isUniform(day), isUniform(next) else {
            return windows.map { interval($0, on: day) }
        }
        return windows.map { window in
            let end = window.crossesMidnight ? next : day
            return Interval(
                start: day.addingTimeInterval(Double(window.from.minutes * 60)),
                end: end.addingTimeInterval(Double(window.to.minutes * 60)))
        }
    }
}

/// When a slide may play: a validity range, weekdays and daily windows, all in the kiosk's
/// time zone. Empty parts do not restrict.
public struct Schedule: Sendable, Equatable {
    public var validFrom: Date?
    public var validUntil: Date?
    public var weekdays: Set<Weekday>?
    public var windows: [DailyWindow]

    public init(
        validFrom: Date? = nil, validUntil: Date? = nil, weekdays: Set<Weekday>? = nil, windows: [DailyWindow] = []
    ) {
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.weekdays = weekdays
        self.windows = windows
    }

    public static let always = Schedule()

    /// True when the slide is bound to dates or times, which a wrong clock would get wrong.
    public var isRestricted: Bool { validFrom != nil || validUntil != nil || weekdays != nil || !windows.isEmpty }

    /// Fills in what this schedule leaves open from `defaults` (a channel's).
    public func inheriting(_ defaults: Schedule) -> Schedule {
        Schedule(
            validFrom: validFrom ?? defaults.validFrom, validUntil: validUntil ?? defaults.validUntil,
            weekdays: weekdays ?? defaults.weekdays, windows: windows.isEmpty ? defaults.windows : windows)
    }

    /// How far ahead edges are looked for; beyond it, a state is taken to hold.
    public static let horizonDays = 8

    /// Whether the schedule allows playing at `date`; cheaper than `state`, which also finds
    /// when that changes.
    public func isActive(at date: Date, in local: LocalTime) -> Bool {
        if let validFrom, date < validFrom { return false }
        if let validUntil, date >= validUntil { return false }
        guard weekdays != nil || !windows.isEmpty else { return true }
        let today = local.startOfDay(date)
        for day in [local.addingDays(-1, to: today), today] {
            guard weekdays?.contains(local.weekday(day)) ?? true else { continue }
            if windows.isEmpty && day == today { return true }
            if windows.contains(where: { local.interval($0, on: day).contains(date) }) { return true }
        }
        return false
    }

    /// Whether the schedule allows playing at `date`, and the span of time around it in which
    /// that stays so.
    public func state(at date: Date, in local: LocalTime) -> StateSpan {
        if let validUntil, date >= validUntil { return StateSpan(active: false, since: validUntil, until: nil) }
        var later: [Date] = [validFrom, validUntil].compactMap { $0 }.filter { $0 > date }
        var earlier: [Date] = [validFrom].compactMap { $0 }.filter { $0 <= date }
        var inWindow = true
        var since = Date.distantPast
        if weekdays != nil || !windows.isEmpty {
            let days = DaySpans.state(at: date, in: local) { day in
                guard weekdays?.contains(local.weekday(day)) ?? true else { return [] }
                return windows.isEmpty
                    ? [Interval(start: day, end: local.addingDays(1, to: day))]
                    : local.intervals(windows, on: day)
            }
            inWindow = days.active
            since = days.since
            if let next = days.until { later.append(next) }
        }
        earlier.append(since)
        let inRange = validFrom.map { $0 <= date } ?? true
        return StateSpan(active: inRange && inWindow, since: earlier.max()!, until: later.min())
    }
}

/// A state (in a window, open, allowed) and the span of time in which it holds:
/// from `since` (inclusive) to `until` (exclusive; nil when no change is in sight).
public struct StateSpan: Sendable, Equatable {
    public var active: Bool
    public var since: Date
    public var until: Date?

    public func covers(_ date: Date) -> Bool { since <= date && (until.map { date < $0 } ?? true) }
}

/// Spans that repeat by local day (slide windows, opening hours): whether a moment is inside
/// one, and the span around it in which that holds.
enum DaySpans {
    static func state(at date: Date, in local: LocalTime, spans: (Date) -> [Interval]) -> StateSpan {
        var inside = false
        var next: Date?
        let today = local.startOfDay(date)
        // Looked at from the start of yesterday: a span that crossed midnight may still be open.
        var previous = local.addingDays(-1, to: today)
        var day = previous
        for offset in -1...Schedule.horizonDays {
            // A day's spans start on it, so once the next edge found comes no later than the
            // start of a day, that day and those after it cannot change the answer: the search
            // stops there instead of looking at every span of every day to the horizon.
            if offset > -1 {
                day = local.addingDays(offset, to: today)
                if let next, next <= day { break }
            }
            for span in spans(day) where span.start < span.end {
                if span.contains(date) { inside = true }
                if span.start > date {
                    next = min(next ?? span.start, span.start)
                } else {
                    previous = max(previous, span.start)
                }
                if span.end > date {
                    next = min(next ?? span.end, span.end)
                } else {
                    previous = max(previous, span.end)
                }
            }
        }
        return StateSpan(active: inside, since: previous, until: next)
    }
}
