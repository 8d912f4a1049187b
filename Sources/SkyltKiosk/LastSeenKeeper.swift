import Dispatch
public import FoundationEssentials
public import SkyltCore

/// Writes the time the player last saw to the state directory every few minutes, while the
/// clock is trusted, so that a restart with a clock in the past is noticed. Once a steady
/// clock is trusted again after a bad last-seen time (see `ClockTrust`), the next write
/// replaces that time, so the next start trusts the clock at once.
public final class LastSeenKeeper: Service {
    public let name = "last-seen keeper"
    private let queue = DispatchQueue(label: "skylt.last-seen")
    private let folder: URL
    private let trust: ClockTrust
    private let logger: Logger
    private let clock: any LoopClock
    private var timer: (any DispatchSourceTimer)?

    public init(folder: URL, trust: ClockTrust, logger: Logger, clock: any LoopClock = SystemClock()) {
        self.folder = folder
        self.clock = clock
        self.trust = trust
        self.logger = logger
    }

    public func start() {
        guard timer == nil else { return }
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now(), repeating: LastSeen.intervalSeconds, leeway: .seconds(30))
        timer.setEventHandler { [folder, trust, logger, clock] in
            Self.save(folder: folder, trust: trust, logger: logger, now: clock.date)
        }
        timer.resume()
        self.timer = timer
    }

    /// Cancels the timer, waits for a write under way, and writes the time once more.
    public func stop() {
        guard let timer else { return }
        timer.cancel()
        self.timer = nil
        queue.sync {}
        Self.save(folder: folder, trust: trust, logger: logger, now: clock.date)
    }

    static func save(folder: URL, trust: ClockTrust, logger: Logger, now: Date) {
        guard trust.trusts(now) else { return }
        do {
            try LastSeen.write(now, to: folder)
        } catch {
            logger.warning(
                "cannot write \(folder.appendingPathComponent(LastSeen.fileName).path): \(FileProblem.describe(error))")
        }
    }
}
