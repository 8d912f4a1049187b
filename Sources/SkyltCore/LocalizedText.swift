import FoundationEssentials

/// A text with translations, keyed by language code ("sv", "en", "ar").
public struct LocalizedText: Sendable, Equatable {
    public var translations: [String: String]

    public init(_ translations: [String: String]) { self.translations = translations }

    /// The text in `language`, or in `fallback` when there is no translation.
    public func text(in language: String, fallback: String) -> String {
        translations[language] ?? translations[fallback] ?? translations.sorted { $0.key < $1.key }.first?.value ?? ""
    }

    public var languages: Set<String> { Set(translations.keys) }
}

/// Language codes and the names languages give themselves, which is how a visitor looks for theirs.
public enum LanguageCode {
    /// BCP 47 primary language subtags, optionally with a region: "sv", "en", "pt-BR".
    public static func isValid(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLowercase })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }

    /// The language's own name ("Deutsch", "العربية"); nil when we do not know it.
    public static func nativeName(_ code: String) -> String? {
        let base = code.split(separator: "-").first.map(String.init) ?? code
        return nativeNames[base]
    }

    static let nativeNames: [String: String] = [
        "sv": "Svenska", "en": "English", "de": "Deutsch", "ar": "العربية", "uk": "Українська",
        "ti": "ትግርኛ", "fa": "فارسی", "fi": "Suomi", "no": "Norsk", "nb": "Norsk bokmål", "nn": "Nynorsk",
        "da": "Dansk", "pl": "Polski", "so": "Soomaali", "es": "Español", "fr": "Français", "ru": "Русский",
        "se": "Davvisámegiella", "sma": "Åarjelsaemien", "smj": "Julevsámegiella", "fit": "Meänkieli",
        "rom": "Romani", "yi": "ייִדיש", "am": "አማርኛ", "ku": "Kurdî", "tr": "Türkçe", "nl": "Nederlands",
        "it": "Italiano", "pt": "Português", "et": "Eesti", "lv": "Latviešu", "lt": "Lietuvių",
    ]
}
