import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Synchronization
import Testing

@testable import SkyltPlayer

/// A play loop whose compositions are recorded with the moment asked for, on a manual clock
/// and with no sync at all (the network is down: the program never changes). Every slide is
/// drawn as one small stand-in frame, so the tests do not depend on the data layouts.
final class LiveRig {
    let loop: PlayLoop
    let clock: ManualClock
    let screen: RecordingScreen
    let observer = RecordingObserver()
    private let asked = Asked()

    /// Each composition asked for: the slide's key and the moment, from the worker thread.
    final class Asked: Sendable {
        let list = Mutex<[(key: String, at: Date)]>([])
    }

    /// `failing`: the moments at which a composition fails.
    init(
        _ slides: [ProgramSlide], start: Date, exitAfter: Double, clockTrusted: Bool = true,
        failing: @escaping @Sendable (Date) -> Bool = { _ in false }
    ) throws {
        let profile = DisplayProfile.standard.resized(width: 64, height: 36)
        let standIn = try SlideComposer(profile: profile).compose(PlanFixtures.slide("stand-in"), language: "sv")
        let broken = Self.brokenPoster(profile)
        clock = ManualClock(start: start)
        screen = RecordingScreen(clock: clock)
        var options = PlayerOptions(kioskName: "Ängsby Handel", languages: ["sv"])
        options.exitAfterSeconds = exitAfter
        options.maxComposeSeconds = 120
        // Switches without a crossfade, so each sleep of the loop is a wake-up it chose.
        options.crossfadeSeconds = 0
        if !clockTrusted {
            options.clockTrust = ClockTrust(
                buildTime: start.addingTimeInterval(86400), lastSeen: nil, newestPublication: nil)
        }
        let asked = self.asked
        loop = PlayLoop(
            screen: screen, composer: SlideComposer(profile: profile), store: ProgramStore(Program(slides: slides)),
            clock: clock, options: options, planner: PlanFixtures.planner(),
            compose: { slide, _, moment throws(ComposeError) in
                asked.list.withLock { $0.append((slide.key, moment)) }
                if failing(moment) { throw broken }
                return standIn
            })
        loop.add(observer)
    }

    /// The error of a poster whose image is missing: what a slide that cannot be drawn throws.
    static func brokenPoster(_ profile: DisplayProfile) -> ComposeError {
        let poster = ProgramSlide(
            slide: Slide(
                id: "broken", durationSeconds: 10,
                content: .poster(image: URL(fileURLWithPath: "/nonexistent/poster.png"), caption: nil, qr: nil)),
            channel: "main", defaultLanguage: "sv", theme: .standard, timeZone: PlanFixtures.stockholm)
        do {
            _ = try SlideComposer(profile: profile).compose(poster, language: "sv")
        } catch {
            return error
        }
        preconditionFailure("a poster without its image cannot be drawn")
    }

    /// The moments `key` was composed for, in order.
    func composed(_ key: String) -> [Date] { asked.list.withLock { $0.filter { $0.key == key }.map(\.at) } }

    /// When `key` came on screen, each time.
    func starts(_ key: String) -> [Date] { observer.shown.filter { $0.key == key }.map(\.start) }

    static func slide(_ id: String, seconds: Double, _ content: SlideContent) -> ProgramSlide {
        ProgramSlide(
            slide: Slide(id: id, durationSeconds: seconds, content: content), channel: "bussar",
            defaultLanguage: "sv", theme: .standard, timeZone: PlanFixtures.stockholm)
    }

    static func board(fetched: Date, leaving: [Date]) -> SlideContent {
        .departures(
            DepartureBoard(
                title: LocalizedText(["sv": "Bussar från torget"]), fetched: fetched,
                departures: leaving.map { Departure(line: "4", destination: "Växjö", scheduled: $0) },
                source: "Data: Trafiklab.se"))
    }
}

@Suite("Live data on the kiosk", .timeLimit(.minutes(5)))
struct LiveSlideTests {
    static let ten = PlanFixtures.at("2026-12-05T10:00")

    static func at(_ minutes: Double) -> Date { ten.addingTimeInterval(minutes * 60) }

    @Test(
        "a departures slide alone is composed at each minute while it stays, counting down, and leaves when the last bus has"
    )
    func countdown() throws {
        let board = LiveRig.board(fetched: Self.ten, leaving: [Self.at(3), Self.at(7)])
        let rig = try LiveRig([LiveRig.slide("1-board", seconds: 120, board)], start: Self.at(0.5), exitAfter: 600)
        #expect(rig.loop.run())
        let moments = rig.composed("bussar/1-board")
        // Composed when it first shows, at each whole minute while it stays, and for each
        // repeat at the moment the repeat comes on screen.
        let minutes = (1...7).map { Self.at(Double($0)) }
        for minute in minutes {
            #expect(moments.contains { abs($0.timeIntervalSince(minute)) < 0.001 }, "not composed at \(minute)")
        }
        #expect(moments.first == Self.at(0.5))
        #expect(moments.contains(Self.at(2.5)))
        // What each composition counts down: two buses, then one, then none is ever composed.
        let counts = moments.map { board.departuresLeft(at: $0) }
        #expect(counts.contains(2) && counts.contains(1))
        #expect(!counts.contains(0))
        #expect(moments.allSatisfy { $0 <= Self.at(7).addingTimeInterval(0.001) })
        // The last bus left at 10:07: at the next minute the slide gives way to the calm screen.
        let calm = try #require(rig.observer.shown.firstIndex { $0.key == nil })
        #expect(abs(rig.observer.shown[calm].start.timeIntervalSince(Self.at(8))) < 0.001)
        #expect(rig.observer.shown[calm...].allSatisfy { $0.key == nil })
        #expect(rig.screen.shownFrames.count >= 8)
    }

    @Test("a departures slide is skipped ten minutes after its fetch, and the status says why")
    func departuresOld() throws {
        let board = LiveRig.board(fetched: Self.ten, leaving: [Self.at(45)])
        let rig = try LiveRig(
            [LiveRig.slide("1-board", seconds: 30, board), PlanFixtures.slide("kaffe", seconds: 30)],
            start: Self.at(0.25), exitAfter: 20 * 60)
        rig.loop.run()
        let limit = Self.ten.addingTimeInterval(LiveDataRules.departuresMaxAgeSeconds)
        #expect(!rig.starts("bussar/1-board").isEmpty)
        #expect(rig.starts("bussar/1-board").allSatisfy { $0 < limit })
        #expect(rig.composed("bussar/1-board").allSatisfy { $0 <= limit })
        #expect(rig.starts("main/kaffe").contains { $0 > limit.addingTimeInterval(300) })
        let stale = try #require(rig.observer.switches.last).staleData
        #expect(
            stale == [
                StaleSlide(
                    slide: "bussar/1-board", template: "departures",
                    reason: "departures fetched \(ISO8601.format(Self.ten)), more than 10 minutes ago")
            ])
        #expect(rig.observer.switches.first?.staleData == [])
    }

    @Test("a weather slide on screen for long is taken off at the minute its forecast turns six hours old")
    func weatherOld() throws {
        let forecast = SlideContent.weather(
            Forecast(
                place: LocalizedText(["sv": "Lidhult"]), fetched: Self.ten,
                periods: [WeatherPeriod(time: Self.ten, symbol: 3, temperature: -2)], source: "SMHI"))
        // Turns of an hour from 10:01:30: the one from 15:01:30 is on screen at 16:01.
        let rig = try LiveRig(
            [LiveRig.slide("smhi", seconds: 3600, forecast)], start: Self.at(1.5), exitAfter: 7 * 3600)
        rig.loop.run()
        let limit = Self.ten.addingTimeInterval(LiveDataRules.weatherMaxAgeSeconds)
        let last = try #require(rig.composed("bussar/smhi").max())
        #expect(abs(last.timeIntervalSince(limit)) < 0.001)
        #expect(rig.composed("bussar/smhi").count > 300)
        let cut = try #require(rig.observer.finished.last { $0.shown.key == "bussar/smhi" })
        let off = cut.shown.start.addingTimeInterval(cut.seconds)
        #expect(abs(off.timeIntervalSince(limit.addingTimeInterval(60))) < 0.001)
        #expect(rig.starts("bussar/smhi").allSatisfy { $0 < limit })
    }

    @Test("an agenda is not shown once its events are over, with an untrusted clock too")
    func agendaOver() throws {
        let agenda = SlideContent.agenda(
            Agenda(
                title: LocalizedText(["sv": "Veckan i Lidhult"]),
                items: [AgendaItem(title: "Julmarknad", starts: Self.at(-60), ends: Self.at(30))]))
        for trusted in [true, false] {
            let rig = try LiveRig(
                [LiveRig.slide("veckan", seconds: 20, agenda), PlanFixtures.slide("kaffe", seconds: 20)],
                start: Self.at(0), exitAfter: 3600, clockTrusted: trusted)
            rig.loop.run()
            #expect(!rig.starts("bussar/veckan").isEmpty)
            #expect(rig.starts("bussar/veckan").allSatisfy { $0 < Self.at(30) })
            #expect(rig.composed("bussar/veckan").allSatisfy { $0 < Self.at(30) })
            #expect(rig.observer.switches.last?.staleData.map(\.reason) == ["every event on it is over"])
        }
    }

    @Test("an alert shows from its effective time until it expires, never after")
    func alertWindow() throws {
        let alert = SlideContent.alert(
            Alert(
                headline: LocalizedText(["sv": "Viktigt meddelande"]), body: LocalizedText(["sv": "Stäng fönster"]),
                sender: "Länsstyrelsen Kronoberg", source: "Krisinformation", effective: Self.at(10),
                expires: Self.at(40)))
        let rig = try LiveRig(
            [LiveRig.slide("vma", seconds: 600, alert), PlanFixtures.slide("kaffe", seconds: 600)],
            start: Self.at(0), exitAfter: 3600)
        rig.loop.run()
        let moments = rig.composed("bussar/vma")
        #expect(!moments.isEmpty)
        #expect(moments.allSatisfy { $0 >= Self.at(10) && $0 < Self.at(40) })
        let shown = rig.observer.finished.filter { $0.shown.key == "bussar/vma" }
        #expect(shown.allSatisfy { $0.shown.start.addingTimeInterval($0.seconds) <= Self.at(40) })
        #expect(
            rig.observer.switches.first?.staleData.map(\.reason) == [
                "the alert takes effect \(ISO8601.format(Self.at(10)))"
            ])
    }

    @Test("a data slide that cannot be composed again at a minute is taken off and skipped, like any slide")
    func recomposeFails() throws {
        let board = LiveRig.board(fetched: Self.ten, leaving: [Self.at(9)])
        let rig = try LiveRig(
            [LiveRig.slide("1-board", seconds: 300, board)], start: Self.at(0.5), exitAfter: 600,
            failing: { $0 == Self.at(2) })
        rig.loop.run()
        // The turn after is composed ahead, at its moment; the minutes while it shows follow.
        #expect(rig.composed("bussar/1-board") == [Self.at(0.5), Self.at(5.5), Self.at(1), Self.at(2)])
        let skips = rig.observer.events.compactMap { if case .skipped(let slide, _) = $0 { slide } else { nil } }
        #expect(skips == ["bussar/1-board"])
        let calm = try #require(rig.observer.shown.dropFirst().first)
        #expect(calm.key == nil && calm.start == Self.at(2))
    }

    @Test("the minute to compose at moves on once it has come; a clock set forward or back costs one composition")
    func minuteSteps() {
        var minute: Date? = Self.at(1)
        #expect(!ShownSlide.minuteHasCome(&minute, at: Self.at(0.75)))
        #expect(minute == Self.at(1))
        #expect(ShownSlide.minuteHasCome(&minute, at: Self.at(1)))
        #expect(minute == Self.at(2))
        // Set forward by an hour: one composition now, the next at the minute after.
        #expect(ShownSlide.minuteHasCome(&minute, at: Self.at(62.5)))
        #expect(minute == Self.at(63))
        // Set back by an hour: nothing now, the next minute from the new time.
        #expect(!ShownSlide.minuteHasCome(&minute, at: Self.at(2.25)))
        #expect(minute == Self.at(3))
        var none: Date?
        #expect(!ShownSlide.minuteHasCome(&none, at: Self.at(5)) && none == nil)
    }

    @Test("a notice is composed once a turn, with no wake-up each minute")
    func noticeOnce() throws {
        let rig = try LiveRig([PlanFixtures.slide("kaffe", seconds: 600)], start: Self.at(0.5), exitAfter: 1800)
        rig.loop.run()
        #expect(rig.composed("main/kaffe").count <= 4)
        #expect(rig.clock.sleeps <= 4)
    }
}

extension SlideContent {
    /// The departures still to come at `now` on a departures slide.
    fileprivate func departuresLeft(at now: Date) -> Int {
        if case .departures(let board) = self { board.upcoming(at: now).count } else { 0 }
    }
}
