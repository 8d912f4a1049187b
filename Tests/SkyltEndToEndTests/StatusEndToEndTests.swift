import Foundation
@preconcurrency import Glibc
import SkyltCompose
import SkyltCore
import SkyltStatus
import SkyltTestSupport
import Testing

/// The status page of a running `skylt run`, seen by a phone's browser, by 200 slow clients,
/// and by systemd.
@Suite("The technician's view of a running player", .serialized, .timeLimit(.minutes(10)))
struct StatusEndToEndTests {
    let skylt = Repository.skyltBinary.path

    /// A running player with short slides and its status server on a free port.
    final class Player {
        let folder = TemporaryFolder()
        let process = Process()
        let port: Int
        var log = ""
        let errors = Pipe()

        /// `staleBoard` adds a departures slide fetched an hour ago, which the player must never
        /// show and must name as stale.
        init(skylt: String, perIPLimit: Int = 32, staleBoard: Bool = false) throws {
            port = Int.random(in: 30000..<60000)
            let fetched = ISO8601.format(Date().addingTimeInterval(-3600))
            let leaves = ISO8601.format(Date().addingTimeInterval(1800))
            let board =
                #"{"id": "bussar", "template": "departures", "title": "Ängsby torg", "fetched": "\#(fetched)", "source": "Data: Trafiklab.se", "departures": [{"line": "145", "destination": "Ljungby", "scheduled": "\#(leaves)"}]}"#
            let playlist = PlaylistFixture.make(
                slides: [
                    #"{"id": "ett", "template": "notice", "title": "Öppet", "body": "Välkommen!", "duration": 2}"#,
                    #"{"id": "tva", "template": "wifi", "ssid": "Ängsby Gäst", "password": "kanelbulle", "duration": 2}"#,
                ] + (staleBoard ? [board] : []))
            let config = folder.write(
                "config.json",
                #"""
                {"id": "angsby-1", "name": "Ängsby Handel", "stateDirectory": "state", "cacheDirectory": "cache",
                 "status": {"address": "127.0.0.1", "port": \#(port), "token": "a-long-enough-token-123", "perIPConnectionLimit": \#(perIPLimit)},
                 "channels": [{"name": "butiken", "folder": "\#(playlist.url.path)"},
                              {"name": "kommun", "url": "http://127.0.0.1:9/manifest.json", "keys": ["RWTOS4FPX1pLN7PpkXkXxyMY29mY+aPhvG8NWGbEcT39mg2Es6kJcJUD"]}]}
                """#)
            process.executableURL = URL(fileURLWithPath: skylt)
            process.arguments = [
                "run", "--headless", "--config", config.path, "--screenshot", folder.file("s.png").path, "--exit-after",
                "120",
            ]
            process.standardError = errors
            try process.run()
            _ = playlist.url
            self.playlist = playlist
            #expect(waitFor("status page on"), "\(log)")
            #expect(waitFor("first frame"), "\(log)")
            // Ready for questions once the loop has reported its first slot.
            // Alive: "ok", or "degraded" with why (the kommun channel below never syncs).
            #expect(Poll.until { (try? get("/healthz")).map(Self.alive) == true }, "\(log)")
        }

        let playlist: TemporaryFolder?

        /// /healthz's body for a player whose loop advances, problems or not.
        static func alive(_ body: String) -> Bool { body == "ok\n" || body.hasPrefix("degraded: ") }

        func waitFor(_ text: String, seconds: Double = 20) -> Bool {
            let deadline = Date(timeIntervalSinceNow: seconds)
            while Date() < deadline && !log.contains(text) {
                log += String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
            }
            return log.contains(text)
        }

        var base: String { "http://127.0.0.1:\(port)" }

        func get(_ path: String) throws -> String {
            try ExternalTool.run(["curl", "-s", "-m", "5", "-H", "Host: localhost", base + path]).stdout
        }

        deinit {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }
    }

    @Test("the page in headless chromium at a phone's size and a laptop's: name, every channel, no console errors")
    func chromium() throws {
        let player = try Player(skylt: skylt)
        let shots = TemporaryFolder()
        for (width, height) in [(390, 844), (1280, 800)] {
            let file = shots.file("page-\(width).png")
            let result = try ExternalTool.run([
                "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--enable-logging=stderr",
                "--v=0", "--window-size=\(width),\(height)", "--screenshot=\(file.path)", "--virtual-time-budget=3000",
                "--host-resolver-rules=MAP localhost 127.0.0.1", "http://localhost:\(player.port)/",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let shot = try Frame.readPNG(from: file)
            #expect(shot.width == width && shot.height == height)
            // The browser's console: no errors, no refused content (a CSP violation would show here).
            let console = result.stderr.split(separator: "\n").filter {
                $0.contains("CONSOLE") || $0.contains("Refused to")
            }
            #expect(console.isEmpty, "\(console)")
            try? FileManager.default.copyItem(at: file, to: URL(fileURLWithPath: "/tmp/skylt-status-\(width).png"))
        }
        let dom = try ExternalTool.run([
            "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
            "--host-resolver-rules=MAP localhost 127.0.0.1", "http://localhost:\(player.port)/",
        ])
        #expect(dom.stdout.contains("Ängsby Handel"))
        #expect(dom.stdout.contains("<h3>butiken</h3>") && dom.stdout.contains("<h3>kommun</h3>"))
        #expect(dom.stdout.contains("/screenshot.png"))
    }

    @Test("200 slow clients held open do not make the play loop miss a deadline; SIGTERM still stops it in 2 s")
    func slowClients() throws {
        let player = try Player(skylt: skylt, perIPLimit: 250)
        let clients = (0..<200).map { _ in StalledClient(port: player.port) }
        #expect(clients.allSatisfy { $0.connected })
        func status() -> StatusReport? {
            (try? player.get("/api/status")).flatMap {
                try? JSONDecoder().decode(StatusReport.self, from: Data($0.utf8))
            }
        }
        let earlier = try #require(status())
        // Three more slides go by while the clients hold their connections.
        var report = earlier
        #expect(
            Poll.until(seconds: 60) {
                report = status() ?? report
                return report.slidesShown >= earlier.slidesShown + 3
            })
        #expect(report.missedDeadlines == 0)
        #expect(report.healthy)
        #expect(Player.alive(try player.get("/healthz")))
        let sent = Date()
        player.process.terminate()
        player.process.waitUntilExit()
        #expect(Date().timeIntervalSince(sent) < 2)
        withExtendedLifetime(clients) {}
        #expect(player.process.terminationStatus == 0)
    }

    @Test("the restart action ends the player with status 75, for systemd to start it again")
    func restart() throws {
        let player = try Player(skylt: skylt)
        let refused = try ExternalTool.run([
            "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", "Host: localhost",
            player.base + "/api/actions/restart",
        ])
        #expect(refused.stdout == "401")
        #expect(player.process.isRunning)
        let accepted = try ExternalTool.run([
            "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-X", "POST", "-H", "Host: localhost",
            "-H", "Authorization: Bearer a-long-enough-token-123", player.base + "/api/actions/restart",
        ])
        #expect(accepted.stdout == "202")
        #expect(Poll.until { !player.process.isRunning })
        #expect(player.process.terminationStatus == 75)
    }

    @Test("skylt status prints the running player's snapshot")
    func statusCommand() throws {
        let player = try Player(skylt: skylt, staleBoard: true)
        let result = try ExternalTool.run([skylt, "status", "--config", player.folder.file("config.json").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stdout.contains("Ängsby Handel") && result.stdout.contains("playing"),
            "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("butiken") && result.stdout.contains("kommun"))
        #expect(result.stdout.contains("last error") && result.stdout.contains("cannot connect"))
        // The departures fetched an hour ago: named, with why, and never shown.
        #expect(
            result.stdout.contains("stale data") && result.stdout.contains("bussar")
                && result.stdout.contains("more than 10 minutes ago"), "\(result.stdout)")
    }

    @Test("the systemd unit is accepted by systemd-analyze and has what the service needs")
    func unit() throws {
        let text = try String(
            contentsOf: Repository.root.appendingPathComponent("systemd/skylt.service"), encoding: .utf8)
        for directive in [
            "Type=notify", "WatchdogSec=", "Restart=always", "User=skylt", "ProtectSystem=strict", "ProtectHome=yes",
            "NoNewPrivileges=yes", "PrivateTmp=yes", "DeviceAllow=char-drm rw", "DeviceAllow=char-input r",
            "SupplementaryGroups=video render input", "StateDirectory=skylt", "CacheDirectory=skylt",
        ] {
            #expect(text.contains(directive), "missing \(directive)")
        }
        #expect(!text.contains("PrivateDevices=yes"))
        let folder = TemporaryFolder()
        let unit = folder.write("skylt.service", text.replacingOccurrences(of: "/usr/local/bin/skylt", with: skylt))
        let result = try ExternalTool.run(["systemd-analyze", "verify", unit.path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test("the example config is a valid config")
    func exampleConfig() throws {
        let config = try KioskConfig.load(from: Repository.root.appendingPathComponent("Assets/config.example.json"))
        #expect(config.channels.count == 2 && config.openingHours != nil && config.displayOff != nil)
    }
}
