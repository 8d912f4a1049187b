import Foundation
import SkyltCore
import SkyltTestSupport
import Testing

/// The catalogue of the player's own words: complete in the required languages, honest about
/// the minority languages, and looked up in a fixed order.
@Suite("Built-in texts: one catalogue, every supported language, playlist overrides")
struct BuiltInTextTests {
    static let languages = BuiltInText.catalogueOrder

    @Test("every key has a non-empty text in each required language", arguments: BuiltInText.allCases)
    func requiredLanguages(key: BuiltInText) {
        let block = BuiltInText.catalogueBlocks.filter { $0.key == key }
        #expect(block.count == 1, "\(key) has \(block.count) blocks")
        let texts = Dictionary(block.first?.value.map { ($0.key, $0.value) } ?? [], uniquingKeysWith: { a, _ in a })
        for language in BuiltInText.requiredLanguages {
            let text = texts[language]?.trimmingCharacters(in: .whitespaces) ?? ""
            #expect(!text.isEmpty, "\(key) has no '\(language)'")
        }
    }

    @Test("each block lists its languages once, in the translator's order, and only known ones")
    func blockOrder() {
        for (key, block) in BuiltInText.catalogueBlocks {
            let order = block.map { Self.languages.firstIndex(of: $0.key) ?? -1 }
            #expect(!order.contains(-1), "\(key) has a language outside the catalogue: \(block.map(\.key))")
            #expect(order == order.sorted() && Set(order).count == order.count, "\(key): \(block.map(\.key))")
        }
    }

    @Test("a North Sámi or Meänkieli text is either translated or listed as showing Swedish")
    func minorityLanguages() {
        for language in BuiltInText.minorityLanguages {
            let fallbacks = BuiltInText.swedishFallbacks[language] ?? []
            for (key, block) in BuiltInText.catalogueBlocks {
                let translated = block.contains { $0.key == language }
                #expect(translated != fallbacks.contains(key), "\(language) \(key): translated \(translated)")
            }
        }
    }

    @Test("Playlists/README.md names exactly the keys that show Swedish")
    func fallbacksDocumented() throws {
        let readme = try String(
            contentsOf: Repository.root.appendingPathComponent("Playlists/README.md"), encoding: .utf8)
        for language in BuiltInText.minorityLanguages {
            let line = try #require(
                readme.split(separator: "\n").first { $0.hasPrefix("- `\(language)` ") && $0.contains("Swedish for") },
                "no fallback line for \(language)")
            let listed = line.split(separator: ":", maxSplits: 1).last!.split(separator: "`").enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) }
            let expected = (BuiltInText.swedishFallbacks[language] ?? []).map(\.rawValue)
            #expect(Set(listed) == Set(expected), "\(language): README \(listed.sorted())")
        }
    }

    @Test("the playlist schema allows exactly the catalogue's keys under strings")
    func schemaKeys() throws {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: Repository.schema)) as? [String: Any]
        let properties = schema?["properties"] as? [String: Any]
        let strings = (properties?["strings"] as? [String: Any])?["properties"] as? [String: Any]
        #expect(Set(strings?.keys.map { $0 } ?? []) == Set(BuiltInText.allCases.map(\.rawValue)))
    }

    @Test("Persian is written with Persian yeh and kaf, Arabic with Arabic ones")
    func persianLetters() {
        for (key, block) in BuiltInText.catalogueBlocks {
            for (language, text) in block {
                let scalars = Set(text.unicodeScalars.map(\.value))
                if language == "fa" { #expect(scalars.isDisjoint(with: [0x064A, 0x0643, 0x0649]), "fa \(key)") }
                if language == "ar" { #expect(scalars.isDisjoint(with: [0x06CC, 0x06A9]), "ar \(key)") }
            }
        }
    }

    @Test("lookup: the language, then its base, then Swedish for minority languages, then English")
    func fallback() {
        #expect(BuiltInText.wifiScan.text(in: "ar") == "امسح الرمز للاتصال")
        #expect(BuiltInText.wifiScan.text(in: "ar-EG") == "امسح الرمز للاتصال")
        #expect(BuiltInText.urgent.text(in: "se") == "Dehálaš")
        #expect(BuiltInText.wifiScan.text(in: "se") == "Skanna för att ansluta")
        #expect(BuiltInText.wifiNetwork.text(in: "fit") == "Nätverk")
        #expect(BuiltInText.wifiNetwork.text(in: "pl") == "Network")
        #expect(BuiltInText.moreInformation.text(in: "ti") == "ተወሳኺ ሓበሬታ")
    }

    @Test("a playlist's override wins in its languages; the catalogue still answers the others")
    func overrides() {
        let overrides: [BuiltInText: LocalizedText] = [
            .wifiScan: LocalizedText(["sv": "Skanna koden", "en": "Scan the code"])
        ]
        #expect(BuiltInText.wifiScan.text(in: "sv", overrides: overrides) == "Skanna koden")
        #expect(BuiltInText.wifiScan.text(in: "en-GB", overrides: overrides) == "Scan the code")
        #expect(BuiltInText.wifiScan.text(in: "de", overrides: overrides) == "Scannen und verbinden")
        // A language without a catalogue text falls back to the override's English or Swedish.
        #expect(BuiltInText.wifiScan.text(in: "pl", overrides: overrides) == "Scan the code")
        #expect(BuiltInText.wifiScan.text(in: "fit", overrides: overrides) == "Skanna koden")
        #expect(BuiltInText.wifiNetwork.text(in: "sv", overrides: overrides) == "Nätverk")
    }

    @Test("every supported language has its own name", arguments: Self.languages)
    func nativeNames(language: String) {
        let expected = [
            "sv": "Svenska", "en": "English", "de": "Deutsch", "fi": "Suomi", "uk": "Українська", "ar": "العربية",
            "fa": "فارسی", "ti": "ትግርኛ", "so": "Soomaali", "se": "Davvisámegiella", "fit": "Meänkieli",
        ]
        #expect(expected[language] != nil, "no expected name for \(language)")
        #expect(LanguageCode.nativeName(language) == expected[language])
    }
}
