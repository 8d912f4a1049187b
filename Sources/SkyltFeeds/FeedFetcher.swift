public import FoundationEssentials
public import SkyltCore
public import SkyltSync

/// Fetches sources' documents politely: an identifying User-Agent with a contact, conditional
/// requests with the validators kept from the last response, no request while the last body
/// is fresh by `Expires`/`max-age`, no request to a host that asked to be left alone
/// (`Retry-After` on a 429 or 503) until it allows, and every transfer capped in size and time.
///
/// Not thread-safe: one fetcher (and its `HTTPClient`) per service thread.
public final class FeedFetcher: DocumentFetching {
    public let userAgent: String
    /// Bytes received over the network since the fetcher was made (bodies only), for a
    /// bytes-per-hour figure; a 304 or a fresh body costs (almost) nothing.
    public private(set) var bytesReceived: Int64 = 0
    /// Requests actually sent, for the round's summary.
    public private(set) var requestsSent = 0
    private let client: HTTPClient
    private let store: DocumentStore
    private let now: () -> Date
    /// Per host: no request before this time (a `Retry-After`).
    private var hostWaits: [String: Date] = [:]

    public static let connectTimeoutSeconds = 10.0
    public static let totalTimeoutSeconds = 60.0

    /// `folder` keeps the documents and validators across restarts (`<state>/http`); nil
    /// keeps them in memory. `now` is the wall clock, injected so tests can move it.
    public init(
        contact: String, client: HTTPClient = HTTPClient(), folder: URL?, logger: Logger = .standard,
        now: @escaping () -> Date = { Date() }
    ) {
        self.userAgent = Self.userAgent(contact: contact)
        self.client = client
        self.store = DocumentStore(folder: folder, logger: logger)
        self.now = now
    }

    /// "skylt-feeds/0.1.0 (+kontakt@example.se)": the software and who runs it, as MET
    /// Norway's and Trafiklab's terms ask.
    public static func userAgent(contact: String) -> String { "skylt-feeds/\(SkyltVersion.string) (+\(contact))" }

    public func fetch(_ request: FeedRequest) throws(FeedError) -> FetchedDocument {
        let now = now()
        let subject = URLText.shown(request.url)
        let host = URLComponents(string: request.url)?.host ?? ""
        let key = DocumentStore.key(request)
        let kept = store.document(key, url: request.url)
        // A fresh document needs no request, so a host's wait does not concern it.
        if let kept, let fresh = kept.freshUntil, fresh > now {
            return FetchedDocument(body: kept.body, changed: false, fetched: kept.fetched, headers: kept.headers)
        }
        if let until = hostWaits[host], until > now {
            throw FeedError(.backingOff, subject, "the server asked to wait until \(ISO8601.format(until))")
        }
        let response = try send(request, kept: kept, subject: subject)
        return try answer(response, request: request, kept: kept, key: key, host: host, now: now)
    }

    /// The request with the kept validators, the service's User-Agent and its limits.
    private func send(_ request: FeedRequest, kept: KeptDocument?, subject: String) throws(FeedError) -> HTTPResponse {
        var limits = TransferLimits(maxBytes: request.maxBytes)
        limits.connectTimeoutSeconds = Self.connectTimeoutSeconds
        limits.totalTimeoutSeconds = Self.totalTimeoutSeconds
        var http = HTTPRequest(url: request.url, limits: limits)
        http.headers = request.headers
        if let etag = kept?.etag { http.headers.append("If-None-Match: \(etag)") }
        if let modified = kept?.lastModified { http.headers.append("If-Modified-Since: \(modified)") }
        // curl waits up to a second for a "100 Continue" before sending a POST's body.
        if request.body != nil { http.headers.append("Expect:") }
        http.body = request.body
        http.userAgent = userAgent
        requestsSent += 1
        do {
            let response = try client.get(http)
            bytesReceived += response.bytesReceived
            return response
        } catch {
            throw FeedError(.fetch, subject, error.reason, cause: error)
        }
    }

    /// What a response means: a new body, the kept one (304), a wait, or a failure.
    private func answer(
        _ response: HTTPResponse, request: FeedRequest, kept: KeptDocument?, key: String, host: String, now: Date
    ) throws(FeedError) -> FetchedDocument {
        let subject = URLText.shown(request.url)
        let headers = response.headers
        switch response.status {
        case 304 where kept != nil:
            var document = kept!
            // The server confirmed the body as current now.
            document.fetched = now
            document.freshUntil = HTTPHeaders.freshUntil(headers, now: now)
            store.keep(document, key: key, bodyChanged: false)
            return FetchedDocument(body: document.body, changed: false, fetched: now, headers: document.headers)
        case 200...299:
            let document = KeptDocument(
                url: request.url, etag: headers["etag"], lastModified: headers["last-modified"], fetched: now,
                freshUntil: HTTPHeaders.freshUntil(headers, now: now), headers: headers, body: response.body)
            let changed = kept?.body != response.body
            store.keep(document, key: key, bodyChanged: changed)
            return FetchedDocument(body: response.body, changed: changed, fetched: now, headers: headers)
        case 429, 503:
            let until = HTTPHeaders.retryAfter(headers, now: now)
            if response.status == 503 && until == nil {
                throw FeedError(.fetch, subject, "HTTP 503")
            }
            let wait = until ?? now.addingTimeInterval(HTTPHeaders.defaultRetrySeconds)
            hostWaits[host] = wait
            throw FeedError(
                .backingOff, subject, "HTTP \(response.status); the server asked to wait until \(ISO8601.format(wait))")
        default:
            throw FeedError(.fetch, subject, "HTTP \(response.status)")
        }
    }
}
