public import SkyltCore

/// How long a slide's text takes to read for someone passing the screen, by script. The rates
/// are a little below the silent reading rates measured for continuous text (see
/// Playlists/README.md), since a sign is read from a distance, between other things.
public enum ReadingTime {
    /// A reading rate: how many words (or, for scripts written without spaces, characters) a
    /// passer-by reads in a second.
    public struct Rate: Sendable, Equatable {
        public var perSecond: Double
        public var unit: String
        /// Whether the text is counted in characters rather than words.
        public var countsCharacters: Bool
    }

    static let alphabetic = Rate(perSecond: 3, unit: "words", countsCharacters: false)
    static let abjad = Rate(perSecond: 2, unit: "words", countsCharacters: false)
    static let syllabic = Rate(perSecond: 2, unit: "words", countsCharacters: false)
    static let brahmic = Rate(perSecond: 2.5, unit: "words", countsCharacters: false)
    static let hanzi = Rate(perSecond: 4, unit: "characters", countsCharacters: true)
    static let unspaced = Rate(perSecond: 8, unit: "characters", countsCharacters: true)

    /// The rate for a text, from the script most of its letters are in.
    public static func rate(for text: String) -> Rate {
        var counts: [Rate: Int] = [:]
        for scalar in text.unicodeScalars where scalar.properties.isAlphabetic {
            counts[rate(for: scalar.value), default: 0] += 1
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key.perSecond < $1.key.perSecond) }?
            .key ?? alphabetic
    }

    private static func rate(for value: UInt32) -> Rate {
        switch value {
        case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF: abjad  // Hebrew, Arabic, Syriac, Thaana
        case 0x1200...0x139F, 0x2D80...0x2DDF, 0xAB00...0xAB2F: syllabic  // Ethiopic
        case 0x0900...0x0DFF, 0x1100...0x11FF, 0xAC00...0xD7AF: brahmic  // Indic scripts, Hangul
        case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF: unspaced  // Thai, Lao, Myanmar, Khmer
        case 0x3040...0x30FF, 0x3400...0x9FFF, 0xF900...0xFAFF: hanzi  // Kana, CJK ideographs
        default: alphabetic
        }
    }

    /// How many units (words or characters) of `text` a reader takes in at `rate`.
    public static func units(in text: String, rate: Rate) -> Int {
        if rate.countsCharacters { return text.filter { $0.isLetter || $0.isNumber }.count }
        return text.split { $0.isWhitespace }.filter { $0.contains { $0.isLetter || $0.isNumber } }.count
    }

    /// Seconds to read the texts of a layout: everything but the names of languages, which a
    /// visitor only scans for their own.
    public static func seconds(_ texts: [FittedText]) -> [(field: String, seconds: Double, units: Int, rate: Rate)] {
        texts.filter { $0.role != .languages }.map { text in
            let rate = rate(for: text.text)
            let units = units(in: text.text, rate: rate)
            return (text.field, Double(units) / rate.perSecond, units, rate)
        }
    }

    /// A warning when reading takes longer than the slide stays on screen: how long it takes,
    /// and how many units of its longest field to cut or seconds to add. Nil when it is read in time.
    public static func warning(for layout: Layout, duration: Double, file: String, slide: String, note: String)
        -> Problem?
    {
        let parts = seconds(layout.texts)
        let needed = parts.reduce(0) { $0 + $1.seconds }
        guard needed > duration, let longest = parts.max(by: { $0.seconds < $1.seconds }) else { return nil }
        let rate = longest.rate
        let total = parts.reduce(0) { $0 + $1.units }
        let cut = Int(((needed - duration) * rate.perSecond).rounded(.up))
        let add = Int((needed - duration).rounded(.up))
        return Problem(
            file: file, slide: slide, field: longest.field,
            message:
                "takes about \(Int(needed.rounded(.up))) s to read (\(total) \(rate.unit) at \(formatted(rate.perSecond)) \(rate.unit)/s\(note)) but the slide shows for \(formatted(duration)) s: cut about \(cut) \(rate.unit) or add \(add) s"
        )
    }

    private static func formatted(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension ReadingTime.Rate: Hashable {}
