public import FoundationEssentials

/// When the shop is open, per weekday, with exceptions for single dates (holidays, Christmas
/// Eve). Outside these hours the screen is off.
public struct OpeningHours: Sendable, Equatable {
    /// Windows per weekday; a day that is missing is closed.
    public var weekly: [Weekday: [DailyWindow]]
    /// Windows for single local dates ("2026-12-24"), replacing the weekday's; empty is closed.
    public var exceptions: [String: [DailyWindow]]

    public init(weekly: [Weekday: [DailyWindow]], exceptions: [String: [DailyWindow]] = [:]) {
        self.weekly = weekly
        self.exceptions = exceptions
    }

    /// Whether the shop is open at `date` (`active`), and the span in which that holds.
    public func state(at date: Date, in local: LocalTime) -> StateSpan {
        DaySpans.state(at: date, in: local) { day in
            let windows = exceptions[Self.dateKey(day, in: local)] ?? weekly[local.weekday(day)] ?? []
            return windows.map { local.interval($0, on: day) }
        }
    }

    /// The next moment after `date` when the shop opens, within the horizon.
    public func nextOpening(after date: Date, in local: LocalTime) -> Date? {
        var moment = date
        for _ in 0..<64 {
            let current = state(at: moment, in: local)
            if current.active { return moment == date ? nil : moment }
            guard let next = current.until else { return nil }
            moment = next
        }
        return nil
    }

    static func dateKey(_ day: Date, in local: LocalTime) -> String {
        local.timeZone.civil(day).isoDate
    }
}
