import Foundation
import SkyltCompose
import SkyltCore
import Testing

/// The words the player draws itself follow the slide's language and the playlist's overrides.
@Suite("Built-in texts on rendered slides")
struct BuiltInTextRenderingTests {
    func wifiSlide(strings: [BuiltInText: LocalizedText] = [:], password: String? = "kanelbulle") -> ProgramSlide {
        let slide = Slide(
            id: "wifi", durationSeconds: 10,
            content: .wifi(
                title: LocalizedText(["sv": "Gratis wifi i butiken", "ar": "واي فاي مجاني في المتجر"]),
                ssid: "Butiken", password: password, security: password == nil ? .open : .wpa, hidden: false))
        let context = PlaylistContext(defaultLanguage: "sv", theme: .standard, timeZone: .current, strings: strings)
        return ProgramSlide(slide: slide, channel: "c", context: context)
    }

    func texts(_ slide: ProgramSlide, _ language: String) throws -> [String: String] {
        let composition = try SlideComposer(profile: .standard).compose(slide, language: language)
        return Dictionary(composition.texts.map { ($0.field, $0.text) }, uniquingKeysWith: { a, _ in a })
    }

    @Test("an Arabic Wi-Fi slide labels the network, password and code in Arabic")
    func arabicWifi() throws {
        let texts = try texts(wifiSlide(), "ar")
        #expect(texts["title"] == "واي فاي مجاني في المتجر")
        #expect(texts["ssid.label"] == BuiltInText.wifiScan.text(in: "ar"))
        #expect(texts["ssid.label"] == "امسح الرمز للاتصال")
        #expect(texts["ssidLabel"] == "الشبكة")
        #expect(texts["ssid"] == "Butiken")
        #expect(texts["passwordLabel"] == "كلمة المرور")
        #expect(texts["password"] == "kanelbulle")
        let english = ["Network", "Password", "Scan"]
        #expect(texts.values.allSatisfy { text in english.allSatisfy { !text.contains($0) } }, "\(texts)")
    }

    @Test("an open network says no password is needed in the slide's language")
    func openNetwork() throws {
        let texts = try texts(wifiSlide(password: nil), "ar")
        #expect(texts["passwordLabel"] == "لا حاجة إلى كلمة مرور")
        #expect(texts["password"] == nil)
    }

    @Test("the playlist's override replaces the catalogue text on the slide, only in its languages")
    func override() throws {
        let strings: [BuiltInText: LocalizedText] = [.wifiScan: LocalizedText(["sv": "Skanna koden"])]
        #expect(try texts(wifiSlide(strings: strings), "sv")["ssid.label"] == "Skanna koden")
        #expect(try texts(wifiSlide(strings: strings), "ar")["ssid.label"] == "امسح الرمز للاتصال")
    }

    @Test("an urgent notice's band is in the slide's language")
    func urgentBand() throws {
        let slide = ProgramSlide(
            slide: Slide(
                id: "stangt", durationSeconds: 10, priority: .urgent,
                content: .notice(
                    title: LocalizedText(["fi": "Suljettu tänään"]), body: LocalizedText(["fi": "Avaamme huomenna."]),
                    qr: nil, issuer: nil)),
            channel: "c", defaultLanguage: "fi", theme: .standard, timeZone: .current)
        #expect(try texts(slide, "fi")["priority"] == "Tärkeää")
    }
}
