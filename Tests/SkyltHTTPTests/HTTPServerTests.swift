import Foundation
@preconcurrency import Glibc
import SkyltCore
import SkyltHTTP
import SkyltTestSupport
import Testing

/// The server against curl on 127.0.0.1: what reaches the handler, and what never does.
@Suite("HTTP server", .serialized, .timeLimit(.minutes(10)))
struct HTTPServerTests {
    struct Failure: Error {}

    @Test("each request reaches the handler with its method, path, query, headers, body and address")
    func routing() throws {
        let test = try HTTPTestServer(configure: { $0.originCheck = .off }) { request in
            switch request.path {
            case "/hello": .text(200, "hello \(request.queryValue("name") ?? "?")")
            case "/form": .text(200, request.formItems.map { "\($0.name)=\($0.value)" }.joined(separator: ";"))
            default: .text(404, "not found")
            }
        }
        let hello = try test.curl("/hello?name=Caf%C3%A9&n=2&n=3", ["-H", "X-Shop: Ängsby"])
        #expect(hello.status == 200 && hello.body == "hello Café\n")
        #expect(try test.curl("/elsewhere").status == 404)
        let form = try test.curl("/form", ["--data-binary", "title=Open+today&note=50%25+off&empty="])
        #expect(form.status == 200 && form.body == "title=Open today;note=50% off;empty=\n")
        let requests = test.requests
        try #require(requests.count == 3)
        #expect(requests[0].method == "GET" && requests[0].path == "/hello")
        #expect(
            requests[0].query == [
                HTTPQueryItem(name: "name", value: "Café"), HTTPQueryItem(name: "n", value: "2"),
                HTTPQueryItem(name: "n", value: "3"),
            ])
        // Header names are matched without case, whatever the client wrote.
        #expect(requests[0].headers["x-shop"] == "Ängsby" && requests[0].headers["X-SHOP"] == "Ängsby")
        #expect(requests[0].remoteAddress == "127.0.0.1" && requests[0].body.isEmpty)
        #expect(requests[2].method == "POST" && requests[2].body == Data("title=Open+today&note=50%25+off&empty=".utf8))
        // A JSON body is bytes for the handler, never form fields.
        _ = try test.curl("/form", ["-H", "Content-Type: application/json", "--data-binary", "{\"a\":1}"])
        #expect(test.requests.last?.formItems == [] && test.requests.last?.body == Data("{\"a\":1}".utf8))
    }

    @Test("a body at the cap is read whole; one byte more is 413 and never reaches the handler")
    func bodyCap() throws {
        let test = try HTTPTestServer(configure: {
            $0.maxBodyBytes = 1000
            $0.originCheck = .off
        })
        let atCap = Data(repeating: 0x61, count: 1000)
        #expect(try test.curl("/upload", ["--data-binary", "@-"], input: atCap).status == 200)
        #expect(test.requests.last?.body == atCap)
        let over = Data(repeating: 0x62, count: 1001)
        let refused = try test.curl("/upload", ["--data-binary", "@-"], input: over)
        #expect(refused.status == 413)
        // Without a Content-Length the body is counted as it comes: still 413.
        let chunked = try test.curl(
            "/upload", ["-H", "Transfer-Encoding: chunked", "--data-binary", "@-"],
            input: Data(repeating: 0x63, count: 5000))
        #expect(chunked.status == 413)
        #expect(test.requests.count == 1)
        #expect(test.log.all.contains { $0.level == .warning && $0.message.contains("body over 1000 bytes") })
    }

    @Test("with an allow-list, another Host is refused with 421 before the handler runs")
    func hostCheck() throws {
        let test = try HTTPTestServer(configure: { $0.allowedHosts = { ["skylt.example.org", "127.0.0.1"] } })
        #expect(try test.curl("/", ["-H", "Host: evil.example"]).status == 421)
        #expect(try test.curl("/", ["-H", "Host: evil.example:8080"]).status == 421)
        #expect(try test.curl("/", ["-H", "Host: Skylt.Example.org:8443"]).status == 200)
        #expect(try test.curl("/", ["-H", "Host: x://skylt.example.org"]).status == 421, "a Host is no URL")
        #expect(try test.curl("/").status == 200)
        #expect(test.requests.count == 2)
    }

    @Test("without an allow-list only loopback names are answered: a rebound name is 421, even with a matching Origin")
    func loopbackByDefault() throws {
        let test = try HTTPTestServer()
        let port = test.server.port
        #expect(try test.curl("/").status == 200)
        #expect(try test.curl("/", ["-H", "Host: localhost:\(port)"]).status == 200)
        #expect(try test.curl("/", ["-H", "Host: evil.example:\(port)"]).status == 421)
        // After DNS rebinding the browser sends the attacker's name as both Host and Origin.
        let rebound = ["-X", "POST", "-H", "Host: evil.example:\(port)", "-H", "Origin: http://evil.example:\(port)"]
        #expect(try test.curl("/", rebound).status == 421)
        #expect(test.requests.count == 2)
    }

    @Test(
        "a response that cannot go out as made (bad status, a header with a line break) is a 500 with the security headers"
    )
    func unsendableResponses() throws {
        let test = try HTTPTestServer(handler: { request in
            switch request.path {
            case "/status": return HTTPResponse(status: -1, type: "text/plain", body: Data("odd".utf8))
            default:
                var response = HTTPResponse.html("<p>hello</p>")
                response.headers.set("Content-Security-Policy", "default-src 'none'\r\nX-Injected: yes")
                return response
            }
        })
        for path in ["/status", "/header"] {
            let reply = try test.curl(path)
            #expect(reply.status == 500, "\(path)")
            #expect(reply.headers.contains("content-security-policy: default-src 'none'"), "\(path)")
            #expect(!reply.headers.contains("x-injected"), "\(path)")
        }
        #expect(try test.curl("/").status == 500, "the server goes on answering")
    }

    @Test("a POST from a foreign or missing Origin is 403; the same origin passes; GET is not checked")
    func originCheck() throws {
        let test = try HTTPTestServer()
        let own = "http://127.0.0.1:\(test.server.port)"
        #expect(try test.curl("/save", ["-X", "POST"]).status == 403)
        #expect(try test.curl("/save", ["-X", "POST", "-H", "Origin: https://evil.example"]).status == 403)
        #expect(try test.curl("/save", ["-X", "DELETE", "-H", "Origin: null"]).status == 403)
        // Same host, other port: another origin.
        #expect(try test.curl("/save", ["-X", "PUT", "-H", "Origin: http://127.0.0.1:1"]).status == 403)
        // A method the server does not know is checked as one that changes state.
        #expect(try test.curl("/save", ["-X", "PROPPATCH", "-H", "Origin: https://evil.example"]).status == 403)
        #expect(test.requests.isEmpty)
        #expect(try test.curl("/save", ["-X", "POST", "-H", "Origin: \(own)"]).status == 200)
        // Without an Origin, the Referer of the server's own page will do.
        #expect(try test.curl("/save", ["-X", "PATCH", "-H", "Referer: \(own)/edit?id=4"]).status == 200)
        #expect(try test.curl("/page", ["-H", "Origin: https://evil.example"]).status == 200)
        #expect(test.requests.map(\.method) == ["POST", "PATCH", "GET"])
    }

    @Test("a listed origin passes; with no header, or another, a POST is refused")
    func originList() throws {
        let test = try HTTPTestServer(configure: { $0.originCheck = .origins(["https://studio.example.org"]) })
        #expect(try test.curl("/save", ["-X", "POST", "-H", "Origin: https://Studio.example.org"]).status == 200)
        #expect(try test.curl("/save", ["-X", "POST", "-H", "Origin: http://studio.example.org"]).status == 403)
        #expect(try test.curl("/save", ["-X", "POST"]).status == 403)
    }

    @Test("every answer, refusals and failures included, carries the security headers")
    func securityHeaders() throws {
        let test = try HTTPTestServer(configure: {
            $0.maxBodyBytes = 10
            $0.allowedHosts = { ["127.0.0.1"] }
        }) { request in
            switch request.path {
            case "/fail": throw Failure()
            case "/cached":
                var response = HTTPResponse.text(200, "same every time")
                response.headers.set("Cache-Control", "max-age=60")
                return response
            default: return .html("<p>hello</p>")
            }
        }
        let own = "Origin: http://127.0.0.1:\(test.server.port)"
        let replies = [
            (200, try test.curl("/")), (500, try test.curl("/fail")),
            (421, try test.curl("/", ["-H", "Host: evil.example"])), (403, try test.curl("/", ["-X", "POST"])),
            (413, try test.curl("/", ["-H", own, "--data-binary", "0123456789abc"])),
        ]
        for (status, reply) in replies {
            #expect(reply.status == status)
            #expect(reply.headers.contains("content-security-policy: default-src 'none'"), "\(status)")
            #expect(reply.headers.contains("frame-ancestors 'none'") && !reply.headers.contains("unsafe-inline"))
            #expect(reply.headers.contains("x-content-type-options: nosniff"), "\(status)")
            #expect(reply.headers.contains("referrer-policy: no-referrer"), "\(status)")
            #expect(reply.headers.contains("x-frame-options: deny"), "\(status)")
            #expect(reply.headers.contains("cache-control: no-store"), "\(status)")
        }
        // A handler's own Cache-Control replaces the default rather than joining it.
        let cached = try test.curl("/cached")
        #expect(cached.headers.contains("cache-control: max-age=60") && !cached.headers.contains("no-store"))
        #expect(cached.headers.contains("x-content-type-options: nosniff"))
    }

    @Test("a handler that throws gets 500 and a log line, and the server goes on")
    func handlerFailure() throws {
        let test = try HTTPTestServer(handler: { request in
            if request.path == "/fail" { throw Failure() }
            return .text(200, "ok")
        })
        #expect(try test.curl("/fail").status == 500)
        #expect(try test.curl("/fail").status == 500)
        #expect(try test.curl("/").status == 200)
        #expect(test.log.all.contains { $0.level == .error && $0.message.hasPrefix("test server: GET /fail failed") })
    }

    @Test("stop() closes the connections and frees the port for the next server")
    func stopFreesPort() throws {
        let test = try HTTPTestServer(configure: { $0.connectionTimeoutSeconds = 600 })
        let port = test.server.port
        #expect(port != 0)
        let client = StalledClient(port: Int(port))
        #expect(client.connected)
        test.server.stop()
        #expect(client.closedByServer(within: 0))
        #expect(test.server.port == 0)
        #expect(try test.curl("/").status == 0)
        let next = try HTTPTestServer(configure: { $0.port = port })
        #expect(next.server.port == port)
        #expect(try next.curl("/").status == 200)
        test.server.stop()
        #expect(next.server.port == port, "stopping a stopped server again leaves the next one alone")
    }

    @Test("a client that sends half a request is dropped within the connection timeout")
    func slowClient() throws {
        let test = try HTTPTestServer(configure: { $0.connectionTimeoutSeconds = 1 })
        let stalled = StalledClient(port: Int(test.server.port))
        #expect(stalled.connected)
        let started = Date()
        #expect(stalled.closedByServer(within: 10))
        // libmicrohttpd checks its timeouts about once a second: 1 s, plus that, plus a slow machine.
        #expect(Date().timeIntervalSince(started) < 4)
        #expect(test.requests.isEmpty)
        #expect(try test.curl("/").status == 200)
    }

    @Test("a bad address and a port in use fail to start with codes a caller can tell apart")
    func startFailures() throws {
        let handler: HTTPServer.Handler = { _ in .text(200, "ok") }
        #expect {
            try HTTPServer(name: "x", settings: HTTPSettings(address: "localhost"), handler: handler).start()
        } throws: { error in
            (error as? HTTPServerError)?.code == .address
        }
        let first = try HTTPTestServer()
        let taken = HTTPServer(name: "x", settings: HTTPSettings(port: first.server.port), handler: handler)
        #expect {
            try taken.start()
        } throws: { error in
            guard let error = error as? HTTPServerError else { return false }
            return error.code == .listen && error.errno == EADDRINUSE
                && error.location == "127.0.0.1:\(first.server.port)"
        }
    }
}
