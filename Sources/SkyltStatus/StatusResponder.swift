internal import CMicroHTTPD
import Foundation
@preconcurrency import Glibc
import SkyltCore
import Synchronization

/// Answers the status server's requests on libmicrohttpd's threads. Separate from
/// `StatusServer` so the daemon is handed a fully built object before it starts, and every
/// field of both is immutable or behind a `Mutex`.
final class StatusResponder: Sendable {
    let settings: StatusSettings
    let sources: StatusSources
    let logger: Logger
    /// Failed action attempts per client address, for the rate limit.
    private let failedAttempts = Mutex<[String: [Date]]>([:])

    init(settings: StatusSettings, sources: StatusSources, logger: Logger) {
        self.logger = logger
        self.settings = settings
        self.sources = sources
    }

    /// One response: status, content type, body and extra headers.
    struct Reply {
        var status: UInt32
        var type: String
        var body: Data
        var headers: [(String, String)] = []

        static func text(_ status: UInt32, _ text: String) -> Reply {
            Reply(status: status, type: "text/plain; charset=utf-8", body: Data((text + "\n").utf8))
        }
    }

    private func header(_ connection: OpaquePointer, _ name: String) -> String? {
        skylt_mhd_header(connection, name).map { String(cString: $0) }
    }

    /// The most body an action request may carry.
    static let maxBodyBytes = 4096

    /// Marks a POST whose body is being read (and discarded).
    private static var postMarker: UnsafeMutableRawPointer { UnsafeMutableRawPointer(bitPattern: 1)! }

    func handle(
        _ connection: OpaquePointer, _ url: String, _ method: String, _ data: UnsafePointer<CChar>?,
        _ size: UnsafeMutablePointer<Int>, _ connectionContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        if method == "POST" {
            // libmicrohttpd calls once before the body, once per piece of it, and once after.
            if connectionContext.pointee == nil {
                connectionContext.pointee = Self.postMarker
                return MHD_Result.YES
            }
            if size.pointee > 0 {
                // Actions take no body: a few bytes are tolerated and dropped, more closes the
                // connection. The count rides in the per-connection pointer.
                let received = Int(bitPattern: connectionContext.pointee) - 1 + size.pointee
                guard received <= Self.maxBodyBytes else { return MHD_Result.NO }
                connectionContext.pointee = UnsafeMutableRawPointer(bitPattern: received + 1)
                size.pointee = 0
                return MHD_Result.YES
            }
        }
        var client = [CChar](repeating: 0, count: 64)
        skylt_mhd_client_address(connection, &client, client.count)
        let address = String(decoding: client.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let reply = route(
            url: url, method: method, host: header(connection, "Host"), origin: header(connection, "Origin"),
            authorization: header(connection, "Authorization"), client: address)
        return send(reply, on: connection)
    }

    private func send(_ reply: Reply, on connection: OpaquePointer) -> MHD_Result {
        let response = reply.body.withUnsafeBytes { bytes in skylt_mhd_response_copy(bytes.count, bytes.baseAddress) }
        guard let response else { return MHD_Result.NO }
        defer { MHD_destroy_response(response) }
        var headers: [(String, String)] = [
            ("Content-Type", reply.type),
            (
                "Content-Security-Policy",
                "default-src 'none'; img-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
            ),
            ("X-Frame-Options", "DENY"), ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"),
            ("Cache-Control", "no-store"), ("Cross-Origin-Resource-Policy", "same-origin"),
        ]
        headers += reply.headers
        for (name, value) in headers { MHD_add_response_header(response, name, value) }
        return MHD_queue_response(connection, reply.status, response)
    }

    /// The kiosk's own names: requests for any other Host are refused (DNS rebinding).
    func allowedHosts() -> Set<String> {
        var names: Set<String> = ["localhost", "127.0.0.1", "::1"]
        for address in sources.addresses() { names.insert(address.lowercased()) }
        var buffer = [CChar](repeating: 0, count: 256)
        if gethostname(&buffer, buffer.count) == 0 {
            let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                .lowercased()
            names.insert(name)
            names.insert(name + ".local")
        }
        return names
    }

    /// The host part of a Host header or an Origin URL, without port and brackets.
    static func hostName(_ value: String) -> String {
        var text = value.lowercased()
        if let scheme = text.range(of: "://") { text = String(text[scheme.upperBound...]) }
        if text.hasPrefix("["), let end = text.firstIndex(of: "]") {
            return String(text[text.index(after: text.startIndex)..<end])
        }
        if let colon = text.lastIndex(of: ":") { text = String(text[..<colon]) }
        return text.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
    }

    func route(url: String, method: String, host: String?, origin: String?, authorization: String?, client: String)
        -> Reply
    {
        let allowed = allowedHosts()
        guard let host, allowed.contains(Self.hostName(host)) else {
            return .text(421, "misdirected request: this kiosk answers only to its own name or address")
        }
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        if method == "POST" {
            return action(path: path, origin: origin, authorization: authorization, client: client, allowed: allowed)
        }
        guard method == "GET" || method == "HEAD" else { return .text(405, "method not allowed") }
        switch path {
        case "/":
            return Reply(status: 200, type: "text/html; charset=utf-8", body: Data(StatusPage.render(report()).utf8))
        case "/style.css": return Reply(status: 200, type: "text/css; charset=utf-8", body: Data(StatusPage.css.utf8))
        case "/api/status":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let body = (try? encoder.encode(report())) ?? Data("{}".utf8)
            return Reply(status: 200, type: "application/json", body: body)
        case "/metrics":
            return Reply(
                status: 200, type: "text/plain; version=0.0.4; charset=utf-8", body: Data(Metrics.render(report()).utf8)
            )
        case "/screenshot.png":
            guard let png = sources.hub.screenshot() else { return .text(404, "nothing on screen") }
            return Reply(status: 200, type: "image/png", body: png)
        case "/healthz":
            return healthy() ? .text(200, "ok") : .text(503, "the play loop is stuck")
        default:
            return .text(404, "not found")
        }
    }

    func healthy() -> Bool {
        guard let beat = sources.hub.lastHeartbeat else { return false }
        return Date().timeIntervalSince(beat) < settings.heartbeatLimitSeconds
    }

    private func action(path: String, origin: String?, authorization: String?, client: String, allowed: Set<String>)
        -> Reply
    {
        guard path.hasPrefix("/api/actions/"),
            let action = StatusAction(rawValue: String(path.dropFirst("/api/actions/".count)))
        else {
            return .text(
                404, "unknown action; actions are " + StatusAction.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let origin, !allowed.contains(Self.hostName(origin)) {
            logger.warning("status page: refused \(action.rawValue) from \(client): foreign Origin")
            return .text(403, "forbidden: foreign origin")
        }
        let now = Date()
        let recent = failedAttempts.withLock { attempts in
            let recent = (attempts[client] ?? []).filter { now.timeIntervalSince($0) < 60 }
            attempts[client] = recent
            return recent
        }
        if recent.count >= StatusSettings.failedAttemptsPerMinute {
            return .text(429, "too many failed attempts; wait a minute")
        }
        let expected = "Bearer " + settings.token
        guard let authorization, Self.constantTimeEqual(authorization, expected) else {
            failedAttempts.withLock { attempts in
                attempts[client, default: []].append(now)
                // Bounded: forget addresses with no recent failures.
                if attempts.count > 1000 { attempts = attempts.filter { !$0.value.isEmpty } }
            }
            logger.warning("status page: refused \(action.rawValue) from \(client): wrong or missing token")
            return .text(401, "unauthorized: send the kiosk's token as 'Authorization: Bearer <token>'")
        }
        logger.notice("status page: \(action.rawValue) requested from \(client)")
        sources.perform(action)
        return .text(202, "accepted: \(action.rawValue)")
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    func report() -> StatusReport {
        let (written, next, counters, logs) = sources.hub.read()
        let now = Date()
        // Before the first switch there is no snapshot yet: the page says the player is starting.
        var snapshot =
            written
            ?? StatusSnapshot(
                kioskID: "", kioskName: "", timeZone: "", clockTrusted: true, clockNotBefore: .distantPast,
                clockReason: "", display: "on",
                showing: .init(
                    slide: nil, channel: nil, language: nil, reason: "starting",
                    since: ISO8601.format(sources.hub.started)),
                slidesInProgram: 0, written: now)
        snapshot.channels = sources.channels()
        let facts = StatusReport.Facts(
            uptimeSeconds: now.timeIntervalSince(sources.hub.started), next: next, healthy: healthy(),
            slidesShown: counters.slidesShown, missedDeadlines: counters.missedDeadlines,
            composeSecondsSum: counters.composeSecondsSum, composeCount: counters.composeCount,
            cacheBytes: sources.cacheBytes(), freeDiskBytes: sources.freeDiskBytes(), addresses: sources.addresses(),
            logs: Array(logs.suffix(50)), playsToday: sources.playsToday())
        return StatusReport(snapshot: snapshot, facts: facts)
    }
}
