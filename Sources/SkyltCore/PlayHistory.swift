public import FoundationEssentials
import Synchronization

/// One slot on the screen as the planner remembers it: a slide, or one of the other slots.
public struct PlayRecord: Sendable, Equatable {
    public var kind: Slot.Kind
    /// `channel/slide` for a slide, nil for the other slots.
    public var key: String?
    /// The slide's channel, nil for the other slots.
    public var channel: String?
    public var start: Date
    public var seconds: Double
    public var urgent: Bool

    /// A slide's record.
    public init(key: String, channel: String, start: Date, seconds: Double, urgent: Bool) {
        kind = .slide
        self.key = key
        self.channel = channel
        self.start = start
        self.seconds = seconds
        self.urgent = urgent
    }

    /// The record of a slot that is not a slide.
    public init(kind: Slot.Kind, start: Date, seconds: Double) {
        self.kind = kind
        key = nil
        channel = nil
        self.start = start
        self.seconds = seconds
        urgent = false
    }

    /// The record of `slot` from `start`, for `seconds`.
    public init(_ slot: Slot, start: Date, seconds: Double) {
        if let slide = slot.slide {
            self.init(key: slide.key, channel: slide.channel, start: start, seconds: seconds, urgent: slide.isUrgent)
        } else {
            self.init(kind: slot.kind, start: start, seconds: seconds)
        }
    }
}

/// Tells apart the lines of one history's records, so that a planner's cache can follow a
/// history record by record instead of reading all of it at every decision. A history changes
/// its line's serial in place only while no other copy shares the line; a copy that records
/// or prunes starts a line of its own. So a line and a serial always mean the same records.
final class HistoryLine: Sendable {
    /// Records made on this line, counting those of the lines it continued. Atomic so the
    /// compiler can check the class; only the one history holding the line changes it.
    private let count: Atomic<Int>

    init(serial: Int = 0) { count = Atomic(serial) }

    var serial: Int { count.load(ordering: .acquiring) }

    /// Only called while the one history holding this line is being changed.
    func advance() { count.add(1, ordering: .releasing) }
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
    /// When each slide arrived in a program that replaced an earlier one: an urgent slide that
    /// arrives while a normal one shows cuts it, one that was there all along does not.
    public private(set) var arrived: [String: Date] = [:]

    public static let recentLimit = 64
    /// Which line of records this is; not part of what a history is, so not compared.
    private(set) var line = HistoryLine()

    public init() {}

    public static func == (a: PlayHistory, b: PlayHistory) -> Bool {
        a.recent == b.recent && a.lastShown == b.lastShown && a.playCount == b.playCount
            && a.channelSeconds == b.channelSeconds && a.accountingDay == b.accountingDay && a.arrived == b.arrived
    }

    public var last: PlayRecord? { recent.last }

    public mutating func record(_ play: PlayRecord, in local: LocalTime) {
        if isKnownUniquelyReferenced(&line) { line.advance() } else { line = HistoryLine(serial: line.serial + 1) }
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
        line = HistoryLine(serial: line.serial)
        lastShown = lastShown.filter { keys.contains($0.key) }
        playCount = playCount.filter { keys.contains($0.key) }
        arrived = arrived.filter { keys.contains($0.key) }
    }

    /// Takes a new program's slides, `keys`, at `date`: notes when each new one arrived and
    /// forgets the slides that left.
    public mutating func arrive(_ keys: Set<String>, at date: Date) {
        prune(keeping: keys)
        for key in keys where arrived[key] == nil { arrived[key] = date }
    }

    /// Shortens the latest record to the seconds it really showed, when something cut it short
    /// after it was recorded at its full length.
    public mutating func shortenLast(to seconds: Double) {
        guard let last = recent.last, seconds < last.seconds else { return }
        // A new line: a cache following this history reads it whole again.
        line = HistoryLine(serial: line.serial)
        recent[recent.count - 1].seconds = seconds
        if !last.urgent, let channel = last.channel, channelSeconds[channel] != nil {
            channelSeconds[channel]! -= last.seconds - seconds
        }
    }
}
