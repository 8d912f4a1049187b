import Foundation
import SkyltCore
import SkyltHTTP
import SkyltTestSupport
import Synchronization

/// A server on a free port of 127.0.0.1 whose handler records each request it sees, and curl
/// to talk to it.
final class HTTPTestServer: Sendable {
    let server: HTTPServer
    let log = InMemoryLogHandler()
    private let recorder = Recorder()

    final class Recorder: Sendable {
        private let seen = Mutex<[HTTPRequest]>([])
        func add(_ request: HTTPRequest) { seen.withLock { $0.append(request) } }
        var all: [HTTPRequest] { seen.withLock { $0 } }
    }

    init(
        configure: (inout HTTPSettings) -> Void = { _ in },
        handler: @escaping HTTPServer.Handler = { .text(200, "\($0.method) \($0.path)") }
    ) throws {
        var settings = HTTPSettings(address: "127.0.0.1", port: 0)
        configure(&settings)
        let recorder = recorder
        server = HTTPServer(name: "test server", settings: settings, logger: log.logger) { request in
            recorder.add(request)
            return try handler(request)
        }
        try server.start()
    }

    deinit { server.stop() }

    /// Every request that reached the handler, in order.
    var requests: [HTTPRequest] { recorder.all }
    var base: String { "http://127.0.0.1:\(server.port)" }

    struct Reply {
        var status: Int
        /// Header lines, lowercased, as curl wrote them.
        var headers: String
        var body: String
    }

    /// curl with extra arguments (headers, data); "000" from curl becomes status 0.
    func curl(_ path: String, _ arguments: [String] = [], input: Data? = nil) throws -> Reply {
        let folder = TemporaryFolder()
        let result = try ExternalTool.run(
            [
                "curl", "-s", "-m", "10", "-o", folder.file("body").path, "-D", folder.file("headers").path, "-w",
                "%{http_code}",
            ] + arguments + [base + path], input: input)
        return Reply(
            status: Int(result.stdout) ?? 0,
            headers: ((try? String(contentsOf: folder.file("headers"), encoding: .utf8)) ?? "").lowercased(),
            body: (try? String(contentsOf: folder.file("body"), encoding: .utf8)) ?? "")
    }
}
