import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Testing

@testable import SkyltPlayer

/// A play loop on a recording screen and a manual clock, with a recording observer: hours of
/// playback in milliseconds, with exact deadlines.
struct LoopRig {
    let loop: PlayLoop
    let screen: RecordingScreen
    let clock: ManualClock
    let store: ProgramStore
    let observer = RecordingObserver()

    /// Saturday 5 December 2026, 10:00 in Stockholm: the water notice is over, the Christmas
    /// market still ahead.
    static let saturday = PlanFixtures.at("2026-12-05T10:00")

    init(
        _ program: Program, exitAfter: Double, screen: RecordingScreen? = nil,
        clock: ManualClock = ManualClock(start: saturday), store: ProgramStore? = nil, planner: Planner? = nil,
        display: DisplayPower? = nil, languages: [String] = ["sv", "en"], size: (Int, Int) = (1920, 1080)
    ) {
        self.clock = clock
        self.store = store ?? ProgramStore(program)
        self.screen = screen ?? RecordingScreen(clock: clock)
        var options = PlayerOptions(kioskName: "Ängsby Handel", languages: languages)
        options.exitAfterSeconds = exitAfter
        // Hours of playback on a manual clock: a machine busy with other builds must not make
        // a slide miss its real-time deadline (ComposeDeadlineTests hold that one).
        options.maxComposeSeconds = 120
        let composer = SlideComposer(profile: DisplayProfile.standard.resized(width: size.0, height: size.1))
        loop = PlayLoop(
            screen: self.screen, composer: composer, store: self.store, clock: clock, options: options,
            planner: planner ?? PlanFixtures.planner(languages: languages), display: display)
        loop.add(observer)
    }

    var shown: [ShownSlide] { observer.shown }

    static func demoProgram() throws -> Program {
        let reading = PlaylistReader.read(folder: Repository.demoPlaylist)
        return Program(playlists: [(channel: "demo", playlist: try #require(reading.playlist))])
    }
}

@Suite("Play loop", .timeLimit(.minutes(5)))
struct PlayLoopTests {
    @Test("slides rotate by their duration, with a crossfade")
    func rotation() throws {
        let program = try LoopRig.demoProgram()
        let rig = LoopRig(program, exitAfter: 200)
        #expect(rig.loop.run())
        let shown = rig.shown
        // The notice's schedule ended on 1 December; the others play in turn.
        let ids = program.slides.map(\.key).filter { $0 != "demo/vattenavstangning" }
        #expect(shown.count > ids.count)
        for (index, entry) in shown.enumerated() {
            #expect(entry.key == ids[index % ids.count])
        }
        for (previous, next) in zip(shown, shown.dropFirst()) {
            #expect(abs(next.shownAt - previous.shownAt - previous.durationSeconds) < 1e-9)
        }
        // A crossfade blends in steps before the new frame takes over.
        let fades = rig.screen.calls.compactMap { if case .draw(let fade) = $0 { fade } else { nil } }
        #expect(fades.contains { $0 > 0 && $0 < 1 })
    }

    @Test("translated slides take turns in the display languages")
    func languages() throws {
        let program = try LoopRig.demoProgram()
        let rig = LoopRig(program, exitAfter: 400)
        rig.loop.run()
        let first = program.slides[0].key
        #expect(Array(rig.shown.filter { $0.key == first }.map(\.language).prefix(4)) == ["sv", "en", "sv", "en"])
    }

    @Test("the next slide is composed and uploaded well before its deadline")
    func composedAhead() throws {
        let rig = LoopRig(try LoopRig.demoProgram(), exitAfter: 120)
        rig.loop.run()
        // Every upload but the first comes right after a switch, long before the next one.
        let calls = zip(rig.screen.calls, rig.screen.times)
        let promotes = calls.filter { $0.0 == .promote }.map(\.1)
        let stages = calls.compactMap { call, time -> Double? in if case .stage = call { time } else { nil } }
        #expect(promotes.count > 3)
        for (index, promote) in promotes.enumerated().dropFirst() {
            #expect(stages[index] < promote - 5, "slide \(index) was uploaded at its deadline")
        }
        // Each composition is reported to the observers with its template.
        #expect(Set(rig.observer.compositions.map(\.template)).count > 2)
    }

    @Test("a static slide is drawn once and the loop sleeps")
    func staticSlide() throws {
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "one", "template": "notice", "title": "Öppet", "body": "Hela dagen.", "duration": 3600}"#
        ])
        let (program, problems) = PlaylistFixture.program(folder)
        #expect(problems == [])
        let rig = LoopRig(program, exitAfter: 3000)
        rig.loop.run()
        #expect(rig.screen.drawCount == 1)
        #expect(rig.clock.sleeps <= 2)
        #expect(abs(rig.clock.now - 3000) < 1e-9)
    }

    @Test("a broken slide is skipped once and the rotation goes on")
    func brokenSlide() throws {
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "first", "template": "notice", "title": "Ett", "body": "Första."}"#,
            #"{"id": "broken", "template": "poster", "image": "media/broken.png"}"#,
            #"{"id": "last", "template": "notice", "title": "Tre", "body": "Sista."}"#,
        ])
        let (program, problems) = PlaylistFixture.program(folder)
        #expect(problems == [])
        #expect(program.slides.count == 3)
        let rig = LoopRig(program, exitAfter: 100)
        #expect(rig.loop.run())
        let keys = rig.shown.map(\.key)
        #expect(Array(keys.prefix(4)) == ["test/first", "test/last", "test/first", "test/last"])
        #expect(rig.loop.stats.skipped == 1)
        #expect(!keys.contains(nil), "the screen never went to the no-content frame")
    }

    @Test("with nothing to play the no-content screen shows until content arrives")
    func noContent() throws {
        let store = ProgramStore(.empty)
        let clock = ManualClock(start: LoopRig.saturday)
        let screen = RecordingScreen(eventPollIntervalSeconds: 0.25, clock: clock)
        let demo = try LoopRig.demoProgram()
        var arrived: Double?
        screen.onPromote = { count in
            // Content arrives five seconds into the no-content screen.
            if count == 1 {
                clock.advance(by: 5)
                arrived = clock.now
                store.replace(with: demo)
            }
        }
        let rig = LoopRig(.empty, exitAfter: 60, screen: screen, clock: clock, store: store)
        rig.loop.run()
        #expect(rig.shown.first?.slot.kind == .noContent)
        #expect(rig.shown.dropFirst().first?.key == demo.slides[0].key)
        // It gave way within a second of the change, not after its own 30 s.
        #expect(rig.shown[1].shownAt - (arrived ?? 0) <= 1.0)
    }

    @Test("an urgent notice interrupts within one second of arriving")
    func urgent() throws {
        let normal = PlanFixtures.slide("long", seconds: 60)
        let urgent = PlanFixtures.slide("alarm", seconds: 20, urgent: true)
        let store = ProgramStore(Program(slides: [normal]))
        let clock = ManualClock(start: LoopRig.saturday)
        let screen = RecordingScreen(eventPollIntervalSeconds: 0.25, clock: clock)
        var arrived: Double?
        screen.onPromote = { count in
            if count == 1 {
                clock.advance(by: 7)
                arrived = clock.now
                store.replace(with: Program(slides: [normal, urgent]))
            }
        }
        let rig = LoopRig(.empty, exitAfter: 30, screen: screen, clock: clock, store: store)
        rig.loop.run()
        #expect(Array(rig.shown.map(\.key).prefix(2)) == ["main/long", "main/alarm"])
        let start = try #require(rig.shown.dropFirst().first?.shownAt)
        // The crossfade is part of the switch: the urgent frame is fully up within a second.
        #expect(start + 0.5 - (arrived ?? 0) <= 1.0)
    }

    @Test("outside opening hours the screen is dark and the display commands run")
    func closed() throws {
        let folder = TemporaryFolder()
        let hours = OpeningHours(weekly: [.sat: [PlanFixtures.window("10:01", "18:00")]])
        let display = DisplayPower(off: ["touch", folder.file("off").path], on: ["touch", folder.file("on").path])
        let rig = LoopRig(
            Program(slides: [PlanFixtures.slide("a"), PlanFixtures.slide("b")]), exitAfter: 120,
            planner: PlanFixtures.planner(openingHours: hours), display: display)
        rig.loop.run()
        #expect(rig.shown.first?.dark == true)
        #expect(rig.shown.first?.slot.kind == .closed)
        #expect(rig.screen.calls.contains(.blank))
        // Dark for the minute before opening: no frames drawn meanwhile.
        let firstDraw = try #require(
            zip(rig.screen.calls, rig.screen.times).first { if case .draw = $0.0 { true } else { false } })
        #expect(abs(firstDraw.1 - 60) < 1e-6)
        #expect(rig.shown.dropFirst().first?.key == "main/a")
        display.waitUntilIdle()
        #expect(FileManager.default.fileExists(atPath: folder.file("off").path))
        #expect(FileManager.default.fileExists(atPath: folder.file("on").path))
    }

    @Test("a display command that hangs or fails is stopped and logged without holding up the loop")
    func hangingDisplayCommand() throws {
        let log = InMemoryLogHandler()
        let hours = OpeningHours(weekly: [.sat: [PlanFixtures.window("10:01", "18:00")]])
        // The off command ignores SIGTERM, so only SIGKILL ends it; the on command fails.
        let display = DisplayPower(
            off: ["sh", "-c", "trap '' TERM; while :; do sleep 0.1; done"], on: ["false"], timeoutSeconds: 5,
            logger: log.logger)
        let rig = LoopRig(
            Program(slides: [PlanFixtures.slide("a"), PlanFixtures.slide("b")]), exitAfter: 120,
            planner: PlanFixtures.planner(openingHours: hours), display: display)
        #expect(rig.loop.run())
        // The loop played on through opening time while the TV's command still hung.
        #expect(rig.shown.dropFirst().first?.key == "main/a")
        #expect(!log.messages.contains { $0.contains("was stopped") })
        display.waitUntilIdle()
        let logged = log.all
        #expect(
            logged.contains {
                $0.level == .warning && $0.message.contains("displayOff command sh -c")
                    && $0.message.contains("took longer than 5 s")
            })
        #expect(logged.contains { $0.message == "displayOn command false failed with exit status 1" }, "\(logged)")
        // Stopped means ended: the order was kept, off before on.
        let off = try #require(logged.firstIndex { $0.message.contains("displayOff") })
        let on = try #require(logged.firstIndex { $0.message.contains("displayOn") })
        #expect(off < on)
    }

    @Test("a hung display command gets SIGTERM first: the command starts with no signal blocked or ignored")
    func hungCommandIsAskedToStop() throws {
        let folder = TemporaryFolder()
        let marker = folder.file("terminated")
        let log = InMemoryLogHandler()
        // Commands run on a dispatch queue, whose threads block most signals; a mask passed on
        // through exec would keep SIGTERM from the command, and only SIGKILL would end it.
        let display = DisplayPower(
            off: ["sh", "-c", "trap 'echo TERM > \(marker.path); exit 0' TERM; while :; do sleep 0.1; done"],
            on: nil, timeoutSeconds: 1, logger: log.logger)
        // As in the player, which ignores SIGTERM and handles it in its loop: an ignored signal
        // stays ignored through exec unless the command's start resets it. (Processes that
        // other tests start through Foundation's Process get their signals reset.)
        let previous = signal(SIGTERM, SIG_IGN)
        defer { signal(SIGTERM, previous) }
        display.turnOff()
        display.waitUntilIdle()
        #expect(FileManager.default.fileExists(atPath: marker.path), "\(log.all)")
        #expect(log.messages.contains { $0.contains("took longer than 1 s and was stopped") })
    }

    @Test("a display command inherits none of the player's descriptors beyond its three streams")
    func displayCommandDescriptors() throws {
        let folder = TemporaryFolder()
        let marker = folder.file("descriptors")
        // A descriptor opened without close-on-exec, as a library might leave one.
        let leaked = open("/dev/null", O_RDONLY)
        defer { close(leaked) }
        #expect(leaked > 2)
        let display = DisplayPower(
            off: ["sh", "-c", "ls /proc/$$/fd > \(marker.path)"], on: nil, timeoutSeconds: 5,
            logger: InMemoryLogHandler().logger)
        display.turnOff()
        display.waitUntilIdle()
        let listed = try String(contentsOf: marker, encoding: .utf8).split(separator: "\n").compactMap { Int32($0) }
        #expect(listed.contains(1))
        #expect(!listed.contains(leaked), "\(listed)")
    }

    @Test("every slide shown goes to the play log with the seconds it really showed")
    func proofOfPlay() throws {
        let folder = TemporaryFolder()
        let log = PlayLog(folder: folder.url, timeZone: PlanFixtures.stockholm)
        let slides = [PlanFixtures.slide("a", seconds: 10), PlanFixtures.slide("b", seconds: 20)]
        let rig = LoopRig(Program(slides: slides), exitAfter: 95)
        rig.loop.add(ProofOfPlayRecorder(log: log))
        rig.loop.run()
        let (totals, bad) = try log.totals(day: "2026-12-05")
        #expect(bad == 0)
        let byKey = Dictionary(uniqueKeysWithValues: totals.map { ("\($0.channel)/\($0.slide)", $0) })
        #expect(totals.reduce(0) { $0 + $1.plays } == rig.shown.filter { $0.key != nil }.count)
        // 95 s: a b a b a b (90 s), then 5 s of a fourth a, logged with the 5 s it showed.
        #expect(abs((byKey["main/a"]?.seconds ?? 0) - 35) < 0.5)
        #expect(byKey["main/a"]?.plays == 4)
        #expect(abs((byKey["main/b"]?.seconds ?? 0) - 60) < 0.5)
        #expect(byKey["main/b"]?.plays == 3)
    }

    @Test("all broken or empty never crashes")
    func allBroken() throws {
        let folder = PlaylistFixture.make(slides: [
            #"{"id": "broken", "template": "poster", "image": "media/broken.png"}"#
        ])
        let (program, _) = PlaylistFixture.program(folder)
        let rig = LoopRig(program, exitAfter: 100)
        #expect(rig.loop.run())
        #expect(rig.shown.allSatisfy { $0.key == nil })
        #expect(!rig.screen.shownFrames.isEmpty)
    }

    @Test("observers hear of each switch with its frame and what comes next, and of the first frame once")
    func observers() throws {
        let slides = [PlanFixtures.slide("a", seconds: 10), PlanFixtures.slide("b", seconds: 10)]
        let rig = LoopRig(Program(slides: slides), exitAfter: 35, size: (320, 180))
        rig.loop.run()
        let switches = rig.observer.switches
        #expect(switches.map(\.shown.key) == ["main/a", "main/b", "main/a", "main/b"])
        #expect(switches.dropLast().map { $0.upcoming?.key } == ["main/b", "main/a", "main/b"])
        #expect(switches.allSatisfy { $0.frame?.width == 320 && !$0.missedDeadline && $0.slidesInProgram == 2 })
        let firsts = rig.observer.events.filter { if case .firstFrame = $0 { true } else { false } }
        #expect(firsts.count == 1)
        #expect(rig.observer.heartbeats >= switches.count)
        // The last slot is closed at the stop with the 5 s it showed.
        #expect(abs((rig.observer.finished.last?.seconds ?? 0) - 5) < 1e-6)
    }

    @Test("a slide in a channel named like a special screen is an ordinary slide")
    func channelNamedClosed() throws {
        for name in ["closed", "identify"] {
            let slide = PlanFixtures.slide("a", channel: name, seconds: 10)
            let rig = LoopRig(Program(slides: [slide, PlanFixtures.slide("b", seconds: 10)]), exitAfter: 45)
            rig.loop.run()
            #expect(rig.shown.allSatisfy { $0.slot.kind == .slide })
            #expect(rig.loop.plays.recent.filter { $0.channel == name }.count == 3)
        }
    }
}

/// What the status page can ask of a running loop.
@Suite("Play loop actions", .timeLimit(.minutes(5)))
struct PlayLoopActionTests {
    func rig(hours: OpeningHours? = nil) -> LoopRig {
        let clock = ManualClock(start: LoopRig.saturday)
        return LoopRig(
            Program(slides: [PlanFixtures.slide("a", seconds: 20), PlanFixtures.slide("b", seconds: 20)]),
            exitAfter: 100, screen: RecordingScreen(eventPollIntervalSeconds: 0.25, clock: clock), clock: clock,
            planner: PlanFixtures.planner(openingHours: hours), languages: ["sv"], size: (640, 360))
    }

    @Test("identify shows the name for thirty seconds and playback resumes")
    func identify() throws {
        let rig = rig()
        let control = rig.loop.control
        rig.screen.onPromote = { count in if count == 1 { control.requestIdentify() } }
        rig.loop.run()
        let shown = rig.shown
        #expect(shown[0].key == "main/a")
        #expect(shown[1].slot == .identify)
        #expect(shown[1].reason.contains("identify"))
        #expect(abs(shown[2].shownAt - shown[1].shownAt - Slot.identifySeconds) < 1e-6)
        #expect(shown[2].key == "main/b")
        // Identify is not a play: it is not in the planner's memory.
        #expect(Array(rig.loop.plays.recent.compactMap(\.key).prefix(2)) == ["main/a", "main/b"])
        #expect(!rig.loop.plays.recent.contains { $0.kind == .identify })
    }

    @Test("display off holds until the opening hours change")
    func displayOff() throws {
        // 10:00; the shop closes at 10:01.
        let rig = rig(hours: OpeningHours(weekly: [.sat: [PlanFixtures.window("09:00", "10:01")]]))
        let control = rig.loop.control
        rig.screen.onPromote = { count in if count == 1 { control.requestDisplay(on: false) } }
        rig.loop.run()
        #expect(rig.shown[0].key == "main/a")
        #expect(rig.shown[1].dark)
        #expect(rig.screen.calls.contains(.blank))
        // The override ends at closing, and the screen stays dark by the hours.
        #expect(rig.shown.dropFirst().allSatisfy { $0.dark })
        #expect(rig.shown.dropFirst().contains { $0.reason.contains("outside opening hours") })
    }
}
