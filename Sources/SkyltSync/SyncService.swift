public import Foundation
import SkyltBundle
public import SkyltCore

/// A channel's sync state, for logs and the status page.
public struct ChannelStatus: Sendable, Equatable {
    public var name: String
    public var version: Int?
    public var expires: Date?
    public var published: Date?
    public var successes = 0
    public var failures = 0
    public var lastSuccess: Date?
    public var lastError: String?
    public var nextPoll: Date?
}

/// Syncs every bundle channel in the background, on its own thread, each on its own poll
/// interval with backoff on failure. When a channel changes, the program is rebuilt from the
/// cache and `onChange` is called (the player then publishes it and wakes its loop).
public final class SyncService: Service, @unchecked Sendable {
    private let config: KioskConfig
    private let onChange: @Sendable (Program) -> Void
    /// The program playing now, which keeps a channel's slides when it cannot be read.
    private let current: @Sendable () -> Program
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var stopping = false
    private var wakeRequested = false
    private var statuses: [String: ChannelStatus] = [:]
    private var thread: Thread?

    private let logger: Logger

    public init(
        config: KioskConfig, logger: Logger = .standard, current: @escaping @Sendable () -> Program = { .empty },
        onChange: @escaping @Sendable (Program) -> Void
    ) {
        self.logger = logger
        self.config = config
        self.current = current
        self.onChange = onChange
    }

    public var bundleChannels: [ChannelConfig] { config.channels.filter { $0.url != nil } }

    public func start() {
        guard !bundleChannels.isEmpty else { return }
        let thread = Thread { [self] in self.loop() }
        thread.name = "skylt-sync"
        self.thread = thread
        thread.start()
    }

    public func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
    }

    /// Syncs every channel at once (the status page's "sync now").
    public func syncNow() {
        condition.lock()
        wakeRequested = true
        condition.signal()
        condition.unlock()
    }

    public func status() -> [ChannelStatus] {
        condition.lock()
        defer { condition.unlock() }
        return bundleChannels.compactMap { statuses[$0.name] }
    }

    /// The channels' state as the status snapshot carries it.
    public func snapshot(now: Date = Date()) -> [StatusSnapshot.Channel] {
        status().map {
            StatusSnapshot.Channel(
                name: $0.name, version: $0.version, lastSuccess: $0.lastSuccess, lastError: $0.lastError,
                nextPoll: $0.nextPoll, expires: $0.expires, now: now)
        }
    }

    private func loop() {
        let settings = SyncSettings(config: config)
        let client = HTTPClient()
        var random = SystemRandomNumberGenerator()
        var syncs: [String: ChannelSync] = [:]
        var due: [String: Date] = [:]
        var backoff: [String: Backoff] = [:]
        for channel in bundleChannels {
            do {
                syncs[channel.name] = try ChannelSync(
                    config: channel, settings: settings, client: client, logger: logger)
                due[channel.name] = Date()
            } catch {
                logger.error(error.description)
            }
        }
        while true {
            condition.lock()
            if stopping {
                condition.unlock()
                return
            }
            if wakeRequested {
                for name in due.keys { due[name] = Date() }
                wakeRequested = false
            }
            condition.unlock()
            var changed = false
            for channel in bundleChannels {
                guard let sync = syncs[channel.name], let when = due[channel.name], when <= Date() else { continue }
                var status = ChannelStatus(name: channel.name)
                condition.lock()
                status = statuses[channel.name] ?? status
                condition.unlock()
                var delay: Double
                do {
                    let outcome = try sync.syncOnce()
                    var state = backoff[channel.name, default: Backoff()]
                    delay = state.succeeded(pollSeconds: channel.pollSeconds, using: &random)
                    backoff[channel.name] = state
                    status.lastSuccess = Date()
                    status.successes += 1
                    status.lastError = nil
                    if let stored = sync.cache.stored(),
                        let manifest = try? Manifest.decode(stored.manifest, source: "cache")
                    {
                        status.expires = manifest.expires
                        status.published = manifest.published
                    }
                    switch outcome {
                    case .updated(let version, let fetched, let bytes):
                        logger.notice(
                            "channel '\(channel.name)' updated to v\(version) (\(fetched) assets, \(bytes) bytes)")
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
                    var state = backoff[channel.name, default: Backoff()]
                    delay = state.failed(using: &random)
                    backoff[channel.name] = state
                    status.lastError = error.cause
                    status.failures += 1
                    logger.warning("\(error); retrying in \(Int(delay)) s")
                }
                due[channel.name] = Date().addingTimeInterval(delay)
                status.nextPoll = due[channel.name]
                condition.lock()
                statuses[channel.name] = status
                condition.unlock()
            }
            if changed {
                let (program, problems) = ContentLoader.load(config, previous: current())
                for problem in problems { logger.warning(problem) }
                onChange(program)
            }
            let next = due.values.min() ?? Date().addingTimeInterval(60)
            condition.lock()
            while !stopping && !wakeRequested && Date() < next {
                _ = condition.wait(until: next)
            }
            condition.unlock()
        }
    }
}
