public import Foundation
@preconcurrency import Glibc
import SkyltBundle
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
        /// The clock each studio of the pool gets as its `Studio.currentDate`: a publish judges
        /// slides' validity by it and stamps the audit log and publications with it. The wall
        /// clock, unless a caller (a test of a playlist with dates) needs a day that stays put.
        public var now: @Sendable () -> Date = { Date() }

        public init(publicURL: String? = nil) {
            self.publicURL = publicURL
        }
    }

    public let options: Options
    public let data: URL
    let pool: StudioPool
    let routes: [WebRoute]
    /// Signs what the studio hands a browser to carry back (the proof of an upload between a
    /// preview and its save). Made per process: a restart voids the proofs, and the form then
    /// asks for the picture again.
    let uploadKey = MessageKey()
    /// Renders the slide editor's previews and keeps their PNGs for `/previews/{id}.png`.
    public let previewer: SlidePreviewer

    public init(data: URL, options: Options = Options(), routes: [WebRoute] = StudioWeb.allRoutes)
        throws(StudioError)
    {
        self.options = options
        self.data = data
        pool = try StudioPool(data: data, size: options.poolSize, now: options.now)
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
        settings.bodyLimit = { method, path in Self.bodyLimit(method: method, path: path) }
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
    /// Every other request: forms of text. Kept small, since a body is read (and held in
    /// memory) before the session is checked.
    public static let maxFormBytes = 256 << 10

    /// The body cap of a request: `maxRequestBytes` only for posts of the slide form
    /// (`/channels/<name>/slides` and `/channels/<name>/slides/<id>`), which carry uploads.
    static func bodyLimit(method: String, path: String) -> Int {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let isSlideForm = parts.count >= 4 && parts.count <= 5 && parts[1] == "channels" && parts[3] == "slides"
        return method == "POST" && isSlideForm ? maxRequestBytes : maxFormBytes
    }

    /// The address a request comes from, for rate limits and the audit log. Behind the proxy
    /// (`publicURL` set, and the peer on loopback) it is the last hop of `X-Forwarded-For`,
    /// which nginx sets to the address it saw; otherwise, or when that is not an address, the
    /// peer's. Without this every login would count against the proxy's one address.
    func clientAddress(_ request: HTTPRequest) -> String {
        let peer = request.remoteAddress
        guard options.publicURL != nil, ["127.0.0.1", "::1", "::ffff:127.0.0.1"].contains(peer),
            let forwarded = request.headers["X-Forwarded-For"]?.split(separator: ",").last
        else { return peer }
        let candidate = forwarded.trimmingCharacters(in: .whitespaces)
        var v4 = in_addr()
        var v6 = in6_addr()
        guard inet_pton(AF_INET, candidate, &v4) == 1 || inet_pton(AF_INET6, candidate, &v6) == 1 else { return peer }
        return candidate
    }

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
        var forwarded = request
        forwarded.remoteAddress = clientAddress(request)
        return pool.with { studio in
            respond(forwarded, route: route, parameters: parameters, language: language, studio: studio)
        }
    }
}
