import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// A channel's signing keys: publishers see them (for kiosk configs made by hand), admins
/// rotate and retire them.
enum ChannelKeysPage {
    static let routes: [WebRoute] = [
        WebRoute("GET", "/channels/{channel}/keys", .channel(.publisher), show),
        WebRoute("POST", "/channels/{channel}/keys/rotate", .admin, rotate),
        WebRoute("POST", "/channels/{channel}/keys/{key}/retire", .admin, retire),
    ]

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        guard let channel = context.channel?.channel else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        return try page(context, channel: channel, error: nil, status: 200)
    }

    static func page(_ context: WebContext, channel: ChannelRecord, error: String?, status: Int) throws -> HTTPResponse
    {
        let keys = try context.studio.keys(of: channel)
        let title = context.t("Nycklar för \(channel.name)", "Keys of \(channel.name)")
        return try WebPage.render(context, title: title, status: status) {
            HTML.element(.h1) { title }
            if let error {
                HTML.element(.p, [.class("error-summary"), try HTMLAttribute("role", "alert")]) { error }
            }
            HTML.element(.p) {
                context.t(
                    "Skärmarna godtar kanalen när den är signerad med en nyckel som står i deras konfiguration. Den nyaste aktiva nyckeln signerar nästa publicering; äldre står kvar tills de tas ur bruk.",
                    "Screens accept the channel when it is signed with a key their config lists. The newest active key signs the next publish; older ones stay listed until they are retired."
                )
            }
            AdminHTML.table(
                caption: context.t("Kanalens publika nycklar", "The channel's public keys"),
                headers: [
                    context.t("Publik nyckel", "Public key"), context.t("Skapad", "Made"),
                    context.t("Status", "Status"), context.t("Ändra", "Change"),
                ],
                rows: try keys.map { key in try row(key, channel: channel, context) })
            if context.isAdmin {
                HTML.element(.h2) { context.t("Byt nyckel", "Rotate the key") }
                HTML.element(.p) {
                    context.t(
                        "En ny nyckel signerar från nästa publicering. Ladda ner skärmarnas konfiguration igen och ta den gamla nyckeln ur bruk när alla skärmar har den nya.",
                        "A new key signs from the next publish. Download the screens' configs again, and retire the old key once every screen has the new one."
                    )
                }
                try HTML.postForm(action: "/channels/\(channel.name)/keys/rotate", csrfToken: context.csrfToken) {
                    HTML.button(context.t("Skapa ny nyckel", "Make a new key"))
                }
            }
        }
    }

    static func row(_ key: ChannelKey, channel: ChannelRecord, _ context: WebContext) throws -> [HTML] {
        let status =
            key.signs
            ? context.t("signerar", "signs")
            : key.retiredAt == nil
                ? context.t("listas, signerar inte", "listed, does not sign") : context.t("ur bruk", "retired")
        var action = HTML.text("–")
        if context.isAdmin, !key.signs, key.retiredAt == nil {
            action = try HTML.postForm(
                action: "/channels/\(channel.name)/keys/\(key.id)/retire", csrfToken: context.csrfToken,
                [.class("inline")]
            ) {
                HTML.element(.button, [.type("submit"), .class("danger")]) {
                    context.t("Ta ur bruk", "Retire")
                }
            }
        }
        return [HTML.element(.code) { key.publicKey }, .text(key.createdAt), .text(status), action]
    }

    static func channel(_ context: WebContext) throws -> ChannelRecord? {
        let name = context.parameter("channel")
        guard ChannelName.isValid(name) else { return nil }
        return try? context.studio.channel(named: name)
    }

    static func rotate(_ context: inout WebContext) throws -> HTTPResponse {
        guard let channel = try channel(context) else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        try context.studio.rotateKey(of: channel)
        return .redirect(to: "/channels/\(channel.name)/keys")
    }

    static func retire(_ context: inout WebContext) throws -> HTTPResponse {
        guard let channel = try channel(context), let id = Int64(context.parameter("key")) else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        do throws(StudioError) {
            try context.studio.retireKey(id: id, of: channel)
        } catch {
            switch error.code {
            case .signingKeyRetire:
                let text = context.t(
                    "Nyckeln som signerar kan inte tas ur bruk. Skapa en ny nyckel först.",
                    "The key that signs cannot be retired. Make a new key first.")
                return try page(context, channel: channel, error: text, status: 400)
            case .unknownKey: return WebPage.plain(context.language, status: 404, WebPage.notFound)
            default: throw error
            }
        }
        return .redirect(to: "/channels/\(channel.name)/keys")
    }
}
