/// Characters that have no place in a slide's text, and the one way Skylt writes text that
/// came from outside to a terminal or a log.
///
/// A NUL ends the string a C library (libqrencode, a terminal) sees, so a Wi-Fi password or a
/// link with one would be cut silently; an escape sequence lets a playlist write over a
/// technician's terminal; and the bidi embeddings and overrides make text read in another
/// order than it is stored. The bidi marks (U+200E, U+200F, U+061C) and isolates
/// (U+2066 to U+2069) stay allowed: right-to-left text mixed with numbers and Latin names
/// needs them.
public enum ControlCharacters {
    /// Whether a text field must refuse `scalar`. `lineBreaks`: the field may hold line feeds,
    /// carriage returns (a browser's form sends CR LF), paragraph separators and tabs.
    public static func isRefused(_ scalar: Unicode.Scalar, lineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x2028, 0x2029: !lineBreaks
        case 0x00...0x1F, 0x7F...0x9F: true
        // Embeddings and overrides (LRE, RLE, PDF, LRO, RLO).
        case 0x202A...0x202E: true
        default: false
        }
    }

    /// The first character of `text` that a field must refuse, if any.
    public static func firstRefused(in text: String, lineBreaks: Bool) -> Unicode.Scalar? {
        text.unicodeScalars.first { isRefused($0, lineBreaks: lineBreaks) }
    }

    /// How a refused character is named in a message: `U+001B`.
    public static func name(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Whether a terminal or a log must not receive `scalar` as it is: C0 and C1 controls, DEL,
    /// the bidi embeddings and overrides, and the isolates (harmless on a page, confusing in
    /// a line of a log).
    static func needsEscape(_ scalar: Unicode.Scalar, keepingLineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A: !keepingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: true
        default: false
        }
    }

    /// `text` as a terminal or a log may show it: every control character written as
    /// `\u{1B}`, so that text from a playlist can neither move the cursor nor fake a line.
    /// `keepingLineBreaks` keeps line feeds and tabs, for output that is made of lines.
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        let scalars = text.unicodeScalars
        guard scalars.contains(where: { needsEscape($0, keepingLineBreaks: keepingLineBreaks) }) else {
            return text
        }
        var result = String.UnicodeScalarView()
        for scalar in scalars {
            guard needsEscape(scalar, keepingLineBreaks: keepingLineBreaks) else {
                result.append(scalar)
                continue
            }
            result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
        }
        return String(result)
    }
}
