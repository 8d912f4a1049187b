import Dispatch
public import FoundationEssentials
import SkyltBundle
public import SkyltCore
import Synchronization

/// Syncs every bundle channel in the background, on its own thread, each on its own poll
/// interval with backoff on failure. When a channel changes, the program is rebuilt from the
/// cache and `onChange` is called (the player then publishes it and wakes its loop).
///
/// Life cycle: `start()` begins the thread; `stop()` returns only once it has ended. Polls are
/// scheduled on an injected `LoopClock` (monotonic, so a wall-clock jump neither skips nor
/// floods polls), which is also what `stop()` and `syncNow()` wake.
public final class SyncService: Service, Sendable {
    public let name = "sync service"
    private let config: KioskConfig
    private let onChange: @Sendable (Program) -> Void
    /// The program playing now, which keeps a channel's slides when it cannot be read.
    private let current: @Sendable () -> Program
    private let clock: any LoopClock
    private let logger: Logger
    /// Ends a transfer under way when the service stops.
    private let cancellation = Cancellation()
    private let state = Mutex(State())
    /// Signalled by the sync thread as its last act. `stop()` waits for it and signals it again,
    /// so it works as a latch for every caller of `stop()`.
    private let exited = DispatchSemaphore(value: 0)

    private struct State {
        var started = false
        var running = false
        var stopping = false
        var wakeRequested = false
        var statuses: [String: ChannelState] = [:]
    }

    public init(
        config: KioskConfig, clock: any LoopClock = SystemClock(), logger: Logger = .standard,
        current: @escaping @Sendable () -> Program = { .empty },
        onChange: @escaping @Sendable (Program) -> Void
    ) {
        self.logger = logger
        self.config = config
        self.clock = clock
        self.current = current
        self.onChange = onChange
    }

    public var bundleChannels: [ChannelConfig] { config.channels.filter { $0.source.kind == .bundle } }

    /// True from `start()` until the sync thread has ended.
    public var isRunning: Bool { state.withLock { $0.running } }

    /// Starts the sync thread; does nothing without bundle channels, when already started, or
    /// after `stop()`.
    public func start() {
        guard !bundleChannels.isEmpty else { return }
        let fresh = state.withLock { state in
            guard !state.started && !state.stopping else { return false }
            state.started = true
            state.running = true
            return true
        }
        guard fresh else { return }
        let started = DetachedThread.start(name: "skylt-sync") { [self] in
            loop()
            state.withLock { $0.running = false }
            exited.signal()
        }
        // Without its thread the service is as if never started, so stop() does not wait
        // for a thread that never ran; the player plays on from its cache.
        guard !started else { return }
        state.withLock { state in
            state.started = false
            state.running = false
        }
        logger.error("sync: the sync thread could not be started; the channels are not synced")
    }

    /// Ends the sync thread and returns once it has ended: a transfer under way is cancelled
    /// (within about a second; the cache keeps what it had), and `onChange` is never called
    /// after this returns.
    public func stop() {
        let started = state.withLock { state in
            state.stopping = true
            return state.started
        }
        cancellation.cancel()
        clock.wake()
        guard started else { return }
        exited.wait()
        exited.signal()
    }

    /// Syncs every channel at once (the status page's "sync now").
    public func syncNow() {
        state.withLock { $0.wakeRequested = true }
        clock.wake()
    }

    /// The state of each bundle channel synced at least once, observed at `now`.
    public func channelStates(now: Date = Date()) -> [ChannelState] {
        let statuses = state.withLock { $0.statuses }
        return bundleChannels.compactMap { statuses[$0.name] }.map {
            var state = $0
            state.observed = now
            return state
        }
    }

    private func loop() {
        let settings = SyncSettings(config: config)
        let client = HTTPClient(cancellation: cancellation)
        var syncs: [String: ChannelSync] = [:]
        /// When each channel is next due, in the clock's monotonic seconds.
        var due: [String: Double] = [:]
        var backoff: [String: Backoff] = [:]
        var random = SystemRandomNumberGenerator()
        for channel in bundleChannels {
            do {
                syncs[channel.name] = try ChannelSync(
                    config: channel, settings: settings, client: client, logger: logger)
                due[channel.name] = clock.now
            } catch {
                logger.error(error.description)
            }
        }
        while true {
            let (stopping, wake) = state.withLock { state in
                defer { state.wakeRequested = false }
                return (state.stopping, state.wakeRequested)
            }
            if stopping { return }
            if wake { for name in due.keys { due[name] = clock.now } }
            var changed = false
            for channel in bundleChannels {
                guard let sync = syncs[channel.name], let when = due[channel.name], when <= clock.now else { continue }
                if state.withLock({ $0.stopping }) { return }
                let (delay, updated) = poll(channel, sync, backoff: &backoff[channel.name, default: Backoff()], &random)
                due[channel.name] = clock.now + delay
                changed = changed || updated
            }
            if changed {
                let (program, problems) = ContentLoader.load(config, previous: current())
                for problem in problems { logger.warning(problem.description) }
                onChange(program)
            }
            clock.sleep(until: due.values.min() ?? clock.now + 60)
        }
    }

    /// Syncs one channel once and records its status; returns the seconds until its next poll
    /// and whether its content changed.
    private func poll(
        _ channel: ChannelConfig, _ sync: ChannelSync, backoff: inout Backoff,
        _ random: inout SystemRandomNumberGenerator
    ) -> (delay: Double, changed: Bool) {
        var status = state.withLock { $0.statuses[channel.name] } ?? ChannelState(channel)
        var delay: Double
        var changed = false
        do {
            let outcome = try sync.syncOnce(now: clock.date)
            delay = backoff.succeeded(pollSeconds: channel.pollSeconds, using: &random)
            status.lastSuccess = clock.date
            status.successes += 1
            status.lastError = nil
            Self.describeCache(of: sync, in: &status)
            switch outcome {
            case .updated(let version, let fetched, let bytes):
                logger.notice("channel '\(channel.name)' updated to v\(version) (\(fetched) assets, \(bytes) bytes)")
                status.version = version
                changed = true
            case .unchanged(let version):
                status.version = version
            case .repaired(let version, _):
                // Slides left out for a missing file can play again.
                status.version = version
                changed = true
            }
        } catch {
            // Stopping cancelled the transfer: nothing failed.
            if cancellation.isCancelled { return (0, false) }
            delay = backoff.failed(using: &random)
            status.lastError = error.reason
            status.failures += 1
            // After a restart with the source down, what plays is the cache's content: its
            // version and expiry are known, and an expired channel shows as stale.
            if status.expires == nil { Self.describeCache(of: sync, in: &status) }
            logger.warning("\(error); retrying in \(Int(delay)) s")
        }
        status.nextPoll = clock.date.addingTimeInterval(delay)
        state.withLock { [status] in $0.statuses[channel.name] = status }
        return (delay, changed)
    }

    /// The version, publication and expiry of the manifest in the channel's cache.
    private static func describeCache(of sync: ChannelSync, in status: inout ChannelState) {
        guard let stored = sync.cache.stored(),
            let manifest = try? Manifest.decode(stored.manifest, source: "cache")
        else { return }
        status.expires = manifest.expires
        status.published = manifest.published
        if status.version == nil { status.version = manifest.version }
    }
}
