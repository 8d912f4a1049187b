import Foundation
import SkyltCompose
import SkyltCore
import SkyltPlayer
import SkyltTestSupport
import XCTest

/// The play loop against a recording screen and a manual clock: hours of playback in
/// milliseconds, with exact deadlines.
final class PlayLoopTests: XCTestCase {
    let small = DisplayProfile.standard.resized(width: 640, height: 360)

    func demoProgram() throws -> Program {
        let reading = PlaylistReader.read(folder: Repository.demoPlaylist)
        return Program(playlists: [(channel: "demo", playlist: try XCTUnwrap(reading.playlist))])
    }

    /// Saturday 5 December 2026, 10:00 in Stockholm: the water notice is over, the Christmas
    /// market still ahead.
    static let saturday = PlanFixtures.at("2026-12-05T10:00")

    func makeLoop(
        _ program: Program, exitAfter: Double, screen: RecordingScreen? = nil,
        clock: ManualClock = ManualClock(start: saturday), store: ProgramStore? = nil, planner: Planner? = nil,
        playLog: PlayLog? = nil, display: DisplayPower? = nil
    ) -> (PlayLoop, RecordingScreen, ManualClock, ProgramStore) {
        let store = store ?? ProgramStore(program)
        let screen = screen ?? RecordingScreen(clock: clock)
        var options = PlayerOptions(kioskName: "Ängsby Handel", languages: ["sv", "en"])
        options.exitAfterSeconds = exitAfter
        let composer = SlideComposer(profile: DisplayProfile.standard)
        let loop = PlayLoop(
            screen: screen, composer: composer, store: store, clock: clock, options: options,
            planner: planner ?? PlanFixtures.planner(languages: ["sv", "en"]), playLog: playLog, display: display)
        return (loop, screen, clock, store)
    }

    func testSlidesRotateByTheirDurationWithACrossfade() throws {
        let program = try demoProgram()
        let (loop, screen, _, _) = makeLoop(program, exitAfter: 200)
        XCTAssertTrue(loop.run())
        let shown = loop.history
        // The notice's schedule ended on 1 December; the others play in turn.
        let ids = program.slides.map(\.key).filter { $0 != "demo/vattenavstangning" }
        XCTAssertGreaterThan(shown.count, ids.count)
        for (index, entry) in shown.enumerated() {
            XCTAssertEqual(entry.key, ids[index % ids.count])
        }
        for (previous, next) in zip(shown, shown.dropFirst()) {
            XCTAssertEqual(next.shownAt - previous.shownAt, previous.durationSeconds, accuracy: 1e-9)
        }
        // A crossfade blends in steps before the new frame takes over.
        let fades = screen.calls.compactMap { if case .draw(let fade) = $0 { return fade } else { return nil } }
        XCTAssertTrue(fades.contains { $0 > 0 && $0 < 1 })
    }

    func testTranslatedSlidesTakeTurnsInTheDisplayLanguages() throws {
        let program = try demoProgram()
        let (loop, _, _, _) = makeLoop(program, exitAfter: 400)
        loop.run()
        let first = program.slides[0].key
        let languages = loop.history.filter { $0.key == first }.map(\.language)
        XCTAssertEqual(Array(languages.prefix(4)), ["sv", "en", "sv", "en"])
    }

    func testTheNextSlideIsComposedAndUploadedBeforeItsDeadline() throws {
        let clock = ManualClock(start: Self.saturday)
        let (loop, screen, _, _) = makeLoop(try demoProgram(), exitAfter: 120, clock: clock)
        loop.run()
        // Every upload but the first comes right after a switch, long before the next one.
        let promotes = zip(screen.calls, screen.times).filter { $0.0 == .promote }.map(\.1)
        let stages = zip(screen.calls, screen.times).compactMap { call, time -> Double? in
            if case .stage = call { return time } else { return nil }
        }
        XCTAssertGreaterThan(promotes.count, 3)
        for (index, promote) in promotes.enumerated().dropFirst() {
            XCTAssertLessThan(stages[index], promote - 5, "slide \(index) was uploaded at its deadline")
        }
    }

    func testAStaticSlideIsDrawnOnceAndTheLoopSleeps() throws {
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "one", "template": "notice", "title": "Öppet", "body": "Hela dagen.", "duration": 3600}"#
        ])
        let (program, problems) = PlaylistFixture.program(folder)
        XCTAssertEqual(problems, [])
        let (loop, screen, clock, _) = makeLoop(program, exitAfter: 3000)
        loop.run()
        XCTAssertEqual(screen.drawCount, 1)
        XCTAssertLessThanOrEqual(clock.sleeps, 2)
        XCTAssertEqual(clock.now, 3000, accuracy: 1e-9)
    }

    func testABrokenSlideIsSkippedOnceAndTheRotationGoesOn() throws {
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "first", "template": "notice", "title": "Ett", "body": "Första."}"#,
            #"{"id": "broken", "template": "poster", "image": "media/broken.png"}"#,
            #"{"id": "last", "template": "notice", "title": "Tre", "body": "Sista."}"#,
        ])
        let (program, problems) = PlaylistFixture.program(folder)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(program.slides.count, 3)
        let (loop, _, _, _) = makeLoop(program, exitAfter: 100)
        XCTAssertTrue(loop.run())
        let keys = loop.history.map(\.key)
        XCTAssertEqual(Array(keys.prefix(4)), ["test/first", "test/last", "test/first", "test/last"])
        XCTAssertEqual(loop.stats.skipped, 1)
        XCTAssertFalse(keys.contains(nil), "the screen never went to the no-content frame")
    }

    func testNothingToPlayShowsTheNoContentScreenUntilContentArrives() throws {
        let store = ProgramStore(.empty)
        let clock = ManualClock(start: Self.saturday)
        let screen = RecordingScreen(eventPollIntervalSeconds: 0.25, clock: clock)
        let demo = try demoProgram()
        var arrived: Double?
        screen.onPromote = { count in
            // Content arrives five seconds into the no-content screen.
            if count == 1 {
                clock.advance(by: 5)
                arrived = clock.now
                store.replace(with: demo)
            }
        }
        let (loop, _, _, _) = makeLoop(.empty, exitAfter: 60, screen: screen, clock: clock, store: store)
        loop.run()
        XCTAssertNil(loop.history.first?.key)
        XCTAssertEqual(loop.history.dropFirst().first?.key, demo.slides[0].key)
        // It gave way within a second of the change, not after its own 30 s.
        let delay = loop.history[1].shownAt - (arrived ?? 0)
        XCTAssertLessThanOrEqual(delay, 1.0)
    }

    func testAnUrgentNoticeInterruptsWithinOneSecondOfArriving() throws {
        let normal = PlanFixtures.slide("long", seconds: 60)
        let urgent = PlanFixtures.slide("alarm", seconds: 20, urgent: true)
        let store = ProgramStore(Program(slides: [normal]))
        let clock = ManualClock(start: Self.saturday)
        let screen = RecordingScreen(eventPollIntervalSeconds: 0.25, clock: clock)
        var arrived: Double?
        screen.onPromote = { count in
            if count == 1 {
                clock.advance(by: 7)
                arrived = clock.now
                store.replace(with: Program(slides: [normal, urgent]))
            }
        }
        let (loop, _, _, _) = makeLoop(.empty, exitAfter: 30, screen: screen, clock: clock, store: store)
        loop.run()
        XCTAssertEqual(loop.history.map(\.key).prefix(2), ["main/long", "main/alarm"])
        let start = try XCTUnwrap(loop.history.dropFirst().first?.shownAt)
        XCTAssertLessThanOrEqual(start - (arrived ?? 0), 1.0)
        // The crossfade is part of the switch: the urgent frame is fully up within a second.
        XCTAssertLessThanOrEqual(start + 0.5 - (arrived ?? 0), 1.0)
    }

    func testOutsideOpeningHoursTheScreenIsDarkAndTheDisplayCommandsRun() throws {
        let folder = TemporaryFolder()
        let hours = OpeningHours(weekly: [.sat: [PlanFixtures.window("10:01", "18:00")]])
        let display = DisplayPower(off: ["touch", folder.file("off").path], on: ["touch", folder.file("on").path])
        let (loop, screen, _, _) = makeLoop(
            Program(slides: [PlanFixtures.slide("a"), PlanFixtures.slide("b")]), exitAfter: 120,
            planner: PlanFixtures.planner(openingHours: hours), display: display)
        loop.run()
        XCTAssertEqual(loop.history.first?.dark, true)
        XCTAssertEqual(screen.calls.first { $0 == .blank }, .blank)
        // Dark for the minute before opening: no frames drawn meanwhile.
        let firstDraw = try XCTUnwrap(
            zip(screen.calls, screen.times).first { if case .draw = $0.0 { true } else { false } })
        XCTAssertEqual(firstDraw.1, 60, accuracy: 1e-6)
        XCTAssertEqual(loop.history.dropFirst().first?.key, "main/a")
        display.waitUntilIdle()
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("off").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.file("on").path))
    }

    func testADisplayCommandThatHangsOrFailsIsStoppedAndLoggedWithoutHoldingUpTheLoop() throws {
        let lines = LockedLines()
        Log.setSink { _, line in lines.append(line) }
        defer { Log.setSink(nil) }
        let hours = OpeningHours(weekly: [.sat: [PlanFixtures.window("10:01", "18:00")]])
        // The off command ignores SIGTERM, so only SIGKILL ends it; the on command fails.
        let display = DisplayPower(
            off: ["sh", "-c", "trap '' TERM; while :; do sleep 0.1; done"], on: ["false"], timeoutSeconds: 2)
        let (loop, _, _, _) = makeLoop(
            Program(slides: [PlanFixtures.slide("a"), PlanFixtures.slide("b")]), exitAfter: 120,
            planner: PlanFixtures.planner(openingHours: hours), display: display)
        XCTAssertTrue(loop.run())
        // The loop played on through opening time while the TV's command still hung.
        XCTAssertEqual(loop.history.dropFirst().first?.key, "main/a")
        XCTAssertFalse(lines.all.contains { $0.contains("was stopped") })
        display.waitUntilIdle()
        let logged = lines.all
        XCTAssertTrue(
            logged.contains { $0.contains("displayOff command sh -c") && $0.contains("took longer than 2 s") })
        XCTAssertTrue(logged.contains { $0 == "displayOn command false failed with exit status 1" }, "\(logged)")
        // Stopped means ended: the order was kept, off before on.
        let off = try XCTUnwrap(logged.firstIndex { $0.contains("displayOff") })
        let on = try XCTUnwrap(logged.firstIndex { $0.contains("displayOn") })
        XCTAssertLessThan(off, on)
    }

    func testEverySlideShownGoesToThePlayLog() throws {
        let folder = TemporaryFolder()
        let log = PlayLog(folder: folder.url, timeZone: PlanFixtures.stockholm)
        let slides = [PlanFixtures.slide("a", seconds: 10), PlanFixtures.slide("b", seconds: 20)]
        let (loop, _, _, _) = makeLoop(Program(slides: slides), exitAfter: 95, playLog: log)
        loop.run()
        let (totals, bad) = try log.totals(day: "2026-12-05")
        XCTAssertEqual(bad, 0)
        let byKey = Dictionary(uniqueKeysWithValues: totals.map { ("\($0.channel)/\($0.slide)", $0) })
        let shown = loop.history.filter { $0.key != nil }
        XCTAssertEqual(totals.reduce(0) { $0 + $1.plays }, shown.count)
        // 95 s: a b a b a b (90 s), then 5 s of a fourth a, logged with the 5 s it showed.
        XCTAssertEqual(byKey["main/a"]?.seconds ?? 0, 35, accuracy: 0.5)
        XCTAssertEqual(byKey["main/a"]?.plays, 4)
        XCTAssertEqual(byKey["main/b"]?.seconds ?? 0, 60, accuracy: 0.5)
        XCTAssertEqual(byKey["main/b"]?.plays, 3)
    }

    func testAllBrokenOrEmptyNeverCrashes() throws {
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "broken", "template": "poster", "image": "media/broken.png"}"#
        ])
        let (program, _) = PlaylistFixture.program(folder)
        let (loop, screen, _, _) = makeLoop(program, exitAfter: 100)
        XCTAssertTrue(loop.run())
        XCTAssertTrue(loop.history.allSatisfy { $0.key == nil })
        XCTAssertFalse(screen.shownFrames.isEmpty)
    }
}

/// What the status page can ask of a running loop.
final class PlayLoopActionTests: XCTestCase {
    func loop(screen: RecordingScreen, clock: ManualClock, hours: OpeningHours? = nil) -> PlayLoop {
        var options = PlayerOptions(kioskName: "Ängsby Handel", languages: ["sv"])
        options.exitAfterSeconds = 100
        return PlayLoop(
            screen: screen, composer: SlideComposer(profile: DisplayProfile.standard.resized(width: 640, height: 360)),
            store: ProgramStore(
                Program(slides: [PlanFixtures.slide("a", seconds: 20), PlanFixtures.slide("b", seconds: 20)])),
            clock: clock, options: options, planner: PlanFixtures.planner(openingHours: hours))
    }

    func testIdentifyShowsTheNameForThirtySecondsAndPlaybackResumes() throws {
        let clock = ManualClock(start: PlayLoopTests.saturday)
        let screen = RecordingScreen(eventPollIntervalSeconds: 0.25, clock: clock)
        let player = loop(screen: screen, clock: clock)
        let control = player.control
        screen.onPromote = { count in if count == 1 { control.requestIdentify() } }
        player.run()
        XCTAssertEqual(player.history[0].key, "main/a")
        XCTAssertNil(player.history[1].key)
        XCTAssertTrue(player.history[1].reason.contains("identify"))
        XCTAssertEqual(player.history[2].shownAt - player.history[1].shownAt, 30, accuracy: 1e-6)
        XCTAssertEqual(player.history[2].key, "main/b")
        // Identify is not a play: it is not in the planner's memory.
        XCTAssertEqual(player.plays.recent.compactMap(\.key).prefix(2), ["main/a", "main/b"])
    }

    func testDisplayOffHoldsUntilTheOpeningHoursChange() throws {
        let clock = ManualClock(start: PlayLoopTests.saturday)  // 10:00
        let screen = RecordingScreen(eventPollIntervalSeconds: 0.25, clock: clock)
        let hours = OpeningHours(weekly: [.sat: [PlanFixtures.window("09:00", "10:01")]])
        let player = loop(screen: screen, clock: clock, hours: hours)
        let control = player.control
        screen.onPromote = { count in if count == 1 { control.requestDisplay(on: false) } }
        player.run()
        XCTAssertEqual(player.history[0].key, "main/a")
        XCTAssertEqual(player.history[1].dark, true)
        XCTAssertTrue(screen.calls.contains(.blank))
        // The shop closes at 10:01; the override ends there, and the screen stays dark by the hours.
        XCTAssertTrue(player.history.dropFirst().allSatisfy { $0.dark })
        XCTAssertTrue(player.history.dropFirst().contains { $0.reason.contains("outside opening hours") })
    }
}
