import FoundationEssentials
@preconcurrency import Glibc
import SkyltCore
import SkyltHTTP
import Synchronization

/// Answers the status server's requests on libmicrohttpd's threads. Separate from
/// `StatusServer` so the server is handed a fully built handler before it starts, and every
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

    /// The most body an action request may carry: actions take none, a few bytes are
    /// tolerated and dropped.
    static let maxBodyBytes = 4096

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

    /// One answer; the Host and Origin checks and the security headers are SkyltHTTP's.
    func respond(to request: HTTPRequest) -> HTTPResponse {
        if request.method == "POST" {
            return action(
                path: request.path, authorization: request.headers["Authorization"], client: request.remoteAddress)
        }
        guard request.method == "GET" || request.method == "HEAD" else { return .text(405, "method not allowed") }
        switch request.path {
        case "/": return .html(StatusPage.render(report()))
        case "/style.css":
            return HTTPResponse(status: 200, type: "text/css; charset=utf-8", body: Data(StatusPage.css.utf8))
        case "/api/status":
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            return .json((try? encoder.encode(report())) ?? Data("{}".utf8))
        case "/metrics":
            return HTTPResponse(
                status: 200, type: "text/plain; version=0.0.4; charset=utf-8", body: Data(Metrics.render(report()).utf8)
            )
        case "/screenshot.png":
            guard let png = sources.hub.screenshot() else { return .text(404, "nothing on screen") }
            return HTTPResponse(status: 200, type: "image/png", body: png)
        case "/healthz":
            return Self.healthz(report().assessedHealth)
        default:
            return .text(404, "not found")
        }
    }

    /// `/healthz` keeps its meaning for systemd and monitors: 503 only when the play loop is
    /// stuck (a restart may help); a kiosk that plays with problems (a failing channel, a
    /// distrusted clock) answers 200, and the body says "degraded" and why, since restarting
    /// mends none of those.
    static func healthz(_ health: Health) -> HTTPResponse {
        switch health.level {
        case .ok: .text(200, "ok")
        case .degraded: .text(200, "degraded: \(health.summary)")
        case .stuck: .text(503, "stuck: \(health.summary)")
        }
    }

    func healthy() -> Bool {
        guard let beat = sources.hub.lastHeartbeat else { return false }
        return Date().timeIntervalSince(beat) < settings.heartbeatLimitSeconds
    }

    private func action(path: String, authorization: String?, client: String) -> HTTPResponse {
        guard path.hasPrefix("/api/actions/"),
            let action = StatusAction(rawValue: String(path.dropFirst("/api/actions/".count)))
        else {
            return .text(
                404, "unknown action; actions are " + StatusAction.allCases.map(\.rawValue).joined(separator: ", "))
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
            logs: Array(logs.suffix(50)), playsToday: sources.playsToday(), starting: written == nil,
            startTimeSeconds: sources.hub.started.timeIntervalSince1970, diskSizeBytes: sources.diskSizeBytes())
        var report = StatusReport(snapshot: snapshot, facts: facts)
        report.facts.health = report.assessedHealth
        return report
    }
}
