import Dispatch
import Foundation
import SkyltCompose
import SkyltCore
import SkyltPlayer
import SkyltStatus
import SkyltSync

/// `skylt run`: the player.
enum RunCommand {
    static let help = """
        Usage: skylt run [--config FILE] [--headless] [--exit-after SECONDS] [--snapshot FILE]

        Plays the kiosk's channels: full screen through SDL (KMS/DRM on a console, X11 or
        Wayland on a desktop). Without a display, or with --headless, it plays on an offscreen
        screen and writes the frame on screen to a PNG at each switch, and says where.

        Without --config it reads /etc/skylt/config.json if that exists, and otherwise plays the
        demo playlist (Playlists/demo).

        Bundle channels (a manifest URL in the config) are synced in the background and new
        content shows without a restart; with the network down the player starts from its
        cache. Slides rotate by their duration with a short crossfade. Translated slides show the
        kiosk's languages in turn. A slide that cannot be drawn is skipped with a log line;
        with nothing to play, a calm screen shows the kiosk's name, addresses and version.

        Options:
          --config FILE         the kiosk's config (JSON; see README.md)
          --headless            do not open a display; play offscreen
          --exit-after SECONDS  stop cleanly after this long, with exit code 0
          --snapshot FILE       write the frame on screen to FILE (PNG, atomically) at each switch;
                                headless runs default to /tmp/skylt-screen.png
          -h, --help            show this help

        What plays when follows the slides' schedules, urgent notices, channel shares and the
        kiosk's opening hours (see `skylt plan`). Outside opening hours the screen is dark and
        the config's displayOff/displayOn commands run at the changes.

        State (the config's stateDirectory, default /var/lib/skylt): the daily play logs
        (plays-YYYY-MM-DD.jsonl, see `skylt report`), status.json, and last-seen, the latest
        time the player saw, which tells a clock that booted in the past.

        Status page: http://ADDRESS:PORT/ from the config's "status" (default 0.0.0.0:8080; the
        demo listens on 127.0.0.1:8080 only), with /api/status, /metrics and /healthz. It only
        reads; actions (sync, identify, display off/on, restart) need the token from the config
        or from <stateDirectory>/status-token.

        Frames are composed at the config's display size and scaled to the display's real
        pixels; the log warns when the display has fewer pixels than the config says.

        Signals: SIGTERM and SIGINT stop cleanly; SIGHUP reloads the playlists. A channel
        that cannot be read then (a half-saved playlist.json) keeps the slides it had.
        Logs go to stderr, with journald priorities when run by systemd.
        """

    static let defaultHeadlessSnapshot = "/tmp/skylt-screen.png"

    static func run(_ words: [String]) throws(UsageError) -> Int32 {
        let arguments = try Arguments(
            words, valued: ["--config", "--exit-after", "--snapshot"], switches: ["--headless"])
        guard arguments.positional.isEmpty else { throw UsageError("run takes no playlist; use --config") }
        let exitAfter = try arguments.seconds("--exit-after")
        guard let config = KioskSetup.configOrReport(path: arguments.values["--config"]) else { return 1 }
        let started = SystemClock()

        let store = ProgramStore()
        let loaded = ContentLoader.loadWithPublication(config)
        for problem in loaded.problems { Log.warning(problem.description) }
        store.replace(with: loaded.program)

        let screen = ScreenChoice.open(
            width: config.display.widthPixels, height: config.display.heightPixels,
            headless: arguments.has("--headless"))
        var snapshot = arguments.values["--snapshot"].map { URL(fileURLWithPath: $0) }
        if screen.isHeadless {
            snapshot = snapshot ?? URL(fileURLWithPath: defaultHeadlessSnapshot)
            Log.notice(
                "headless: no display is shown; the frame on screen is written to \(snapshot!.path) at each switch")
        } else {
            if let sdl = screen as? SDLScreen {
                let output = sdl.outputSize
                Log.info(
                    "playing on the \(screen.driverName) display at \(output.width)x\(output.height);"
                        + " frames of \(sdl.width)x\(sdl.height) are scaled to fit")
                // Sizes for legibility and QR codes are worked out for the config's pixels; a
                // smaller display would shrink them below what was checked.
                let scale = min(Double(output.width) / Double(sdl.width), Double(output.height) / Double(sdl.height))
                if scale < 0.99 {
                    Log.warning(
                        String(
                            format:
                                "the display has fewer pixels than the config's display (%dx%d): frames are shrunk"
                                + " to %.0f%%, and text and QR codes with them; set display.width and display.height"
                                + " to %dx%d", sdl.width, sdl.height, scale * 100, output.width, output.height))
                }
            } else {
                Log.info("playing on the \(screen.driverName) display")
            }
        }

        let state = StateDirectory.prepare(config.stateDirectory)
        let hub = StatusHub()
        let notifier = Notifier()
        Log.setSink { level, message in hub.log(level, message) }
        var options = PlayerOptions(kioskName: config.name, languages: config.languages)
        options.kioskID = config.id
        options.snapshot = snapshot
        options.exitAfterSeconds = exitAfter
        options.addresses = { NetworkAddresses.current() }
        options.statusFolder = state
        options.clockTrust = ClockTrust(
            buildTime: StateDirectory.buildTime(), lastSeen: state.flatMap(LastSeen.read),
            newestPublication: loaded.newestPublication)
        if !options.clockTrust.trusts(Date()) {
            Log.warning(
                "the system clock (\(ISO8601.format(Date()))) is earlier than \(options.clockTrust.reason) (\(ISO8601.format(options.clockTrust.notBefore))); until it is right, only slides without dates or times play"
            )
        }
        let sync = SyncService(config: config, current: { store.current().program }) { program in
            store.replace(with: program)
            started.wake()
        }
        options.channelStatus = { sync.snapshot() }
        // Wake at least three times per watchdog interval, or every ten seconds, to prove
        // the loop is alive: the watchdog is pinged from the loop and only while it advances.
        options.heartbeatSeconds = notifier.watchdogSeconds.map { $0 / 3 } ?? 10
        options.onHeartbeat = {
            hub.beat()
            notifier.watchdog()
        }
        options.onSwitch = { snapshot, frame, next, missed in
            hub.switched(to: snapshot, frame: frame, next: next, missedDeadline: missed)
            let showing =
                snapshot.showing.slide.map { "\(snapshot.showing.channel ?? "")/\($0)" } ?? snapshot.showing.reason
            notifier.status("showing \(showing)")
        }
        options.onComposed = { hub.composed(seconds: $0) }
        let loop = PlayLoop(
            screen: screen, composer: SlideComposer(profile: config.display), store: store, clock: started,
            options: options, planner: Planner(settings: PlanSettings(config: config)),
            playLog: state.map { PlayLog(folder: $0, timeZone: config.timeZone) },
            display: DisplayPower(off: config.displayOff, on: config.displayOn))
        let keeper = state.map { LastSeenKeeper(folder: $0, trust: options.clockTrust) }
        let playLog = state.map { PlayLog(folder: $0, timeZone: config.timeZone) }
        var server: StatusServer?
        if config.status.enabled, let token = StatusWiring.token(config: config, state: state) {
            var settings = StatusSettings(token: token)
            settings.address = config.status.address
            settings.port = UInt16(config.status.port)
            settings.perIPConnectionLimit = UInt32(config.status.perIPConnectionLimit)
            settings.heartbeatLimitSeconds = max(30, (options.heartbeatSeconds ?? 10) * 3)
            do {
                server = try StatusServer(
                    settings: settings,
                    sources: StatusWiring.sources(
                        hub: hub, config: config, sync: sync, control: loop.control, playLog: playLog))
                Log.notice("status page on http://\(config.status.address):\(server!.port)/")
            } catch {
                Log.warning("no status page: \(error)")
            }
        }

        let control = loop.control
        let signals = SignalHandlers(queue: DispatchQueue(label: "skylt.signals"))
        signals.on(SIGTERM) { control.requestStop() }
        signals.on(SIGINT) { control.requestStop() }
        signals.on(SIGHUP) {
            let (program, problems) = ContentLoader.load(config, previous: store.current().program)
            for problem in problems { Log.warning(problem.description) }
            store.replace(with: program)
            Log.notice("reloaded \(program.slides.count) slides")
            started.wake()
        }
        sync.start()
        FirstFrameReporter.report(loop: loop, clock: started) { notifier.ready() }
        let ok = loop.run()
        notifier.stopping()
        server?.stop()
        sync.stop()
        keeper?.stop()
        signals.cancel()
        Log.info("stopped after \(loop.stats.switches) slide switch\(loop.stats.switches == 1 ? "" : "es")")
        if loop.control.restartRequested {
            Log.notice("restarting, as asked on the status page")
            return 75
        }
        return ok ? 0 : 1
    }
}

/// The state directory: created if missing; without it the player still plays, but keeps no
/// play log and cannot tell a clock that booted in the past.
enum StateDirectory {
    static func prepare(_ folder: URL) -> URL? {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard access(folder.path, W_OK) == 0 else {
                Log.warning("state directory \(folder.path) is not writable; no play log is kept")
                return nil
            }
            return folder
        } catch {
            Log.warning(
                "cannot create the state directory \(folder.path): \(error.localizedDescription); no play log is kept")
            return nil
        }
    }

    /// When this binary was built (its modification time): a clock earlier than that is wrong.
    static func buildTime() -> Date {
        let path = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        return (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast
    }
}

/// Writes the time the player last saw to the state directory every few minutes, while the
/// clock is trusted, so that a restart with a clock in the past is noticed.
final class LastSeenKeeper {
    private let timer: any DispatchSourceTimer
    private let folder: URL
    private let trust: ClockTrust

    init(folder: URL, trust: ClockTrust) {
        self.folder = folder
        self.trust = trust
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "skylt.last-seen"))
        timer.schedule(deadline: .now(), repeating: LastSeen.intervalSeconds, leeway: .seconds(30))
        timer.setEventHandler { [folder, trust] in Self.save(folder: folder, trust: trust) }
        timer.resume()
    }

    static func save(folder: URL, trust: ClockTrust) {
        let now = Date()
        guard trust.trusts(now) else { return }
        do {
            try LastSeen.write(now, to: folder)
        } catch {
            Log.warning(
                "cannot write \(folder.appendingPathComponent(LastSeen.fileName).path): \(error.localizedDescription)")
        }
    }

    func stop() {
        timer.cancel()
        Self.save(folder: folder, trust: trust)
    }
}

/// Picks the screen: SDL on a display, the offscreen screen without one.
enum ScreenChoice {
    static func open(width: Int, height: Int, headless: Bool) -> any Screen {
        if !headless && !displayLikely() {
            Log.notice("no display found (no DISPLAY, WAYLAND_DISPLAY or /dev/dri); running headless")
        } else if !headless {
            do {
                let screen = try SDLScreen(width: width, height: height, headless: false)
                if !screen.isHeadless { return screen }
            } catch {
                Log.notice("no display could be opened (\(error)); running headless")
            }
        }
        return OffscreenScreen(width: width, height: height)
    }

    /// Whether SDL could find a display at all: an X11 or Wayland session, or a DRM device for
    /// KMS. Checking first spares a display-less machine SDL's slow and noisy probing.
    static func displayLikely() -> Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["DISPLAY"]?.isEmpty == false || environment["WAYLAND_DISPLAY"]?.isEmpty == false { return true }
        let cards = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/dri")) ?? []
        return cards.contains { $0.hasPrefix("card") }
    }
}

/// Logs how long the first frame took from the start of the process, once it is on screen.
enum FirstFrameReporter {
    static func report(loop: PlayLoop, clock: SystemClock, then ready: @escaping () -> Void) {
        let start = clock.now
        let age = processAgeSeconds() ?? 0
        loop.onFirstFrame = { at in
            Log.info(
                String(format: "first frame on screen %.0f ms after the process started", (age + at - start) * 1000))
            ready()
        }
    }

    /// Seconds since the kernel started this process (10 ms resolution), from /proc/self/stat
    /// field 22 against the boot-time clock.
    static func processAgeSeconds() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
        var now = timespec()
        clock_gettime(CLOCK_BOOTTIME, &now)
        let boot = Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
        return boot - ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
