import SkyltCore

/// The few words the player writes itself, for slides whose editors did not write them.
/// Missing languages fall back to English.
enum BuiltInText: String {
    case urgent, wifiTitle, wifiNetwork, wifiPassword, wifiOpen, wifiScan, chooseLanguage
    case noContentTitle, noContentBody, addresses, version, readBy

    private var translations: [String: String] {
        switch self {
        case .urgent: ["sv": "Viktigt", "en": "Important", "de": "Wichtig", "uk": "Важливо", "ar": "هام"]
        case .wifiTitle:
            ["sv": "Gratis wifi", "en": "Free Wi-Fi", "de": "Kostenloses WLAN", "uk": "Безкоштовний Wi-Fi"]
        case .wifiNetwork: ["sv": "Nätverk", "en": "Network", "de": "Netzwerk", "uk": "Мережа"]
        case .wifiPassword: ["sv": "Lösenord", "en": "Password", "de": "Passwort", "uk": "Пароль"]
        case .wifiOpen: ["sv": "Inget lösenord behövs", "en": "No password needed", "de": "Kein Passwort nötig"]
        case .wifiScan: ["sv": "Skanna för att ansluta", "en": "Scan to connect", "de": "Scannen und verbinden"]
        case .chooseLanguage: ["sv": "Välj språk", "en": "Choose your language", "de": "Sprache wählen"]
        case .noContentTitle: ["sv": "Inget innehåll ännu", "en": "No content yet", "de": "Noch keine Inhalte"]
        case .noContentBody:
            [
                "sv": "Skärmen visar innehåll så snart det har hämtats.",
                "en": "This screen shows content as soon as it has been fetched.",
            ]
        case .addresses: ["sv": "Adresser", "en": "Addresses", "de": "Adressen"]
        case .version: ["sv": "Version", "en": "Version", "de": "Version"]
        case .readBy: ["sv": "Läst av", "en": "Read by", "de": "Gelesen von"]
        }
    }

    func text(_ language: String) -> String { translations[language] ?? translations["en"]! }
}

extension BuiltInText {
    /// The language `text(_:)` answers in: the one asked for, or English when it is missing.
    func language(_ language: String) -> String { translations[language] != nil ? language : "en" }
}
