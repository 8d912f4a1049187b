import Foundation
import SkyltCore
import SkyltHTML
import SkyltHTTP
import SkyltStudio

/// Publishing a channel: what is on the screens now, what the next version changes, what
/// would stop it, and the button; after a publish, its version and the after-publish
/// command's result.
enum PublishPage {
    static let routes: [WebRoute] = [
        WebRoute("GET", "/channels/{channel}/publish", .channel(.publisher), show),
        WebRoute("POST", "/channels/{channel}/publish", .channel(.publisher), publish),
    ]

    static func path(_ channel: String) -> String { "/channels/\(channel)/publish" }

    static func show(_ context: inout WebContext) throws -> HTTPResponse {
        let done = context.field("done").flatMap(Int.init)
        return try page(context, done: done, failure: nil, status: 200)
    }

    /// Publishes, then sends the browser to the page that shows the new version (so that a
    /// reload does not publish again). The publisher's name is the studio's actor, in the
    /// audit log and the publication's row.
    ///
    /// A publish already running answers 409 at once rather than holding a server thread; the
    /// after-publish command (which may sync a whole site for minutes) runs on a thread of its
    /// own with a studio of its own, and the page shows its result once it is recorded.
    static func publish(_ context: inout WebContext) throws -> HTTPResponse {
        try publish(
            context, expectedVersion: context.field("expected").flatMap(Int.init) ?? -1,
            digest: context.field("digest") ?? "")
    }

    /// Publishes the route's channel when it is still at `expectedVersion` and `digest` (what
    /// the publisher saw); the publish page's and the review's "approve and publish" way.
    static func publish(_ context: WebContext, expectedVersion: Int, digest: String) throws -> HTTPResponse {
        let name = context.parameter("channel")
        do throws(StudioError) {
            let summary = try context.studio.publishBundle(
                channel: name, expectedVersion: expectedVersion, expectedDigest: digest)
            if context.studio.config.afterPublish != nil {
                startAfterPublish(
                    data: context.studio.folder.url, channel: name, version: summary.version,
                    actor: context.studio.actor, context.web)
            }
            return .redirect(to: "\(path(name))?done=\(summary.version)")
        } catch {
            let status: Int
            switch error.code {
            case .playlistProblems, .publishBusy, .publishStale: status = 409
            default: status = 500
            }
            if status == 500 { context.web.options.logger.error("studio: publish of \(name) failed: \(error)") }
            return try page(context, done: nil, failure: error, status: status)
        }
    }

    /// Runs the after-publish command of `version` in the background; a failure to even
    /// record it goes to the log.
    static func startAfterPublish(data: URL, channel: String, version: Int, actor: String, _ web: StudioWeb) {
        let logger = web.options.logger
        Thread.detachNewThread {
            do throws(StudioError) {
                try Studio.open(data: data, actor: actor).runAfterPublish(channel: channel, version: version)
            } catch {
                logger.error("studio: the after-publish command of \(channel) version \(version): \(error)")
            }
        }
    }

    static func page(_ context: WebContext, done: Int?, failure: StudioError?, status: Int) throws -> HTTPResponse {
        let name = context.parameter("channel")
        let studio = context.studio
        let channel = try studio.channel(named: name)
        let current = try studio.publication(channel: name)
        let justDone = try done.flatMap { version throws(StudioError) in
            try studio.publication(channel: name, version: version)
        }
        let changes = try studio.pendingChanges(channel: name)
        let problems: [String]
        do throws(StudioError) {
            problems = try studio.publishProblems(channel: name).map { problemText($0, context) }
        } catch {
            context.web.options.logger.error("studio: checking \(name) before publishing: \(error)")
            problems = [
                context.t(
                    "Kanalen kunde inte kontrolleras. En administratör hittar orsaken i studions logg.",
                    "The channel could not be checked. An admin finds the reason in the studio's log.")
            ]
        }
        let title = context.t("Publicera \(name)", "Publish \(name)")
        return try WebPage.render(context, title: title, status: status) {
            HTML.element(.h1) { title }
            if let justDone { try PublishPageParts.result(justDone, context) }
            if let failure { try PublishPageParts.failure(failure, context) }
            HTML.element(.h2) { context.t("På skärmarna nu", "On the screens now") }
            PublishPageParts.current(channel, current, context)
            try PublishPageParts.changes(changes, context)
            if !problems.isEmpty { try PublishPageParts.problems(problems, context) }
            try PublishPageParts.form(channel, digest: changes.contentDigest, blocked: !problems.isEmpty, context)
        }
    }

    /// A problem of the staged playlist in plain words: the slide and field it concerns
    /// (the staging folder's file name means nothing to a publisher).
    static func problemText(_ problem: Problem, _ context: WebContext) -> String {
        var text = ""
        if let slide = problem.slide { text += context.t("Bilden \(slide)", "Slide \(slide)") + ", " }
        if !problem.field.isEmpty { text += context.t("fältet \(problem.field)", "field \(problem.field)") + ": " }
        return text + problem.message
    }
}
