import Foundation
import SkyltCompose
import SkyltCore
import SkyltHTTP
import SkyltPlayer
import SkyltStatus
import SkyltTestSupport
import Synchronization
import Testing

/// The status server against real clients on 127.0.0.1: curl, python3's prometheus_client.
@Suite("Status server", .serialized, .timeLimit(.minutes(10)))
struct StatusServerTests {
    static let token = "k7Yq2Hh9-test-token-3Fz"

    final class Actions: Sendable {
        private let done = Mutex<[StatusAction]>([])
        func add(_ action: StatusAction) { done.withLock { $0.append(action) } }
        var list: [StatusAction] { done.withLock { $0 } }
    }

    struct Setup {
        let hub = StatusHub()
        let actions = Actions()
        let log = InMemoryLogHandler()
        let server: StatusServer

        init(heartbeatLimit: Double = 30, staleData: [StaleSlide]? = nil) throws {
            var settings = StatusSettings(token: StatusServerTests.token)
            settings.address = "127.0.0.1"
            settings.port = 0
            settings.heartbeatLimitSeconds = heartbeatLimit
            var sources = StatusSources(hub: hub)
            let actions = actions
            sources.channels = {
                var kommun = ChannelState(
                    name: "kommun", kind: .bundle, source: "https://skylt.example.org/kommun/manifest.json")
                kommun.version = 7
                kommun.published = kommun.observed.addingTimeInterval(-3600)
                kommun.lastSuccess = kommun.observed
                kommun.nextPoll = kommun.observed.addingTimeInterval(60)
                kommun.expires = kommun.observed.addingTimeInterval(86400)
                kommun.cacheMatches = true
                kommun.successes = 3
                kommun.failures = 1
                return [
                    kommun, ChannelState(name: "butiken", kind: .folder, source: "/var/lib/skylt/playlists/butiken"),
                ]
            }
            sources.addresses = { ["192.0.2.7"] }
            sources.perform = { actions.add($0) }
            server = StatusServer(settings: settings, sources: sources, logger: log.logger)
            try server.start()
            let frame = SlideComposer(profile: DisplayProfile.standard.resized(width: 640, height: 360))
                .composeNoContent(
                    kioskName: "Ängsby Handel", addresses: ["192.0.2.7"], version: "1", language: "sv")
            var snapshot = StatusSnapshot(
                kioskID: "angsby-1", kioskName: "Ängsby Handel", timeZone: "Europe/Stockholm", clockTrusted: true,
                clockNotBefore: Date(timeIntervalSince1970: 0), clockReason: "the build time", display: "on",
                showing: .init(slide: "wifi", channel: "butiken", language: "sv", reason: "its turn", since: "now"),
                slidesInProgram: 2, written: Date())
            snapshot.staleData = staleData
            hub.switched(to: snapshot, frame: frame, next: "kommun/vatten", missedDeadline: false)
            hub.beat()
        }

        var base: String { "http://127.0.0.1:\(server.port)" }

        /// curl with a Host header; returns status, headers and body.
        func curl(_ path: String, host: String = "localhost", method: String = "GET", headers: [String] = [])
            throws -> (status: Int, headers: String, body: String)
        {
            let folder = TemporaryFolder()
            var arguments = [
                "curl", "-s", "-o", folder.file("body").path, "-D", folder.file("headers").path, "-w", "%{http_code}",
                "-X", method, "-H", "Host: \(host)",
            ]
            for header in headers { arguments += ["-H", header] }
            let result = try ExternalTool.run(arguments + [base + path])
            return (
                Int(result.stdout) ?? 0, (try? String(contentsOf: folder.file("headers"), encoding: .utf8)) ?? "",
                (try? String(contentsOf: folder.file("body"), encoding: .utf8)) ?? ""
            )
        }
    }

    @Test("every endpoint answers, with strict security headers, and no secret anywhere")
    func endpoints() throws {
        let setup = try Setup()
        for (path, type) in [
            ("/", "text/html"), ("/api/status", "application/json"), ("/metrics", "text/plain; version=0.0.4"),
            ("/screenshot.png", "image/png"), ("/healthz", "text/plain"), ("/style.css", "text/css"),
        ] {
            let reply = try setup.curl(path)
            #expect(reply.status == 200, "\(path)")
            let headers = reply.headers.lowercased()
            #expect(headers.contains("content-type: \(type)"), "\(path): \(reply.headers)")
            #expect(headers.contains("content-security-policy: default-src 'none'"))
            #expect(headers.contains("x-frame-options: deny"))
            #expect(headers.contains("x-content-type-options: nosniff"))
            #expect(!reply.body.contains(StatusServerTests.token), "\(path) shows the token")
        }
        let page = try setup.curl("/").body
        #expect(page.contains("Ängsby Handel") && page.contains("kommun") && page.contains("butiken"))
        #expect(page.contains("http-equiv=\"refresh\""))
        // A folder channel has no sync: its section says so instead of "never synced".
        let folderSection = try #require(page.components(separatedBy: "<h3>butiken</h3>").last)
            .components(separatedBy: "</table>")[0]
        #expect(folderSection.contains("local folder") && !folderSection.contains("never"))
        #expect(page.components(separatedBy: "<h3>kommun</h3>").last?.contains("Last good sync") == true)
        #expect(!page.contains("<script"))
        let json = try JSONDecoder().decode(StatusReport.self, from: Data(try setup.curl("/api/status").body.utf8))
        #expect(json.snapshot.kioskName == "Ängsby Handel" && json.snapshot.channels.count == 2 && json.healthy)
        #expect(json.snapshot.showing.slide == "wifi" && json.next == "kommun/vatten")
    }

    @Test("stale data slides are listed on the page and in /api/status, escaped, and are no health problem")
    func staleData() throws {
        let stale = [
            StaleSlide(
                slide: "bussar/1-board", template: "departures",
                reason: "departures fetched 2026-12-05T10:00:00+01:00, more than 10 minutes ago"),
            StaleSlide(slide: "bussar/<b>x</b>", template: "agenda", reason: "every event on it is over"),
        ]
        let setup = try Setup(staleData: stale)
        let page = try setup.curl("/").body
        #expect(page.contains("<h3>Stale data, not shown</h3>"))
        #expect(
            page.contains(
                "<li>bussar/1-board: departures fetched 2026-12-05T10:00:00+01:00, more than 10 minutes ago</li>"))
        #expect(page.contains("bussar/&lt;b&gt;x&lt;/b&gt;") && !page.contains("<b>x</b>"))
        #expect(page.contains("Playing · screen on · all well"))
        let report = try JSONDecoder().decode(StatusReport.self, from: Data(try setup.curl("/api/status").body.utf8))
        #expect(report.snapshot.staleData == stale && report.healthy)
        let quiet = try Setup(staleData: [])
        #expect(!(try quiet.curl("/").body.contains("Stale data")))
    }

    @Test("/api/status keeps the field names the README documents, and reads back into the same report")
    func jsonFields() throws {
        let setup = try Setup()
        let body = Data(try setup.curl("/api/status").body.utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
        let documented = [
            "kioskID", "kioskName", "version", "uptimeSeconds", "timeZone", "clockTrusted", "clockReason", "display",
            "showing", "next", "healthy", "slidesShown", "missedDeadlines", "composeSecondsSum", "composeCount",
            "channels", "cacheBytes", "freeDiskBytes", "addresses", "logs", "playsToday", "startTimeSeconds",
        ]
        #expect(Set(documented).subtracting(object.keys).isEmpty, "\(object.keys.sorted())")
        let channels = try #require(object["channels"] as? [[String: Any]])
        let kommun = try #require(channels.first { $0["name"] as? String == "kommun" })
        for key in [
            "name", "kind", "source", "version", "published", "ageSeconds", "lastSuccess", "nextPoll", "stale",
            "cacheMatches", "successes", "failures", "secondsSinceLastGoodSync",
        ] {
            #expect(kommun[key] != nil, "channel lacks \(key)")
        }
        #expect(kommun["kind"] as? String == "bundle" && kommun["stale"] as? Bool == false)
        #expect((kommun["ageSeconds"] as? Double).map { abs($0 - 3600) < 2 } == true)
        let report = try JSONDecoder().decode(StatusReport.self, from: body)
        #expect(report.snapshot.channels.map(\.kind) == [.bundle, .folder])
        #expect(report.snapshot.channels[0].version == 7 && report.snapshot.channels[0].successes == 3)
        #expect(report.snapshot.channels[0].cacheMatches == true && !report.snapshot.channels[0].stale)
    }

    @Test("the screenshot is the frame on screen")
    func screenshot() throws {
        let setup = try Setup()
        let folder = TemporaryFolder()
        let result = try ExternalTool.run([
            "curl", "-s", "-H", "Host: localhost", "-o", folder.file("s.png").path, setup.base + "/screenshot.png",
        ])
        #expect(result.status == 0)
        let frame = try Frame.readPNG(from: folder.file("s.png"))
        #expect(frame.width == 640 && frame.height == 360)
    }

    @Test("/metrics parses with prometheus_client")
    func prometheus() throws {
        let setup = try Setup()
        let text = try setup.curl("/metrics").body
        let script = """
            import sys
            from prometheus_client.parser import text_string_to_metric_families
            names = {}
            for family in text_string_to_metric_families(sys.stdin.read()):
                for sample in family.samples:
                    names[sample.name] = names.get(sample.name, 0) + 1
            for name in sorted(names): print(name, names[name])
            """
        let result = try ExternalTool.run(["python3", "-c", script], input: Data(text.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        for name in [
            "skylt_uptime_seconds", "skylt_slides_shown_total", "skylt_sync_success_total", "skylt_sync_failure_total",
            "skylt_seconds_since_last_good_sync", "skylt_cache_bytes", "skylt_frame_compose_seconds_count",
            "skylt_display_on", "skylt_missed_deadlines_total",
        ] {
            #expect(result.stdout.contains(name), "missing \(name): \(result.stdout)")
        }
    }

    @Test("before the first switch /metrics says nothing of the display and the clock, which it does not know yet")
    func metricsWhileStarting() throws {
        var settings = StatusSettings(token: StatusServerTests.token)
        settings.address = "127.0.0.1"
        settings.port = 0
        let server = StatusServer(settings: settings, sources: StatusSources(hub: StatusHub()))
        try server.start()
        defer { server.stop() }
        let result = try ExternalTool.run(["curl", "-s", "http://127.0.0.1:\(server.port)/metrics"])
        let samples = result.stdout.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(samples.contains { $0.hasPrefix("skylt_uptime_seconds ") }, "\(result.stdout)")
        #expect(!samples.contains { $0.hasPrefix("skylt_display_on") || $0.hasPrefix("skylt_clock_trusted") })
        #expect(result.stdout.contains("# TYPE skylt_display_on gauge"))
    }

    @Test("a foreign Host is refused with 421 (DNS rebinding)")
    func hostCheck() throws {
        let setup = try Setup()
        #expect(try setup.curl("/", host: "evil.example").status == 421)
        #expect(try setup.curl("/api/status", host: "evil.example:8080").status == 421)
        #expect(try setup.curl("/", host: "127.0.0.1:8080").status == 200)
        #expect(try setup.curl("/", host: "192.0.2.7").status == 200)
    }

    @Test("actions need the token, check Origin, and failed attempts are rate-limited")
    func actions() throws {
        let setup = try Setup()
        #expect(try setup.curl("/api/actions/sync", method: "POST").status == 401)
        #expect(
            try setup.curl("/api/actions/sync", method: "POST", headers: ["Authorization: Bearer wrong"]).status == 401)
        #expect(setup.actions.list.isEmpty)
        let auth = "Authorization: Bearer \(StatusServerTests.token)"
        #expect(try setup.curl("/api/actions/identify", method: "POST", headers: [auth]).status == 202)
        #expect(
            try setup.curl(
                "/api/actions/display-off", method: "POST", headers: [auth, "Origin: http://localhost:8080"]
            ).status == 202)
        #expect(
            try setup.curl("/api/actions/restart", method: "POST", headers: [auth, "Origin: https://evil.example"])
                .status == 403)
        #expect(try setup.curl("/api/actions/format-disk", method: "POST", headers: [auth]).status == 404)
        // A body beyond 4 KiB is refused with 413 and does nothing.
        let big = try ExternalTool.run(
            [
                "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: localhost", "-H", auth,
                "--data-binary", "@-", setup.base + "/api/actions/sync",
            ], input: Data(repeating: 0x41, count: 64 * 1024))
        #expect(big.stdout == "413")
        // Headers beyond the 32 KiB a request may use are libmicrohttpd's own refusal; its word
        // on it reaches the log with a level, not as a bare line on stderr.
        let padding = "X-Padding: " + String(repeating: "a", count: 40 * 1024)
        let huge = try setup.curl("/api/actions/sync", method: "POST", headers: [auth, padding])
        #expect(huge.status != 202)
        let logged = setup.log.all
        #expect(
            logged.contains { $0.level == .notice && $0.message.hasPrefix("status page: libmicrohttpd: ") },
            "\(logged)")
        #expect(setup.actions.list == [.identify, .displayOff])
        // Three more failures make five in a minute: then even the right token waits.
        for _ in 0..<3 {
            _ = try setup.curl("/api/actions/sync", method: "POST", headers: ["Authorization: Bearer nope"])
        }
        #expect(try setup.curl("/api/actions/sync", method: "POST", headers: [auth]).status == 429)
        #expect(setup.actions.list == [.identify, .displayOff])
        #expect(try setup.curl("/api/status").status == 200)
    }

    /// A server on a free port of 127.0.0.1 with the given limits, and a /healthz probe.
    struct Limited {
        let server: StatusServer

        init(perIPConnectionLimit: UInt32 = 32, connectionTimeoutSeconds: UInt32) throws {
            var settings = StatusSettings(token: StatusServerTests.token)
            settings.address = "127.0.0.1"
            settings.port = 0
            settings.perIPConnectionLimit = perIPConnectionLimit
            settings.connectionTimeoutSeconds = connectionTimeoutSeconds
            let hub = StatusHub()
            hub.beat()
            server = StatusServer(settings: settings, sources: StatusSources(hub: hub))
            try server.start()
        }

        var port: Int { Int(server.port) }

        func healthz() throws -> String {
            try ExternalTool.run([
                "curl", "-s", "-m", "5", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: localhost",
                "http://127.0.0.1:\(port)/healthz",
            ]).stdout
        }
    }

    @Test("a bad address and a port in use fail to start with codes a caller can tell apart")
    func startFailures() throws {
        var settings = StatusSettings(token: StatusServerTests.token)
        settings.address = "localhost"
        settings.port = 0
        #expect {
            try StatusServer(settings: settings, sources: StatusSources(hub: StatusHub())).start()
        } throws: { error in
            guard let error = error as? StatusServerError else { return false }
            return error.code == .address && error.description.contains("'localhost'")
        }
        settings.address = "127.0.0.1"
        let first = StatusServer(settings: settings, sources: StatusSources(hub: StatusHub()))
        try first.start()
        settings.port = first.port
        #expect {
            try StatusServer(settings: settings, sources: StatusSources(hub: StatusHub())).start()
        } throws: { error in
            guard let error = error as? StatusServerError else { return false }
            return error.code == .listen && error.errno == EADDRINUSE && error.location == "127.0.0.1:\(first.port)"
        }
        withExtendedLifetime(first) {}
    }

    @Test("the per-address connection limit holds")
    func perAddressLimit() throws {
        // An idle timeout far beyond the test, so the held connections stay open however slow
        // the machine is.
        let limited = try Limited(perIPConnectionLimit: 3, connectionTimeoutSeconds: 600)
        #expect(try limited.healthz() == "200")
        var stalled = (0..<3).map { _ in StalledClient(port: limited.port) }
        #expect(stalled.allSatisfy { $0.connected })
        // A fourth connection from the same address is closed at once.
        #expect(try limited.healthz() == "000")
        // Once one of the three is gone, there is room again.
        stalled.removeFirst()
        #expect(Poll.until { (try? limited.healthz()) == "200" })
        withExtendedLifetime(stalled) {}
    }

    @Test("stop() returns with every connection closed and the port no longer listening")
    func stop() throws {
        let limited = try Limited(connectionTimeoutSeconds: 600)
        let client = StalledClient(port: limited.port)
        #expect(client.connected)
        limited.server.stop()
        // libmicrohttpd has closed the connection and joined its thread before stop() returned:
        // no waiting here.
        #expect(client.closedByServer(within: 0))
        #expect(try limited.healthz() == "000")
        limited.server.stop()
    }

    @Test("idle connections are closed after the idle timeout")
    func idleTimeout() throws {
        let limited = try Limited(perIPConnectionLimit: 3, connectionTimeoutSeconds: 1)
        let stalled = (0..<3).map { _ in StalledClient(port: limited.port) }
        #expect(stalled.allSatisfy { $0.connected })
        // Without the timeout they would stay open as long as the clients do.
        #expect(stalled.allSatisfy { $0.closedByServer(within: 30) })
        #expect(try limited.healthz() == "200")
    }

    @Test("/healthz turns 503 when the play loop stops ticking")
    func health() throws {
        let setup = try Setup(heartbeatLimit: 5)
        #expect(try setup.curl("/healthz").status == 200)
        setup.hub.beat(at: Date().addingTimeInterval(-10))
        #expect(try setup.curl("/healthz").status == 503)
    }
}

/// A screen whose driver hangs: once armed, the next draw never returns until released.
final class HangingScreen: Screen, Sendable {
    let driverName = "hanging"
    let isHeadless = true
    let eventPollIntervalSeconds: Double? = nil
    private let armed = Atomic<Bool>(false)
    /// Signalled when a draw has begun to hang.
    let hung = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)

    /// Makes the next draw hang.
    func arm() { armed.store(true, ordering: .sequentiallyConsistent) }

    func stage(_ frame: Frame) throws(ScreenError) {}
    func draw(fade: Double) {
        if armed.exchange(false, ordering: .sequentiallyConsistent) {
            hung.signal()
            release.wait()
        }
    }
    func promote() {}
    func blank() {}
    func pollEvents() -> [ScreenEvent] { [] }
}

/// Beats the hub and counts each heartbeat, as the kiosk's watchdog does.
final class Pinger: PlayObserver {
    let hub: StatusHub
    let pings: StuckLoopTests.Counter

    init(hub: StatusHub, pings: StuckLoopTests.Counter) {
        self.hub = hub
        self.pings = pings
    }

    func playLoop(_ event: PlayEvent) {
        guard case .heartbeat = event else { return }
        hub.beat()
        pings.add()
    }
}

@Suite("A stuck play loop", .serialized, .timeLimit(.minutes(10)))
struct StuckLoopTests {
    final class Counter: Sendable {
        private let count = Atomic<Int>(0)
        func add() { count.add(1, ordering: .sequentiallyConsistent) }
        var value: Int { count.load(ordering: .sequentiallyConsistent) }
    }

    @Test("stops the watchdog pings and turns /healthz to 503")
    func stuck() throws {
        let setup = try StatusServerTests.Setup(heartbeatLimit: 1)
        let pings = Counter()
        let screen = HangingScreen()
        let slides = [PlanFixtures.slide("a", seconds: 1), PlanFixtures.slide("b", seconds: 1)]
        var options = PlayerOptions(kioskName: "k", languages: ["sv"])
        options.heartbeatSeconds = 0.1
        options.crossfadeSeconds = 0.1
        let loop = PlayLoop(
            screen: screen, composer: SlideComposer(profile: DisplayProfile.standard.resized(width: 320, height: 180)),
            store: ProgramStore(Program(slides: slides)), clock: SystemClock(), options: options,
            planner: PlanFixtures.planner())
        loop.add(Pinger(hub: setup.hub, pings: pings))
        // `@unchecked`: PlayLoop is not Sendable; the box only carries it to the one thread
        // that runs it, and this test never touches the loop itself again.
        final class Box: @unchecked Sendable {
            let loop: PlayLoop
            init(_ loop: PlayLoop) { self.loop = loop }
        }
        let box = Box(loop)
        let control = loop.control
        let thread = Thread { box.loop.run() }
        thread.start()
        // Playing: the loop pings and the page says it is healthy.
        #expect(Poll.until { pings.value > 2 })
        #expect(Poll.until { (try? setup.curl("/healthz").status) == 200 })
        // The next draw hangs, as a wedged display driver would; the loop thread is stuck in it.
        screen.arm()
        #expect(screen.hung.wait(timeout: .now() + 30) == .success, "the loop never hung")
        let last = pings.value
        // Once the last ping is older than the limit, the page says the loop is stuck.
        #expect(Poll.until { (try? setup.curl("/healthz").status) == 503 })
        #expect(pings.value == last, "watchdog pings go on while the loop is stuck")
        control.requestStop()
        screen.release.signal()
    }
}
