import Foundation
import SkyltCompose
import SkyltCore
import SkyltStatus
import SkyltTestSupport
import Testing

/// Health worked out once from the snapshot and the disk, and shown alike by the page's top
/// line, /healthz and /api/status; times in the kiosk's zone.
@Suite("Honest health", .serialized, .timeLimit(.minutes(5)))
struct HealthTests {
    /// 2026-11-27 23:08:07 UTC: 00:08:07 the next day in Stockholm (+01:00).
    static let moment = Date(timeIntervalSince1970: 1_795_820_887)

    static func snapshot(trusted: Bool = true) -> StatusSnapshot {
        StatusSnapshot(
            kioskID: "angsby-1", kioskName: "Ängsby Handel", timeZone: "Europe/Stockholm", clockTrusted: trusted,
            clockNotBefore: moment, clockReason: "the last-seen time", display: "on",
            showing: .init(slide: "wifi", channel: "butiken", language: "sv", reason: "its turn", since: "now"),
            slidesInProgram: 2, written: moment)
    }

    static func channel(failing: Bool = false, lastSuccess: Date? = moment, expires: Date? = nil) -> ChannelState {
        var channel = ChannelState(
            name: "kommun", kind: .bundle, source: "https://skylt.example.org/kommun/manifest.json", observed: moment)
        channel.lastSuccess = lastSuccess
        channel.expires = expires ?? moment.addingTimeInterval(86400)
        if failing {
            channel.lastError = "cannot reach skylt.example.org: connection refused"
            channel.failures = 12
        }
        return channel
    }

    @Test("green only when all is well; each problem with its code and subject, in plain words")
    func assessment() {
        var snapshot = Self.snapshot()
        snapshot.channels = [Self.channel()]
        let well = Health(snapshot: snapshot, playing: true, freeDiskBytes: 50 << 30, diskSizeBytes: 100 << 30)
        #expect(well.level == .ok && well.problems.isEmpty && well.summary == "all well")

        snapshot.channels = [
            Self.channel(failing: true, lastSuccess: Self.moment.addingTimeInterval(-3 * 86400)),
            ChannelState(name: "butiken", kind: .folder, source: "/var/lib/skylt/playlists/butiken"),
        ]
        snapshot.clockTrusted = false
        snapshot.skipped = [SkippedSlide(slide: "kommun/lang", reason: "composition over 2 s", at: Self.moment)]
        let sick = Health(snapshot: snapshot, playing: true, freeDiskBytes: 5 << 30, diskSizeBytes: 100 << 30)
        #expect(sick.level == .degraded)
        #expect(
            sick.problems.map(\.code) == [.syncFailing, .syncStale, .clockUntrusted, .diskLow, .slidesSkipped])
        #expect(sick.problems[0].subject == "kommun" && sick.problems[0].text.contains("connection refused"))
        #expect(sick.problems[1].text == "channel kommun: no good sync for 3 days")
        #expect(sick.problems[3].text == "disk nearly full: 5.0 GiB free of 100.0 GiB")
        #expect(sick.problems[4].subject == "kommun/lang")

        snapshot = Self.snapshot()
        snapshot.channels = [Self.channel(expires: Self.moment.addingTimeInterval(-7200))]
        let expired = Health(snapshot: snapshot, playing: true, freeDiskBytes: nil, diskSizeBytes: nil)
        #expect(expired.problems.map(\.code) == [.contentExpired])
        #expect(expired.problems[0].text == "channel kommun: content expired 2 h ago, still playing")

        let stuck = Health(snapshot: Self.snapshot(), playing: false, freeDiskBytes: nil, diskSizeBytes: nil)
        #expect(stuck.level == .stuck && stuck.problems.map(\.code) == [.playLoopStuck])
        // Before the first switch the clock is not known: no guess.
        let starting = Health(
            snapshot: Self.snapshot(trusted: false), playing: true, starting: true, freeDiskBytes: nil,
            diskSizeBytes: nil)
        #expect(starting.level == .ok)
    }

    @Test("times on the kiosk's wall clock with the offset, summer and winter")
    func localTimes() {
        let snapshot = Self.snapshot()
        #expect(snapshot.localTime(Self.moment) == "2026-11-28 00:08:07 +01:00")
        #expect(snapshot.localTime(Date(timeIntervalSince1970: 1_782_900_000)) == "2026-07-01 12:00:00 +02:00")
        #expect(snapshot.localTime(iso: "2026-11-27T23:08:07Z") == "2026-11-28 00:08:07 +01:00")
        #expect(snapshot.localTime(iso: "now") == "now")
        #expect(Health.bytes(1536) == "1.5 KiB" && Health.bytes(512) == "512 B")
    }

    /// A status server whose one bundle channel fails every sync.
    final class FailingKiosk {
        let hub = StatusHub()
        let server: StatusServer

        init() throws {
            var settings = StatusSettings(token: "k7Yq2Hh9-test-token-3Fz")
            settings.address = "127.0.0.1"
            settings.port = 0
            var sources = StatusSources(hub: hub)
            sources.channels = { [HealthTests.channel(failing: true, lastSuccess: HealthTests.moment)] }
            sources.freeDiskBytes = { 50 << 30 }
            sources.diskSizeBytes = { 100 << 30 }
            server = StatusServer(settings: settings, sources: sources, logger: InMemoryLogHandler().logger)
            try server.start()
            hub.switched(to: HealthTests.snapshot(), frame: nil, next: nil, missedDeadline: false)
            hub.beat()
            hub.log(.warning, "kommun: sync failed")
        }

        deinit { server.stop() }

        func get(_ path: String) throws -> (status: String, body: String) {
            let folder = TemporaryFolder()
            let result = try ExternalTool.run([
                "curl", "-s", "-m", "5", "-o", folder.file("body").path, "-w", "%{http_code}", "-H", "Host: localhost",
                "http://127.0.0.1:\(server.port)\(path)",
            ])
            return (result.stdout, (try? String(contentsOf: folder.file("body"), encoding: .utf8)) ?? "")
        }
    }

    @Test("while every sync fails, the page's top line is not green and names the failure first")
    func topLine() throws {
        let kiosk = try FailingKiosk()
        let page = try kiosk.get("/").body
        let header = try #require(page.components(separatedBy: "</header>").first)
        #expect(!header.contains("class=\"health ok\""), "\(header)")
        #expect(header.contains("class=\"health warn\"") && header.contains("Playing, one problem · screen on"))
        #expect(header.contains("channel kommun: sync fails (12×): cannot reach skylt.example.org"))
        // Times in Stockholm's zone with the offset, the log's too.
        #expect(page.contains("2026-11-28 00:08:07 +01:00"), "the last good sync in local time")
        #expect(!page.contains("2026-11-27T23:08:07Z"))
        let logLine = try #require(kiosk.hub.read().logs.last)
        #expect(logLine.hasSuffix("warning kommun: sync failed"))
        #expect(logLine.contains(" +01:00 "), "\(logLine)")
    }

    @Test("/healthz stays 200 for a failing channel, with 'degraded' and why; /api/status carries the same health")
    func healthzAndJSON() throws {
        let kiosk = try FailingKiosk()
        let healthz = try kiosk.get("/healthz")
        #expect(healthz.status == "200")
        #expect(healthz.body.hasPrefix("degraded: channel kommun: sync fails"), "\(healthz.body)")
        let report = try JSONDecoder().decode(StatusReport.self, from: Data(try kiosk.get("/api/status").body.utf8))
        let health = try #require(report.health)
        #expect(health.level == .degraded && health.problems.map(\.code) == [.syncFailing])
        // A stuck loop is still the one 503.
        kiosk.hub.beat(at: Date().addingTimeInterval(-600))
        let stuck = try kiosk.get("/healthz")
        #expect(stuck.status == "503" && stuck.body.hasPrefix("stuck: the player is stuck"))
    }
}
