import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// Invitations: an admin makes a one-time link, the invitee opens it, picks a name and a
/// password, and is signed in. The invitee's form is sent before there is a session, so it
/// carries no CSRF token (as the login form); the token in the path is the secret.
enum InvitePages {
    static let routes: [WebRoute] = [
        WebRoute("POST", "/admin/invites", .admin, create),
        WebRoute("GET", "/invite/{token}", .everyone, acceptForm),
        WebRoute("POST", "/invite/{token}", .everyone, accept),
    ]

    static let unknown = WebMessage(
        title: ("Inbjudan finns inte", "No such invitation"),
        text: (
            "Länken stämmer inte. Kontrollera att du fick med hela länken, eller be om en ny inbjudan.",
            "The link is not right. Check that you copied all of it, or ask for a new invitation."
        ))
    static let expired = WebMessage(
        title: ("Inbjudan har gått ut", "The invitation has expired"),
        text: (
            "En inbjudan gäller i sju dagar. Be administratören om en ny.",
            "An invitation lasts seven days. Ask the admin for a new one."
        ))
    static let used = WebMessage(
        title: ("Inbjudan är redan använd", "The invitation has been used"),
        text: (
            "Varje inbjudan gäller ett konto. Logga in, eller be om en ny inbjudan.",
            "Each invitation makes one account. Log in, or ask for a new invitation."
        ))

    /// The admin's form: an admin, or a role in one channel; `errors["grant"]` stands at the
    /// role's select.
    static func form(channels: [String], errors: [String: String] = [:], _ context: WebContext) throws -> HTML {
        var options = [("admin", context.t("administratör (alla kanaler)", "admin (every channel)"))]
        for channel in channels {
            options.append(("publisher:\(channel)", context.t("publicerare i \(channel)", "publisher of \(channel)")))
            options.append(
                ("contributor:\(channel)", context.t("bidragsgivare i \(channel)", "contributor of \(channel)")))
        }
        return try HTML.postForm(action: "/admin/invites", csrfToken: context.csrfToken) {
            try AdminHTML.select(
                id: "invite-grant", name: "grant", label: context.t("Den nya användarens roll", "The new user's role"),
                options: options, selected: "", error: errors["grant"])
            HTML.button(context.t("Skapa inbjudningslänk", "Make an invitation link"))
        }
    }

    static func create(_ context: inout WebContext) throws -> HTTPResponse {
        let grant: InviteGrant
        let value = context.field("grant") ?? ""
        if value == "admin" {
            grant = .admin
        } else {
            let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let role = ChannelRole(rawValue: parts[0]), ChannelName.isValid(parts[1]),
                (try? context.studio.channel(named: parts[1])) != nil
            else {
                return try UsersPage.page(
                    context, notice: nil,
                    errors: ["grant": context.t("Välj en roll för inbjudan.", "Choose a role for the invitation.")],
                    status: 400)
            }
            grant = .channel(parts[1], role)
        }
        let token = try context.studio.createInvite(grant, createdBy: context.session?.userID)
        // The server answers only its own host names, so the Host header names this studio.
        let base = context.web.options.publicURL ?? context.request.headers["Host"].map { "http://\($0)" } ?? ""
        let link = base + "/invite/" + token
        // No language switch here: the link is shown only once, and switching would lose it.
        return try WebPage.render(context, title: context.t("Inbjudan", "Invitation"), languageSwitch: false) {
            HTML.element(.h1) { context.t("Inbjudan", "Invitation") }
            HTML.element(.p) {
                context.t(
                    "Skicka den här länken till den du bjuder in. Den visas bara nu, gäller i sju dagar och ger ett konto.",
                    "Send this link to the person you invite. It is shown only now, lasts seven days and makes one account."
                )
            }
            HTML.element(.p) { HTML.element(.code, [.id("invite-link")]) { link } }
            try HTML.element(.p) { try AdminHTML.link("/admin/users", context.t("Till användarna", "Back to users")) }
        }
    }

    static func acceptForm(_ context: inout WebContext) throws -> HTTPResponse {
        if let refusal = check(context) { return refusal }
        return try page(context, errors: [:], name: "", status: 200)
    }

    /// A refusal page when the path's invitation cannot be used, else nil.
    static func check(_ context: WebContext) -> HTTPResponse? {
        do throws(StudioError) {
            _ = try context.studio.invite(token: context.parameter("token"))
            return nil
        } catch {
            switch error.code {
            case .inviteExpired: return WebPage.plain(context.language, status: 410, expired)
            case .inviteUsed: return WebPage.plain(context.language, status: 410, used)
            default: return WebPage.plain(context.language, status: 404, unknown)
            }
        }
    }

    static func page(_ context: WebContext, errors: [String: String], name: String, status: Int) throws
        -> HTTPResponse
    {
        try WebPage.render(context, title: context.t("Skapa ditt konto", "Make your account"), status: status) {
            HTML.element(.h1) { context.t("Skapa ditt konto", "Make your account") }
            try HTML.element(
                .form,
                [
                    try HTMLAttribute("method", "post"),
                    try HTMLAttribute("action", "/invite/\(context.parameter("token"))"),
                ]
            ) {
                try HTMLFormField(
                    id: "username", name: "username", label: context.t("Användarnamn", "User name"), value: name,
                    hint: context.t(
                        "Bokstäver, siffror och . _ - @, högst 64 tecken.",
                        "Letters, digits and . _ - @, at most 64 characters."),
                    error: errors["username"], required: true, autocomplete: "username"
                ).html()
                try HTMLFormField(
                    id: "password", name: "password", label: context.t("Lösenord", "Password"),
                    control: .input(type: "password"),
                    hint: context.t(
                        "Minst \(Users.minPasswordCharacters) tecken.",
                        "At least \(Users.minPasswordCharacters) characters."),
                    error: errors["password"], required: true, autocomplete: "new-password"
                ).html()
                HTML.button(context.t("Skapa konto", "Make account"))
            }
        }
    }

    static func accept(_ context: inout WebContext) throws -> HTTPResponse {
        if let refusal = check(context) { return refusal }
        let name = context.field("username") ?? ""
        let password = context.field("password") ?? ""
        do throws(StudioError) {
            try context.studio.acceptInvite(token: context.parameter("token"), name: name, password: password)
        } catch {
            let errors: [String: String]
            switch error.code {
            case .invalidUserName:
                errors = [
                    "username": context.t("Använd bokstäver, siffror och . _ - @.", "Use letters, digits and . _ - @.")
                ]
            case .duplicateUser:
                errors = [
                    "username": context.t("Namnet är upptaget. Välj ett annat.", "The name is taken. Choose another.")
                ]
            case .passwordLength:
                errors = [
                    "password": context.t(
                        "Skriv minst \(Users.minPasswordCharacters) tecken.",
                        "Type at least \(Users.minPasswordCharacters) characters.")
                ]
            default:
                if let refusal = check(context) { return refusal }
                throw error
            }
            return try page(context, errors: errors, name: name, status: 400)
        }
        // The account exists now; should the login itself be refused (the address's failed
        // attempts), the login page takes over rather than an error page.
        guard
            let session = try? Accounts(studio: context.studio, policy: context.web.options.accounts).login(
                name: name, password: password, address: context.request.remoteAddress)
        else { return .redirect(to: "/login") }
        context.cookies.append(
            WebCookies.setCookie(
                name: context.web.sessionCookieName, value: session.token,
                maxAge: Int(session.expiresAt.timeIntervalSinceNow), secure: context.web.isSecure))
        return .redirect(to: "/")
    }
}
