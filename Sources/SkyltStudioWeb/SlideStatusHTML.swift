import Foundation
import SkyltCore
import SkyltHTML
import SkyltStudio

/// Who answers for a slide and where it stands, in words (never by colour alone), and the
/// buttons that change it.
enum SlideStatusHTML {
    /// "on screen", "waiting for approval", or both when a newer revision waits.
    static func status(_ slide: SlideSummary, _ context: WebContext) -> String {
        if slide.archived { return context.t("arkiverad", "archived") }
        switch (slide.isLive, slide.isWaiting) {
        case (true, false): return context.t("visas", "on screen")
        case (true, true):
            return context.t(
                "visas; en nyare version väntar på godkännande", "on screen; a newer version waits for approval")
        default: return context.t("väntar på godkännande", "waiting for approval")
        }
    }

    static func actor(_ actor: SlideActor?, _ context: WebContext) -> String {
        switch actor {
        case .user(let name): name
        case .commandLine: context.t("kommandoraden", "command line")
        case nil: context.t("ingen ännu", "nobody yet")
        }
    }

    /// A time from the database (UTC) as a short local text.
    static func time(_ text: String?) -> String {
        guard let text, let date = ISO8601.parse(text) else { return text ?? "" }
        return SlideDateField.formatter(
            "yyyy-MM-dd HH:mm", TimeZone(identifier: "Europe/Stockholm") ?? TimeZone.current
        )
        .string(from: date)
    }

    static func languageName(_ code: String, _ context: WebContext) -> String {
        let own = LanguageCode.nativeName(code)
        return own.map { "\($0) (\(code))" } ?? code
    }

    /// The slide's status, author and publisher, as a description list.
    static func details(_ slide: SlideSummary, _ context: WebContext) throws -> HTML {
        HTML.element(.dl, [.class("slide-status")]) {
            HTML.element(.dt) { context.t("Status", "Status") }
            HTML.element(.dd) { status(slide, context) }
            HTML.element(.dt) { context.t("Senast ändrad av", "Last changed by") }
            HTML.element(.dd) { "\(actor(slide.author, context)), \(time(slide.updatedAt))" }
            HTML.element(.dt) { context.t("Godkänd av", "Approved by") }
            HTML.element(.dd) {
                slide.approvedBy == nil
                    ? actor(nil, context) : "\(actor(slide.approvedBy, context)), \(time(slide.approvedAt))"
            }
        }
    }

    /// Approve (when a revision waits), archive or bring back, for publishers; the history for
    /// everyone. The approve form names `revision`, the newest one the page shows, so that a
    /// revision saved after the publisher looked is never approved unseen.
    /// `approvable` is false for a contribution, which the review forms approve instead.
    static func actions(
        key: String, _ slide: SlideSummary, revision: Int, channel: VisibleChannel, approvable: Bool = true,
        _ context: WebContext
    ) throws -> HTML {
        let path = "/channels/\(channel.channel.name)/slides/\(key)"
        return try HTML.element(.div, [.class("actions")]) {
            HTML.element(.a, [try .href(path + "/revisions")]) { context.t("Tidigare versioner", "Earlier versions") }
            if channel.role == .publisher {
                if approvable, slide.isWaiting, !slide.archived {
                    try HTML.postForm(action: path + "/approve", csrfToken: context.csrfToken) {
                        HTML.void(.input, [.type("hidden"), .name("revision"), .value(String(revision))])
                        HTML.button(context.t("Godkänn senaste versionen", "Approve the latest version"))
                    }
                }
                try HTML.postForm(action: path + "/archive", csrfToken: context.csrfToken) {
                    HTML.void(.input, [.type("hidden"), .name("archived"), .value(slide.archived ? "0" : "1")])
                    HTML.element(.button, [.type("submit"), .class(slide.archived ? "secondary" : "danger")]) {
                        slide.archived
                            ? context.t("Ta tillbaka från arkivet", "Bring back from the archive")
                            : context.t("Arkivera (ta bort från skärmarna)", "Archive (take off the screens)")
                    }
                }
            }
        }
    }
}
