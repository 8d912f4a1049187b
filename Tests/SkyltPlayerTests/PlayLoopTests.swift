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

    func makeLoop(
        _ program: Program, exitAfter: Double, screen: RecordingScreen? = nil, clock: ManualClock = ManualClock(),
        store: ProgramStore? = nil
    ) -> (PlayLoop, RecordingScreen, ManualClock, ProgramStore) {
        let store = store ?? ProgramStore(program)
        let screen = screen ?? RecordingScreen(clock: clock)
        var options = PlayerOptions(kioskName: "Ängsby Handel", languages: ["sv", "en"])
        options.exitAfterSeconds = exitAfter
        // The demo is laid out for 1080p; a small profile with the same physical size keeps
        // the test fast and the layout legible.
        let composer = SlideComposer(profile: DisplayProfile.standard)
        let loop = PlayLoop(screen: screen, composer: composer, store: store, clock: clock, options: options)
        return (loop, screen, clock, store)
    }

    func testSlidesRotateByTheirDurationWithACrossfade() throws {
        let program = try demoProgram()
        let (loop, screen, _, _) = makeLoop(program, exitAfter: 200)
        XCTAssertTrue(loop.run())
        let shown = loop.history
        let ids = program.slides.map(\.key)
        XCTAssertGreaterThan(shown.count, ids.count)
        for (index, entry) in shown.enumerated() {
            XCTAssertEqual(entry.key, ids[index % ids.count])
        }
        for (previous, next) in zip(shown, shown.dropFirst()) {
            XCTAssertEqual(next.shownAt - previous.shownAt, previous.durationSeconds + 0.5, accuracy: 1e-9)
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
        let clock = ManualClock()
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
        let clock = ManualClock()
        let screen = RecordingScreen(eventPollIntervalSeconds: 1, clock: clock)
        let demo = try demoProgram()
        screen.onPromote = { count in
            if count == 1 { clock.advance(by: 5) }
        }
        let (loop, _, _, _) = makeLoop(.empty, exitAfter: 60, screen: screen, clock: clock, store: store)
        // Content arrives while the no-content screen is up.
        var replaced = false
        let original = screen.onPromote
        screen.onPromote = { count in
            original?(count)
            if !replaced {
                store.replace(with: demo)
                replaced = true
            }
        }
        loop.run()
        XCTAssertNil(loop.history.first?.key)
        XCTAssertEqual(loop.history.dropFirst().first?.key, demo.slides[0].key)
        // It gave way within a second of the change, not after its own 30 s.
        let gap = loop.history[1].shownAt - loop.history[0].shownAt
        XCTAssertLessThan(gap, 1.0 + 0.5 + 1e-9)
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
