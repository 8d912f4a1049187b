import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// The admin's list of users: who they are, what they may do, and the ways to change it
/// (disable, a role in a channel, an invitation for someone new).
enum UsersPage {
    static let routes: [WebRoute] = [
        WebRoute("GET", "/admin/users", .admin, show),
        WebRoute("POST", "/admin/users/{user}/disabled", .admin, setDisabled),
        WebRoute("POST", "/admin/members", .admin, setChannelRole),
    ]

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        try page(context, notice: nil, errors: [:], status: 200)
    }

    static func page(_ context: WebContext, notice: String?, errors: [String: String], status: Int) throws
        -> HTTPResponse
    {
        let users = try context.studio.users()
        let channels = try context.studio.channels(visibleTo: context.session?.userID ?? 0, role: .admin)
            .map(\.channel.name)
        return try WebPage.render(context, title: context.t("Användare", "Users"), status: status) {
            HTML.element(.h1) { context.t("Användare", "Users") }
            if let notice { try AdminHTML.notice(notice) }
            try table(users, context)
            HTML.element(.h2) { context.t("Roll i en kanal", "Role in a channel") }
            try roleForm(users, channels: channels, errors: errors, context)
            HTML.element(.h2) { context.t("Bjud in en ny användare", "Invite a new user") }
            try InvitePages.form(channels: channels, errors: errors, context)
        }
    }

    static func table(_ users: [UserSummary], _ context: WebContext) throws -> HTML {
        let rows = try users.map { user -> [HTML] in
            let channels = user.channels.sorted { $0.key < $1.key }
                .map { "\($0.key): \(WebPage.roleName($0.value, context))" }.joined(separator: ", ")
            let isSelf = user.id == context.session?.userID
            let action: HTML =
                isSelf
                ? .text(context.t("(du själv)", "(yourself)"))
                : try HTML.postForm(
                    action: "/admin/users/\(user.id)/disabled", csrfToken: context.csrfToken, [.class("inline")]
                ) {
                    HTML.void(.input, [.type("hidden"), .name("disabled"), .value(user.disabled ? "0" : "1")])
                    HTML.element(.button, [.type("submit"), .class(user.disabled ? "secondary" : "danger")]) {
                        user.disabled
                            ? context.t("Aktivera \(user.name)", "Enable \(user.name)")
                            : context.t("Stäng av \(user.name)", "Disable \(user.name)")
                    }
                }
            let email = try context.studio.email(ofUser: user.id)
            return [
                .text(user.name), .text(WebPage.roleName(user.role, context)),
                .text(channels.isEmpty ? "–" : channels), .text(email ?? "–"),
                .text(user.disabled ? context.t("avstängd", "disabled") : context.t("aktiv", "active")), action,
            ]
        }
        return AdminHTML.table(
            caption: context.t("Alla användare", "All users"),
            headers: [
                context.t("Namn", "Name"), context.t("Roll", "Role"), context.t("Kanaler", "Channels"),
                context.t("E-post", "Mail"), context.t("Status", "Status"), context.t("Ändra", "Change"),
            ], rows: rows)
    }

    static func roleForm(_ users: [UserSummary], channels: [String], errors: [String: String], _ context: WebContext)
        throws -> HTML
    {
        try HTML.postForm(action: "/admin/members", csrfToken: context.csrfToken) {
            try AdminHTML.select(
                id: "member-user", name: "user", label: context.t("Användare", "User"),
                options: users.filter { $0.role != .admin }.map { (String($0.id), $0.name) }, selected: "",
                error: errors["user"])
            try AdminHTML.select(
                id: "member-channel", name: "channel", label: context.t("Kanal", "Channel"),
                options: channels.map { ($0, $0) }, selected: "", error: errors["channel"])
            try AdminHTML.select(
                id: "member-role", name: "role", label: context.t("Roll", "Role"),
                options: [
                    ("publisher", WebPage.roleName(ChannelRole.publisher, context)),
                    ("contributor", WebPage.roleName(ChannelRole.contributor, context)),
                    ("none", context.t("ingen (ta bort ur kanalen)", "none (remove from the channel)")),
                ], selected: "contributor")
            HTML.button(context.t("Spara roll", "Save role"))
        }
    }

    static func setDisabled(_ context: inout WebContext) throws -> HTTPResponse {
        guard let user = try userFromPath(context) else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        guard user.id != context.session?.userID else {
            return try page(
                context, notice: context.t("Du kan inte stänga av dig själv.", "You cannot disable yourself."),
                errors: [:], status: 400)
        }
        let disable = context.field("disabled") == "1"
        try context.studio.setDisabled(disable, name: user.name)
        return .redirect(to: "/admin/users")
    }

    static func setChannelRole(_ context: inout WebContext) throws -> HTTPResponse {
        let users = try context.studio.users()
        var errors: [String: String] = [:]
        let user = users.first { String($0.id) == context.field("user") }
        if user == nil { errors["user"] = context.t("Välj en användare.", "Choose a user.") }
        let channelName = context.field("channel") ?? ""
        let channel = ChannelName.isValid(channelName) ? try? context.studio.channel(named: channelName) : nil
        if channel == nil { errors["channel"] = context.t("Välj en kanal.", "Choose a channel.") }
        guard let user, let channel else { return try page(context, notice: nil, errors: errors, status: 400) }
        let role = ChannelRole(rawValue: context.field("role") ?? "")
        try context.studio.setMembership(userID: user.id, userName: user.name, channel: channel, role: role)
        return .redirect(to: "/admin/users")
    }

    static func userFromPath(_ context: WebContext) throws -> UserSummary? {
        guard let id = Int64(context.parameter("user")) else { return nil }
        return try context.studio.users().first { $0.id == id }
    }
}
