import Foundation
import SkyltCore
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// Making a channel (admins), with its signing key pair and the playlist settings a publish
/// needs.
enum ChannelAdminPages {
    static let routes: [WebRoute] = [
        WebRoute("GET", "/admin/channels/new", .admin, newForm),
        WebRoute("POST", "/admin/channels", .admin, create),
    ]

    /// The demo playlist's colours: dark green and white, 12:1, urgent white on dark red.
    static let theme: JSONValue = .object([
        "background": .string("#14342B"), "foreground": .string("#FFFFFF"), "accent": .string("#F2C14E"),
        "accentForeground": .string("#14342B"), "urgentBackground": .string("#9B1C1C"),
        "urgentForeground": .string("#FFFFFF"),
    ])

    static func newForm(_ context: inout WebContext) throws -> HTTPResponse {
        try page(context, name: "", title: "", languages: "sv, en", errors: [:], status: 200)
    }

    static func page(
        _ context: WebContext, name: String, title: String, languages: String, errors: [String: String], status: Int
    ) throws -> HTTPResponse {
        try WebPage.render(context, title: context.t("Ny kanal", "New channel"), status: status) {
            HTML.element(.h1) { context.t("Ny kanal", "New channel") }
            try HTML.postForm(action: "/admin/channels", csrfToken: context.csrfToken) {
                try HTMLFormField(
                    id: "name", name: "name", label: context.t("Kanalens namn", "Channel name"), value: name,
                    hint: context.t(
                        "Syns i adresser: 1–64 tecken, a–z, A–Z, 0–9, - och _.",
                        "Part of addresses: 1–64 characters, a–z, A–Z, 0–9, - and _."),
                    error: errors["name"], required: true
                ).html()
                try HTMLFormField(
                    id: "title", name: "title", label: context.t("Rubrik", "Title"), value: title,
                    hint: context.t("Vad kanalen heter för människor.", "What people call the channel."),
                    error: errors["title"]
                ).html()
                try HTMLFormField(
                    id: "languages", name: "languages", label: context.t("Språk", "Languages"), value: languages,
                    hint: context.t(
                        "Språkkoder med komma emellan, t.ex. sv, en. Det första är kanalens huvudspråk.",
                        "Language codes separated by commas, e.g. sv, en. The first is the channel's main language."),
                    error: errors["languages"], required: true
                ).html()
                HTML.button(context.t("Skapa kanal", "Make channel"))
            }
        }
    }

    /// Codes of a comma-separated list, or nil when one is not a language code.
    static func languageList(_ text: String) -> [String]? {
        let codes = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !codes.isEmpty, codes.allSatisfy(LanguageCode.isValid) else { return nil }
        return codes
    }

    static func create(_ context: inout WebContext) throws -> HTTPResponse {
        let name = (context.field("name") ?? "").trimmingCharacters(in: .whitespaces)
        let title = (context.field("title") ?? "").trimmingCharacters(in: .whitespaces)
        let languageText = context.field("languages") ?? ""
        var errors: [String: String] = [:]
        if !ChannelName.isValid(name) {
            errors["name"] = context.t(
                "Använd 1–64 tecken: a–z, A–Z, 0–9, - och _ (inga mellanslag eller å, ä, ö).",
                "Use 1–64 characters: a–z, A–Z, 0–9, - and _ (no spaces or accented letters).")
        } else if (try? context.studio.channel(named: name)) != nil {
            errors["name"] = context.t(
                "Det finns redan en kanal med det namnet.", "A channel of that name exists already.")
        }
        let languages = languageList(languageText)
        if languages == nil {
            errors["languages"] = context.t(
                "Skriv språkkoder som sv eller en, med komma emellan.",
                "Write language codes such as sv or en, separated by commas.")
        }
        guard errors.isEmpty, let languages else {
            return try page(context, name: name, title: title, languages: languageText, errors: errors, status: 400)
        }
        // The settings of a playlist.json without slides: what PlaylistReader accepts, so that
        // the first publish is a valid bundle. The main language is the list's first.
        let settings: JSONValue = .object([
            "name": .string(title.isEmpty ? name : title), "defaultLanguage": .string(languages[0]),
            "timeZone": .string("Europe/Stockholm"), "theme": theme,
        ])
        try context.studio.makeChannel(named: name, settings: settings)
        return .redirect(to: "/channels/\(name)")
    }
}
