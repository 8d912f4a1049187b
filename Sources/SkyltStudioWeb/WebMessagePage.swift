import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// A sentence in both languages, for pages made before (or without) a session.
struct WebMessage: Sendable {
    var title: (sv: String, en: String)
    var text: (sv: String, en: String)
}

extension WebPage {
    static let notFound = WebMessage(
        title: ("Sidan finns inte", "Page not found"),
        text: (
            "Det finns ingen sida här, eller så får du inte se den.", "There is no page here, or you may not see it."
        ))
    static let methodNotAllowed = WebMessage(
        title: ("Fel sorts anrop", "Method not allowed"),
        text: ("Sidan kan inte användas så.", "This page cannot be used that way."))
    static let forbidden = WebMessage(
        title: ("Du saknar behörighet", "Not allowed"),
        text: ("Din roll får inte göra detta. Fråga en administratör.", "Your role may not do this. Ask an admin."))
    static let signedOut = WebMessage(
        title: ("Du är inte inloggad", "You are not signed in"),
        text: ("Logga in och försök igen.", "Log in and try again."))
    static let formExpired = WebMessage(
        title: ("Formuläret har gått ut", "The form has expired"),
        text: (
            "Formuläret kom inte från din inloggade session. Gå tillbaka, ladda om sidan och skicka igen.",
            "The form did not come from your signed-in session. Go back, reload the page and send it again."
        ))
    static let internalError = WebMessage(
        title: ("Något gick fel", "Something went wrong"),
        text: (
            "Studion kunde inte svara. Inget har ändrats av detta fel. Försök igen, eller berätta för en administratör.",
            "The studio could not answer. Nothing was changed by this error. Try again, or tell an admin."
        ))

    /// A page with a title and one sentence, without the banner's account part: it is used
    /// where no session was checked (errors, refusals).
    static func plain(_ language: WebLanguage, status: Int, _ message: WebMessage) -> HTTPResponse {
        let title = language == .sv ? message.title.sv : message.title.en
        let text = language == .sv ? message.text.sv : message.text.en
        let page = try? HTML.page(
            language: language.rawValue, title: "\(title) – Skylt Studio", stylesheet: stylesheetPath,
            skipLinkText: language == .sv ? "Till innehållet" : "Skip to content",
            navigationLabel: language == .sv ? "Huvudmeny" : "Main menu",
            header: HTML.element(.div, [.class("banner")]) {
                (try? HTML.element(.a, [.class("brand"), .href("/")]) { "Skylt Studio" }) ?? .empty
            },
            footer: (try? footer(language)) ?? .empty
        ) {
            HTML.element(.h1) { title }
            HTML.element(.p) { text }
            (try? HTML.element(.p) {
                HTML.element(.a, [try .href("/")]) { language == .sv ? "Till startsidan" : "To the start page" }
            }) ?? .empty
        }
        return .html(page?.rendered ?? title, status: status)
    }
}
