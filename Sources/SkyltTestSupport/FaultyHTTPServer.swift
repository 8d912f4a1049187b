public import Foundation
@preconcurrency import Glibc
import Synchronization

/// A small HTTP/1.1 server on 127.0.0.1 for sync tests: it serves files from a folder, with
/// Range support, and misbehaves on request, per path: error statuses, stalls, truncated
/// bodies, cut connections, wrong bytes, slow trickles. It records every request.
///
/// One connection at a time, `Connection: close` on every answer; enough for one kiosk.
public final class FaultyHTTPServer: Sendable {
    /// What the server offers for conditional requests.
    public enum Validator: Sendable {
        /// A strong ETag, for If-None-Match and If-Range.
        case etag
        /// Only Last-Modified, for If-Modified-Since, as some servers and CDNs answer.
        case lastModified
    }

    public let root: URL
    public let validator: Validator
    public let port: UInt16
    private let socketFD: Int32
    private let state = Mutex(State())

    private struct State {
        var faults: [String: [Fault]] = [:]
        var log: [Request] = []
        var stopped = false
        var bytesSent = 0
        var held = 0
        var releases = 0
        var offline = false
    }

    public init(root: URL, validator: Validator = .etag) throws {
        self.root = root
        self.validator = validator
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        socketFD = fd
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw ExternalTool.ToolError(tool: "FaultyHTTPServer", message: String(cString: strerror(errno)))
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in self.serve() }
        thread.start()
    }

    deinit { stop() }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// An IMF-fixdate, as HTTP's Last-Modified and Date carry it.
    public static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    public func stop() {
        let wasStopped = state.withLock { state in
            defer { state.stopped = true }
            return state.stopped
        }
        if !wasStopped {
            shutdown(socketFD, Int32(SHUT_RDWR))
            close(socketFD)
        }
    }

    /// Makes the next requests for `path` misbehave, one fault per request, in order.
    public func inject(_ path: String, _ list: [Fault]) {
        state.withLock { $0.faults[path, default: []] += list }
    }

    /// Forgets every fault not yet used.
    public func clearFaults() {
        state.withLock { $0.faults = [:] }
    }

    /// Every request so far, and forgets them.
    public func takeRequests() -> [Request] {
        state.withLock { state in
            defer { state.log = [] }
            return state.log
        }
    }

    /// Body bytes sent since the last call, and resets the count.
    public func takeBytesSent() -> Int {
        state.withLock { state in
            defer { state.bytesSent = 0 }
            return state.bytesSent
        }
    }

    /// While offline, every connection is closed as soon as it is accepted, before a byte is
    /// read or sent: to a client, the network is down.
    public func setOffline(_ offline: Bool) {
        state.withLock { $0.offline = offline }
    }

    /// How many `.hold` faults have reached their hold so far.
    public var heldTransfers: Int { state.withLock { $0.held } }

    /// Lets every transfer held now go on.
    public func releaseHeld() {
        state.withLock { $0.releases += 1 }
    }

    private func serve() {
        while true {
            let client = accept(socketFD, nil, nil)
            if client < 0 {
                if state.withLock({ $0.stopped }) { return }
                continue
            }
            if !state.withLock({ $0.offline }) { handle(client) }
            close(client)
        }
    }

    private func send(_ fd: Int32, _ data: Data) -> Bool {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = Glibc.send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                if count <= 0 { return false }
                offset += count
            }
            return true
        }
    }

    /// Answers one connection: the request's fault, if any, decides how it misbehaves;
    /// otherwise the file is served with a validator, a 304 or a byte range as asked.
    private func handle(_ fd: Int32) {
        guard let request = Request(readingFrom: fd) else { return }
        let fault = takeFault(for: request)
        if case .status(let code) = fault {
            respond(fd, code, "Injected")
            return
        }
        if case .respond(let status, let headers, let body) = fault {
            guard respond(fd, status, "Injected", headers: headers, contentLength: body.count) else { return }
            if send(fd, body) { record(body.count) }
            return
        }
        if case .endless(let byte) = fault {
            guard send(fd, Data("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n".utf8)) else { return }
            let chunk = Data(repeating: byte, count: 16 << 10)
            while send(fd, chunk) { record(chunk.count) }
            return
        }
        if case .stall = fault {
            var chunk = [UInt8](repeating: 0, count: 16)
            while recv(fd, &chunk, chunk.count, 0) > 0 {}
            return
        }
        guard let file = servedFile(for: request.path), var body = try? Data(contentsOf: file) else {
            respond(fd, 404, "Not Found")
            return
        }
        if case .replace(let data) = fault { body = data }
        let etag = Self.strongETag(of: body)
        let version = version(of: file, etag: etag, for: request)
        if version.current {
            respond(fd, 304, "Not Modified", headers: [version.header])
            return
        }
        var headers = [version.header]
        var status = (200, "OK")
        if let range = request.headers["range"], range.hasPrefix("bytes="),
            let start = Int(range.dropFirst(6).dropLast()),
            request.headers["if-range"].map({ $0 == etag }) ?? true
        {
            guard start < body.count else {
                respond(fd, 416, "Range Not Satisfiable")
                return
            }
            headers.append("Content-Range: bytes \(start)-\(body.count - 1)/\(body.count)")
            body = body.subdata(in: start..<body.count)
            status = (206, "Partial Content")
        }
        guard respond(fd, status.0, status.1, headers: headers, contentLength: body.count) else { return }
        sendBody(fd, body, fault: fault)
    }

    /// Logs the request and takes the next fault injected for its path, if any.
    private func takeFault(for request: Request) -> Fault? {
        state.withLock { state in
            state.log.append(request)
            return state.faults[request.path]?.isEmpty == false ? state.faults[request.path]!.removeFirst() : nil
        }
    }

    /// Sends a response head; the body, if any, follows separately. False when the client is gone.
    @discardableResult
    private func respond(
        _ fd: Int32, _ status: Int, _ reason: String, headers: [String] = [], contentLength: Int = 0
    ) -> Bool {
        var head = "HTTP/1.1 \(status) \(reason)\r\nConnection: close\r\nContent-Length: \(contentLength)\r\n"
        for header in headers { head += header + "\r\n" }
        return send(fd, Data((head + "\r\n").utf8))
    }

    /// The file under `root` that a request path names, or nil for a path that climbs out.
    private func servedFile(for path: String) -> URL? {
        var relative = path.split(separator: "?")[0].dropFirst()
        // Served as a proxy for some host's /<channel>/…: look for the file without the folder too.
        if !FileManager.default.fileExists(atPath: root.appendingPathComponent(String(relative)).path),
            let slash = relative.firstIndex(of: "/")
        {
            relative = relative[relative.index(after: slash)...]
        }
        guard !relative.contains("..") else { return nil }
        return root.appendingPathComponent(String(relative))
    }

    /// A strong validator: FNV-1a over every byte (Data's own hash looks at a prefix only).
    private static func strongETag(of body: Data) -> String {
        let hash = body.reduce(UInt64(0xcbf2_9ce4_8422_2325)) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        return "\"\(body.count)-\(String(hash, radix: 16))\""
    }

    /// The header that names this version of the body, as `validator` chooses, and whether the
    /// request's conditional header names the same version (its copy is current: answer 304).
    private func version(of file: URL, etag: String, for request: Request) -> (header: String, current: Bool) {
        switch validator {
        case .etag:
            return ("ETag: \(etag)", request.headers["if-none-match"] == etag)
        case .lastModified:
            let modified = Self.httpDate(
                (try? FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate] as? Date) ?? Date())
            return ("Last-Modified: \(modified)", request.headers["if-modified-since"] == modified)
        }
    }

    /// Sends the body after its head, cut, held or trickled as the fault says.
    private func sendBody(_ fd: Int32, _ body: Data, fault: Fault?) {
        var payload = body
        if case .cutAfter(let count) = fault { payload = body.prefix(count) }
        if case .hold(let count) = fault {
            // At least one byte is held back, so the transfer is unfinished while held.
            let first = payload.prefix(min(count, max(payload.count - 1, 0)))
            guard send(fd, first) else { return }
            record(first.count)
            guard hold(fd) else { return }
            payload = Data(payload.dropFirst(first.count))
        }
        if case .slow(let rate) = fault {
            var offset = 0
            while offset < payload.count {
                let piece = payload.subdata(in: offset..<min(payload.count, offset + max(1, rate / 10)))
                guard send(fd, piece) else { return }
                record(piece.count)
                offset += piece.count
                usleep(100_000)
            }
            return
        }
        if send(fd, payload) { record(payload.count) }
    }

    private func record(_ count: Int) {
        state.withLock { $0.bytesSent += count }
    }

    /// Holds a transfer until released (true) or until the server stops or the client closes
    /// the connection (false). Checks every 20 ms: this only parks a test's server thread.
    private func hold(_ fd: Int32) -> Bool {
        let releases = state.withLock { state in
            state.held += 1
            return state.releases
        }
        while true {
            let (released, stopped) = state.withLock { ($0.releases != releases, $0.stopped) }
            if released { return true }
            if stopped { return false }
            var poll = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if Glibc.poll(&poll, 1, 20) == 1 {
                var byte: UInt8 = 0
                if recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT)) <= 0 { return false }
            }
        }
    }
}
