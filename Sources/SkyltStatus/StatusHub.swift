public import FoundationEssentials
public import SkyltCompose
public import SkyltCore
import Synchronization

/// What the player shares with the status server: written by the play loop (and the log and
/// sync threads), read by the server's threads. Everything is behind one lock and copied out,
/// so a slow or hostile client never holds up the play loop.
public final class StatusHub: LogHandler {
    public struct Counters: Sendable, Equatable {
        public var slidesShown = 0
        public var missedDeadlines = 0
        public var composeSecondsSum = 0.0
        public var composeCount = 0
    }

    private struct State {
        var snapshot: StatusSnapshot?
        var frame: Frame?
        var framePNG: Data?
        var next: String?
        var heartbeat: Date?
        var counters = Counters()
        var logs: [(date: Date, line: String)] = []
    }

    private let state = Mutex(State())
    public let started = Date()
    /// Lines kept for the page.
    public static let logLimit = 200

    public init() {}

    /// The loop is alive and advancing.
    public func beat(at date: Date = Date()) { state.withLock { $0.heartbeat = date } }

    public var lastHeartbeat: Date? { state.withLock { $0.heartbeat } }

    /// A switch: what shows now, its frame (nil while dark), and what comes next.
    public func switched(to snapshot: StatusSnapshot, frame: Frame?, next: String?, missedDeadline: Bool) {
        state.withLock {
            $0.snapshot = snapshot
            $0.frame = frame
            $0.framePNG = nil
            $0.next = next
            if snapshot.showing.slide != nil { $0.counters.slidesShown += 1 }
            if missedDeadline { $0.counters.missedDeadlines += 1 }
        }
    }

    public func composed(seconds: Double) {
        state.withLock {
            $0.counters.composeSecondsSum += seconds
            $0.counters.composeCount += 1
        }
    }

    /// Slides skipped since the program changed: shown at once, before the next switch.
    public func skipped(_ slides: [SkippedSlide]) {
        state.withLock { $0.snapshot?.skipped = slides }
    }

    /// Keeps the line for the page's log, the latest `logLimit` lines only.
    public func log(_ level: LogLevel, _ message: String) {
        guard level >= .info else { return }
        let entry = (Date(), "\(level) \(message)")
        state.withLock {
            $0.logs.append(entry)
            if $0.logs.count > Self.logLimit { $0.logs.removeFirst($0.logs.count - Self.logLimit) }
        }
    }

    /// The latest switch's snapshot, what comes next, the counters, and the log lines, each
    /// starting with its time on the kiosk's wall clock (the snapshot's zone, with its offset).
    public func read() -> (snapshot: StatusSnapshot?, next: String?, counters: Counters, logs: [String]) {
        let (snapshot, next, counters, logs) = state.withLock { ($0.snapshot, $0.next, $0.counters, $0.logs) }
        let zone = snapshot?.zone ?? .current
        return (snapshot, next, counters, logs.map { "\(StatusSnapshot.localTime($0.date, in: zone)) \($0.line)" })
    }

    /// The frame on screen as PNG, encoded once per frame, outside the lock.
    public func screenshot() -> Data? {
        let (frame, cached) = state.withLock { ($0.frame, $0.framePNG) }
        if let cached { return cached }
        guard let frame, let png = try? frame.pngData() else { return nil }
        state.withLock { if $0.frame === frame { $0.framePNG = png } }
        return png
    }
}
