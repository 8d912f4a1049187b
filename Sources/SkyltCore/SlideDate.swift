internal import CICUShim
public import FoundationEssentials
import Synchronization

/// Dates and times as slides show them, in every language Skylt plays: always the Gregorian
/// calendar and the kiosk's time zone, a 24-hour clock, the language's own month and weekday
/// names and digits (from Debian's ICU), and the day before the month. A locale's own ICU
/// defaults would bring the Persian solar calendar and the US order; `SlideDateStyle` says what each
/// language gets instead.
///
/// A time range is one unit: "10:00–12:00" with an en dash. In Arabic and Persian it is set
/// in a left-to-right isolate (U+2066 … U+2069), as the bidi algorithm already does for a
/// numeric date such as 12/12/2026; without it the en dash takes the paragraph's direction
/// and the range shows as "12:00–10:00".
public enum SlideDate {
    /// The event template's big date column: short weekday, day number, short month.
    public struct Block: Sendable, Equatable {
        public var weekday, day, month: String

        public init(weekday: String, day: String, month: String) {
            self.weekday = weekday
            self.day = day
            self.month = month
        }
    }

    /// When an event is, in one line: "lördag 12 december 10:00–12:00".
    ///
    /// Without an end (or an end not after the start), the day and the start time. An event
    /// that ends on its own day, or in the small hours of the next one (a dance until 02:00),
    /// reads as one day with a time range. Whole days (midnight to midnight) read without
    /// times: "lördag 12 december", "12–14 december". Other spans give both ends with their
    /// times: "12 december 18:00 – 14 december 12:00".
    public static func eventTime(starts: Date, ends: Date?, language: String, timeZone: Zone) -> String {
        let writer = Writer(language: language, timeZone: timeZone)
        guard let ends, ends > starts else { return writer.dayAndTime(starts) }
        let zone = writer.timeZone
        let firstDay = zone.startOfDay(starts)
        if starts == firstDay, zone.startOfDay(ends) == ends {
            let lastDay = zone.addingDays(-1, to: ends)
            if zone.isSameDay(lastDay, starts) { return writer.day(starts) }
            return writer.daySpan(starts, lastDay)
        }
        if ends <= Self.endOfNight(after: firstDay, zone) {
            return writer.day(starts) + writer.style.beforeTime + writer.timeRange(starts, ends)
        }
        return writer.dateAndTime(starts) + " – " + writer.dateAndTime(ends)
    }

    /// Weekday, day and month: "lördag 12 december", "شنبه ۱۲ دسامبر".
    public static func day(_ date: Date, language: String, timeZone: Zone) -> String {
        Writer(language: language, timeZone: timeZone).day(date)
    }

    /// The 24-hour time: "10:00", "۱۰:۰۰", Finnish "10.00".
    public static func time(_ date: Date, language: String, timeZone: Zone) -> String {
        Writer(language: language, timeZone: timeZone).time(date)
    }

    /// The parts of the big date column: ("lör", "12", "dec.").
    public static func dateBlock(_ date: Date, language: String, timeZone: Zone) -> Block {
        let writer = Writer(language: language, timeZone: timeZone)
        return Block(
            weekday: writer.format(date, "ccc"), day: writer.format(date, "d"), month: writer.format(date, "LLL"))
    }

    /// Until when an event still belongs to the day it started on: 06:00 the next morning.
    static func endOfNight(after firstDay: Date, _ zone: Zone) -> Date {
        var morning = zone.civil(firstDay).startOfDay
        morning.day += 1
        morning.hour = 6
        return zone.date(morning)
    }

    /// The formatters, one per locale, zone and pattern, shared by every slide.
    static let formatters = FormatterCache()

    /// How many formatters are kept for `timeZone`: a handful per language, however many
    /// slides are composed (the proof that composing does not make formatters).
    public static func formatterCount(in timeZone: Zone) -> Int {
        formatters.count(in: timeZone)
    }
}

extension SlideDate {
    /// One language's style in one time zone, writing through the shared formatters.
    struct Writer {
        let style: SlideDateStyle
        let timeZone: Zone

        init(language: String, timeZone: Zone) {
            style = SlideDateStyle.forLanguage(language)
            self.timeZone = timeZone
        }

        func format(_ date: Date, _ pattern: String) -> String {
            SlideDate.formatters.string(date, pattern: pattern, locale: style.locale, timeZone: timeZone)
        }

        func day(_ date: Date) -> String { format(date, style.dayPattern) }
        func time(_ date: Date) -> String { format(date, style.time) }
        func dayAndTime(_ date: Date) -> String { day(date) + style.beforeTime + time(date) }
        func dateAndTime(_ date: Date) -> String { format(date, style.datePattern) + style.beforeTime + time(date) }

        func timeRange(_ start: Date, _ end: Date) -> String { isolated(time(start) + "–" + time(end)) }

        /// Whole days: "12–14 december" in one month, "30 november – 2 december" across two.
        func daySpan(_ first: Date, _ last: Date) -> String {
            let (firstDay, lastDay) = (timeZone.civil(first), timeZone.civil(last))
            let sameMonth = firstDay.month == lastDay.month && firstDay.year == lastDay.year
            guard sameMonth else { return format(first, style.datePattern) + " – " + format(last, style.datePattern) }
            let numbers = format(first, style.dayNumber) + "–" + format(last, style.dayNumber)
            return isolated(numbers) + " " + format(last, style.month)
        }

        /// A number range kept left to right inside right-to-left text.
        func isolated(_ text: String) -> String {
            style.rightToLeft ? "\u{2066}\(text)\u{2069}" : text
        }
    }

    /// ICU date formatters are costly to open, so each (locale, zone, pattern) is opened once.
    /// The lock is held while formatting too, as one formatter is not safe to share between
    /// threads.
    final class FormatterCache: Sendable {
        private let formatters = Mutex<[Key: ICUDateFormat]>([:])
        /// Far more than eleven languages by a handful of patterns and zones need.
        private static let limit = 512

        struct Key: Hashable {
            var locale, zone, pattern: String
        }

        func count(in timeZone: Zone) -> Int {
            formatters.withLock { $0.keys.filter { $0.zone == timeZone.identifier }.count }
        }

        func string(_ date: Date, pattern: String, locale: String, timeZone: Zone) -> String {
            formatters.withLock { formatters in
                let key = Key(locale: locale, zone: timeZone.identifier, pattern: pattern)
                if let formatter = formatters[key] { return formatter.string(date) }
                if formatters.count >= Self.limit { formatters.removeAll() }
                guard let formatter = ICUDateFormat(locale: locale, zone: timeZone.identifier, pattern: pattern)
                else { return "" }
                formatters[key] = formatter
                return formatter.string(date)
            }
        }
    }
}

/// One ICU date formatter: a pattern in a locale (with the Gregorian calendar) and a zone.
final class ICUDateFormat {
    private let formatter: UnsafeMutableRawPointer

    init?(locale: String, zone: String, pattern: String) {
        let zoneUnits = Array(zone.utf16)
        let patternUnits = Array(pattern.utf16)
        guard
            let formatter = skylt_icu_formatter_open(
                locale, zoneUnits, Int32(zoneUnits.count), patternUnits, Int32(patternUnits.count))
        else { return nil }
        self.formatter = formatter
        for (field, words) in SlideDateWords.byLocale[locale] ?? [:] {
            // ICU counts months from 0 (January) and weekdays from 1 (Sunday).
            let first = words.count == 7 ? 1 : 0
            for (offset, word) in words.enumerated() {
                let units = Array(word.utf16)
                _ = skylt_icu_formatter_set_word(formatter, field, Int32(first + offset), units, Int32(units.count))
            }
        }
    }

    deinit { skylt_icu_formatter_close(formatter) }

    func string(_ date: Date) -> String {
        let millis = (date.timeIntervalSince1970 * 1000).rounded(.down)
        return ICUText.read { skylt_icu_format(formatter, millis, $0, $1) } ?? ""
    }
}
