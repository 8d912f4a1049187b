/// How one language writes a date and a time on a slide. The words and the digits come from
/// ICU's data for `locale`; the order and the separators are written out here, because ICU's
/// own patterns put the month first for English and Somali, the month before the weekday for
/// North Sámi, and a locale's own calendar would bring the Persian solar calendar with it.
struct SlideDateStyle: Sendable {
    /// The ICU locale whose month and weekday names and digits are used.
    var locale: String
    /// The weekday field: `EEEE`, or `cccc` where the language wants its standalone form.
    var weekday = "EEEE"
    /// Between the weekday and the day number; never an ASCII letter (it goes into a pattern).
    var afterWeekday = " "
    /// The day number: `d`, or `d.` where the language writes ordinals with a dot.
    var dayNumber = "d"
    /// The month after a day number: `MMMM` (the form that follows a number, such as Finnish
    /// "joulukuuta"), or `LLLL` where that form is wrong without a year (Persian "ژانویهٔ").
    var month = "MMMM"
    /// The clock, always 24-hour.
    var time = "HH:mm"
    /// Between a date and its time: a comma and space or a word, never a dot or "·", which
    /// can be read as a digit (the Persian zero is a dot).
    var beforeTime = ", "
    /// Whether the language is written right to left, so that number ranges need isolating.
    var rightToLeft = false

    /// Weekday, day number and month.
    var dayPattern: String { "\(weekday)\(afterWeekday)\(dayNumber) \(month)" }
    /// Day number and month.
    var datePattern: String { "\(dayNumber) \(month)" }

    /// The style for a language tag ("sv", "sv-SE", "fa_IR"), by its language subtag.
    static func forLanguage(_ language: String) -> SlideDateStyle {
        let code = language.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init)
        guard let code, !code.isEmpty else { return styles["en"]! }
        if let style = styles[code] { return style }
        return SlideDateStyle(locale: code, rightToLeft: ICUText.isRightToLeft(code))
    }

    /// The languages Skylt's playlists are written in.
    static let styles: [String: SlideDateStyle] = [
        // The example: "lördag 12 december 10:00–12:00".
        "sv": SlideDateStyle(locale: "sv", beforeTime: " "),
        // British order, as English is read in Sweden: "Saturday 12 December, 10:00–12:00".
        "en": SlideDateStyle(locale: "en_GB"),
        "de": SlideDateStyle(locale: "de", afterWeekday: ", ", dayNumber: "d."),
        // Finnish writes "klo 10.00" with a dot in the time; the word "klo" keeps the date and
        // the time apart.
        "fi": SlideDateStyle(locale: "fi", weekday: "cccc", dayNumber: "d.", time: "H.mm", beforeTime: " klo "),
        "fit": meankieli,
        "uk": SlideDateStyle(locale: "uk", afterWeekday: ", "),
        // Arabic on signage in Sweden uses the digits 0-9, as the prices and timetables around
        // it do and as CLDR's default for "ar" does; the Arabic-Indic digits are not used.
        "ar": SlideDateStyle(locale: "ar@numbers=latn", afterWeekday: "، ", beforeTime: "، ", rightToLeft: true),
        // Persian digits ۰-۹ and the Gregorian months in Persian: "شنبه ۱۲ دسامبر".
        "fa": SlideDateStyle(
            locale: "fa@numbers=arabext", month: "LLLL", time: "H:mm", beforeTime: "، ", rightToLeft: true),
        // Tigrinya: the Eritrean month names (ታሕሳስ is December) and the Ethiopic comma.
        "ti": SlideDateStyle(locale: "ti", afterWeekday: "፣ ", beforeTime: "፣ "),
        // Somali writes the day before the month; ICU's own pattern ("Sabti, Diseembar 12") does not.
        "so": SlideDateStyle(locale: "so", afterWeekday: ", "),
        // North Sámi writes ordinals with a dot, as the Nordic languages around it do.
        "se": SlideDateStyle(locale: "se", dayNumber: "d."),
    ]

    /// Meänkieli has no locale data in CLDR. Its weekday and month names are spelt as in
    /// Finnish (lauantai, joulukuu, "12. joulukuuta"), so a reader in Tornedalen gets the words
    /// of their own language from Finnish data; Swedish names would be another language. The
    /// clock follows Swedish usage ("10:00"), as the timetables and shop hours around the
    /// reader do, rather than the Finnish "10.00".
    static let meankieli = SlideDateStyle(locale: "fi", weekday: "cccc", dayNumber: "d.")
}
