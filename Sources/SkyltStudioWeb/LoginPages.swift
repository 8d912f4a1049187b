import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// Logging in and out, and choosing the pages' language.
///
/// The login and language forms are sent before there is a session, so they carry no CSRF
/// token; the server's Origin check refuses them from any other site, and neither can do
/// more than sign in the person who typed the password or set a cookie of no consequence.
enum LoginPages {
    static let routes: [WebRoute] = [
        WebRoute("GET", "/login", .everyone, loginForm),
        WebRoute("POST", "/login", .everyone, login),
        WebRoute("POST", "/logout", .signedIn, logout),
        WebRoute("POST", "/language", .everyone, chooseLanguage),
    ]

    /// The login page's path, remembering where to go afterwards.
    static func loginPath(next: String) -> String {
        guard isLocalPath(next), next != "/" else { return "/login" }
        let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))
        return "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/")
    }

    /// A path on this site: one leading `/`, not `//` (another host), no backslash or control
    /// character, so that a link in a mail cannot send someone elsewhere after login.
    static func isLocalPath(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//")
            && !path.unicodeScalars.contains { $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F }
            && path.utf8.count <= 512
    }

    static func loginForm(_ context: inout WebContext) throws -> HTTPResponse {
        try page(context, error: nil, name: "", status: 200)
    }

    static func page(_ context: WebContext, error: String?, name: String, status: Int) throws -> HTTPResponse {
        let next = context.field("next").flatMap { isLocalPath($0) ? $0 : nil } ?? "/"
        // The one error concerns both fields (which one was wrong is not told), so both are
        // marked invalid and described by it.
        let inError =
            error == nil ? [] : [try HTMLAttribute.aria("invalid", "true"), try .aria("describedby", "login-error")]
        return try WebPage.render(context, title: context.t("Logga in", "Log in"), status: status) {
            HTML.element(.h1) { context.t("Logga in", "Log in") }
            if let error {
                HTML.element(.p, [.class("error-summary"), .id("login-error"), try HTMLAttribute("role", "alert")]) {
                    error
                }
            }
            try HTML.element(.form, [try HTMLAttribute("method", "post"), try HTMLAttribute("action", "/login")]) {
                HTML.void(.input, [.type("hidden"), .name("next"), .value(next)])
                try HTMLFormField(
                    id: "username", name: "username", label: context.t("Användarnamn", "User name"), value: name,
                    required: true, autocomplete: "username", extraAttributes: inError
                ).html()
                try HTMLFormField(
                    id: "password", name: "password", label: context.t("Lösenord", "Password"),
                    control: .input(type: "password"), required: true, autocomplete: "current-password",
                    extraAttributes: inError
                ).html()
                HTML.button(context.t("Logga in", "Log in"))
            }
        }
    }

    static func login(_ context: inout WebContext) throws -> HTTPResponse {
        let name = context.field("username") ?? ""
        let accounts = Accounts(studio: context.studio, policy: context.web.options.accounts)
        do throws(StudioError) {
            let session = try accounts.login(
                name: name, password: context.field("password") ?? "", address: context.request.remoteAddress)
            // Someone else signed in on this browser (a shared computer): their session ends here
            // rather than live on unseen.
            if let previous = WebCookies.value(context.web.sessionCookieName, in: context.request.headers["Cookie"]),
                !previous.isEmpty, previous != session.token
            {
                try accounts.logout(token: previous)
            }
            context.cookies.append(
                WebCookies.setCookie(
                    name: context.web.sessionCookieName, value: session.token,
                    maxAge: Int(session.expiresAt.timeIntervalSinceNow), secure: context.web.isSecure))
            let next = context.field("next").flatMap { isLocalPath($0) ? $0 : nil } ?? "/"
            return .redirect(to: next)
        } catch {
            let message: String
            switch error.code {
            case .tooManyAttempts(let minutes):
                message = context.t(
                    "För många försök. Vänta \(minutes) minuter och försök igen.",
                    "Too many attempts. Wait \(minutes) minutes and try again.")
            case .accountDisabled:
                message = context.t(
                    "Kontot är avstängt. Fråga en administratör.", "This account is disabled. Ask an admin.")
            case .loginFailed:
                message = context.t("Fel användarnamn eller lösenord.", "Wrong user name or password.")
            default:
                throw error
            }
            let status = if case .tooManyAttempts = error.code { 429 } else { 401 }
            return try page(context, error: message, name: name, status: status)
        }
    }

    static func logout(_ context: inout WebContext) throws -> HTTPResponse {
        if let token = context.session?.token {
            try Accounts(studio: context.studio, policy: context.web.options.accounts).logout(token: token)
        }
        context.cookies.append(
            WebCookies.setCookie(
                name: context.web.sessionCookieName, value: "", maxAge: 0, secure: context.web.isSecure))
        return .redirect(to: "/login")
    }

    static func chooseLanguage(_ context: inout WebContext) throws -> HTTPResponse {
        let language = WebLanguage(rawValue: context.field("lang") ?? "") ?? context.language
        // A year: the choice is a preference, not a secret; it is no session and not HttpOnly-worthy,
        // but set like the others so that no script reads it either.
        context.cookies.append(
            WebCookies.setCookie(
                name: WebLanguage.cookieName, value: language.rawValue, maxAge: 365 * 24 * 3600,
                secure: context.web.isSecure))
        let back = context.field("back").flatMap { isLocalPath($0) ? $0 : nil } ?? "/"
        return .redirect(to: back)
    }
}
