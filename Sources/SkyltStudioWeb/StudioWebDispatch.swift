import Foundation
import SkyltCore
import SkyltHTML
import SkyltHTTP
import SkyltStudio

extension StudioWeb {
    /// Checks the session, the route's access and the CSRF token, then runs the route.
    func respond(
        _ request: HTTPRequest, route: WebRoute, parameters: [String: String], language: WebLanguage,
        studio: Studio
    ) -> HTTPResponse {
        do {
            let form = HTTPFormBody(request)
            let session = try currentSession(request, studio: studio)
            studio.actor = session?.userName ?? "anonymous (\(request.remoteAddress))"
            let channel: VisibleChannel?
            switch admit(
                route, request: request, session: session, parameters: parameters, language: language, studio: studio)
            {
            case .admitted(let visible): channel = visible
            case .refused(let response): return response
            }
            if request.method == "POST", route.access != .everyone {
                guard let session,
                    Accounts(studio: studio).checkCSRF(
                        session: session, submitted: form.value(HTML.csrfFieldName) ?? "")
                else { return WebPage.plain(language, status: 403, WebPage.formExpired) }
            }
            var context = WebContext(
                request: request, form: form, session: session, language: language, parameters: parameters,
                studio: studio, channel: channel, web: self)
            var response = try route.handler(&context)
            for cookie in context.cookies { response.headers.add("Set-Cookie", cookie) }
            return response
        } catch let error as StudioError {
            // The review workflow refusing a step (a contributor changing another
            // organisation's slide) is a matter of rights, not a failure of the studio.
            if case .contributionRefused(let refusal) = error.code, refusal.code == .notTheirOrganisation {
                return WebPage.plain(language, status: 403, WebPage.forbidden)
            }
            options.logger.error("studio: \(request.method) \(request.path) failed: \(error)")
            return WebPage.plain(language, status: 500, WebPage.internalError)
        } catch {
            options.logger.error("studio: \(request.method) \(request.path) failed: \(error)")
            return WebPage.plain(language, status: 500, WebPage.internalError)
        }
    }

    /// The live session of the request's cookie, or nil.
    func currentSession(_ request: HTTPRequest, studio: Studio) throws(StudioError) -> Session? {
        guard let token = WebCookies.value(sessionCookieName, in: request.headers["Cookie"]), !token.isEmpty else {
            return nil
        }
        return try Accounts(studio: studio, policy: options.accounts).session(token: token)
    }

    enum Admission {
        case admitted(VisibleChannel?)
        case refused(HTTPResponse)
    }

    /// Whether `session` may use `route`: signed out, a GET goes to the login page (and comes
    /// back after); a channel the user is not a member of is answered as if it did not exist.
    func admit(
        _ route: WebRoute, request: HTTPRequest, session: Session?, parameters: [String: String],
        language: WebLanguage, studio: Studio
    ) -> Admission {
        if route.access == .everyone { return .admitted(nil) }
        guard let session else {
            if request.method == "GET" { return .refused(.redirect(to: LoginPages.loginPath(next: request.path))) }
            return .refused(WebPage.plain(language, status: 403, WebPage.signedOut))
        }
        switch route.access {
        case .everyone, .signedIn:
            return .admitted(nil)
        case .admin:
            return session.role == .admin
                ? .admitted(nil) : .refused(WebPage.plain(language, status: 403, WebPage.forbidden))
        case .channel(let needed):
            let name = parameters["channel"] ?? ""
            guard ChannelName.isValid(name), let channel = try? studio.channel(named: name),
                let role = try? studio.channelRole(userID: session.userID, role: session.role, channel: channel)
            else { return .refused(WebPage.plain(language, status: 404, WebPage.notFound)) }
            guard role >= needed else { return .refused(WebPage.plain(language, status: 403, WebPage.forbidden)) }
            return .admitted(VisibleChannel(channel: channel, role: role))
        }
    }
}
