internal import CMicroHTTPD
import FoundationEssentials
import SkyltCore

/// Answers libmicrohttpd's calls on its thread: checks a request's headers, reads its body up
/// to the cap, calls the handler, and sends its answer with the security headers. Separate
/// from `HTTPServer` so the daemon is handed a fully built, immutable object before it starts.
final class HTTPDispatcher: Sendable {
    let name: String
    let settings: HTTPSettings
    let logger: Logger
    /// The connections' deadlines and the server's notices.
    let watch: HTTPWatch
    private let gate: HTTPGate
    private let handler: HTTPServer.Handler

    /// Past the cap, a chunked body is read and dropped up to this many bytes (so the client
    /// can read its 413); beyond that the connection is closed.
    static let maxDiscardedBodyBytes = 1024 * 1024

    init(name: String, settings: HTTPSettings, logger: Logger, handler: @escaping HTTPServer.Handler) {
        self.name = name
        self.settings = settings
        self.logger = logger
        self.handler = handler
        gate = HTTPGate(settings: settings)
        watch = HTTPWatch(name: name, settings: settings, logger: logger)
    }

    /// One request's state between libmicrohttpd's calls: the body so far, or the refusal
    /// already sent. Owned through the connection pointer and released when the request ends.
    final class Exchange {
        var body = Data()
        var refusal: HTTPGate.Refusal?
        var answered = false
        var discardedBytes = 0
        /// This request's body cap (`HTTPSettings.maxBodyBytes(method:path:)`).
        var maxBodyBytes = 0
    }

    /// libmicrohttpd calls once when the headers are in, once per piece of body, and once after.
    func handle(
        _ connection: OpaquePointer, _ url: String, _ method: String, _ data: UnsafePointer<CChar>?,
        _ size: UnsafeMutablePointer<Int>, _ connectionContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    ) -> MHD_Result {
        guard let context = connectionContext.pointee else {
            let exchange = Exchange()
            exchange.maxBodyBytes = settings.maxBodyBytes(method: method, path: url)
            connectionContext.pointee = Unmanaged.passRetained(exchange).toOpaque()
            guard let refusal = gate.check(method: method, path: url, headers: Self.headers(connection)) else {
                return MHD_Result.YES
            }
            exchange.answered = true
            watch.requestIn(connection)
            return refuse(refusal, method: method, url: url, on: connection)
        }
        let exchange = Unmanaged<Exchange>.fromOpaque(context).takeUnretainedValue()
        if size.pointee > 0 {
            return receive(data, size, into: exchange)
        }
        if exchange.answered { return MHD_Result.YES }
        exchange.answered = true
        watch.requestIn(connection)
        if let refusal = exchange.refusal {
            return refuse(refusal, method: method, url: url, on: connection)
        }
        let request = HTTPRequest(
            method: method, path: url, query: Self.values(connection, kind: .GET_ARGUMENT_KIND),
            headers: Self.headers(connection), body: exchange.body, remoteAddress: Self.clientAddress(connection))
        return send(answer(request), on: connection)
    }

    /// Keeps a piece of body, or drops it once the body is over the cap.
    private func receive(_ data: UnsafePointer<CChar>?, _ size: UnsafeMutablePointer<Int>, into exchange: Exchange)
        -> MHD_Result
    {
        let count = size.pointee
        size.pointee = 0
        if exchange.answered || exchange.refusal != nil {
            exchange.discardedBytes += count
            return exchange.discardedBytes <= Self.maxDiscardedBodyBytes ? MHD_Result.YES : MHD_Result.NO
        }
        guard exchange.body.count + count <= exchange.maxBodyBytes else {
            exchange.refusal = .bodyTooLarge
            exchange.body = Data()
            exchange.discardedBytes = count
            return MHD_Result.YES
        }
        if let data { exchange.body.append(UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: count) }
        return MHD_Result.YES
    }

    /// The handler's answer; a handler that throws gets 500, and the server goes on.
    private func answer(_ request: HTTPRequest) -> HTTPResponse {
        do {
            return try handler(request)
        } catch {
            logger.error("\(name): \(request.method) \(request.path) failed: \(error)")
            return .text(500, "internal server error")
        }
    }

    private func refuse(_ refusal: HTTPGate.Refusal, method: String, url: String, on connection: OpaquePointer)
        -> MHD_Result
    {
        let reason =
            switch refusal {
            case .host: "foreign Host"
            case .origin: "foreign or missing Origin"
            case .bodyTooLarge: "body over \(settings.maxBodyBytes(method: method, path: url)) bytes"
            }
        logger.warning("\(name): refused \(method) \(url) from \(Self.clientAddress(connection)): \(reason)")
        return send(refusal.response, on: connection)
    }

    /// Queues `response` with every security header the handler did not set itself. A response
    /// that cannot go out as made (a status outside 100–599, a header libmicrohttpd refuses,
    /// such as one with a line break) becomes a 500, so that no answer leaves without its
    /// security headers.
    func send(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
        if let queued = queue(response, on: connection) { return queued }
        logger.error("\(name): a response could not be sent as made (status \(response.status)); answered 500")
        return queue(.text(500, "internal error"), on: connection) ?? MHD_Result.NO
    }

    /// Queues `response`; nil when its status or one of its headers cannot be sent.
    private func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result? {
        guard (100...599).contains(response.status) else { return nil }
        var headers = response.headers
        for field in settings.securityHeaders where !headers.contains(field.name) {
            headers.add(field.name, field.value)
        }
        let made = response.body.withUnsafeBytes { bytes in skylt_mhd_response_copy(bytes.count, bytes.baseAddress) }
        guard let made else { return MHD_Result.NO }
        defer { MHD_destroy_response(made) }
        for field in headers where MHD_add_response_header(made, field.name, field.value) != MHD_Result.YES {
            return nil
        }
        return MHD_queue_response(connection, UInt32(response.status), made)
    }

    /// Frees a request's state once libmicrohttpd is done with it.
    static func complete(_ connectionContext: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) {
        guard let connectionContext, let context = connectionContext.pointee else { return }
        Unmanaged<Exchange>.fromOpaque(context).release()
        connectionContext.pointee = nil
    }
}
