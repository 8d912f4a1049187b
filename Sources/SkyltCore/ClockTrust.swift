public import FoundationEssentials
import Synchronization

/// Whether the system clock can be believed. A mini-PC without a battery-backed clock may boot
/// in 1970 or at its last shutdown; schedules must not act on such a time.
///
/// The clock is untrusted while it is earlier than any moment known to have passed: the
/// build, the last time the player saw (kept in the state directory), or the publication of
/// content it holds.
///
/// The build time is certain, and so is a publication the kiosk accepted: a sync refuses a
/// manifest published more than `publicationLeadSeconds` after the channel server's `Date`
/// (see `ChannelSync`), so a publication in 2099 never becomes a floor, and one that did is
/// evidence signed by a publisher. Those two floors hold for good. The last-seen time can be
/// wrong for good (written after one forward jump of the clock), so that floor alone lapses
/// once the wall clock has kept pace with the monotonic clock for `recoverySeconds` (no jump
/// in that time: a clock that is being set is not steady).
public struct ClockTrust: Sendable, Equatable {
    public var notBefore: Date
    /// What set `notBefore`, for the status page.
    public var reason: String
    /// The later of the build time and the newest accepted publication: no clock earlier than
    /// this is right, however steadily it runs.
    public var hardFloor: Date
    /// Tells how long the wall clock has run steadily; nil keeps every floor for good.
    public var steadiness: ClockSteadiness?

    /// Backward steps smaller than this (an NTP correction) do not count.
    public static let toleranceSeconds = 300.0
    /// How long a steady clock must run before a last-seen floor ahead of it lapses: long enough that a clock still waiting for NTP has usually been set.
    public static let recoverySeconds = 6 * 3600.0
    /// How far ahead of the channel server's time a manifest's publication may lie (clocks
    /// of publishers drift); a later one is refused at sync and never becomes a floor.
    public static let publicationLeadSeconds = 6 * 3600.0

    public init(
        buildTime: Date, lastSeen: Date?, newestPublication: Date?, steadiness: ClockSteadiness? = ClockSteadiness()
    ) {
        var floor = (buildTime, "the build time")
        if let lastSeen, lastSeen.addingTimeInterval(-Self.toleranceSeconds) > floor.0 {
            floor = (lastSeen.addingTimeInterval(-Self.toleranceSeconds), "the last time the player ran")
        }
        if let newestPublication, newestPublication > floor.0 {
            floor = (newestPublication, "the publication time of content it holds")
        }
        notBefore = floor.0
        reason = floor.1
        hardFloor = max(buildTime, newestPublication ?? buildTime)
        self.steadiness = steadiness
    }

    /// True when `now` is past every floor, or past the build time and the newest publication
    /// on a clock that has run steadily for `recoverySeconds`.
    public func trusts(_ now: Date) -> Bool {
        if now >= notBefore { return true }
        guard now >= hardFloor, let steadiness else { return false }
        return steadiness.steadySeconds >= Self.recoverySeconds
    }

    public static func == (a: ClockTrust, b: ClockTrust) -> Bool {
        a.notBefore == b.notBefore && a.reason == b.reason && a.hardFloor == b.hardFloor
            && (a.steadiness == nil) == (b.steadiness == nil)
    }
}

/// Watches the wall clock against the monotonic clock. While they advance together the wall
/// clock is steady; a jump (someone or NTP setting it) starts the count again.
public final class ClockSteadiness: Sendable {
    private let clock: any LoopClock
    /// The last moment the two clocks were found out of step, in both clocks' terms.
    private let anchor: Mutex<(wall: Date, monotonic: Double)>

    public init(clock: any LoopClock = SystemClock()) {
        self.clock = clock
        anchor = Mutex((clock.date, clock.now))
    }

    /// Seconds since the wall clock last jumped (or since this watch began).
    public var steadySeconds: Double {
        let (wall, monotonic) = (clock.date, clock.now)
        return anchor.withLock { anchor in
            let drift = wall.timeIntervalSince(anchor.wall) - (monotonic - anchor.monotonic)
            if abs(drift) > ClockTrust.toleranceSeconds { anchor = (wall, monotonic) }
            return monotonic - anchor.monotonic
        }
    }
}

/// The latest time the player has seen, kept in the state directory across restarts so that a
/// clock that boots in the past can be told.
public enum LastSeen {
    public static let fileName = "last-seen"
    /// Written no more often than this.
    public static let intervalSeconds = 300.0

    public static func read(from folder: URL) -> Date? {
        guard let text = try? ConfigFile.text(folder.appendingPathComponent(fileName).path, limit: 256) else {
            return nil
        }
        return ISO8601.parse(text.trimmed)
    }

    public static func write(_ date: Date, to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data((ISO8601.format(date) + "\n").utf8).write(
            to: folder.appendingPathComponent(fileName), options: .atomic)
    }
}
