public import Foundation
public import SkyltCore
public import SkyltHTTP
public import SkyltStudio

/// The studio's web interface: routes requests to pages, after the checks every request
/// needs (session, role, CSRF token). Safe to call from the server's threads at once: each
/// request gets its own studio from the pool.
public final class StudioWeb: Sendable {
    /// How the studio is reached and how long things last.
    public struct Options: Sendable {
        /// The URL people use, such as `https://studio.example.org` behind nginx; nil when
        /// reached directly (`http://127.0.0.1:8090`). HTTPS makes the session cookie
        /// `Secure` with the `__Host-` prefix, and its host is answered besides loopback.
        public var publicURL: String?
        public var accounts = Accounts.Policy()
        /// Studios open at once: one per server thread.
        public var poolSize = 4
        public var logger: Logger = .standard

        public init(publicURL: String? = nil) {
            self.publicURL = publicURL
        }
    }

    public let options: Options
    public let data: URL
    let pool: StudioPool
    let routes: [WebRoute]
    /// Renders the slide editor's previews and keeps their PNGs for `/previews/{id}.png`.
    public let previewer: SlidePreviewer

    public init(data: URL, options: Options = Options(), routes: [WebRoute] = StudioWeb.allRoutes)
        throws(StudioError)
    {
        self.options = options
        self.data = data
        pool = try StudioPool(data: data, size: options.poolSize)
        self.routes = routes
        previewer = SlidePreviewer()
    }

    /// Whether people reach the studio over HTTPS (then cookies are Secure).
    public var isSecure: Bool { options.publicURL?.lowercased().hasPrefix("https://") ?? false }

    /// The session cookie's name: with the `__Host-` prefix over HTTPS, so that the browser
    /// keeps it to this host, path `/`, and secure connections.
    public var sessionCookieName: String { isSecure ? "__Host-skylt_session" : "skylt_session" }

    /// The HTTP server's settings for listening on `address:port`.
    public func httpSettings(address: String, port: UInt16) -> HTTPSettings {
        var settings = HTTPSettings(address: address, port: port)
        settings.threadPoolSize = UInt32(max(1, options.poolSize))
        settings.maxBodyBytes = Self.maxRequestBytes
        settings.connectionTimeoutSeconds = 30
        var hosts = settings.loopbackHosts
        if let publicURL = options.publicURL, let host = URLComponents(string: publicURL)?.host {
            hosts.insert(host.lowercased())
        }
        let allowed = hosts
        settings.allowedHosts = { allowed }
        settings.originCheck = .sameOrigin
        // With `no-referrer` browsers send `Origin: null` on form posts, which the Origin check
        // must refuse; `same-origin` keeps the true Origin for the studio's own forms and still
        // tells other sites nothing.
        settings.securityHeaders.set("Referrer-Policy", "same-origin")
        return settings
    }

    /// The largest request: a slide form with its uploads.
    public static let maxRequestBytes = 24 << 20

    /// Answers one request. Never throws: a failure becomes a page that says so, and a line
    /// in the log.
    @Sendable public func handle(_ request: HTTPRequest) -> HTTPResponse {
        let language = WebLanguage.negotiate(
            chosen: WebCookies.value(WebLanguage.cookieName, in: request.headers["Cookie"]),
            acceptLanguage: request.headers["Accept-Language"])
        let candidates = routes.compactMap { route in route.match(request.path).map { (route, $0) } }
        let method = request.method == "HEAD" ? "GET" : request.method
        guard let (route, parameters) = candidates.first(where: { $0.0.method == method }) else {
            return candidates.isEmpty
                ? WebPage.plain(language, status: 404, WebPage.notFound)
                : WebPage.plain(language, status: 405, WebPage.methodNotAllowed)
        }
        return pool.with { studio in
            respond(request, route: route, parameters: parameters, language: language, studio: studio)
        }
    }
}
