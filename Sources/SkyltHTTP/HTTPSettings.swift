/// How a server checks where a state-changing request (POST, PUT, PATCH, DELETE) comes from,
/// so that a page on another site cannot make a visitor's browser act here (CSRF).
public enum HTTPOriginCheck: Sendable {
    /// No check: for a server whose every change needs a secret a browser never sends itself.
    case off
    /// The Origin (or, without it, the Referer) must name the scheme-less host and port the
    /// request was sent to (its Host header). A request with neither header is refused.
    case sameOrigin
    /// The Origin's or Referer's host name must be one of the allowed hosts (any port); a
    /// request with neither header passes, for clients such as curl that send a token instead.
    case allowedHostsOrAbsent
    /// The Origin or Referer must be one of these origins ("https://studio.example.org",
    /// compared without case); a request with neither header is refused.
    case origins(Set<String>)
}

/// Where a server listens and the limits it keeps, each set explicitly because
/// libmicrohttpd's defaults are open (no timeout, about a thousand connections, no per-IP cap).
public struct HTTPSettings: Sendable {
    /// An IPv4 address to listen on.
    public var address = "127.0.0.1"
    /// 0 lets the kernel choose; the server's `port` tells which.
    public var port: UInt16 = 0
    /// Connections kept at once. When all are taken, a new connection cuts the one that has
    /// waited longest for its request, so that slow clients, however many addresses they
    /// come from, never keep a quick one out.
    public var connectionLimit: UInt32 = 256
    public var perIPConnectionLimit: UInt32 = 32
    /// A connection idle (or half-sent) this long is closed.
    public var connectionTimeoutSeconds: UInt32 = 10
    /// From a connection's accept (or the end of its previous answer) to the last byte of its
    /// request's headers and body: a request not all in by then is cut, however steadily it
    /// trickles, which the idle timeout alone never catches. Generous by default, for uploads
    /// over a slow line; the status page, whose requests are a few hundred bytes, sets less.
    public var requestDeadlineSeconds = 120.0
    /// Memory for one connection's request line and headers; a request beyond it is refused
    /// by libmicrohttpd (431 or a closed connection).
    public var maxHeaderBytes = 32 * 1024
    /// Threads that accept and answer requests. 1 for the status page (one request at a
    /// time, nothing to lock); more for a server whose handler is safe to call concurrently.
    public var threadPoolSize: UInt32 = 1
    /// A lower cap for some requests, by method and path (nil: `maxBodyBytes` for all): a
    /// server whose few upload forms need megabytes keeps every other request, the anonymous
    /// ones first, to a few kilobytes. Never above `maxBodyBytes`.
    public var bodyLimit: (@Sendable (_ method: String, _ path: String) -> Int)?

    /// The body cap of one request.
    public func maxBodyBytes(method: String, path: String) -> Int {
        min(maxBodyBytes, bodyLimit?(method, path) ?? maxBodyBytes)
    }

    /// The most body a request may carry; beyond it the answer is 413 and nothing past the cap
    /// is kept.
    public var maxBodyBytes = 1024 * 1024
    /// The host names (without port, lowercased) the server answers to; another Host gets 421
    /// (DNS rebinding). Asked per request, since a kiosk's addresses change. Nil: the loopback
    /// names and the listen address only (`loopbackHosts`), never any host: a server reached
    /// by a name (a studio behind its proxy) must say which.
    public var allowedHosts: (@Sendable () -> Set<String>)?
    public var originCheck = HTTPOriginCheck.sameOrigin
    /// Sent with every response unless the handler set a field of the same name.
    public var securityHeaders = HTTPSettings.strictSecurityHeaders

    /// What a server without `allowedHosts` answers to: loopback names, and its own address
    /// unless it listens on every address.
    public var loopbackHosts: Set<String> {
        var hosts: Set<String> = ["localhost", "127.0.0.1", "::1"]
        if address != "0.0.0.0" { hosts.insert(address) }
        return hosts
    }

    public init(address: String = "127.0.0.1", port: UInt16 = 0) {
        self.address = address
        self.port = port
    }

    /// No script at all, no framing, no referrer, nothing cached: a page made of HTML, CSS and
    /// images from this server only. A studio page that needs more loosens one field.
    public static let strictSecurityHeaders = HTTPHeaders([
        (
            "Content-Security-Policy",
            "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; "
                + "base-uri 'none'"
        ),
        ("X-Frame-Options", "DENY"), ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
        ("Cache-Control", "no-store"), ("Cross-Origin-Resource-Policy", "same-origin"),
    ])
}
