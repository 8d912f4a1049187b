import Foundation
import SkyltCompose
import SkyltCore
import SkyltTestSupport
import Synchronization
import Testing

@testable import SkyltPlayer

/// A composer for tests that holds chosen slides (by id and language) until `release()`, as a
/// slide whose composition never ends would, and composes the others for real.
final class HeldComposer: Sendable {
    private let held: Set<String>
    private let gate = DispatchSemaphore(value: 0)
    private let calls = Mutex<[String]>([])
    private let profile = DisplayProfile.standard.resized(width: 640, height: 360)

    /// `held`: "id" for every language, or "id/language".
    init(holding held: Set<String>) { self.held = held }

    /// Every composition asked for, as "id/language", in order.
    var asked: [String] { calls.withLock { $0 } }

    func release() { for _ in 0..<64 { gate.signal() } }

    var compose: SlideComposing {
        { [self] slide, language, _ throws(ComposeError) in
            let name = "\(slide.slide.id)/\(language)"
            calls.withLock { $0.append(name) }
            if held.contains(slide.slide.id) || held.contains(name) { gate.wait() }
            return try SlideComposer(profile: profile).compose(slide, language: language)
        }
    }

    /// Waits (at most ten seconds) until a held slide has been asked for.
    func waitUntilHolding() -> Bool {
        let limit = Date(timeIntervalSinceNow: 10)
        while Date() < limit {
            if asked.contains(where: { held.contains($0) || held.contains(String($0.split(separator: "/")[0])) }) {
                return true
            }
            usleep(1000)
        }
        return false
    }
}

/// A play loop whose slides compose through a `HeldComposer`, on a manual clock.
struct HeldRig {
    let loop: PlayLoop
    let composer: HeldComposer
    let observer = RecordingObserver()

    init(_ slides: [ProgramSlide], holding: Set<String>, maxComposeSeconds: Double, exitAfter: Double) {
        composer = HeldComposer(holding: holding)
        var options = PlayerOptions(kioskName: "Ängsby Handel", languages: ["sv", "en"])
        options.exitAfterSeconds = exitAfter
        options.maxComposeSeconds = maxComposeSeconds
        options.heartbeatSeconds = 0.02
        let clock = ManualClock(start: LoopRig.saturday)
        loop = PlayLoop(
            screen: RecordingScreen(clock: clock),
            composer: SlideComposer(profile: DisplayProfile.standard.resized(width: 640, height: 360)),
            store: ProgramStore(Program(slides: slides)), clock: clock, options: options,
            planner: PlanFixtures.planner(languages: ["sv", "en"]), compose: composer.compose)
        loop.add(observer)
    }

    static func slide(_ id: String, languages: [String] = ["sv"]) -> ProgramSlide {
        let text = LocalizedText(Dictionary(uniqueKeysWithValues: languages.map { ($0, "\(id) \($0)") }))
        return ProgramSlide(
            slide: Slide(
                id: id, durationSeconds: 10, content: .notice(title: text, body: text, qr: nil, issuer: nil)),
            channel: "main", defaultLanguage: "sv", theme: .standard, timeZone: PlanFixtures.stockholm)
    }

    var skips: [(slide: String, reason: String)] {
        observer.events.compactMap { if case .skipped(let slide, let reason) = $0 { (slide, reason) } else { nil } }
    }

}

@Suite("Composition deadline", .timeLimit(.minutes(5)))
struct ComposeDeadlineTests {
    @Test("a slide slower than the deadline is skipped once, the loop beats meanwhile, and the rotation goes on")
    func slowSlideIsSkipped() throws {
        let rig = HeldRig(
            [HeldRig.slide("first"), HeldRig.slide("slow"), HeldRig.slide("last")], holding: ["slow"],
            maxComposeSeconds: 0.3, exitAfter: 100)
        defer { rig.composer.release() }
        let started = Date()
        #expect(rig.loop.run())
        #expect(Date().timeIntervalSince(started) < 10)
        let keys = rig.observer.shown.map(\.key)
        #expect(Array(keys.prefix(4)) == ["main/first", "main/last", "main/first", "main/last"])
        #expect(!keys.contains("main/slow"))
        #expect(rig.skips.count == 1)
        #expect(rig.skips.first?.slide == "main/slow")
        #expect(rig.skips.first?.reason.contains("'sv'") == true)
        #expect(rig.loop.stats.skipped == 1)
        // Remembered: not composed again at each rotation.
        #expect(rig.composer.asked.filter { $0.hasPrefix("slow/") } == ["slow/sv"])
        // The loop proved itself alive while it waited: about 0.3 s / 0.02 s heartbeats.
        let beats = rig.observer.events.split { if case .skipped = $0 { true } else { false } }.first ?? []
        let beforeSkip = beats.filter { if case .heartbeat = $0 { true } else { false } }.count
        #expect(beforeSkip >= 5)
    }

    @Test("a stop request ends the loop at once while a slide composes past any deadline")
    func stopWhileComposing() throws {
        let rig = HeldRig([HeldRig.slide("slow")], holding: ["slow"], maxComposeSeconds: 60, exitAfter: 100)
        defer { rig.composer.release() }
        let (control, composer) = (rig.loop.control, rig.composer)
        Thread.detachNewThread {
            guard composer.waitUntilHolding() else { return }
            usleep(100_000)
            control.requestStop()
        }
        let started = Date()
        #expect(rig.loop.run())
        #expect(Date().timeIntervalSince(started) < 5, "the stop request waited for the composition")
        #expect(rig.observer.heartbeats >= 2)
        // Stopped, not skipped: the slide did nothing wrong that the loop saw.
        #expect(rig.skips.isEmpty)
    }

    @Test("a slide too slow in one language still shows in its others")
    func slowLanguage() throws {
        let rig = HeldRig(
            [HeldRig.slide("both", languages: ["sv", "en"]), HeldRig.slide("other")], holding: ["both/sv"],
            maxComposeSeconds: 0.2, exitAfter: 100)
        defer { rig.composer.release() }
        #expect(rig.loop.run())
        let both = rig.observer.shown.filter { $0.key == "main/both" }
        #expect(both.count >= 3)
        #expect(both.allSatisfy { $0.language == "en" })
        #expect(rig.skips.map(\.slide) == ["main/both"])
        #expect(rig.composer.asked.filter { $0 == "both/sv" }.count == 1)
    }
}

@Suite("Compose worker", .timeLimit(.minutes(5)))
struct ComposeWorkerTests {
    @Test("a stuck worker does not stall the next slide, and stuck workers are bounded")
    func stuckWorkersAreBounded() throws {
        let composer = HeldComposer(holding: ["a", "b", "c", "d"])
        let worker = ComposeWorker(compose: composer.compose)
        func compose(_ id: String) -> ComposeWorker.Outcome {
            worker.compose(HeldRig.slide(id), language: "sv", at: Date(), seconds: 0.1, tickSeconds: nil) { true }
        }
        for id in ["a", "b"] {
            guard case .timedOut = compose(id) else { Issue.record("\(id) did not time out"); return }
        }
        // Two workers are stuck; a third composes the next slide at once.
        guard case .composed = compose("fine") else { Issue.record("the next slide waited"); return }
        guard case .timedOut = compose("c") else { Issue.record("c did not time out"); return }
        #expect(worker.liveThreads == ComposeWorker.maxThreads)
        #expect(worker.isSaturated)
        // No more threads while three are stuck.
        guard case .busy = compose("d") else { Issue.record("a fourth thread was started"); return }
        #expect(worker.liveThreads == ComposeWorker.maxThreads)
        // Once they end, slides compose again and the threads are gone.
        composer.release()
        let freed = Date(timeIntervalSinceNow: 10)
        while worker.isSaturated && Date() < freed { usleep(1000) }
        guard case .composed = compose("fine") else { Issue.record("no worker after the release"); return }
        worker.shutDown()
        let limit = Date(timeIntervalSinceNow: 10)
        while worker.liveThreads > 0 && Date() < limit { usleep(1000) }
        #expect(worker.liveThreads == 0)
        #expect(!composer.asked.contains("d/sv"))
    }

    @Test("a composition that fails reports its error")
    func failure() throws {
        // A poster whose image is missing cannot be drawn.
        let poster = ProgramSlide(
            slide: Slide(
                id: "x", durationSeconds: 10,
                content: .poster(image: URL(fileURLWithPath: "/nonexistent/x.png"), caption: nil, qr: nil)),
            channel: "main", defaultLanguage: "sv", theme: .standard, timeZone: PlanFixtures.stockholm)
        let composer = HeldComposer(holding: [])
        let worker = ComposeWorker(compose: composer.compose)
        defer { worker.shutDown() }
        let outcome = worker.compose(poster, language: "sv", at: Date(), seconds: 5, tickSeconds: nil) { true }
        guard case .failed(let error) = outcome else {
            Issue.record("no failure")
            return
        }
        #expect(error.slide == "x")
    }
}
