import Foundation
import SkyltCore
import SkyltHTTP
import SkyltStudio

/// Making slides: the channel's list, the form for a new or stored slide (preview or save),
/// approval, archive, and the history of revisions.
enum SlideRoutes {
    static let routes: [WebRoute] =
        [
            WebRoute("GET", "/channels/{channel}", .channel(.contributor), ChannelPage.show),
            WebRoute("GET", "/channels/{channel}/slides/new", .channel(.contributor), newSlide),
            WebRoute("POST", "/channels/{channel}/slides", .channel(.contributor), create),
            WebRoute("GET", "/channels/{channel}/slides/{slide}", .channel(.contributor), edit),
            WebRoute("POST", "/channels/{channel}/slides/{slide}", .channel(.contributor), update),
            WebRoute("POST", "/channels/{channel}/slides/{slide}/approve", .channel(.publisher), approve),
            WebRoute("POST", "/channels/{channel}/slides/{slide}/archive", .channel(.publisher), archive),
        ] + SlideRevisionsPage.routes + ReviewRoutes.routes

    static func newSlide(_ context: inout WebContext) throws -> HTTPResponse {
        guard let visible = context.channel else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        let template = context.field("template") ?? ""
        guard SlideTemplates.names.contains(template) else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        let languages = try context.studio.languages(of: visible.channel)
        var values = SlideFormValues(
            slide: .object([:]), template: template, languages: languages, timeZone: try timeZone(visible, context))
        values.values["priority"] = "normal"
        return try SlideEditorPage(
            context: context, channel: visible, key: nil, values: values, problems: [], images: [], summary: nil,
            message: nil, revision: nil
        ).render(status: 200)
    }

    static func edit(_ context: inout WebContext) throws -> HTTPResponse {
        guard let visible = context.channel, let stored = try storedSlide(context) else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        let message: String? =
            switch context.field("done") ?? "" {
            case "saved": context.t("Bilden är sparad.", "The slide is saved.")
            case "submitted":
                context.t(
                    "Bilden är skickad för granskning. En publicerare tittar på den.",
                    "The slide is sent for review. A publisher will look at it.")
            case "returned": context.t("Bilden är skickad tillbaka.", "The slide is sent back.")
            case "approved": context.t("Bilden är godkänd.", "The slide is approved.")
            case "archived": context.t("Bilden är arkiverad.", "The slide is archived.")
            case "restored": context.t("Versionen är återställd.", "The version is restored.")
            default: nil
            }
        return try storedPage(stored, visible, context, message: message, status: 200)
    }

    /// The form of a stored slide's newest revision, checked and previewed, with `message`
    /// above it (a warning when `status` is not 200).
    static func storedPage(
        _ stored: StoredSlide, _ visible: VisibleChannel, _ context: WebContext, message: String?, status: Int,
        reason: (text: String, error: String?) = ("", nil)
    ) throws -> HTTPResponse {
        let studio = context.studio
        let template = SlideText.string(stored.content, "template") ?? ""
        let values = SlideFormValues(
            slide: stored.content, template: template, languages: try studio.languages(of: visible.channel),
            timeZone: try timeZone(visible, context))
        let media = try studio.media(of: stored.content, slide: stored.key, channel: visible.channel)
        var problems = try SlideSubmission.check(stored.content, media: media, channel: visible, context)
        let result = try SlideSubmission.preview(stored.content, media: media, values: values, visible, context)
        problems += result.problems
        return try SlideEditorPage(
            context: context, channel: visible, key: stored.key, values: values, problems: problems,
            images: result.images, summary: try summary(stored.key, visible, context), message: message,
            revision: stored.revision, messageIsWarning: status != 200, reviewReason: reason.text,
            reviewError: reason.error
        ).render(status: status)
    }

    static func create(_ context: inout WebContext) throws -> HTTPResponse {
        guard let visible = context.channel, let template = context.field("template"),
            SlideTemplates.names.contains(template)
        else { return WebPage.plain(context.language, status: 404, WebPage.notFound) }
        return try SlideSubmission(context: context, channel: visible, key: nil, template: template).respond()
    }

    static func update(_ context: inout WebContext) throws -> HTTPResponse {
        guard let visible = context.channel, let stored = try storedSlide(context) else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        let template = SlideText.string(stored.content, "template") ?? ""
        return try SlideSubmission(context: context, channel: visible, key: stored.key, template: template).respond()
    }

    /// Approves the revision the publisher's page showed (`revision`); when a newer one was
    /// saved meanwhile (or none is named), the page comes back with the newer one and says so.
    static func approve(_ context: inout WebContext) throws -> HTTPResponse {
        guard let visible = context.channel, let stored = try storedSlide(context) else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        if let refused = try approveShown(stored, visible, context) { return refused }
        return .redirect(to: "/channels/\(visible.channel.name)/slides/\(stored.key)?done=approved")
    }

    /// Approves the revision the form names; nil when done, else the slide's page with why
    /// not (409): a newer revision, or a contribution the review does not let through.
    static func approveShown(_ stored: StoredSlide, _ visible: VisibleChannel, _ context: WebContext) throws
        -> HTTPResponse?
    {
        guard let session = context.session else {
            return WebPage.plain(context.language, status: 403, WebPage.signedOut)
        }
        let revision = Int(context.field("revision") ?? "") ?? 0
        let message: String
        do throws(StudioError) {
            try context.studio.approveSlide(
                stored.key, revision: revision, channel: visible.channel, by: session.userID)
            return nil
        } catch  where error.code == .staleRevision {
            message = context.t(
                "Bilden godkändes inte: någon sparade en nyare version efter att du öppnade sidan. Titta på den nya versionen här nedanför först, och godkänn den om den är rätt.",
                "The slide was not approved: someone saved a newer version after you opened the page. Look at the new version below first, and approve it if it is right."
            )
        } catch {
            guard let words = ContributionWords.refusal(error, context) else { throw error }
            message = words
        }
        let newest = try storedSlide(context) ?? stored
        return try storedPage(newest, visible, context, message: message, status: 409)
    }

    static func archive(_ context: inout WebContext) throws -> HTTPResponse {
        guard let visible = context.channel, let stored = try storedSlide(context) else {
            return WebPage.plain(context.language, status: 404, WebPage.notFound)
        }
        let archived = context.field("archived") != "0"
        try context.studio.setArchived(stored.key, channel: visible.channel, archived: archived)
        return .redirect(
            to: "/channels/\(visible.channel.name)/slides/\(stored.key)" + (archived ? "?done=archived" : ""))
    }

    /// The route's `{slide}` of its channel, or nil when there is none.
    static func storedSlide(_ context: WebContext) throws -> StoredSlide? {
        guard let visible = context.channel else { return nil }
        do throws(StudioError) {
            return try context.studio.slide(context.parameter("slide"), of: visible.channel)
        } catch  where error.code == .unknownSlide {
            return nil
        }
    }

    static func summary(_ key: String, _ visible: VisibleChannel, _ context: WebContext) throws -> SlideSummary? {
        try context.studio.slides(of: visible.channel).first { $0.key == key }
    }

    /// The channel's `timeZone` (Europe/Stockholm when the settings have none), for the form's
    /// local date-times.
    static func timeZone(_ visible: VisibleChannel, _ context: WebContext) throws -> TimeZone {
        let settings = try context.studio.settings(of: visible.channel)
        if case .object(let root) = settings, case .string(let name)? = root["timeZone"],
            let zone = TimeZone(identifier: name)
        {
            return zone
        }
        return TimeZone(identifier: "Europe/Stockholm") ?? TimeZone.current
    }
}
