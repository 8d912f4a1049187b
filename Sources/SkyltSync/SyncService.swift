public import Foundation
import SkyltBundle
public import SkyltCore

/// Syncs every bundle channel in the background, on its own thread, each on its own poll
/// interval with backoff on failure. When a channel changes, the program is rebuilt from the
/// cache and `onChange` is called (the player then publishes it and wakes its loop).
public final class SyncService: @unchecked Sendable {
    private let config: KioskConfig
    private let onChange: @Sendable (Program) -> Void
    /// The program playing now, which keeps a channel's slides when it cannot be read.
    private let current: @Sendable () -> Program
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var stopping = false
    private var wakeRequested = false
    private var statuses: [String: ChannelState] = [:]
    private var thread: Thread?

    public init(
        config: KioskConfig, current: @escaping @Sendable () -> Program = { .empty },
        onChange: @escaping @Sendable (Program) -> Void
    ) {
        self.config = config
        self.current = current
        self.onChange = onChange
    }

    public var bundleChannels: [ChannelConfig] { config.channels.filter { $0.source.kind == .bundle } }

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

    /// The state of each bundle channel synced at least once, observed at `now`.
    public func snapshot(now: Date = Date()) -> [ChannelState] {
        condition.lock()
        defer { condition.unlock() }
        return bundleChannels.compactMap { statuses[$0.name] }.map {
            var state = $0
            state.observed = now
            return state
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
                syncs[channel.name] = try ChannelSync(config: channel, settings: settings, client: client)
                due[channel.name] = Date()
            } catch {
                Log.error(error.description)
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
                var status = ChannelState(channel)
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
                        Log.notice(
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
                    status.lastError = error.reason
                    status.failures += 1
                    Log.warning("\(error); retrying in \(Int(delay)) s")
                }
                due[channel.name] = Date().addingTimeInterval(delay)
                status.nextPoll = due[channel.name]
                condition.lock()
                statuses[channel.name] = status
                condition.unlock()
            }
            if changed {
                let (program, problems) = ContentLoader.load(config, previous: current())
                for problem in problems { Log.warning(problem.description) }
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
