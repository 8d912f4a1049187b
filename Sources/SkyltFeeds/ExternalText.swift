public import FoundationEssentials
public import SkyltCore

/// Text from outside (a calendar's summary, a sensor's name) made fit for a playlist field:
/// a hostile or careless publisher must never make a channel unpublishable, so the text is
/// cleaned and shortened here rather than refused by the kiosk's reader.
public enum ExternalText {
    /// `text` without the characters `limit` refuses (each becomes a space), with runs of
    /// spaces collapsed, trimmed, and shortened to the limit with an ellipsis; nil when
    /// nothing is left.
    public static func cleaned(_ text: String, limit: TextLimit) -> String? {
        var scalars = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in text.unicodeScalars {
            let refused = ControlCharacters.isRefused(scalar, lineBreaks: limit.lineBreaks)
            let isNewline = scalar == "\n"
            let isSpace = refused || (scalar.properties.isWhitespace && !isNewline)
            if isSpace {
                if !lastWasSpace { scalars.append(" ") }
                lastWasSpace = true
            } else {
                scalars.append(isNewline || scalar == "\r" ? "\n" : scalar)
                lastWasSpace = isNewline
            }
        }
        let trimmed = String(scalars).trimmed
        guard !trimmed.isEmpty else { return nil }
        guard let maxCharacters = limit.maxCharacters else { return trimmed }
        return shortened(trimmed, to: maxCharacters)
    }

    /// At most `maxCharacters` characters of at most `TextLimit.maxScalarsPerCharacter` code
    /// points each, ending in "…" when cut.
    static func shortened(_ text: String, to maxCharacters: Int) -> String {
        let fits = text.count <= maxCharacters
        var kept = String.UnicodeScalarView()
        var count = 0
        for character in text {
            if !fits && count == maxCharacters - 1 { break }
            if character.unicodeScalars.count > TextLimit.maxScalarsPerCharacter {
                kept.append(character.unicodeScalars.first!)
            } else {
                kept.append(contentsOf: character.unicodeScalars)
            }
            count += 1
        }
        return fits ? String(kept) : String(kept).trimmed + "…"
    }

    /// A short, stable name for an item's identity (a UID, a topic), usable in slide ids:
    /// FNV-1a, since Swift's own hashing changes from run to run.
    public static func stableHash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// `date` in ISO 8601 with the offset `zone` has at that moment, as slides carry times.
    public static func timestamp(_ date: Date, in zone: Zone) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: zone.fixedTimeZone(at: date)))
    }
}
