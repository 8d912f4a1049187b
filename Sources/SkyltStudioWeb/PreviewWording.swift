import SkyltCore

/// The common problems of a slide, recognised from the reader's and the compositor's
/// messages (which are written for `skylt validate` in English), so that the form says them in
/// plain Swedish or English. A message none of them matches keeps its original wording in
/// parentheses after a general sentence.
enum PreviewProblemKind: CaseIterable {
    case required, empty, missingDefaultLanguage, linkTooLong, notALink, missingMedia, notAnImage, badMediaPath
    case badDateTime, badTime, endBeforeStart, contrast, badLanguage, duplicateID, notAChoice, unknownField
    case wrongType, needsImage, noWeekday, noReadings, duplicateReading
    case textTooLong, qrTooDense, tooManyCodes, unreadableImage

    /// The phrase of the original message that gives each kind away, in the order tried.
    static let markers: [(String, PreviewProblemKind)] = [
        ("does not fit", .textTooLong), ("is too long for a QR code", .qrTooDense),
        ("for a code that scans from", .qrTooDense), ("codes do not fit at a scannable size", .tooManyCodes),
        ("is required", .required), ("must not be empty", .empty), ("has no text in any language", .empty),
        ("has no text in the default language", .missingDefaultLanguage),
        ("a QR code link may have at most", .linkTooLong), ("is not an http or https", .notALink),
        ("does not exist", .missingMedia), ("is not a supported image", .notAnImage),
        ("must be a relative path", .badMediaPath), ("leads outside the playlist folder", .badMediaPath),
        ("is not a date and time", .badDateTime), ("is not a time such as", .badTime),
        ("is not after 'validFrom'", .endBeforeStart), ("is before 'starts'", .endBeforeStart),
        ("contrast with", .contrast), ("is not a language code", .badLanguage),
        ("is used by another slide", .duplicateID), ("is not one of", .notAChoice), ("unknown field", .unknownField),
        ("expected ", .wrongType), ("is set but the slide has no 'image'", .needsImage), ("names no day", .noWeekday),
        ("needs at least one reading", .noReadings), ("has two readings", .duplicateReading),
        ("not a readable", .unreadableImage), ("cannot render", .unreadableImage), ("has no size", .unreadableImage),
        ("pixels; the limit is", .unreadableImage), ("bytes; the limit is", .unreadableImage),
        ("not a PNG, JPEG, WebP or SVG", .notAnImage),
    ]

    static func classify(_ message: String) -> PreviewProblemKind? {
        markers.first { message.contains($0.0) }?.1
    }

    /// The plain words, Swedish and English.
    var words: (sv: String, en: String) {
        switch self {
        case .required: ("Fyll i det här fältet.", "Fill in this field.")
        case .empty: ("Fältet får inte vara tomt.", "This field must not be empty.")
        case .missingDefaultLanguage:
            ("Skriv texten på kanalens huvudspråk också.", "Write the text in the channel's main language too.")
        case .linkTooLong:
            (
                "Länken är för lång för en QR-kod. Den får vara högst \(PlaylistReader.maxURLLength) tecken.",
                "The link is too long for a QR code. It may be at most \(PlaylistReader.maxURLLength) characters."
            )
        case .notALink:
            ("Skriv en hel länk som börjar med https://.", "Write a whole link that starts with https://.")
        case .missingMedia: ("Bilden saknas. Ladda upp den igen.", "The image is missing. Upload it again.")
        case .notAnImage:
            (
                "Filen är inte en bild som skärmen kan visa. Använd PNG, JPEG, WebP eller SVG.",
                "The file is not an image the screen can show. Use PNG, JPEG, WebP or SVG."
            )
        case .badMediaPath:
            ("Bilden har ett ogiltigt namn. Ladda upp den igen.", "The image's name is not valid. Upload it again.")
        case .badDateTime: ("Skriv ett datum och en tid.", "Enter a date and a time.")
        case .badTime: ("Skriv en tid som 08:30.", "Enter a time such as 08:30.")
        case .endBeforeStart: ("Slutet måste komma efter början.", "The end must come after the start.")
        case .contrast:
            (
                "Kanalens färger har för låg kontrast, så texten blir svår att läsa. En administratör kan ändra färgerna.",
                "The channel's colours have too little contrast, so text is hard to read. An admin can change the colours."
            )
        case .badLanguage:
            (
                "Språkkoden är okänd. Skriv till exempel sv eller en.",
                "Unknown language code. Use, for example, sv or en."
            )
        case .duplicateID:
            ("En annan sida i kanalen har redan det här namnet.", "Another slide in the channel already has this name.")
        case .notAChoice: ("Välj ett av alternativen.", "Choose one of the options.")
        case .unknownField: ("Det här fältet hör inte till mallen.", "This field does not belong to the template.")
        case .wrongType: ("Värdet har fel form.", "The value has the wrong form.")
        case .needsImage:
            ("Fältet gäller bara när sidan har en bild.", "This field only applies when the slide has an image.")
        case .noWeekday:
            (
                "Välj minst en veckodag, eller ingen för alla dagar.",
                "Choose at least one weekday, or none for every day."
            )
        case .noReadings: ("Lägg till minst en inläsning.", "Add at least one reading.")
        case .duplicateReading:
            ("Det finns redan en inläsning på det språket.", "There is already a reading in that language.")
        case .textTooLong:
            (
                "Texten är för lång för att få plats i läsbar storlek. Korta den.",
                "The text is too long to fit at a readable size. Shorten it."
            )
        case .qrTooDense:
            (
                "Länken är för lång: QR-koden blir för tät för att gå att skanna. Använd en kortare länk.",
                "The link is too long: the QR code gets too dense to scan. Use a shorter link."
            )
        case .tooManyCodes:
            (
                "Koderna får inte plats i en storlek som går att skanna. Ange en sida där besökarna väljer språk.",
                "The codes do not fit at a size that scans. Give a page where visitors choose their language."
            )
        case .unreadableImage:
            ("Bilden går inte att läsa. Ladda upp en annan fil.", "The image cannot be read. Upload another file.")
        }
    }
}

/// Sentences of previews in the page's language.
struct PreviewWording {
    let language: WebLanguage

    func t(_ swedish: String, _ english: String) -> String { language == .sv ? swedish : english }

    /// The plain words for a reader's or compositor's message; the original in parentheses
    /// when it is none of the common kinds.
    func plain(_ message: String) -> String {
        if let kind = PreviewProblemKind.classify(message) {
            let words = kind.words
            return language == .sv ? words.sv : words.en
        }
        return t("Något stämmer inte här", "Something is wrong here") + " (\(message))."
    }

    /// The words for a text that does not fit at one screen size only.
    func atSize(_ message: String, _ size: ScreenSize) -> String {
        message + " " + t("(Skärm \(sizeText(size)).)", "(Screen \(sizeText(size)).)")
    }

    /// How long the text takes to read against how long the slide shows, and what to do.
    func readingTime(needed: Int, duration: Double, cut: Int, unit: String, add: Int) -> String {
        let shown = duration == duration.rounded() ? String(Int(duration)) : String(duration)
        let units = unit == "words" ? t("ord", "words") : t("tecken", "characters")
        return t(
            "Texten tar ungefär \(needed) sekunder att läsa, men sidan visas i \(shown) sekunder. Korta med ungefär \(cut) \(units) eller visa sidan \(add) sekunder längre.",
            "The text takes about \(needed) seconds to read, but the slide shows for \(shown) seconds. Cut about \(cut) \(units) or show the slide \(add) seconds longer."
        )
    }

    var cannotRender: String {
        t("Förhandsvisningen kunde inte göras. Försök igen.", "The preview could not be made. Try again.")
    }

    func sizeText(_ size: ScreenSize) -> String { "\(size.width)×\(size.height)" }

    /// "1920×1080, svenska" / "1920×1080, Swedish".
    func caption(_ size: ScreenSize, _ code: String) -> String { "\(sizeText(size)), \(languageName(code))" }

    func alt(_ size: ScreenSize, _ code: String, scaledTo scaled: ScreenSize?) -> String {
        let shown = t(
            "Förhandsvisning av sidan på en skärm \(sizeText(size)), \(languageName(code))",
            "Preview of the slide on a \(sizeText(size)) screen, \(languageName(code))")
        guard let scaled else { return shown + "." }
        return shown + t(", förminskad till \(sizeText(scaled)).", ", scaled down to \(sizeText(scaled)).")
    }

    /// A language's name in the page's language; its own name, or its code, when not listed.
    func languageName(_ code: String) -> String {
        let base = code.split(separator: "-").first.map(String.init) ?? code
        if let names = Self.names[base] { return language == .sv ? names.0 : names.1 }
        return LanguageCode.nativeName(code) ?? code
    }

    static let names: [String: (String, String)] = [
        "sv": ("svenska", "Swedish"), "en": ("engelska", "English"), "de": ("tyska", "German"),
        "fi": ("finska", "Finnish"), "uk": ("ukrainska", "Ukrainian"), "ar": ("arabiska", "Arabic"),
        "fa": ("persiska", "Persian"), "ti": ("tigrinja", "Tigrinya"), "so": ("somaliska", "Somali"),
        "se": ("nordsamiska", "North Sámi"), "fit": ("meänkieli", "Meänkieli"), "pl": ("polska", "Polish"),
        "es": ("spanska", "Spanish"), "fr": ("franska", "French"), "ru": ("ryska", "Russian"),
        "no": ("norska", "Norwegian"), "da": ("danska", "Danish"), "am": ("amhariska", "Amharic"),
        "ku": ("kurdiska", "Kurdish"), "tr": ("turkiska", "Turkish"), "yi": ("jiddisch", "Yiddish"),
        "rom": ("romani", "Romani"),
    ]
}
