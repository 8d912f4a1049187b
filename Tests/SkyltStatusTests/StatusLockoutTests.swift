import Foundation
import SkyltCore
import SkyltStatus
import SkyltTestSupport
import Testing

/// The status page with its default limits against slow clients from dozens of addresses,
/// each under the per-address limit: the technician still gets the page and /healthz, and the
/// page's log still shows what the player said before.
@Suite("Status page under slow clients", .serialized, .timeLimit(.minutes(5)))
struct StatusLockoutTests {
    @Test("300 slow clients over 60 addresses do not lock out the page, /healthz or the page's log")
    func notLockedOut() throws {
        var settings = StatusSettings(token: "k7Yq2Hh9-test-token-3Fz")
        settings.address = "127.0.0.1"
        settings.port = 0
        let hub = StatusHub()
        hub.beat()
        let log = InMemoryLogHandler()
        let logger = Logger(MultiplexLogHandler([log, hub]))
        logger.notice("the player's own line before the flood")
        let server = StatusServer(settings: settings, sources: StatusSources(hub: hub), logger: logger)
        try server.start()
        defer { server.stop() }
        let port = Int(server.port)
        // Five from each address: under the default 32 per address, over 256 in all.
        let stalled = (0..<300).map { StalledClient(port: port, from: "127.0.0.\(2 + $0 / 5)") }
        #expect(stalled.allSatisfy { $0.connected })
        func get(_ path: String) throws -> String {
            try ExternalTool.run([
                "curl", "-s", "-m", "5", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: localhost",
                "http://127.0.0.1:\(port)\(path)",
            ]).stdout
        }
        #expect(try get("/healthz") == "200")
        #expect(try get("/") == "200")
        let pageLog = hub.read().logs.suffix(50)
        #expect(pageLog.contains { $0.contains("the player's own line before the flood") }, "\(pageLog)")
        let serverLines = log.all.filter { $0.message.hasPrefix("status page: ") }
        #expect(serverLines.count <= 10, "\(serverLines.map(\.message))")
        withExtendedLifetime(stalled) {}
    }
}
