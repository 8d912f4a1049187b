public import Foundation
@preconcurrency import Glibc

/// Debian's nginx, started on a free loopback port with `Tests/Fixtures/nginx.conf`, serving a
/// folder. Stopped when released.
public final class NginxServer {
    public let port: Int
    public let prefix = TemporaryFolder()
    private let process: Process

    public struct LogLine: Sendable, Equatable {
        public var method: String
        public var path: String
        public var status: Int
        public var bodyBytes: Int
        /// Bytes sent, headers included.
        public var bytesSent: Int
        public var requestBytes: Int
    }

    /// A certificate and its key (PEM files) for https.
    public struct TLS: Sendable {
        public var certificate: URL
        public var key: URL

        public init(certificate: URL, key: URL) {
            self.certificate = certificate
            self.key = key
        }
    }

    public let tls: TLS?

    /// Serves `root` over http, or over https with `tls`.
    public init(root: URL, tls: TLS? = nil) throws {
        self.tls = tls
        let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let binary else {
            throw ExternalTool.ToolError(tool: "nginx", message: "not installed (apt-get install nginx-light)")
        }
        let template = try String(contentsOf: Repository.fixtures.appendingPathComponent("nginx.conf"), encoding: .utf8)
        var lastError = ""
        for _ in 0..<20 {
            let port = Int.random(in: 20000..<60000)
            let config = template.replacingOccurrences(of: "{{PREFIX}}", with: prefix.url.path)
                .replacingOccurrences(of: "{{PORT}}", with: String(port))
                .replacingOccurrences(of: "{{ROOT}}", with: root.path)
                .replacingOccurrences(of: "{{SSL}}", with: tls == nil ? "" : "ssl")
                .replacingOccurrences(
                    of: "{{TLS}}",
                    with: tls.map { "ssl_certificate \($0.certificate.path); ssl_certificate_key \($0.key.path);" }
                        ?? "")
            let file = prefix.write("nginx.conf", config)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["-c", file.path, "-p", prefix.url.path, "-e", prefix.file("error.log").path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date(timeIntervalSinceNow: 5)
            while Date() < deadline && process.isRunning {
                if Self.accepts(port: port) {
                    self.port = port
                    self.process = process
                    return
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            lastError = (try? String(contentsOf: prefix.file("error.log"), encoding: .utf8)) ?? "nginx did not start"
        }
        throw ExternalTool.ToolError(tool: "nginx", message: lastError)
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }

    public var baseURL: String { "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)" }

    /// The access log so far, parsed.
    public func log() -> [LogLine] {
        let text = (try? String(contentsOf: prefix.file("access.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ")
            guard parts.count == 6, let status = Int(parts[2]), let body = Int(parts[3]), let sent = Int(parts[4]),
                let request = Int(parts[5])
            else { return nil }
            return LogLine(
                method: String(parts[0]), path: String(parts[1]), status: status, bodyBytes: body, bytesSent: sent,
                requestBytes: request)
        }
    }

    static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        } == 0
    }
}
