import Foundation
import SkyltCompose
import SkyltCore
import SkyltKiosk
import SkyltPlayer
import SkyltStatus
import SkyltTestSupport
import Testing

/// The pieces a kiosk is assembled from, as every command takes them.
@Suite("Kiosk assembly")
struct KioskAssemblyTests {
    func config(display: String) throws -> KioskConfig {
        let folder = TemporaryFolder()
        let file = folder.write(
            "config.json",
            #"""
            {"id": "k", "name": "Ängsby", "languages": ["sv"], "display": \#(display),
             "channels": [{"name": "demo", "folder": "\#(Repository.demoPlaylist.path)"}]}
            """#)
        return try KioskConfig.load(from: file)
    }

    @Test("the composer uses the config's display: its pixels, diagonal and distances")
    func display() throws {
        let config = try config(
            display: #"{"width": 1280, "height": 720, "diagonalInches": 32, "viewingDistanceMeters": 4}"#)
        let kiosk = Kiosk(config: config)
        #expect(kiosk.composer().profile == config.display)
        #expect(kiosk.composer().profile != DisplayProfile.standard.resized(width: 1280, height: 720))
        // Other pixels keep the physical display: a portrait preview of the same TV.
        let portrait = kiosk.display(width: 720, height: 1280)
        #expect(portrait.widthPixels == 720 && portrait.heightPixels == 1280)
        #expect(portrait.diagonalInches == 32 && portrait.viewingDistanceMeters == 4)
    }

    @Test("the planner takes the config's time zone, languages and channel order")
    func planner() throws {
        let config = try config(display: #"{"width": 1920, "height": 1080}"#)
        let settings = Kiosk(config: config).planner.settings
        #expect(settings == PlanSettings(config: config))
        #expect(settings.channelOrder == ["demo"])
    }

    @Test("the program is read from the config's channels")
    func program() throws {
        let config = try config(display: #"{"width": 1920, "height": 1080}"#)
        let loaded = Kiosk(config: config).loadProgram()
        #expect(loaded.problems.isEmpty)
        #expect(!loaded.program.slides.isEmpty)
        #expect(loaded.program.slides.allSatisfy { $0.channel == "demo" })
    }
}

/// What the status reporter makes of a switch.
@Suite("Status reporter")
struct StatusReporterTests {
    @Test("a switch writes status.json, tells the status page and names what comes next")
    func switchReported() throws {
        let folder = TemporaryFolder()
        let hub = StatusHub()
        let log = InMemoryLogHandler()
        let trust = ClockTrust(buildTime: .distantPast, lastSeen: nil, newestPublication: nil)
        let facts = StatusReporter.Facts(
            kioskID: "angsby-1", kioskName: "Ängsby", timeZone: PlanFixtures.stockholm, clockTrust: trust,
            channels: { [] })
        let reporter = StatusReporter(
            facts: facts, folder: folder.url, hub: hub, notifier: Notifier(), logger: log.logger)
        let clock = ManualClock(start: PlanFixtures.at("2026-12-05T10:00"))
        let store = ProgramStore(
            Program(slides: [PlanFixtures.slide("a", channel: "closed"), PlanFixtures.slide("b", channel: "identify")]))
        var options = PlayerOptions(kioskName: "Ängsby", languages: ["sv"])
        options.exitAfterSeconds = 15
        let loop = PlayLoop(
            screen: RecordingScreen(clock: clock),
            composer: SlideComposer(profile: DisplayProfile.standard.resized(width: 320, height: 180)), store: store,
            clock: clock, options: options, planner: PlanFixtures.planner())
        loop.add(reporter)
        #expect(loop.run())
        let data = try Data(contentsOf: folder.file(StatusSnapshot.fileName))
        let written = try JSONDecoder().decode(StatusSnapshot.self, from: data)
        // Channels named like the special screens are ordinary channels.
        #expect(written.showing.channel == "identify" && written.showing.slide == "b")
        #expect(written.display == "on" && written.kioskID == "angsby-1" && written.slidesInProgram == 2)
        let (snapshot, next, counters, _) = hub.read()
        #expect(snapshot == written)
        #expect(next == "closed/a")
        #expect(counters.slidesShown == 2 && counters.composeCount >= 2)
        #expect(hub.lastHeartbeat != nil)
        #expect(log.all.isEmpty)
    }
}

/// Every long-running part of a kiosk has the same life cycle.
@Suite("Kiosk services", .timeLimit(.minutes(2)))
struct KioskServiceTests {
    @Test("the last-seen keeper writes at start, and once more when it stops")
    func lastSeen() throws {
        let folder = TemporaryFolder()
        let trust = ClockTrust(buildTime: .distantPast, lastSeen: nil, newestPublication: nil)
        let keeper = LastSeenKeeper(folder: folder.url, trust: trust, logger: InMemoryLogHandler().logger)
        keeper.stop()  // before start: nothing
        #expect(LastSeen.read(from: folder.url) == nil)
        keeper.start()
        keeper.stop()
        let seen = try #require(LastSeen.read(from: folder.url))
        #expect(abs(seen.timeIntervalSinceNow) < 60)
        keeper.stop()
    }

    @Test("an untrusted clock is never written as last seen")
    func untrusted() throws {
        let folder = TemporaryFolder()
        let future = Date().addingTimeInterval(86400 * 365)
        let trust = ClockTrust(buildTime: future, lastSeen: nil, newestPublication: nil)
        let keeper = LastSeenKeeper(folder: folder.url, trust: trust, logger: InMemoryLogHandler().logger)
        keeper.start()
        keeper.stop()
        #expect(LastSeen.read(from: folder.url) == nil)
    }
}
