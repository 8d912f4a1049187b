import Foundation
public import SkyltHTML
public import SkyltHTTP
public import SkyltStudio

/// The frame of every studio page: the banner with who is signed in, the language switch and
/// the way out, the navigation by role, the main content and the footer.
public enum WebPage {
    public static let stylesheetPath = "/static/studio.css"

    /// A page with the full frame, in the context's language. `languageSwitch` false leaves the
    /// switch out, on a page that cannot be shown again (a one-time link).
    public static func render(
        _ context: WebContext, title: String, status: Int = 200, languageSwitch: Bool = true,
        @HTMLBuilder main: () throws -> HTML
    ) throws -> HTTPResponse {
        let page = try HTML.page(
            language: context.language.rawValue, title: "\(title) – Skylt Studio", stylesheet: stylesheetPath,
            skipLinkText: context.t("Till innehållet", "Skip to content"),
            navigationLabel: context.t("Huvudmeny", "Main menu"),
            header: try banner(context, languageSwitch: languageSwitch), navigation: try navigation(context),
            footer: try footer(context.language),
            main: main)
        return .html(page.rendered, status: status)
    }

    /// The banner: the studio's name, the signed-in user and role, logout, and the language
    /// switch (a form, so it works without JavaScript).
    static func banner(_ context: WebContext, languageSwitch showsSwitch: Bool) throws -> HTML {
        try HTML.element(.div, [.class("banner")]) {
            HTML.element(.a, [.class("brand"), try .href("/")]) { "Skylt Studio" }
            if showsSwitch { try languageSwitch(context.language, back: languageBack(context)) }
            if let session = context.session {
                try HTML.element(.div, [.class("account")]) {
                    HTML.element(.span) {
                        context.t("Inloggad som ", "Signed in as ")
                        HTML.element(.strong) { session.userName }
                        " (\(roleName(session.role, context)))"
                    }
                    HTML.element(.a, [try .href("/account")]) { context.t("Konto", "Account") }
                    try HTML.postForm(action: "/logout", csrfToken: session.csrfToken, [.class("inline")]) {
                        HTML.button(context.t("Logga ut", "Log out"))
                    }
                }
            }
        }
    }

    /// The page the language switch goes back to: for a GET, the page itself with its query;
    /// for a page answering a POST (a refused form), the same path when it has a page of its
    /// own, else the start page, since a GET of a POST-only path has nothing to show.
    static func languageBack(_ context: WebContext) -> String {
        let request = context.request
        guard request.method == "GET" || request.method == "HEAD" else {
            let hasPage = context.web.routes.contains { $0.method == "GET" && $0.match(request.path) != nil }
            return hasPage ? request.path : "/"
        }
        guard !request.query.isEmpty else { return request.path }
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let query = request.query.map { item in
            (item.name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "="
                + (item.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
        let back = request.path + "?" + query
        return LoginPages.isLocalPath(back) ? back : request.path
    }

    /// A form per other language: one button, named in that language.
    static func languageSwitch(_ current: WebLanguage, back: String) throws -> HTML {
        try HTML.element(.div, [.class("language")]) {
            for language in WebLanguage.allCases where language != current {
                try HTML.element(
                    .form, [try HTMLAttribute("method", "post"), try HTMLAttribute("action", "/language")]
                ) {
                    HTML.void(.input, [.type("hidden"), .name("lang"), .value(language.rawValue)])
                    HTML.void(.input, [.type("hidden"), .name("back"), .value(back)])
                    HTML.element(.button, [.type("submit"), try HTMLAttribute("lang", language.rawValue)]) {
                        language.ownName
                    }
                }
            }
        }
    }

    /// Links to the parts of the studio the user may use.
    static func navigation(_ context: WebContext) throws -> HTML {
        guard let session = context.session else { return .empty }
        var links: [(String, String)] = [("/", context.t("Kanaler", "Channels"))]
        // A publisher's inbox, and a contributor's own list; someone who is both gets both.
        let inbox = try InboxPage.navigationLink(session, context)
        if let inbox { links.append(inbox) }
        if try inbox == nil || !context.studio.organisations(ofUser: session.userID).isEmpty {
            links.append((MyContributionsPage.path, context.t("Mina bidrag", "My contributions")))
        }
        if session.role == .admin {
            links += [
                ("/screens", context.t("Skärmar", "Screens")), ("/admin/users", context.t("Användare", "Users")),
                ("/admin/audit", context.t("Logg", "Audit log")),
            ]
        }
        return try HTML.element(.ul) {
            for (path, label) in links {
                try HTML.element(.li) {
                    let current = context.request.path == path
                    HTML.element(.a, [try .href(path)] + (current ? [try .aria("current", "page")] : [])) { label }
                }
            }
        }
    }

    static func footer(_ language: WebLanguage) throws -> HTML {
        try HTML.element(.p) {
            HTML.element(.a, [try .href("/accessibility")]) {
                language == .sv ? "Tillgänglighetsredogörelse" : "Accessibility statement"
            }
        }
    }

    /// The role's name in the page's language.
    public static func roleName(_ role: Role, _ context: WebContext) -> String {
        switch role {
        case .admin: context.t("administratör", "admin")
        case .publisher: context.t("publicerare", "publisher")
        case .editor: context.t("redaktör", "editor")
        case .contributor: context.t("bidragsgivare", "contributor")
        }
    }

    /// The role's name in a channel, in the page's language.
    public static func roleName(_ role: ChannelRole, _ context: WebContext) -> String {
        switch role {
        case .publisher: context.t("publicerare", "publisher")
        case .contributor: context.t("bidragsgivare", "contributor")
        }
    }
}
