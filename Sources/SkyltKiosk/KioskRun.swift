public import FoundationEssentials
@preconcurrency import Glibc
import SkyltCompose
import SkyltCore
import SkyltPlayer
import SkyltStatus
import SkyltSync

/// How `skylt run` plays.
public struct RunOptions: Sendable {
    /// Play offscreen even when a display is there.
    public var headless = false
    /// Where the frame on screen goes as PNG at each switch; headless runs default to
    /// `defaultHeadlessScreenshot`.
    public var screenshot: URL?
    /// Stop cleanly after this long.
    public var exitAfterSeconds: Double?

    public static let defaultHeadlessScreenshot = URL(fileURLWithPath: "/tmp/skylt-screen.png")

    public init() {}
}

extension Kiosk {
    /// Plays the kiosk's channels until a signal, `exitAfterSeconds`, or the status page's
    /// restart: the screen, the program store, the sync service, the status page, the play
    /// log, the last-seen clock and signal handling, each started in order and stopped in
    /// reverse. Runs the play loop on the calling thread, which must be the main thread for SDL.
    public func run(_ options: RunOptions) -> KioskExit {
        KioskRun(kiosk: self, options: options).play()
    }
}

/// One run of the player: the parts `Kiosk.run` assembles, and their life cycle.
final class KioskRun {
    private let kiosk: Kiosk
    private let config: KioskConfig
    private let options: RunOptions
    private let clock = SystemClock()
    private let store = ProgramStore()
    private let hub = StatusHub()
    private let notifier = Notifier()
    /// To stderr and to the status page's log.
    private let logger: Logger
    private let state: URL?
    /// Proof of play, written by the play loop and read by the status page.
    private let playLog: PlayLog?
    private let trust: ClockTrust
    private let sync: SyncService

    init(kiosk: Kiosk, options: RunOptions) {
        self.kiosk = kiosk
        self.options = options
        config = kiosk.config
        let logger = Logger(MultiplexLogHandler([kiosk.logger.handler, hub]))
        self.logger = logger
        let loaded = kiosk.loadProgram()
        for problem in loaded.problems { logger.warning(problem.description) }
        store.replace(with: loaded.program)
        let state = StateDirectory.prepare(config.stateDirectory, logger: logger)
        self.state = state
        playLog = state.map { PlayLog(folder: $0, timeZone: kiosk.config.timeZone, logger: logger) }
        trust = ClockTrust(
            buildTime: StateDirectory.buildTime(), lastSeen: state.flatMap(LastSeen.read),
            newestPublication: loaded.newestPublication)
        let (store, clock) = (store, clock)
        sync = SyncService(config: config, logger: logger, current: { store.current().program }) { program in
            store.replace(with: program)
            clock.wake()
        }
    }

    /// Wakes at least three times per watchdog interval, or every ten seconds, to prove the
    /// loop alive: the watchdog is pinged from the loop, and only while it advances.
    private var heartbeatSeconds: Double { notifier.watchdogSeconds.map { $0 / 3 } ?? 10 }

    func play() -> KioskExit {
        warnIfClockUntrusted()
        let screen = ScreenChoice.open(display: config.display, headless: options.headless, logger: logger)
        let loop = makeLoop(screen: screen)
        let services = makeServices(control: loop.control)
        start(services)
        let played = loop.run()
        notifier.stopping()
        for service in services.reversed() { service.stop() }
        let switches = loop.stats.switches
        logger.info("stopped after \(switches) slide switch\(switches == 1 ? "" : "es")")
        if loop.control.restartRequested {
            logger.notice("restarting, as asked on the status page")
            return .restartRequested
        }
        return played ? .stopped : .screenFailed
    }

    /// Starts each part; one that fails is logged and left out, and the player plays on.
    private func start(_ services: [any Service]) {
        for service in services {
            do {
                try service.start()
            } catch {
                logger.warning("cannot start the \(service.name): \(error)")
            }
        }
    }

    private func warnIfClockUntrusted() {
        let now = Date()
        guard !trust.trusts(now) else { return }
        logger.warning(
            "the system clock (\(ISO8601.format(now))) is earlier than \(trust.reason)"
                + " (\(ISO8601.format(trust.notBefore))); until it is right, only slides without dates or times play")
    }

    private func makeLoop(screen: any Screen) -> PlayLoop {
        var player = PlayerOptions(kioskName: config.name, languages: config.languages)
        player.exitAfterSeconds = options.exitAfterSeconds
        player.addresses = { NetworkAddresses.current() }
        player.clockTrust = trust
        player.heartbeatSeconds = heartbeatSeconds
        let loop = PlayLoop(
            screen: screen, composer: kiosk.composer(), store: store, clock: clock, options: player,
            planner: kiosk.planner, display: DisplayPower(off: config.displayOff, on: config.displayOn, logger: logger),
            logger: logger)
        for observer in observers(headless: screen.isHeadless) { loop.add(observer) }
        return loop
    }

    private func observers(headless: Bool) -> [any PlayObserver] {
        var observers: [any PlayObserver] = []
        let screenshot = options.screenshot ?? (headless ? RunOptions.defaultHeadlessScreenshot : nil)
        if let screenshot {
            if headless {
                logger.notice(
                    "headless: no display is shown; the frame on screen is written to \(screenshot.path) at each switch"
                )
            }
            observers.append(ScreenshotWriter(file: screenshot, logger: logger))
        }
        if let playLog { observers.append(ProofOfPlayRecorder(log: playLog)) }
        let sync = sync
        var facts = StatusReporter.Facts(
            kioskID: config.id, kioskName: config.name, timeZone: config.timeZone, clockTrust: trust,
            channels: { sync.channelStates() })
        let store = store
        facts.programGeneration = { store.generation }
        observers.append(StatusReporter(facts: facts, folder: state, hub: hub, notifier: notifier, logger: logger))
        let notifier = notifier
        observers.append(FirstFrameReporter(clock: clock, logger: logger) { notifier.ready() })
        return observers
    }

    /// The long-running parts, in the order they start.
    private func makeServices(control: PlayControl) -> [any Service] {
        // Signals first, so they are handled until every other part has stopped.
        var services: [any Service] = [signalHandlers(control: control), sync]
        if let server = statusServer(control: control) { services.append(server) }
        if let state { services.append(LastSeenKeeper(folder: state, trust: trust, logger: logger)) }
        return services
    }

    /// The status page, when the config enables it; it starts even when no token can be kept.
    private func statusServer(control: PlayControl) -> StatusServer? {
        guard config.status.enabled else { return nil }
        var settings = StatusSettings(token: StatusWiring.token(config: config, state: state, logger: logger).token)
        settings.address = config.status.address
        settings.port = UInt16(config.status.port)
        settings.perIPConnectionLimit = UInt32(config.status.perIPConnectionLimit)
        settings.heartbeatLimitSeconds = max(30, heartbeatSeconds * 3)
        let sources = StatusWiring.sources(
            hub: hub, config: config, sync: sync, control: control, playLog: playLog?.files)
        return StatusServer(settings: settings, sources: sources, logger: logger)
    }

    private func signalHandlers(control: PlayControl) -> SignalHandlers {
        let signals = SignalHandlers()
        signals.on(SIGTERM) { control.requestStop() }
        signals.on(SIGINT) { control.requestStop() }
        let (kiosk, store, clock, logger) = (kiosk, store, clock, logger)
        signals.on(SIGHUP) {
            let (program, problems, _) = kiosk.loadProgram(previous: store.current().program)
            for problem in problems { logger.warning(problem.description) }
            store.replace(with: program)
            logger.notice("reloaded \(program.slides.count) slides")
            clock.wake()
        }
        return signals
    }
}
