import Foundation
import SkyltHTTP
import SkyltStudio

/// A publisher's review of a contribution on its page: send it back with a reason, or
/// approve it and publish the channel at once. (Approving alone is `SlideRoutes.approve`.)
enum ReviewRoutes {
    static let routes: [WebRoute] = [
        WebRoute("POST", "/channels/{channel}/slides/{slide}/return", .channel(.publisher), sendBack),
        WebRoute("POST", "/channels/{channel}/slides/{slide}/approve-publish", .channel(.publisher), approvePublish),
    ]

    /// Sends the contribution back with the reason typed; an empty or too long reason comes
    /// back at its field (400) with the text kept.
    static func sendBack(_ context: inout WebContext) throws -> HTTPResponse {
        guard let visible = context.channel, let session = context.session,
            let stored = try SlideRoutes.storedSlide(context)
        else { return WebPage.plain(context.language, status: 404, WebPage.notFound) }
        let reason = context.field("reason") ?? ""
        do throws(StudioError) {
            try context.studio.sendBackContribution(
                stored.key, reason: reason, channel: visible.channel, by: session.userID)
        } catch {
            guard let words = ContributionWords.refusal(error, context) else { throw error }
            if case .contributionRefused(let refusal) = error.code,
                refusal.code == .reasonMissing || refusal.code == .reasonTooLong
            {
                return try SlideRoutes.storedPage(
                    stored, visible, context, message: nil, status: 400, reason: (reason, words))
            }
            return try SlideRoutes.storedPage(stored, visible, context, message: words, status: 409)
        }
        return .redirect(to: "/channels/\(visible.channel.name)/slides/\(stored.key)?done=returned")
    }

    /// Approves the revision shown, then publishes the channel as it now stands, through the
    /// publish page's own code; the publish page then shows the new version, or why it failed.
    static func approvePublish(_ context: inout WebContext) throws -> HTTPResponse {
        guard let visible = context.channel, let stored = try SlideRoutes.storedSlide(context) else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        if let refused = try SlideRoutes.approveShown(stored, visible, context) { return refused }
        let name = visible.channel.name
        let channel = try context.studio.channel(named: name)
        let changes = try context.studio.pendingChanges(channel: name)
        return try PublishPage.publish(
            context, expectedVersion: channel.publishedVersion + 1, digest: changes.contentDigest)
    }
}
