import SkyltCore

/// What the painter knows about each text it draws besides its pixels: the role it plays and
/// the language it is written in, found from the field it was drawn for.
enum TextRoles {
    static func role(of field: String) -> LayoutRole {
        switch field {
        case "title", "headline", "name": .title
        case "body", "text", "description", "addresses": .body
        case "starts", "starts.weekday", "starts.date", "starts.time": .date
        case "place": .place
        case "price": .price
        case "caption", "details": .caption
        case "issuer", "organiser": .issuer
        case "author": .author
        case "ssid": .ssid
        case "password": .password
        case "pickerUrl.label": .languages
        default: field.hasPrefix("readings[") ? .languages : .label
        }
    }

    /// The monospaced face data to copy is drawn in, so that l, 1 and I, and 0 and O, differ.
    static let dataFamily = "Noto Sans Mono"

    /// The font family of a field: passwords in the monospaced face, everything else in the
    /// text face.
    static func family(of field: String) -> String {
        role(of: field) == .password ? dataFamily : TextFitter.family
    }

    /// The language a field's text is in: its translation in `language` when there is one,
    /// else the fallback the slide showed. Data (network names, passwords) has none: "zxx";
    /// a list of language names has many: "mul".
    static func language(of field: String, content: SlideContent, language: String, fallback: String) -> String {
        switch role(of: field) {
        case .ssid, .password: return "zxx"
        case .languages:
            guard case .story(_, _, _, let readings, _) = content,
                let index = Int(field.dropFirst("readings[".count).prefix { $0.isNumber }),
                readings.indices.contains(index)
            else { return "mul" }
            return readings[index].language
        default: break
        }
        if let text = localized(field, in: content) {
            if text.translations[language] != nil { return language }
            // A name in one form (a story's author) reads the same in every language.
            if field == "author", text.translations.count == 1 { return language }
            return text.translations[fallback] != nil ? fallback : text.translations.keys.sorted().first ?? language
        }
        if let builtIn = builtIn(field, in: content) { return builtIn.language(in: language) }
        return language
    }

    /// The editor's text behind a field, when it has one.
    private static func localized(_ field: String, in content: SlideContent) -> LocalizedText? {
        switch (content, field) {
        case (.notice(let title, _, _, _), "title"), (.info(let title, _, _, _), "title"),
            (.event(let title, _, _, _, _, _, _, _), "title"), (.story(let title, _, _, _, _), "title"),
            (.offer(let title, _, _, _), "headline"):
            return title
        case (.notice(_, let body, _, _), "body"), (.info(_, let body, _, _), "body"),
            (.offer(_, let body, _, _), "text"), (.event(_, _, _, let body, _, _, _, _), "place"),
            (.story(_, let body, _, _, _), "author"), (.event(_, _, _, _, _, _, _, let body?), "organiser"):
            return body
        case (.notice(_, _, _, let text?), "issuer"), (.event(_, _, _, _, let text?, _, _, _), "description"),
            (.offer(_, _, let text?, _), "price"), (.wifi(let text?, _, _, _, _), "title"),
            (.poster(_, let text?, _), "caption"):
            return text
        case (.notice(_, _, let qr?, _), "qr.url.label"), (.info(_, _, _, let qr?), "qr.url.label"),
            (.event(_, _, _, _, _, _, let qr?, _), "qr.url.label"), (.poster(_, _, let qr?), "qr.label"):
            return qr.label
        default: return nil
        }
    }

    /// The player's own words behind a field, when it wrote them.
    private static func builtIn(_ field: String, in content: SlideContent) -> BuiltInText? {
        switch (content, field) {
        case (_, "priority"): .urgent
        case (.wifi, "title"): .wifiTitle
        case (.wifi, "ssid.label"): .wifiScan
        case (.wifi, "ssidLabel"): .wifiNetwork
        case (.wifi(_, _, let password, let security, _), "passwordLabel"):
            security == .open || password == nil ? .wifiOpen : .wifiPassword
        case (.story, "listen"): .listenInYourLanguage
        default: nil
        }
    }
}
