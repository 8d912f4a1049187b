import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// The parts around the event line: digits, the date column, separators, language tags and
/// the shared formatters.
@Suite struct SlideDatePartsTests {
    static let zone = PlanFixtures.stockholm
    static let saturday = ISO8601.parse("2026-12-12T09:05:00+01:00")!
    static let languages = ["sv", "en", "de", "fi", "uk", "ar", "fa", "ti", "so", "se", "fit"]

    static func digits(in text: String) -> Set<Character> { Set(text.filter(\.isNumber)) }

    @Test("Persian writes ۰-۹, every other language (Arabic too) 0-9", arguments: languages)
    func digits(_ language: String) {
        let text = SlideDate.eventTime(
            starts: Self.saturday, ends: Self.saturday.addingTimeInterval(7 * 3600), language: language,
            timeZone: Self.zone)
        let persian = Set("۰۱۲۳۴۵۶۷۸۹")
        let ascii = Set("0123456789")
        let found = Self.digits(in: text)
        #expect(!found.isEmpty)
        #expect(found.isSubset(of: language == "fa" ? persian : ascii), "\(text)")
    }

    @Test("the date and the time are never joined by a dot or a middle dot")
    func separators() {
        for language in Self.languages {
            let text = SlideDate.eventTime(
                starts: Self.saturday, ends: Self.saturday.addingTimeInterval(3600), language: language,
                timeZone: Self.zone)
            let day = SlideDate.day(Self.saturday, language: language, timeZone: Self.zone)
            #expect(text.hasPrefix(day), "\(text)")
            let joint = text.dropFirst(day.count).prefix(while: { !$0.isNumber && $0 != "\u{2066}" })
            #expect(!joint.isEmpty && !joint.contains(".") && !joint.contains("·"), "\(language): '\(joint)'")
        }
    }

    @Test("day and time alone, in the Gregorian calendar whatever the locale's own")
    func dayAndTime() {
        #expect(SlideDate.day(Self.saturday, language: "fa", timeZone: Self.zone) == "شنبه ۱۲ دسامبر")
        #expect(SlideDate.day(Self.saturday, language: "uk", timeZone: Self.zone) == "субота, 12 грудня")
        #expect(SlideDate.time(Self.saturday, language: "sv", timeZone: Self.zone) == "09:05")
        #expect(SlideDate.time(Self.saturday, language: "fi", timeZone: Self.zone) == "9.05")
        #expect(SlideDate.time(Self.saturday, language: "fa", timeZone: Self.zone) == "۹:۰۵")
        let utc = Zone(identifier: "UTC")!
        #expect(SlideDate.time(Self.saturday, language: "sv", timeZone: utc) == "08:05")
    }

    @Test("the date column: short weekday, day number, short month")
    func dateBlock() {
        func block(_ language: String) -> SlideDate.Block {
            SlideDate.dateBlock(Self.saturday, language: language, timeZone: Self.zone)
        }
        #expect(block("sv") == .init(weekday: "lör", day: "12", month: "dec."))
        #expect(block("en") == .init(weekday: "Sat", day: "12", month: "Dec"))
        #expect(block("de") == .init(weekday: "Sa", day: "12", month: "Dez"))
        // ICU's short Finnish month is the bare stem "joulu" (for "joulukuu").
        #expect(block("fi") == .init(weekday: "la", day: "12", month: "joulu"))
        #expect(block("uk") == .init(weekday: "сб", day: "12", month: "груд."))
        // Arabic has no short month in CLDR: the full name.
        #expect(block("ar") == .init(weekday: "سبت", day: "12", month: "ديسمبر"))
        #expect(block("fa") == .init(weekday: "شنبه", day: "۱۲", month: "دسامبر"))
        #expect(block("ti") == .init(weekday: "ቀዳ", day: "12", month: "ታሕ"))
        #expect(block("so") == .init(weekday: "Sbti", day: "12", month: "Dis"))
        #expect(block("se") == .init(weekday: "láv", day: "12", month: "juov"))
        #expect(block("fit") == block("fi"))
    }

    @Test("whole days across two months, one whole day, and a day range in Arabic")
    func dayRanges() {
        func event(_ starts: String, _ ends: String, _ language: String) -> String {
            SlideDate.eventTime(
                starts: ISO8601.parse(starts)!, ends: ISO8601.parse(ends), language: language, timeZone: Self.zone)
        }
        #expect(event("2026-11-30T00:00:00+01:00", "2026-12-03T00:00:00+01:00", "sv") == "30 november – 2 december")
        #expect(event("2026-11-30T00:00:00+01:00", "2026-12-03T00:00:00+01:00", "ar") == "30 نوفمبر – 2 ديسمبر")
        #expect(event("2026-12-12T00:00:00+01:00", "2026-12-13T00:00:00+01:00", "en") == "Saturday 12 December")
        // A night out that ends after 06:00 is two days.
        #expect(
            event("2026-12-12T22:00:00+01:00", "2026-12-13T07:00:00+01:00", "sv")
                == "12 december 22:00 – 13 december 07:00")
    }

    @Test("region tags use their language's style; unknown languages get the British order")
    func languageTags() {
        let sv = SlideDate.day(Self.saturday, language: "sv", timeZone: Self.zone)
        #expect(SlideDate.day(Self.saturday, language: "sv-SE", timeZone: Self.zone) == sv)
        #expect(SlideDate.day(Self.saturday, language: "FA_ir", timeZone: Self.zone) == "شنبه ۱۲ دسامبر")
        #expect(SlideDate.day(Self.saturday, language: "nl", timeZone: Self.zone) == "zaterdag 12 december")
        let hebrew = SlideDate.eventTime(
            starts: Self.saturday, ends: Self.saturday.addingTimeInterval(3600), language: "he", timeZone: Self.zone)
        #expect(hebrew.hasSuffix("\u{2066}09:05–10:05\u{2069}"))
    }

    @Test("formatters are made once per language, zone and pattern, not per slide")
    func formattersAreShared() async {
        let oslo = Zone(identifier: "Europe/Oslo")!
        let first = SlideDate.eventTime(
            starts: Self.saturday, ends: Self.saturday.addingTimeInterval(3600), language: "se", timeZone: oslo)
        let made = SlideDate.formatterCount(in: oslo)
        // The day pattern and the time pattern.
        #expect(made == 2)
        await withTaskGroup(of: String.self) { group in
            for _ in 0..<200 {
                group.addTask {
                    SlideDate.eventTime(
                        starts: Self.saturday, ends: Self.saturday.addingTimeInterval(3600), language: "se",
                        timeZone: oslo)
                }
            }
            for await text in group { #expect(text == first) }
        }
        #expect(SlideDate.formatterCount(in: oslo) == made)
    }
}
