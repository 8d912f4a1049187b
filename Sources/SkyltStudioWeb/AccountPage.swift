import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// The signed-in user's own account: a password change, which ends their other sessions, and
/// the mail address notices go to (only its owner and admins ever see it).
enum AccountPage {
    static let routes: [WebRoute] = [
        WebRoute("GET", "/account", .signedIn, show),
        WebRoute("POST", "/account/password", .signedIn, changePassword),
        WebRoute("POST", "/account/email", .signedIn, AccountEmail.save),
    ]

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        try page(context, errors: [:], done: context.field("changed") == "1", status: 200)
    }

    /// `email` is the address as typed on a refused form; nil shows the one saved.
    static func page(
        _ context: WebContext, errors: [String: String], done: Bool, email: String? = nil, status: Int
    ) throws -> HTTPResponse {
        let saved = try context.session.map { session in try context.studio.email(ofUser: session.userID) } ?? nil
        return try WebPage.render(context, title: context.t("Ditt konto", "Your account"), status: status) {
            HTML.element(.h1) { context.t("Ditt konto", "Your account") }
            if done {
                HTML.element(.p, [.class("notice"), try HTMLAttribute("role", "status")]) {
                    context.t(
                        "Lösenordet är bytt. Dina andra inloggningar är avslutade.",
                        "The password is changed. Your other sessions have ended.")
                }
            }
            HTML.element(.h2) { context.t("Byt lösenord", "Change password") }
            try HTML.postForm(action: "/account/password", csrfToken: context.csrfToken) {
                try HTMLFormField(
                    id: "current", name: "current", label: context.t("Nuvarande lösenord", "Current password"),
                    control: .input(type: "password"), error: errors["current"], required: true,
                    autocomplete: "current-password"
                ).html()
                try HTMLFormField(
                    id: "new", name: "new", label: context.t("Nytt lösenord", "New password"),
                    control: .input(type: "password"),
                    hint: context.t(
                        "Minst \(Users.minPasswordCharacters) tecken. Dina andra inloggningar avslutas.",
                        "At least \(Users.minPasswordCharacters) characters. Your other sessions end."),
                    error: errors["new"], required: true, autocomplete: "new-password"
                ).html()
                HTML.button(context.t("Byt lösenord", "Change password"))
            }
            try AccountEmail.section(context, value: email ?? saved ?? "", error: errors["email"])
        }
    }

    static func changePassword(_ context: inout WebContext) throws -> HTTPResponse {
        guard let session = context.session else { return .redirect(to: "/login") }
        do throws(StudioError) {
            try Accounts(studio: context.studio, policy: context.web.options.accounts).changePassword(
                session: session, current: context.field("current") ?? "", new: context.field("new") ?? "",
                address: context.request.remoteAddress)
            return .redirect(to: "/account?changed=1")
        } catch {
            switch error.code {
            case .loginFailed:
                let text = context.t("Det nuvarande lösenordet stämmer inte.", "The current password is wrong.")
                return try page(context, errors: ["current": text], done: false, status: 400)
            case .tooManyAttempts(let minutes):
                let text = context.t(
                    "För många försök. Vänta \(minutes) minuter och försök igen.",
                    "Too many attempts. Wait \(minutes) minutes and try again.")
                return try page(context, errors: ["current": text], done: false, status: 429)
            case .passwordLength:
                let text = context.t(
                    "Skriv minst \(Users.minPasswordCharacters) tecken.",
                    "Type at least \(Users.minPasswordCharacters) characters.")
                return try page(context, errors: ["new": text], done: false, status: 400)
            default:
                throw error
            }
        }
    }
}
