internal import CMicroHTTPD
import Foundation
@preconcurrency import Glibc
public import SkyltCore
import Synchronization

/// Where and how the status server listens, each limit set explicitly.
public struct StatusSettings: Sendable {
    public var address = "0.0.0.0"
    public var port: UInt16 = 8080
    /// Unlocks POST actions.
    public var token: String
    public var connectionLimit: UInt32 = 256
    public var perIPConnectionLimit: UInt32 = 32
    public var connectionTimeoutSeconds: UInt32 = 10
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
    public var addresses: @Sendable () -> [String] = { [] }
    public var playsToday: @Sendable () -> [PlayLogFiles.Total] = { [] }
    public var perform: @Sendable (StatusAction) -> Void = { _ in }

    public init(hub: StatusHub) { self.hub = hub }
}

/// The technician's status server on GNU libmicrohttpd: an HTML page for a phone, JSON,
/// Prometheus metrics, the frame on screen, and a health check; POST actions need the token.
/// It runs on libmicrohttpd's own thread and never touches the play loop directly.
///
/// Answers 421 to a Host that is not the kiosk's own (DNS rebinding), checks Origin on POST,
/// and sends strict security headers with everything.
public final class StatusServer: Service, Sendable {
    public let name = "status page"
    public let settings: StatusSettings
    /// What libmicrohttpd's threads call, through an unretained pointer: the server holds it
    /// until the daemon is stopped, and the daemon is stopped before the server goes away.
    private let responder: StatusResponder
    /// The running daemon and the port it listens on; nil while stopped.
    private let running = Mutex<(daemon: OpaquePointer, port: UInt16)?>(nil)

    /// libmicrohttpd's own messages are cut at this length.
    static let maxLibraryMessageBytes = 512

    public init(settings: StatusSettings, sources: StatusSources, logger: Logger = .standard) {
        self.settings = settings
        responder = StatusResponder(settings: settings, sources: sources, logger: logger)
    }

    deinit { stop() }

    /// The port listened on: the one asked for, or the kernel's choice for port 0; 0 while
    /// stopped.
    public var port: UInt16 { running.withLock { $0?.port ?? 0 } }

    /// Listens on the settings' address and port. Does nothing while already listening.
    public func start() throws {
        try running.withLock { running in
            guard running == nil else { return }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(settings.port.bigEndian)
            guard inet_pton(AF_INET, settings.address, &address.sin_addr) == 1 else {
                throw StatusServerError(code: .address, location: settings.address)
            }
            var error: Int32 = 0
            guard let started = Self.startDaemon(&address, responder: responder, error: &error) else {
                throw StatusServerError(
                    code: .listen, location: "\(settings.address):\(settings.port)", errno: error)
            }
            running = (started, skylt_mhd_port(started))
            responder.logger.notice("status page on http://\(settings.address):\(skylt_mhd_port(started))/")
        }
    }

    /// Stops listening and returns only once libmicrohttpd's threads are gone:
    /// `MHD_stop_daemon` closes every connection and joins the daemon's internal threads (the
    /// listener and any per-connection ones) before it returns, so no request is answered
    /// after `stop()`. Safe to call more than once.
    public func stop() {
        running.withLock { running in
            if let daemon = running?.daemon {
                MHD_stop_daemon(daemon)
                running = nil
            }
        }
    }

    /// Starts libmicrohttpd with the settings' limits; nil when it cannot listen.
    private static func startDaemon(
        _ address: inout sockaddr_in, responder: StatusResponder, error: inout Int32
    ) -> OpaquePointer? {
        let settings = responder.settings
        let context = Unmanaged.passUnretained(responder).toOpaque()
        return skylt_mhd_start(
            &address,
            { context, connection, url, method, _, data, size, connectionContext in
                let responder = Unmanaged<StatusResponder>.fromOpaque(context!).takeUnretainedValue()
                return responder.handle(
                    connection, String(cString: url), String(cString: method), data, size, connectionContext)
            }, context,
            { context, format, arguments in
                // The library's own complaints (a client that broke a limit, a closed
                // connection) go to the log with a level, like every other line.
                guard let context, let arguments else { return }
                // Logging may set errno; the caller of MHD_start_daemon still reads its own.
                let saved = Glibc.errno
                defer { Glibc.errno = saved }
                let responder = Unmanaged<StatusResponder>.fromOpaque(context).takeUnretainedValue()
                var buffer = [CChar](repeating: 0, count: StatusServer.maxLibraryMessageBytes)
                _ = vsnprintf(&buffer, buffer.count, format, arguments)
                let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                let message = text.trimmingCharacters(in: .whitespacesAndNewlines)
                responder.logger.notice("status page: libmicrohttpd: \(message)")
            }, settings.connectionLimit, settings.perIPConnectionLimit, settings.connectionTimeoutSeconds,
            settings.connectionMemoryLimitBytes, &error)
    }
}
