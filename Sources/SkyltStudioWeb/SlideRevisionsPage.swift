import Foundation
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// A slide's history: every saved revision with its author and time, which one is on the
/// screens, and a button to restore an earlier one (as a new revision: nothing is lost).
enum SlideRevisionsPage {
    static let routes: [WebRoute] = [
        WebRoute("GET", "/channels/{channel}/slides/{slide}/revisions", .channel(.contributor), show),
        WebRoute(
            "POST", "/channels/{channel}/slides/{slide}/revisions/{number}/restore", .channel(.contributor), restore),
    ]

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        guard let visible = context.channel, let stored = try SlideRoutes.storedSlide(context) else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        let revisions = try context.studio.revisions(of: stored.key, channel: visible.channel)
        let path = "/channels/\(visible.channel.name)/slides/\(stored.key)"
        let title = context.t("Versioner av ", "Versions of ") + stored.key
        return try WebPage.render(context, title: title) {
            HTML.element(.h1) { title }
            try HTML.element(.p) { HTML.element(.a, [try .href(path)]) { context.t("Till bilden", "To the slide") } }
            HTML.element(.p) {
                visible.role == .publisher
                    ? context.t(
                        "Att återställa sparar en ny version med samma innehåll. Den visas efter nästa publicering.",
                        "Restoring saves a new version with the same content. It is shown after the next publish.")
                    : context.t(
                        "Att återställa sparar en ny version med samma innehåll. En publicerare behöver godkänna den.",
                        "Restoring saves a new version with the same content. A publisher needs to approve it.")
            }
            try HTML.table(caption: context.t("Sparade versioner, nyast först", "Saved versions, newest first")) {
                HTML.element(.thead) {
                    HTML.element(.tr) {
                        HTML.element(.th, [.scope("col")]) { context.t("Version", "Version") }
                        HTML.element(.th, [.scope("col")]) { context.t("Sparad", "Saved") }
                        HTML.element(.th, [.scope("col")]) { context.t("Av", "By") }
                        HTML.element(.th, [.scope("col")]) { context.t("Status", "Status") }
                        HTML.element(.th, [.scope("col")]) { context.t("Åtgärd", "Action") }
                    }
                }
                try HTML.element(.tbody) {
                    for revision in revisions {
                        try row(revision, latest: revision.number == stored.revision, path: path, context)
                    }
                }
            }
        }
    }

    static func row(_ revision: SlideRevision, latest: Bool, path: String, _ context: WebContext) throws -> HTML {
        try HTML.element(.tr) {
            HTML.element(.th, [.scope("row")]) { String(revision.number) }
            HTML.element(.td) { SlideStatusHTML.time(revision.createdAt) }
            HTML.element(.td) { SlideStatusHTML.actor(revision.author, context) }
            HTML.element(.td) {
                revision.isLive
                    ? context.t("godkänd, visas", "approved, on screen")
                    : (latest ? context.t("senaste", "latest") : "")
            }
            try HTML.element(.td) {
                if !latest {
                    try HTML.postForm(
                        action: "\(path)/revisions/\(revision.number)/restore", csrfToken: context.csrfToken
                    ) {
                        HTML.element(.button, [.type("submit"), .class("secondary")]) {
                            context.t("Återställ version \(revision.number)", "Restore version \(revision.number)")
                        }
                    }
                }
            }
        }
    }

    static func restore(_ context: inout WebContext) throws -> HTTPResponse {
        guard let visible = context.channel, let session = context.session,
            let stored = try SlideRoutes.storedSlide(context), let number = Int(context.parameter("number"))
        else { return WebPage.plain(context.language, status: 404, WebPage.notFound) }
        let known = try context.studio.revisions(of: stored.key, channel: visible.channel).map(\.number)
        guard known.contains(number) else { return WebPage.plain(context.language, status: 404, WebPage.notFound) }
        do throws(StudioError) {
            try context.studio.restoreRevision(
                number, of: stored.key, channel: visible.channel,
                author: SlideAuthor(userID: session.userID, approves: visible.role == .publisher))
        } catch {
            // A contributor restoring another organisation's slide (or a publisher's own).
            guard case .contributionRefused = error.code, let words = ContributionWords.refusal(error, context) else {
                throw error
            }
            return try ContributionWords.refusalPage(words, status: 403, context)
        }
        return .redirect(to: "/channels/\(visible.channel.name)/slides/\(stored.key)?done=restored")
    }
}
