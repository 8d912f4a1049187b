/// The one escaping of text for HTML, used by the status page and the studio's HTML builder:
/// `& < > " '` become entities (so that a value is safe in text and in a quoted attribute),
/// and NUL, which browsers replace anyway, becomes U+FFFD.
public enum HTMLEscape {
    public static func text(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{0}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
