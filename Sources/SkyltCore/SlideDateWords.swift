/// Month and weekday words that differ between ICU releases, written out so that a slide reads
/// the same on every kiosk. Debian 12's libicu (ICU 72, CLDR 42) still has, for instance, the
/// Somali months as ordinals ("Bisha Laba iyo Tobnaad" for December) where Somali signage and
/// newer CLDR write "Diseembar", and the long Arabic weekdays where a date column wants the
/// short ones; these are the words of CLDR 46, which the slides' wording was checked against.
enum SlideDateWords {
    /// By ICU locale, then by field ("MMMM", "LLL", "ccc"): twelve months from January, or
    /// seven weekdays from Sunday.
    static let byLocale: [String: [String: [String]]] = [
        "en_GB": ["LLL": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]],
        "uk": [
            "LLL": [
                "січ.", "лют.", "бер.", "квіт.", "трав.", "черв.", "лип.", "серп.", "вер.", "жовт.", "лист.", "груд.",
            ]
        ],
        "ar@numbers=latn": ["ccc": ["أحد", "اثنين", "ثلاثاء", "أربعاء", "خميس", "جمعة", "سبت"]],
        "ti": ["MMMM": tigrinyaMonths, "LLLL": tigrinyaMonths],
        "so": [
            "MMMM": [
                "Janaayo", "Febraayo", "Maarso", "Abriil", "Maayo", "Juun", "Luulyo", "Agosto", "Sebtembar", "Oktoobar",
                "Noofeembar", "Diseembar",
            ],
            "LLLL": [
                "Jannaayo", "Febraayo", "Maarso", "Abriil", "Maayo", "Juun", "Luulyo", "Ogosto", "Sebteembar",
                "Oktoobar", "Noofeembar", "Diseembar",
            ],
        ],
    ]

    /// The Eritrean months; ICU 72 spells May "ግንቦት", the Ethiopian (Amharic) form.
    static let tigrinyaMonths = [
        "ጥሪ", "ለካቲት", "መጋቢት", "ሚያዝያ", "ጉንበት", "ሰነ", "ሓምለ", "ነሓሰ", "መስከረም", "ጥቅምቲ", "ሕዳር", "ታሕሳስ",
    ]
}
