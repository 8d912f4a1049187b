import FoundationEssentials
import SkyltCore

/// Numbers on data slides as each language writes them: the decimal comma where the language
/// uses one ("18,4" in Swedish), Persian digits and the Persian decimal separator in Persian
/// (as its dates on slides have them), and a real minus sign ("−3°"), which reads as a minus
/// from across a room where a hyphen reads as a dash.
enum LiveNumbers {
    /// The languages (by base subtag) that write a decimal comma.
    static let commaLanguages: Set<String> = ["sv", "de", "fi", "uk", "se", "fit"]

    /// `value` with `decimals` digits after the separator, in `language`'s digits.
    static func decimal(_ value: Double, decimals: Int, language: String) -> String {
        var text = NumberText.fixed(value, decimals: decimals)
        // "-0,0" would read as a temperature below zero.
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        let base = language.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        var out = ""
        for character in text {
            switch character {
            case "-": out += "\u{2212}"
            case ".": out += base == "fa" ? "\u{066B}" : commaLanguages.contains(base) ? "," : "."
            default:
                if base == "fa", let digit = character.wholeNumberValue {
                    out.unicodeScalars.append(Unicode.Scalar(0x06F0 + UInt32(digit))!)
                } else {
                    out.append(character)
                }
            }
        }
        return out
    }

    /// A temperature in whole degrees: "−3°", "12°".
    static func temperature(_ celsius: Double, language: String) -> String {
        decimal(celsius, decimals: 0, language: language) + "°"
    }

    /// A value and its unit, kept on one line: "18,4 °C".
    static func withUnit(_ value: Double, decimals: Int, unit: String, language: String) -> String {
        let number = decimal(value, decimals: decimals, language: language)
        guard !unit.isEmpty else { return number }
        // In a right-to-left line, a unit of Latin letters and marks ("°C") is kept in its
        // own order by a left-to-right isolate; without it the degree sign moves to its end.
        let rightToLeft = LanguageCode.direction(language) == .rtl
        return number + "\u{00A0}" + (rightToLeft ? "\u{2066}" + unit + "\u{2069}" : unit)
    }
}
