public import Foundation
public import SkyltCompose
public import SkyltCore
import Synchronization

/// What the play loop needs to know about the kiosk and how to behave.
public struct PlayerOptions: Sendable {
    public var kioskName: String
    /// Display languages, in the order translated slides cycle through them.
    public var languages: [String]
    public var crossfadeSeconds: Double = 0.5
    public var fadeFramesPerSecond: Double = 30
    /// Where the frame on screen goes, as PNG, at each switch.
    public var snapshot: URL?
    /// Stop cleanly after this long.
    public var exitAfterSeconds: Double?
    /// How long the no-content screen stays before the loop looks for content again.
    public var noContentSeconds: Double = 30
    /// Addresses shown on the no-content screen.
    public var addresses: @Sendable () -> [String] = { [] }

    public init(kioskName: String, languages: [String]) {
        self.kioskName = kioskName
        self.languages = languages
    }
}

/// One slide as shown, for logs, tests and (later) proof of play.
public struct ShownSlide: Sendable, Equatable {
    /// `channel/slide`, or nil for the no-content screen.
    public var key: String?
    public var language: String
    public var shownAt: Double
    public var durationSeconds: Double
}

/// Figures the loop keeps about itself, for `skylt bench` and the status page.
public struct PlayStats: Sendable {
    public var started: Double = 0
    public var firstFrameAt: Double?
    public var switches = 0
    /// Seconds to compose each slide, by template name.
    public var composeSeconds: [String: [Double]] = [:]
    /// Seconds for the last step of a switch: the final blend, present and swap.
    public var switchSeconds: [Double] = []
    public var skipped = 0

    /// Keeps the latest figures only, so that a player running for months stays the same size.
    public static let sampleLimit = 500

    mutating func addCompose(_ seconds: Double, template: String) {
        composeSeconds[template, default: []].append(seconds)
        if composeSeconds[template]!.count > Self.sampleLimit { composeSeconds[template]!.removeFirst() }
    }

    mutating func addSwitch(_ seconds: Double) {
        switchSeconds.append(seconds)
        if switchSeconds.count > Self.sampleLimit { switchSeconds.removeFirst() }
    }
}

/// The play loop: asks the program what comes next, composes it ahead of its deadline, and at
/// the deadline blends it in. Between deadlines it sleeps, so a static slide costs no CPU.
///
/// Runs on the thread that owns the screen (the main thread for SDL). `requestStop()` and
/// `ProgramStore` changes may come from any thread.
public final class PlayLoop {
    private let screen: any Screen
    private let composer: SlideComposer
    private let store: ProgramStore
    private let clock: any PlayClock
    private let options: PlayerOptions
    /// Stops the loop from any thread.
    public let control: PlayControl

    public private(set) var stats = PlayStats()
    /// Every slide shown, oldest first; bounded to the latest `historyLimit`.
    public private(set) var history: [ShownSlide] = []
    public static let historyLimit = 1000
    /// The frame on screen now.
    public private(set) var frameOnScreen: Frame?
    /// Called on the loop's thread when the first frame is on screen, with its monotonic time.
    public var onFirstFrame: ((Double) -> Void)?

    private var generation = -1
    private var program = Program.empty
    private var cursor = 0
    private var plays: [String: Int] = [:]
    private var broken: Set<String> = []

    public init(
        screen: any Screen, composer: SlideComposer, store: ProgramStore, clock: any PlayClock, options: PlayerOptions
    ) {
        self.screen = screen
        self.composer = composer
        self.store = store
        self.clock = clock
        self.options = options
        control = PlayControl(clock: clock)
    }

    /// Asks the loop to stop at its next wake-up.
    public func requestStop() { control.requestStop() }

    private var stopping: Bool { control.isStopping }

    /// A composed slide waiting for its turn.
    private struct Prepared {
        var frame: Frame
        var shown: ShownSlide
        var slideID: String?
    }

    /// Plays until `requestStop()`, a quit event, or `exitAfterSeconds`. Returns false when
    /// the screen failed, so that the service manager can restart the player.
    @discardableResult
    public func run() -> Bool {
        stats.started = clock.now
        let stopAt = options.exitAfterSeconds.map { stats.started + $0 }
        var current: ShownSlide?
        var staged: Prepared?
        while !stopping {
            if staged == nil {
                staged = prepareNext()
                guard stage(staged!) else { return false }
            }
            let prepared = staged!
            staged = nil
            if current != nil { crossfade() }
            let switchStart = clock.now
            screen.draw(fade: 1)
            screen.promote()
            let shownAt = clock.now
            stats.addSwitch(shownAt - switchStart)
            if stats.firstFrameAt == nil {
                stats.firstFrameAt = shownAt
                onFirstFrame?(shownAt)
            }
            stats.switches += 1
            frameOnScreen = prepared.frame
            var shown = prepared.shown
            shown.shownAt = shownAt
            record(shown)
            current = shown
            writeSnapshot(prepared.frame)

            // Compose and upload the next slide now, well before its deadline, so that the
            // switch only blends what is already on the screen's side.
            staged = prepareNext()
            guard stage(staged!) else { return false }
            let deadline = shownAt + shown.durationSeconds
            while !stopping {
                let now = clock.now
                if let stopAt, now >= stopAt {
                    requestStop()
                    break
                }
                if now >= deadline { break }
                // The no-content screen gives way as soon as there is content.
                if shown.key == nil, staged?.shown.key != nil { break }
                var wakeAt = min(deadline, stopAt ?? deadline)
                if let interval = screen.eventPollIntervalSeconds { wakeAt = min(wakeAt, now + interval) }
                clock.sleep(until: wakeAt)
                for event in screen.pollEvents() {
                    switch event {
                    case .quit: requestStop()
                    case .redraw: screen.draw(fade: 0)
                    }
                }
                if store.generation != generation {
                    // New content: what was composed ahead may be stale; a slide on screen
                    // finishes its turn.
                    staged = prepareNext()
                    guard stage(staged!) else { return false }
                }
            }
        }
        return true
    }

    private func stage(_ prepared: Prepared) -> Bool {
        do {
            try screen.stage(prepared.frame)
            return true
        } catch {
            Log.error("cannot upload a frame to the screen: \(error)")
            return false
        }
    }

    /// Blends the staged frame in over `crossfadeSeconds`; the caller draws the last step.
    private func crossfade() {
        let frames = max(1, Int(options.crossfadeSeconds * options.fadeFramesPerSecond))
        let start = clock.now
        for index in 1..<frames {
            screen.draw(fade: Double(index) / Double(frames))
            clock.sleep(until: start + options.crossfadeSeconds * Double(index) / Double(frames - 1))
        }
    }

    private func record(_ shown: ShownSlide) {
        history.append(shown)
        if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
        if let key = shown.key {
            Log.info("showing \(key) in '\(shown.language)' for \(Int(shown.durationSeconds)) s")
        } else {
            Log.info("no content to show; showing the kiosk's name and addresses")
        }
    }

    private func writeSnapshot(_ frame: Frame) {
        guard let snapshot = options.snapshot else { return }
        do {
            try frame.writePNG(to: snapshot)
        } catch {
            Log.warning("cannot write the snapshot: \(error)")
        }
    }

    /// Takes the program's next playable slide and composes it. A slide that cannot be drawn
    /// is logged once and skipped until the program changes. With nothing playable, composes
    /// the no-content screen.
    private func prepareNext() -> Prepared {
        refreshProgram()
        let slides = program.slides
        for _ in 0..<slides.count {
            let entry = slides[cursor % slides.count]
            cursor = (cursor + 1) % slides.count
            guard !broken.contains(entry.key) else { continue }
            let play = plays[entry.key, default: 0]
            let language = LanguageChoice.language(for: entry, play: play, display: options.languages)
            let started = clock.now
            do {
                let composition = try composer.compose(entry, language: language)
                stats.addCompose(clock.now - started, template: entry.slide.content.templateName)
                plays[entry.key] = play + 1
                return Prepared(
                    frame: composition.frame,
                    shown: ShownSlide(
                        key: entry.key, language: language, shownAt: 0, durationSeconds: entry.slide.durationSeconds),
                    slideID: entry.slide.id)
            } catch {
                broken.insert(entry.key)
                stats.skipped += 1
                Log.warning("skipping \(entry.channel)/\(entry.slide.id): \(error)")
            }
        }
        let language = options.languages.first ?? "sv"
        let frame = composer.composeNoContent(
            kioskName: options.kioskName, addresses: options.addresses(), version: SkyltVersion.string,
            language: language)
        return Prepared(
            frame: frame,
            shown: ShownSlide(key: nil, language: language, shownAt: 0, durationSeconds: options.noContentSeconds),
            slideID: nil)
    }

    private func refreshProgram() {
        let (latest, latestGeneration) = store.current()
        guard latestGeneration != generation else { return }
        generation = latestGeneration
        if latest != program {
            program = latest
            broken = []
            cursor = 0
        }
    }
}

/// The part of the play loop other threads may touch: a stop request that also cuts the
/// loop's sleep short.
public final class PlayControl: Sendable {
    private let stopFlag = Atomic<Bool>(false)
    private let clock: any PlayClock

    init(clock: any PlayClock) { self.clock = clock }

    /// Asks the loop to stop at its next wake-up. Safe from any thread and from signal sources.
    public func requestStop() {
        stopFlag.store(true, ordering: .sequentiallyConsistent)
        clock.wake()
    }

    public var isStopping: Bool { stopFlag.load(ordering: .sequentiallyConsistent) }
}
