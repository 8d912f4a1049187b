import Foundation
import SkyltHTTP
import SkyltStore
import SkyltStudio
import SkyltStudioWeb
import SkyltTestSupport
import Testing

@Suite("studio web: behind the proxy, and body caps by route")
struct ProxyAndLimitsTests {
    static let wrong = [("username", "pia"), ("password", "not the password")]

    /// The address the audit log names for the last failed login.
    static func lastFailureAddress(_ harness: WebHarness) throws -> String? {
        try harness.studio.database.query(
            "SELECT address FROM login_attempts ORDER BY id DESC LIMIT 1"
        ).first?[0].string
    }

    @Test("behind the proxy a login counts against the address nginx saw, not the proxy's")
    func forwardedAddress() throws {
        let harness = try WebHarness(options: StudioWeb.Options(publicURL: "https://studio.example.org"))
        _ = try harness.send("POST", "/login", form: Self.wrong, headers: [("X-Forwarded-For", "203.0.113.7")])
        #expect(try Self.lastFailureAddress(harness) == "203.0.113.7")
        // A client cannot choose its address: nginx appends the one it saw, which counts.
        _ = try harness.send(
            "POST", "/login", form: Self.wrong, headers: [("X-Forwarded-For", "198.51.100.1, 203.0.113.8")])
        #expect(try Self.lastFailureAddress(harness) == "203.0.113.8")
        _ = try harness.send("POST", "/login", form: Self.wrong, headers: [("X-Forwarded-For", "not an address")])
        #expect(try Self.lastFailureAddress(harness) == "127.0.0.1")
    }

    @Test("without --public-url the header is not believed: anyone could send it")
    func directAddress() throws {
        let harness = try WebHarness()
        _ = try harness.send("POST", "/login", form: Self.wrong, headers: [("X-Forwarded-For", "203.0.113.7")])
        #expect(try Self.lastFailureAddress(harness) == "127.0.0.1")
    }

    @Test("20 failures from one client behind the proxy do not lock out another")
    func limitsPerClient() throws {
        let harness = try WebHarness(options: StudioWeb.Options(publicURL: "https://studio.example.org"))
        for index in 0..<21 {
            _ = try harness.send(
                "POST", "/login", form: [("username", "nobody\(index)"), ("password", "x")],
                headers: [("X-Forwarded-For", "203.0.113.7")])
        }
        let blocked = try harness.send(
            "POST", "/login", form: [("username", "pia"), ("password", WebHarness.password)],
            headers: [("X-Forwarded-For", "203.0.113.7")])
        #expect(blocked.status == 429)
        let other = try harness.send(
            "POST", "/login", form: [("username", "pia"), ("password", WebHarness.password)],
            headers: [("X-Forwarded-For", "198.51.100.9")])
        #expect(other.status == 303)
    }

    @Test("a large body is taken only by the slide form's posts; the login refuses it with 413")
    func bodyCaps() throws {
        let harness = try WebHarness()
        let server = HTTPServer(
            name: "studio", settings: harness.web.httpSettings(address: "127.0.0.1", port: 0),
            handler: harness.web.handle)
        try server.start()
        defer { server.stop() }
        let folder = TemporaryFolder()
        let body = folder.write("body", String(repeating: "a=b&", count: 200_000))
        func post(_ path: String) throws -> String {
            try ExternalTool.run([
                "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-m", "20", "-H",
                "Origin: http://127.0.0.1:\(server.port)", "--data-binary", "@\(body.path)",
                "http://127.0.0.1:\(server.port)\(path)",
            ]).stdout
        }
        #expect(try post("/login") == "413")
        #expect(try post("/language") == "413")
        // Signed out, the slide form's post is refused by the router (403), not for its size.
        #expect(try post("/channels/demo/slides") == "403")
        #expect(try post("/channels/demo/slides/julmarknad") == "403")
        #expect(try post("/channels/demo/slides/julmarknad/approve") == "413")
    }
}
