internal import CMicroHTTPD
import FoundationEssentials
@preconcurrency import Glibc
public import SkyltCore
import Synchronization

/// An HTTP server on GNU libmicrohttpd, the one wrapper of that library: the kiosk's status
/// page and the studio both answer through it. It runs on libmicrohttpd's own thread and calls
/// the handler there, one request at a time, so a handler must not block for long; a server
/// whose answers take work (the studio's previews) asks for a pool of threads
/// (`HTTPSettings.threadPoolSize`), and its handler is then called on several at once.
///
/// Every request has a deadline from its accept to its last byte
/// (`HTTPSettings.requestDeadlineSeconds`), and a new connection always gets a place: when all
/// are taken, the one that has waited longest for its request is cut. The server's own notices
/// (libmicrohttpd's complaints, cut connections) are limited to a few a minute, so a flood of
/// them never pushes the player's own lines out of the status page's log.
///
/// Before the handler runs, the server refuses a foreign Host (421), a state-changing request
/// from a foreign or missing Origin (403, per `originCheck`) and a body over the cap (413); every
/// answer carries the settings' security headers.
public final class HTTPServer: Service, Sendable {
    /// Answers one request; what it throws becomes a 500 and a log line.
    public typealias Handler = @Sendable (HTTPRequest) throws -> HTTPResponse

    public let name: String
    public let settings: HTTPSettings
    /// What libmicrohttpd's threads call, through an unretained pointer: the server holds it
    /// until the daemon is stopped, and the daemon is stopped before the server goes away.
    private let dispatcher: HTTPDispatcher
    /// The running daemon and the port it listens on; nil while stopped.
    private let running = Mutex<(daemon: OpaquePointer, port: UInt16)?>(nil)

    /// libmicrohttpd's own messages are cut at this length.
    static let maxLibraryMessageBytes = 512
    /// libmicrohttpd may take this many connections beyond `connectionLimit`: the server cuts
    /// the longest-waiting one to keep to the limit itself, so the library must never refuse
    /// the new connection first (it would, at its own limit, before telling the server).
    static let libraryHeadroomConnections: UInt32 = 16

    /// `name` starts the server's log lines ("status page", "studio").
    public init(name: String, settings: HTTPSettings, logger: Logger = .standard, handler: @escaping Handler) {
        self.name = name
        self.settings = settings
        dispatcher = HTTPDispatcher(name: name, settings: settings, logger: logger, handler: handler)
    }

    deinit { stop() }

    /// The port listened on: the one asked for, or the kernel's choice for port 0; 0 while
    /// stopped.
    public var port: UInt16 { running.withLock { $0?.port ?? 0 } }

    /// Listens on the settings' address and port. Does nothing while already listening.
    public func start() throws(HTTPServerError) {
        try running.withLock { (running) throws(HTTPServerError) in
            guard running == nil else { return }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(settings.port.bigEndian)
            guard inet_pton(AF_INET, settings.address, &address.sin_addr) == 1 else {
                throw HTTPServerError(code: .address, location: settings.address)
            }
            var error: Int32 = 0
            guard let started = Self.startDaemon(&address, dispatcher: dispatcher, error: &error) else {
                throw HTTPServerError(code: .listen, location: "\(settings.address):\(settings.port)", errno: error)
            }
            guard dispatcher.watch.start() else {
                MHD_stop_daemon(started)
                throw HTTPServerError(code: .thread, location: "\(settings.address):\(settings.port)")
            }
            running = (started, skylt_mhd_port(started))
            dispatcher.logger.notice("\(name) on http://\(settings.address):\(skylt_mhd_port(started))/")
        }
    }

    /// Stops listening and returns only once libmicrohttpd's threads are gone:
    /// `MHD_stop_daemon` closes every connection and joins the daemon's internal threads before
    /// it returns, so no request is answered after `stop()`. Safe to call more than once.
    public func stop() {
        running.withLock { running in
            if let daemon = running?.daemon {
                dispatcher.watch.stop()
                MHD_stop_daemon(daemon)
                running = nil
            }
        }
    }

    /// Starts libmicrohttpd with the settings' limits; nil when it cannot listen.
    private static func startDaemon(
        _ address: inout sockaddr_in, dispatcher: HTTPDispatcher, error: inout Int32
    ) -> OpaquePointer? {
        let settings = dispatcher.settings
        let context = Unmanaged.passUnretained(dispatcher).toOpaque()
        return skylt_mhd_start(
            &address,
            { context, connection, url, method, _, data, size, connectionContext in
                let dispatcher = Unmanaged<HTTPDispatcher>.fromOpaque(context!).takeUnretainedValue()
                return dispatcher.handle(
                    connection, String(cString: url), String(cString: method), data, size, connectionContext)
            }, context,
            { context, format, arguments in
                guard let context, let arguments else { return }
                // Logging may set errno; the caller of MHD_start_daemon still reads its own.
                let saved = Glibc.errno
                defer { Glibc.errno = saved }
                let dispatcher = Unmanaged<HTTPDispatcher>.fromOpaque(context).takeUnretainedValue()
                dispatcher.watch.notice("libmicrohttpd: \(HTTPServer.libraryMessage(format, arguments))")
            },
            { context, connection, connectionContext, _ in
                let dispatcher = Unmanaged<HTTPDispatcher>.fromOpaque(context!).takeUnretainedValue()
                if let connection { dispatcher.watch.answered(connection) }
                HTTPDispatcher.complete(connectionContext)
            },
            { context, connection, _, code in
                let dispatcher = Unmanaged<HTTPDispatcher>.fromOpaque(context!).takeUnretainedValue()
                if code.rawValue == 0 {  // MHD_CONNECTION_NOTIFY_STARTED; 1 is CLOSED
                    dispatcher.watch.opened(connection)
                } else {
                    dispatcher.watch.closed(connection)
                }
            },
            settings.connectionLimit + libraryHeadroomConnections, settings.perIPConnectionLimit,
            settings.connectionTimeoutSeconds, settings.maxHeaderBytes, settings.threadPoolSize, &error)
    }

    /// The library's own complaints (a client that broke a limit, a closed connection) as one
    /// trimmed line, so they reach the log with a level like every other line.
    private static func libraryMessage(_ format: UnsafePointer<CChar>, _ arguments: CVaListPointer) -> String {
        var buffer = [CChar](repeating: 0, count: maxLibraryMessageBytes)
        _ = vsnprintf(&buffer, buffer.count, format, arguments)
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.trimmed
    }
}
