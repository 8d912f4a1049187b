import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// A contributor's own slides: those their organisations send, in every channel they work
/// in, with where each stands; the ones sent back first, with the publisher's reason.
enum MyContributionsPage {
    static let path = "/contributions"

    struct Row {
        var channel: String
        var slide: SlideSummary
        var review: SlideReview
    }

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        guard let session = context.session else { return .redirect(to: "/login") }
        let rows = try rows(session, context)
        let title = context.t("Mina bidrag", "My contributions")
        return try WebPage.render(context, title: title) {
            HTML.element(.h1) { title }
            if rows.isEmpty {
                HTML.element(.p) {
                    context.t(
                        "Dina organisationer har inte skickat några bilder än.",
                        "Your organisations have not sent any slides yet.")
                }
            } else {
                try table(rows, context)
            }
        }
    }

    /// The slides of the user's organisations, returned ones first, then by channel and order.
    static func rows(_ session: Session, _ context: WebContext) throws -> [Row] {
        let studio = context.studio
        let own = Set(try studio.organisations(ofUser: session.userID).map(\.id))
        guard !own.isEmpty else { return [] }
        var rows: [Row] = []
        for visible in try studio.channels(visibleTo: session.userID, role: session.role) {
            for slide in try studio.slides(of: visible.channel) where !slide.archived {
                let review = try studio.review(of: slide.key, channel: visible.channel)
                guard let organisation = review.organisation, own.contains(organisation.id) else { continue }
                rows.append(Row(channel: visible.channel.name, slide: slide, review: review))
            }
        }
        return rows.filter { $0.review.state == .returned } + rows.filter { $0.review.state != .returned }
    }

    static func table(_ rows: [Row], _ context: WebContext) throws -> HTML {
        try HTML.table(caption: context.t("Bilder som dina organisationer skickar", "Slides your organisations send")) {
            HTML.element(.thead) {
                HTML.element(.tr) {
                    HTML.element(.th, [.scope("col")]) { context.t("Bild", "Slide") }
                    HTML.element(.th, [.scope("col")]) { context.t("Kanal", "Channel") }
                    HTML.element(.th, [.scope("col")]) { context.t("Organisation", "Organisation") }
                    HTML.element(.th, [.scope("col")]) { context.t("Granskning", "Review") }
                    HTML.element(.th, [.scope("col")]) { context.t("Skäl", "Reason") }
                }
            }
            try HTML.element(.tbody) {
                for row in rows {
                    try HTML.element(.tr) {
                        try HTML.element(.th, [.scope("row")]) {
                            HTML.element(.a, [try .href("/channels/\(row.channel)/slides/\(row.slide.key)")]) {
                                row.slide.title
                            }
                        }
                        HTML.element(.td) { row.channel }
                        HTML.element(.td) { ContributionHTML.sender(row.review.organisation, context) }
                        HTML.element(.td) { ContributionHTML.state(row.review.state, context) }
                        HTML.element(.td) { row.review.state == .returned ? row.review.note ?? "" : "" }
                    }
                }
            }
        }
    }
}
