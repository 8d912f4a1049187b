/// What a text field may hold: how many characters, and whether it may break lines.
///
/// The caps come from what a screen can show. At the legible minimum (SLIDES.md's type
/// scale) a 43" 1080p screen read from 2.5 m holds about 2,200 characters of body alone, and
/// a title beyond some 120 characters is no longer read as one; the caps leave room for
/// larger screens and for languages that run longer, and refuse what no screen can show
/// before any layout is tried, so that text fitting has a known worst case.
/// Playlists/README.md has the table.
public struct TextLimit: Sendable, Equatable {
    /// How a message names the field's role: "a title".
    public var role: String
    /// The most characters (as people count them: grapheme clusters); nil when the field is
    /// capped elsewhere (links and network names are capped in bytes).
    public var maxCharacters: Int?
    /// Whether the field may hold line breaks and tabs.
    public var lineBreaks: Bool

    /// Most code points a character may take on average: a character is a grapheme cluster,
    /// and one base letter with half a million combining marks is one cluster that Pango must
    /// still shape whole. Emoji sequences and stacked diacritics stay well under eight.
    public static let maxScalarsPerCharacter = 8

    public init(role: String, maxCharacters: Int?, lineBreaks: Bool) {
        self.role = role
        self.maxCharacters = maxCharacters
        self.lineBreaks = lineBreaks
    }

    /// Titles and an offer's headline: large type, balanced over a few lines.
    public static let title = TextLimit(role: "a title", maxCharacters: 500, lineBreaks: false)
    /// Bodies, an offer's text and an event's description.
    public static let body = TextLimit(role: "a body", maxCharacters: 5_000, lineBreaks: true)
    /// A poster's caption, at body size in a band under the image.
    public static let caption = TextLimit(role: "a caption", maxCharacters: 500, lineBreaks: true)
    /// One line of detail: place, price, issuer, organiser, author, the playlist's name.
    public static let line = TextLimit(role: "a line of detail", maxCharacters: 200, lineBreaks: false)
    /// The label under a QR code, or a reading's language name.
    public static let label = TextLimit(role: "a label", maxCharacters: 100, lineBreaks: false)
    /// A playlist's own wording for a built-in text.
    public static let builtIn = TextLimit(role: "a built-in text", maxCharacters: 300, lineBreaks: false)
    /// A Wi-Fi password: WPA takes 8 to 63 characters, or 64 hex digits.
    public static let password = TextLimit(role: "a Wi-Fi password", maxCharacters: 64, lineBreaks: false)
    /// A story's text on its visitor page (capped where it is read, in characters).
    public static let storyText = TextLimit(role: "a story's text", maxCharacters: nil, lineBreaks: true)
    /// A value on one line whose length is checked where it is read: links, network names,
    /// dates, colours, codes.
    public static let singleLine = TextLimit(role: "a value", maxCharacters: nil, lineBreaks: false)
    /// Any other string: no cap of its own, tabs and line breaks allowed, other control
    /// characters refused.
    public static let plain = TextLimit(role: "a value", maxCharacters: nil, lineBreaks: true)

    /// The problem with `text` in a field of this kind, or nil when it is fine. Counting is
    /// skipped when the UTF-8 length already proves the text short enough.
    func problem(_ text: String) -> (message: String, code: ProblemCode)? {
        if let maxCharacters, text.utf8.count > maxCharacters {
            let scalars = text.unicodeScalars.count
            if scalars > maxCharacters * Self.maxScalarsPerCharacter {
                return (
                    "holds \(scalars) code points; \(role) may have at most \(maxCharacters) characters of at most \(Self.maxScalarsPerCharacter) code points each on average",
                    .textTooLong
                )
            }
            let count = text.count
            if count > maxCharacters {
                return (
                    "is \(count) characters; \(role) may have at most \(maxCharacters): it does not fit a screen at a legible size",
                    .textTooLong
                )
            }
        }
        if let scalar = ControlCharacters.firstRefused(in: text, lineBreaks: lineBreaks) {
            let kind =
                [0x09, 0x0A, 0x0D, 0x2028, 0x2029].contains(scalar.value)
                ? "a line break or tab" : "a control character"
            return (
                "contains \(kind) (\(ControlCharacters.name(scalar))), which this field may not hold", .controlCharacter
            )
        }
        return nil
    }
}

extension ProblemCode {
    /// A text is longer than its role's cap.
    public static let textTooLong = ProblemCode(rawValue: "textTooLong")
    /// A text holds a control character, or a line break where its field takes one line.
    public static let controlCharacter = ProblemCode(rawValue: "controlCharacter")
    /// A playlist has more slides than `PlaylistReader.maxSlidesPerPlaylist`.
    public static let tooManySlides = ProblemCode(rawValue: "tooManySlides")
    /// A slide or a text has more languages than `PlaylistReader.maxLanguagesPerSlide`.
    public static let tooManyLanguages = ProblemCode(rawValue: "tooManyLanguages")
    /// A schedule, or a playlist in all, has more daily windows than its cap.
    public static let tooManyWindows = ProblemCode(rawValue: "tooManyWindows")
    /// A manifest lists more assets than its cap.
    public static let tooManyAssets = ProblemCode(rawValue: "tooManyAssets")
}
