import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// The event's date block: weekday, day and month, time, in each language's own words and
/// digits, in the Gregorian calendar.
@Suite struct SlideDateEventTests {
    static let zone = PlanFixtures.stockholm

    func parts(_ starts: String, _ ends: String?, _ language: String) -> SlideDate.EventParts {
        SlideDate.eventParts(
            starts: ISO8601.parse(starts)!, ends: ends.flatMap(ISO8601.parse), language: language, timeZone: Self.zone)
    }

    @Test("an event on one day: the weekday, the day and month, the time range")
    func oneDay() {
        let start = "2026-12-12T10:00:00+01:00"
        let end = "2026-12-12T12:00:00+01:00"
        #expect(parts(start, end, "sv") == .init(weekday: "lördag", date: "12 december", time: "10:00–12:00"))
        #expect(parts(start, end, "en") == .init(weekday: "Saturday", date: "12 December", time: "10:00–12:00"))
        #expect(parts(start, end, "fi") == .init(weekday: "lauantai", date: "12. joulukuuta", time: "10.00–12.00"))
        #expect(
            parts(start, end, "fa")
                == .init(weekday: "شنبه", date: "۱۲ دسامبر", time: "\u{2066}۱۰:۰۰–۱۲:۰۰\u{2069}"))
    }

    @Test("each part agrees with the one-line event time")
    func agreesWithLine() {
        for language in ["sv", "en", "de", "fi", "uk", "ar", "fa", "ti", "so"] {
            let starts = ISO8601.parse("2026-12-12T10:00:00+01:00")!
            let ends = ISO8601.parse("2026-12-12T12:00:00+01:00")!
            let line = SlideDate.eventTime(starts: starts, ends: ends, language: language, timeZone: Self.zone)
            let block = SlideDate.eventParts(starts: starts, ends: ends, language: language, timeZone: Self.zone)
            for part in [block.weekday, block.date, block.time].compactMap(\.self) {
                #expect(line.contains(part), "\(language): '\(part)' not in '\(line)'")
            }
        }
    }

    @Test("a start alone gives its time; whole days give none; several days give no weekday")
    func otherSpans() {
        #expect(
            parts("2026-12-12T10:00:00+01:00", nil, "sv")
                == .init(weekday: "lördag", date: "12 december", time: "10:00"))
        #expect(
            parts("2026-12-12T00:00:00+01:00", "2026-12-13T00:00:00+01:00", "sv")
                == .init(weekday: "lördag", date: "12 december", time: nil))
        #expect(
            parts("2026-12-12T00:00:00+01:00", "2026-12-15T00:00:00+01:00", "sv")
                == .init(weekday: nil, date: "12–14 december", time: nil))
        #expect(
            parts("2026-12-12T18:00:00+01:00", "2026-12-14T12:00:00+01:00", "sv")
                == .init(weekday: nil, date: "12–14 december", time: "12 december 18:00 – 14 december 12:00"))
    }
}
