public import Foundation
public import SkyltCompose
public import SkyltCore
import Synchronization

/// What the play loop needs to know about the kiosk and how to behave.
public struct PlayerOptions: Sendable {
    public var kioskID = "kiosk"
    public var kioskName: String
    /// Display languages, in the order translated slides cycle through them.
    public var languages: [String]
    public var crossfadeSeconds: Double = 0.5
    public var fadeFramesPerSecond: Double = 30
    /// Where the frame on screen goes, as PNG, at each switch.
    public var snapshot: URL?
    /// Where `status.json` is written at each switch; nil for none.
    public var statusFolder: URL?
    /// Stop cleanly after this long.
    public var exitAfterSeconds: Double?
    /// Addresses shown on the no-content screen.
    public var addresses: @Sendable () -> [String] = { [] }
    /// The loop wakes at least this often while a slide shows, to prove it is alive.
    public var heartbeatSeconds: Double?
    /// Called on the loop's thread at every wake-up and switch: the loop advances.
    public var onHeartbeat: (@Sendable () -> Void)?
    /// Called on the loop's thread at every switch with the snapshot, the frame on screen,
    /// what comes next, and whether the switch came late.
    public var onSwitch: (@Sendable (StatusSnapshot, Frame?, String?, Bool) -> Void)?
    /// Called with each slide's compose time.
    public var onComposed: (@Sendable (Double) -> Void)?
    /// A switch later than this after its deadline counts as missed.
    public var missedDeadlineSeconds = 0.1
    /// The bundle channels' sync state, for `status.json`.
    public var channelStatus: @Sendable () -> [ChannelState] = { [] }
    /// What tells the system clock from a wrong one.
    public var clockTrust = ClockTrust(buildTime: .distantPast, lastSeen: nil, newestPublication: nil)

    public init(kioskName: String, languages: [String]) {
        self.kioskName = kioskName
        self.languages = languages
    }
}

/// One slot as shown, for logs, tests and the status page.
public struct ShownSlide: Sendable, Equatable {
    /// `channel/slide`, or nil for the no-content screen and a dark screen.
    public var key: String?
    public var language: String
    /// Monotonic seconds when the switch to it began; slots follow each other exactly.
    public var shownAt: Double
    public var durationSeconds: Double
    public var reason: String
    /// True outside opening hours.
    public var dark: Bool
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

/// The play loop: asks the planner what comes next, composes it ahead of its deadline, and at
/// the deadline blends it in. Between deadlines it sleeps until the deadline or the next
/// moment a schedule can change, so a static slide costs no CPU. An urgent slide, the end of
/// a slide's schedule or closing time cuts the current slide short.
///
/// Runs on the thread that owns the screen (the main thread for SDL). `control` and
/// `ProgramStore` changes may come from any thread.
public final class PlayLoop {
    private let screen: any Screen
    private let composer: SlideComposer
    private let store: ProgramStore
    private let clock: any PlayClock
    private let options: PlayerOptions
    private let planner: Planner
    private let playLog: PlayLog?
    private let display: DisplayPower?

    /// Stops the loop from any thread.
    public let control: PlayControl
    public private(set) var stats = PlayStats()
    /// Every slot shown, oldest first; bounded to the latest `historyLimit`.
    public private(set) var history: [ShownSlide] = []
    public static let historyLimit = 1000
    /// The planner's memory of what played.
    public private(set) var plays = PlayHistory()
    /// The frame on screen now (nil while the screen is dark).
    public private(set) var frameOnScreen: Frame?
    /// Called on the loop's thread when the first frame is on screen, with its monotonic time.
    public var onFirstFrame: ((Double) -> Void)?

    private var generation = -1
    private var program = Program.empty
    private var cache = EligibilityCache()
    private var broken: Set<String> = []

    public init(
        screen: any Screen, composer: SlideComposer, store: ProgramStore, clock: any PlayClock, options: PlayerOptions,
        planner: Planner? = nil, playLog: PlayLog? = nil, display: DisplayPower? = nil
    ) {
        self.screen = screen
        self.composer = composer
        self.store = store
        self.clock = clock
        self.options = options
        self.planner =
            planner ?? Planner(settings: PlanSettings(timeZone: .current, languages: options.languages))
        self.playLog = playLog
        self.display = display
        control = PlayControl(clock: clock)
    }

    /// Asks the loop to stop at its next wake-up.
    public func requestStop() { control.requestStop() }

    private var stopping: Bool { control.isStopping }

    /// A decided slot, composed when it shows a frame.
    private struct Prepared {
        var frame: Frame?
        var shown: ShownSlide
        var record: PlayRecord
        var slide: ProgramSlide?
    }

    /// The wall-clock time at monotonic time `moment`.
    private func date(at moment: Double) -> Date { clock.date.addingTimeInterval(moment - clock.now) }

    private func clockTrusted(_ date: Date) -> Bool { options.clockTrust.trusts(date) }

    /// Plays until `requestStop()`, a quit event, or `exitAfterSeconds`. Returns false when
    /// the screen failed, so that the service manager can restart the player.
    @discardableResult
    public func run() -> Bool {
        stats.started = clock.now
        let stopAt = options.exitAfterSeconds.map { stats.started + $0 }
        var current: Prepared?
        var staged: Prepared?
        var slotStart = clock.now
        var deadline: Double?
        while !stopping {
            if staged == nil {
                staged = prepare(at: clock.now)
                guard stage(staged!) else { return false }
            }
            var next = staged!
            staged = nil
            let now = clock.now
            let missed = deadline.map { now - $0 > options.missedDeadlineSeconds } ?? false
            if missed {
                Log.warning(String(format: "switch came %.0f ms after its deadline", (now - deadline!) * 1000))
            }
            finish(current, at: now)
            if next.frame == nil {
                goDark(wasDark: current?.shown.dark ?? false)
            } else {
                if current?.shown.dark == true { display?.turnOn() }
                if current?.frame != nil { crossfade() }
                let switchStart = clock.now
                screen.draw(fade: 1)
                screen.promote()
                stats.addSwitch(clock.now - switchStart)
                if stats.firstFrameAt == nil {
                    stats.firstFrameAt = clock.now
                    onFirstFrame?(clock.now)
                }
            }
            slotStart = now
            stats.switches += 1
            frameOnScreen = next.frame
            next.shown.shownAt = slotStart
            next.record.start = date(at: slotStart)
            record(next)
            current = next

            // Decide and compose the next slot now, well before its deadline, so that the
            // switch only blends what is already on the screen's side.
            let slotEnd = slotStart + next.shown.durationSeconds
            deadline = slotEnd
            staged = prepare(at: slotEnd)
            guard stage(staged!) else { return false }
            writeSnapshot(next, missed: missed, upcoming: staged)
            options.onHeartbeat?()
            while !stopping {
                let now = clock.now
                if let stopAt, now >= stopAt {
                    requestStop()
                    break
                }
                if now >= slotEnd { break }
                var wakeAt = min(slotEnd, stopAt ?? slotEnd)
                if let beat = options.heartbeatSeconds { wakeAt = min(wakeAt, now + beat) }
                if let interval = screen.eventPollIntervalSeconds, !next.shown.dark {
                    wakeAt = min(wakeAt, now + interval)
                }
                let today = date(at: now)
                if let boundary = planner.nextBoundary(
                    program, after: today, clockTrusted: clockTrusted(today), cache: cache)
                {
                    wakeAt = min(wakeAt, now + max(0, boundary.timeIntervalSince(today)))
                }
                clock.sleep(until: wakeAt)
                options.onHeartbeat?()
                if control.takeIdentifyRequest() {
                    staged = identify()
                    guard stage(staged!) else { return false }
                    deadline = nil
                    break
                }
                if control.takeDisplayRequest() {
                    deadline = nil
                    staged = prepare(at: clock.now)
                    guard stage(staged!) else { return false }
                    break
                }
                for event in screen.pollEvents() {
                    switch event {
                    case .quit: requestStop()
                    case .redraw: if !next.shown.dark { screen.draw(fade: 0) }
                    }
                }
                let changed = store.generation != generation
                if changed { refreshProgram() }
                let moment = date(at: clock.now)
                // The identify screen holds its 30 seconds; the technician asked for it.
                if next.record.channel != "identify",
                    let why = planner.interruption(
                        of: next.record, program, at: moment, clockTrusted: clockTrusted(moment), excluding: broken,
                        cache: cache)
                {
                    Log.info("cutting \(next.shown.key ?? "the screen") short: \(why)")
                    deadline = nil
                    staged = prepare(at: clock.now)
                    guard stage(staged!) else { return false }
                    break
                }
                if changed {
                    // New content: what was composed ahead may be stale.
                    staged = prepare(at: slotEnd)
                    guard stage(staged!) else { return false }
                }
            }
        }
        finish(current, at: clock.now)
        return true
    }

    /// Closes the slot that was on screen: proof of play with the seconds it really showed.
    private func finish(_ slot: Prepared?, at now: Double) {
        guard let slot, let slide = slot.slide else { return }
        let seconds = now - slot.shown.shownAt
        guard seconds > 0 else { return }
        playLog?.append(slide: slide.slide.id, channel: slide.channel, start: slot.record.start, seconds: seconds)
    }

    private func goDark(wasDark: Bool) {
        guard !wasDark else { return }
        screen.blank()
        display?.turnOff()
    }

    private func stage(_ prepared: Prepared) -> Bool {
        guard let frame = prepared.frame else { return true }
        do {
            try screen.stage(frame)
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

    private func record(_ slot: Prepared) {
        history.append(slot.shown)
        if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
        // The identify screen is not a play: the planner does not count it.
        if slot.record.channel != "identify" { plays.record(slot.record, in: planner.local) }
        let shown = slot.shown
        if let key = shown.key {
            Log.info("showing \(key) in '\(shown.language)' for \(Int(shown.durationSeconds)) s: \(shown.reason)")
        } else if shown.dark {
            Log.info("screen off: \(shown.reason)")
        } else {
            Log.info("no content to show (\(shown.reason)); showing the kiosk's name and addresses")
        }
    }

    /// The identify screen for 30 seconds.
    private func identify() -> Prepared {
        let frame = composer.composeIdentify(kioskName: options.kioskName, addresses: options.addresses())
        return Prepared(
            frame: frame,
            shown: ShownSlide(
                key: nil, language: "", shownAt: 0, durationSeconds: PlayControl.identifySeconds,
                reason: "identify, asked for on the status page", dark: false),
            record: PlayRecord(key: nil, channel: "identify", start: clock.date, seconds: 30, urgent: false), slide: nil
        )
    }

    private func writeSnapshot(_ slot: Prepared, missed: Bool = false, upcoming: Prepared? = nil) {
        if let snapshot = options.snapshot, let frame = slot.frame {
            do {
                try frame.writePNG(to: snapshot)
            } catch {
                Log.warning("cannot write the snapshot: \(error)")
            }
        }
        guard let folder = options.statusFolder else { return }
        let now = clock.date
        var status = StatusSnapshot(
            kioskID: options.kioskID, kioskName: options.kioskName, timeZone: planner.settings.timeZone.identifier,
            clockTrusted: clockTrusted(now), clockNotBefore: options.clockTrust.notBefore,
            clockReason: options.clockTrust.reason, display: slot.shown.dark ? "off" : "on",
            showing: .init(
                slide: slot.slide?.slide.id, channel: slot.slide?.channel,
                language: slot.slide == nil ? nil : slot.shown.language,
                reason: slot.shown.reason, since: ISO8601.format(slot.record.start)),
            slidesInProgram: program.slides.count, written: now)
        status.channels = options.channelStatus()
        if let onSwitch = options.onSwitch {
            let next = upcoming.map {
                $0.slide.map { "\($0.channel)/\($0.slide.id)" } ?? ($0.shown.dark ? "screen off" : "no content")
            }
            onSwitch(status, slot.frame, next, missed)
        }
        do {
            try status.write(to: folder)
        } catch {
            Log.warning(
                "cannot write \(folder.appendingPathComponent(StatusSnapshot.fileName).path): \(error.localizedDescription)"
            )
        }
    }

    /// Asks the planner what to show from monotonic time `moment` and composes it. A slide that
    /// cannot be drawn is logged once and left out until the program changes.
    private func prepare(at moment: Double) -> Prepared {
        refreshProgram()
        let when = date(at: moment)
        let trusted = clockTrusted(when)
        let open = planner.isOpen(at: when, clockTrusted: trusted, cache: cache)
        let override = control.displayOverride(open: open)
        for _ in 0...program.slides.count {
            var decision = planner.decide(
                program, at: when, history: plays, clockTrusted: trusted, excluding: broken, cache: cache)
            // The status page's display off/on holds until the next opening-hours change.
            if override == false {
                decision = .closed(
                    until: planner.nextBoundary(program, after: when, clockTrusted: trusted, cache: cache))
            } else if override == true, case .closed = decision {
                decision = planner.decide(
                    program, at: when, history: plays, clockTrusted: false, excluding: broken, cache: cache)
            }
            switch decision {
            case .play(let slide, let language, let reason):
                let started = clock.now
                do {
                    let composition = try composer.compose(slide, language: language)
                    stats.addCompose(clock.now - started, template: slide.slide.content.templateName)
                    options.onComposed?(clock.now - started)
                    return Prepared(
                        frame: composition.frame,
                        shown: ShownSlide(
                            key: slide.key, language: language, shownAt: 0,
                            durationSeconds: slide.slide.durationSeconds,
                            reason: reason, dark: false),
                        record: PlayRecord(
                            key: slide.key, channel: slide.channel, start: when, seconds: slide.slide.durationSeconds,
                            urgent: slide.isUrgent),
                        slide: slide)
                } catch {
                    broken.insert(slide.key)
                    stats.skipped += 1
                    Log.warning("skipping \(slide.channel)/\(slide.slide.id): \(error)")
                }
            case .closed(let until):
                let seconds = until.map { max(1, $0.timeIntervalSince(when)) } ?? 3600
                return Prepared(
                    frame: nil,
                    shown: ShownSlide(
                        key: nil, language: "", shownAt: 0, durationSeconds: seconds,
                        reason: "outside opening hours" + (until.map { ", until \(ISO8601.format($0))" } ?? ""),
                        dark: true),
                    record: PlayRecord(key: nil, channel: "closed", start: when, seconds: seconds, urgent: false),
                    slide: nil)
            case .nothing(let reason):
                let language = options.languages.first ?? "sv"
                let frame = composer.composeNoContent(
                    kioskName: options.kioskName, addresses: options.addresses(), version: SkyltVersion.string,
                    language: language)
                let seconds = planner.settings.noContentSeconds
                return Prepared(
                    frame: frame,
                    shown: ShownSlide(
                        key: nil, language: language, shownAt: 0, durationSeconds: seconds, reason: reason, dark: false),
                    record: PlayRecord(key: nil, channel: nil, start: when, seconds: seconds, urgent: false), slide: nil
                )
            }
        }
        preconditionFailure("every slide was excluded, yet the planner chose one")
    }

    private func refreshProgram() {
        let (latest, latestGeneration) = store.current()
        guard latestGeneration != generation else { return }
        generation = latestGeneration
        if latest != program {
            program = latest
            broken = []
            cache = EligibilityCache()
            plays.prune(keeping: Set(latest.slides.map(\.key)))
        }
    }
}

/// The part of the play loop other threads may touch (signals, the status page): requests
/// that also cut the loop's sleep short.
public final class PlayControl: Sendable {
    private let stopFlag = Atomic<Bool>(false)
    private let restartFlag = Atomic<Bool>(false)
    private let identifyFlag = Atomic<Bool>(false)
    private let displayFlag = Atomic<Bool>(false)
    /// The requested display state and the opening state it was asked in: it holds until
    /// the opening hours change.
    private let display = Mutex<(on: Bool, askedWhileOpen: Bool?)?>(nil)
    private let clock: any PlayClock
    public static let identifySeconds = 30.0

    init(clock: any PlayClock) { self.clock = clock }

    /// Asks the loop to stop at its next wake-up. Safe from any thread and from signal sources.
    public func requestStop() {
        stopFlag.store(true, ordering: .sequentiallyConsistent)
        clock.wake()
    }

    /// Stops the loop so that the process exits for its service manager to start it again.
    public func requestRestart() {
        restartFlag.store(true, ordering: .sequentiallyConsistent)
        requestStop()
    }

    public var isStopping: Bool { stopFlag.load(ordering: .sequentiallyConsistent) }
    public var restartRequested: Bool { restartFlag.load(ordering: .sequentiallyConsistent) }

    /// Shows the kiosk's name and addresses large for 30 seconds.
    public func requestIdentify() {
        identifyFlag.store(true, ordering: .sequentiallyConsistent)
        clock.wake()
    }

    /// Turns the screen off or on until the next opening-hours change.
    public func requestDisplay(on: Bool) {
        display.withLock { $0 = (on, nil) }
        displayFlag.store(true, ordering: .sequentiallyConsistent)
        clock.wake()
    }

    func takeIdentifyRequest() -> Bool { identifyFlag.exchange(false, ordering: .sequentiallyConsistent) }
    func takeDisplayRequest() -> Bool { displayFlag.exchange(false, ordering: .sequentiallyConsistent) }

    /// The override in force given whether the shop is open now: nil when there is none, or
    /// when the opening state has changed since it was asked for (which ends it).
    func displayOverride(open: Bool) -> Bool? {
        display.withLock { state in
            guard var current = state else { return nil }
            if current.askedWhileOpen == nil {
                current.askedWhileOpen = open
                state = current
            }
            if current.askedWhileOpen != open {
                state = nil
                return nil
            }
            return current.on
        }
    }
}
