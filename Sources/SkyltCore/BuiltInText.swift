import FoundationEssentials

/// The few words the player writes itself, around what editors write: labels, calls to
/// action, the Wi-Fi slide's lines. Their translations live in one catalogue
/// (`BuiltInCatalogue.swift`) so that a translator edits one file; a playlist may override any
/// of them (`strings` in playlist.json).
///
/// The raw values are the keys editors write in a playlist's `strings`.
public enum BuiltInText: String, Sendable, CaseIterable {
    case urgent, wifiTitle, wifiNetwork, wifiPassword, wifiOpen, wifiScan, chooseLanguage
    case noContentTitle, noContentBody, addresses, version, readBy
    case listen, listenInYourLanguage, when, `where`, freeEntry, organiser, moreInformation
    case departureNow, departureInMinutes, departureCancelled, departurePlatform, agendaToday, agendaTomorrow,
        agendaAllDay
    case alertExercise, alertTest, alertInstruction, alertFrom, alertSource, alertUntil, trendRising, trendFalling,
        trendSteady, figureMeasured, weatherWind, weatherPrecipitation

    /// Every language the catalogue must translate each key into: the languages Swedish
    /// village shops most often serve.
    public static let requiredLanguages = ["sv", "en", "de", "fi", "uk", "ar", "fa", "ti", "so"]

    /// Swedish national minority languages: translated where a good translation is known,
    /// shown in Swedish otherwise (which their readers read) rather than in a poor translation.
    public static let minorityLanguages = ["se", "fit"]

    /// The order of languages in each catalogue block, so a translator finds them.
    public static let catalogueOrder = requiredLanguages + minorityLanguages

    /// The text in `language`. A playlist's override wins over the catalogue in each language
    /// tried: the language itself, its base language ("ar" for "ar-EG"), Swedish for the
    /// minority languages, and English last, which every key has.
    public func text(in language: String, overrides: [BuiltInText: LocalizedText] = [:]) -> String {
        lookup(language, overrides: overrides)?.text ?? rawValue
    }

    /// The language of the text `text(in:overrides:)` gives: `language`, or the one it fell
    /// back to.
    public func language(in language: String, overrides: [BuiltInText: LocalizedText] = [:]) -> String {
        lookup(language, overrides: overrides)?.language ?? "en"
    }

    private func lookup(_ language: String, overrides: [BuiltInText: LocalizedText]) -> (
        text: String, language: String
    )? {
        let catalogue = Self.catalogue[self] ?? [:]
        for candidate in Self.fallbackChain(language) {
            if let text = overrides[self]?.translations[candidate] ?? catalogue[candidate] { return (text, candidate) }
        }
        return nil
    }

    /// The languages a lookup tries, in order.
    static func fallbackChain(_ language: String) -> [String] {
        var chain = [language]
        let base = language.split(separator: "-").first.map(String.init) ?? language
        if base != language { chain.append(base) }
        if minorityLanguages.contains(base) { chain.append("sv") }
        chain.append("en")
        return chain
    }

    /// The catalogue as a lookup table; built once from the translator's blocks.
    static let catalogue: [BuiltInText: [String: String]] = {
        var table: [BuiltInText: [String: String]] = [:]
        for (key, block) in catalogueBlocks {
            table[key] = Dictionary(block.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        }
        return table
    }()
}

/// Reads a playlist's `strings`: built-in keys, each an object of translations. An unknown key
/// or language is a problem naming the field, so that a misspelling never passes silently.
enum BuiltInStringsReader {
    static func read(_ object: ObjectReader) -> [BuiltInText: LocalizedText] {
        var strings: [BuiltInText: LocalizedText] = [:]
        for (name, value) in object.fields.sorted(by: { $0.key < $1.key }) where !name.hasPrefix("$") {
            let path = object.fieldPath(name)
            guard let key = BuiltInText(rawValue: name) else {
                let known = BuiltInText.allCases.map(\.rawValue).sorted().joined(separator: ", ")
                object.sink.report(path, "unknown built-in text; the keys are \(known)")
                continue
            }
            guard case .object(let translations) = value else {
                object.sink.report(
                    path, "expected an object of translations keyed by language, found \(value.typeName)")
                continue
            }
            var texts: [String: String] = [:]
            for (language, text) in translations.sorted(by: { $0.key < $1.key }) {
                if let text = translation(text, language: language, path: path + "." + language, sink: object.sink) {
                    texts[language] = text
                }
            }
            if !texts.isEmpty { strings[key] = LocalizedText(texts) }
        }
        return strings
    }

    private static func translation(_ value: JSONValue, language: String, path: String, sink: ProblemSink) -> String? {
        guard LanguageCode.isValid(language) else {
            sink.report(path, "'\(language)' is not a language code such as 'sv' or 'en'")
            return nil
        }
        guard case .string(let text) = value else {
            sink.report(path, "expected a string, found \(value.typeName)")
            return nil
        }
        guard !text.trimmed.isEmpty else {
            sink.report(path, "must not be empty")
            return nil
        }
        return text
    }
}
