import Dispatch
public import FoundationEssentials
public import SkyltBundle
public import SkyltCore
import SkyltSync
import Synchronization

/// What one `runOnce()` did: counts per outcome, the failures, and the publications.
public struct FeedsRound {
    public var fetched = 0
    public var unchanged = 0
    public var failures: [FeedError] = []
    public var publications: [FeedsPublication] = []
}

/// Runs every source of every channel on its own schedule and publishes a channel when its
/// slides change. A failing source keeps its last good slides (kept in the state folder), so
/// a source that fails never empties a channel by itself; the kiosks' staleness rules still
/// hide data that has grown old.
///
/// Life cycle: `start()` runs the loop on its own thread; `stop()` returns once it has ended.
/// `runOnce()` is the same work once, on the caller's thread, for `--once` and tests; it must
/// not be called while the loop runs. Sources and the fetcher are only ever used by one thread
/// at a time, which is why the class can be handed to the loop's thread.
public final class FeedsService: Service, @unchecked Sendable {
    public let name = "feeds service"
    private let channels: [(publisher: ChannelPublisher, sources: [SourceRun])]
    private let fetcher: FeedFetcher
    private let clock: any LoopClock
    private let logger: Logger
    private let cancellation = Cancellation()
    private let state = Mutex((started: false, stopping: false))
    private let exited = DispatchSemaphore(value: 0)
    /// Called at every turn of the loop, so a watchdog sees it advance.
    private let heartbeat: @Sendable () -> Void
    /// The loop wakes at least this often, for the heartbeat.
    public var heartbeatSeconds = 10.0

    /// `keys` are the channels' secret keys by channel name; `state` keeps the fetched
    /// documents (`http/`) and each source's last good slides and memory (`sources/`).
    public init(
        config: FeedsConfig, keys: [String: SecretKey], site: URL, state stateFolder: URL,
        clock: any LoopClock = SystemClock(), logger: Logger = .standard,
        heartbeat: @escaping @Sendable () -> Void = {}
    ) {
        self.clock = clock
        self.logger = logger
        self.heartbeat = heartbeat
        let client = HTTPClient(cancellation: cancellation)
        fetcher = FeedFetcher(
            contact: config.contact, client: client, folder: stateFolder.appendingPathComponent("http"),
            logger: logger, now: { clock.date })
        let media = stateFolder.appendingPathComponent("media")
        channels = config.channels.map { channel in
            let folder = stateFolder.appendingPathComponent("sources").appendingPathComponent(channel.name)
            let publisher = ChannelPublisher(
                channel: channel, key: keys[channel.name], site: site, mediaFolder: media, logger: logger)
            let runs = channel.sources.enumerated().map {
                SourceRun($0.element, index: $0.offset, folder: folder, logger: logger)
            }
            return (publisher, runs)
        }
    }

    /// Bytes received from the sources' servers since the service was made.
    public var bytesReceived: Int64 { fetcher.bytesReceived }
    /// Requests sent to the sources' servers since the service was made.
    public var requestsSent: Int { fetcher.requestsSent }

    /// One round of every source, then every channel published if it changed.
    @discardableResult
    public func runOnce() -> FeedsRound {
        var round = FeedsRound()
        for channel in channels {
            for run in channel.sources { record(run.poll(fetcher: fetcher, now: clock.date, logger: logger), &round) }
            publish(channel, into: &round)
        }
        return round
    }

    private func record(_ outcome: SourceRun.Outcome, _ round: inout FeedsRound) {
        switch outcome {
        case .fetched(let changed): if changed { round.fetched += 1 } else { round.unchanged += 1 }
        case .failed(let error): round.failures.append(error)
        }
    }

    private func publish(_ channel: (publisher: ChannelPublisher, sources: [SourceRun]), into round: inout FeedsRound) {
        // Before any source ever had data there is nothing to say; an empty bundle would
        // only replace what kiosks may still show from an earlier service.
        guard channel.sources.contains(where: \.hasData) else { return }
        do {
            let slides = channel.sources.flatMap(\.prefixedSlides)
            if let publication = try channel.publisher.publish(slides, now: clock.date) {
                round.publications.append(publication)
            }
        } catch {
            logger.error("feeds: \(error)")
            round.failures.append(error)
        }
    }

    public func start() {
        let fresh = state.withLock { state in
            guard !state.started && !state.stopping else { return false }
            state.started = true
            return true
        }
        guard fresh else { return }
        let started = DetachedThread.start(name: "skylt-feeds") { [self] in
            loop()
            exited.signal()
        }
        guard !started else { return }
        state.withLock { $0.started = false }
        logger.error("feeds: the service's thread could not be started")
    }

    /// Ends the loop and returns once its thread has ended; a transfer under way is cancelled.
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

    private var stopping: Bool { state.withLock { $0.stopping } }

    private func loop() {
        var random = SystemRandomNumberGenerator()
        for channel in channels { for run in channel.sources { run.due = clock.now } }
        var traffic = (since: clock.now, bytes: fetcher.bytesReceived, requests: fetcher.requestsSent)
        while !stopping {
            heartbeat()
            if clock.now - traffic.since >= 3600 {
                logger.info(
                    "feeds: \(fetcher.bytesReceived - traffic.bytes) bytes received in "
                        + "\(fetcher.requestsSent - traffic.requests) requests in the last hour")
                traffic = (clock.now, fetcher.bytesReceived, fetcher.requestsSent)
            }
            for channel in channels {
                var touched = false
                for run in channel.sources where run.due <= clock.now {
                    if stopping { return }
                    heartbeat()
                    touched = true
                    let outcome = run.poll(
                        fetcher: fetcher, now: clock.date, logger: logger, heartbeat: heartbeat,
                        clock: { [clock] in clock.now })
                    schedule(run, after: outcome, &random)
                }
                var ignored = FeedsRound()
                if touched && !stopping { publish(channel, into: &ignored) }
            }
            let next = channels.flatMap(\.sources).map(\.due).min() ?? .infinity
            clock.sleep(until: min(next, clock.now + heartbeatSeconds))
        }
    }

    /// When the source is next due: its poll interval (±10%) after a success, a backoff with
    /// full jitter (at least ten seconds) after a failure.
    private func schedule<R: RandomNumberGenerator>(
        _ run: SourceRun, after outcome: SourceRun.Outcome, _ random: inout R
    ) {
        switch outcome {
        case .fetched:
            run.due = clock.now + run.backoff.succeeded(pollSeconds: run.configured.pollSeconds, using: &random)
        case .failed:
            run.due = clock.now + max(FeedsConfig.pollRange.lowerBound, run.backoff.failed(using: &random))
        }
    }
}
