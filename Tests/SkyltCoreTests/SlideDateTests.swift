import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// Event dates as slides show them, language by language. Every expected string is written
/// out; where ICU's data gives something a reader might find odd, the comment says so.
@Suite struct SlideDateTests {
    /// What one language shows for the five events below.
    struct Expected: CustomTestStringConvertible, Sendable {
        var language: String
        /// Saturday 12 December 2026, 10:00 to 12:00.
        var range: String
        /// The same start, no end.
        var noEnd: String
        /// 12 December 10:00 to 14 December 16:00.
        var days: String
        /// Whole days, 12 to 14 December (midnight to midnight).
        var wholeDays: String
        /// Saturday 24 October 22:00 (summer time) to 02:00 after the clocks went back.
        var overnightDST: String

        var testDescription: String { language }
    }

    static let lri = "\u{2066}"
    static let pdi = "\u{2069}"

    static let expected: [Expected] = [
        Expected(
            language: "sv", range: "lördag 12 december 10:00–12:00", noEnd: "lördag 12 december 10:00",
            days: "12 december 10:00 – 14 december 16:00", wholeDays: "12–14 december",
            overnightDST: "lördag 24 oktober 22:00–02:00"),
        Expected(
            language: "en", range: "Saturday 12 December, 10:00–12:00", noEnd: "Saturday 12 December, 10:00",
            days: "12 December, 10:00 – 14 December, 16:00", wholeDays: "12–14 December",
            overnightDST: "Saturday 24 October, 22:00–02:00"),
        Expected(
            language: "de", range: "Samstag, 12. Dezember, 10:00–12:00", noEnd: "Samstag, 12. Dezember, 10:00",
            days: "12. Dezember, 10:00 – 14. Dezember, 16:00", wholeDays: "12.–14. Dezember",
            overnightDST: "Samstag, 24. Oktober, 22:00–02:00"),
        // Finnish: "klo" and the dotted clock, as Finnish writes it.
        Expected(
            language: "fi", range: "lauantai 12. joulukuuta klo 10.00–12.00",
            noEnd: "lauantai 12. joulukuuta klo 10.00",
            days: "12. joulukuuta klo 10.00 – 14. joulukuuta klo 16.00", wholeDays: "12.–14. joulukuuta",
            overnightDST: "lauantai 24. lokakuuta klo 22.00–2.00"),
        Expected(
            language: "uk", range: "субота, 12 грудня, 10:00–12:00", noEnd: "субота, 12 грудня, 10:00",
            days: "12 грудня, 10:00 – 14 грудня, 16:00", wholeDays: "12–14 грудня",
            overnightDST: "субота, 24 жовтня, 22:00–02:00"),
        // Arabic: digits 0-9; the number ranges in left-to-right isolates.
        Expected(
            language: "ar", range: "السبت، 12 ديسمبر، \(lri)10:00–12:00\(pdi)", noEnd: "السبت، 12 ديسمبر، 10:00",
            days: "12 ديسمبر، 10:00 – 14 ديسمبر، 16:00", wholeDays: "\(lri)12–14\(pdi) ديسمبر",
            overnightDST: "السبت، 24 أكتوبر، \(lri)22:00–02:00\(pdi)"),
        // Persian: the "شنبه ۱۲ دسامبر", Persian digits, CLDR's clock without a leading zero.
        Expected(
            language: "fa", range: "شنبه ۱۲ دسامبر، \(lri)۱۰:۰۰–۱۲:۰۰\(pdi)", noEnd: "شنبه ۱۲ دسامبر، ۱۰:۰۰",
            days: "۱۲ دسامبر، ۱۰:۰۰ – ۱۴ دسامبر، ۱۶:۰۰", wholeDays: "\(lri)۱۲–۱۴\(pdi) دسامبر",
            overnightDST: "شنبه ۲۴ اکتبر، \(lri)۲۲:۰۰–۲:۰۰\(pdi)"),
        // Tigrinya: Eritrean month names (ታሕሳስ December, ጥቅምቲ October), Ethiopic comma.
        Expected(
            language: "ti", range: "ቀዳም፣ 12 ታሕሳስ፣ 10:00–12:00", noEnd: "ቀዳም፣ 12 ታሕሳስ፣ 10:00",
            days: "12 ታሕሳስ፣ 10:00 – 14 ታሕሳስ፣ 16:00", wholeDays: "12–14 ታሕሳስ",
            overnightDST: "ቀዳም፣ 24 ጥቅምቲ፣ 22:00–02:00"),
        // Somali: ICU's own pattern is month first ("Sabti, Diseembar 12"); the day goes first here.
        Expected(
            language: "so", range: "Sabti, 12 Diseembar, 10:00–12:00", noEnd: "Sabti, 12 Diseembar, 10:00",
            days: "12 Diseembar, 10:00 – 14 Diseembar, 16:00", wholeDays: "12–14 Diseembar",
            overnightDST: "Sabti, 24 Oktoobar, 22:00–02:00"),
        // North Sámi: ICU's pattern is "juovlamánnu 12, lávvardat" and it has only the
        // nominative month; a careful text would write the genitive ("juovlamánu 12. beaivi").
        Expected(
            language: "se", range: "lávvardat 12. juovlamánnu, 10:00–12:00",
            noEnd: "lávvardat 12. juovlamánnu, 10:00",
            days: "12. juovlamánnu, 10:00 – 14. juovlamánnu, 16:00", wholeDays: "12.–14. juovlamánnu",
            overnightDST: "lávvardat 24. golggotmánnu, 22:00–02:00"),
        // Meänkieli: no CLDR data; Finnish names (which Meänkieli shares) with the Swedish clock.
        Expected(
            language: "fit", range: "lauantai 12. joulukuuta, 10:00–12:00",
            noEnd: "lauantai 12. joulukuuta, 10:00",
            days: "12. joulukuuta, 10:00 – 14. joulukuuta, 16:00", wholeDays: "12.–14. joulukuuta",
            overnightDST: "lauantai 24. lokakuuta, 22:00–02:00"),
    ]

    static let zone = PlanFixtures.stockholm
    static func at(_ text: String) -> Date { ISO8601.parse(text)! }
    static func event(_ starts: String, _ ends: String?, _ language: String) -> String {
        SlideDate.eventTime(starts: at(starts), ends: ends.map(at), language: language, timeZone: zone)
    }

    @Test("a single-day event with a time range", arguments: expected)
    func singleDay(_ want: Expected) {
        #expect(Self.event("2026-12-12T10:00:00+01:00", "2026-12-12T12:00:00+01:00", want.language) == want.range)
    }

    @Test("an event without an end shows its start", arguments: expected)
    func withoutEnd(_ want: Expected) {
        #expect(Self.event("2026-12-12T10:00:00+01:00", nil, want.language) == want.noEnd)
    }

    @Test("an event over several days shows both ends with their times", arguments: expected)
    func severalDays(_ want: Expected) {
        #expect(Self.event("2026-12-12T10:00:00+01:00", "2026-12-14T16:00:00+01:00", want.language) == want.days)
    }

    @Test("whole days read as a day range, the last day being the one before the closing midnight", arguments: expected)
    func wholeDays(_ want: Expected) {
        #expect(Self.event("2026-12-12T00:00:00+01:00", "2026-12-15T00:00:00+01:00", want.language) == want.wholeDays)
    }

    @Test("a night across the change to winter time reads in Stockholm's clock on both sides", arguments: expected)
    func acrossDSTChange(_ want: Expected) {
        // 20:00 and 01:00 UTC: five hours, but 22:00 to 02:00 on the wall.
        #expect(
            Self.event("2026-10-24T22:00:00+02:00", "2026-10-25T02:00:00+01:00", want.language) == want.overnightDST)
    }
}
