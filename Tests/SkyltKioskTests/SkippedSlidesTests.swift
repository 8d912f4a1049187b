import Foundation
import SkyltCompose
import SkyltCore
import SkyltKiosk
import SkyltPlayer
import SkyltStatus
import SkyltTestSupport
import Synchronization
import Testing

/// Slides the play loop skips reach the status: status.json, the page at once, and its health;
/// they are forgotten when the program changes.
@Suite("Skipped slides in the status")
struct SkippedSlidesTests {
    final class Generation: Sendable {
        let value = Atomic<Int>(1)
    }

    func run(
        _ reporter: StatusReporter, slides: [ProgramSlide] = [PlanFixtures.slide("a", channel: "kommun")],
        before: (StatusReporter) -> Void = { _ in }
    ) -> Bool {
        let clock = ManualClock(start: PlanFixtures.at("2026-12-05T10:00"))
        var options = PlayerOptions(kioskName: "Ängsby", languages: ["sv"])
        options.exitAfterSeconds = 5
        let loop = PlayLoop(
            screen: RecordingScreen(clock: clock),
            composer: SlideComposer(profile: DisplayProfile.standard.resized(width: 320, height: 180)),
            store: ProgramStore(Program(slides: slides)), clock: clock,
            options: options, planner: PlanFixtures.planner())
        loop.add(reporter)
        return loop.run()
    }

    @Test("a skipped slide is in status.json, on the page at once and in its health, until the program changes")
    func skipped() throws {
        let folder = TemporaryFolder()
        let hub = StatusHub()
        let generation = Generation()
        let trust = ClockTrust(buildTime: .distantPast, lastSeen: nil, newestPublication: nil)
        var facts = StatusReporter.Facts(
            kioskID: "angsby-1", kioskName: "Ängsby", timeZone: PlanFixtures.stockholm, clockTrust: trust,
            channels: { [] })
        facts.programGeneration = { generation.value.load(ordering: .sequentiallyConsistent) }
        let reporter = StatusReporter(
            facts: facts, folder: folder.url, hub: hub, notifier: Notifier(), logger: InMemoryLogHandler().logger)
        #expect(run(reporter))
        reporter.playLoop(.skipped(slide: "kommun/lang", reason: "its composition took over 2 s"))
        // The page has it before the next switch.
        #expect(hub.read().snapshot?.skipped?.map(\.slide) == ["kommun/lang"])
        reporter.playLoop(.skipped(slide: "kommun/lang", reason: "its composition took over 2 s"))
        #expect(run(reporter))
        let written = try JSONDecoder().decode(
            StatusSnapshot.self, from: Data(contentsOf: folder.file(StatusSnapshot.fileName)))
        #expect(written.skipped?.map(\.slide) == ["kommun/lang"], "one entry per slide")
        #expect(written.skipped?.first?.reason == "its composition took over 2 s")
        let health = Health(snapshot: written, playing: true, freeDiskBytes: nil, diskSizeBytes: nil)
        #expect(health.level == .degraded && health.problems.map(\.code) == [.slidesSkipped])
        // A new program may have mended it: the next switch forgets it.
        generation.value.store(2, ordering: .sequentiallyConsistent)
        #expect(run(reporter))
        let after = try JSONDecoder().decode(
            StatusSnapshot.self, from: Data(contentsOf: folder.file(StatusSnapshot.fileName)))
        #expect(after.skipped == [])
    }

    @Test("stale data slides are in status.json with their reason, and are no health problem")
    func staleData() throws {
        let folder = TemporaryFolder()
        let trust = ClockTrust(buildTime: .distantPast, lastSeen: nil, newestPublication: nil)
        let facts = StatusReporter.Facts(
            kioskID: "angsby-1", kioskName: "Ängsby", timeZone: PlanFixtures.stockholm, clockTrust: trust,
            channels: { [] })
        let reporter = StatusReporter(
            facts: facts, folder: folder.url, hub: StatusHub(), notifier: Notifier(),
            logger: InMemoryLogHandler().logger)
        let fetched = PlanFixtures.at("2026-12-05T09:30")
        let board = DepartureBoard(
            title: LocalizedText(["sv": "Bussar"]), fetched: fetched,
            departures: [Departure(line: "4", destination: "Växjö", scheduled: PlanFixtures.at("2026-12-05T11:00"))],
            source: "Data: Trafiklab.se")
        let stale = ProgramSlide(
            slide: Slide(id: "1-board", durationSeconds: 10, content: .departures(board)), channel: "bussar",
            defaultLanguage: "sv", theme: .standard, timeZone: PlanFixtures.stockholm)
        #expect(run(reporter, slides: [PlanFixtures.slide("a", channel: "kommun"), stale]))
        let written = try JSONDecoder().decode(
            StatusSnapshot.self, from: Data(contentsOf: folder.file(StatusSnapshot.fileName)))
        #expect(
            written.staleData == [
                StaleSlide(
                    slide: "bussar/1-board", template: "departures",
                    reason: "departures fetched \(ISO8601.format(fetched)), more than 10 minutes ago")
            ])
        #expect(written.showing.slide == "a")
        let health = Health(snapshot: written, playing: true, freeDiskBytes: nil, diskSizeBytes: nil)
        #expect(health.level == .ok)
    }
}
