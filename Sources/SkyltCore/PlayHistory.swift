public import Foundation

/// One slot on the screen: a slide, the no-content screen, or the screen off.
public struct PlayRecord: Sendable, Equatable {
    /// `channel/slide`, nil for the no-content screen or a dark screen.
    public var key: String?
    public var channel: String?
    public var start: Date
    public var seconds: Double
    public var urgent: Bool

    public init(key: String?, channel: String?, start: Date, seconds: Double, urgent: Bool) {
        self.key = key
        self.channel = channel
        self.start = start
        self.seconds = seconds
        self.urgent = urgent
    }
}

/// What the planner remembers of what played: bounded, so that a kiosk running for months
/// keeps the same size.
public struct PlayHistory: Sendable, Equatable {
    /// The latest slots, oldest first.
    public private(set) var recent: [PlayRecord] = []
    /// When each slide was last shown.
    public private(set) var lastShown: [String: Date] = [:]
    /// How often each slide was shown, for the language rotation.
    public private(set) var playCount: [String: Int] = [:]
    /// Seconds of normal (not urgent) screen time per channel since `accountingDay` began.
    public private(set) var channelSeconds: [String: Double] = [:]
    public private(set) var accountingDay: Date?

    public static let recentLimit = 64

    public init() {}

    public var last: PlayRecord? { recent.last }

    public mutating func record(_ play: PlayRecord, in local: LocalTime) {
        recent.append(play)
        if recent.count > Self.recentLimit { recent.removeFirst(recent.count - Self.recentLimit) }
        guard let key = play.key else { return }
        lastShown[key] = play.start
        playCount[key, default: 0] += 1
        let day = local.startOfDay(play.start)
        if day != accountingDay {
            accountingDay = day
            channelSeconds = [:]
        }
        if !play.urgent, let channel = play.channel { channelSeconds[channel, default: 0] += play.seconds }
    }

    /// Forgets slides that are no longer in the program, so the maps stay bounded.
    public mutating func prune(keeping keys: Set<String>) {
        lastShown = lastShown.filter { keys.contains($0.key) }
        playCount = playCount.filter { keys.contains($0.key) }
    }
}
