import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// The start page: the channels the user may work in, and their role in each.
enum HomePage {
    static let routes: [WebRoute] = [WebRoute("GET", "/", .signedIn, show)]

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        guard let session = context.session else { return .redirect(to: "/login") }
        let channels = try context.studio.channels(visibleTo: session.userID, role: session.role)
        return try WebPage.render(context, title: context.t("Kanaler", "Channels")) {
            HTML.element(.h1) { context.t("Kanaler", "Channels") }
            if channels.isEmpty {
                HTML.element(.p) {
                    context.isAdmin
                        ? context.t("Det finns inga kanaler än.", "There are no channels yet.")
                        : context.t(
                            "Du har ingen kanal än. Be en administratör att ge dig en.",
                            "You have no channel yet. Ask an admin to give you one.")
                }
            } else {
                try table(channels, context)
            }
            if context.isAdmin {
                try HTML.element(.p) {
                    HTML.element(.a, [.class("button"), try .href("/admin/channels/new")]) {
                        context.t("Ny kanal", "New channel")
                    }
                    " "
                    HTML.element(.a, [.class("button secondary"), try .href("/admin/organisations")]) {
                        context.t("Organisationer", "Organisations")
                    }
                }
            }
        }
    }

    static func table(_ channels: [VisibleChannel], _ context: WebContext) throws -> HTML {
        try HTML.table(caption: context.t("Dina kanaler", "Your channels")) {
            HTML.element(.thead) {
                HTML.element(.tr) {
                    HTML.element(.th, [.scope("col")]) { context.t("Kanal", "Channel") }
                    HTML.element(.th, [.scope("col")]) { context.t("Din roll", "Your role") }
                    HTML.element(.th, [.scope("col")]) { context.t("Publicerad version", "Published version") }
                }
            }
            try HTML.element(.tbody) {
                for visible in channels {
                    try HTML.element(.tr) {
                        try HTML.element(.td) {
                            HTML.element(.a, [try .href("/channels/\(visible.channel.name)")]) { visible.channel.name }
                        }
                        HTML.element(.td) { WebPage.roleName(visible.role, context) }
                        HTML.element(.td) {
                            visible.channel.publishedVersion == 0
                                ? context.t("inte publicerad", "not published")
                                : String(visible.channel.publishedVersion)
                        }
                    }
                }
            }
        }
    }
}
