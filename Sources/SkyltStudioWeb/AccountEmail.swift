import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// The signed-in user's own mail address, where the studio sends notices about slides to
/// review and about their own contributions. Empty clears it.
enum AccountEmail {
    static func section(_ context: WebContext, value: String, error: String?) throws -> HTML {
        try HTML.join([
            HTML.element(.h2) { context.t("E-postadress", "Mail address") },
            noticeLine(context),
            HTML.postForm(action: "/account/email", csrfToken: context.csrfToken) {
                try HTMLFormField(
                    id: "email", name: "email", label: context.t("E-postadress", "Mail address"),
                    control: .input(type: "email"), value: value,
                    hint: context.t(
                        "För meddelanden om bilder att granska och om dina bidrag. Lämna tomt för inga meddelanden. "
                            + "Bara du och administratörer ser adressen.",
                        "For notices about slides to review and about your contributions. Leave empty for no notices. "
                            + "Only you and admins see the address."),
                    error: error, autocomplete: "email"
                ).html()
                HTML.button(context.t("Spara adressen", "Save the address"))
            },
        ])
    }

    /// The line after a save: saved, or cleared.
    static func noticeLine(_ context: WebContext) throws -> HTML {
        switch context.field("mail") {
        case "saved": try AdminHTML.notice(context.t("Adressen är sparad.", "The address is saved."))
        case "cleared":
            try AdminHTML.notice(
                context.t(
                    "Adressen är borttagen. Du får inga meddelanden med e-post.",
                    "The address is removed. You get no notices by mail."))
        default: .empty
        }
    }

    static func save(_ context: inout WebContext) throws -> HTTPResponse {
        guard let session = context.session else { return .redirect(to: "/login") }
        let typed = context.field("email") ?? ""
        do throws(StudioError) {
            try context.studio.setEmail(typed, userID: session.userID)
            let cleared = typed.trimmingCharacters(in: .whitespaces).isEmpty
            return .redirect(to: "/account?mail=\(cleared ? "cleared" : "saved")")
        } catch {
            guard error.code == .invalidEmail else { throw error }
            let text = context.t(
                "Det här är inte en e-postadress. Skriv en som namn@exempel.se, eller lämna fältet tomt.",
                "This is not a mail address. Type one such as name@example.org, or leave the field empty.")
            return try AccountPage.page(context, errors: ["email": text], done: false, email: typed, status: 400)
        }
    }
}
