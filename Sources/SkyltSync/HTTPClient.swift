internal import CCurl
public import FoundationEssentials
@preconcurrency import Glibc
public import SkyltCore

/// Bounds on one transfer. Every wait and every size is capped: a rural line may stall, a
/// hijacked server may send forever.
public struct TransferLimits: Sendable, Equatable {
    public var connectTimeoutSeconds: Double = 15
    /// A transfer slower than `stallBytesPerSecond` for `stallSeconds` is given up.
    public var stallSeconds: Int = 30
    public var stallBytesPerSecond: Int = 64
    /// The whole request, start to end.
    public var totalTimeoutSeconds: Double = 600
    public var maxBytes: Int64
    /// Bandwidth cap for metered links; nil for none.
    public var maxBytesPerSecond: Int64?

    public init(maxBytes: Int64) { self.maxBytes = maxBytes }
}

/// One request: a GET, or a POST when it has a body (a GraphQL query).
public struct HTTPRequest: Sendable {
    public var url: String
    public var headers: [String] = []
    public var limits: TransferLimits
    /// Sent as a POST's body; nil for a GET.
    public var body: Data?
    /// Names the software and, for sources whose terms ask for it, a contact address;
    /// nil for `HTTPClient.userAgent`.
    public var userAgent: String?

    public init(url: String, limits: TransferLimits) {
        self.url = url
        self.limits = limits
    }
}

/// What came back. Header names are lowercased.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data
    /// Bytes that crossed the network for this request's body.
    public var bytesReceived: Int64
}

/// A transfer failed, or the server answered with a status the caller cannot use. `code` is
/// what a caller switches on; libcurl's code and wording are kept as the cause, for people.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Equatable {
        /// The host could not be resolved or reached, or refused the connection.
        case connect
        /// A deadline passed: connecting, a stall, or the whole transfer.
        case timeout
        /// The body is larger than the request's limit.
        case tooLarge
        /// The connection broke before the whole body came.
        case partial
        /// The server's TLS certificate was refused.
        case certificate
        /// The body could not be written where it was going.
        case write
        /// The client's cancellation was set: the player is stopping.
        case cancelled
        /// The server answered with this status, which the caller cannot use.
        case status(Int)
        /// Any other failure of libcurl's.
        case other
    }

    /// libcurl's own account of a failure: its `CURLcode` and its message.
    public struct Curl: Sendable, Equatable {
        public var code: UInt32
        public var message: String
    }

    public var code: Code
    public var url: String
    /// What libcurl said, when the failure was libcurl's.
    public var curl: Curl?
    /// A local failure underneath (writing the file a download goes to).
    public var cause: (any Error)?
    /// Response headers received before the failure (lowercased names), if any.
    public var headers: [String: String] = [:]
    /// The size limit, for `tooLarge`.
    public var limit: Int64?

    /// What went wrong, without the URL.
    public var reason: String {
        var text =
            switch code {
            case .connect: "cannot connect"
            case .timeout: "timed out"
            case .tooLarge: limit.map { "larger than \($0) bytes" } ?? "larger than allowed"
            case .partial: "the transfer broke off"
            case .certificate: "the server's certificate was refused"
            case .write: "cannot store the download"
            case .cancelled: "cancelled, as the player is stopping"
            case .status(let status): "HTTP \(status)"
            case .other: "transfer failed"
            }
        if let cause { text += ": \(FileProblem.describe(cause))" }
        if let curl { text += " (\(curl.message), curl error \(curl.code))" }
        return URLText.redacted(text)
    }

    public var description: String { "\(URLText.shown(url)): \(reason)" }
}

/// HTTP over libcurl: connect, stall and total deadlines, size caps, resume, proxies from the
/// standard environment variables, and the system's CA store for https.
///
/// Not thread-safe: one client per thread. It keeps one easy handle, so connections to the
/// same server are reused.
public final class HTTPClient {
    private let curl: UnsafeMutableRawPointer
    private let cancellation: Cancellation?
    public static let userAgent = "skylt"

    private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    /// A transfer under way ends within about a second of `cancellation` being set.
    public init(cancellation: Cancellation? = nil) {
        precondition(Self.globalInit, "libcurl could not be initialised")
        curl = curl_easy_init()!
        self.cancellation = cancellation
    }

    deinit { curl_easy_cleanup(curl) }

    /// Where a body goes: memory (small things, capped) or the end of a file (downloads).
    public enum Sink {
        case memory
        /// Appends to the file; truncates it first when the server ignores a resume request.
        case file(POSIXFile, resumedFrom: Int64)
    }

    /// Collects a transfer's output; reached from curl's C callbacks through the user pointer.
    private final class Transfer {
        var sink: Sink
        var limit: Int64
        var body = Data()
        var received: Int64 = 0
        var headers: [String: String] = [:]
        var overLimit = false
        var writeError: (any Error)?
        var checkedStatus = false
        /// Bandwidth cap in bytes a second, enforced by pausing in the write callback: libcurl's
        /// own limiter (7.88) lets short transfers through at full speed.
        var maxBytesPerSecond: Int64?
        var started = Date()
        let curl: UnsafeMutableRawPointer
        var cancellation: Cancellation?

        init(sink: Sink, limit: Int64, curl: UnsafeMutableRawPointer) {
            self.sink = sink
            self.limit = limit
            self.curl = curl
        }
    }

    public func get(_ request: HTTPRequest, into sink: Sink = .memory) throws(HTTPError) -> HTTPResponse {
        curl_easy_reset(curl)
        let limits = request.limits
        let transfer = Transfer(sink: sink, limit: limits.maxBytes, curl: curl)
        transfer.maxBytesPerSecond = limits.maxBytesPerSecond
        transfer.cancellation = cancellation
        if cancellation?.isCancelled == true { throw HTTPError(code: .cancelled, url: request.url) }
        let context = Unmanaged.passRetained(transfer)
        defer { context.release() }
        var list: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(list) }
        for header in request.headers { list = curl_slist_append(list, header) }
        if let list { skylt_curl_set_pointer(curl, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(list)) }
        setOptions(for: request)
        installCallbacks(context.toOpaque())
        let code = curl_easy_perform(curl)
        var status = 0
        skylt_curl_get_long(curl, CURLINFO_RESPONSE_CODE, &status)
        if transfer.overLimit || code == CURLE_FILESIZE_EXCEEDED {
            throw HTTPError(code: .tooLarge, url: request.url, limit: limits.maxBytes)
        }
        if code == CURLE_ABORTED_BY_CALLBACK { throw HTTPError(code: .cancelled, url: request.url) }
        if let error = transfer.writeError {
            throw HTTPError(code: .write, url: request.url, cause: error)
        }
        guard code == CURLE_OK else {
            let curl = HTTPError.Curl(code: code.rawValue, message: String(cString: curl_easy_strerror(code)))
            throw HTTPError(code: Self.code(of: code), url: request.url, curl: curl, headers: transfer.headers)
        }
        return HTTPResponse(
            status: status, headers: transfer.headers, body: transfer.body, bytesReceived: transfer.received)
    }

    /// The request's URL, protocols, redirects and every limit, on the easy handle.
    private func setOptions(for request: HTTPRequest) {
        skylt_curl_set_string(curl, CURLOPT_URL, request.url)
        skylt_curl_set_string(curl, CURLOPT_PROTOCOLS_STR, "http,https")
        skylt_curl_set_string(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        skylt_curl_set_long(curl, CURLOPT_FOLLOWLOCATION, 1)
        skylt_curl_set_long(curl, CURLOPT_MAXREDIRS, 5)
        skylt_curl_set_long(curl, CURLOPT_NOSIGNAL, 1)
        skylt_curl_set_string(curl, CURLOPT_USERAGENT, request.userAgent ?? Self.userAgent)
        if let body = request.body {
            skylt_curl_set_long(curl, CURLOPT_POST, 1)
            // Copied by libcurl at once, so the bytes need not outlive this call.
            skylt_curl_set_off(curl, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { bytes in
                _ = skylt_curl_set_pointer(
                    curl, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            }
        }
        skylt_curl_set_long(curl, CURLOPT_CONNECTTIMEOUT_MS, Int(request.limits.connectTimeoutSeconds * 1000))
        skylt_curl_set_long(curl, CURLOPT_TIMEOUT_MS, Int(request.limits.totalTimeoutSeconds * 1000))
        skylt_curl_set_long(curl, CURLOPT_LOW_SPEED_LIMIT, request.limits.stallBytesPerSecond)
        skylt_curl_set_long(curl, CURLOPT_LOW_SPEED_TIME, request.limits.stallSeconds)
        skylt_curl_set_off(curl, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.limits.maxBytes))
        if let speed = request.limits.maxBytesPerSecond {
            skylt_curl_set_off(curl, CURLOPT_MAX_RECV_SPEED_LARGE, curl_off_t(speed))
        }
    }

    /// The write, header and (with a cancellation) progress callbacks, each reaching the
    /// transfer through `context`.
    private func installCallbacks(_ context: UnsafeMutableRawPointer) {
        skylt_curl_set_pointer(curl, CURLOPT_WRITEDATA, context)
        skylt_curl_set_callback(curl, CURLOPT_WRITEFUNCTION) { data, size, count, pointer in
            let transfer = Unmanaged<Transfer>.fromOpaque(pointer).takeUnretainedValue()
            return HTTPClient.write(transfer, data, size * count)
        }
        skylt_curl_set_pointer(curl, CURLOPT_HEADERDATA, context)
        skylt_curl_set_callback(curl, CURLOPT_HEADERFUNCTION) { data, size, count, pointer in
            let transfer = Unmanaged<Transfer>.fromOpaque(pointer).takeUnretainedValue()
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
            if line.hasPrefix("HTTP/") {
                transfer.headers = [:]  // a new response (after a redirect or 100 Continue)
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                let value = line[line.index(after: colon)...].trimmed
                transfer.headers[name] = value
            }
            return size * count
        }
        if cancellation != nil {
            skylt_curl_set_progress(
                curl,
                { pointer, _, _, _, _ in
                    let transfer = Unmanaged<Transfer>.fromOpaque(pointer).takeUnretainedValue()
                    return transfer.cancellation?.isCancelled == true ? 1 : 0
                }, context)
        }
    }

    /// The failure a caller tells apart, from libcurl's code.
    static func code(of code: CURLcode) -> HTTPError.Code {
        switch code {
        case CURLE_OPERATION_TIMEDOUT: .timeout
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: .connect
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING: .partial
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM: .certificate
        case CURLE_FILESIZE_EXCEEDED: .tooLarge
        case CURLE_WRITE_ERROR: .write
        default: .other
        }
    }

    private static func write(_ transfer: Transfer, _ data: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        if !transfer.checkedStatus {
            transfer.checkedStatus = true
            var status = 0
            skylt_curl_get_long(transfer.curl, CURLINFO_RESPONSE_CODE, &status)
            if case .file(let handle, let resumedFrom) = transfer.sink, resumedFrom > 0, status == 200 {
                // The server sent the whole file instead of the rest: start over.
                do {
                    try handle.truncate(at: 0)
                    transfer.sink = .file(handle, resumedFrom: 0)
                } catch {
                    transfer.writeError = error
                    return 0
                }
            }
        }
        var already: Int64 = 0
        if case .file(_, let resumedFrom) = transfer.sink { already = resumedFrom }
        guard already + transfer.received + Int64(count) <= transfer.limit else {
            transfer.overLimit = true
            return 0
        }
        transfer.received += Int64(count)
        if let rate = transfer.maxBytesPerSecond, rate > 0 {
            // Pausing here stops reading the socket, so TCP slows the sender down too.
            let due = Double(transfer.received) / Double(rate)
            let ahead = due - Date().timeIntervalSince(transfer.started)
            if ahead > 0 { usleep(useconds_t(min(ahead, 1) * 1_000_000)) }
        }
        let bytes = UnsafeRawBufferPointer(start: data, count: count)
        switch transfer.sink {
        case .memory:
            transfer.body.append(contentsOf: bytes)
        case .file(let handle, _):
            do {
                try handle.write(bytes)
            } catch {
                transfer.writeError = error
                return 0
            }
        }
        return count
    }
}
