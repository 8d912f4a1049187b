public import FoundationEssentials

/// Whether the system clock can be believed. A mini-PC without a battery-backed clock may boot
/// in 1970 or at its last shutdown; schedules must not act on such a time.
///
/// The clock is untrusted while it is earlier than any moment known to have passed: the
/// build, the last time the player saw (kept in the state directory), or the publication of
/// content it holds.
public struct ClockTrust: Sendable, Equatable {
    public var notBefore: Date
    /// What set `notBefore`, for the status page.
    public var reason: String

    /// Backward steps smaller than this (an NTP correction) do not count.
    public static let toleranceSeconds = 300.0

    public init(buildTime: Date, lastSeen: Date?, newestPublication: Date?) {
        var floor = (buildTime, "the build time")
        if let lastSeen, lastSeen.addingTimeInterval(-Self.toleranceSeconds) > floor.0 {
            floor = (lastSeen.addingTimeInterval(-Self.toleranceSeconds), "the last time the player ran")
        }
        if let newestPublication, newestPublication > floor.0 {
            floor = (newestPublication, "the publication time of content it holds")
        }
        notBefore = floor.0
        reason = floor.1
    }

    public func trusts(_ now: Date) -> Bool { now >= notBefore }
}

/// The latest time the player has seen, kept in the state directory across restarts so that a
/// clock that boots in the past can be told.
public enum LastSeen {
    public static let fileName = "last-seen"
    /// Written no more often than this.
    public static let intervalSeconds = 300.0

    public static func read(from folder: URL) -> Date? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8) else {
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
