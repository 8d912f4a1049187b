import FoundationEssentials
public import SkyltCore
public import SkyltHTTP

/// Where and how the status server listens, each limit set explicitly.
public struct StatusSettings: Sendable {
    public var address = "0.0.0.0"
    public var port: UInt16 = 8080
    /// Unlocks POST actions.
    public var token: String
    public var connectionLimit: UInt32 = 256
    public var perIPConnectionLimit: UInt32 = 32
    public var connectionTimeoutSeconds: UInt32 = 10
    /// A request (a few hundred bytes from a phone) must be all in this long after its accept,
    /// however steadily it trickles.
    public var requestDeadlineSeconds = 10.0
    /// Memory for one connection's request (headers and body), in bytes.
    public var connectionMemoryLimitBytes = 32 * 1024
    /// The play loop is stuck when it has not ticked for this long.
    public var heartbeatLimitSeconds = 30.0
    /// Failed action attempts allowed per address per minute.
    public static let failedAttemptsPerMinute = 5

    public init(token: String) { self.token = token }
}

/// What the server can ask of the player.
public enum StatusAction: String, Sendable, CaseIterable {
    case sync
    case identify
    case displayOff = "display-off"
    case displayOn = "display-on"
    case restart
}

/// The facts the server reads when a request comes, each computed by the player's wiring.
public struct StatusSources: Sendable {
    public var hub: StatusHub
    /// Every channel, bundle and folder, as it is now.
    public var channels: @Sendable () -> [ChannelState] = { [] }
    public var cacheBytes: @Sendable () -> Int64 = { 0 }
    public var freeDiskBytes: @Sendable () -> Int64 = { 0 }
    public var diskSizeBytes: @Sendable () -> Int64? = { nil }
    public var addresses: @Sendable () -> [String] = { [] }
    public var playsToday: @Sendable () -> [PlayLogFiles.Total] = { [] }
    public var perform: @Sendable (StatusAction) -> Void = { _ in }

    public init(hub: StatusHub) { self.hub = hub }
}

/// The technician's status server: an HTML page for a phone, JSON, Prometheus metrics, the
/// frame on screen, and a health check; POST actions need the token. It answers through
/// SkyltHTTP on libmicrohttpd's own thread and never touches the play loop directly.
///
/// Answers 421 to a Host that is not the kiosk's own (DNS rebinding), refuses a POST from a
/// foreign Origin, and sends strict security headers with everything.
public final class StatusServer: Service, Sendable {
    public let name = "status page"
    public let settings: StatusSettings
    private let server: HTTPServer

    public init(settings: StatusSettings, sources: StatusSources, logger: Logger = .standard) {
        self.settings = settings
        let responder = StatusResponder(settings: settings, sources: sources, logger: logger)
        var http = HTTPSettings(address: settings.address, port: settings.port)
        http.connectionLimit = settings.connectionLimit
        http.perIPConnectionLimit = settings.perIPConnectionLimit
        http.connectionTimeoutSeconds = settings.connectionTimeoutSeconds
        http.requestDeadlineSeconds = settings.requestDeadlineSeconds
        http.maxHeaderBytes = settings.connectionMemoryLimitBytes
        http.maxBodyBytes = StatusResponder.maxBodyBytes
        http.allowedHosts = { responder.allowedHosts() }
        // Actions carry the token, which no browser sends by itself; curl sends no Origin.
        http.originCheck = .allowedHostsOrAbsent
        server = HTTPServer(name: name, settings: http, logger: logger) { responder.respond(to: $0) }
    }

    /// The port listened on: the one asked for, or the kernel's choice for port 0; 0 while
    /// stopped.
    public var port: UInt16 { server.port }

    /// Listens on the settings' address and port. Does nothing while already listening.
    public func start() throws(StatusServerError) { try server.start() }

    /// Stops listening and returns only once libmicrohttpd's threads are gone, every connection
    /// closed. Safe to call more than once.
    public func stop() { server.stop() }
}
