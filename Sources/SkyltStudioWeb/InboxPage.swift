import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// The publishers' inbox: every contribution sent for review in the channels they publish,
/// oldest first, each a link to its page (where the previews and the review forms are).
enum InboxPage {
    static let path = "/inbox"

    static let routes: [WebRoute] = [
        WebRoute("GET", path, .signedIn, show),
        WebRoute("GET", MyContributionsPage.path, .signedIn, MyContributionsPage.show),
    ]

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        guard let session = context.session else { return .redirect(to: "/login") }
        let items = try context.studio.inbox(for: session.userID, role: session.role)
        let title = context.t("Att granska", "To review")
        return try WebPage.render(context, title: title) {
            HTML.element(.h1) { title }
            if items.isEmpty {
                HTML.element(.p) {
                    context.t("Inget bidrag väntar på granskning.", "No contribution is waiting for review.")
                }
            } else {
                try table(items, context)
            }
        }
    }

    static func table(_ items: [InboxItem], _ context: WebContext) throws -> HTML {
        try HTML.table(
            caption: context.t(
                "Bidrag som väntar på granskning, äldst först", "Contributions waiting for review, oldest first")
        ) {
            HTML.element(.thead) {
                HTML.element(.tr) {
                    HTML.element(.th, [.scope("col")]) { context.t("Bild", "Slide") }
                    HTML.element(.th, [.scope("col")]) { context.t("Kanal", "Channel") }
                    HTML.element(.th, [.scope("col")]) { context.t("Organisation", "Organisation") }
                    HTML.element(.th, [.scope("col")]) { context.t("Skickad", "Sent") }
                }
            }
            try HTML.element(.tbody) {
                for item in items {
                    try HTML.element(.tr) {
                        try HTML.element(.th, [.scope("row")]) {
                            HTML.element(.a, [try .href("/channels/\(item.channel)/slides/\(item.slideKey)")]) {
                                item.title
                            }
                        }
                        HTML.element(.td) { item.channel }
                        HTML.element(.td) { item.organisation ?? context.t("ingen", "none") }
                        HTML.element(.td) { SlideStatusHTML.time(item.submittedAt) }
                    }
                }
            }
        }
    }

    /// "To review (N)" in the navigation of publishers and admins: one COUNT query a page.
    static func navigationLink(_ session: Session, _ context: WebContext) throws -> (String, String)? {
        guard try session.role == .admin || context.studio.publishesAnyChannel(userID: session.userID) else {
            return nil
        }
        let count = try context.studio.inboxCount(for: session.userID, role: session.role)
        return (path, context.t("Att granska (\(count))", "To review (\(count))"))
    }
}
