public import FoundationEssentials

extension SlideDate {
    /// When an event is, in the three lines of a poster's date block: the weekday above, the
    /// day and month large, the time (or time range) below. A reader finds the day first,
    /// so the day is what the block makes large; the weekday and the time are read next.
    public struct EventParts: Sendable, Equatable {
        /// The weekday, or nil for an event over several days.
        public var weekday: String?
        /// The day and month: "12 december", "12–14 december".
        public var date: String
        /// The time or time range, or nil for whole days.
        public var time: String?

        public init(weekday: String?, date: String, time: String?) {
            self.weekday = weekday
            self.date = date
            self.time = time
        }
    }

    /// The date block of an event, in the cases `eventTime` distinguishes: a start alone, a
    /// range on one day (or into the small hours of the next), whole days, and a span of
    /// several days with times, whose block gives the days large and both ends below.
    public static func eventParts(starts: Date, ends: Date?, language: String, timeZone: Zone) -> EventParts {
        let writer = Writer(language: language, timeZone: timeZone)
        let weekday = writer.format(starts, writer.style.weekday)
        let date = writer.format(starts, writer.style.datePattern)
        guard let ends, ends > starts else {
            return EventParts(weekday: weekday, date: date, time: writer.time(starts))
        }
        let zone = writer.timeZone
        let firstDay = zone.startOfDay(starts)
        if starts == firstDay, zone.startOfDay(ends) == ends {
            let lastDay = zone.addingDays(-1, to: ends)
            if zone.isSameDay(lastDay, starts) {
                return EventParts(weekday: weekday, date: date, time: nil)
            }
            return EventParts(weekday: nil, date: writer.daySpan(starts, lastDay), time: nil)
        }
        if ends <= Self.endOfNight(after: firstDay, zone) {
            return EventParts(weekday: weekday, date: date, time: writer.timeRange(starts, ends))
        }
        let lastDay = zone.startOfDay(ends)
        return EventParts(
            weekday: nil, date: writer.daySpan(starts, lastDay),
            time: writer.dateAndTime(starts) + " – " + writer.dateAndTime(ends))
    }
}
